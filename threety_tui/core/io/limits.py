"""How much one import may bring: per field, per record, per file (no imports: the
command-line parser reads these for its help)."""

from __future__ import annotations

MAX_FIELD = 10_000
"""Characters in one field of an imported contact (a name, an email, a company...)."""
MAX_NOTES = 100_000
"""Characters in the notes of an imported contact."""
MAX_TAGS = 100
MAX_RECORDS = 100_000
"""Records in one imported file; a bigger file is refused (split it)."""
CONFIRM_ABOVE = 10_000
"""An import that would add more contacts than this asks first (`--yes` on the command line)."""
LIMITS = (
    f"{MAX_FIELD:,} characters a field, {MAX_NOTES:,} for notes, {MAX_TAGS} tags a contact,"
    f" {MAX_RECORDS:,} records a file"
)
