"""The data of threety as frozen dataclasses.

Each model converts to and from the plain dict stored in TinyDB (`to_doc` /
`from_doc`). Dates are ISO strings on disk and `datetime.date` in memory; the
document id is not part of the document (TinyDB keeps it as the key) but is
carried on the model as `id` (0 until the store has saved it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, ParamSpec, Self, TypeGuard, TypeVar

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")
P = ParamSpec("P")

MAX_YEAR = 9000
"""Dates past this read as damaged: adding a cadence to them would overflow."""
MAX_CADENCE_DAYS = 36500
DEFAULT_SIGN_OFF = "Best wishes,"
"""The closing line of a draft's sign-off until the user picks another."""


class Kind(StrEnum):
    """Why a contact helps (method.md, "Two kinds of helpers")."""

    BOOSTER = "booster"
    OBLIGATE = "obligate"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Channel(StrEnum):
    COFFEE = "coffee"
    CALL = "call"
    VIDEO = "video"
    EVENT = "event"
    OTHER = "other"


class Homework(StrEnum):
    """Progress on acting on an insight."""

    TODO = "todo"
    DOING = "doing"
    DONE = "done"


class KindSource(StrEnum):
    """Who set a contact's kind: so a kind the user chose is never changed silently."""

    NONE = ""
    """Never set (the kind is unknown)."""
    USER = "user"
    """Chosen by the user (in a form, or before threety read replies)."""
    EVIDENCE = "evidence"
    """A suggestion from how they answered, accepted by the user (see `evidence.py`)."""


class MessageKind(StrEnum):
    OUTREACH = "outreach"
    """The request for a meeting, sent before there is one (spec section 8)."""
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    UPDATE = "update"

    @property
    def label(self) -> str:
        return _MESSAGE_LABELS[self.value]


_MESSAGE_LABELS = {
    "outreach": "Meeting request",
    "thank_you": "Thank-you",
    "follow_up": "Follow-up",
    "update": "Update",
}


class MessageStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"


