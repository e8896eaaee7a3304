"""Coordination interface (demo): status and a dry coordination of strategy names."""


class MultiStrategyCoordinationInterface:
    def get_system_status(self):
        return {"coordination": {"state": "idle"}}

    def execute_strategy_coordination(self, strategies):
        return {"success": bool(strategies), "strategies": list(strategies)}

    def shutdown(self):
        return True
