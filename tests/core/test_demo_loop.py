"""The demo shows the whole loop of spec section 8, whatever day of the week it is written."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from threety_tui.core import demo, evidence, rules
from threety_tui.core.models import Kind, MessageKind
from threety_tui.core.rules import Nudge, State
from threety_tui.core.store import Store


@pytest.mark.parametrize("offset", range(7))
def test_the_demo_shows_requests_nudges_replies_and_a_suggestion(
    tmp_path: Path, offset: int
) -> None:
    today = date(2026, 11, 23) + timedelta(days=offset)  # Monday to Sunday
    with Store.open(tmp_path / "demo.json") as store:
        demo.populate(store, today)
        names = {c.id: c.name for c in store.contacts()}
        nudges = {names[r.contact_id]: r for r in store.reminders(today) if r.nudge is not None}
        assert set(nudges) == {"Hedy Lamarr", "John von Neumann"}
        hedy, john = nudges["Hedy Lamarr"], nudges["John von Neumann"]
        assert (hedy.nudge, hedy.state) == (Nudge.SECOND_CONTACT, State.OVERDUE)
        assert (john.nudge, john.state) == (Nudge.FOLLOW_UP_ONCE, State.OVERDUE)
        assert all(r in rules.agenda(store.reminders(today), today) for r in (hedy, john))
        hedy_contact = store.contact(hedy.contact_id)
        assert [m.name for m in store.company_mates(hedy.contact_id)] == ["Margaret Hamilton"]
        assert rules.nudge_text(hedy, hedy_contact).endswith(
            "try a second contact at Apollo Software"
        )

        messages = store.all_messages()
        requests = [m for m in messages if m.kind is MessageKind.OUTREACH and m.is_sent]
        assert any(m.replied for m in requests)  # answered
        replied_kinds = {
            m.kind for m in messages if m.replied and m.kind is not MessageKind.OUTREACH
        }
        assert replied_kinds == {MessageKind.THANK_YOU, MessageKind.FOLLOW_UP, MessageKind.UPDATE}
        assert all(m.replied is None or (m.sent and m.sent <= m.replied <= today) for m in messages)
        drafts = [m for m in messages if m.kind is MessageKind.OUTREACH and not m.is_sent]
        assert [names[m.contact_id] for m in drafts] == ["John von Neumann"]  # the follow-up note

        suggested = {
            names[c.id]: s.kind
            for c in store.contacts()
            if (s := evidence.suggestion_of(store, c.id, today)) is not None
        }
        assert suggested == {
            "Annie Easley": Kind.BOOSTER,
            "Tim Berners-Lee": Kind.BOOSTER,
            "John von Neumann": Kind.OBLIGATE,
        }
