"""Every user action defined once: its key, where it acts, footer label, palette title, help.

Like harlequin's `actions.py`, each command names its targets: the main screen
(letters that act when focus is not in a text field), the timeline and the
agenda (keys on the entry under the cursor), and the 3TY editor (control keys
that work while typing). The screens and panes build their bindings from this
table, the app builds the command palette from it, the footer orders its keys
by `rank`, and the help screen lists it: keys, footer, palette and help never
drift apart. Titles of the spec's section 7 are a contract (tests and docs
rely on them).

Adding a command: one `Command(...)` here, one `action_<name>` method on the
screen that owns it (the main screen for SCREEN and TIMELINE targets, the
agenda screen for AGENDA).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from textual.binding import Binding, BindingType


class Target(StrEnum):
    SCREEN = "screen"
    """The main screen: a letter acts when focus is not in a text field."""
    TIMELINE = "timeline"
    """The timeline pane: acts on the entry under its cursor (the screen runs it)."""
    AGENDA = "agenda"
    """The agenda's list: acts on the row under its cursor (the agenda screen runs it)."""
    EDITOR = "editor"
    """The 3TY editor: a control key that works while typing (`editor_key`)."""


KEY_NAMES = {"slash": "/", "question_mark": "?", "escape": "esc"}
"""How keys read in the footer and the help."""

UNRANKED = 60
"""Footer rank of a key with none of its own: after the ranked ones."""
PANES = Binding.Group("Panes")
"""F2, F3 and F4 show as one item in the footer: "F2 F3 F4 Panes"."""


def display(key: str) -> str:
    """A key as the README, help and footer write it: "/" for slash, "F7" for f7."""
    first = key.split(",")[0]
    if first[:1] == "f" and first[1:].isdigit():
        return first.upper()
    return KEY_NAMES.get(first, first)


@dataclass(frozen=True)
class Command:
    action: str
    """The `action_<name>` method on the screen that owns the target."""
    title: str
    """The command palette title (unique)."""
    help: str
    key: str | None = None
    """Key for the SCREEN, TIMELINE and AGENDA targets (several: "escape,g")."""
    footer: str = ""
    """Short footer label; empty keeps the key out of the footer."""
    targets: tuple[Target, ...] = (Target.SCREEN,)
    rank: int = UNRANKED
    """Footer order, most important first; what does not fit is on `?` (help)."""
    editor_key: str | None = None
    """Control key that also works while typing in the 3TY editor."""
    editor_label: str = ""
    anywhere: bool = False
    """The key works even while typing (a key no text field takes, such as F2)."""
    at_once: bool = False
    """The key moves focus (/ to the search box): bound with priority, so that the
    keys typed right after it, in one burst (as at launch), go where it moved focus
    and not to the pane that had it. Still text while a text field has focus."""
    palette: bool = True
    """Listed in the command palette."""
    group: Binding.Group | None = None
    """Keys of one group share a footer item."""

    @property
    def key_display(self) -> str:
        """The key as the README, help and footer write it ("/" for slash)."""
        return display(self.key or "")

    def binding(self, target: Target) -> Binding:
        """The binding for one of the command's targets."""
        assert target in self.targets, (self.action, target)
        if target is Target.EDITOR:
            assert self.editor_key is not None
            function_key = display(self.editor_key) != self.editor_key
            return Binding(
                self.editor_key,
                f"screen.editor_command('{self.action}')",
                self.editor_label or self.footer or self.title,
                key_display=display(self.editor_key) if function_key else None,
                tooltip=self.help,
                priority=True,
            )
        assert self.key is not None
        pane = target in (Target.TIMELINE, Target.AGENDA)  # bound on a list, run by its screen
        action = f"screen.{self.action}" if pane else self.action
        return Binding(
            self.key,
            action,
            self.footer or self.title,
            show=bool(self.footer),
            key_display=self.key_display,
            tooltip=self.help,
            priority=self.anywhere or self.at_once,
            group=self.group,
        )


