"""Main-screen actions on drafts: draft, copy, open in mail, mark sent."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work

from threety_tui.core import compose, rules
from threety_tui.core.dates import due_words, short
from threety_tui.core.models import Contact, Meeting, Message, MessageKind
from threety_tui.screens.main_base import MainBase

if TYPE_CHECKING:
    from threety_tui.core.models import Insight


class DraftActions(MainBase):
    def action_draft_thank_you(self) -> None:
        self.start_draft(MessageKind.THANK_YOU)

    def action_draft_follow_up(self) -> None:
        self.start_draft(MessageKind.FOLLOW_UP)

    def action_draft_update(self) -> None:
        self.start_draft(MessageKind.UPDATE)

    def draft_for_reminder(self, reminder: rules.Reminder) -> None:
        store = self.threety.store
        contact = store.contact(reminder.contact_id)
        meeting = store.meeting(reminder.meeting_id) if reminder.meeting_id else None
        if contact is None or meeting is None:
            return
        self.start_draft(reminder.kind, contact=contact, meeting=meeting)

    def start_draft(
        self,
        kind: MessageKind,
        *,
        contact: Contact | None = None,
        meeting: Meeting | None = None,
    ) -> None:
        """Open the draft of `kind` for the meeting, reopening one that exists."""
        store = self.threety.store
        contact = contact or self.contact
        if contact is None:
            self.threety.say("Select a contact first (or press a to add one).", severity="warning")
            return
        meeting = meeting or self.selected_meeting()
        if meeting is None:
            self.threety.say(
                f"No meeting with {contact.name} yet: press m to log one first.", severity="warning"
            )
            return
        existing = store.find_draft(meeting.id, kind, contact.id)
        if existing is not None:
            self.open_message(existing)
            return
        sent = [
            m for m in store.messages_of(contact.id) if m.is_sent and m.meeting_id == meeting.id
        ]
        if kind is MessageKind.THANK_YOU and (
            thanked := next((m for m in sent if m.kind is kind), None)
        ):
            self.open_message(thanked)
            self.threety.say(
                f"The thank-you for this meeting went out on {short(thanked.sent or meeting.when)}. "
                "Press f for the follow-up.",
            )
            return
        unthanked = kind is not MessageKind.THANK_YOU and not any(
            m.kind is MessageKind.THANK_YOU for m in sent
        )
        insight = self._insight_for(kind, meeting, sent)
        message = store.save_message(
            compose.new_draft(
                kind,
                contact,
                meeting,
                self.threety.today(),
                insight=insight,
                your_name=store.settings.your_name,
            )
        )
        self.changed()
        ask_benefit = (
            not unthanked and kind is not MessageKind.THANK_YOU and not message.parts.benefit
        )
        self.open_message(message, part="benefit" if ask_benefit else "highlight")
        if unthanked:
            self.threety.say(
                "No thank-you has gone out for this meeting yet: send that first (t); "
                "the follow-up comes about a month after it.",
                severity="warning",
            )
        elif ask_benefit:
            self.threety.say(
                "No benefit is recorded for this advice yet: say what came of acting on it.",
                severity="warning",
            )
        if kind is MessageKind.THANK_YOU and insight is None:
            self.threety.say("This meeting has no insights: name the best advice in the highlight.")

    def _insight_for(
        self, kind: MessageKind, meeting: Meeting, sent: list[Message]
    ) -> Insight | None:
        """The last thank-you's insight for a follow-up or update, else the favourite."""
        if kind is not MessageKind.THANK_YOU:
            for message in sent:
                if message.insight_id and (insight := meeting.insight(message.insight_id)):
                    return insight
        return meeting.favourite

    def _draft_or_say(self) -> Message | None:
        message = self.save_draft()
        if message is None:
            self.threety.say("No draft open: press t to draft a thank-you.", severity="warning")
        return message

    def action_copy_draft(self) -> None:
        from threety_tui.clipboard import copy_text

        message = self._draft_or_say()
        if message is None:
            return
        result = copy_text(
            self.app, compose.render_email(message.subject, message.body), self.threety.data_dir
        )
        if result.system:
            self.threety.say(result.message, title="Copied")
        else:
            self.threety.say(
                result.message, title="Copied (fallback)", severity="warning", timeout=12
            )

    def action_open_mail(self) -> None:
        from threety_tui.core.io.mailto import invalid_fields, mailto_url

        message = self._draft_or_say()
        if message is None:
            return
        contact = self.threety.store.contact(message.contact_id)
        for field in invalid_fields(contact.email if contact else ""):
            self.threety.say(f"Not a valid email address, left out: {field}", severity="warning")
        self._hand_to_mail_client(
            mailto_url(contact.email if contact else "", message.subject, message.body)
        )

    @work(thread=True, exclusive=True, group="mail")
    def _hand_to_mail_client(self, url: str) -> None:
        """The system handler may take a moment to fail: ask it off the UI thread."""
        from threety_tui.core.io.mailto import open_url

        opened = open_url(url)
        self.app.call_from_thread(self._mail_client_answered, opened)

    def _mail_client_answered(self, opened: bool) -> None:
        from threety_tui.screens.confirm import Confirm

        if opened:
            self.threety.say("Opened in your mail program.")
            return

        def answered(copy: bool | None) -> None:
            if copy:
                self.action_copy_draft()

        self.app.push_screen(
            Confirm(
                "No mail program is set up to open mailto: links here. Copy the draft instead?",
                yes="Copy draft",
                no="Cancel",
            ),
            answered,
        )

    def action_mark_sent(self) -> None:
        from threety_tui.screens.sent_form import SentForm

        message = self._draft_or_say()
        if message is None:
            return
        if message.is_sent:
            self.threety.say("This message is already marked sent.")
            return
        store = self.threety.store
        contact = store.contact(message.contact_id)
        if contact is None:
            return
        cadence = store.settings.cadence_for(contact)

        def sent(on: date | None) -> None:
            if on is not None:
                self._record_sent(message, contact, on)

        self.app.push_screen(SentForm(message, contact, cadence, self.threety.today()), sent)

    def _record_sent(self, message: Message, contact: Contact, on: date) -> None:
        store = self.threety.store
        done = store.mark_sent(message.id, on, record_benefit=True)  # one action, one write
        self.changed()
        self.open_message(done, focus=False)
        today = self.threety.today()
        upcoming = next(
            (r for r in store.reminders_of(contact.id, today) if r.message_id == done.id), None
        )
        what = (
            f" {upcoming.kind.label} {due_words(upcoming.due, today)} ({short(upcoming.due)})."
            if upcoming
            else ""
        )
        self.threety.say(f"Marked sent.{what}", title="Sent")
        self.threety.rewrite_calendar()
        self.show_pane(1)
