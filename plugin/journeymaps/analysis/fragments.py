"""Parts of pages kept from one build to the next (a live preview's), each with the
model objects it is computed from.

A report over every map joins one part per map; after an edit of one map, the
other maps' parts are those of the last build. A part is reused while its key
holds the same objects (the load cache keeps an unchanged file's object) and
nothing site-wide changed (the owner, ``website.memo.PageMemo``, clears them all
then). The key holds the objects themselves, so no new object can take an old
one's ``id``. Builders take ``Fragments | None``: a full build has none.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ..model.project import Project

T = TypeVar("T")


class Fragments:
    def __init__(self) -> None:
        self._kept: dict[tuple[str, tuple[int, ...], Hashable], tuple[tuple[Any, ...], Any]] = {}
        self._used: set[tuple[str, tuple[int, ...], Hashable]] = set()

    def of(self, name: str, key: tuple[Any, ...], compute: Callable[[], T], *,
           same: Hashable = None) -> T:
        """``compute()``, or what it gave last for the same objects of ``key`` and an
        equal ``same``: what the part shows beyond those objects, as plain values (a
        row's question and counts, where several rows come from the same maps)."""
        index = (name, tuple(map(id, key)), same)
        self._used.add(index)
        kept = self._kept.get(index)
        if kept is not None and all(a is b for a, b in zip(kept[0], key, strict=True)):
            return kept[1]  # type: ignore[no-any-return]
        value = compute()
        self._kept[index] = (key, value)
        return value

    def finish(self) -> None:
        """End a build: forget the parts it did not use (of maps edited or gone)."""
        for index in set(self._kept) - self._used:
            del self._kept[index]
        self._used = set()

    def clear(self) -> None:
        self._kept, self._used = {}, set()


#: where a build's ``Fragments`` ride on its project (``Project.memo``, a build's
#: scratch), for what an analysis computes per map and every report reads
_ON_PROJECT = "kept fragments"


def keep_on(project: Project, fragments: Fragments | None) -> None:
    """Let the analyses of ``project`` keep their per-map parts in ``fragments``."""
    if fragments is not None:
        project.memo[_ON_PROJECT] = fragments


def kept_on(project: Project) -> Fragments | None:
    found = project.memo.get(_ON_PROJECT)
    return found if isinstance(found, Fragments) else None
