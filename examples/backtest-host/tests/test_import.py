import importlib

import pytest


@pytest.mark.parametrize("module", ["strategies.VWAP_Breakout", "strategies.Momentum_Investing", "config.optimized_parameters"])
def test_module_imports(module):
    assert importlib.import_module(module) is not None
