"""Parsed files kept between builds, keyed on path, size and modification time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .parallel import fan_out

T = TypeVar("T")


class FileCache:
    """Parsed files keyed on path, size and modification time.

    ``mkdocs serve`` rebuilds the whole site on every change; re-reading and
    re-validating a thousand unchanged maps would dominate that rebuild.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int], object]] = {}
        #: one value per name, with the key it was computed for (``derived``)
        self._derived: dict[str, tuple[object, object]] = {}
        self.hits = 0
        self.misses = 0

    def get_many(self, paths: list[Path], load: Callable[[Path], T]) -> list[T]:
        """``load(path)`` of every path, from the cache where the file is unchanged;
        the rest are loaded by several processes at once (``parallel.fan_out``)."""
        stamps = [_stamp(path) for path in paths]
        values: list[Any] = []
        missed: list[int] = []
        for i, (path, stamp) in enumerate(zip(paths, stamps, strict=True)):
            entry = self._entries.get(path)
            if stamp is not None and entry and entry[0] == stamp:
                values.append(entry[1])
            else:
                values.append(None)
                missed.append(i)
        self.hits += len(paths) - len(missed)
        self.misses += len(missed)
        for i, value in zip(missed, fan_out(lambda j: load(paths[missed[j]]), len(missed)),
                            strict=True):
            values[i] = value
            stamp = stamps[i]
            if stamp is not None:
                self._entries[paths[i]] = (stamp, value)
        return values

    def derived(self, name: str, key: object, compute: Callable[[], T]) -> T:
        """``compute()``, or the value computed last for ``name`` if it was for an equal
        ``key`` (what the value is made of: files' stamps, the maps it checks against)."""
        kept = self._derived.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]  # type: ignore[return-value]
        value = compute()
        self._derived[name] = (key, value)
        return value


def stamps(paths: list[Path]) -> tuple[tuple[Path, tuple[int, int] | None], ...]:
    """Each path with its size and modification time (None: unreadable)."""
    return tuple((path, _stamp(path)) for path in paths)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns
