"""
Module: Main (非アクティブ)
File: main.py
Description:
  The old multi-strategy entry point, kept for reference and no longer used. It reads no arguments:
  every flag the runbook gives it is ignored. The live entry point is src/dssms/dssms_integrated_main.py.

Status: INACTIVE
"""
import sys

if __name__ == "__main__":
    print("main.py is inactive (legacy multi-strategy backtest); arguments ignored:", " ".join(sys.argv[1:]) or "none")
    print("Use src/dssms/dssms_integrated_main.py")
