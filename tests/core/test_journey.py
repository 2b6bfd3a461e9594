"""The journey (spec section 8): advice -> what you did -> what came of it, and the messages."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from threety_tui.cli import main
from threety_tui.core import journey
from threety_tui.core.errors import InputError
from threety_tui.core.models import (
    Contact,
    Homework,
    Insight,
    Kind,
    Meeting,
    Message,
    MessageKind,
)
from threety_tui.core.store import Store

TODAY = date(2026, 11, 25)


def fill(store: Store) -> dict[str, Contact]:
    eve, grace, _ = store.add_contacts(
        [
            Contact("*Eve* [x](y)", company="<b>Evil</b> & Co", role="_CEO_"),
            Contact("Grace Hopper", company="Navy Compilers", kind=Kind.BOOSTER),
            Contact("Nobody Yet"),
        ]
    )
    ask = store.save_message(Message(grace.id, None, MessageKind.OUTREACH, subject="Advice?"))
    store.mark_sent(ask.id, date(2026, 9, 1))
    store.record_reply(ask.id, date(2026, 9, 2), today=TODAY)
    advice = (
        Insight(
            "Read the trade press",
            favourite=True,
            status=Homework.DONE,
            benefit="I speak the vocabulary now",
            done=date(2026, 9, 20),
        ),
        Insight("Ask what broke last quarter", status=Homework.DOING),
    )
    met = store.add_meeting(Meeting(grace.id, date(2026, 9, 10), insights=advice))
    thanks = store.save_message(Message(grace.id, met.id, MessageKind.THANK_YOU, subject="Thanks"))
    store.mark_sent(thanks.id, date(2026, 9, 11))
    store.save_message(Message(grace.id, met.id, MessageKind.FOLLOW_UP, subject="draft only"))
    tricky = Insight("- not a list; 1. not a number # nor a heading `code` ~~x~~ | a | b |")
    store.add_meeting(Meeting(eve.id, date(2026, 10, 1), notes="x", insights=(tricky,)))
    return {"eve": eve, "grace": grace}


def test_each_piece_of_advice_leads_to_what_you_did_and_what_came_of_it(store: Store) -> None:
    fill(store)
    text, count = journey.journey_markdown(store, TODAY)
    assert count == 2  # Nobody Yet has nothing to tell
    grace = text[text.index("## Grace Hopper") :]
    assert grace.splitlines()[:16] == [
        "## Grace Hopper",
        "",
        "Navy Compilers · Booster",
        "",
        "### Advice",
        "",
        "- **Read the trade press** (favourite): coffee, Thu 10 Sep 2026",
        "  - What you did: done on Sun 20 Sep 2026",
        "  - What came of it: I speak the vocabulary now",
        "- **Ask what broke last quarter**: coffee, Thu 10 Sep 2026",
        "  - What you did: in progress",
        "  - What came of it: not recorded yet",
        "",
        "### Messages",
        "",
        "- Tue 1 Sep 2026: meeting request sent, “Advice?”; replied Wed 2 Sep 2026 (after 1 day)",
    ]
    assert "- Fri 11 Sep 2026: thank-you sent, “Thanks”; no reply recorded" in grace
    assert "draft only" not in text  # drafts were never sent
    assert text.index("## \\*Eve\\*") < text.index("## Grace Hopper")  # by name


def test_data_is_shown_literally(store: Store) -> None:
    fill(store)
    text, _ = journey.journey_markdown(store, TODAY)
    tokens = MarkdownIt("commonmark").enable("strikethrough").enable("table").parse(text)
    kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or ()}
    assert not kinds & {
        "em_open",
        "link_open",
        "html_inline",
        "html_block",
        "code_inline",
        "s_open",
    }
    assert not kinds & {"table_open", "ordered_list_open"}
    html = MarkdownIt("commonmark").render(text)
    assert "<h2>*Eve* [x](y)</h2>" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp;amp; Co" not in html  # escaped once, not twice
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in html
    assert "_CEO_" in html
    assert "- not a list; 1. not a number # nor a heading `code` ~~x~~ | a | b |" in html
    headings = [t for t in tokens if t.type == "heading_open"]
    assert len(headings) == 1 + 2 * 3  # the title, and each contact's own three


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*Eve*", "\\*Eve\\*"),
        ("[x](y)", "\\[x\\](y)"),
        ("- item", "\\- item"),
        ("10) ten", "10\\) ten"),
        ("a\nb\x1b[31m", "a b\\[31m"),
        ("Grace Hopper", "Grace Hopper"),
    ],
)
def test_md(text: str, escaped: str) -> None:
    assert journey.md(text) == escaped


def test_find_contacts(store: Store) -> None:
    fill(store)
    store.add_contact(Contact("Grace Kelly"))
    assert [c.name for c in journey.find_contacts(store, "  grace   HOPPER ")] == ["Grace Hopper"]
    assert [c.name for c in journey.find_contacts(store, "kelly")] == ["Grace Kelly"]
    with pytest.raises(InputError, match=r"2 contacts match 'Grace' \(Grace Hopper, Grace Kelly\)"):
        journey.find_contacts(store, "Grace")
    with pytest.raises(InputError, match="No contact is called 'Linus'"):
        journey.find_contacts(store, "Linus")
    with pytest.raises(InputError, match="Give a contact's name"):
        journey.find_contacts(store, "  ")


def test_export_journey_writes_a_private_file_and_never_the_database(
    store: Store, tmp_path: Path
) -> None:
    fill(store)
    target = tmp_path / "journey.md"
    assert journey.export_journey(store, target, TODAY, contact="Grace Hopper") == 1
    text = target.read_text(encoding="utf-8")
    assert "## Grace Hopper" in text and "Eve" not in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with pytest.raises(InputError, match="is the database itself"):
        journey.export_journey(store, store.path, TODAY)


def test_a_journey_of_a_contact_with_nothing_yet(store: Store) -> None:
    (nobody,) = store.add_contacts([Contact("Nobody Yet")])
    text, count = journey.journey_markdown(store, TODAY, [nobody])
    assert count == 1
    assert "No advice recorded yet." in text and "No message sent yet." in text
    empty, none = journey.journey_markdown(store, TODAY)
    assert none == 0 and "Nothing to show yet" in empty


def test_the_command(
    db_path: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threety_tui.cli.journey

    monkeypatch.setattr(threety_tui.cli.journey, "today", lambda: TODAY)
    with Store.open(db_path) as store:
        fill(store)
    before = db_path.read_bytes()
    target = tmp_path / "out.md"
    assert (
        main(["export", "journey", str(target), "--db", str(db_path), "--contact", "hopper"]) == 0
    )
    assert capsys.readouterr().out == f"Journey of 1 contact written to {target}.\n"
    assert target.read_text(encoding="utf-8").startswith("# Journey\n")
    assert main(["export", "journey", str(target), "--db", str(db_path)]) == 0
    assert capsys.readouterr().out == f"Journey of 2 contacts written to {target}.\n"
    assert db_path.read_bytes() == before

    assert main(["export", "journey", str(target), "--db", str(db_path), "--contact", "zzz"]) == 1
    assert capsys.readouterr().err == "threety: No contact is called 'zzz'.\n"
    assert main(["export", "csv", str(target), "--db", str(db_path), "--contact", "Grace"]) == 1
    assert capsys.readouterr().err == "threety: --contact goes with `export journey` only.\n"
    assert main(["export", "journey", str(target), "--db", str(tmp_path / "none.json")]) == 2
