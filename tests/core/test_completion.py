"""Shell completion: generated from the parser by shtab, only when asked for."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from threety_tui.cli import main
from threety_tui.cli.completion import script


def complete_in_bash(words: str) -> list[str]:
    """What bash offers after `words` (a trailing space means a new, empty word)."""
    parts = words.split(" ")
    program = (
        f"{script('bash')}\n"
        f"COMP_WORDS=({' '.join(repr(p) for p in parts)})\n"
        f"COMP_CWORD={len(parts) - 1}\n"
        f"COMP_LINE={words!r}; COMP_POINT=${{#COMP_LINE}}\n"
        "_shtab_threety\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile"],
        input=program,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    return sorted(line.strip() for line in result.stdout.splitlines() if line.strip())


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_bash_completes_commands_formats_and_options() -> None:
    assert complete_in_bash("threety ex") == ["export"]
    assert complete_in_bash("threety import ") == ["json", "linkedin", "mail", "vcard"]
    assert complete_in_bash("threety completion ") == ["bash", "zsh"]
    assert "--dry-run" in complete_in_bash("threety import --")
    assert "completion" in complete_in_bash("threety ")


def test_zsh_script_is_a_compdef_for_threety() -> None:
    zsh = script("zsh")
    assert zsh.startswith("#compdef threety")
    for command in ("due", "stats", "demo", "import", "export", "completion"):
        assert command in zsh
    assert "_files" in zsh  # FILE and --db PATH complete file names


def test_the_command_prints_the_script(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "bash"]) == 0
    assert capsys.readouterr().out == script("bash")


def test_an_unknown_shell_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["completion", "fish"])
    assert exit.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_starting_threety_does_not_import_shtab() -> None:
    code = (
        "import sys\n"
        "from threety_tui.cli import main\n"
        "from threety_tui.cli.parser import build_parser\n"
        "build_parser().parse_args(['due'])\n"
        "assert 'shtab' not in sys.modules, 'shtab imported at start-up'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
