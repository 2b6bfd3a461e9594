"""Hand memory freed by a large, short-lived build back to the system.

At 10,000 contacts the everyone-timeline and the agenda are rebuilt after each
change of the data (tens of MB of small objects each time). Python frees the
old ones, but glibc keeps freed memory in the middle of its heap for reuse:
in the benchmark's soak, resident memory rose ~20 MB over 4 minutes of use
with no more live objects (a `gc` census), and `malloc_trim(0)` gave 45 MB
of it back. So after such a build replaces an older one, the heap is trimmed
on a thread of its own (~6 ms for a 400 MB heap; the UI may wait as long for
an allocation meanwhile). Elsewhere than glibc, nothing happens.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from functools import cache


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # here: not needed before the first frame (~1 ms to import)
    import ctypes.util

    name = ctypes.util.find_library("c")
    try:
        trim: Callable[[int], int] = ctypes.CDLL(name).malloc_trim
    except (OSError, AttributeError):  # not glibc (musl has no malloc_trim)
        return None
    return trim


def give_back() -> bool:
    """Trim the C heap on a daemon thread; False where there is no `malloc_trim`."""
    trim = _malloc_trim()
    if trim is None:
        return False
    threading.Thread(target=trim, args=(0,), name="threety-trim", daemon=True).start()
    return True
