"""The agenda's counts line speaks English: one next step, one urgent thank-you (QA)."""

from threety_tui.screens.agenda import Agenda


def summary(steps: int, overdue: int, urgent: int) -> str:
    return Agenda([], None, steps, overdue, urgent).summary.strip()


def test_one_of_each_is_singular() -> None:
    assert summary(1, 1, 1) == "1 next step this week · 1 overdue · 1 urgent thank-you"


def test_none_or_several_are_plural() -> None:
    assert summary(0, 0, 0) == "0 next steps this week · 0 overdue · 0 urgent thank-yous"
    assert summary(3, 2, 2) == "3 next steps this week · 2 overdue · 2 urgent thank-yous"
