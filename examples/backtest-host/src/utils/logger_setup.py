"""The system's logger manager: main.log, structured.log (JSON lines) and errors.log (the error-analysis
logger only) under logs/, with rotating handlers, and clean-up of old log files."""
import json
import logging
import logging.handlers
import time
from pathlib import Path

project_root = Path(__file__).resolve().parent.parent.parent
FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"


class JSONLogFormatter(logging.Formatter):
    def format(self, record):
        return json.dumps({"time": self.formatTime(record), "logger": record.name, "level": record.levelname, "message": record.getMessage()})


class EnhancedLoggerManager:
    def __init__(self):
        self.log_dir = project_root / "logs"
        self.log_dir.mkdir(exist_ok=True)
        root = logging.getLogger()
        root.setLevel(logging.INFO)
        main = logging.handlers.RotatingFileHandler(self.log_dir / "main.log", maxBytes=10 * 1024 * 1024, backupCount=5, encoding="utf-8")
        main.setFormatter(logging.Formatter(FORMAT))
        structured = logging.handlers.RotatingFileHandler(self.log_dir / "structured.log", maxBytes=10 * 1024 * 1024, backupCount=5, encoding="utf-8")
        structured.setFormatter(JSONLogFormatter())
        root.addHandler(main)
        root.addHandler(structured)
        errors = logging.handlers.RotatingFileHandler(self.log_dir / "errors.log", maxBytes=10 * 1024 * 1024, backupCount=5, encoding="utf-8")
        errors.setFormatter(JSONLogFormatter())
        self.error_logger = logging.getLogger("error_analysis")
        self.error_logger.addHandler(errors)

    def cleanup_old_logs(self, max_age_days=30):
        cutoff = time.time() - max_age_days * 86400
        for log_file in self.log_dir.glob("*.log*"):
            if log_file.stat().st_mtime < cutoff:
                log_file.unlink()
                logging.info("old log file deleted: %s", log_file.name)


_manager = None


def get_logger_manager():
    global _manager
    if _manager is None:
        _manager = EnhancedLoggerManager()
    return _manager
