"""Replies from a Maildir folder or an mbox file (spec section 8), read header by header."""

from __future__ import annotations

from bisect import bisect_right
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import pytest
from core_support import NOW
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mail_support import Mail, write_maildir, write_mbox

from threety_tui.core.errors import InputError
from threety_tui.core.io import mail
from threety_tui.core.models import Contact, Meeting, Message, MessageKind, MessageStatus
from threety_tui.core.store import Store

TODAY = NOW.date()
MON = date(2026, 11, 16)
DAY = timedelta(days=1)
ZONE = timezone(timedelta(hours=-5))


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ZONE)


def sent(store: Store, contact: Contact, kind: MessageKind, on: date) -> Message:
    meeting = None if kind is MessageKind.OUTREACH else store.add_meeting(Meeting(contact.id, on))
    message = store.save_message(Message(contact.id, meeting.id if meeting else None, kind))
    return store.mark_sent(message.id, on)


@pytest.fixture
def people(store: Store) -> dict[str, Message]:
    """Ada: a request Mon 16, a thank-you Fri 20; Bob: a thank-you Wed 18; Cy: nothing sent."""
    ada, bob, _ = store.add_contacts(
        [
            Contact("Ada Lovelace", "Ada@Analytical.example"),
            Contact("Bob", "bob@acme.example"),
            Contact("Cy", "cy@acme.example"),
        ]
    )
    return {
        "ada request": sent(store, ada, MessageKind.OUTREACH, MON),
        "ada thanks": sent(store, ada, MessageKind.THANK_YOU, MON + 4 * DAY),
        "bob thanks": sent(store, bob, MessageKind.THANK_YOU, MON + 2 * DAY),
    }


MAILS: list[Mail] = [
    ('"Ada L." <ADA@analytical.EXAMPLE>', at(MON + DAY), "Re: coffee?"),  # the request's reply
    ("ada@analytical.example", at(MON + 2 * DAY), "Re: coffee? (again)"),  # later: not counted
    ("Ada <ada@analytical.example>", at(MON + 6 * DAY), "Re: thank you"),  # the thank-you's
    ("Ada <ada@analytical.example>", at(MON - 5 * DAY), "before anything"),  # older
    ("Bob <bob@acme.example>", at(MON + 2 * DAY, hour=12), "same day"),  # the same day counts
    ("Cy <cy@acme.example>", at(MON + 3 * DAY), "nothing sent to Cy"),  # older than nothing
    ("Stranger <who@else.example>", at(MON + 3 * DAY), "hello"),
    ("Ada <ada@analytical.example>", "not a date", "bad date"),
    ("Ada <ada@analytical.example>", None, "no date at all"),
    ("no address here", at(MON + 3 * DAY), "no address"),
]


@pytest.fixture(params=["maildir", "mbox"])
def mailbox_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "maildir":
        return write_maildir(tmp_path / "INBOX", MAILS)
    return write_mbox(tmp_path / "inbox.mbox", MAILS)


def test_reads_who_wrote_and_when(mailbox_path: Path) -> None:
    scan = mail.read_mail(mailbox_path)
    assert scan.format == (mail.MAILDIR if mailbox_path.is_dir() else mail.MBOX)
    assert scan.messages == len(MAILS)
    assert scan.unreadable == 3
    expected = [
        ("ada@analytical.example", MON + DAY),
        ("ada@analytical.example", MON + 2 * DAY),
        ("ada@analytical.example", MON + 6 * DAY),
        ("ada@analytical.example", MON - 5 * DAY),
        ("bob@acme.example", (at(MON + 2 * DAY, hour=12)).astimezone().date()),
        ("cy@acme.example", MON + 3 * DAY),
        ("who@else.example", MON + 3 * DAY),
    ]
    assert sorted(scan.headers) == sorted(expected)


