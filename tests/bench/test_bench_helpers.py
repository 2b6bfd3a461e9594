"""The bench's own pieces: key latencies, percentiles, the pseudo-terminal, --markdown."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from bench.report import percentile
from bench.terminal import NAMES, Gone, Terminal

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "probes"))

from keys import latencies  # noqa: E402  (a probe helper: the probes run as scripts)

MARKDOWN = [sys.executable, "-m", "bench", "--smoke", "--only", "commands", "--markdown"]


def test_a_key_counts_from_its_press_to_the_first_frame_that_changed() -> None:
    frames = [(0.5, "a"), (1.004, "a"), (1.010, "ab"), (2.020, "abc")]
    assert latencies([1.0, 2.0], frames, before="a") == pytest.approx([10.0, 20.0])


def test_keys_queued_behind_a_stall_all_wait_for_the_frame_that_shows_them() -> None:
    frames = [(1.300, "abc")]
    assert latencies([1.0, 1.1, 1.2], frames, before="a") == pytest.approx([300, 200, 100])


def test_a_change_after_the_next_key_is_none_when_asked_by_next() -> None:
    frames = [(1.15, "x")]
    assert latencies([1.0, 1.1], frames, before="", by_next=True) == [None, pytest.approx(50)]
    assert latencies([1.0], [], before="") == [None]


def test_percentile_is_the_nearest_rank() -> None:
    values = list(range(1, 101))
    assert percentile(values, 0.9) == 90
    assert percentile(values, 0.99) == 99
    assert percentile([5.0], 0.9) == 5.0


def test_terminal_sees_output_sends_keys_and_times_the_exit(tmp_path: Path) -> None:
    script = tmp_path / "echo.py"
    script.write_text(
        textwrap.dedent(
            """
            import os, sys, tty
            tty.setraw(0)
            cols, rows = os.get_terminal_size(0)
            sys.stdout.write(f"{cols}x{rows} Grace Chen\\r\\n"); sys.stdout.flush()
            while os.read(0, 1) != b"q":
                pass
            """
        )
    )
    with Terminal([sys.executable, str(script)], columns=120, rows=40) as term:
        shown = term.wait_for(NAMES, timeout=30)
        assert shown >= term.started
        assert "120x40" in term.text()
        pressed = term.send(b"q")
        gone = term.wait_gone(30)
        assert gone is not None and gone >= pressed
        assert term.status == 0
        with pytest.raises(Gone):
            term.wait_for(re.compile(rb"never printed"), timeout=5)


def test_markdown_block_names_the_commit_and_the_rows(tmp_path: Path) -> None:
    done = subprocess.run(
        [*MARKDOWN, "--out", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.splitlines()
    assert lines[0].startswith("threety benchmark, ") and lines[0].endswith("  ")
    assert any(line.startswith("Commit: ") for line in lines)
    assert any(line.startswith("| `threety due`, 100 contacts") for line in lines)
    assert any(re.fullmatch(r"\d+ PASS, \d+ FAIL\.", line) for line in lines)
    assert (tmp_path / "table.md").read_text().splitlines() == lines