COMMANDS: tuple[Command, ...] = (
    Command(
        "add_contact",
        "Add contact",
        "Add a person you met or are about to meet.",
        "a",
        "Add",
        rank=24,
    ),
    Command("edit_contact", "Edit contact", "Edit the selected contact.", "e", rank=40),
    Command(
        "log_meeting",
        "Log meeting",
        "Log a meeting with the selected contact, with the advice you got (insights).",
        "m",
        "Meeting",
        rank=22,
    ),
    Command(
        "draft_thank_you",
        "Draft thank-you",
        "Open the three-part thank-you for the selected (or latest) meeting.",
        "t",
        "Thank-you",
        rank=20,
    ),
    Command(
        "draft_follow_up",
        "Draft follow-up",
        "Open the follow-up: thanks again, the favourite insight, and what came of it.",
        "f",
        "Follow-up",
        rank=21,
    ),
    Command(
        "copy_draft",
        "Copy draft",
        "Copy the body of the draft in the editor, greeting to sign-off, one line per "
        "paragraph: what you paste into a new email (the subject is in the palette).",
        "c",
        "Copy",
        targets=(Target.SCREEN, Target.EDITOR),
        rank=10,
        editor_key="ctrl+g",
    ),
    Command(
        "open_mail",
        "Open draft in mail client",
        "Open the draft in your mail program (a mailto: link).",
        "o",
        "Mail",
        targets=(Target.SCREEN, Target.EDITOR),
        rank=12,
        editor_key="ctrl+o",
    ),
    Command(
        "mark_sent",
        "Mark sent",
        "Record the draft in the editor as sent and schedule the next touch.",
        "s",
        "Sent",
        targets=(Target.SCREEN, Target.EDITOR),
        rank=11,
        editor_key="ctrl+r",
    ),
    Command(
        "cycle_wording",
        "Next wording",
        "Replace the part under the cursor (subject, greeting, thanks, highlight, benefit, "
        "ask, sign-off) with its next wording; after the last, back to your own words.",
        targets=(Target.SCREEN, Target.EDITOR),
        rank=13,
        editor_key="ctrl+n",
        editor_label="Wording",
    ),
    Command(
        "select_part",
        "Select whole part",
        "Select all of the part under the cursor: what you type then replaces it.",
        targets=(Target.SCREEN, Target.EDITOR),
        rank=14,
        editor_key="f7",
        editor_label="Select all",
    ),
    Command(
        "agenda",
        "Agenda",
        "Everything due, overdue and due this week, oldest first.",
        "g",
        "Agenda",
        rank=23,
    ),
    Command(
        "search",
        "Search contacts",
        "Filter contacts by name, company, email or tag; escape keeps the filter, a second "
        "escape clears it.",
        "slash",
        "Search",
        rank=25,
        at_once=True,
    ),
    Command(
        "help",
        "Help",
        "Every key, and the three-part thank you in a nutshell.",
        "question_mark",
        "Help",
        targets=(Target.SCREEN, Target.AGENDA),
        rank=0,
    ),
    Command("quit", "Quit", "Save everything and quit.", "q", "Quit", rank=50),
    # The whole loop (spec section 8): asking for the meeting, and hearing back.
    Command(
        "draft_request",
        "Draft meeting request",
        "A short email asking the selected contact for a meeting: their advice, not a job. "
        "Works before any meeting; an open one is reopened.",
        "w",
        "Request",
        rank=19,
    ),
    Command(
        "record_reply",
        "Record reply",
        "They answered: record the reply to the selected sent message (else their latest), "
        "dated today unless you say otherwise; it closes the nudges of their employer. On a "
        "message that has one: change its date or clear it.",
        "r",
        "Reply",
        targets=(Target.SCREEN, Target.AGENDA),
        rank=8,
    ),
    # Beyond the contract: palette entries, some with keys of their own.
    Command(
        "draft_update",
        "Draft update",
        "A short update on your progress for the selected contact, to keep the chain going.",
        "u",
        rank=41,
    ),
    Command(
        "toggle_everyone",
        "Show everyone in timeline",
        "Switch the timeline between the selected contact and everyone.",
        "E",
        rank=42,
    ),
    Command(
        "sort_contacts",
        "Sort contacts",
        "Sort contacts by name or by what is due first.",
        "S",
        rank=43,
    ),
    Command(
        "accept_kind",
        "Accept suggested kind",
        "Give the selected contact the kind (Booster or Obligate) their answers suggest; "
        "the cadence follows it.",
        "K",
        "Accept kind",
        rank=9,
    ),
    Command(
        "dismiss_kind",
        "Dismiss suggested kind",
        "Turn the suggested kind down: the contact keeps theirs, and it is not suggested again.",
        "D",
        rank=45,
    ),
    Command(
        "delete_selected",
        "Delete",
        "Move the selected meeting (in the timeline) or contact (in the list) to the trash; "
        "on a draft in the timeline, discard it (after asking).",
        "delete",
        rank=44,
    ),
    Command(
        "discard_draft",
        "Discard draft",
        "Delete the draft under the timeline's cursor (else the one in the editor) for good, "
        "after asking: a draft started by mistake (delete does it on a draft in the timeline).",
    ),
    # The panes: function keys, which no text field takes, so they work while typing.
    Command(
        "show_contacts",
        "Show contacts",
        "Go to the contacts list (a tab below 100 columns).",
        "f2",
        "Contacts",
        group=PANES,
        rank=5,
        anywhere=True,
    ),
    Command(
        "show_timeline",
        "Show timeline",
        "Go to the timeline (a tab below 100 columns).",
        "f3",
        "Timeline",
        group=PANES,
        rank=6,
        anywhere=True,
    ),
    Command(
        "show_editor",
        "Show editor",
        "Go to the 3TY editor (a tab below 100 columns).",
        "f4",
        "Editor",
        group=PANES,
        rank=7,
        anywhere=True,
    ),
    Command(
        "back",
        "Back",
        "Leave a text field (the search keeps its filter; a second escape clears it); "
        "walk back from editor to timeline to contacts.",
        "escape",
        "Back",
        rank=15,
        palette=False,
    ),
    # On the entry under the cursor, in the timeline and in the agenda.
    Command(
        "open_entry",
        "Open entry",
        "Open the entry: a meeting's form, a message in the editor, a next step's draft; "
        "on a nudge, the follow-up-once note or who else works there.",
        "enter",
        "Open",
        targets=(Target.TIMELINE, Target.AGENDA),
        rank=1,
    ),
    Command(
        "cycle_homework",
        "Move homework on",
        "Move the selected insight's homework on: todo, doing, done.",
        "h",
        "Homework",
        targets=(Target.TIMELINE, Target.AGENDA),
        rank=2,
    ),
    Command(
        "edit_benefit",
        "Record benefit",
        "Record what came of acting on the selected advice; it marks the homework done.",
        "b",
        "Benefit",
        targets=(Target.TIMELINE, Target.AGENDA),
        rank=3,
    ),
    Command(
        "snooze",
        "Snooze",
        "Move the selected next step to later (1 day, 1 week, a date), with a reason.",
        "z",
        "Snooze",
        targets=(Target.TIMELINE, Target.AGENDA),
        rank=4,
    ),
    Command(
        "close_step",
        "Close without message",
        "Close the selected next step without sending a message.",
        "x",
        "Close",
        targets=(Target.TIMELINE, Target.AGENDA),
        rank=5,
    ),
    Command(
        "leave_agenda",
        "Back to contacts",
        "Leave the agenda; the person under its cursor becomes the current contact.",
        "escape,g",
        "Back",
        targets=(Target.AGENDA,),
        rank=1,
    ),
    # Palette only.
    Command(
        "copy_subject",
        "Copy subject",
        "Copy the subject line of the draft in the editor.",
    ),
    Command(
        "copy_address",
        "Copy email address",
        "Copy the email address of the person the draft is to.",
    ),
    Command(
        "copy_as_email",
        "Copy as email",
        "Copy the draft as an email: To:, Subject:, a blank line, the body (mutt -H, aerc).",
    ),
    Command("trash", "Trash", "See deleted contacts and meetings, and restore them."),
    Command(
        "stats",
        "Stats",
        "Your follow-through score, reply rates and days to a reply, and who has heard "
        "nothing from you.",
    ),
    Command(
        "settings",
        "Settings",
        "Your name and sign-off, cadences by kind, and the calendar file.",
    ),
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
    Command(
        "import_replies",
        "Import replies",
        "Record who answered you from your mailbox (a Maildir folder or an mbox file), "
        "with a preview.",
    ),
    Command(
        "export_journey",
        "Export journey",
        "Write, per person, their advice, what you did, what came of it, and the messages "
        "and replies (Markdown): read it before writing an update.",
    ),
)

