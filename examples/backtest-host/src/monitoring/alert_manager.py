"""Alert manager (demo): alerts live in memory, so a fresh AlertManager has none — klaxon answers "active
alerts" from the alerts it received itself, not from here."""


class AlertManager:
    def __init__(self, config=None):
        self.config = config or {}
        self.active_alerts = []

    def get_active_alerts(self):
        return list(self.active_alerts)
