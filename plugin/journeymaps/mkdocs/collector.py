"""Python's cycle collector kept out of a preview's rebuilds, and run after them.

At 1,000 maps the heap of ``mkdocs serve`` holds millions of objects (the project,
the kept pages, MkDocs' pages and navigation), and a rebuild makes enough new ones
that Python walks them all twice on the way: 0.5 s of a 4 s rebuild, measured. What a
rebuild leaves behind in cycles (MkDocs' pages and navigation point at each other) is
garbage only once the build is over, so the walks find little. Here the automatic
collection is off while a rebuild runs (objects without cycles are still freed the
moment they are unused) and one full collection runs shortly after, once the
preview shows the edit. The first build, which renders every page, collects as
usual: off, it would hold a whole site's garbage at once.
"""

from __future__ import annotations

import gc
import threading

#: seconds after a rebuild before its garbage is collected: past the browser's reload
AFTER = 1.0


class DeferredCollection:
    def __init__(self) -> None:
        self._timer: threading.Timer | None = None
        self._paused = False
        self._lock = threading.Lock()  # the timer's thread and the build's

    def pause(self) -> None:
        """A rebuild starts: no automatic collection until ``resume``."""
        self._cancel()
        with self._lock:
            if gc.isenabled():
                gc.disable()
                self._paused = True

    def resume(self, delay: float = AFTER) -> None:
        """The rebuild is over: collect once, ``delay`` seconds from now, and turn the
        automatic collection on again."""
        if not self._paused:
            return
        self._cancel()
        self._timer = threading.Timer(delay, self._collect)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        """The server stops: everything as it was, now."""
        self._cancel()
        self._collect()

    def _collect(self) -> None:
        with self._lock:
            if not self._paused:
                return
            self._paused = False
            gc.enable()
        gc.collect()

    def _cancel(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
