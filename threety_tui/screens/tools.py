"""The palette's tools on the whole database: stats, settings, reminders, import, trash.

Each asks with its own dialog, changes the data through the store, says what
it did, and returns what the main screen needs to show it (who became
current). Call them from a worker (`push_screen_wait` needs one).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.dom import DOMNode

from threety_tui.core.errors import ThreetyError
from threety_tui.screens import threety


async def stats(node: DOMNode) -> None:
    from threety_tui.core import stats as figures
    from threety_tui.screens.stats import StatsScreen

    app = threety(node)
    await app.push_screen_wait(StatsScreen(figures.from_store(app.store, app.today())))


async def settings(node: DOMNode) -> bool:
    """Your name and sign-off, cadences and calendar file; True when saved.

    A new name or sign-off also signs the drafts still open with the old default.
    """
    from threety_tui.core import workflows
    from threety_tui.screens.settings_form import SettingsForm

    app = threety(node)
    chosen = await app.push_screen_wait(SettingsForm(app.store.settings))
    if chosen is None:
        return False
    resigned = workflows.change_sender(app.store, chosen)
    app.save_soon()
    signed = f" {_drafts(len(resigned))} signed with the new sign-off." if resigned else ""
    app.say(f"Settings saved. New cadences apply to messages marked sent from now on.{signed}")
    return True


def _drafts(count: int) -> str:
    return "1 open draft" if count == 1 else f"{count} open drafts"


async def export_reminders(node: DOMNode) -> None:
    """Write the reminders to an .ics file, and remember it if asked to keep it current."""
    from threety_tui.core.io.ics import export_ics
    from threety_tui.screens.export_form import ExportForm

    app = threety(node)
    store = app.store
    current = store.settings.ics_path
    default = Path(current) if current else Path.home() / "threety-reminders.ics"
    chosen = await app.push_screen_wait(ExportForm(default, bool(current)))
    if chosen is None:
        return
    path, keep = chosen
    try:
        count = export_ics(store, path, app.today())
    except ThreetyError as error:
        app.say(str(error), title="Not exported", severity="error", timeout=15)
        return
    settings = store.settings
    wanted = str(path) if keep else ("" if settings.ics_path == str(path) else settings.ics_path)
    if wanted != settings.ics_path:
        store.update_settings(replace(settings, ics_path=wanted))
        app.save_soon()
    again = " It is rewritten on every Mark sent." if keep else ""
    noun = "reminder" if count == 1 else "reminders"
    app.say(f"Wrote {count} {noun} to {path}. Import it into your calendar.{again}")


async def import_contacts(node: DOMNode) -> int | None:
    """LinkedIn or vCard, previewed first; returns the first contact added, if any."""
    from threety_tui.core.io.merge import apply_import
    from threety_tui.screens.import_form import ImportForm

    app = threety(node)
    store = app.store
    plan = await app.push_screen_wait(ImportForm(store))
    if plan is None:
        return None
    with store.batch():  # one import, one save
        result = apply_import(store, plan)
    app.save_soon()
    app.say(
        f"Imported: {len(result.added)} added, {len(result.updated)} merged into "
        f"known contacts, {len(plan.skipped)} skipped."
    )
    return result.added[0].id if result.added else None


async def trash(node: DOMNode) -> int | None:
    """Restore deleted contacts and meetings; returns the contact last restored to."""
    from threety_tui.screens.trash import TrashScreen

    app = threety(node)
    restored = await app.push_screen_wait(TrashScreen(app.store, app.today()))
    if restored is not None:
        app.save_soon()
    return restored
