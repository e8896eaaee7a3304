"""Security audit (demo): world-writable files and secrets in config files."""
import re
import stat
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SECRET = re.compile(r"(password|secret|token)\s*=\s*['\"][^'\"]+['\"]", re.IGNORECASE)


def main():
    findings = []
    for path in sorted(ROOT.joinpath("config").rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        if path.stat().st_mode & stat.S_IWOTH:
            findings.append(f"world-writable: {path.relative_to(ROOT)}")
        if path.suffix == ".py" and SECRET.search(path.read_text(encoding="utf-8", errors="replace")):
            findings.append(f"hard-coded secret: {path.relative_to(ROOT)}")
    for finding in findings:
        print(f"[FINDING] {finding}")
    print(f"Security audit: {len(findings)} finding(s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