BY_ACTION = {c.action: c for c in COMMANDS}


def commands(target: Target) -> list[Command]:
    """The commands that act in `target` (in table order)."""
    return [c for c in COMMANDS if target in c.targets]


def bindings(target: Target) -> list[BindingType]:
    """The key bindings of `target`, generated from the table."""
    if target is Target.EDITOR:
        return [c.binding(target) for c in commands(target) if c.editor_key]
    return [c.binding(target) for c in commands(target) if c.key]


def fallback_bindings(target: Target) -> list[BindingType]:
    """The keys of a pane's commands, for the screen around it (hidden from the footer).

    Pressed while focus is in another pane, the screen runs the action itself,
    which acts where it can (z on the current contact's next step) or says why
    it cannot, rather than the key doing nothing. Enter is left to each pane.
    """
    return [
        Binding(c.key, c.action, c.footer or c.title, show=False, tooltip=c.help)
        for c in commands(target)
        if c.key and Target.SCREEN not in c.targets and c.action != "open_entry"
    ]


def elsewhere_bindings(target: Target) -> list[BindingType]:
    """The keys of the main screen's commands that do not act in `target` (the agenda).

    Bound on that screen to `elsewhere('<action>')`, hidden from the footer: the
    screen does the nearest thing it can (t on a thank-you step opens it) or
    says what works there and where the key does, rather than nothing.
    """
    own = {k for c in commands(target) if c.key for k in c.key.split(",")}
    return [
        Binding(c.key, f"elsewhere('{c.action}')", c.footer or c.title, show=False, tooltip=c.help)
        for c in commands(Target.SCREEN)
        if c.key and target not in c.targets and not own & set(c.key.split(","))
    ]


def palette(target: Target) -> list[Command]:
    """What the command palette lists for a screen showing `target`."""
    return [c for c in commands(target) if c.palette]


def rank(action: str) -> int:
    """Footer order of a binding's action ("screen.snooze", "editor_command('copy_draft')")."""
    name = action.rsplit(".", 1)[-1]
    if name.startswith("editor_command("):
        name = name.removeprefix("editor_command(").strip("')\"")
    command = BY_ACTION.get(name)
    return command.rank if command is not None else UNRANKED
