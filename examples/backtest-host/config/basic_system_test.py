"""Basic system test (demo): imports, parameters and config files; --partial and --validation variants."""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def check(name, fn):
    try:
        fn()
        print(f"[PASS] {name}")
        return True
    except Exception as error:  # a test report, not a crash
        print(f"[FAIL] {name}: {error}")
        return False


def main():
    parser = argparse.ArgumentParser()
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--partial", action="store_true", help="per-function tests only")
    group.add_argument("--validation", action="store_true", help="validate the config files")
    args = parser.parse_args()

    def params():
        from config.optimized_parameters import OptimizedParameterManager
        OptimizedParameterManager().get("VWAPBreakoutStrategy")

    def strategies():
        import strategies.VWAP_Breakout  # noqa: F401
        import strategies.momentum_investing  # noqa: F401

    def config_files():
        for name in ("optimized_parameters.py", "backtest_config.xlsm"):
            if not (ROOT / "config" / name).is_file():
                raise FileNotFoundError(f"config/{name}")

    checks = [("parameters", params), ("strategies", strategies)]
    if not args.partial:
        checks.append(("config files", config_files))
    label = "validation" if args.validation else "partial" if args.partial else "basic"
    results = [check(name, fn) for name, fn in checks]
    print(f"Basic system test ({label}): {sum(results)}/{len(results)} passed")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