def test_plan_and_apply(store: Store, people: dict[str, Message], mailbox_path: Path) -> None:
    before = store.path.read_bytes()
    plan = mail.plan_replies(store, mail.read_mail(mailbox_path), TODAY)
    assert store.path.read_bytes() == before  # planning writes nothing
    bob_day = at(MON + 2 * DAY, hour=12).astimezone().date()
    assert [(r.contact.name, r.message.id, r.day) for r in plan.replies] == [
        ("Ada Lovelace", people["ada request"].id, MON + DAY),
        ("Ada Lovelace", people["ada thanks"].id, MON + 6 * DAY),
        ("Bob", people["bob thanks"].id, bob_day),
    ]
    assert plan.counts == {
        "messages": 10,
        "replies": 3,
        "already": 0,
        "later": 1,  # Ada's second mail about the request
        "older": 1,  # Ada's mail from before anything was sent
        "not_written": 1,  # Cy: nothing was ever sent to Cy
        "strangers": 1,
        "unreadable": 3,
        "future": 0,
    }
    assert sum(plan.counts.values()) == 2 * plan.counts["messages"]  # each mail in one line
    recorded = mail.apply_replies(store, plan)
    assert {m.id: m.replied for m in recorded} == {
        people["ada request"].id: MON + DAY,
        people["ada thanks"].id: MON + 6 * DAY,
        people["bob thanks"].id: bob_day,
    }
    again = mail.plan_replies(store, mail.read_mail(mailbox_path), TODAY)
    assert again.replies == () and not again.has_changes
    assert again.already == 4  # the 3 replies, and Ada's second mail about her request
    assert mail.apply_replies(store, again) == []


def test_one_write_for_the_whole_import_and_none_when_nothing_is_new(
    store: Store, people: dict[str, Message], mailbox_path: Path, writes: list[Path]
) -> None:
    scan = mail.read_mail(mailbox_path)
    writes.clear()
    plan = mail.plan_replies(store, scan, TODAY)
    assert writes == []
    assert len(mail.apply_replies(store, plan)) == 3
    assert writes == [store.path]
    writes.clear()
    mail.apply_replies(store, mail.plan_replies(store, scan, TODAY))
    assert writes == []


def test_every_mail_read_is_in_exactly_one_line_of_the_report(
    store: Store, people: dict[str, Message]
) -> None:
    """QA 13.5: Hedy 26 Nov, Hedy 25 Nov, Margaret 25 Nov read as 1 new + 1 already: one lost."""
    store.record_reply(people["bob thanks"].id, MON + 3 * DAY)  # Bob's reply is recorded
    box = write_mbox(
        store.path.parent / "three.mbox",
        [
            ("ada@analytical.example", at(MON + 2 * DAY), "later"),
            ("ada@analytical.example", at(MON + DAY), "earliest"),
            ("bob@acme.example", at(MON + 3 * DAY), "recorded already"),
        ],
    )
    plan = mail.plan_replies(store, mail.read_mail(box), TODAY)
    counts = plan.counts
    assert (counts["replies"], counts["later"], counts["already"]) == (1, 1, 1)
    assert [r.day for r in plan.replies] == [MON + DAY]
    lines = mail.report_lines(plan)
    assert lines[0] == "Read 3 messages from three.mbox (mbox)."
    shown = sum(int(line.split()[0]) for line in lines[1:] if line.split()[0].isdigit())
    assert shown == 3  # every mail read, in one line each


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mails=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "ada@analytical.example",
                    "bob@acme.example",
                    "cy@acme.example",
                    "who@else.example",
                ]
            ),
            st.integers(min_value=-10, max_value=20),
        ),
        max_size=12,
    )
)
def test_the_counts_always_add_up_to_the_mail_read(
    store: Store, people: dict[str, Message], mails: list[tuple[str, int]]
) -> None:
    scan = mail.MailScan(
        store.path, mail.MBOX, len(mails), tuple((a, MON + d * DAY) for a, d in mails), 0
    )
    plan = mail.plan_replies(store, scan, TODAY)
    counts = plan.counts
    assert sum(v for k, v in counts.items() if k != "messages") == counts["messages"]
    assert counts["replies"] == len(plan.replies)


