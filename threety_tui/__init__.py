"""threety: the three-part thank you, in your terminal."""

__version__ = "0.2.0"
