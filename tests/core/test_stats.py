"""The stats summary: score, counts by kind, open homework, the meetings not thanked."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from threety_tui.core import stats
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

MET = date(2026, 9, 1)
TODAY = MET + timedelta(days=40)
DAY = timedelta(days=1)


def send(store: Store, message: Message, on: date) -> Message:
    return store.mark_sent(store.save_message(message).id, on)


def fill(store: Store) -> dict[str, int]:
    grace, ada, linus, tim, dan = store.add_contacts(
        [
            Contact("Grace Hopper", kind=Kind.BOOSTER),
            Contact("Ada Lovelace", kind=Kind.BOOSTER),
            Contact("Linus Pauling", kind=Kind.OBLIGATE),
            Contact("Tim Berners-Lee"),
            Contact("Deleted Dan", kind=Kind.OBLIGATE),
        ]
    )
    homework = (
        Insight("Read the trade press", favourite=True, status=Homework.DONE, benefit="fluency"),
        Insight("Ask what broke", status=Homework.DOING),
        Insight("Go to the meetup"),
    )
    met_grace = store.add_meeting(Meeting(grace.id, MET, insights=homework))
    send(store, Message(grace.id, met_grace.id, MessageKind.THANK_YOU), MET + DAY)
    send(store, Message(grace.id, met_grace.id, MessageKind.FOLLOW_UP), MET + 31 * DAY)
    met_ada = store.add_meeting(Meeting(ada.id, MET + DAY, insights=(Insight("Pick a niche"),)))
    met_linus = store.add_meeting(Meeting(linus.id, MET + 2 * DAY))
    store.save_message(Message(linus.id, met_linus.id, MessageKind.THANK_YOU))
    met_tim = store.add_meeting(Meeting(tim.id, MET))
    store.close_reminder(f"thank_you:{met_tim.id}", MET + 5 * DAY)
    gone = store.add_meeting(Meeting(grace.id, MET + 3 * DAY, insights=(Insight("gone"),)))
    send(store, Message(grace.id, gone.id, MessageKind.THANK_YOU), MET + 3 * DAY)
    store.delete_meeting(gone.id)
    met_dan = store.add_meeting(Meeting(dan.id, MET, insights=(Insight("dan's"),)))
    send(store, Message(dan.id, met_dan.id, MessageKind.UPDATE), MET)
    store.delete_contact(dan.id)
    return {"ada": met_ada.id, "linus": met_linus.id, "ada_id": ada.id, "linus_id": linus.id}


def test_summary_counts(store: Store) -> None:
    ids = fill(store)
    summary = stats.from_store(store, TODAY)
    assert summary.contacts == {Kind.BOOSTER: 2, Kind.OBLIGATE: 1, Kind.UNKNOWN: 1}
    assert summary.contact_total == 4
    assert summary.sent == {
        MessageKind.OUTREACH: 0,
        MessageKind.THANK_YOU: 1,
        MessageKind.FOLLOW_UP: 1,
        MessageKind.UPDATE: 0,
    }
    assert (summary.sent_total, summary.drafts, summary.meetings) == (2, 1, 4)
    assert summary.open_homework == 3  # Grace's two not done, Ada's one; deleted ones not
    s = summary.score
    # Grace on time; Ada and Linus never; Tim closed (excluded).
    assert (s.thanked_on_time, s.thanked_late, s.thank_you_eligible) == (1, 0, 3)
    assert summary.thanked_never == 2
    assert (s.followed_on_time, s.follow_up_eligible) == (1, 1)
    assert summary.silent == (
        stats.Silent(ids["ada_id"], "Ada Lovelace", ids["ada"], MET + DAY, 39),
        stats.Silent(
            summary.silent[1].contact_id, "Linus Pauling", ids["linus"], MET + 2 * DAY, 38
        ),
    )


def test_summary_doc_is_json(store: Store) -> None:
    fill(store)
    doc = json.loads(json.dumps(stats.from_store(store, TODAY).to_doc()))
    assert doc["today"] == TODAY.isoformat()
    assert doc["score"]["thank_you"] == {
        "on_time": 1,
        "late": 0,
        "never": 2,
        "eligible": 3,
        "rate": 1 / 3,
    }
    assert doc["score"]["follow_up"] == {"on_time": 1, "eligible": 1, "rate": 1.0}
    assert doc["score"]["overall"] == 2 / 4
    assert doc["contacts"] == {"total": 4, "booster": 2, "obligate": 1, "unknown": 1}
    assert doc["sent"] == {
        "total": 2,
        "outreach": 0,
        "thank_you": 1,
        "follow_up": 1,
        "update": 0,
        "request_follow_up": 0,
    }
    assert [(s["contact"], s["met"], s["days"]) for s in doc["silent"]] == [
        ("Ada Lovelace", (MET + DAY).isoformat(), 39),
        ("Linus Pauling", (MET + 2 * DAY).isoformat(), 38),
    ]


def test_empty_database(store: Store) -> None:
    summary = stats.from_store(store, TODAY)
    assert (summary.contact_total, summary.sent_total, summary.meetings) == (0, 0, 0)
    assert summary.silent == ()
    assert summary.score.overall is None
    assert summary.to_doc()["score"]["overall"] is None


# -- replies (spec section 8) ------------------------------------------------------------


def test_reply_rate_and_median_days_per_kind(store: Store) -> None:
    """Counted once answered or 7 business days old; median of calendar days to the reply."""
    today = date(2026, 11, 25)  # a Wednesday
    ada, bo, cy = store.add_contacts([Contact("Ada"), Contact("Bo"), Contact("Cy")])
    ask = [
        send(store, Message(who.id, None, MessageKind.OUTREACH), date(2026, 11, 2))
        for who in (ada, bo, cy)
    ]
    store.record_reply(ask[0].id, date(2026, 11, 3), today=today)  # 1 day
    store.record_reply(ask[1].id, date(2026, 11, 6), today=today)  # 4 days
    fresh = send(store, Message(cy.id, None, MessageKind.OUTREACH), date(2026, 11, 20))
    met = store.add_meeting(Meeting(ada.id, date(2026, 11, 10)))
    thanks = send(store, Message(ada.id, met.id, MessageKind.THANK_YOU), date(2026, 11, 10))
    store.record_reply(thanks.id, date(2026, 11, 10), today=today)  # the same day
    summary = stats.from_store(store, today)
    requests = summary.replies[MessageKind.OUTREACH]
    # Sent 4; the one from 20 Nov has waited 3 business days only: not counted yet.
    assert (requests.sent, requests.counted, requests.replied) == (4, 3, 2)
    assert requests.rate == 2 / 3 and requests.median_days == 2.5
    thank_yous = summary.replies[MessageKind.THANK_YOU]
    assert (thank_yous.counted, thank_yous.replied, thank_yous.median_days) == (1, 1, 0.0)
    nothing = summary.replies[MessageKind.UPDATE]
    assert (nothing.sent, nothing.rate, nothing.median_days) == (0, None, None)
    assert summary.replies_all.replied == 3 and summary.replies_all.median_days == 1.0
    assert [n.contact for n in summary.never_answered] == ["Cy"]
    (cy_row,) = summary.never_answered
    assert (cy_row.messages, cy_row.last_sent) == (2, fresh.sent)

    doc = json.loads(json.dumps(summary.to_doc()))
    assert doc["replies"]["outreach"] == {
        "sent": 4,
        "counted": 3,
        "replied": 2,
        "rate": 2 / 3,
        "median_days": 2.5,
    }
    assert set(doc["replies"]) == {"outreach", "thank_you", "follow_up", "update", "all"}
    assert doc["never_answered"][0]["contact"] == "Cy"

    lines = stats.report_lines(summary)
    start = lines.index("Replies")
    assert lines[start : start + 7] == [
        "Replies",
        "  Meeting requests:  2 of 3 (67%), median 2.5 days",
        "  Thank-yous:        1 of 1 (100%), median 0 days",
        "  Follow-ups:        nothing to score yet",
        "  Updates:           nothing to score yet",
        "  All messages:      3 of 4 (75%), median 1 day",
        "  Not counted yet: 1 sent in the last 7 business days, no reply so far.",
    ]
    assert "Who never answered (1):" in lines
    assert "Messages sent: 5 (4 meeting requests, 1 thank-you)" in lines


def test_the_follow_up_to_a_request_is_counted_with_it_not_as_a_second_request(
    store: Store,
) -> None:
    """QA 13.1: the follow-up-once note counted as an extra meeting request."""
    today = date(2026, 11, 25)
    ada, bo = store.add_contacts([Contact("Ada"), Contact("Bo")])
    asked = [
        send(store, Message(who.id, None, MessageKind.OUTREACH), date(2026, 11, 2))
        for who in (ada, bo)
    ]
    notes = [
        send(
            store,
            Message(r.contact_id, None, MessageKind.OUTREACH, follows=r.id),
            date(2026, 11, 11),
        )
        for r in asked
    ]
    store.record_reply(notes[0].id, date(2026, 11, 12), today=today)  # Ada answered the note
    summary = stats.from_store(store, today)
    assert summary.sent[MessageKind.OUTREACH] == 2 and summary.request_follow_ups == 2
    requests = summary.replies[MessageKind.OUTREACH]
    assert (requests.sent, requests.counted, requests.replied) == (2, 2, 1)
    assert requests.median_days == 10.0  # from the request, not from the note
    assert summary.replies_all.sent == 2
    doc = summary.to_doc()
    assert doc["sent"]["outreach"] == 2 and doc["sent"]["request_follow_up"] == 2
    assert doc["sent"]["total"] == 4
    lines = stats.report_lines(summary)
    assert "Messages sent: 4 (2 meeting requests, 2 follow-ups to requests)" in lines
    assert "  Meeting requests:  1 of 2 (50%), median 10 days" in lines


def test_meeting_since_writing_is_an_answer(store: Store) -> None:
    today = date(2026, 11, 25)
    ada = store.add_contact(Contact("Ada"))
    send(store, Message(ada.id, None, MessageKind.OUTREACH), date(2026, 11, 2))
    assert [n.contact for n in stats.from_store(store, today).never_answered] == ["Ada"]
    store.add_meeting(Meeting(ada.id, date(2026, 11, 12)))
    assert stats.from_store(store, today).never_answered == ()


def test_waited_since_is_the_last_day_with_7_business_days_to_today() -> None:
    from threety_tui.core import business_days

    for offset in range(14):
        today = date(2026, 11, 16) + timedelta(days=offset)
        cutoff = stats.waited_since(today)
        for back in range(30):
            day = today - timedelta(days=back)
            assert (day <= cutoff) == (business_days.between(day, today) >= 7), (today, day)


def test_an_upgraded_database_counts_replies_only_from_the_upgrade(tmp_path: Path) -> None:
    """QA 13.7: "Thank-yous: 0 of 11 (0%)" and "Who never answered: Barbara Liskov" on a
    schema 1 database, whose replies were never recorded."""
    upgraded = date.today()
    old = (upgraded - timedelta(days=40)).isoformat()
    path = tmp_path / "old.json"
    path.write_text(
        json.dumps(
            {
                "contacts": {"1": {"name": "Barbara Liskov", "kind": "booster", "tags": []}},
                "meetings": {"1": {"contact_id": 1, "when": old, "insights": []}},
                "messages": {
                    "1": {
                        "contact_id": 1,
                        "meeting_id": 1,
                        "kind": "thank_you",
                        "status": "sent",
                        "sent": old,
                    }
                },
                "meta": {"1": {"app": "threety", "schema": 1, "settings": {}}},
            }
        )
    )
    path.chmod(0o600)
    later = upgraded + timedelta(days=30)
    with Store.open(path) as store:  # the upgrade: schema 1 -> 2
        before = stats.from_store(store, later)
        assert before.replies_since == upgraded
        assert before.replies[MessageKind.THANK_YOU].counted == 0
        assert before.never_answered == ()
        assert before.sent[MessageKind.THANK_YOU] == 1  # still sent, just not scored
        lines = stats.report_lines(before)
        assert any(
            line.startswith("Replies (to messages sent since ")
            and "when threety began recording them" in line
            for line in lines
        )
        assert before.to_doc()["replies_since"] == upgraded.isoformat()
        from threety_tui.core.dates import short
        from threety_tui.core.journey import journey_markdown

        text, _ = journey_markdown(store, later)
        (line,) = [
            x for x in text.splitlines() if x.startswith(f"- {short(date.fromisoformat(old))}")
        ]
        assert "no reply recorded" not in line  # never had the chance to be recorded
        meeting = store.add_meeting(Meeting(1, upgraded))
        new = send(store, Message(1, meeting.id, MessageKind.THANK_YOU), upgraded)
        store.record_reply(new.id, upgraded, today=upgraded)
        after = stats.from_store(store, later)
    thanks = after.replies[MessageKind.THANK_YOU]
    assert (thanks.sent, thanks.counted, thanks.replied) == (1, 1, 1)
