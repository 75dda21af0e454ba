"""How often ``mkdocs serve`` looks for saved files.

MkDocs' live-reload server polls the watched folders (watchdog's
``PollingObserver``: it works on Docker volumes and network drives, where native
file events go missing) every 0.5 s, so a save waits a quarter of a second on
average, and up to half a second, before the rebuild starts: a large share of a
preview that rebuilds in well under a second. One look at 1,000 maps costs about
3 ms (a ``stat`` of each file), so looking five times as often costs a few per
cent of one CPU while the server idles.

The server makes its observer before any plugin runs and schedules the docs
folder and ``mkdocs.yml`` on it before ``on_serve``; the observer is not started
yet. Its interval is the one value watchdog's emitters read on every round, kept
as ``_timeout`` (watchdog 6 and 7, the versions of this project's lock): set there, on the observer
(for the folders watched after ``on_serve``) and on the emitters it already has.
Anything else (another observer, a future watchdog without that attribute) is
left as it is: the preview is then as fast as MkDocs makes it, never broken.

While a rebuild runs, the watcher skips its rounds (``Pause``). A round is a
``stat`` of every watched file, and each ``stat`` gives up Python's lock and then
waits for the rebuild to hand it back: at 1,000 maps, the watcher's threads took
0.2 s of CPU from each 3-second rebuild, for changes that can only start the next
one. Nothing is missed: the first round after the rebuild compares the folders
with the last round before it, so a file saved meanwhile still starts a rebuild.
"""

from __future__ import annotations

import threading
from typing import Any

from watchdog.observers.polling import PollingObserver

#: MkDocs' own interval, the longest this module ever sets
MKDOCS_INTERVAL = 0.5


def poll_every(server: Any, seconds: float) -> bool:
    """Have ``server`` (MkDocs' ``LiveReloadServer``) look for changes every ``seconds``;
    False where it cannot be done, and nothing changed."""
    observer = getattr(server, "observer", None)
    if not isinstance(observer, PollingObserver) or not 0 < seconds < MKDOCS_INTERVAL:
        return False
    emitters = list(observer.emitters)
    if not all(hasattr(item, "_timeout") for item in [observer, *emitters]):
        return False
    for item in [observer, *emitters]:
        item._timeout = seconds
    return True


class Pause:
    """The watcher's rounds held while a rebuild runs (see the module's docstring)."""

    def __init__(self) -> None:
        self._held = threading.Event()
        self._observer: PollingObserver | None = None

    def attach(self, server: Any) -> bool:
        """Hold ``server``'s watcher from now on while a rebuild runs; False where it
        is not MkDocs' polling observer, and nothing changed."""
        observer = getattr(server, "observer", None)
        if not isinstance(observer, PollingObserver):
            return False
        self._observer = observer
        self._wrap()
        return True

    def hold(self) -> None:
        """A rebuild starts: no round until ``release``."""
        self._wrap()  # also the folders watched since ``attach``
        self._held.set()

    def _wrap(self) -> None:
        # a round already under way when its emitter is wrapped still looks, once
        for emitter in list(self._observer.emitters) if self._observer else ():
            # wrapped once: the wrapper is the emitter's own attribute (an id kept
            # apart could be a new emitter's, once an unwatched one is gone)
            if "queue_events" not in vars(emitter) and hasattr(emitter, "stopped_event"):
                emitter.queue_events = self._round(emitter, emitter.queue_events)

    def release(self) -> None:
        self._held.clear()

    def _round(self, emitter: Any, original: Any) -> Any:
        def paused_round(timeout: float) -> None:
            # watchdog's round waits, then looks: wait here, so that a rebuild that
            # starts meanwhile holds the look too
            if emitter.stopped_event.wait(timeout) or self._held.is_set():
                return
            original(0)
        return paused_round
