"""ThreetyApp: opens the store, shows the main screen, saves off the UI thread.

Construct with `ThreetyApp(db_path=...)` (tests, the screenshot script and the
benchmark do). Every change is saved shortly after it happens by a worker
thread: the storage encodes the file in small steps, so even a 10,000-contact
database saves without freezing the UI. Quitting (q, ctrl+q, the palette, a
closed terminal) takes one path: the load stops, drafts go into the store,
and the last save runs on a thread of its own while Textual closes; `finish()`
waits for it (`threety` calls it after `run()`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import signal
import threading
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from threety_tui.core import dates
from threety_tui.core.db.recovery import Kept
from threety_tui.core.errors import DatabaseChanged, ThreetyError, save_failed, unexpected
from threety_tui.core.loading import Loading
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store
from threety_tui.core.text import visible
from threety_tui.give_back import give_back
from threety_tui.screens.kept import offer_kept

SAVE_AFTER = 0.25
"""Seconds after a change before the save starts (changes in a burst share one write)."""
SAY_FOR: dict[SeverityLevel, float] = {"information": 3.5, "warning": 6, "error": 10}
"""Seconds a note stays up (an action's note: short; a warning to read: longer)."""
HIDDEN_SYSTEM_COMMANDS = ("Keys", "Maximize", "Minimize")
"""Textual's palette commands left out (see `get_system_commands`)."""
BACKGROUND_FROM = 2_000
"""Contacts from which the everyone-timeline and the agenda are built off the UI thread
(see `computed`): at 10,000 they take one to two seconds of work."""

KEYS_HELD_AT_MOST = 2.0
"""Seconds keys typed at launch wait for the main screen at most (`release_keys`)."""

T = TypeVar("T")


class ThreetyApp(App[None]):
    TITLE = "threety"
    CSS_PATH = ["app.tcss", "screens/main.tcss"]
    """The main screen's CSS is read with the app's: a screen's own `CSS_PATH`
    would make Textual parse every stylesheet a second time when it shows."""
    _gc_threshold: tuple[int, int, int] | None = None
    """The collector's thresholds, while it is held off until the first frame."""

    def __init__(
        self,
        db_path: Path | str | None = None,
        *,
        store: Store | None = None,
        today: date | Callable[[], date] | None = None,
    ) -> None:
        super().__init__()
        self.db_path = Path(db_path) if db_path else resolve_db_path(None)
        self.store = (
            store if store is not None else Store.open(self.db_path, autoflush=False, defer=True)
        )
        self.store.set_autoflush(False)
        # The loaded data lives as long as the app: keep it out of the garbage
        # collector's full passes (at 10,000 contacts each one stalls ~50 ms).
        gc.freeze()
        self._today = today
        self._save_timer: Timer | None = None
        self._reported: set[str] = set()
        self.generation = 0
        """Counts changes to the data (`save_soon`): screens redraw when it moved."""
        self.fatal: ThreetyError | None = None
        """Why the app had to stop (the rest of the file turned out unreadable)."""
        self.unsaved: list[str] = []
        """What to tell the user after exit: changes kept outside the database."""
        self._told_rescue: Path | None = None
        self._loading: Loading | None = None
        """The background load of the rest of the file and the warm-up (`warm_up`)."""
        self._final_save: threading.Thread | None = None
        """The last save, started by a quit (`_save_and_exit`), joined by `finish`."""
        self._computed: dict[str, tuple[tuple[int, date], Any]] = {}
        """What `computed` built, by name, with the data generation and day it is for."""
        self._computing: dict[str, tuple[int, date]] = {}
        """What `computed` is building in the background, by name: for which data."""
        self.restore_request: Kept | None = None
        """Kept changes the user chose to restore: `threety` does it, then reopens."""
        self.sub_title = str(self.db_path)
        self._held_keys: list[events.Key] | None = []
        """Keys typed before the main screen is ready (see `release_keys`)."""

    # -- services for screens ---------------------------------------------------

    def today(self) -> date:
        """Today, or the fixed day tests and screenshots pass in."""
        if self._today is None:
            return dates.today()
        return self._today() if callable(self._today) else self._today

    @property
    def data_dir(self) -> Path:
        """The database's folder: private (0700 when threety made it)."""
        return self.db_path.parent

    def say(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
    ) -> None:
        """Notify without markup and without control characters: messages carry data.

        A note replaces the one before it of the same title and severity (four
        h presses leave one toast, not four over the panes); errors stack.
        """
        title = visible(title)
        if severity != "error":
            for shown in list(self._notifications):
                if (shown.title, shown.severity) == (title, severity):
                    self._unnotify(shown, refresh=False)
        self.notify(
            visible(message),
            title=title,
            severity=severity,
            timeout=timeout if timeout is not None else SAY_FOR[severity],
            markup=False,
        )

    # -- start and stop ---------------------------------------------------------

    def get_default_screen(self) -> Screen[None]:
        """The main screen is the first screen (not pushed over an empty one)."""
        from threety_tui.screens.main import MainScreen

        theme = self.store.settings.theme
        if theme != self.theme and theme in self.available_themes:
            self.theme = theme  # a change restyles everything: before the screen is built
        # Building the screen makes thousands of objects and next to no garbage:
        # no collector passes over them until its first frame (see `on_mount`).
        self._gc_threshold = gc.get_threshold()
        gc.set_threshold(0)
        return MainScreen()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._catch_hangup()
        self.call_after_refresh(self._collect_again)
        self.call_after_refresh(offer_kept, self)  # changes kept elsewhere last time
        self.set_timer(KEYS_HELD_AT_MOST, self.release_keys)

    async def on_event(self, event: events.Event) -> None:
        if self._held_keys is not None and isinstance(event, events.Key) and not event.is_forwarded:
            self._held_keys.append(event)  # typed before the main screen is ready
            return
        await super().on_event(event)

    def release_keys(self) -> None:
        """Act on the keys typed while the app started, in order, as if typed now.

        Before the main screen is mounted and its list has focus, a key has
        nowhere to go: `/` would search a box not built yet, and the letters
        after it would reach the list (`m` logging a meeting with the first
        contact). The main screen calls this once it is ready; a timer makes
        sure it happens even if it never is.
        """
        held, self._held_keys = self._held_keys, None
        for key in held or ():
            name, character = key.key, key.character
            if name == "ctrl+j":  # enter, typed before the terminal left line mode ("\n")
                name, character = "enter", "\r"
            again = events.Key(name, character)
            again.set_sender(self)  # as from the terminal: it bubbles back up to the app
            self.post_message(again)

    def _collect_again(self) -> None:
        if self._gc_threshold is not None:
            gc.set_threshold(*self._gc_threshold)
            self._gc_threshold = None

    def _catch_hangup(self) -> None:
        """A closed terminal (SIGHUP) or a kill (SIGTERM) still saves the draft."""
        with contextlib.suppress(NotImplementedError, RuntimeError, AttributeError):
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._save_and_exit)

    def _save_and_exit(self) -> None:
        """Quit, the one way (q, ctrl+q, the palette, SIGTERM/SIGHUP, a restore).

        The load stops (its work would be thrown away), the open draft goes
        into the store now, and the file is written on a thread of its own
        (not a daemon: the process waits for it) while Textual shuts down,
        which is mostly waiting (its input thread's 0.1 s `select`s). `finish`
        joins it; `unsaved` is complete then.
        """
        if self._loading is not None:
            self._loading.cancel()
        self._save_drafts()
        if self._final_save is None:
            self._final_save = threading.Thread(
                target=self._save_for_exit, name="threety-final-save"
            )
            self._final_save.start()
        self.exit()

    def _save_for_exit(self) -> None:
        try:
            self.unsaved = self.store.save_before_exit()
        finally:
            with contextlib.suppress(ThreetyError, OSError):
                self.store.close()

    def finish(self) -> None:
        """After `run()`: wait for the last save a quit started (`unsaved` is then final)."""
        if self._final_save is not None:
            self._final_save.join()

    def _save_drafts(self) -> None:
        """The open draft's typed text into the store (the file is written after)."""
        from threety_tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                with contextlib.suppress(Exception):
                    screen.save_draft()

    async def action_quit(self) -> None:
        """Quit, saving first; a form holding typed text asks before it is dropped.

        The form's text is not saved on its own (it may be half right): the
        question names what would be lost, and a second ctrl+q (or y) quits.
        """
        from threety_tui.screens.confirm import QuitQuestion
        from threety_tui.screens.form import FormScreen

        if isinstance(self.screen, QuitQuestion):
            self._save_and_exit()  # ctrl+q twice: the user means it
            return
        form = next(
            (s for s in reversed(self.screen_stack) if isinstance(s, FormScreen) and s.typed()),
            None,
        )
        if form is None:
            self._save_and_exit()
            return

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self._save_and_exit()

        self.push_screen(QuitQuestion(form.form_title), answered)

    def _handle_exception(self, error: Exception) -> None:
        """A bug: one line after exit, not Textual's traceback (it prints the values of
        local variables: names, notes and drafts). `TEXTUAL=debug` keeps the traceback."""
        if "debug" in self.features or hasattr(error, "__rich__"):
            super()._handle_exception(error)
            return
        from rich.segment import Segment, Segments

        self._return_code = 1
        if self._exception is None:  # re-raised by `run_test` for the tests
            self._exception = error
            self._exception_event.set()
        self.bell()
        line = [Segment(f"threety: {unexpected(error)}"), Segment.line()]
        self._exit_renderables.append(Segments(line))  # as it is: one line, never wrapped
        self._close_messages_no_wait()

    def on_unmount(self) -> None:
        if self._loading is not None:
            self._loading.cancel()
        self._collect_again()  # if it closed before its first frame
        if self._final_save is not None:
            return  # a quit: the last save is under way (see `_save_and_exit`)
        if self.fatal is None:  # closed some other way (a test, an exception)
            self.unsaved = self.store.save_before_exit()
        with contextlib.suppress(ThreetyError, OSError):
            self.store.close()

    def warm_up(self) -> None:
        """Read the rest of the file, then warm up, on the store's own daemon thread.

        Not a Textual thread worker: those run on asyncio's default executor,
        which is joined at exit, so a quit would wait for work it throws away.
        `Loading.cancel()` stops the thread within milliseconds. The first
        screen needs only contacts; the badges, the timeline, the agenda and
        sorting by what is due read what this builds (see `Store.warm`).
        """
        if self._loading is not None:
            return
        self._loading = self.store.start_background_load(
            today=self.today,
            on_loaded=lambda: self._from_loader(self._data_loaded),
            on_warm=lambda: self._from_loader(self._warmed),
            on_error=lambda error: self._from_loader(self._load_failed, error),
        )

    def _from_loader(self, callback: Callable[..., object], *args: object) -> None:
        """Run `callback` on the UI thread (called on the loader's); nothing once closing."""
        if self._loading is None or not self._loading.cancelled:
            self._from_thread(callback, *args)

    def _load_failed(self, error: Exception) -> None:
        if isinstance(error, ThreetyError):
            self._cannot_go_on(error)
        else:  # a bug: said, not printed over the screen
            self.say(f"Reading {self.db_path} failed: {error}", title="Error", severity="error")

    def _data_loaded(self) -> None:
        from threety_tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.data_loaded()
        self.report_damage()

    def _warmed(self) -> None:
        """Every contact is built and the facts are ready: say what was found damaged."""
        from threety_tui.screens.main import MainScreen

        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                screen.contacts_settled()
        self.report_damage()

    def _cannot_go_on(self, error: ThreetyError) -> None:
        """The file is damaged past its contacts: stop, write nothing, say why."""
        self.fatal = error
        self.exit(return_code=2)

    # -- saving -----------------------------------------------------------------

    def save_soon(self) -> None:
        """Something changed: save it shortly (changes in a burst share one write)."""
        self.generation += 1
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_AFTER, self._save)

    def _save(self) -> None:
        self._save_timer = None
        self._write_in_background()

    @work(thread=True, group="save", exit_on_error=False)
    def _write_in_background(self) -> None:
        try:
            self.store.flush()
        except DatabaseChanged as error:
            if self.store.rescue_path != self._told_rescue:  # once, not at every keystroke
                self._told_rescue = self.store.rescue_path
                self.call_from_thread(
                    self.say, str(error), title="Not saved", severity="error", timeout=60
                )
        except (ThreetyError, OSError) as error:
            self.call_from_thread(
                self.say,
                save_failed(self.store.path, error),
                title="Not saved",
                severity="error",
                timeout=30,
            )

    def computed(
        self,
        name: str,
        build: Callable[[Store, date], T],
        done: Callable[[T], object],
    ) -> T | None:
        """`build(store, today)` for the data as it is now, built once per change of the data.

        For a small database, or when it is built already, the answer comes at
        once. From `BACKGROUND_FROM` contacts it is built on a daemon thread of
        its own (the UI stays live; a quit never waits for it) and None comes
        back: `done(answer)` is then called on the UI thread, unless the data
        changed meanwhile (a build for the new data follows, on the next ask).
        `build` must only read the store (which is safe beside the UI thread).
        """
        key = (self.generation, self.today())
        found = self._computed.get(name)
        if found is not None and found[0] == key:
            answer: T = found[1]
            return answer
        if self.store.contact_count() < BACKGROUND_FROM:
            answer = build(self.store, key[1])
            self._computed[name] = (key, answer)
            return answer
        if self._computing.get(name) != key:
            self._computing[name] = key

            def run() -> None:
                try:
                    answer = build(self.store, key[1])
                except Exception as error:  # a bug: said, not printed over the screen
                    self._from_thread(self._failed, name, error)
                    return
                self._from_thread(self._built, name, key, answer, done)

            threading.Thread(target=run, name=f"threety-{name}", daemon=True).start()
        return None

    def _built(
        self, name: str, key: tuple[int, date], answer: Any, done: Callable[[Any], object]
    ) -> None:
        if self._computing.get(name) == key:
            del self._computing[name]
        if key != (self.generation, self.today()):
            return  # the data changed meanwhile: the next ask builds it again
        replaced = name in self._computed
        self._computed[name] = (key, answer)
        if replaced:  # the older build is freed now: its memory goes back
            give_back()
        done(answer)

    def _failed(self, name: str, error: Exception) -> None:
        self._computing.pop(name, None)
        self.say(f"{error}", title="Error", severity="error")

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        """Run `callback` on the UI thread (from another); nothing once the app is closing."""
        if self._final_save is not None or not self.is_running:
            return
        with contextlib.suppress(RuntimeError):  # the app stopped meanwhile
            self.call_from_thread(callback, *args)

    def report_damage(self) -> None:
        """Tell the user, once each, about records found damaged while reading."""
        fresh = [key for key in self.store.damaged if key not in self._reported]
        if not fresh:
            return
        self._reported.update(fresh)
        count = len(fresh)
        what = "record" if count == 1 else "records"
        self.say(
            f"{self.db_path}: {count} damaged {what} could not be read and "
            f"{'is' if count == 1 else 'are'} not shown ({self.store.damaged[fresh[0]]}). "
            "They stay in the file unchanged; restore a backup to get them back.",
            title="Damaged data",
            severity="error",
            timeout=30,
        )

    def _remember_theme(self, theme: Theme) -> None:
        from dataclasses import replace

        settings = self.store.settings
        if settings.theme != theme.name:
            self.store.update_settings(replace(settings, theme=theme.name))
            self.save_soon()

    def rewrite_calendar(self) -> None:
        """Keep the chosen .ics file current (Settings: calendar file)."""
        if not self.store.settings.ics_path:
            return
        from threety_tui.core.io.ics import rewrite_if_configured

        try:
            rewrite_if_configured(self.store, self.today())
        except ThreetyError as error:
            self.say(str(error), title="Calendar not updated", severity="warning")

    # -- command palette ----------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The screen's own commands (from `actions.py`), then Textual's theme and
        screenshot. Not Textual's "Keys" panel nor "Maximize": the panel docks over
        the panes, which are laid out for the whole width (and `?` has every key);
        a maximized pane hides the other two, which must show the current contact."""
        ours: set[str] = set(HIDDEN_SYSTEM_COMMANDS)
        palette = getattr(screen, "palette_commands", None)
        if palette is not None:
            for title, help_text, callback in palette():
                ours.add(title)
                yield SystemCommand(title, help_text, callback)
        for system in super().get_system_commands(screen):
            if system.title not in ours:
                yield system
