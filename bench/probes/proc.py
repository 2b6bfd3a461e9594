"""This process's memory, from /proc, for the probes that report it."""

from __future__ import annotations

import resource


def _status_kb(field: str) -> int | None:
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def peak_kb() -> int:
    """Peak resident memory (VmHWM), in KB.

    Not `ru_maxrss`: Linux keeps that across exec, so a probe would also count
    its parent's memory at the fork (the bench, holding the data it generated).
    """
    found = _status_kb("VmHWM")
    if found is not None:
        return found
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # elsewhere: the best there is


def rss_kb() -> int:
    """Resident memory now (VmRSS), in KB; 0 where /proc is missing."""
    return _status_kb("VmRSS") or 0
