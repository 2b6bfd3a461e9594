"""A file that is not a usable threety database is never touched.

For every case the CLI exits 2 with one line on stderr naming the file and the
problem (no traceback), through the read-only path (`threety due`) and the
writer paths (`threety demo`, `threety` opening the app, `Store.open`); and the
file is byte-for-byte unchanged, mtime included.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from core_support import cli_env, run_python, run_threety, threety_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threety_tui.core import demo
from threety_tui.core.db.schema import SCHEMA_VERSION
from threety_tui.core.errors import DatabaseError
from threety_tui.core.store import Store


def threety_doc(**tables: Any) -> dict[str, Any]:
    """A sound threety database (a fresh copy every time) with some tables replaced."""
    meta = {"1": {"app": "threety", "schema": SCHEMA_VERSION, "settings": {}}}
    return {"meta": meta, "contacts": {}, "meetings": {}, "messages": {}} | tables


def write(name: str, content: bytes | str | Any) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content)
        else:
            path.write_text(json.dumps(content, indent=1))
        return path

    return make


def truncated(folder: Path) -> Path:
    """A real threety database cut off half way."""
    whole = folder / "whole.json"
    with Store.open(whole) as store:
        demo.populate(store, date(2026, 11, 25))
    raw = whole.read_bytes()
    path = folder / "truncated.json"
    path.write_bytes(raw[: len(raw) // 2])
    for extra in folder.iterdir():
        if extra != path:
            extra.unlink()
    return path


def directory(folder: Path) -> Path:
    path = folder / "adir.json"
    path.mkdir()
    (path / "inside.txt").write_text("x")
    return path


BAD_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "garbage text": (write("garbage.json", "Dear diary, today I met Grace.\n"), "not valid JSON"),
    "garbage bytes": (write("noise.json", bytes(range(1, 256)) * 8), "not a threety database"),
    "not utf-8": (write("latin1.json", "caf\u00e9 {}".encode("latin-1")), "not UTF-8"),
    "binary file": (
        write("image.json", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)),
        "binary",
    ),
    "truncated JSON": (truncated, "truncated"),
    "a JSON list": (write("list.json", [1, 2, 3]), "a list at the top"),
    "a JSON string": (write("string.json", '"threety"'), "a string at the top"),
    "JSON null": (write("null.json", "null"), "not a threety database"),
    "object without threety meta": (
        write("other.json", {"name": "x", "items": []}),
        "no threety meta",
    ),
    "plain TinyDB file": (write("tiny.json", {"_default": {}}), "no threety meta"),
    "another app's meta": (
        write("meta.json", {"meta": {"1": {"app": "other"}}}),
        "no threety meta",
    ),
    "newer schema": (
        write("newer.json", {"meta": {"1": {"app": "threety", "schema": 99}}}),
        "newer threety",
    ),
    "bad schema version": (
        write("badver.json", {"meta": {"1": {"app": "threety", "schema": "one"}}}),
        "schema version",
    ),
    "a directory": (directory, "is a directory"),
    "a number of 4,400 digits": (
        write(
            "hugenum.json",
            '{"meta": {"1": {"app": "threety", "schema": 1}}, "contacts": {"1": {"name": "A",'
            ' "cadence_days": ' + "9" * 4400 + "}}}",
        ),
        "cannot be read (a number of 4,400 digits, more than the 4,300 a number may have)",
    ),
    "a schema version of 4,400 digits": (
        lambda folder: _with_meta_line(folder, b'"schema": ' + b"7" * 4400),
        "is damaged: meta document 1 is not valid JSON (a number of 4,400 digits, more than",
    ),
    "table that is not an object": (
        write("badtable.json", threety_doc(meetings=[{"contact_id": 1}])),
        "meetings table is not an object",
    ),
}

DAMAGED_RECORDS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "contact without a name": (
        write("noname.json", threety_doc(contacts={"1": {"email": "a@b.c"}})),
        "contacts document 1 has no name",
    ),
    "meeting with a broken date": (
        write(
            "baddate.json",
            threety_doc(
                contacts={"1": {"name": "A"}}, meetings={"1": {"contact_id": 1, "when": "soon"}}
            ),
        ),
        "meetings document 1 has no valid date",
    ),
    "message that is not an object": (
        write("badmsg.json", threety_doc(messages={"1": "hello"})),
        "messages document 1 is not an object",
    ),
    "id that is not a number": (
        write("badid.json", threety_doc(contacts={"first": {"name": "A"}, "2": {"name": "B"}})),
        "contacts document first has an id that is not a number",
    ),
}


def _with_meta_line(folder: Path, schema: bytes) -> Path:
    """A database in threety's own layout whose meta line holds `schema` as its version."""
    path = folder / "meta.json"
    with Store.open(path) as store:
        demo.populate(store, date(2026, 11, 25))
    raw = path.read_bytes()
    current = b'"schema": %d' % SCHEMA_VERSION
    assert current in raw
    path.write_bytes(raw.replace(current, schema, 1))
    for extra in folder.iterdir():
        if extra != path:
            extra.unlink()
    return path


