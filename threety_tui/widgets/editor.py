"""The live 3TY editor: one field per part, the checklist, and a plain-text preview.

The editor only presents a draft. On every keystroke it builds the message
once (the body rendered once), redraws the checklist and the preview from it,
and hands it to the screen through `on_edit`; the screen saves it once typing
pauses. The preview is plain text repainted line by line, in the keystroke's
own frame: a Markdown preview would cost hundreds of milliseconds per key.
The fields are hidden until a draft opens, so they are built just after the
app's first frame.
"""

from __future__ import annotations

from asyncio import sleep
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message as TextualMessage
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static

from threety_tui.actions import Target, bindings
from threety_tui.core.dates import short
from threety_tui.core.models import (
    Contact,
    Insight,
    Meeting,
    Message,
    MessageKind,
    Parts,
    Settings,
)
from threety_tui.core.text import one_line, plain, visible, visible_lines
from threety_tui.core.timeline import reply_words
from threety_tui.widgets.checklist import Checklist
from threety_tui.widgets.key_list import LaidOutText, hanging

if TYPE_CHECKING:
    from threety_tui.core import wordings
    from threety_tui.core.news import News

PART_FIELDS = ("gratitude", "highlight", "benefit", "ask", "signoff")
PART_NAMES = {
    "subject": "subject",
    "greeting": "greeting",
    "gratitude": "thanks",
    "highlight": "highlight",
    "benefit": "benefit",
    "ask": "ask",
    "signoff": "sign-off",
}
"""How a part is called in what the editor says ("No other wording for the thanks")."""
FIELDS_AFTER = 0.25
"""Seconds after the first frame before the (hidden) fields of a draft are prepared."""
PREPARE = (
    "textual.widgets._text_area",
    "threety_tui.widgets.fields",
    "threety_tui.core.voice",
    "threety_tui.core.advice",
    "threety_tui.core.news",
    "threety_tui.core.wordings",
    "threety_tui.core.body",
    "threety_tui.core.compose",
    "email.headerregistry",
    "email.message",
    "email.policy",
    "threety_tui.core.mail_text",
    "threety_tui.widgets.preview",
    "threety_tui.core.workflows",
)
"""What a draft needs that the first frame did not, imported one a step (a few ms each)."""
STEP = 0.02
"""Seconds between two steps of preparing the fields (see `ThreetyEditor._prepare`)."""
EMPTY_KEYS = (
    ("w", "meeting request, before you meet"),
    ("t", "thank-you, right after the meeting"),
    ("f", "follow-up, about a month later"),
    ("u", "update, after that"),
)
EMPTY_PARTS = (
    ("1", "thanks for their time and insight"),
    ("2", "the one piece of advice you found most interesting"),
    ("3", "a humble ask: may you come back with questions?"),
    ("+", "in a follow-up: what came of acting on it"),
)
EMPTY_LEAD = "Pick a contact, or a meeting in the timeline, then press:"
EMPTY_PARTS_LEAD = "A 3TY has three parts:"
BENEFIT_PLACEHOLDER = "What came of acting on it?"
HINT = Content.styled(
    "ctrl+n another wording of the part · F7 select it all, then type to replace it",
    "$foreground-muted",
)
"""Under the fields: the two ways to change a part wholesale."""
BENEFIT_MISSING = "None recorded yet: what came of it?"
PART_LABELS = {
    "gratitude": "1 Thanks",
    "highlight": "2 Highlight",
    "benefit": "+ Benefit",
    "ask": "3 Ask",
}
"""The fields' labels in a 3TY; a meeting request has its own (`outreach.PART_LABELS`)."""
PART_HINTS = {
    "gratitude": "Thanks for their time and insight",
    "highlight": "The advice you found most interesting",
    "benefit": BENEFIT_PLACEHOLDER,
    "ask": "A humble ask, as a question",
}


