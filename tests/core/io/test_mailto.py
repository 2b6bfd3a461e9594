"""mailto: URLs (RFC 6068) round-tripped through urllib.parse, and handing them off."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threety_tui.core.io import mailto
from threety_tui.core.text import one_line

URL_CHARS = re.compile(r"^mailto:[A-Za-z0-9%@,._~-]*(\?[A-Za-z0-9%._~=&-]*)?$")


def decode(url: str) -> tuple[list[str], dict[str, str]]:
    """What a mail client reads: recipients and header fields."""
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    to = [unquote(a) for a in parts.path.split(",")] if parts.path else []
    fields = parse_qs(parts.query, keep_blank_values=True, strict_parsing=bool(parts.query))
    assert all(len(values) == 1 for values in fields.values())
    return to, {name: values[0] for name, values in fields.items()}


def test_encoding_per_rfc_6068() -> None:
    url = mailto.mailto_url("grace@example.org", "Thank you", "Hi Grace,\n\nThanks!\n")
    assert url == (
        "mailto:grace@example.org?subject=Thank%20you&body=Hi%20Grace%2C%0D%0A%0D%0AThanks%21%0D%0A"
    )


def test_awkward_characters_round_trip() -> None:
    subject = "Q&A? 100% #1 + more = fun / é ü 日本 🎉"
    body = "Line one & two?\nLine #3: 50% off\r\nwith+plus, and=equals\n\n— Sam ✓"
    url = mailto.mailto_url(["grace@example.org"], subject, body)
    assert URL_CHARS.match(url), url
    assert "+" not in url and " " not in url and "%20" in url
    to, fields = decode(url)
    assert to == ["grace@example.org"]
    assert fields["subject"] == subject
    assert fields["body"] == body.replace("\r\n", "\n").replace("\n", "\r\n")
    assert "%0D%0A" in url and "%0A%0D" not in url.replace("%0D%0A", "")


def test_several_recipients() -> None:
    url = mailto.mailto_url('a@x.org, Grace Hopper <g@y.org>; "Lovelace, Ada" <ada@z.org>')
    assert url == "mailto:a@x.org,g@y.org,ada@z.org"
    to, fields = decode(url)
    assert (to, fields) == (["a@x.org", "g@y.org", "ada@z.org"], {})
    assert decode(mailto.mailto_url(["a@x.org", "b@y.org"], "Hi"))[0] == ["a@x.org", "b@y.org"]


def test_unicode_and_reserved_characters_in_addresses() -> None:
    url = mailto.mailto_url("josé@exämple.org, odd%name?x@y.org")
    assert URL_CHARS.match(url), url
    assert decode(url)[0] == ["josé@exämple.org", "odd%name?x@y.org"]


def test_subject_is_one_line_and_empty_fields_are_left_out() -> None:
    assert mailto.mailto_url("", "Hello\r\nBcc: evil@x.org", "") == (
        "mailto:?subject=Hello%20Bcc%3A%20evil%40x.org"
    )
    assert mailto.mailto_url("", "", "") == "mailto:"
    assert decode(mailto.mailto_url([], "", "body"))[1] == {"body": "body"}


@settings(max_examples=150, deadline=None)
@given(
    to=st.lists(
        st.from_regex(
            r"[a-z0-9_+%-]{1,6}(\.[a-z0-9_+%-]{1,5})?@[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?\.[a-z]{2,4}",
            fullmatch=True,
        ),
        max_size=3,
    ),
    subject=st.text(st.characters(exclude_categories=("Cs",))),
    body=st.text(st.characters(exclude_categories=("Cs",))),
)
def test_round_trip_through_urllib(to: list[str], subject: str, body: str) -> None:
    url = mailto.mailto_url(to, subject, body)
    assert URL_CHARS.match(url), url
    got_to, fields = decode(url)
    assert got_to == to
    assert fields.get("subject", "") == one_line(subject)
    expected = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert fields.get("body", "") == expected


def test_lone_surrogates_do_not_raise() -> None:
    url = mailto.mailto_url("a@x.org", "bad \ud800 subject", "bad \udfff body")
    assert URL_CHARS.match(url), url
    assert decode(url)[1] == {"subject": "bad \ufffd subject", "body": "bad \ufffd body"}


# -- open_url ------------------------------------------------------------------


class FakePopen:
    calls: list[tuple[list[str], dict[str, Any]]] = []
    exit_code: int | None = 0

    def __init__(self, args: list[str], **kwargs: Any) -> None:
        FakePopen.calls.append((args, kwargs))

    def poll(self) -> int | None:
        return FakePopen.exit_code


@pytest.fixture
def linux(monkeypatch: pytest.MonkeyPatch) -> type[FakePopen]:
    FakePopen.calls = []
    FakePopen.exit_code = 0
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr(mailto.shutil, "which", lambda name: f"/usr/bin/{name}")
    monkeypatch.setattr(mailto.subprocess, "Popen", FakePopen)
    return FakePopen


URL = "mailto:grace@example.org?subject=Hi%20there"


def test_open_url_hands_the_url_to_xdg_open_detached(linux: type[FakePopen]) -> None:
    assert mailto.open_url(URL) is True
    ((args, kwargs),) = linux.calls
    assert args == ["/usr/bin/xdg-open", URL]
    assert kwargs["start_new_session"] is True
    assert kwargs.get("shell", False) is False
    assert kwargs["stdin"] == kwargs["stdout"] == kwargs["stderr"] == subprocess.DEVNULL


def test_open_url_reports_a_handler_that_fails(linux: type[FakePopen]) -> None:
    linux.exit_code = 3  # xdg-open: no application for mailto:
    assert mailto.open_url(URL) is False


def test_open_url_does_not_wait_for_a_running_client(linux: type[FakePopen]) -> None:
    linux.exit_code = None
    assert mailto.open_url(URL, grace=0.05) is True


def test_open_url_without_a_handler(
    linux: type[FakePopen], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mailto.shutil, "which", lambda name: None)
    assert mailto.open_url(URL) is False
    assert linux.calls == []


def test_open_url_without_a_display(
    linux: type[FakePopen], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DISPLAY")
    assert mailto.open_url(URL) is False
    assert linux.calls == []
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert mailto.open_url(URL) is True


def test_open_url_never_raises(linux: type[FakePopen], monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(mailto.subprocess, "Popen", broken)
    assert mailto.open_url(URL) is False


def test_open_url_on_macos(linux: type[FakePopen], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delenv("DISPLAY")
    assert mailto.open_url(URL) is True
    assert linux.calls[0][0] == ["/usr/bin/open", URL]


def test_open_url_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(os, "startfile", opened.append, raising=False)
    assert mailto.open_url(URL) is True
    assert opened == [URL]

    def no_association(url: str) -> None:
        raise OSError("No application is associated with the specified file")

    monkeypatch.setattr(os, "startfile", no_association, raising=False)
    assert mailto.open_url(URL) is False


@pytest.mark.skipif(sys.platform == "win32", reason="runs a POSIX shell script")
def test_open_url_runs_a_real_handler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stand-in xdg-open on PATH: it receives the URL as one argument; its failure is seen."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    seen = tmp_path / "seen.txt"
    handler = bin_dir / "xdg-open"
    handler.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{seen}"\nexit "${{FAKE_EXIT:-0}}"\n')
    handler.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")
    url = mailto.mailto_url("grace@example.org", "It's $HOME; `rm -rf`", "a & b\n")
    assert mailto.open_url(url, grace=5) is True
    assert seen.read_text() == url
    monkeypatch.setenv("FAKE_EXIT", "3")
    assert mailto.open_url(url, grace=5) is False


def test_importable_without_textual() -> None:
    code = (
        "import sys\n"
        "import threety_tui.core.io.mailto, threety_tui.core.io.ics, threety_tui.core.stats\n"
        "import threety_tui.cli.report, threety_tui.cli.calendar\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'textual'], 'textual imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
