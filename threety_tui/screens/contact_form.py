"""Add or edit a contact: every field of the data model, kind as a select."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Select, TextArea

from threety_tui.core.models import Contact, Kind, Settings
from threety_tui.core.text import one_line, plain
from threety_tui.screens.form import FormScreen

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
KIND_CHOICES = [
    ("Booster: helps because they like to", Kind.BOOSTER.value),
    ("Obligate: helps out of duty; keep it short", Kind.OBLIGATE.value),
    ("Unknown", Kind.UNKNOWN.value),
]


class ContactForm(FormScreen[Contact]):
    def __init__(
        self, contact: Contact | None = None, settings: Settings | None = None, *, company: str = ""
    ) -> None:
        """`company` pre-fills a new contact's employer (a second contact there)."""
        super().__init__()
        self.contact = contact or Contact(name="", company=company)
        self.settings = settings or Settings()
        self.form_title = "Edit contact" if contact else "Add contact"

    def fields(self) -> ComposeResult:
        c = self.contact
        yield from self.field(
            "Name *", Input(one_line(c.name), id="name", placeholder="First and last name")
        )
        yield from self.field(
            "Email", Input(one_line(c.email), id="email", placeholder="name@example.com")
        )
        yield from self.field("Company", Input(one_line(c.company), id="company"))
        yield from self.field("Role", Input(one_line(c.role), id="role"))
        yield from self.field(
            "Kind",
            Select(KIND_CHOICES, value=c.kind.value, allow_blank=False, id="kind"),
            "Obligates get shorter messages.",
        )
        yield from self.field(
            "How met / introduced by",
            Input(
                one_line(c.how_met),
                id="how_met",
                placeholder="e.g. alumni event, introduced by a friend",
            ),
        )
        yield from self.field(
            "LinkedIn URL",
            Input(one_line(c.linkedin), id="linkedin", placeholder="https://www.linkedin.com/in/…"),
        )
        yield from self.field(
            "Tags", Input(", ".join(c.tags), id="tags", placeholder="e.g. alumni, hiring manager")
        )
        yield from self.field(
            "Follow-up every (days)",
            Input(str(c.cadence_days or ""), id="cadence", type="integer", placeholder="default"),
            "Blank: the default for the kind (see Settings).",
        )
        yield from self.field("Notes", TextArea(plain(c.notes), id="notes", compact=True))

    def _text(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def values(self) -> dict[str, Any]:
        return {
            **{
                f: self._text(f)
                for f in (
                    "name",
                    "email",
                    "company",
                    "role",
                    "how_met",
                    "linkedin",
                    "tags",
                    "cadence",
                )
            },
            "kind": self.query_one("#kind", Select).value,
            "notes": self.query_one("#notes", TextArea).text,
        }

    def problems(self) -> dict[str, str]:
        found = {}
        if not self._text("name"):
            found["name"] = "A name is required."
        email = self._text("email")
        if email and not EMAIL.match(email):
            found["email"] = "That does not look like an email address (name@example.com)."
        linkedin = self._text("linkedin")
        if linkedin and "linkedin.com/" not in linkedin.lower():
            found["linkedin"] = "A LinkedIn profile URL contains linkedin.com/in/…"
        cadence = self._text("cadence")
        if cadence and not (cadence.isdigit() and 1 <= int(cadence) <= 365):
            found["cadence"] = "Enter a number of days from 1 to 365, or leave it blank."
        return found

    def result(self) -> Contact:
        kind = self.query_one("#kind", Select).value
        cadence = self._text("cadence")
        return replace(
            self.contact,
            name=self._text("name"),
            email=self._text("email"),
            company=self._text("company"),
            role=self._text("role"),
            kind=Kind(kind) if isinstance(kind, str) else Kind.UNKNOWN,
            how_met=self._text("how_met"),
            linkedin=self._text("linkedin"),
            tags=tuple(t.strip() for t in self._text("tags").split(",") if t.strip()),
            notes=self.query_one("#notes", TextArea).text.strip(),
            cadence_days=int(cadence) if cadence else None,
        )