def test_a_reply_recorded_by_hand_is_kept(store: Store, people: dict[str, Message]) -> None:
    request = people["ada request"]
    store.record_reply(request.id, MON + 3 * DAY)  # the user said so
    box = write_mbox(store.path.parent / "a.mbox", [("ada@analytical.example", at(MON + DAY), "")])
    plan = mail.plan_replies(store, mail.read_mail(box), TODAY)
    assert plan.replies == () and plan.already == 1
    assert store.message(request.id).replied == MON + 3 * DAY  # type: ignore[union-attr]


def test_apply_rechecks_the_store(store: Store, people: dict[str, Message]) -> None:
    box = write_mbox(store.path.parent / "a.mbox", [("bob@acme.example", at(MON + 3 * DAY), "")])
    plan = mail.plan_replies(store, mail.read_mail(box), TODAY)
    store.record_reply(people["bob thanks"].id, MON + 2 * DAY)  # meanwhile, in the app
    assert mail.apply_replies(store, plan) == []
    assert store.message(people["bob thanks"].id).replied == MON + 2 * DAY  # type: ignore[union-attr]


def test_mail_dated_after_today_is_not_recorded(store: Store, people: dict[str, Message]) -> None:
    box = write_mbox(store.path.parent / "a.mbox", [("bob@acme.example", at(TODAY + DAY), "")])
    plan = mail.plan_replies(store, mail.read_mail(box), TODAY)
    assert (plan.replies, plan.counts["future"]) == ((), 1)
    assert "dated in the future" in "\n".join(mail.report_lines(plan))


def test_contacts_in_the_trash_and_drafts_are_left_alone(store: Store) -> None:
    gone = store.add_contact(Contact("Gone", "gone@example.com"))
    sent(store, gone, MessageKind.THANK_YOU, MON)
    store.delete_contact(gone.id)
    drafted = store.add_contact(Contact("Drafted", "draft@example.com"))
    store.save_message(Message(drafted.id, None, MessageKind.OUTREACH))
    box = write_mbox(
        store.path.parent / "a.mbox",
        [("gone@example.com", at(MON + DAY), ""), ("draft@example.com", at(MON + DAY), "")],
    )
    plan = mail.plan_replies(store, mail.read_mail(box), TODAY)
    assert plan.replies == ()
    assert (plan.strangers, plan.older, plan.not_written) == (1, 0, 1)


def test_the_report_lists_what_was_recorded(store: Store, people: dict[str, Message]) -> None:
    box = write_mbox(store.path.parent / "in.mbox", MAILS)
    lines = mail.report_lines(mail.plan_replies(store, mail.read_mail(box), TODAY))
    assert lines == [
        "Read 10 messages from in.mbox (mbox).",
        "      3 new replies",
        "      0 answering a message whose reply is recorded already",
        "      1 more to a message answered earlier (the earliest reply counts)",
        "      1 from contacts, dated before anything you sent them",
        "      1 from contacts you have not written to yet",
        "      1 from people who are not contacts",
        "      3 skipped: no readable From or Date",
        "New replies:",
        "  Ada Lovelace: replied Tue 17 Nov 2026 to your meeting request of Mon 16 Nov 2026 "
        "(after 1 day)",
        "  Ada Lovelace: replied Sun 22 Nov 2026 to your thank-you of Fri 20 Nov 2026 "
        "(after 2 days)",
        "  Bob: replied Wed 18 Nov 2026 to your thank-you of Wed 18 Nov 2026 (the same day)",
    ]


