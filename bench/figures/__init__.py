"""The figures of the bench, each measured beside its baseline in the same run."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Bench:
    """What one run measures on, and the notes it gathers under the table."""

    out: Path
    dbs: dict[int, Path]
    """Contacts with history (three meetings each, messages in every state), by size."""
    linkedin: dict[int, Path]
    """LinkedIn-only databases (imported from a Connections.csv), by size."""
    csv_path: Path
    csv_rows: int
    runs: int
    keys: int
    soak_seconds: float
    moments: tuple[float, ...]
    smoke: bool
    notes: list[str] = field(default_factory=list)

    @property
    def largest(self) -> int:
        return max(self.dbs)

    def work_copy(self, source: Path | None = None, name: str = "work") -> Path:
        """A fresh copy of `source` (default: the largest database) that a probe may write."""
        source = source or self.dbs[self.largest]
        copy = self.out / f"{name}.json"
        copy.with_name(copy.name + ".lock").unlink(missing_ok=True)
        shutil.copyfile(source, copy)
        return copy
