"""`threety stats`: the follow-through score, counts, and who has heard nothing."""

from __future__ import annotations

import argparse
import json
import re

from threety_tui.core import stats
from threety_tui.core.dates import short, today
from threety_tui.core.models import Kind, MessageKind
from threety_tui.core.paths import resolve_db_path
from threety_tui.core.store import Store
from threety_tui.core.text import one_line

_C1 = re.compile("[\x7f-\x9f]")
_NAMES = {
    Kind.BOOSTER: ("Booster", "Boosters"),
    Kind.OBLIGATE: ("Obligate", "Obligates"),
    Kind.UNKNOWN: ("unknown", "unknown"),
    MessageKind.THANK_YOU: ("thank-you", "thank-yous"),
    MessageKind.FOLLOW_UP: ("follow-up", "follow-ups"),
    MessageKind.UPDATE: ("update", "updates"),
}


def run(args: argparse.Namespace) -> int:
    now = today()
    with Store.open(resolve_db_path(args.db), readonly=True) as store:
        summary = stats.from_store(store, now)
    if args.json:
        text = json.dumps(summary.to_doc(), indent=2, ensure_ascii=False)
        # JSON escapes C0 controls itself; escape C1 too so none reaches a terminal.
        print(_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text))
    else:
        print("\n".join(lines(summary)))
    return 0


def lines(summary: stats.Summary) -> list[str]:
    """The text report, one line per item."""
    s = summary.score
    thanks = _share(s.thanked_on_time, s.thank_you_eligible)
    if s.thanked_late:
        thanks += f", {s.thanked_late} more within 48 h"
    out = [
        "Follow-through",
        f"  Thank-yous within 24 h:  {thanks}",
        f"  Follow-ups on time:      {_share(s.followed_on_time, s.follow_up_eligible)}",
        "  Overall:                 "
        + _share(
            s.thanked_on_time + s.followed_on_time,
            s.thank_you_eligible + s.follow_up_eligible,
        ),
        "",
        f"Contacts: {summary.contact_total}{_breakdown(summary.contacts)}",
        f"Meetings: {summary.meetings}",
        f"Messages sent: {summary.sent_total}{_breakdown(summary.sent)}",
        f"Drafts: {summary.drafts}",
        f"Open homework: {summary.open_homework}",
        "",
    ]
    if not summary.silent:
        out.append("Everyone you met has heard from you.")
        return out
    out.append(f"Who has heard nothing from you ({len(summary.silent)}):")
    names = [one_line(item.contact) or "(no name)" for item in summary.silent]
    dates = [short(item.met) for item in summary.silent]
    width, date_width = max(map(len, names)), max(map(len, dates))
    for name, met, item in zip(names, dates, summary.silent, strict=True):
        out.append(f"  {name:<{width}}  met {met:<{date_width}}  {_days_ago(item.days)}")
    return out


def _share(part: int, whole: int) -> str:
    if not whole:
        return "nothing to score yet"
    return f"{part} of {whole} ({part / whole:.0%})"


def _breakdown(counts: dict[Kind, int] | dict[MessageKind, int]) -> str:
    parts = [f"{n} {_NAMES[kind][n != 1]}" for kind, n in counts.items() if n]
    return f" ({', '.join(parts)})" if parts else ""


def _days_ago(days: int) -> str:
    if days == 0:
        return "today"
    if days < 0:
        return f"in {-days} day" + ("s" if days != -1 else "")
    return f"{days} day" + ("s" if days != 1 else "") + " ago"
