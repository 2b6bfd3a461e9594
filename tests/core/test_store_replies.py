"""The store's part of spec section 8: recording replies, employers, kinds from evidence.

The store caches each contact's next steps with version stamps; a reply at one
contact must invalidate the cached steps of everyone at the same employer.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from core_support import NOW, TODAY

from threety_tui.core import outreach
from threety_tui.core.errors import InputError
from threety_tui.core.models import (
    Contact,
    Kind,
    KindSource,
    Meeting,
    Message,
    MessageKind,
    Settings,
)
from threety_tui.core.store import Store

DAY = timedelta(days=1)
MON = date(2026, 11, 16)


def ask(store: Store, contact: Contact, sent: date = MON) -> Message:
    return store.mark_sent(store.save_message(outreach.new_draft(contact, sent)).id, sent)


def thank(store: Store, contact: Contact, sent: date) -> Message:
    meeting = store.add_meeting(Meeting(contact.id, sent))
    message = store.save_message(Message(contact.id, meeting.id, MessageKind.THANK_YOU))
    return store.mark_sent(message.id, sent)


def keys(store: Store, contact: Contact) -> list[str]:
    return [r.key for r in store.reminders_of(contact.id, TODAY)]


# -- recording a reply ------------------------------------------------------------


def test_a_reply_defaults_to_today_and_is_saved(store: Store, db_path: Path) -> None:
    ada = store.add_contact(Contact("Ada"))
    sent = thank(store, ada, MON)
    replied = store.record_reply(sent.id)
    assert replied.replied == NOW.date()
    assert store.message(sent.id) == replied
    store.close()
    with Store.open(db_path, readonly=True) as again:
        assert again.message(sent.id).replied == NOW.date()  # type: ignore[union-attr]


@pytest.mark.parametrize("kind", list(MessageKind))
def test_any_sent_message_can_have_a_reply(store: Store, kind: MessageKind) -> None:
    ada = store.add_contact(Contact("Ada"))
    meeting = None if kind is MessageKind.OUTREACH else store.add_meeting(Meeting(ada.id, MON))
    message = store.save_message(Message(ada.id, meeting.id if meeting else None, kind))
    store.mark_sent(message.id, MON)
    assert store.record_reply(message.id, MON + 2 * DAY).replied == MON + 2 * DAY


def test_a_reply_before_the_message_went_out_is_refused(store: Store) -> None:
    ada = store.add_contact(Contact("Ada"))
    sent = thank(store, ada, MON)
    with pytest.raises(InputError) as caught:
        store.record_reply(sent.id, MON - DAY)
    assert str(caught.value) == (  # the app's dates, not ISO ones (QA 13.9)
        "Sun 15 Nov is before your message went out (Mon 16 Nov): "
        "a reply comes on Mon 16 Nov or later."
    )
    assert store.message(sent.id).replied is None  # type: ignore[union-attr]
    assert store.record_reply(sent.id, MON).replied == MON  # the same day is fine


def test_a_draft_or_a_future_reply_is_refused(store: Store) -> None:
    ada = store.add_contact(Contact("Ada"))
    draft = store.save_message(outreach.new_draft(ada, TODAY))
    with pytest.raises(InputError, match="Only a sent message can have a reply"):
        store.record_reply(draft.id, TODAY)
    sent = thank(store, ada, MON)
    with pytest.raises(InputError) as caught:
        store.record_reply(sent.id, NOW.date() + DAY)
    assert str(caught.value) == "Thu 26 Nov is in the future: give today or an earlier day."
    assert store.record_reply(sent.id, TODAY + DAY, today=TODAY + DAY).replied == TODAY + DAY


def test_clear_reply(store: Store) -> None:
    ada = store.add_contact(Contact("Ada"))
    request = ask(store, ada)
    store.record_reply(request.id, MON + DAY)
    assert keys(store, ada) == []
    assert store.clear_reply(request.id).replied is None
    assert keys(store, ada) == [f"nudge:{request.id}"]


# -- one employer, one cache ------------------------------------------------------


@pytest.fixture
def acme(store: Store) -> tuple[Contact, Contact, Contact]:
    """Ada asked for a meeting; Bob works at the same place (spelt differently); Cy does not."""
    ada, bob, cy = store.add_contacts(
        [
            Contact("Ada", "ada@acme.example", "Acme"),
            Contact("Bob", "bob@acme.example", " ACME "),
            Contact("Cy", "cy@other.example", "Other"),
        ]
    )
    return ada, bob, cy


def test_a_reply_at_one_contact_refreshes_the_cached_steps_of_the_whole_employer(
    store: Store, acme: tuple[Contact, Contact, Contact]
) -> None:
    ada, bob, cy = acme
    request = ask(store, ada)
    ask(store, cy)
    bob_thanks = thank(store, bob, MON)
    nudge = f"nudge:{request.id}"
    assert keys(store, ada) == [nudge]  # computed and cached
    assert [r.key for r in store.reminders(TODAY) if r.contact_id == ada.id] == [nudge]
    cy_steps = store.reminders_of(cy.id, TODAY)

    store.record_reply(bob_thanks.id, MON + DAY)  # a change at Bob only
    assert keys(store, ada) == []
    assert all(r.contact_id != ada.id for r in store.reminders(TODAY))
    assert store.reminders_of(cy.id, TODAY) is cy_steps  # elsewhere: still cached

    store.clear_reply(bob_thanks.id)
    assert keys(store, ada) == [nudge]


def test_moving_or_trashing_the_colleague_who_replied_brings_the_nudge_back(
    store: Store, acme: tuple[Contact, Contact, Contact]
) -> None:
    ada, bob, _ = acme
    request = ask(store, ada)
    store.record_reply(thank(store, bob, MON).id, MON + DAY)
    assert keys(store, ada) == []
    bob = store.update_contact(replace(bob, company="Elsewhere"))
    assert keys(store, ada) == [f"nudge:{request.id}"]
    bob = store.update_contact(replace(bob, company="acme"))
    assert keys(store, ada) == []
    store.delete_contact(bob.id)
    assert keys(store, ada) == [f"nudge:{request.id}"]
    store.restore_contact(bob.id)
    assert keys(store, ada) == []


def test_the_cache_agrees_with_a_fresh_store(
    store: Store, db_path: Path, acme: tuple[Contact, Contact, Contact]
) -> None:
    ada, bob, cy = acme
    for who in acme:
        ask(store, who, MON - 3 * DAY)
        store.reminders_of(who.id, TODAY)
    steps = thank(store, bob, MON)
    store.record_reply(steps.id, MON)
    cached = {c.id: store.reminders_of(c.id, TODAY) for c in acme}
    store.close()
    with Store.open(db_path, readonly=True) as fresh:
        assert {c.id: fresh.reminders_of(c.id, TODAY) for c in acme} == cached
    assert cached[ada.id] == [] and cached[cy.id] != []


def test_company_mates(store: Store, acme: tuple[Contact, Contact, Contact]) -> None:
    ada, bob, cy = acme
    assert store.company_mates(ada.id) == [bob]
    assert store.company_mates(cy.id) == []
    dan = store.add_contact(Contact("Dan", company="acme"))
    assert store.company_mates(ada.id) == [bob, dan]
    store.delete_contact(bob.id)
    assert store.company_mates(ada.id) == [dan]
    assert store.company_mates(store.add_contact(Contact("Nobody")).id) == []


# -- kinds --------------------------------------------------------------------------


def test_accepting_a_suggested_kind_marks_it_as_the_evidence_and_the_cadence_follows(
    store: Store,
) -> None:
    store.update_settings(Settings(cadence_booster=14, cadence_obligate=45))
    ada = store.add_contact(Contact("Ada"))
    accepted = store.accept_kind(ada.id, Kind.BOOSTER)
    assert (accepted.kind, accepted.kind_source, accepted.kind_chosen) == (
        Kind.BOOSTER,
        KindSource.EVIDENCE,
        False,
    )
    sent = thank(store, ada, MON)
    assert sent.next_due == MON + 14 * DAY


def test_a_kind_changed_in_a_form_is_the_users_choice(store: Store) -> None:
    ada = store.accept_kind(store.add_contact(Contact("Ada")).id, Kind.BOOSTER)
    edited = store.update_contact(replace(ada, kind=Kind.OBLIGATE))
    assert (edited.kind_source, edited.kind_chosen) == (KindSource.USER, True)
    renamed = store.update_contact(replace(edited, name="Ada L."))
    assert renamed.kind_source is KindSource.USER  # only a change of kind says who chose it
    cleared = store.update_contact(replace(renamed, kind=Kind.UNKNOWN))
    assert cleared.kind_source is KindSource.NONE


def test_dismissing_a_suggestion_keeps_the_kind(store: Store) -> None:
    ada = store.add_contact(Contact("Ada", kind=Kind.BOOSTER))
    dismissed = store.dismiss_kind(ada.id, Kind.OBLIGATE)
    assert (dismissed.kind, dismissed.kind_dismissed) == (Kind.BOOSTER, Kind.OBLIGATE)
    assert store.accept_kind(ada.id, Kind.OBLIGATE).kind_dismissed is None


def test_a_message_cannot_be_marked_sent_in_the_future(store: Store) -> None:
    """QA 13.2: "next monday" was accepted, and then no reply could ever be recorded."""
    ada = store.add_contact(Contact("Ada"))
    draft = store.save_message(outreach.new_draft(ada, TODAY))
    with pytest.raises(InputError) as caught:
        store.mark_sent(draft.id, NOW.date() + DAY)
    assert str(caught.value) == "Thu 26 Nov is in the future: a message is sent today or earlier."
    assert not store.message(draft.id).is_sent  # type: ignore[union-attr]
    sent = store.mark_sent(draft.id, NOW.date())
    assert store.record_reply(sent.id, NOW.date()).replied == NOW.date()
