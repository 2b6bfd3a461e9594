"""A bug stops the app with one line, never a traceback that prints the user's data.

Textual's own report of an unexpected error is a traceback with the values of
local variables (QA of issue 11, finding 5: the journey's text was printed).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from app_support import WIDE, wait_until

from threety_tui.app import ThreetyApp

SECRET = "Grace Hopper's private note"


async def test_an_unexpected_error_is_one_line_without_the_data(
    demo_db: Path, today: date, capfd: pytest.CaptureFixture[str]
) -> None:
    app = ThreetyApp(db_path=demo_db, today=today)

    def boom() -> None:
        note = SECRET  # a local variable holding personal data
        raise RuntimeError(note)

    with pytest.raises(RuntimeError):
        async with app.run_test(size=WIDE) as pilot:
            app.call_later(boom)
            await wait_until(pilot, lambda: not app.is_running, "the app to stop")
    assert app.return_code == 1
    said = capfd.readouterr().err
    assert said.count("\n") == 1 and said.startswith("threety: stopped by an unexpected error"), (
        said
    )
    assert "RuntimeError at test_app_crash.py:" in said
    assert SECRET not in said and "Traceback" not in said
