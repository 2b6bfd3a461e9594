"""`python -m bench.mail`: how long `threety import mail` takes on a big mailbox.

Not part of `python -m bench` (which runs for minutes): one run writes a
database (`bench.generate`, 2,000 contacts by default) and an mbox and a
Maildir of 50,000 messages each (realistic headers of ~1.5 kB and bodies of a
few kB; one message in 20 from a contact, dated after what was sent to them,
the rest from strangers; a few with a broken Date), then times the installed
command in a fresh process: a dry run and a real import of each, then the real
import again (nothing new). Prints one line per run.

    python -m bench.mail                       # 50,000 messages, 2,000 contacts
    python -m bench.mail --messages 5000 --size 100 --out /tmp/mailbench
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from bench.generate import write_database
from threety_tui.core.store import Store

HEADERS = (
    "Received: from mx{n}.mail.example (mx{n}.mail.example [203.0.113.{octet}])\n"
    "\tby inbound.example with ESMTPS id {id}\n\tfor <sam@example.com>; {date}\n"
    "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=mail.example; s=s1;\n"
    "\th=from:to:subject:date:message-id; bh={id}{id}=;\n"
    "\tb=" + "A" * 300 + "\n"
    "Message-ID: <{id}@mail.example>\n"
    "From: {sender}\n"
    "To: Sam Rivera <sam@example.com>\n"
    "Subject: Re: quick question {n}\n"
    "Date: {date}\n"
    "MIME-Version: 1.0\n"
    "Content-Type: text/plain; charset=utf-8\n"
    "X-Mailer: bench\n"
)
BODY_LINE = "Thanks for your note; here is a line of text to make the body realistic.\n"


def _messages(db: Path, count: int, seed: int = 7) -> list[tuple[str, datetime | None]]:
    """(From header, date or None for a broken Date) for each message, oldest first."""
    rng = random.Random(seed)
    with Store.open(db, readonly=True) as store:
        known = [c for c in store.contacts() if c.email]
        sent = {}
        for contact in rng.sample(known, min(len(known), count // 20 + 1)):
            days = [m.sent for m in store.messages_of(contact.id) if m.is_sent and m.sent]
            if days:
                sent[contact.email] = (contact.name, max(days))
    senders = list(sent.items())
    zone = timezone(timedelta(hours=-5))
    found: list[tuple[str, datetime | None]] = []
    for n in range(count):
        if senders and n % 20 == 0:
            email, (name, day) = senders[rng.randrange(len(senders))]
            when = day + timedelta(days=rng.randint(0, 10))
            sender = f'"{name}" <{email.upper() if n % 40 == 0 else email}>'
        else:
            when = date.today() - timedelta(days=rng.randint(0, 700))
            sender = f"Person {n} <person{n}@stranger{n % 977}.example>"
        stamp = datetime(when.year, when.month, when.day, rng.randint(0, 23), tzinfo=zone)
        found.append((sender, None if n % 997 == 0 else stamp))
    return found


def _text(n: int, sender: str, when: datetime | None) -> str:
    stamp = format_datetime(when) if when else "sometime last week"
    head = HEADERS.format(n=n % 9, octet=n % 250, id=f"{n:08x}", sender=sender, date=stamp)
    return head + "\n" + BODY_LINE * (20 + n % 40)


def write_mbox(path: Path, messages: list[tuple[str, datetime | None]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for n, (sender, when) in enumerate(messages):
            out.write("From MAILER-DAEMON Thu Jan  1 00:00:00 2026\n")
            out.write(_text(n, sender, when))
            out.write("\n")


def write_maildir(path: Path, messages: list[tuple[str, datetime | None]]) -> None:
    for folder in ("cur", "new", "tmp"):
        (path / folder).mkdir(parents=True, exist_ok=True)
    for n, (sender, when) in enumerate(messages):
        name = f"{1700000000 + n}.M{n}P1.bench"
        folder = "cur" if n % 3 else "new"
        suffix = ":2,S" if folder == "cur" else ""
        (path / folder / (name + suffix)).write_text(_text(n, sender, when), encoding="utf-8")


def _threety() -> list[str]:
    script = Path(sys.executable).with_name("threety")
    return [str(script)] if script.exists() else [sys.executable, "-m", "threety_tui"]


def _timed(*args: str | Path) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k != "THREETY_DB"}
    start = time.perf_counter()
    result = subprocess.run(
        [*_threety(), *map(str, args)], capture_output=True, text=True, env=env, check=False
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"threety failed: {result.stderr.strip()}")
    new = next((line.strip() for line in result.stdout.splitlines() if "new repl" in line), "")
    return seconds, new


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.mail", description=__doc__)
    parser.add_argument("--messages", type=int, default=50_000)
    parser.add_argument("--size", type=int, default=2_000, help="contacts in the database")
    parser.add_argument("--out", type=Path, default=Path("bench/out/mail"))
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    base = args.out / f"db-{args.size}.json"
    if not base.exists():
        write_database(base, args.size, date.today())
    messages = _messages(base, args.messages)
    mbox, maildir = args.out / f"{args.messages}.mbox", args.out / f"Maildir-{args.messages}"
    if not mbox.exists():
        write_mbox(mbox, messages)
    if not maildir.exists():
        write_maildir(maildir, messages)
    size = mbox.stat().st_size / 1e6
    print(f"{args.messages} messages ({size:.0f} MB as mbox), a database of {args.size} contacts")
    for box in (mbox, maildir):
        db = args.out / "import.json"
        for leftover in (db, db.with_name(db.name + ".lock")):
            leftover.unlink(missing_ok=True)
        shutil.copy(base, db)
        kind = "mbox" if box == mbox else "Maildir"
        for label, extra in (("dry run", ["--dry-run"]), ("import", []), ("again", [])):
            seconds, new = _timed("import", "mail", box, "--db", db, *extra)
            print(f"  {kind:<8} {label:<8} {seconds:6.2f} s   {new}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
