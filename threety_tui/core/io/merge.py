"""Importing contacts in two steps: plan (pure, a preview) and apply (one write).

    parsed = read_contacts("linkedin", path)    # InputError for a bad file
    plan = plan_import(store, parsed)           # reads the store, writes nothing
    print("\\n".join(report_lines(plan)))       # or show it as a preview
    result = apply_import(store, plan)          # one write; nothing if no changes

Same person: a row whose email (case-insensitive, trimmed; any of a vCard's
emails) or LinkedIn profile URL (see `rows.linkedin_key`) matches a live
contact, or a row earlier in the same file, is merged into it: only *empty*
fields are filled (email, company, role, how met, linkedin, notes) and tags
the contact lacks are added; the name and anything the user entered are never
overwritten. A row that matches but brings nothing new is "unchanged", not
"merged", so importing the same file twice reports 0 added, 0 merged and every
row unchanged, and writes nothing. A row matching a contact in the trash is skipped (the user deleted
that person; restore them to merge again).

Rows with neither email nor LinkedIn URL (older LinkedIn exports, many address
book cards) would be added again on every import, so as a last resort the same
name and company (case-insensitive) also means the same person, unless the two
have different emails or different LinkedIn profiles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from threety_tui.core.errors import InputError
from threety_tui.core.io.linkedin import read_linkedin
from threety_tui.core.io.rows import (
    LINKEDIN,
    VCARD,
    Parsed,
    Row,
    Skip,
    Where,
    email_key,
    linkedin_key,
)
from threety_tui.core.io.vcard import read_vcard
from threety_tui.core.models import Contact
from threety_tui.core.store import Store
from threety_tui.core.text import cut, one_line

READERS: dict[str, Callable[[Path], Parsed]] = {LINKEDIN: read_linkedin, VCARD: read_vcard}
FILLABLE = ("email", "company", "role", "how_met", "linkedin", "tags", "notes")
"""Fields an import may fill when they are empty (tags: adds the missing ones)."""
FIELD_WORDS = {"how_met": "how met", "tags": "new tags"}
NAME_CELLS = 60
"""Longer names are cut in the report."""


def read_contacts(format: str, path: Path | str) -> Parsed:
    """Read a contacts file in `format` ("linkedin" or "vcard"); `InputError` if bad."""
    reader = READERS.get(format)
    if reader is None:
        raise InputError(f"Cannot import contacts from {format!r}; use linkedin or vcard.")
    return reader(Path(path))


class ContactSource(Protocol):
    """What planning needs of the store (a `Store` is one)."""

    def contacts(self, *, deleted: bool = False) -> list[Contact]: ...


@dataclass(frozen=True, slots=True)
class Added:
    contact: Contact
    """As it will be inserted (id 0), with later duplicate rows already merged in."""
    where: Where


@dataclass(frozen=True, slots=True)
class Merged:
    """A row that matched a contact already known (in the store or earlier in the file)."""

    where: Where
    name: str
    """The row's name."""
    into: str
    """The name of the contact it matched."""
    contact_id: int
    """The existing contact, or 0 for a row added earlier in this same file."""
    first: Where | None
    """For a duplicate within the file: the row that adds the contact."""
    fields: tuple[str, ...]
    """The empty fields this row filled; () when it brought nothing new."""


@dataclass(frozen=True, slots=True)
class Update:
    """What the plan fills in one existing contact (all rows that matched it)."""

    before: Contact
    after: Contact
    fills: tuple[tuple[str, Any], ...]
    """(field, value) to fill when still empty; for "tags", the tags to add."""

    @property
    def contact_id(self) -> int:
        return self.before.id


@dataclass(frozen=True, slots=True)
class ImportPlan:
    source: Parsed
    added: tuple[Added, ...]
    merged: tuple[Merged, ...]
    """Rows that filled at least one empty field."""
    unchanged: tuple[Merged, ...]
    """Rows that matched a known contact and brought nothing new."""
    skipped: tuple[Skip, ...]
    """In file order, each with its reason."""
    updates: tuple[Update, ...]
    """The changes to existing contacts, one per contact."""

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.updates)

    @property
    def counts(self) -> dict[str, int]:
        return {
            "records": self.source.records,
            "added": len(self.added),
            "merged": len(self.merged),
            "unchanged": len(self.unchanged),
            "skipped": len(self.skipped),
        }


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: tuple[Contact, ...]
    """With their new ids."""
    updated: tuple[Contact, ...]


