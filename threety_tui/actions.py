"""Every user action defined once: its key, footer label, palette title and help.

The main screen builds its bindings from this table, the app builds its
command-palette entries from it, and the help screen lists it, so keys, footer,
palette and docs never drift apart. Titles of the spec's section 7 are a
contract (tests and docs rely on them).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding


@dataclass(frozen=True)
class Command:
    action: str
    """The `action_<name>` method on the main screen."""
    title: str
    """The command palette title."""
    help: str
    key: str | None = None
    """Key on the main screen (acts when focus is not in a text field)."""
    footer: str = ""
    """Short footer label; empty keeps the binding out of the footer."""
    editor_key: str | None = None
    """Control key that also works while typing in the 3TY editor."""
    editor_label: str = ""

    @property
    def key_display(self) -> str:
        names = {"slash": "/", "question_mark": "?"}
        return names.get(self.key or "", self.key or "")

    def binding(self) -> Binding:
        assert self.key is not None
        return Binding(
            self.key,
            self.action,
            self.footer or self.title,
            show=bool(self.footer),
            key_display=self.key_display if self.key in ("slash", "question_mark") else None,
            tooltip=self.help,
        )

    def editor_binding(self) -> Binding:
        assert self.editor_key is not None
        return Binding(
            self.editor_key,
            f"screen.editor_command('{self.action}')",
            self.editor_label or self.footer or self.title,
            tooltip=self.help,
            priority=True,
        )


COMMANDS: tuple[Command, ...] = (
    Command("add_contact", "Add contact", "Add a person you met or are about to meet.", "a", "Add"),
    Command("edit_contact", "Edit contact", "Edit the selected contact.", "e"),
    Command(
        "log_meeting",
        "Log meeting",
        "Log a meeting with the selected contact, with the advice you got (insights).",
        "m",
        "Meeting",
    ),
    Command(
        "draft_thank_you",
        "Draft thank-you",
        "Open the three-part thank-you for the selected (or latest) meeting.",
        "t",
        "Thank-you",
    ),
    Command(
        "draft_follow_up",
        "Draft follow-up",
        "Open the follow-up: thanks again, the favourite insight, and what came of it.",
        "f",
        "Follow-up",
    ),
    Command(
        "copy_draft",
        "Copy draft",
        "Copy subject and body of the draft in the editor to the clipboard.",
        "c",
        "Copy",
        editor_key="ctrl+g",
    ),
    Command(
        "open_mail",
        "Open draft in mail client",
        "Open the draft in your mail program (a mailto: link).",
        "o",
        editor_key="ctrl+o",
        editor_label="Mail",
    ),
    Command(
        "mark_sent",
        "Mark sent",
        "Record the draft in the editor as sent and schedule the next touch.",
        "s",
        "Sent",
        editor_key="ctrl+r",
    ),
    Command(
        "agenda",
        "Agenda",
        "Everything due, overdue and due this week, oldest first.",
        "g",
        "Agenda",
    ),
    Command(
        "search",
        "Search contacts",
        "Filter contacts by name, company, email or tag.",
        "slash",
        "Search",
    ),
    Command(
        "help", "Help", "Keys, and the three-part thank you in a nutshell.", "question_mark", "Help"
    ),
    Command("quit", "Quit", "Save everything and quit.", "q", "Quit"),
    # Beyond the contract: palette entries, some with keys of their own.
    Command(
        "draft_update",
        "Draft update",
        "A short update on your progress for the selected contact, to keep the chain going.",
        "u",
    ),
    Command(
        "toggle_everyone",
        "Show everyone in timeline",
        "Switch the timeline between the selected contact and everyone.",
        "E",
    ),
    Command(
        "sort_contacts", "Sort contacts", "Sort contacts by name or by what is due first.", "S"
    ),
    Command(
        "delete_selected", "Delete", "Move the selected contact or meeting to the trash.", "delete"
    ),
    Command("trash", "Trash", "See deleted contacts and meetings, and restore them."),
    Command("stats", "Stats", "Your follow-through score, and who has heard nothing from you."),
    Command("settings", "Settings", "Your name, cadences by kind, and the calendar file."),
    Command(
        "export_reminders",
        "Export reminders",
        "Write your follow-ups and updates to an iCalendar (.ics) file.",
    ),
    Command(
        "import_contacts",
        "Import contacts",
        "Import LinkedIn connections or vCards, with a preview.",
    ),
)

EDITOR_BINDINGS = [c.editor_binding() for c in COMMANDS if c.editor_key]
