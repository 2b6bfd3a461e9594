"""threety: the three-part thank you, in your terminal."""

__version__ = "0.1.0"
