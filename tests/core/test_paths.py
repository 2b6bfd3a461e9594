"""Where the database lives: platformdirs by default, THREETY_DB, then --db."""

from __future__ import annotations

import stat
from pathlib import Path

import platformdirs
import pytest
from core_support import cli_env, run_threety

from threety_tui.core.paths import DB_ENV, default_db_path, resolve_db_path
from threety_tui.core.store import Store


def test_default_is_threety_json_in_the_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    expected = platformdirs.user_data_path("threety", appauthor=False) / "threety.json"
    assert default_db_path() == expected
    assert expected.parent.name == "threety"
    assert resolve_db_path(None) == expected
    assert resolve_db_path("") == expected


def test_threety_db_overrides_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.json"))
    assert default_db_path() == tmp_path / "env.json"
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv(DB_ENV, "~/tilde.json")
    assert default_db_path() == tmp_path / "tilde.json"


def test_db_option_overrides_threety_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DB_ENV, str(tmp_path / "env.json"))
    assert resolve_db_path(tmp_path / "cli.json") == tmp_path / "cli.json"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert resolve_db_path("~/x.json") == tmp_path / "x.json"


def test_the_cli_uses_db_then_threety_db_then_the_data_dir(tmp_path: Path) -> None:
    """A garbage file named by each source shows which one the CLI read."""
    env = cli_env(tmp_path)
    data_home = Path(env["XDG_DATA_HOME"]) / "threety"
    data_home.mkdir(parents=True)
    for name in ("env", "option"):
        (tmp_path / f"{name}.json").write_text(f"not json {name}")
    (data_home / "threety.json").write_text("not json default")

    result = run_threety("due", tmp=tmp_path, env=env)
    assert result.returncode == 2
    assert str(data_home / "threety.json") in result.stderr

    env[DB_ENV] = str(tmp_path / "env.json")
    result = run_threety("due", tmp=tmp_path, env=env)
    assert result.returncode == 2
    assert str(tmp_path / "env.json") in result.stderr

    result = run_threety("due", "--db", tmp_path / "option.json", tmp=tmp_path, env=env)
    assert result.returncode == 2
    assert str(tmp_path / "option.json") in result.stderr
    assert "env.json" not in result.stderr


def test_first_run_creates_the_default_file_0600_in_a_0700_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_db_path()
    assert not path.parent.exists()
    Store.open(path).close()
    assert path.parent == tmp_path / "data" / "threety"
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
