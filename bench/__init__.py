"""The threety benchmark (not a test): `python -m bench --help`."""
