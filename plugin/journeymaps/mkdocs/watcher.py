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
"""

from __future__ import annotations

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
