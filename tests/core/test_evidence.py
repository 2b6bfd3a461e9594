"""Kind from evidence (spec section 8): how they answered a meeting request suggests a kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from threety_tui.core import business_days, evidence
from threety_tui.core.models import (
    Contact,
    Kind,
    KindSource,
    Meeting,
    Message,
    MessageKind,
    MessageStatus,
)
from threety_tui.core.store import Store

MON = date(2026, 11, 16)
DAY = timedelta(days=1)
ADA = Contact("Ada", id=1)


def request(sent: date, replied: date | None = None, id: int = 1) -> Message:
    return Message(
        1,
        None,
        MessageKind.OUTREACH,
        status=MessageStatus.SENT,
        sent=sent,
        replied=replied,
        id=id,
    )


def suggest(
    messages: list[Message],
    today: date,
    meetings: list[Meeting] | None = None,
    contact: Contact = ADA,
) -> evidence.KindSuggestion | None:
    return evidence.suggest_kind(contact, meetings or [], messages, today)


@pytest.mark.parametrize("after", [0, 1, 2, 3])
def test_a_reply_within_3_business_days_suggests_a_booster(after: int) -> None:
    replied = business_days.add(MON, after)
    found = suggest([request(MON, replied)], MON + 30 * DAY)
    assert found is not None and found.kind is Kind.BOOSTER
    words = "the same day" if after == 0 else f"in {after} business day"
    assert words in found.reason
    assert found.text.startswith("Looks like a Booster: answered your meeting request")


@pytest.mark.parametrize("after", [4, 5, 6])
def test_a_reply_between_the_nudges_says_nothing(after: int) -> None:
    assert suggest([request(MON, business_days.add(MON, after))], MON + 30 * DAY) is None


@pytest.mark.parametrize("after", [7, 8, 20])
def test_a_reply_only_after_the_7_day_nudge_suggests_an_obligate(after: int) -> None:
    found = suggest([request(MON, business_days.add(MON, after))], MON + 60 * DAY)
    assert found is not None and found.kind is Kind.OBLIGATE
    assert found.text.startswith("Looks like an Obligate: ")
    assert f"only after {after} business days" in found.reason


def test_no_reply_by_the_7_day_nudge_suggests_an_obligate_and_not_before() -> None:
    assert suggest([request(MON)], business_days.add(MON, 6)) is None
    found = suggest([request(MON)], business_days.add(MON, 7))
    assert found is not None and found.kind is Kind.OBLIGATE
    assert found.reason == "no answer to your meeting request in 7 business days"


def test_a_reply_to_the_follow_up_counts_from_the_first_request() -> None:
    first = request(MON, id=1)
    follow = replace(
        request(business_days.add(MON, 7), business_days.add(MON, 8), id=2), follows=first.id
    )
    found = suggest([first, follow], MON + 30 * DAY)
    assert found is not None and found.kind is Kind.OBLIGATE
    assert "only after 8 business days" in found.reason


def test_a_quick_meeting_is_a_quick_answer_a_late_one_says_nothing() -> None:
    soon = [Meeting(1, business_days.add(MON, 2), id=5)]
    found = suggest([request(MON)], MON + 30 * DAY, soon)
    assert found is not None and found.kind is Kind.BOOSTER
    assert found.reason == "met you after your request in 2 business days"
    late = [Meeting(1, business_days.add(MON, 9), id=5)]
    assert suggest([request(MON)], MON + 30 * DAY, late) is None


def test_the_latest_request_with_evidence_wins() -> None:
    old = request(MON - 90 * DAY, MON - 89 * DAY, id=1)  # a Booster then
    new = request(MON, id=2)  # no answer this time
    found = suggest([old, new], MON + 30 * DAY)
    assert found is not None and (found.kind, found.request_id) == (Kind.OBLIGATE, 2)
    pending = request(MON + 29 * DAY, id=3)  # too recent to say anything
    found = suggest([old, new, pending], MON + 30 * DAY)
    assert found is not None and found.request_id == 2


def test_only_sent_requests_are_evidence() -> None:
    draft = replace(request(MON), status=MessageStatus.DRAFT)
    thanks = replace(request(MON, MON + DAY), kind=MessageKind.THANK_YOU)
    assert suggest([draft, thanks], MON + 30 * DAY) is None


def test_no_suggestion_of_the_kind_they_have_or_one_turned_down() -> None:
    quick = [request(MON, MON + DAY)]
    assert suggest(quick, MON + 30 * DAY, contact=replace(ADA, kind=Kind.BOOSTER)) is None
    assert suggest(quick, MON + 30 * DAY, contact=replace(ADA, kind_dismissed=Kind.BOOSTER)) is None
    chosen = replace(ADA, kind=Kind.OBLIGATE, kind_source=KindSource.USER)
    found = suggest(quick, MON + 30 * DAY, contact=chosen)
    assert found is not None and found.kind is Kind.BOOSTER
    assert (found.chosen, found.chosen_by_user) == (Kind.OBLIGATE, True)
    assert found.text.endswith("(you chose Obligate)")


def test_suggestion_of_a_stored_contact(store: Store) -> None:
    ada = store.add_contact(Contact("Ada"))
    message = store.save_message(Message(ada.id, None, MessageKind.OUTREACH))
    store.mark_sent(message.id, MON)
    store.record_reply(message.id, MON + DAY)
    found = evidence.suggestion_of(store, ada.id, MON + 30 * DAY)
    assert found is not None and found.kind is Kind.BOOSTER
    store.accept_kind(ada.id, found.kind)
    assert evidence.suggestion_of(store, ada.id, MON + 30 * DAY) is None  # applied: nothing left
    store.delete_contact(ada.id)
    assert evidence.suggestion_of(store, ada.id, MON + 30 * DAY) is None
    assert evidence.suggestion_of(store, 999, MON) is None
