"""Main-screen actions on contacts and meetings: add, edit, log, delete, trash."""

from __future__ import annotations

from threety_tui.core.models import Contact, Meeting
from threety_tui.core.timeline import EntryKind
from threety_tui.screens.main_base import MainBase


class ContactActions(MainBase):
    def action_add_contact(self) -> None:
        from threety_tui.screens.contact_form import ContactForm

        def added(contact: Contact | None) -> None:
            if contact is None:
                return
            saved = self.threety.store.add_contact(contact)
            self.reload_contacts(keep=saved.id)
            self.changed()
            self.show_pane(0)
            self.threety.say(f"Added {saved.name}. Press m to log a meeting with them.")

        self.app.push_screen(ContactForm(settings=self.threety.store.settings), added)

    def action_edit_contact(self) -> None:
        from threety_tui.screens.contact_form import ContactForm

        contact = self.contact
        if contact is None:
            self.threety.say("Select a contact first (or press a to add one).", severity="warning")
            return

        def edited(result: Contact | None) -> None:
            if result is None:
                return
            self.threety.store.update_contact(result)
            self.reload_contacts(keep=result.id)
            self.changed()
            if self.editor.draft and self.editor.draft.contact.id == result.id:
                self.open_message(self.editor.draft.message, focus=False)

        self.app.push_screen(ContactForm(contact, self.threety.store.settings), edited)

    def action_log_meeting(self) -> None:
        from threety_tui.screens.meeting_form import MeetingForm

        contact = self.contact
        if contact is None:
            self.threety.say(
                "Add or select a contact first, then log the meeting.", severity="warning"
            )
            return

        def logged(meeting: Meeting | None) -> None:
            if meeting is None:
                return
            saved = self.threety.store.add_meeting(meeting)
            self.changed()
            self.timeline.set_rows(self.timeline.rows, keep=("meeting", saved.id))
            self.show_pane(1)
            self.threety.say("Meeting logged. Press t to draft the thank-you while it is fresh.")

        self.app.push_screen(MeetingForm(contact, self.threety.today()), logged)

    def edit_meeting(self, meeting: Meeting) -> None:
        from threety_tui.screens.meeting_form import MeetingForm

        contact = self.threety.store.contact(meeting.contact_id)
        if contact is None:
            return

        def edited(result: Meeting | None) -> None:
            if result is None:
                return
            self.threety.store.update_meeting(result)
            self.changed()
            draft = self.editor.draft
            if draft and draft.meeting and draft.meeting.id == result.id:
                self.open_message(draft.message, focus=False)

        self.app.push_screen(MeetingForm(contact, self.threety.today(), meeting), edited)

    def action_delete_selected(self) -> None:
        """Delete the meeting selected in the timeline, or the contact in the list."""
        from threety_tui.screens.confirm import Confirm

        store = self.threety.store
        entry = self.entry
        if (
            self.active_pane == 1
            and entry is not None
            and entry.meeting is not None
            and entry.kind
            in (
                EntryKind.MEETING,
                EntryKind.INSIGHT,
            )
        ):
            meeting = entry.meeting

            def drop_meeting(yes: bool | None) -> None:
                if yes:
                    store.delete_meeting(meeting.id)
                    self.changed()
                    self.threety.say("Meeting moved to the trash (palette: Trash to restore it).")

            self.app.push_screen(
                Confirm(
                    f"Move the meeting of {meeting.when.isoformat()} to the trash?", yes="Delete"
                ),
                drop_meeting,
            )
            return
        contact = self.contact
        if contact is None:
            return

        def drop_contact(yes: bool | None) -> None:
            if yes:
                store.delete_contact(contact.id)
                self.reload_contacts()
                self.changed()
                if self.editor.draft and self.editor.draft.contact.id == contact.id:
                    self.editor.load(None, self.threety.today())
                self.threety.say(f"{contact.name} moved to the trash (palette: Trash to restore).")

        self.app.push_screen(
            Confirm(f"Move {contact.name} and their meetings to the trash?", yes="Delete"),
            drop_contact,
        )

    def action_trash(self) -> None:
        from threety_tui.screens.trash import TrashScreen

        def restored(contact_id: int | None) -> None:
            self.reload_contacts(keep=contact_id)
            if contact_id is not None:
                self.changed()

        self.app.push_screen(TrashScreen(self.threety.store), restored)
