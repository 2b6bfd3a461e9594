"""Main-screen actions around the data: stats, settings, calendar export, trash."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from threety_tui.core.errors import ThreetyError
from threety_tui.core.models import Settings
from threety_tui.screens.main_base import MainBase


class ToolActions(MainBase):
    def action_stats(self) -> None:
        from threety_tui.core import stats
        from threety_tui.screens.stats import StatsScreen

        self.app.push_screen(
            StatsScreen(stats.from_store(self.threety.store, self.threety.today()))
        )

    def action_settings(self) -> None:
        from threety_tui.screens.settings_form import SettingsForm

        def saved(settings: Settings | None) -> None:
            if settings is None:
                return
            self.threety.store.update_settings(settings)
            self.reload_contacts(keep=self.contact_id)
            self.changed()
            self.threety.say(
                "Settings saved. New cadences apply to messages marked sent from now on."
            )

        self.app.push_screen(SettingsForm(self.threety.store.settings), saved)

    def action_export_reminders(self) -> None:
        from threety_tui.core.io.ics import export_ics
        from threety_tui.screens.export_form import ExportForm

        store = self.threety.store
        current = store.settings.ics_path
        default = Path(current) if current else Path.home() / "threety-reminders.ics"

        def chosen(result: tuple[Path, bool] | None) -> None:
            if result is None:
                return
            path, keep = result
            try:
                count = export_ics(store, path, self.threety.today())
            except ThreetyError as error:
                self.threety.say(str(error), title="Not exported", severity="error", timeout=15)
                return
            settings = store.settings
            wanted = (
                str(path) if keep else ("" if settings.ics_path == str(path) else settings.ics_path)
            )
            if wanted != settings.ics_path:
                store.update_settings(replace(settings, ics_path=wanted))
                self.threety.save_soon()
            again = " It is rewritten on every Mark sent." if keep else ""
            noun = "reminder" if count == 1 else "reminders"
            self.threety.say(
                f"Wrote {count} {noun} to {path}. Import it into your calendar.{again}"
            )

        self.app.push_screen(ExportForm(default, bool(current)), chosen)

    def action_import_contacts(self) -> None:
        from threety_tui.core.io.merge import ImportPlan, apply_import
        from threety_tui.screens.import_form import ImportForm

        store = self.threety.store

        def chosen(plan: ImportPlan | None) -> None:
            if plan is None:
                return
            result = apply_import(store, plan)
            keep = result.added[0].id if result.added else self.contact_id
            self.reload_contacts(keep=keep)
            self.changed()
            self.threety.say(
                f"Imported: {len(result.added)} added, {len(result.updated)} merged into "
                f"known contacts, {len(plan.skipped)} skipped."
            )

        self.app.push_screen(ImportForm(store), chosen)
