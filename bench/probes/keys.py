"""Keys pressed at set moments, as a person types them into a terminal."""

from __future__ import annotations

import threading
import time
from typing import Any

Key = tuple[str, str | None]
"""(Textual's key name, the character it types or None)."""


def key_of(char: str) -> Key:
    names = {" ": "space", "/": "slash", ",": "comma", ".": "full_stop", "'": "apostrophe"}
    return names.get(char, char), char


def send_key(app: Any, key: Key) -> None:
    """Hand a key to the app exactly as a terminal driver's input thread does.

    Textual internal: `App._driver.send_message`, safe from any thread (it
    schedules the event on the app's loop). Pilot's `press` also waits for the
    app to go idle; a person does not, and neither does this.
    """
    from textual import events

    name, char = key
    event = events.Key(name, char)
    event.set_sender(app)
    app._driver.send_message(event)


class Typist(threading.Thread):
    """Presses `keys` from its own thread, one every `every` seconds from `start`.

    `pressed[i]` is when key i was due (perf_counter): a key is pressed when the
    person presses it, however late the app picks it up; latencies count from there.
    """

    def __init__(self, app: Any, keys: list[Key], *, start: float, every: float) -> None:
        super().__init__(daemon=True)
        self.app, self.keys, self.start_at, self.every = app, keys, start, every
        self.pressed: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        for index, key in enumerate(self.keys):
            due = self.start_at + index * self.every
            delay = due - time.perf_counter()
            if self.stop.wait(max(0.0, delay)):
                return
            self.pressed.append(due)
            send_key(self.app, key)


def latencies(
    pressed: list[float], frames: list[tuple[float, Any]], before: Any, *, by_next: bool = False
) -> list[float | None]:
    """For each key: ms from its press to the end of the first frame showing a change.

    `frames` are (when done, what the frame showed: any comparable state);
    `before` is the state before the first key. A key whose change showed only
    after the next key was pressed gets that later frame (it waited for it too),
    unless `by_next`: then it gets None, as does a key no frame ever showed.
    """
    found: list[float | None] = []
    for index, at in enumerate(pressed):
        state = before
        for done, shown in frames:
            if done >= at:
                break
            state = shown
        limit = pressed[index + 1] if by_next and index + 1 < len(pressed) else float("inf")
        hit = next((done for done, shown in frames if at <= done < limit and shown != state), None)
        found.append(None if hit is None else (hit - at) * 1000)
    return found
