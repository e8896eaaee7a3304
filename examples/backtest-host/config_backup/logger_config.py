"""setup_logger (demo, same signature as the system's): console always, a file only when log_file is given."""
import logging
import os
import sys

FORMAT = "%(asctime)s - %(name)s - %(levelname)s - %(message)s"


def setup_logger(name, level=logging.INFO, log_file=None):
    logger = logging.getLogger(name)
    logger.setLevel(level)
    if not logger.handlers:
        console = logging.StreamHandler(sys.stdout)
        console.setFormatter(logging.Formatter(FORMAT))
        logger.addHandler(console)
        if log_file:
            os.makedirs(os.path.dirname(os.path.abspath(log_file)), exist_ok=True)
            handler = logging.FileHandler(log_file, encoding="utf-8")
            handler.setFormatter(logging.Formatter(FORMAT))
            logger.addHandler(handler)
    return logger