@dataclass(slots=True)
class _Target:
    """A contact rows can merge into while planning: existing or to be added."""

    current: Contact
    existing: Contact | None = None
    where: Where | None = None
    fills: dict[str, Any] = field(default_factory=dict)


def _empty(value: Any) -> bool:
    return not value.strip() if isinstance(value, str) else not value


def _keys_of(contact: Contact, emails: Iterable[str] = ()) -> list[str]:
    """The strong keys (emails, LinkedIn profile), then the weak name key last."""
    keys = [f"email:{k}" for e in (contact.email, *emails) if (k := email_key(e))]
    if link := linkedin_key(contact.linkedin):
        keys.append(f"linkedin:{link}")
    keys.append(_name_key(contact))
    return list(dict.fromkeys(keys))


def _name_key(contact: Contact) -> str:
    return f"name:{one_line(contact.name).casefold()}|{one_line(contact.company).casefold()}"


def _conflict(a: Contact, b: Contact) -> bool:
    """Different emails or different LinkedIn profiles: not the same person."""
    emails = email_key(a.email), email_key(b.email)
    links = linkedin_key(a.linkedin), linkedin_key(b.linkedin)
    return (all(emails) and emails[0] != emails[1]) or (all(links) and links[0] != links[1])


def _find(keys: list[str], row: Row, index: dict[str, Any]) -> Any:
    """The first strong-key match, else a name match without conflict."""
    for key in keys:
        found = index.get(key)
        if found is None:
            continue
        if not key.startswith("name:"):
            return found
        current: Contact = found.current if isinstance(found, _Target) else found
        return None if _conflict(current, row.contact) else found
    return None


def plan_import(store: ContactSource, parsed: Parsed) -> ImportPlan:
    """What importing `parsed` would do to the store. Pure: writes nothing."""
    owner: dict[str, _Target] = {}
    for contact in store.contacts():
        known = _Target(contact, existing=contact)
        for key in _keys_of(contact):
            owner.setdefault(key, known)
    trashed: dict[str, Contact] = {}
    for contact in store.contacts(deleted=True):
        for key in _keys_of(contact):
            trashed.setdefault(key, contact)

    new: list[_Target] = []
    merged: list[Merged] = []
    unchanged: list[Merged] = []
    skipped: list[Skip] = list(parsed.skipped)
    for row in parsed.rows:
        keys = _keys_of(row.contact, row.emails)
        target: _Target | None = _find(keys, row, owner)
        if target is None:
            gone: Contact | None = _find(keys, row, trashed)
            if gone is not None:
                skipped.append(
                    Skip(
                        row.where,
                        f"matches {one_line(gone.name)!r}, who is in the trash "
                        "(restore them to import this row)",
                        row.contact.name,
                    )
                )
                continue
            target = _Target(row.contact, where=row.where)
            new.append(target)
            for key in keys:
                owner.setdefault(key, target)
            continue
        filled = _fill(target, row, owner)
        for key in (*keys, *_keys_of(target.current)):
            owner.setdefault(key, target)
        entry = Merged(
            where=row.where,
            name=row.contact.name,
            into=target.current.name,
            contact_id=target.existing.id if target.existing else 0,
            first=target.where,
            fields=filled,
        )
        (merged if filled else unchanged).append(entry)

    updates = tuple(
        Update(t.existing, t.current, tuple(t.fills.items()))
        for t in _unique(owner.values())
        if t.existing is not None and t.fills
    )
    skipped.sort(key=lambda s: (s.where.line, s.where.card or 0))
    return ImportPlan(
        source=parsed,
        added=tuple(Added(t.current, t.where) for t in new if t.where is not None),
        merged=tuple(merged),
        unchanged=tuple(unchanged),
        skipped=tuple(skipped),
        updates=updates,
    )


def _unique(targets: Iterable[_Target]) -> list[_Target]:
    seen: dict[int, _Target] = {}
    for target in targets:
        seen.setdefault(id(target), target)
    return list(seen.values())


