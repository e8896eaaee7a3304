"""Logging set-up shared by the demo scripts: <name> logs go to logs/<name>.log."""
import logging
from pathlib import Path

LOG_DIR = Path(__file__).resolve().parent.parent / "logs"
FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"


def setup_logger(name):
    LOG_DIR.mkdir(exist_ok=True)
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.FileHandler(LOG_DIR / f"{name}.log", encoding="utf-8")
        handler.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    return logger
