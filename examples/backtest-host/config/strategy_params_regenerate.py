"""Regenerates config/strategy_params.json from the optimised parameters (demo)."""
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from config.optimized_parameters import OPTIMIZED, PARAMS_FILE  # noqa: E402


def main():
    PARAMS_FILE.write_text(json.dumps(OPTIMIZED, indent=2, sort_keys=True), encoding="utf-8")
    print(f"Regenerated {PARAMS_FILE.name} with {len(OPTIMIZED)} strategies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