# -- what is a mailbox ------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: p, "no such file or folder"),
        (lambda p: (p.mkdir(), p)[1], "is a folder but not a Maildir"),
        (lambda p: (p.write_text("name,email\nAda,a@b.c\n"), p)[1], "is not a Maildir folder"),
        (lambda p: (p.write_bytes(b"\x00\x01PK\x03"), p)[1], "is not a Maildir folder"),
    ],
)
def test_a_path_that_is_neither_is_refused_in_one_line(
    tmp_path: Path, make: object, problem: str
) -> None:
    path = tmp_path / "box"
    assert callable(make)
    make(path)
    with pytest.raises(InputError) as caught:
        mail.read_mail(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and problem in message
    assert "\n" not in message


@pytest.mark.parametrize("kind", ["maildir", "mbox"])
def test_an_empty_mailbox_is_read_as_one_whichever_its_kind(tmp_path: Path, kind: str) -> None:
    """QA 13.13: an empty mbox was refused (exit 1) and an empty Maildir accepted."""
    path = tmp_path / "box"
    if kind == "maildir":
        write_maildir(path, [])
    else:
        path.write_bytes(b"")
    scan = mail.read_mail(path)
    assert (scan.messages, scan.headers, scan.unreadable) == (0, (), 0)
    assert scan.format == (mail.MAILDIR if kind == "maildir" else mail.MBOX)


def test_an_mbox_with_crlf_lines_folded_headers_and_odd_bytes(tmp_path: Path) -> None:
    raw = (
        b"From MAILER-DAEMON Mon Nov 16 10:00:00 2026\r\n"
        b"Subject: folded\r\n"
        b'FROM:\r\n "Ada \xff Lovelace"\r\n <Ada@Example.COM>\r\n'
        b"date: Tue, 17 Nov 2026\r\n 10:00:00 +0000\r\n"
        b"\r\n"
        b"From: body@example.com\r\n"  # in the body: not a header
        b"Date: Mon, 1 Jan 2001 00:00:00 +0000\r\n"
        b"\r\n"
        b"From bob@example.com Wed Nov 18 10:00:00 2026\r\n"
        b"Date: Wed, 18 Nov 2026 10:00:00 +0000\r\n"
        b"From: bob@example.com\r\n"
        b"\r\n"
        b">From the body, escaped\r\n"
    )
    path = tmp_path / "crlf.mbox"
    path.write_bytes(raw)
    scan = mail.read_mail(path)
    local = (datetime(2026, 11, 17, 10, tzinfo=UTC).astimezone().date(),)
    assert scan.messages == 2
    assert scan.headers == (
        ("ada@example.com", local[0]),
        ("bob@example.com", datetime(2026, 11, 18, 10, tzinfo=UTC).astimezone().date()),
    )


def test_a_maildir_reads_cur_and_new(tmp_path: Path) -> None:
    box = write_maildir(tmp_path / "Maildir", [("a@example.com", at(MON), "")])
    first = next((box / "new").iterdir())
    first.rename(box / "cur" / (first.name + ":2,S"))  # read by the mail program
    write_maildir(box, [("b@example.com", at(MON), "")])
    assert sorted(a for a, _ in mail.read_mail(box).headers) == ["a@example.com", "b@example.com"]


# -- property: any case of the address, any dates -----------------------------------


def mixed_case(text: str, flips: list[bool]) -> str:
    """`text` with the letters at the flipped positions upper-cased."""
    padded = (flips + [False] * len(text))[: len(text)]
    return "".join(c.upper() if flip else c.lower() for c, flip in zip(text, padded, strict=True))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    flips=st.lists(st.booleans(), min_size=20, max_size=20),
    name=st.sampled_from(["", "Ada", '"Lovelace, Ada"', "=?utf-8?q?Ad=C3=A1?="]),
    sent_days=st.lists(st.integers(0, 60), min_size=1, max_size=4),
    mail_days=st.lists(st.integers(-10, 90), max_size=8),
    replied_before=st.booleans(),
)
def test_reply_matching_over_address_case_and_dates(
    flips: list[bool],
    name: str,
    sent_days: list[int],
    mail_days: list[int],
    replied_before: bool,
) -> None:
    start = date(2026, 6, 1)
    today = start + timedelta(days=90)
    contact = Contact("Ada", mixed_case("ada.l@example.com", flips[10:]), id=1)
    messages = [
        Message(
            1,
            None,
            MessageKind.THANK_YOU,
            status=MessageStatus.SENT,
            sent=start + timedelta(days=d),
            replied=start + timedelta(days=d) if replied_before and i == 0 else None,
            id=i + 1,
        )
        for i, d in enumerate(sent_days)
    ]
    address = mixed_case("ada.l@example.com", flips)
    sender = f"{name} <{address}>" if name else address
    heads = [
        f"From: {sender}\r\nDate: {format_datetime(at(start + timedelta(days=d)))}\r\n".encode()
        for d in mail_days
    ]
    found = [mail._sender_and_day(head) for head in heads]
    assert found == [("ada.l@example.com", start + timedelta(days=d)) for d in mail_days]

    class Fake:
        def contacts(self, *, deleted: bool = False) -> list[Contact]:
            return [] if deleted else [contact]

        def messages_of(self, contact_id: int) -> list[Message]:
            return list(reversed(messages))

    scan = mail.MailScan(Path("x"), mail.MBOX, len(heads), tuple(f for f in found if f), 0)
    plan = mail.plan_replies(Fake(), scan, today)

    # The oracle: each mail answers the latest message sent on or before its day.
    order = sorted(messages, key=lambda m: (m.sent, m.id))
    days = [m.sent for m in order]
    earliest: dict[int, date] = {}
    targets: list[int] = []
    for d in mail_days:
        day = start + timedelta(days=d)
        index = bisect_right(days, day)
        if index:
            target = order[index - 1]
            targets.append(target.id)
            earliest[target.id] = min(day, earliest.get(target.id, day))
    by_id = {m.id: m for m in messages}
    expected = {i: d for i, d in earliest.items() if by_id[i].replied is None}
    assert {r.message.id: r.day for r in plan.replies} == expected
    assert all(r.day >= (r.message.sent or date.min) for r in plan.replies)
    # Each mail in one line: a new reply, one more to a message answered earlier, or one
    # to a message whose reply was recorded already.
    assert plan.already == sum(1 for t in targets if by_id[t].replied is not None)
    assert plan.new + plan.later == sum(1 for t in targets if by_id[t].replied is None)
    assert plan.new == len(expected)


