"""Main-screen actions on next steps and homework: agenda, snooze, close, homework."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from threety_tui.core import rules
from threety_tui.core.dates import short
from threety_tui.core.models import Homework, Insight, Meeting
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.main_base import MainBase

NEXT_STATUS = {
    Homework.TODO: Homework.DOING,
    Homework.DOING: Homework.DONE,
    Homework.DONE: Homework.TODO,
}
Done = Callable[[], None]


class StepActions(MainBase):
    def action_agenda(self) -> None:
        from threety_tui.screens.agenda import AgendaScreen
        from threety_tui.screens.main import MainScreen

        assert isinstance(self, MainScreen)
        self.app.push_screen(AgendaScreen(self))

    def _selected_reminder(self) -> rules.Reminder | None:
        entry = self.entry
        if entry is not None and entry.kind is EntryKind.REMINDER and entry.reminder is not None:
            return entry.reminder
        contact = self.contact
        if contact is None:
            return None
        steps = self.threety.store.reminders_of(contact.id, self.threety.today())
        return steps[0] if steps else None

    def action_snooze(self) -> None:
        reminder = self._selected_reminder()
        if reminder is None:
            self.threety.say("Nothing to snooze: this contact has no open next step.")
            return
        self.snooze_reminder(reminder)

    def action_close_step(self) -> None:
        reminder = self._selected_reminder()
        if reminder is None:
            self.threety.say("Nothing to close: this contact has no open next step.")
            return
        self.close_reminder(reminder)

    def snooze_reminder(self, reminder: rules.Reminder, done: Done | None = None) -> None:
        from threety_tui.screens.snooze_form import SnoozeForm

        contact = self.threety.store.contact(reminder.contact_id)
        name = contact.name if contact else "this contact"

        def snoozed(result: tuple[date, str] | None) -> None:
            if result is None:
                return
            until, reason = result
            self.threety.store.snooze(reminder.key, until, reason)
            self.changed()
            self.threety.say(f"{reminder.kind.label} for {name} snoozed to {short(until)}.")
            if done:
                done()

        self.app.push_screen(SnoozeForm(reminder, name, self.threety.today()), snoozed)

    def close_reminder(self, reminder: rules.Reminder, done: Done | None = None) -> None:
        from threety_tui.screens.confirm import Confirm

        contact = self.threety.store.contact(reminder.contact_id)
        name = contact.name if contact else "this contact"

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.threety.store.close_reminder(reminder.key, self.threety.today())
            self.changed()
            self.threety.say(f"{reminder.kind.label} for {name} closed without a message.")
            if done:
                done()

        self.app.push_screen(
            Confirm(
                f"Close the {reminder.kind.label.lower()} for {name} without sending a message? "
                "It leaves the agenda; the next meeting or message starts a new step.",
                yes="Close it",
                no="Keep it",
            ),
            answered,
        )

    def _selected_insight(self) -> tuple[Meeting, Insight] | None:
        entry = self.entry
        if entry is None or entry.meeting is None:
            return None
        meeting = self.threety.store.meeting(entry.meeting.id)
        if meeting is None:
            return None
        if entry.kind is EntryKind.INSIGHT and entry.insight is not None:
            insight = meeting.insight(entry.insight.id)
        else:
            insight = meeting.favourite
        return (meeting, insight) if insight is not None else None

    def action_cycle_homework(self) -> None:
        found = self._selected_insight()
        if found is None:
            self.threety.say("Select an insight in the timeline first.", severity="warning")
            return
        meeting, insight = found
        self.set_homework(meeting, insight, NEXT_STATUS[insight.status])

    def set_homework(self, meeting: Meeting, insight: Insight, status: Homework) -> None:
        done_on = self.threety.today() if status is Homework.DONE else None
        self.threety.store.update_insight(meeting.id, replace(insight, status=status, done=done_on))
        self.changed()
        hint = (
            " Press b to record what came of it."
            if status is Homework.DONE and not insight.benefit
            else ""
        )
        self.threety.say(f"Homework marked {status.value}.{hint}")

    def action_edit_benefit(self) -> None:
        found = self._selected_insight()
        if found is None:
            self.threety.say("Select an insight in the timeline first.", severity="warning")
            return
        self.edit_benefit(*found)

    def edit_benefit(self, meeting: Meeting, insight: Insight, done: Done | None = None) -> None:
        from threety_tui.screens.snooze_form import BenefitForm

        def recorded(benefit: str | None) -> None:
            if benefit is None:
                return
            self.threety.store.update_insight(meeting.id, replace(insight, benefit=benefit))
            self.changed()
            self.threety.say("Benefit recorded: the follow-up will mention it.")
            if done:
                done()

        self.app.push_screen(BenefitForm(insight), recorded)
