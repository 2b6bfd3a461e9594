"""The README's promises: the two quick-start commands, CI running the same test
command, and a key table that matches the actions the app really defines."""

from __future__ import annotations

import re
from pathlib import Path

from threety_tui.actions import COMMANDS, display

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)


def test_quick_start_has_exactly_two_commands_each_making_its_own_venv() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    for command in commands:
        assert "\n" not in command
        assert command.startswith("python3 -m venv .venv && .venv/bin/pip install")
    assert commands[0].endswith(".venv/bin/threety demo")
    assert commands[1].endswith(".venv/bin/pytest")


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci.splitlines()


def test_key_table_matches_the_actions() -> None:
    rows = re.findall(r"^\| ?(`[^`]+`)? ?\| ([^|]+?) \| [^|]+ \|$", README, flags=re.M)
    documented = {title: key.strip("`") for key, title in rows if title != "palette title"}
    for command in COMMANDS:
        assert command.title in documented, f"{command.title} missing from the README"
        # An editor-only command is documented with its control key ("ctrl+n").
        key = command.key_display if command.key else display(command.editor_key or "")
        assert documented[command.title] == key, command.title
