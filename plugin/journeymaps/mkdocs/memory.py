"""Memory a full build has freed, given back to the system before it needs more.

A build's largest allocations are a few report pages' text, tens of megabytes each at
5,000 maps. glibc's allocator serves a block that large by a mapping of its own,
never from memory the process has freed, and keeps what is freed for the process
unless asked to return it: so each report's rendering added to the memory the maps'
loading and the pages before it had left behind, freed but held. The Markdown
converter of a page is a cycle of objects, freed only by the collector.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc


def release() -> None:
    """Collect what cycles hold, and return the allocator's free memory
    (``malloc_trim``; elsewhere than glibc, the collection only)."""
    gc.collect()
    with contextlib.suppress(AttributeError, OSError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)
