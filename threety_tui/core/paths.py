"""Where threety keeps its files."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "threety"
DB_ENV = "THREETY_DB"


def data_dir() -> Path:
    # Imported here: `threety due --db ...` in a cron job never needs it.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def default_db_path() -> Path:
    """`--db` wins over this; then `THREETY_DB`; then the platform's data folder."""
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env).expanduser()
    return data_dir() / "threety.json"


def resolve_db_path(cli_value: str | os.PathLike[str] | None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser()
    return default_db_path()
