"""Rows that wrap: the height measured from plain text is the number of lines drawn,
no drawn line is wider than the pane, nothing is lost but what the limit cuts
(with an ellipsis), and the timeline counts long lists' lines without drawing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from threety_tui.core import timeline
from threety_tui.core.store import Store
from threety_tui.widgets import wrapping
from threety_tui.widgets.timeline import Timeline, line_count
from threety_tui.widgets.wrapping import Line, breaks

words = st.text(alphabet=st.sampled_from("abc xyz éü☕日本 "), max_size=120)
pieces = st.lists(
    st.tuples(words, st.sampled_from(["", "bold", "$accent"])), min_size=1, max_size=4
)
lines = st.lists(
    st.builds(
        Line,
        st.lists(st.tuples(st.sampled_from(["", " ", " ▲ ", "    ★ "]), st.just("")), max_size=2),
        pieces,
        st.integers(1, 5),
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=300, deadline=None)
@given(lines, st.integers(0, 120))
def test_the_measured_height_is_the_drawn_height(rows: list[Line], width: int) -> None:
    drawn = wrapping.render(rows, width)
    assert wrapping.height(rows, width) == len(drawn)
    if width >= 2:
        for line in drawn:
            assert line.cell_length <= width, (line.plain, width)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab cd ☕"), max_size=200), st.integers(1, 40))
def test_breaks_keep_every_word_in_order(text: str, room: int) -> None:
    spans, more = breaks(text, room, limit=1000)
    assert not more
    kept = " ".join(text[start:end] for start, end in spans)
    assert kept.split() == text.split() or "".join(kept.split()) == "".join(text.split())


def test_a_long_insight_wraps_under_its_text_and_the_limit_ends_in_an_ellipsis() -> None:
    advice = "Ask for a shadow day with the product team at your own company, then write it up"
    row = Line((("    ★ ", ""),), (("[todo] ", "$warning"), (advice, "")), 3)
    drawn = [line.plain for line in wrapping.render([row], 30)]
    assert drawn[0].startswith("    ★ [todo] Ask for a")
    assert all(line.startswith("      ") for line in drawn[1:]), drawn
    assert drawn[-1].endswith("…") and len(drawn) == 3
    assert [line.plain for line in wrapping.render([row], 200)] == [f"    ★ [todo] {advice}"]


def test_long_timelines_count_lines_without_building_them(demo_db: Path, today: date) -> None:
    with Store.open(demo_db, readonly=True) as store:
        contacts = {c.id: c for c in store.contacts()}
        entries = timeline.build(
            contacts, store.all_meetings(), store.all_messages(), store.reminders(today)
        )
    view = Timeline()
    view.today = today
    for everyone in (False, True):
        view.everyone = everyone
        for entry in entries:
            assert line_count(entry, everyone=everyone) == len(view.lines_of(entry)), entry.key