def _fill(target: _Target, row: Row, owner: dict[str, _Target]) -> tuple[str, ...]:
    """Fill the target's empty fields from the row; the names of the fields filled."""
    filled = []
    changes: dict[str, Any] = {}
    for name in FILLABLE:
        value = getattr(row.contact, name)
        if name == "tags":
            value = _new_tags(target.current.tags, value)
            if value:
                changes[name] = target.current.tags + value
                target.fills[name] = target.fills.get(name, ()) + value
                filled.append(name)
            continue
        if _empty(value) or not _empty(getattr(target.current, name)):
            continue
        key = _key_for(name, value)
        if key and owner.get(key, target) is not target:
            continue  # that email or profile belongs to another contact
        changes[name] = value
        filled.append(name)
        if key:
            owner[key] = target
    if changes:
        target.current = replace(target.current, **changes)
        target.fills.update((k, v) for k, v in changes.items() if k != "tags")
    return tuple(filled)


def _new_tags(have: tuple[str, ...], incoming: tuple[str, ...]) -> tuple[str, ...]:
    """The incoming tags the contact lacks (case-insensitive), in order."""
    known = {t.casefold() for t in have}
    new: list[str] = []
    for tag in incoming:
        if tag.casefold() not in known:
            known.add(tag.casefold())
            new.append(tag)
    return tuple(new)


def _key_for(name: str, value: str) -> str:
    if name == "email":
        return f"email:{email_key(value)}"
    if name == "linkedin" and (link := linkedin_key(value)):
        return f"linkedin:{link}"
    return ""


def apply_import(store: Store, plan: ImportPlan) -> ImportResult:
    """Commit the plan in one write (none at all when it changes nothing).

    Merges are re-checked against the store as it is now: a field the user
    filled since the plan was made is left alone, and a contact deleted since
    is not touched.
    """
    if not plan.has_changes:
        return ImportResult((), ())
    updated: list[Contact] = []
    with store.batch():
        added = store.add_contacts(a.contact for a in plan.added) if plan.added else []
        for update in plan.updates:
            current = store.contact(update.contact_id)
            if current is None or current.deleted is not None:
                continue
            fills = {
                name: value
                for name, value in update.fills
                if name != "tags" and _empty(getattr(current, name))
            }
            if tags := _new_tags(current.tags, dict(update.fills).get("tags", ())):
                fills["tags"] = current.tags + tags
            if fills:
                updated.append(store.update_contact(replace(current, **fills)))
    return ImportResult(tuple(added), tuple(updated))


def field_words(fields: Iterable[str]) -> str:
    return ", ".join(FIELD_WORDS.get(f, f) for f in fields)


def report_lines(plan: ImportPlan) -> list[str]:
    """The plan as plain text: counts, then one line per merge and skip.

    Unchanged rows are counted; only duplicates within the file are listed
    (re-importing a file would otherwise list every row).
    """
    c = plan.counts
    source = plan.source
    lines = [
        f"Read {c['records']} {_plural(c['records'], 'record')} from {source.path.name}"
        f" ({source.description}).",
        f"  {c['added']:>5} added",
        f"  {c['merged']:>5} merged into known contacts (new details added)",
        f"  {c['unchanged']:>5} unchanged (already in threety, nothing new)",
        f"  {c['skipped']:>5} skipped",
    ]
    if plan.merged:
        lines.append("Merged:")
        lines += [
            f"  {m.where}: {_merge_words(m)}: added {field_words(m.fields)}" for m in plan.merged
        ]
    duplicates = [m for m in plan.unchanged if m.first is not None]
    if duplicates:
        lines.append("Duplicates in the file:")
        lines += [f"  {m.where}: {_merge_words(m)}: nothing new" for m in duplicates]
    left_out = [row for row in plan.source.rows if row.left_out]
    if left_out:
        lines.append("Imported without part of the record:")
        lines += [
            f"  {row.where}: {one_line(row.left_out)}"
            f" [{cut(one_line(row.contact.name), NAME_CELLS)}]"
            for row in left_out
        ]
    if plan.skipped:
        lines.append("Skipped:")
        for skip in plan.skipped:
            label = f" [{one_line(skip.label)}]" if skip.label else ""
            lines.append(f"  {skip.where}: {one_line(skip.reason)}{label}")
    return lines


def _merge_words(merge: Merged) -> str:
    name = cut(one_line(merge.name), NAME_CELLS)
    if merge.first is not None:
        return f"{name} is the same person as {merge.first}"
    return f"{name} -> {cut(one_line(merge.into), NAME_CELLS)!r} (contact {merge.contact_id})"


def _plural(count: int, word: str) -> str:
    return word if count == 1 else word + "s"
