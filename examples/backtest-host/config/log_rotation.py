"""Log rotation (demo): moves logs/*.log larger than the limit to logs/*.log.1."""
import sys
from pathlib import Path

LOGS = Path(__file__).resolve().parent.parent / "logs"
LIMIT = 1024 * 1024


def main():
    rotated = 0
    for log in sorted(LOGS.glob("*.log")):
        if log.stat().st_size > LIMIT:
            log.replace(log.with_suffix(".log.1"))
            log.touch()
            rotated += 1
    print(f"Log rotation: {rotated} file(s) rotated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