def snapshot(path: Path) -> tuple[Any, ...]:
    """Everything that must not change: bytes (or a folder's listing), mtime, mode, inode."""
    st = os.stat(path)
    content: Any = sorted(os.listdir(path)) if path.is_dir() else path.read_bytes()
    return content, st.st_mtime_ns, st.st_mode, st.st_ino, st.st_size


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """The one line a failed command printed; it must be all there is."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert result.stdout == ""
    return lines[0]


@pytest.fixture(params=list(BAD_FILES), ids=list(BAD_FILES))
def bad_file(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "data"
    folder.mkdir()
    maker, problem = BAD_FILES[request.param]
    return maker(folder), problem


def test_every_command_refuses_and_leaves_the_file_alone(
    bad_file: tuple[Path, str],
    tmp_path: Path,
) -> None:
    path, problem = bad_file
    before = snapshot(path)
    neighbours = sorted(os.listdir(path.parent))
    results = {
        # One real process each (the others are the same `main`, in this process).
        "due": run_threety("due", "--db", path, tmp=tmp_path, process=True, timeout=30),
        "due --json": run_threety("due", "--json", "--db", path, tmp=tmp_path),
        "demo": run_threety("demo", "--db", path, "--no-open", tmp=tmp_path),
        # The writer the app uses: the file is reported before Textual starts.
        "app": run_threety("--db", path, tmp=tmp_path),
    }
    for name, result in results.items():
        line = error_line(result)
        assert line.startswith(f"threety: {path}: "), (name, line)
        if name == "demo" and "is a directory" not in line:
            # The demo refuses any non-empty file before looking inside it.
            assert "is not empty" in line, line
        else:
            assert problem in line, (name, line)
    assert snapshot(path) == before
    # Nothing else appeared beside it but the writer's lock file.
    lock = f"{path.name}.lock"
    assert sorted(set(os.listdir(path.parent)) - {lock}) == neighbours


@pytest.fixture(params=list(DAMAGED_RECORDS), ids=list(DAMAGED_RECORDS))
def damaged_record(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, str]:
    folder = tmp_path / "data"
    folder.mkdir()
    maker, problem = DAMAGED_RECORDS[request.param]
    return maker(folder), problem


def test_a_damaged_record_is_skipped_named_once_and_kept_by_every_command(
    damaged_record: tuple[Path, str],
    tmp_path: Path,
) -> None:
    path, problem = damaged_record
    before = snapshot(path)
    kept = json.loads(path.read_bytes())
    readers = {
        # One real process each (the others are the same `main`, in this process).
        "due": run_threety("due", "--db", path, tmp=tmp_path, process=True, timeout=30),
        "due --json": run_threety("due", "--json", "--db", path, tmp=tmp_path),
        "stats": run_threety("stats", "--db", path, tmp=tmp_path),
        "stats --json": run_threety("stats", "--json", "--db", path, tmp=tmp_path),
        "export json": run_threety(
            "export", "json", tmp_path / "backup.json", "--db", path, tmp=tmp_path
        ),
        # QA of issue 11, finding 9:
        "export journey": run_threety(
            "export", "journey", tmp_path / "journey.md", "--db", path, tmp=tmp_path
        ),
    }
    for name, result in readers.items():
        assert result.returncode == 0, (name, result.stderr)
        [line] = result.stderr.splitlines()  # named once
        assert line.startswith(f"threety: {path}: is damaged: "), (name, line)
        assert problem in line and line.endswith("skipped (kept in the file as it is)"), line
    assert snapshot(path) == before
    csv = tmp_path / "Connections.csv"
    csv.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nKim,Lee,,,,,\n"
    )
    result = run_threety("import", "linkedin", csv, "--db", path, tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    [line] = result.stderr.splitlines()
    assert problem in line and "skipped" in line
    after = json.loads(path.read_bytes())
    for table, docs in kept.items():  # every document kept, the damaged one included
        if isinstance(docs, dict):
            assert {k: v for k, v in after[table].items() if k in docs} == docs, table
    assert "Kim Lee" in [doc.get("name") for doc in after["contacts"].values()]


def test_store_open_refuses_and_leaves_the_file_alone(bad_file: tuple[Path, str]) -> None:
    path, problem = bad_file
    before = snapshot(path)
    for readonly in (True, False):
        with pytest.raises(DatabaseError) as caught:
            Store.open(path, readonly=readonly)
        message = str(caught.value)
        assert message.startswith(f"{path}: ") and problem in message
        assert "\n" not in message
        assert caught.value.path == path
    assert snapshot(path) == before
    # The failed writer released its lock: the next error is about the file again.
    with pytest.raises(DatabaseError, match=re.escape(problem)):
        Store.open(path)


def test_an_empty_file_is_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "empty.json"
    path.touch()
    due = run_threety("due", "--db", path, tmp=tmp_path)
    assert due.returncode == 0, due.stderr
    assert "Nothing due" in due.stdout
    assert path.read_bytes() == b""  # a reader never writes
    demo = run_threety("demo", "--db", path, "--no-open", tmp=tmp_path)
    assert demo.returncode == 0, demo.stderr
    with Store.open(path, readonly=True) as store:
        assert len(store.contacts()) >= 10


# -- no permission ---------------------------------------------------------------------

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2
NOBODY = 65534


def without_root_powers() -> None:
    """In a child before exec: lose root's power to read any file.

    Dropping the two DAC capabilities keeps uid 0, so the interpreter stays
    readable wherever it is installed (e.g. under /root); where that is not
    allowed, become an unprivileged user instead.
    """
    libc = ctypes.CDLL(None, use_errno=True)
    if all(
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH)
    ):
        return
    os.setgroups([])
    os.setgid(NOBODY)
    os.setuid(NOBODY)


def unprivileged(args: list[str], tmp: Path) -> subprocess.CompletedProcess[str]:
    """Run `args` so that file permissions apply, even when the tests run as root."""
    return subprocess.run(
        args,
        capture_output=True,
        text=True,
        env=cli_env(tmp),
        stdin=subprocess.DEVNULL,
        timeout=30,
        preexec_fn=without_root_powers if os.geteuid() == 0 else None,
    )


STORE_OPEN = """
import sys
from threety_tui.core.errors import DatabaseError
from threety_tui.core.store import Store
for readonly in (True, False):
    try:
        Store.open(sys.argv[1], readonly=readonly)
    except DatabaseError as error:
        print(error)
