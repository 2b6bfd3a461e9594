"""Properties: any data survives export -> import; any import is idempotent."""

from __future__ import annotations

import csv
import io
import tempfile
from datetime import UTC, timedelta, timezone
from pathlib import Path

from core_support import NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threety_tui.core.io import backup
from threety_tui.core.io.merge import apply_import, plan_import, read_contacts
from threety_tui.core.models import Contact, Kind
from threety_tui.core.store import Store
from threety_tui.core.text import marked, one_line

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
long_text = st.one_of(any_text, st.text(st.characters(exclude_categories=("Cs",)), max_size=4000))

contacts = st.builds(
    Contact,
    name=any_text,
    email=any_text,
    company=any_text,
    role=any_text,
    kind=st.sampled_from(Kind),
    how_met=any_text,
    linkedin=any_text,
    tags=st.lists(any_text, max_size=4).map(tuple),
    notes=long_text,
    cadence_days=st.one_of(st.none(), st.integers(1, 3650)),
    created=st.one_of(
        st.none(),
        st.datetimes(timezones=st.sampled_from([None, UTC, timezone(timedelta(hours=-7))])),
    ),
)


def fresh_store(folder: Path, name: str) -> Store:
    return Store.open(folder / name, clock=lambda: NOW)


@SETTINGS
@given(people=st.lists(contacts, max_size=12), trash=st.lists(st.booleans(), max_size=12))
def test_any_contact_list_survives_json_export_and_restore(
    people: list[Contact], trash: list[bool]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with fresh_store(folder, "a.json") as store:
            saved = store.add_contacts(people)
            for contact, trashed in zip(saved, trash, strict=False):
                if trashed:
                    store.delete_contact(contact.id)
            backup.export_json(store, folder / "backup.json")
            expected = (store.contacts(), store.contacts(deleted=True))
        with fresh_store(folder, "b.json") as restored:
            backup.restore_backup(restored, backup.read_backup(folder / "backup.json"))
            assert (restored.contacts(), restored.contacts(deleted=True)) == expected
            backup.export_json(restored, folder / "again.json")
        assert (folder / "again.json").read_bytes() == (folder / "backup.json").read_bytes()


@SETTINGS
@given(people=st.lists(contacts, min_size=1, max_size=8))
def test_any_contact_list_survives_the_csv_export(people: list[Contact]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with fresh_store(folder, "a.json") as store:
            saved = store.add_contacts(people)
            backup.export_csv(store, folder / "c.csv")
        text = (folder / "c.csv").read_bytes().decode("utf-8-sig")
        header, *rows = list(csv.reader(io.StringIO(text, newline="")))
        assert len(rows) == len(saved)
        for contact, row in zip(saved, rows, strict=True):
            cells = dict(zip(header, row, strict=True))
            for title, value in (
                ("Name", contact.name),
                ("Email", contact.email),
                ("Notes", contact.notes),
                ("Tags", ", ".join(contact.tags)),
            ):
                value = marked(value)  # controls as symbols, tabs and breaks kept (QA 14)
                guarded = value[:1] in ("=", "+", "-", "@", "\t", "\r")
                assert cells[title] == ("'" + value if guarded else value)


cell = st.text(
    st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r"), max_size=30
)
rows = st.lists(
    st.tuples(
        cell,
        cell,
        st.one_of(st.just(""), st.from_regex(r"[a-z0-9-]{1,12}", fullmatch=True)),
        st.one_of(st.just(""), st.from_regex(r"[a-z]{1,6}@[a-z]{1,6}\.example", fullmatch=True)),
        cell,
        cell,
    ),
    max_size=15,
)


def connections_csv(path: Path, records: list[tuple[str, ...]]) -> None:
    out = io.StringIO(newline="")
    out.write('Notes:\n"When exporting your connection data, you may notice..."\n\n')
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    for first, last, slug, email, company, position in records:
        url = f"https://www.linkedin.com/in/{slug}" if slug else ""
        writer.writerow([first, last, url, email, company, position, "25 Nov 2026"])
    path.write_text(out.getvalue(), encoding="utf-8")


@SETTINGS
@given(records=rows)
def test_any_linkedin_export_reads_back_and_a_second_import_adds_nothing(
    records: list[tuple[str, ...]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        connections_csv(folder / "Connections.csv", records)
        parsed = read_contacts("linkedin", folder / "Connections.csv")
        named = [r for r in records if one_line(f"{r[0]} {r[1]}")]
        assert len(parsed.rows) == len(named)
        for row, (first, last, slug, email, company, position) in zip(
            parsed.rows, named, strict=True
        ):
            assert row.contact.name == one_line(f"{first} {last}")
            assert (row.contact.company, row.contact.role) == (
                one_line(company),
                one_line(position),
            )
            assert row.contact.email == email
            assert row.contact.linkedin == (f"https://www.linkedin.com/in/{slug}" if slug else "")
        with fresh_store(folder, "db.json") as store:
            first_plan = plan_import(store, parsed)
            apply_import(store, first_plan)
            assert len(store.contacts()) == len(first_plan.added)
            before = (folder / "db.json").read_bytes()
            again = plan_import(store, read_contacts("linkedin", folder / "Connections.csv"))
            assert not again.has_changes
            assert again.counts["added"] == again.counts["merged"] == 0
            apply_import(store, again)
        assert (folder / "db.json").read_bytes() == before
