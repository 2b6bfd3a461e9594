"""Allow ``python -m threety_tui``."""

from threety_tui.cli import main

raise SystemExit(main())