def _date(value: Any) -> date | None:
    """Tolerant: a damaged optional date reads as no date rather than failing."""
    try:
        day = date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
    return day if day is None or day.year <= MAX_YEAR else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _datetime(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _stamp(value: Any) -> datetime | None:
    """A message's created/updated stamp, which the store sorts by `timestamp()`.

    A naive stamp in year 1 has none ("year 0 is out of range" in local time),
    so it reads as no stamp, like a damaged one.
    """
    stamp = _datetime(value)
    return None if stamp is not None and stamp.year == 1 and stamp.tzinfo is None else stamp


def _member_reader(cls: type[E], default: E) -> Callable[[Any], E]:
    """Reads a stored value as a member of `cls`, tolerant: anything else is `default`.

    Made once per enum and kept: these run for every document read, and
    looking up an attribute of an enum class is slow (EnumType has a __getattr__).
    """
    members = cls._value2member_map_  # the member map, not cls(value): no exception

    def read(value: Any) -> E:
        try:
            member: E = members.get(value, default)  # type: ignore[assignment]
        except TypeError:  # an unhashable value in a damaged file
            return default
        return member

    return read


def _text(value: Any) -> str:
    """Tolerant: a missing or null text field reads as empty, not as "None"."""
    return "" if value is None else str(value)


def _valid_cadence(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_CADENCE_DAYS


def new_insight_id() -> str:
    import uuid  # here: reading a database never needs it (uuid imports `platform`)

    return uuid.uuid4().hex[:12]


def fast_constructor(cls: Callable[P, T]) -> Callable[P, T]:
    """`cls(...)` for a frozen, slotted dataclass, at a fifth of the cost: same parameters.

    A frozen dataclass's `__init__` has to set each field with `object.__setattr__`,
    the slowest way to set an attribute, and `threety due` builds every meeting
    and message of the database: that was most of its time. This sets the fields
    with plain assignments on an instance of a twin class with the same slots and
    no `__setattr__`, then makes it a `cls` (Python allows `__class__` assignment
    between classes of the same layout). The code is generated, as the
    dataclass's own `__init__` is. Only for plain fields and no `__post_init__`.
    """
    slots = getattr(cls, "__slots__", None)
    if slots is None or hasattr(cls, "__post_init__"):
        raise TypeError(f"fast_constructor needs slots and no __post_init__: {cls!r}")
    twin = type(f"_{cls.__name__}Draft", (), {"__slots__": slots})
    # The generated code's own names end in "_": no field is named so.
    scope: dict[str, Any] = {"cls_": cls, "twin_": twin, "new_": object.__new__}
    scope["MISSING_"] = MISSING
    params, body = [], ["    self_ = new_(twin_)"]
    for f in fields(cls):  # type: ignore[arg-type]
        name = f.name
        if not f.init or f.kw_only or name.endswith("_"):
            raise TypeError(f"fast_constructor does not handle the field {name} of {cls!r}")
        if f.default is not MISSING:
            scope[f"{name}_default_"] = f.default
            params.append(f"{name}={name}_default_")
        elif f.default_factory is not MISSING:
            scope[f"{name}_factory_"] = f.default_factory
            params.append(f"{name}=MISSING_")
            body.append(f"    if {name} is MISSING_:\n        {name} = {name}_factory_()")
        else:
            params.append(name)
        body.append(f"    self_.{name} = {name}")
    body += ["    self_.__class__ = cls_", "    return self_"]
    exec("\n".join([f"def build({', '.join(params)}):", *body]), scope)
    build: Callable[P, T] = scope["build"]
    return build


_SENT = MessageStatus.SENT  # `is_sent` runs per message, and `MessageStatus.SENT` is slow
_kind = _member_reader(Kind, Kind.UNKNOWN)
_kind_source = _member_reader(KindSource, KindSource.NONE)
_channel = _member_reader(Channel, Channel.OTHER)
_homework = _member_reader(Homework, Homework.TODO)
_message_kind = _member_reader(MessageKind, MessageKind.UPDATE)
_message_status = _member_reader(MessageStatus, MessageStatus.DRAFT)


_SUFFIXES = frozenset("jr sr ii iii iv phd md mba esq dds cpa rn obe mbe cbe".split())
_TITLES = frozenset("dr mr mrs ms mx miss prof professor sir dame rev".split())


def _bare(word: str) -> str:
    return word.strip(".()").lower()


@dataclass(frozen=True, slots=True)
class Contact:
    name: str
    email: str = ""
    company: str = ""
    role: str = ""
    kind: Kind = Kind.UNKNOWN
    how_met: str = ""
    linkedin: str = ""
    tags: tuple[str, ...] = ()
    notes: str = ""
    cadence_days: int | None = None
    """Days between follow-ups; None means the default for the contact's kind."""
    created: datetime | None = None
    deleted: datetime | None = None
    kind_source: KindSource = KindSource.NONE
    """Who set `kind`; see `kind_chosen`."""
    kind_dismissed: Kind | None = None
    """A kind suggested from the evidence that the user turned down: not suggested again."""
    id: int = 0

    @property
    def kind_chosen(self) -> bool:
        """The user chose the kind (in a form, or before threety read replies)."""
        return self.kind is not Kind.UNKNOWN and self.kind_source is not KindSource.EVIDENCE

    @property
    def first_name(self) -> str:
        """What a greeting calls them: "Pat" for "O'Brien, Pat", "Jane" for "Dr Jane Smith".

        A name written "Last, First" (as exported from many address books) is
        greeted by what follows the comma, unless that is a suffix ("Pat
        O'Brien, PhD"); a title alone with a surname stays ("Dr Smith").
        """
        name = self.name
        last, comma, given = name.partition(",")
        if comma and given.split() and _bare(given.split()[0]) not in _SUFFIXES:
            name = given
        elif comma:
            name = last
        parts = name.split()
        if len(parts) > 2 and _bare(parts[0]) in _TITLES:
            parts = parts[1:]
        elif len(parts) == 2 and _bare(parts[0]) in _TITLES:
            return " ".join(parts)
        return parts[0] if parts else ""

    def to_doc(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "email": self.email,
            "company": self.company,
            "role": self.role,
            "kind": self.kind.value,
            "how_met": self.how_met,
            "linkedin": self.linkedin,
            "tags": list(self.tags),
            "notes": self.notes,
            "cadence_days": self.cadence_days,
            "created": self.created.isoformat() if self.created else None,
            "deleted": self.deleted.isoformat() if self.deleted else None,
            "kind_source": self.kind_source.value,
            "kind_dismissed": self.kind_dismissed.value if self.kind_dismissed else None,
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], id: int = 0) -> Contact:
        get = doc.get  # see Message.from_doc
        name, email, company, role = get("name"), get("email"), get("company"), get("role")
        how_met, linkedin, tags, notes = get("how_met"), get("linkedin"), get("tags"), get("notes")
        cadence, deleted = get("cadence_days"), get("deleted")
        source, dismissed = get("kind_source"), get("kind_dismissed")
        return _new_contact(
            name if type(name) is str else _text(name),
            email if type(email) is str else _text(email),
            company if type(company) is str else _text(company),
            role if type(role) is str else _text(role),
            _kind(get("kind")),
            how_met if type(how_met) is str else _text(how_met),
            linkedin if type(linkedin) is str else _text(linkedin),
            tuple(map(str, tags)) if isinstance(tags, list) else (),
            notes if type(notes) is str else _text(notes),
            cadence if cadence is not None and _valid_cadence(cadence) else None,
            _datetime(get("created")),
            None if deleted is None else _datetime(deleted),
            _kind_source(source),
            None if dismissed is None else _dismissed(dismissed),
            id,
        )


def _dismissed(value: Any) -> Kind | None:
    """A dismissed suggestion is Booster or Obligate; anything else reads as none."""
    kind = _kind(value)
    return None if kind is Kind.UNKNOWN else kind


_new_contact = fast_constructor(Contact)


@dataclass(frozen=True, slots=True)
class Insight:
    """One piece of advice from a meeting; it becomes homework."""

    text: str
    favourite: bool = False
    status: Homework = Homework.TODO
    benefit: str = ""
    """What came of acting on it; feeds the follow-up."""
    done: date | None = None
    id: str = field(default_factory=new_insight_id)

    def to_doc(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "favourite": self.favourite,
            "status": self.status.value,
            "benefit": self.benefit,
            "done": _iso(self.done),
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Insight:
        get = doc.get  # see Message.from_doc
        text, benefit, done = get("text"), get("benefit"), get("done")
        return _new_insight(
            text if type(text) is str else _text(text),
            bool(get("favourite", False)),
            _homework(get("status")),
            benefit if type(benefit) is str else _text(benefit),
            None if done is None else _date(done),
            str(get("id") or new_insight_id()),
        )


_new_insight = fast_constructor(Insight)


@dataclass(frozen=True, slots=True)
class Meeting:
    contact_id: int
    when: date
    time: str = ""
    """Optional "HH:MM"."""
    channel: Channel = Channel.COFFEE
    notes: str = ""
    insights: tuple[Insight, ...] = ()
    snoozed_until: date | None = None
    """The thank-you reminder is moved to this date."""
    snooze_reason: str = ""
    closed: date | None = None
    """The thank-you was closed without a message on this date."""
    created: datetime | None = None
    deleted: datetime | None = None
    id: int = 0

    @property
    def favourite(self) -> Insight | None:
        """The favourite insight, else the first one, else None."""
        for insight in self.insights:
            if insight.favourite:
                return insight
        return self.insights[0] if self.insights else None

    def insight(self, insight_id: str) -> Insight | None:
        return next((i for i in self.insights if i.id == insight_id), None)

    def with_insight(self, updated: Insight) -> Meeting:
        """A copy with the insight of the same id replaced."""
        return replace(
            self, insights=tuple(updated if i.id == updated.id else i for i in self.insights)
        )

    def to_doc(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "when": self.when.isoformat(),
            "time": self.time,
            "channel": self.channel.value,
            "notes": self.notes,
            "insights": [i.to_doc() for i in self.insights],
            "snoozed_until": _iso(self.snoozed_until),
            "snooze_reason": self.snooze_reason,
            "closed": _iso(self.closed),
            "created": self.created.isoformat() if self.created else None,
            "deleted": self.deleted.isoformat() if self.deleted else None,
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], id: int = 0) -> Meeting:
        get = doc.get  # see Message.from_doc
        time, notes, reason = get("time"), get("notes"), get("snooze_reason")
        snoozed, closed, deleted = get("snoozed_until"), get("closed"), get("deleted")
        return _new_meeting(
            int(doc["contact_id"]),
            date.fromisoformat(doc["when"]),
            time if type(time) is str else _text(time),
            _channel(get("channel")),
            notes if type(notes) is str else _text(notes),
            tuple([Insight.from_doc(i) for i in get("insights") or () if isinstance(i, dict)]),
            None if snoozed is None else _date(snoozed),
            reason if type(reason) is str else _text(reason),
            None if closed is None else _date(closed),
            _datetime(get("created")),
            None if deleted is None else _datetime(deleted),
            id,
        )


_new_meeting = fast_constructor(Meeting)


@dataclass(frozen=True, slots=True)
class Parts:
    """The editable parts of a 3TY message."""

    greeting: str = ""
    gratitude: str = ""
    highlight: str = ""
    benefit: str = ""
    """Follow-ups and updates only: what came of acting on the advice."""
    ask: str = ""
    signoff: str = ""

    def to_doc(self) -> dict[str, str]:
        return {
            "greeting": self.greeting,
            "gratitude": self.gratitude,
            "highlight": self.highlight,
            "benefit": self.benefit,
            "ask": self.ask,
            "signoff": self.signoff,
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Parts:
        get = doc.get  # see Message.from_doc
        greeting, gratitude, highlight = get("greeting"), get("gratitude"), get("highlight")
        benefit, ask, signoff = get("benefit"), get("ask"), get("signoff")
        return _new_parts(
            greeting if type(greeting) is str else _text(greeting),
            gratitude if type(gratitude) is str else _text(gratitude),
            highlight if type(highlight) is str else _text(highlight),
            benefit if type(benefit) is str else _text(benefit),
            ask if type(ask) is str else _text(ask),
            signoff if type(signoff) is str else _text(signoff),
        )


_new_parts = fast_constructor(Parts)


@dataclass(frozen=True, slots=True)
class Message:
    contact_id: int
    meeting_id: int | None
    kind: MessageKind
    parts: Parts = Parts()
    subject: str = ""
    body: str = ""
    """The rendered plain-text body, as copied or sent."""
    status: MessageStatus = MessageStatus.DRAFT
    insight_id: str = ""
    """The insight the highlight names."""
    created: datetime | None = None
    updated: datetime | None = None
    sent: date | None = None
    next_due: date | None = None
    """When sent: the next touch as scheduled (sent + cadence)."""
    snoozed_until: date | None = None
    snooze_reason: str = ""
    closed: date | None = None
    """The next touch was closed without a message on this date."""
    replied: date | None = None
    """When they answered this message (sent messages only; see `Store.record_reply`)."""
    follows: int | None = None
    """The one follow-up to an unanswered meeting request (an outreach message): the
    request's id. It is not a request of its own: it starts no nudges, and the stats
    count it with its request (see `rules.awaiting`)."""
    id: int = 0

    @property
    def is_sent(self) -> bool:
        return self.status is _SENT

    @property
    def is_request(self) -> bool:
        """A meeting request of its own (not the one follow-up to one)."""
        return self.kind is MessageKind.OUTREACH and self.follows is None

    @property
    def label(self) -> str:
        """ "Meeting request", "Follow-up to meeting request", "Thank-you"..."""
        return label_of(self.kind, self.follows)

    def to_doc(self) -> dict[str, Any]:
        return {
            "contact_id": self.contact_id,
            "meeting_id": self.meeting_id,
            "kind": self.kind.value,
            "parts": self.parts.to_doc(),
            "subject": self.subject,
            "body": self.body,
            "status": self.status.value,
            "insight_id": self.insight_id,
            "created": self.created.isoformat() if self.created else None,
            "updated": self.updated.isoformat() if self.updated else None,
            "sent": _iso(self.sent),
            "next_due": _iso(self.next_due),
            "snoozed_until": _iso(self.snoozed_until),
            "snooze_reason": self.snooze_reason,
            "closed": _iso(self.closed),
            "replied": _iso(self.replied),
            "follows": self.follows,
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], id: int = 0) -> Message:
        # `threety due` reads every meeting and message of the database, so the
        # `from_doc`s are written for speed: `get` bound once, the fields passed in
        # order to a `fast_constructor`, and a field's usual value (a string, no
        # date) taken as it is rather than through its converter.
        get = doc.get
        meeting_id, parts = get("meeting_id"), get("parts")
        subject, body, insight_id = get("subject"), get("body"), get("insight_id")
        snoozed, reason, closed = get("snoozed_until"), get("snooze_reason"), get("closed")
        replied, follows = get("replied"), get("follows")
        return _new_message(
            int(doc["contact_id"]),
            None if meeting_id is None else int(meeting_id),
            _message_kind(get("kind")),
            Parts.from_doc(parts if isinstance(parts, dict) else {}),
            subject if type(subject) is str else _text(subject),
            body if type(body) is str else _text(body),
            _message_status(get("status")),
            insight_id if type(insight_id) is str else _text(insight_id),
            _stamp(get("created")),
            _stamp(get("updated")),
            _date(get("sent")),
            _date(get("next_due")),
            None if snoozed is None else _date(snoozed),
            reason if type(reason) is str else _text(reason),
            None if closed is None else _date(closed),
            None if replied is None else _date(replied),
            None if follows is None else _follows(follows),
            id,
        )


_new_message = fast_constructor(Message)


def _follows(value: Any) -> int | None:
    """A stored request id; anything but a positive whole number reads as none."""
    return value if type(value) is int and value > 0 else None


FOLLOW_UP_TO_REQUEST = "Follow-up to meeting request"


def label_of(kind: MessageKind, follows: int | None) -> str:
    """A message's name: its kind's, or the one follow-up's to a meeting request."""
    return FOLLOW_UP_TO_REQUEST if follows is not None else kind.label


def _closing(value: Any) -> str:
    """A stored sign-off read as one line; anything but text reads as none."""
    return " ".join(value.split()) if isinstance(value, str) else ""


@dataclass(frozen=True, slots=True)
class Settings:
    """User preferences kept in the database's meta table."""

    your_name: str = ""
    """Used in the sign-off."""
    cadence_booster: int = 30
    cadence_obligate: int = 30
    cadence_unknown: int = 30
    theme: str = "textual-dark"
    ics_path: str = ""
    """When set, this .ics file is rewritten on every Mark sent."""
    sign_off: str = DEFAULT_SIGN_OFF
    """The closing line above the name: "Best wishes,", "Thanks,"."""
    name_asked: bool = False
    """The first draft asked for the name once: it is not asked again."""
    replies_since: date | None = None
    """Not a preference: the day threety began to record replies, in a database made
    before it could (set by the schema 1 -> 2 migration). Replies to messages sent
    before it were never recorded, so the reply rates count from it. None: always."""

    def cadence_for(self, contact: Contact) -> int:
        if contact.cadence_days:
            return contact.cadence_days
        return {
            Kind.BOOSTER: self.cadence_booster,
            Kind.OBLIGATE: self.cadence_obligate,
        }.get(contact.kind, self.cadence_unknown)

    def to_doc(self) -> dict[str, Any]:
        return {
            "your_name": self.your_name,
            "sign_off": self.sign_off,
            "name_asked": self.name_asked,
            "cadence_booster": self.cadence_booster,
            "cadence_obligate": self.cadence_obligate,
            "cadence_unknown": self.cadence_unknown,
            "theme": self.theme,
            "ics_path": self.ics_path,
            "replies_since": _iso(self.replies_since),
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Self:
        default = cls()

        def cadence(key: str) -> int:
            value = doc.get(key)
            return value if _valid_cadence(value) else getattr(default, key)

        return cls(
            your_name=str(doc.get("your_name") or ""),
            sign_off=_closing(doc.get("sign_off")) or default.sign_off,
            name_asked=doc.get("name_asked") is True,
            cadence_booster=cadence("cadence_booster"),
            cadence_obligate=cadence("cadence_obligate"),
            cadence_unknown=cadence("cadence_unknown"),
            theme=str(doc.get("theme") or default.theme),
            ics_path=str(doc.get("ics_path") or ""),
            replies_since=_date(doc.get("replies_since")),
        )