@dataclass(frozen=True)
class Draft:
    """What the editor shows: a message with its contact and meeting.

    `news` (an update's: what is new since the last message) and `settings`
    (who signs) feed the checklist and the wordings the cycle key offers.
    """

    message: Message
    contact: Contact
    meeting: Meeting | None
    news: News | None = None
    settings: Settings | None = None


class EmptyHint(LaidOutText):
    """What the editor shows with no draft open: what to press, and what a 3TY is.

    One widget, not a column of five: the first frame styles and paints every
    widget on the screen, and this one is on it at every start.
    """

    DEFAULT_CSS = "EmptyHint { height: auto; }"

    def _lay_out(self, width: int) -> Content:
        return Content("\n").join(
            [
                Content.styled("No draft open.", "bold"),
                Content(""),
                *_wrapped(EMPTY_LEAD, width),
                hanging(EMPTY_KEYS, width, 3, "bold $accent"),
                Content(""),
                *_wrapped(EMPTY_PARTS_LEAD, width),
                hanging(EMPTY_PARTS, width, 3, "bold"),
            ]
        )


def _wrapped(text: str, width: int) -> list[Content]:
    return Content(text).wrap(width) if width > 0 else [Content(text)]


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


class ThreetyEditor(Vertical):
    """Fields for subject, greeting, the three parts (plus benefit) and sign-off."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(Target.EDITOR)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=f"-empty {classes or ''}")
        self.draft: Draft | None = None
        self.on_edit: Callable[[Message], None] | None = None
        """Told the message as it stands after each edit (the screen saves it)."""
        self._today = date.today()
        self._shown_checklist: tuple[tuple[str, bool, str], ...] = ()
        self._fields_wanted = False
        self._to_prepare = list(PREPARE)
        self._fields_ready = False
        """The draft's fields are mounted (a moment after start: see `on_mount`)."""
        self._focus_wanted: str | None = None
        self._own: dict[str, str] = {}
        """Per part, the user's own words the cycle key replaced: the cycle comes back to them."""
        """The field `focus_part` was asked for before the fields were ready."""

    def compose(self) -> ComposeResult:
        yield Static("3TY editor", id="editor-title")
        yield Checklist(id="checklist")
        with VerticalScroll(id="editor-body"):
            yield EmptyHint(id="editor-empty")

    def _field_rows(self) -> list[Widget]:
        """The draft's fields with their labels, in the grid's order (see `_mount_fields`)."""
        from threety_tui.widgets.fields import InsightPick, PartArea, PartInput

        return [
            Label("Subject", classes="field-label"),
            PartInput(
                id="part-subject",
                compact=True,
                placeholder="Subject line",
                select_on_focus=False,
            ),
            Label("Greeting", classes="field-label"),
            PartInput(
                id="part-greeting", compact=True, placeholder="Hi Grace,", select_on_focus=False
            ),
            Label(PART_LABELS["gratitude"], id="label-gratitude", classes="field-label"),
            PartArea("gratitude", PART_HINTS["gratitude"]),
            Label("Insight", classes="field-label insight"),
            InsightPick([], id="insight-pick", compact=True, prompt="No insights logged"),
            Label(PART_LABELS["highlight"], id="label-highlight", classes="field-label"),
            PartArea("highlight", PART_HINTS["highlight"]),
            Label(PART_LABELS["benefit"], id="label-benefit", classes="field-label benefit"),
            PartArea("benefit", PART_HINTS["benefit"]),
            Label(PART_LABELS["ask"], id="label-ask", classes="field-label"),
            PartArea("ask", PART_HINTS["ask"]),
            Label("Sign-off", classes="field-label"),
            PartArea("signoff", "Best wishes,\nYour name"),
        ]

    def _below_fields(self) -> list[Widget]:
        """The hint and the preview, under the fields."""
        from threety_tui.widgets.preview import EmailPreview

        preview = EmailPreview(id="preview")
        preview.border_title = "Preview"
        return [Static(HINT, id="editor-hint"), preview]

    # -- loading --------------------------------------------------------------

    def load(self, draft: Draft | None, today: date) -> None:
        """Show a draft (or nothing); does not call `on_edit`."""
        if draft is None or self.draft is None or draft.message.id != self.draft.message.id:
            self._own = {}
        self.draft = draft
        self._today = today
        self._show(draft)

    def _show(self, draft: Draft | None) -> None:
        from threety_tui.core import mail_text, outreach

        self.set_class(draft is None, "-empty")  # main.tcss shows the fields or the help
        if draft is None:
            self.query_one("#editor-title", Static).update("3TY editor")
            return
        self.query_one("#editor-title", Static).update(self._title(draft))
        if not self._fields_ready:
            self._want_fields()
            return  # `_mount_fields` shows it, a moment later
        from threety_tui.widgets.fields import PartArea

        message = draft.message
        with self.prevent(Input.Changed, PartArea.Changed, Select.Changed):
            self._subject.value = one_line(message.subject)
            self._greeting.value = one_line(message.parts.greeting)
            for name, area in self._areas.items():
                area.load_text(plain(getattr(message.parts, name)))
            self._offer_insights(draft.meeting.insights if draft.meeting else (), message)
        follow = message.kind is not MessageKind.THANK_YOU
        self.set_class(not follow, "-thank-you")  # no benefit field on a thank-you
        self._label_parts(message.kind)
        self._areas["benefit"].placeholder = (
            BENEFIT_MISSING if follow and not message.parts.benefit else BENEFIT_PLACEHOLDER
        )
        if message.kind is MessageKind.OUTREACH:
            self._areas["benefit"].placeholder = outreach.PART_HINTS["benefit"]
        readonly = message.is_sent
        self.set_class(readonly, "-read-only")  # no hint on changing parts
        for widget in (self._subject, self._greeting, self._pick, *self._areas.values()):
            widget.disabled = readonly
        self._refresh_preview(replace(message, body=mail_text.body_text(message)))

    def _label_parts(self, kind: MessageKind) -> None:
        """The fields' labels and hints follow the kind: a meeting request has its own."""
        from threety_tui.core import outreach

        request = kind is MessageKind.OUTREACH
        if request == self.has_class("-outreach"):
            return
        self.set_class(request, "-outreach")  # main.tcss: wider labels, no insight to pick
        labels = outreach.PART_LABELS if request else PART_LABELS
        hints = outreach.PART_HINTS if request else PART_HINTS
        for name, label in labels.items():
            self.query_one(f"#label-{name}", Label).update(label)
            self._areas[name].placeholder = hints[name]

    def _title(self, draft: Draft) -> Content:
        """Two lines: who it is to (always whole), then the meeting and the state."""
        message, meeting = draft.message, draft.meeting
        # Dates read as everywhere else ("met Sat 10 Oct · sent Tue 13 Oct"), not as
        # the letter words them ("on 10 October").
        when = f"met {short(meeting.when, self._today)} · " if meeting else ""
        if message.is_sent and message.sent:
            replied = f", {reply_words(message)}" if message.replied else ""
            state = Content.styled(
                f"sent {short(message.sent, self._today)}{replied}, read only", "$success"
            )
        else:
            state = Content.styled("draft, saved as you type", "$warning")
        return Content.assemble(
            Content.styled(message.label, "bold"),
            " to ",
            Content(visible(draft.contact.name)).stylize("bold"),
            "\n",
            Content.styled(when, "$foreground-muted"),
            state,
        )

    # -- editing --------------------------------------------------------------

    def current(self) -> Message | None:
        """The draft as it stands in the fields, with its body rendered."""
        from threety_tui.core import compose

        if self.draft is None:
            return None
        message = self.draft.message
        if message.is_sent or not self._fields_ready:
            return message  # fields not built yet: nobody can have typed in them
        parts = Parts(
            greeting=self._greeting.value,
            **{name: area.text for name, area in self._areas.items()},
        )
        pick = self._pick.value
        return replace(
            message,
            parts=parts,
            subject=self._subject.value,
            body=compose.render_body(parts),
            insight_id=pick if isinstance(pick, str) else message.insight_id,
        )

    @on(Input.Changed)
    def _edited(self, event: TextualMessage) -> None:
        event.stop()
        self._changed()

    def on_text_area_changed(self, event: TextualMessage) -> None:
        """`TextArea.Changed`, by its handler name: `TextArea` is imported later."""
        self._edited(event)

    def _changed(self) -> None:
        """After an edit: build the message once, show it, hand it to the screen."""
        message = self.current()
        if message is None or self.draft is None or message.is_sent:
            return
        self.draft = replace(self.draft, message=message)
        self._refresh_preview(message)
        if self.on_edit is not None:
            self.on_edit(message)

    @on(Select.Changed, "#insight-pick")
    def _insight_picked(self, event: Select.Changed) -> None:
        event.stop()
        if self.draft is None or not isinstance(event.value, str) or self.draft.meeting is None:
            return
        insight = self.draft.meeting.insight(event.value)
        if insight is None:
            return
        self._use_insight(insight)

    def _offer_insights(self, insights: tuple[Insight, ...], message: Message) -> None:
        """The meeting's insights to pick from; "No insights logged" only when there are none.

        With insights there is no blank choice: the draft names one of them (the
        favourite when it names none yet).
        """
        pick = self._pick
        pick._allow_blank = not insights  # Select has no public way to change it after init
        pick.set_options(
            [(Content(("★ " if i.favourite else "") + visible(i.text)), i.id) for i in insights]
        )
        ids = [i.id for i in insights]
        if message.insight_id in ids:
            pick.value = message.insight_id
        elif insights:
            pick.value = next((i.id for i in insights if i.favourite), ids[0])

    def _wording_context(self, message: Message) -> wordings.DraftContext:
        """What the wordings of `message` depend on: late or not, news, who signs."""
        from threety_tui.core import compose

        assert self.draft is not None
        draft = self.draft
        return compose.context_for(
            message, draft.contact, draft.meeting, self._today, news=draft.news,
            settings=draft.settings,
        )  # fmt: skip

    def _use_insight(self, insight: Insight) -> None:
        """The highlight, and a benefit still as pre-filled, follow the insight picked.

        Worded for this draft (a late thank-you promises nothing). Words of the
        user's own are replaced as if typed, so ctrl+z in the field brings them
        back, and so does ctrl+n round the cycle; the editor says so. A benefit
        they wrote themselves stays.
        """
        from threety_tui.core import wordings

        assert self.draft is not None
        message = self.draft.message
        before = self._wording_context(message)
        after = self._wording_context(replace(message, insight_id=insight.id))
        replaced_own = False
        thanks = message.kind is MessageKind.THANK_YOU
        for name in ("highlight",) if thanks else ("highlight", "benefit"):
            area = self._areas[name]
            current, options = area.text, wordings.wordings(name, after)
            new = options[0] if options else ""
            own = bool(current.strip()) and not any(
                _same(current, o) for o in wordings.wordings(name, before)
            )
            if _same(current, new) or (own and name == "benefit"):
                continue
            if own:
                self._own[name], replaced_own = current, True
            area.history.checkpoint()
            area.replace(plain(new), area.document.start, area.document.end)
        self._changed()
        if replaced_own:
            self.notify(
                "The highlight now names the insight you picked. Your own words: ctrl+z in "
                "the highlight, or ctrl+n round its wordings.",
                title="Highlight rewritten",
                markup=False,
            )

    def _refresh_preview(self, message: Message) -> None:
        """Redraw the checklist and preview, and only what changed.

        Runs on every keystroke: the checklist is re-rendered only when an item
        flips, the preview repaints only the lines whose text changed.
        """
        from threety_tui.core import compose, mail_text

        assert self.draft is not None
        draft = self.draft
        items = tuple(
            compose.draft_checklist(
                message,
                draft.contact,
                draft.meeting,
                news=draft.news,
                settings=draft.settings,
                body=message.body,  # rendered by current() already: once per keystroke
            )
        )
        shown = tuple((i.name, i.ok, "" if i.ok else i.detail) for i in items)
        if shown != self._shown_checklist:
            self._shown_checklist = shown
            self._checklist.show(items)
        email = mail_text.preview_email(message.subject, message.body.rstrip("\n"))
        self._preview.show(visible_lines(email))

    def set_context(self, news: News | None, settings: Settings | None) -> None:
        """The data behind the draft changed (news for an update, who signs): recheck it."""
        draft = self.draft
        if draft is None or (draft.news, draft.settings) == (news, settings):
            return
        self.draft = replace(draft, news=news, settings=settings)
        if self._fields_ready:
            self._refresh_preview(self.draft.message)

    # -- changing a part wholesale ------------------------------------------------

    def _focused_part(self) -> tuple[str, Widget] | None:
        """The part field the cursor is in, by its name in `wordings.PARTS`."""
        from threety_tui.core import wordings

        focused = self.screen.focused
        if focused is None or not self._fields_ready or self not in focused.ancestors:
            return None
        name = (focused.id or "").removeprefix("part-")
        if name not in wordings.PARTS or focused.disabled:
            return None
        return name, focused

    def part_in_focus(self) -> str | None:
        """The name of the part the cursor is in ("highlight"), if it is in one."""
        found = self._focused_part()
        return found[0] if found is not None else None

    def _cannot_change(self) -> str:
        if self.draft is None:
            return "No draft open: press t to draft a thank-you."
        if self.draft.message.is_sent:
            return "This message was sent: it is read only."
        return (
            "Put the cursor in a part of the draft first: the subject, greeting, thanks, "
            "highlight, benefit, ask or sign-off."
        )

    def next_wording(self) -> str:
        """ctrl+n: the part under the cursor takes its next wording; returns what to say ("" none).

        The field is edited as if typed: the preview and the checklist follow in
        the same frame. Words of the user's own that the cycle replaces come back
        after the last wording, so nothing typed is lost to the key.
        """
        from threety_tui.core import wordings

        found = self._focused_part()
        draft = self.draft
        if found is None or draft is None or draft.message.is_sent:
            return self._cannot_change()
        name, field = found
        ctx = self._wording_context(draft.message)
        from threety_tui.widgets.fields import PartArea, PartInput

        if isinstance(field, PartInput):
            current = field.value
        elif isinstance(field, PartArea):
            current = field.text
        else:
            return self._cannot_change()
        text = wordings.next_wording(name, current, ctx)
        if _same(text, current) and name in self._own:
            text = self._own.pop(name)  # a single wording: the cycle is it and their own words
        elif _same(text, current):
            return f"No other wording for the {self._part_name(name)}: type your own."
        options = wordings.wordings(name, ctx)
        if not any(_same(option, current) for option in options):
            if current.strip():
                self._own[name] = current  # the user's words: the cycle comes back to them
        elif name in self._own and _same(text, options[0]):
            text = self._own.pop(name)  # round the cycle: back to what they wrote
        if isinstance(field, PartInput):
            field.value = one_line(text)
            field.cursor_position = len(field.value)
        else:
            document = field.document
            field.replace(plain(text), document.start, document.end)
            field.move_cursor(field.document.end)
        return ""

    def _part_name(self, name: str) -> str:
        """The part as its label names it: a meeting request's "gratitude" is its connection."""
        from threety_tui.core import outreach

        if self.draft is not None and self.draft.message.kind is MessageKind.OUTREACH:
            label = outreach.PART_LABELS.get(name)
            if label is not None:
                return label.split(" ", 1)[-1].lower()
        return PART_NAMES[name]

    def select_part(self) -> str:
        """F7: select all of the part under the cursor, so what is typed replaces it."""
        found = self._focused_part()
        if found is None:
            return self._cannot_change()
        from threety_tui.widgets.fields import PartArea, PartInput

        field = found[1]
        if isinstance(field, PartInput | PartArea):
            field.select_all()
        return ""

    def on_mount(self) -> None:
        self._checklist = self.query_one("#checklist", Checklist)
        # The fields are two thirds of the main screen's widgets and hidden
        # until a draft opens: not built for the first frame, but a moment
        # after it (once the footer has its keys), a step at a time, or at
        # once if a draft opens.
        self.call_after_refresh(self.set_timer, FIELDS_AFTER, self._prepare)

    def _prepare(self) -> None:
        """One step of getting the fields ready before a draft opens, then the next.

        What a draft needs is imported a module a step (`PREPARE`: ~35 ms in
        all), then the fields are mounted in two halves (~25 ms): the app is
        reading the rest of the file meanwhile, and the UI never stops for
        long (a key typed is handled between two steps).
        """
        if self._fields_wanted or not self.is_attached:
            return  # a draft opened: `_want_fields` builds the rest at once
        if self._to_prepare:
            import_module(self._to_prepare.pop(0))
            self.set_timer(STEP, self._prepare)
            return
        self._fields_wanted = True
        self.call_later(self._mount_fields, staged=True)

    def _want_fields(self) -> None:
        if not self._fields_wanted:
            self._fields_wanted = True
            self.call_later(self._mount_fields)

    async def _mount_fields(self, *, staged: bool = False) -> None:
        from threety_tui.widgets.fields import PartArea, PartInput
        from threety_tui.widgets.preview import EmailPreview

        rows = self._field_rows()
        half = len(rows) // 2
        grid = Grid(*rows[:half], id="editor-fields")
        await self.body.mount(grid)
        if staged:
            await sleep(STEP)  # the app's other work (a key, a frame) goes between
        if not grid.is_attached:
            return  # the app closed meanwhile
        await grid.mount_all(rows[half:])
        await self.body.mount_all(self._below_fields())
        try:
            # Looked up once: `current()` reads them on every keystroke.
            self._preview = self.query_one("#preview", EmailPreview)
            self._subject = self.query_one("#part-subject", PartInput)
            self._greeting = self.query_one("#part-greeting", PartInput)
            self._pick = self.query_one("#insight-pick", Select)
            self._areas = {name: self.query_one(f"#part-{name}", PartArea) for name in PART_FIELDS}
        except NoMatches:
            return  # the app closed meanwhile
        fields: tuple[PartInput | PartArea, ...] = (
            self._subject,
            self._greeting,
            *self._areas.values(),
        )
        for field in fields:
            field.edited = self._changed
        self._fields_ready = True
        if self.draft is not None:  # opened before the fields were there
            self._show(self.draft)
            wanted, self._focus_wanted = self._focus_wanted, None
            if wanted is not None and self.screen.focused in (None, self.body):
                self.focus_part(wanted)

    @property
    def body(self) -> VerticalScroll:
        return self.query_one("#editor-body", VerticalScroll)

    def focus_part(self, name: str = "highlight") -> None:
        """Focus a field with the cursor at the end of its text, ready to add to it."""
        self.focus_target(name).focus()

    def focus_target(self, name: str = "highlight") -> Widget:
        """The widget to focus for typing in part `name` (its cursor put at the end).

        The scrollable body while the fields are not built yet (they take focus
        themselves once they are) or when the message is read only.
        """
        if self.draft is not None and not self._fields_ready:
            self._focus_wanted = name  # `_mount_fields` focuses it
            return self.body
        if self.draft is None:
            return self.body
        widget: Widget = self.query_one(f"#part-{name}")
        if widget.disabled:
            return self.body
        if not isinstance(widget, Input):  # a PartArea: the cursor at the end of its text
            widget.move_cursor(widget.document.end)  # type: ignore[attr-defined]
        return widget
