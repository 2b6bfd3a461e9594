"""A table or a document id that appears twice: the file is refused whole, never rewritten.

No JSON reader can hold both (stock TinyDB keeps the last); reading one and
writing the file back would silently drop the other (QA of issue 11, finding 2).
So every way of opening refuses it in one line, naming the id and its line,
and leaves it byte for byte as it was.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from core_support import run_threety

from threety_tui.core.errors import NotADatabase
from threety_tui.core.lock import lock_path
from threety_tui.core.store import Store


def lines_of(path: Path) -> list[bytes]:
    return path.read_bytes().split(b"\n")


def repeat_line(path: Path, table: str, key: str) -> int:
    """Write the line of `table`'s document `key` twice (the copy changed); its line number."""
    lines = lines_of(path)
    start = lines.index(f'"{table}": {{'.encode())
    at = next(i for i in range(start, len(lines)) if lines[i].startswith(f'"{key}": {{'.encode()))
    line = lines[at]
    other = re.sub(rb'"notes": "[^"]*"', b'"notes": "THE OTHER ONE"', line, count=1)
    if not line.endswith(b","):  # the table's last document: the copy is the last now
        lines[at] = line + b","
    lines.insert(at + 1, other)
    path.write_bytes(b"\n".join(lines))
    return at + 2  # 1-based number of the copy's line


def repeat_table(path: Path, table: str) -> int:
    """Add a second `table` table after the first one; its line number."""
    lines = lines_of(path)
    start = lines.index(f'"{table}": {{'.encode())
    end = lines.index(b"},", start)
    block = lines[start : end + 1]
    lines[end + 1 : end + 1] = block
    path.write_bytes(b"\n".join(lines))
    return end + 2


def meeting_twice(path: Path) -> tuple[str, int | None]:
    return "meetings document 2", repeat_line(path, "meetings", "2")


def contact_twice(path: Path) -> tuple[str, int | None]:
    repeat_line(path, "contacts", "3")
    return "contacts document 3", None


def meetings_table_twice(path: Path) -> tuple[str, int | None]:
    return "the table 'meetings'", repeat_table(path, "meetings")


def hand_edited_file(path: Path) -> tuple[str, int | None]:
    """Pretty-printed (not threety's layout), a message id written twice by hand."""
    data = json.loads(path.read_bytes())
    text = json.dumps(data, indent=2)
    first = json.dumps(data["messages"]["1"], indent=2).replace("\n", "\n    ")
    text = text.replace('"messages": {', '"messages": {\n    "1": ' + first + ",", 1)
    path.write_text(text)
    return "messages document 1", None


DAMAGE: list[Callable[[Path], tuple[str, int | None]]] = [
    meeting_twice,
    contact_twice,
    meetings_table_twice,
    hand_edited_file,
]


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the (shared, read-only) demo database."""
    path = tmp_path / "threety.json"
    path.write_bytes(demo_db.read_bytes())
    return path


@pytest.fixture(params=DAMAGE, ids=lambda damage: damage.__name__)
def repeated(request: pytest.FixtureRequest, db: Path) -> tuple[Path, str, bytes]:
    what, line = request.param(db)
    where = f" (again at line {line:,})" if line else ""
    return db, f"{what} appears twice{where}", db.read_bytes()


OPENINGS: dict[str, Callable[[Path], object]] = {
    "writer": lambda path: Store.open(path).close(),
    "reader": lambda path: Store.open(path, readonly=True).close(),
    "app": lambda path: _two_steps(path),
}


def _two_steps(path: Path) -> None:
    store = Store.open(path, autoflush=False, defer=True)
    try:
        store.load_rest()
        store.add_contact(store.contacts()[0])  # a change: must never be written
    finally:
        store.close()


@pytest.mark.parametrize("opening", OPENINGS, ids=str)
def test_every_way_of_opening_refuses_it_and_leaves_it_as_it_was(
    repeated: tuple[Path, str, bytes], opening: str
) -> None:
    path, problem, before = repeated
    with pytest.raises(NotADatabase) as caught:
        OPENINGS[opening](path)
    assert problem in str(caught.value), str(caught.value)
    assert "\n" not in str(caught.value)
    assert path.read_bytes() == before
    if opening == "writer":  # refused while opening: the lock it took is removed again
        assert not lock_path(path).exists()


@pytest.mark.parametrize(
    "command",
    [["stats"], ["due"], ["export", "json", "out.json"], ["import", "linkedin", "li.csv"]],
    ids=lambda c: " ".join(c[:2]),
)
def test_every_command_says_it_in_one_line_and_exits_2(
    db: Path, tmp_path: Path, command: list[str]
) -> None:
    _, line = meeting_twice(db)
    problem = f"meetings document 2 appears twice (again at line {line})"
    before = db.read_bytes()
    (tmp_path / "li.csv").write_text("First Name,Last Name,Email Address\nAda,Lovelace,a@x.org\n")
    args = [tmp_path / arg if arg.endswith((".json", ".csv")) else arg for arg in command]
    result = run_threety(*args, "--db", db, tmp=tmp_path)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and problem in result.stderr, result.stderr
    assert db.read_bytes() == before
    assert not (tmp_path / "out.json").exists()


@pytest.mark.parametrize(
    "tables",
    [
        # A document on its table's first line, and an id twice: as many lines as documents kept.
        b'"meetings": {"1": {"n": 0},\n"1": {"n": 1}\n},\n"messages": {\n}\n}\n',
        # The same in the last table, whose first line is found last.
        b'"meetings": {\n},\n"messages": {"1": {"n": 0},\n"1": {"n": 1}\n}\n}\n',
    ],
)
def test_a_repeat_hidden_by_a_second_anomaly_is_still_refused(
    tmp_path: Path, tables: bytes
) -> None:
    """Found by the windowed-reading property test: the line count matched by chance."""
    from threety_tui.core.db.layout import parse_tables

    raw = b'{\n"meta": {\n"1": {"schema": 2}\n},\n"contacts": {\n},\n' + tables
    json.loads(raw)  # valid JSON: a reader keeps the last of the two
    with pytest.raises(NotADatabase, match="twice"):
        parse_tables(tmp_path / "db.json", raw)
