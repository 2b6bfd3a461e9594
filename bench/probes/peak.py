"""Peak resident memory of this process, for the probes that report it."""

from __future__ import annotations

import resource


def peak_kb() -> int:
    """VmHWM from /proc/self/status, in KB.

    Not `ru_maxrss`: Linux keeps that across exec, so a probe would also count
    its parent's memory at the fork (the bench, holding the data it generated).
    """
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # elsewhere: the best there is
