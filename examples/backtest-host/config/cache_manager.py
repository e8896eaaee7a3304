"""Data cache management (demo): --optimize compacts, --cleanup deletes cached files."""
import argparse
import sys
from pathlib import Path

CACHE = Path(__file__).resolve().parent / "data_cache"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--optimize", action="store_true")
    parser.add_argument("--cleanup", action="store_true")
    args = parser.parse_args()
    files = sorted(p for p in CACHE.glob("*") if p.is_file()) if CACHE.exists() else []
    size = sum(p.stat().st_size for p in files)
    print(f"Cache: {len(files)} files, {size} bytes")
    if args.cleanup:
        for p in files:
            p.unlink()
        print(f"Cache cleanup: removed {len(files)} files")
    elif args.optimize:
        print("Cache optimised: index rebuilt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
