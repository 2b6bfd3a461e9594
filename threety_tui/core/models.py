"""The data of threety as frozen dataclasses.

Each model converts to and from the plain dict stored in TinyDB (`to_doc` /
`from_doc`). Dates are ISO strings on disk and `datetime.date` in memory; the
document id is not part of the document (TinyDB keeps it as the key) but is
carried on the model as `id` (0 until the store has saved it).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Self, TypeGuard, TypeVar

E = TypeVar("E", bound=StrEnum)

MAX_YEAR = 9000
"""Dates past this read as damaged: adding a cadence to them would overflow."""
MAX_CADENCE_DAYS = 36500


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


class MessageKind(StrEnum):
    THANK_YOU = "thank_you"
    FOLLOW_UP = "follow_up"
    UPDATE = "update"

    @property
    def label(self) -> str:
        return {"thank_you": "Thank-you", "follow_up": "Follow-up", "update": "Update"}[self.value]


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


def _enum(cls: type[E], value: Any, default: E) -> E:
    # The member map, not cls(value): this runs for every document read.
    try:
        member: E = cls._value2member_map_.get(value, default)  # type: ignore[assignment]
    except TypeError:  # an unhashable value in a damaged file
        return default
    return member


def _text(value: Any) -> str:
    """Tolerant: a missing or null text field reads as empty, not as "None"."""
    return "" if value is None else str(value)


def _valid_cadence(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_CADENCE_DAYS


def new_insight_id() -> str:
    return uuid.uuid4().hex[:12]


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
    id: int = 0

    @property
    def first_name(self) -> str:
        parts = self.name.split()
        return parts[0] if parts else self.name

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
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], id: int = 0) -> Self:
        cadence = doc.get("cadence_days")
        if not _valid_cadence(cadence):
            cadence = None
        return cls(
            name=_text(doc.get("name")),
            email=_text(doc.get("email")),
            company=_text(doc.get("company")),
            role=_text(doc.get("role")),
            kind=_enum(Kind, doc.get("kind"), Kind.UNKNOWN),
            how_met=_text(doc.get("how_met")),
            linkedin=_text(doc.get("linkedin")),
            tags=tuple(str(t) for t in tags) if isinstance(tags := doc.get("tags"), list) else (),
            notes=_text(doc.get("notes")),
            cadence_days=cadence,
            created=_datetime(doc.get("created")),
            deleted=_datetime(doc.get("deleted")),
            id=id,
        )


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
    def from_doc(cls, doc: Mapping[str, Any]) -> Self:
        get = doc.get
        return cls(
            _text(get("text")),
            bool(get("favourite", False)),
            _enum(Homework, get("status"), Homework.TODO),
            _text(get("benefit")),
            _date(get("done")),
            str(get("id") or new_insight_id()),
        )


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
    def from_doc(cls, doc: Mapping[str, Any], id: int = 0) -> Self:
        get = doc.get  # positional, in field order: see Message.from_doc
        return cls(
            int(doc["contact_id"]),
            date.fromisoformat(doc["when"]),
            _text(get("time")),
            _enum(Channel, get("channel"), Channel.OTHER),
            _text(get("notes")),
            tuple(Insight.from_doc(i) for i in get("insights") or () if isinstance(i, dict)),
            _date(get("snoozed_until")),
            _text(get("snooze_reason")),
            _date(get("closed")),
            _datetime(get("created")),
            _datetime(get("deleted")),
            id,
        )


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
    def from_doc(cls, doc: Mapping[str, Any]) -> Self:
        get = doc.get
        return cls(
            _text(get("greeting")),
            _text(get("gratitude")),
            _text(get("highlight")),
            _text(get("benefit")),
            _text(get("ask")),
            _text(get("signoff")),
        )


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
    id: int = 0

    @property
    def is_sent(self) -> bool:
        return self.status is MessageStatus.SENT

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
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any], id: int = 0) -> Self:
        # Positional, in field order, with `get` bound once: `threety due` reads
        # every message of the database through here.
        get = doc.get
        meeting_id = get("meeting_id")
        parts = get("parts")
        return cls(
            int(doc["contact_id"]),
            int(meeting_id) if meeting_id is not None else None,
            _enum(MessageKind, get("kind"), MessageKind.UPDATE),
            Parts.from_doc(parts if isinstance(parts, dict) else {}),
            _text(get("subject")),
            _text(get("body")),
            _enum(MessageStatus, get("status"), MessageStatus.DRAFT),
            _text(get("insight_id")),
            _datetime(get("created")),
            _datetime(get("updated")),
            _date(get("sent")),
            _date(get("next_due")),
            _date(get("snoozed_until")),
            _text(get("snooze_reason")),
            _date(get("closed")),
            id,
        )


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
            "cadence_booster": self.cadence_booster,
            "cadence_obligate": self.cadence_obligate,
            "cadence_unknown": self.cadence_unknown,
            "theme": self.theme,
            "ics_path": self.ics_path,
        }

    @classmethod
    def from_doc(cls, doc: Mapping[str, Any]) -> Self:
        default = cls()

        def cadence(key: str) -> int:
            value = doc.get(key)
            return value if _valid_cadence(value) else getattr(default, key)

        return cls(
            your_name=str(doc.get("your_name") or ""),
            cadence_booster=cadence("cadence_booster"),
            cadence_obligate=cadence("cadence_obligate"),
            cadence_unknown=cadence("cadence_unknown"),
            theme=str(doc.get("theme") or default.theme),
            ics_path=str(doc.get("ics_path") or ""),
        )
