"""A form that previews what an import would do, then hands the plan back on ctrl+s.

Shared by Import contacts and Import replies: Enter reads the source in a worker
thread and shows the report the CLI prints; ctrl+s dismisses with the plan
(None when it changes nothing); a source that cannot be read is refused under
its field. Nothing is written here: the main screen applies the plan.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import ClassVar, Protocol, TypeVar

from textual.content import Content
from textual.widgets import Static

from threety_tui.core.text import visible_lines
from threety_tui.screens.form import FormScreen


class Plan(Protocol):
    @property
    def has_changes(self) -> bool: ...


PlanT = TypeVar("PlanT", bound=Plan)


class PreviewForm(FormScreen[PlanT]):
    """Subclasses give `source()`, `_preview()` (which starts the worker) and `report()`."""

    ready_text: ClassVar[str] = "Press ctrl+s to apply it."
    nothing_text: ClassVar[str] = "Nothing to change."

    def __init__(self) -> None:
        super().__init__()
        self.plan: PlanT | None = None
        self._planned_for: Hashable | None = None
        self._error = ""

    def source(self) -> Hashable:
        """What the preview is of (the path, and the format if any)."""
        raise NotImplementedError

    def _preview(self) -> None:
        raise NotImplementedError

    def report(self, plan: PlanT) -> list[str]:
        raise NotImplementedError

    def plan_error(self) -> str:
        """Why the source shown now could not be read ("" when it could, or was not tried)."""
        return self._error if self._error and self._planned_for == self.source() else ""

    def _planned(self, source: Hashable, plan: PlanT | str) -> None:
        """The worker's result: the plan's report, or the error (`str`) under the field."""
        self._planned_for = source
        report = self.query_one("#preview-report", Static)
        if isinstance(plan, str):
            self.plan = None
            self._error = plan
            self._tried = True
            self._show_problems()
            report.update("")
            return
        self._error = ""
        self.plan = plan
        self._show_problems()
        action = self.ready_text if plan.has_changes else self.nothing_text
        report.update(
            Content.assemble(
                Content(visible_lines("\n".join(self.report(plan)))),
                "\n\n",
                Content.styled(action, "bold"),
            )
        )

    def action_save(self) -> None:
        if self.plan is None or self._planned_for != self.source():
            self._preview()
            return
        self.dismiss(self.plan if self.plan.has_changes else None)

    def result(self) -> PlanT:
        assert self.plan is not None
        return self.plan
