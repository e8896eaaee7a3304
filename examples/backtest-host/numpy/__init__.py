"""Stand-in for numpy in the demo host (standard library only)."""
__version__ = "0.0-demo"