ADDRESS = st.from_regex(r"[A-Za-z0-9._%+-]{1,12}@[A-Za-z0-9-]{1,10}\.[A-Za-z]{2,6}", fullmatch=True)
QUOTED = st.text(st.characters(exclude_characters='"\\\r\n', exclude_categories=["Cs", "Cc"]))
ATEXT = st.text(st.sampled_from("abcXYZ019 !#$%&'*+-/=?^_`{|}~\u00e9\u4e2d"), max_size=20)
"""What an unquoted display name or a comment may hold (RFC 5322 atext, spaces, non-ASCII)."""


@settings(max_examples=500, deadline=None)
@given(address=ADDRESS, quoted=QUOTED, name=ATEXT, form=st.integers(0, 4))
def test_the_quick_address_reading_agrees_with_parseaddr(
    address: str, quoted: str, name: str, form: int
) -> None:
    from email.utils import parseaddr

    value = [
        address,
        f"<{address}>",
        f'"{quoted}" <{address}>',
        f"{name} <{address}>",
        f"{address} ({name})",
    ][form]
    value = " ".join(value.split())
    assert mail._address(value) == parseaddr(value)[1]


def test_an_unreadable_maildir_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import mailbox

    box = write_maildir(tmp_path / "Maildir", [("a@example.com", at(MON), "")])

    def refuse(self: mailbox.Maildir) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(mailbox.Maildir, "iterkeys", refuse)
    with pytest.raises(InputError) as caught:
        mail.read_mail(box)
    assert str(caught.value) == f"{box}: cannot be read (Permission denied)"