"""


def unreadable_file(folder: Path) -> Path:
    path = folder / "secret.json"
    path.write_text(json.dumps(threety_doc(contacts={"1": {"name": "Grace"}})))
    path.chmod(0o000)
    return path


def unreachable_file(folder: Path) -> Path:
    inner = folder / "locked-folder"
    inner.mkdir()
    path = inner / "threety.json"
    path.write_text(json.dumps(threety_doc()))
    inner.chmod(0o000)
    return path


@pytest.mark.parametrize("make", [unreadable_file, unreachable_file])
def test_no_permission(make: Callable[[Path], Path], tmp_path: Path) -> None:
    folder = tmp_path / "perm"
    folder.mkdir()
    folder.chmod(0o777)  # an unprivileged writer may create its lock file here
    path = make(folder)
    try:
        probe = unprivileged([sys.executable, "-c", f"open({str(path)!r}).read()"], tmp_path)
        assert "PermissionError" in probe.stderr, "the child can still read the file"
        before = snapshot(path)
        for args in (
            ["due", "--db"],
            ["due", "--json", "--db"],
            ["--db"],
            ["demo", "--no-open", "--db"],
        ):
            line = error_line(unprivileged([*threety_command(), *args, str(path)], tmp_path))
            assert line.startswith(f"threety: {path}: "), line
            if args[0] == "demo" and "is not empty" in line:
                continue  # the demo refuses a non-empty file before reading it
            assert "ermission denied" in line, line
        opened = unprivileged([sys.executable, "-c", STORE_OPEN, str(path)], tmp_path)
        assert opened.returncode == 0, opened.stderr
        messages = opened.stdout.splitlines()
        assert len(messages) == 2, opened.stdout
        assert all(m.startswith(f"{path}: ") and "ermission denied" in m for m in messages)
        assert snapshot(path) == before
    finally:
        path.parent.chmod(0o700)
        if path.exists():
            path.chmod(0o600)


def test_the_probe_really_runs_unprivileged(tmp_path: Path) -> None:
    """Guard for the test above: a readable file is still readable in the child."""
    path = tmp_path / "open.txt"
    path.write_text("hello")
    path.chmod(0o644)
    tmp_path.chmod(0o755)
    result = run_python(f"print(open({str(path)!r}).read())")
    assert result.stdout.strip() == "hello"
    child = unprivileged([sys.executable, "-c", f"print(open({str(path)!r}).read())"], tmp_path)
    assert child.stdout.strip() == "hello", child.stderr


def test_the_error_line_stays_one_plain_line_for_any_file_name(tmp_path: Path) -> None:
    path = tmp_path / "bad\nname \x1b[31mred\u202e.json"
    path.write_text("not json")
    line = error_line(run_threety("due", "--db", path, tmp=tmp_path))
    assert "\x1b" not in line and "\u202e" not in line
    assert "bad\u240aname \u241b[31mred<U+202E>.json: is not valid JSON" in line


# -- any damage to any field: loads and works, or is refused in one line ----------------

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False)
    | st.text(max_size=8)
    | st.sampled_from(["2026-11-20", "9999-12-31", "0001-01-01", "2026-11-20T10:00:00+00:00"])
    | st.sampled_from(["thank_you", "follow_up", "sent", "draft", "booster", "done", "coffee"]),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=5,
)
FIELDS = {
    "contacts": ["name", "email", "kind", "tags", "notes", "cadence_days", "created", "deleted"],
    "meetings": ["contact_id", "when", "time", "channel", "insights", "snoozed_until", "closed"],
    "insight": ["id", "text", "favourite", "status", "benefit", "done"],
    "messages": [
        "contact_id", "meeting_id", "kind", "parts", "status", "sent", "next_due",
        "snoozed_until", "closed", "created", "insight_id",
    ],
    "settings": ["your_name", "cadence_booster", "cadence_obligate", "theme"],
}  # fmt: skip


def sound_database() -> dict[str, Any]:
    return threety_doc(
        contacts={"1": {"name": "Grace", "kind": "booster"}, "2": {"name": "Alan"}},
        meetings={
            "1": {
                "contact_id": 1,
                "when": "2026-10-01",
                "insights": [{"id": "a", "text": "Read the press", "favourite": True}],
            }
        },
        messages={
            "1": {
                "contact_id": 1,
                "meeting_id": 1,
                "kind": "thank_you",
                "status": "sent",
                "sent": "2026-10-02",
                "next_due": "2026-11-01",
            }
        },
    )


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    damage=st.lists(
        st.tuples(st.sampled_from(sorted(FIELDS)), st.integers(0, 20), JSON_VALUES),
        min_size=1,
        max_size=4,
    )
)
def test_any_damaged_field_is_read_or_refused_never_a_traceback(
    damage: list[tuple[str, int, Any]],
    tmp_path: Path,
) -> None:
    data = sound_database()
    for where, index, value in damage:
        name = FIELDS[where][index % len(FIELDS[where])]
        meta = data["meta"]["1"]
        if where == "settings":
            if index == 20 or not isinstance(meta["settings"], dict):
                meta["settings"] = value
            else:
                meta["settings"][name] = value
        elif where == "insight":
            insights = data["meetings"]["1"].get("insights")
            if isinstance(insights, list) and insights and isinstance(insights[0], dict):
                insights[0][name] = value
        else:
            data[where]["1"][name] = value
    path = tmp_path / f"damaged-{abs(hash(repr(damage)))}.json"
    path.write_text(json.dumps(data))
    before = snapshot(path)
    result = run_threety("due", "--json", "--days", "36500", "--db", path, tmp=tmp_path)
    if result.returncode == 0:
        json.loads(result.stdout)
        # What reads can be written back: every model survives a save.
        with Store.open(path) as store:
            for contact in store.contacts():
                store.update_contact(contact)
                store.status_of(contact.id, date(2026, 11, 25))
            for meeting in store.all_meetings():
                store.update_meeting(meeting)
            for message in store.all_messages():
                store.save_message(message)
            store.update_settings(store.settings)
            store.reminders(date(2026, 11, 25))
    else:
        line = error_line(result)
        assert line.startswith(f"threety: {path}: is damaged"), line
        assert snapshot(path) == before
