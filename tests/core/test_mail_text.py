"""What lands in the mail client: the body unwrapped, subject and address alone, a parseable email."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from email import policy
from email.parser import BytesParser, Parser
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from threety_tui.core.compose import new_draft
from threety_tui.core.demo import populate
from threety_tui.core.mail_text import (
    as_email,
    body_text,
    cell_width,
    copy_address,
    copy_as_email,
    copy_body,
    copy_subject,
    mailto_for,
    preview_text,
    wrap_for_display,
)
from threety_tui.core.models import Channel, Contact, Insight, Meeting, Message, MessageKind
from threety_tui.core.store import Store

TODAY = date(2026, 11, 27)
GRACE = Contact("Grace Hopper", "grace@navy.example", id=1)
MET = Meeting(
    1,
    TODAY - timedelta(days=3),
    channel=Channel.COFFEE,
    insights=(Insight("Ask for a shadow day with the product team at your own company", True),),
    id=1,
)


def thank_you(contact: Contact = GRACE) -> Message:
    return new_draft(MessageKind.THANK_YOU, contact, MET, TODAY, your_name="Sam Rivera")


def parse(text: str) -> tuple[str, str, str, str]:
    """(To, its address, Subject, body) as a mail client reading the file would see them."""
    message = BytesParser(policy=policy.default).parsebytes(text.encode("utf-8"))
    (address,) = message["To"].addresses
    return str(message["To"]), address.addr_spec, str(message["Subject"]), message.get_content()


# -- the body ------------------------------------------------------------------------------


def test_copy_body_is_greeting_to_sign_off_one_line_per_paragraph() -> None:
    clip = copy_body(thank_you())
    lines = clip.text.split("\n")
    assert lines[0] == "Hi Grace,"
    assert lines[-2:] == ["Best wishes,", "Sam Rivera"]
    paragraphs = clip.text.split("\n\n")
    assert len(paragraphs) == 5
    for paragraph in paragraphs[:-1]:
        assert "\n" not in paragraph  # no hard wraps
    assert any(len(line) > 72 for line in lines)
    assert "my own company" in clip.text and "your own company" not in clip.text
    assert "Subject" not in clip.text and "Thank you for the coffee" not in clip.text


def test_an_old_hard_wrapped_body_comes_out_unwrapped() -> None:
    message = thank_you()
    wrapped = message.body.replace("advice to ask", "advice\nto ask")  # as 0.1 stored it
    old = replace(message, body=wrapped)
    assert body_text(old) == message.body
    assert "\nto ask" not in copy_body(old).text


def test_a_message_with_no_parts_keeps_its_body() -> None:
    imported = Message(1, None, MessageKind.UPDATE, subject="Hi", body="Hello there.\n")
    assert body_text(imported) == "Hello there.\n"


def test_the_notification_says_what_was_copied_and_the_subject() -> None:
    assert copy_body(thank_you()).notice == (
        "Copied the body of \u201cThank you for the coffee on Tuesday\u201d"
    )
    assert copy_subject(thank_you()).notice == (
        "Copied the subject \u201cThank you for the coffee on Tuesday\u201d"
    )
    assert copy_address(GRACE).notice == "Copied Grace Hopper's email address, grace@navy.example"
    assert copy_as_email(GRACE, thank_you()).notice == (
        "Copied \u201cThank you for the coffee on Tuesday\u201d as an email to Grace Hopper"
    )


def test_subject_and_address_alone() -> None:
    assert copy_subject(thank_you()).text == "Thank you for the coffee on Tuesday"
    assert copy_address(GRACE).text == "grace@navy.example"
    several = replace(GRACE, email="Grace <g@navy.example>; grace@home.example")
    assert copy_address(several).text == "g@navy.example, grace@home.example"


def test_nothing_to_copy_says_why() -> None:
    nobody = replace(GRACE, email="")
    clip = copy_address(nobody)
    assert not clip.ok
    assert clip.notice == "Grace Hopper has no email address: add one with e (Edit contact)."
    untitled = replace(thank_you(), subject=" ")
    assert not copy_subject(untitled).ok


# -- as email ------------------------------------------------------------------------------


def test_as_email_parses_as_an_email() -> None:
    message = thank_you()
    clip = copy_as_email(GRACE, message)
    assert clip.text.startswith("To: Grace Hopper <grace@navy.example>\nSubject: Thank you for")
    to, address, subject, body = parse(clip.text)
    assert to == "Grace Hopper <grace@navy.example>"
    assert address == "grace@navy.example"
    assert subject == "Thank you for the coffee on Tuesday"
    assert body == message.body
    # The header block is exactly To, Subject and a blank line for plain ASCII.
    head, _, rest = clip.text.partition("\n\n")
    assert head.splitlines()[0].startswith("To: ") and head.splitlines()[1].startswith("Subject: ")
    assert len(head.splitlines()) == 2
    assert rest == message.body


@pytest.mark.parametrize(
    "name",
    [
        "Lovelace, Ada",
        'Ada "the Countess" Lovelace',
        "Jos\u00e9 \u00d1u\u00f1ez",
        "\u5c71\u7530 \u592a\u90ce",
        "O'Brien, Fran\u00e7oise (CTO)",
        "Grace <Hopper>",
        "",
    ],
)
def test_names_with_commas_quotes_and_accents_survive(name: str) -> None:
    contact = Contact(name, "someone@example.org", id=1)
    text = as_email(contact.name, "someone@example.org", "Merci \u2014 caf\u00e9 \u2615", "Hi,\n")
    message = BytesParser(policy=policy.default).parsebytes(text.encode("utf-8"))
    (address,) = message["To"].addresses
    assert address.display_name == name
    assert address.addr_spec == "someone@example.org"
    assert str(message["Subject"]) == "Merci \u2014 caf\u00e9 \u2615"
    # Headers are 7-bit (RFC 2047 encoded words where needed), as every client reads them.
    assert text.split("\n\n", 1)[0].isascii()
    # The comma in a name never splits it into two recipients.
    assert len(getaddresses([str(message["To"])])) == 1


def test_a_non_ascii_domain_goes_as_idna_never_encoded_inside_the_address() -> None:
    """QA: `zoe@=?utf-8?q?ex=C3=A4mple?=.com` reaches nobody."""
    text = as_email("Zo\u00eb \u00c5ng", "zoe@ex\u00e4mple.com", "Thank you", "Hi Zo\u00eb,\n")
    to_line = text.splitlines()[0]
    assert to_line.endswith(" <zoe@xn--exmple-cua.com>"), to_line
    assert "=?" not in to_line.split("<", 1)[1]  # encoded words only in the name, never the address
    message = BytesParser(policy=policy.default).parsebytes(text.encode("utf-8"))
    (address,) = message["To"].addresses
    assert (address.display_name, address.addr_spec) == (
        "Zo\u00eb \u00c5ng",
        "zoe@xn--exmple-cua.com",
    )
    assert b"xn--exmple-cua.com".decode("idna") == "ex\u00e4mple.com"


def test_a_non_ascii_mailbox_is_written_as_it_is_with_its_name() -> None:
    """A mailbox name IDNA cannot write goes as UTF-8 (RFC 6532), never as encoded words."""
    text = as_email("Zo\u00eb", "zo\u00eb@ex\u00e4mple.com", "Thank you", "Hi,\n")
    assert text.splitlines()[0] == "To: Zo\u00eb <zo\u00eb@xn--exmple-cua.com>"
    message = Parser(policy=policy.default).parsestr(text)  # the text, as the clipboard has it
    (address,) = message["To"].addresses
    assert (address.display_name, address.username) == ("Zo\u00eb", "zo\u00eb")


def test_a_non_ascii_body_says_it_is_utf8() -> None:
    body = "Hi Jos\u00e9,\n\nMerci \u2014 the caf\u00e9 was lovely \u2615\n\nBest,\nSam\n"
    text = as_email("Jos\u00e9", "jose@example.org", "Gracias", body)
    head = text.split("\n\n", 1)[0]
    assert 'Content-Type: text/plain; charset="utf-8"' in head
    assert "Content-Transfer-Encoding: 8bit" in head
    message = BytesParser(policy=policy.default).parsebytes(text.encode("utf-8"))
    assert message.get_content() == body
    # The text parser (str in memory) reads the same body from the payload.
    assert Parser(policy=policy.default).parsestr(text).get_payload() == body


def test_a_long_subject_is_folded_and_unfolds_whole() -> None:
    subject = "Thank you for our chat at the event on Wednesday " * 3
    text = as_email("Grace", "g@navy.example", subject, "Hi\n")
    assert all(len(line) <= 78 for line in text.split("\n\n")[0].splitlines())
    message = BytesParser(policy=policy.default).parsebytes(text.encode())
    assert str(message["Subject"]) == " ".join(subject.split())


def test_a_header_injection_in_the_subject_stays_in_the_subject() -> None:
    text = as_email("Grace", "g@navy.example", "Hi\nBcc: evil@example.com", "Body\n")
    message = BytesParser(policy=policy.default).parsebytes(text.encode())
    assert message["Bcc"] is None
    assert str(message["Subject"]) == "Hi Bcc: evil@example.com"


def test_without_an_address_the_to_line_is_empty_and_the_notice_says_so() -> None:
    nobody = replace(GRACE, email="")
    clip = copy_as_email(nobody, thank_you(nobody))
    assert clip.ok
    assert clip.text.startswith("To:\nSubject: ")
    assert "no email address" in clip.notice


@pytest.mark.parametrize(
    "field",
    ["a@x.com?bcc=evil@e.com", "frances@x.com\r\nBcc: evil@e.com", "frances@x.com\nevil@e.com"],
    ids=["query", "crlf", "newline"],
)
def test_an_address_that_is_not_valid_is_left_out_and_the_notice_says_why(field: str) -> None:
    """QA of issue 11, finding 10: a restored or synced file can hold anything in the field."""
    frances = replace(GRACE, name="Frances", email=field)
    clip = copy_address(frances)
    assert not clip.ok and clip.text == ""
    assert "is not a valid address" in clip.notice and "left out" in clip.notice
    assert "\n" not in clip.notice and "\r" not in clip.notice
    email = copy_as_email(frances, thank_you(frances))
    assert email.text.startswith("To:\nSubject: ")
    message = BytesParser(policy=policy.default).parsebytes(email.text.encode())
    assert message["Bcc"] is None and "evil" not in email.text and "@e.com" not in email.text
    assert "the To: line is empty" in email.notice and "not a valid address" in email.notice


# -- mailto ------------------------------------------------------------------------------


def test_mailto_has_the_unwrapped_body() -> None:
    message = thank_you()
    old = replace(message, body=message.body.replace("advice to ask", "advice\nto ask"))
    url = mailto_for(GRACE, old)
    query = parse_qs(urlsplit(url).query)
    assert urlsplit(url).path == "grace@navy.example"
    assert query["subject"] == ["Thank you for the coffee on Tuesday"]
    assert query["body"] == [message.body.replace("\n", "\r\n")]
    assert "advice to ask" in query["body"][0]


# -- the preview -----------------------------------------------------------------------------


def test_wrap_for_display_wraps_only_for_display() -> None:
    body = thank_you().body
    shown = wrap_for_display(body, 40)
    assert all(cell_width(line) <= 40 for line in shown.split("\n"))
    assert " ".join(shown.split()) == " ".join(body.split())  # the same words, in order
    assert "\n\nBest wishes,\nSam Rivera" in shown  # blank lines and the sign-off kept


def test_wrap_for_display_cuts_a_word_longer_than_the_width() -> None:
    url = "https://example.com/" + "x" * 50
    shown = wrap_for_display(f"See {url} now", 20).split("\n")
    assert all(cell_width(line) <= 20 for line in shown)
    assert "".join(shown).replace(" ", "") == f"See{url}now"


def test_wrap_for_display_counts_wide_characters() -> None:
    text = "\u5c71\u7530\u592a\u90ce " * 6
    shown = wrap_for_display(text, 10).split("\n")
    assert all(cell_width(line) <= 10 for line in shown)
    assert cell_width("\u5c71a") == 3 and cell_width("e\u0301") == 1


def test_preview_text_has_the_subject_then_the_body() -> None:
    message = thank_you()
    shown = preview_text(message.subject, message.body, 60)
    assert shown.startswith("Subject: Thank you for the coffee on Tuesday\n\nHi Grace,\n\n")


# -- the demo, copied -------------------------------------------------------------------------


def test_demo_thank_yous_copy_as_a_person_would_send_them(tmp_path: Path) -> None:
    with Store.open(tmp_path / "demo.json") as store:
        populate(store, TODAY)
        people = {c.name: c for c in store.contacts()}
        tim = people["Tim Berners-Lee"]
        meeting = max(store.meetings_of(tim.id), key=lambda m: m.when)
        draft = new_draft(MessageKind.THANK_YOU, tim, meeting, TODAY, settings=store.settings)
        body = copy_body(draft).text
        assert "at my own company" in body
        assert body.endswith("Best wishes,\nSam Rivera")
        _, _, subject, _ = parse(copy_as_email(tim, draft).text)
        assert subject == "Thank you for the coffee on Wednesday"
        linus = people["Linus Pauling"]
        late_meeting = min(store.meetings_of(linus.id), key=lambda m: m.when)
        assert (TODAY - late_meeting.when).days >= 90
        late = new_draft(MessageKind.THANK_YOU, linus, late_meeting, TODAY, settings=store.settings)
        assert copy_body(late).text.split("\n\n")[1].startswith("Sorry this is so late.")
