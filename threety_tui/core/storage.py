"""The names the file layer had before it became the `core.db` package.

Kept so that `from threety_tui.core.storage import ...` keeps working; new code
imports from the module that owns the name (see `threety_tui/core/db/__init__.py`).
"""

from __future__ import annotations

from threety_tui.core.db.atomic import temp_prefix, write_atomic
from threety_tui.core.db.collector import gc_paused
from threety_tui.core.db.filestate import FileState, Signature, signature
from threety_tui.core.db.layout import (
    EAGER_TABLES,
    HEAD_TABLES,
    Data,
    encode,
    materialise,
    ordered,
    parse,
    split_lines,
)
from threety_tui.core.db.lazy import DocCheck, LazyDocs
from threety_tui.core.db.opening import remove_stale_temp_files
from threety_tui.core.db.reading import Pending, read_file, read_head
from threety_tui.core.db.storage import AtomicJSONStorage

__all__ = [
    "EAGER_TABLES",
    "HEAD_TABLES",
    "AtomicJSONStorage",
    "Data",
    "DocCheck",
    "FileState",
    "LazyDocs",
    "Pending",
    "Signature",
    "encode",
    "gc_paused",
    "materialise",
    "ordered",
    "parse",
    "read_file",
    "read_head",
    "remove_stale_temp_files",
    "signature",
    "split_lines",
    "temp_prefix",
    "write_atomic",
]
