"""Generated pages kept from one build to the next, each with what it was made from.

A live preview rebuilds the site on every save, and one saved map changes a handful
of pages; generating the thousands of others again is most of a rebuild. A page
made per map, persona or journey is reused when everything it reads is what it
read last time:

- the **site-wide inputs**, compared by value (``site_inputs``): the options and
  labels, the definitions (lifecycle, channels, journeys' files, metric catalogue),
  the personas, the knowledge base, the problems found across files and, of every
  map, what other maps' pages can show of it (``public``: its path, title,
  personas, journey, state, stages' names and phases, questions and answers);
- the **model objects it shows**, compared by identity (``Entry.inputs`` in the
  registry: a map page's map, its journey's other maps, its measured series). The
  load cache keeps an unchanged file's object, so identity means "its file did not
  change", and a key holds the objects themselves, so no new object can take an old
  one's ``id``.

A report over every map is kept the same way where it declares the map fields it
never shows (``fields_of``: every map's other fields, compared by value): the
metrics report, for one, is the same after an owner edit. The other reports are
made from every map as objects (``_every_map``): generated again after an edit of
any map, kept over a save that changed none (a hand-written page's, or a save
that changed nothing, which a watcher can report twice). The memo lives in the
adapter (one per ``mkdocs serve``); a full build has none, so it is unaffected.
``check=True`` (the tests) builds every page anyway and fails when a reused one
differs from its fresh build: a dependency left out of a key shows there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Hashable, Sequence
from typing import Any

from ..analysis.fragments import Fragments
from ..analysis.options import SiteOptions
from ..model.journey_map import JourneyMap
from ..model.project import Project


class StaleMemo(AssertionError):
    """A reused page differs from the page built fresh (only with ``check=True``)."""


class PageMemo:
    def __init__(self, check: bool = False) -> None:
        self.check = check
        self._inputs: tuple[Any, ...] | None = None
        #: bumped whenever the site-wide inputs change: every kept page is then stale
        self._generation = 0
        self._pages: dict[str, tuple[int, Sequence[Any], str]] = {}
        #: this build's pages taken from the memo, and those built
        self.reused: set[str] = set()
        self.built: set[str] = set()
        #: parts of the reports, kept under the same site-wide inputs as the pages
        self.fragments = Fragments()

    def begin(self, project: Project, options: SiteOptions) -> None:
        """Start a build: compare the site-wide inputs with the last build's."""
        inputs = site_inputs(project, options)
        if inputs != self._inputs:
            self._generation += 1
            self._pages = {}
            self.fragments.clear()
        self._inputs = inputs
        self.reused, self.built = set(), set()

    def get(self, path: str, key: Sequence[Any]) -> str | None:
        """The page kept for ``path`` if it was made from the same objects."""
        kept = self._pages.get(path)
        if kept is None or kept[0] != self._generation or len(kept[1]) != len(key):
            return None
        if not all(_same(a, b) for a, b in zip(kept[1], key, strict=True)):
            return None
        return kept[2]

    @property
    def kept(self) -> bool:
        """Whether it holds pages of an earlier build."""
        return bool(self._pages)

    def put(self, path: str, key: Sequence[Any], content: str) -> None:
        self._pages[path] = (self._generation, tuple(key), content)

    def reuse(self, path: str, key: Sequence[Any] | None) -> str | None:
        """The kept page to use instead of building ``path`` (never with ``check``)."""
        if key is None or self.check:
            return None
        kept = self.get(path, key)
        if kept is not None:
            self.reused.add(path)
        return kept

    def built_page(self, path: str, key: Sequence[Any] | None, content: str) -> None:
        """``path`` was built: keep it; with ``check``, first compare it with the kept one."""
        if key is None:
            return
        kept = self.get(path, key) if self.check else None
        if kept is not None and kept != content:
            raise StaleMemo(f"{path}: the kept page differs from a fresh build; its key "
                            "(Entry.inputs in website/registry.py) misses what it reads")
        (self.reused if kept is not None else self.built).add(path)
        self.put(path, key, content)

    def finish(self, paths: set[str]) -> None:
        """End a build: forget the pages it no longer has (a deleted map's)."""
        for path in set(self._pages) - paths:
            del self._pages[path]
        self.fragments.finish()

    def forget(self) -> None:
        self._inputs, self._pages = None, {}
        self.fragments.clear()


def _same(kept: Any, now: Any) -> bool:
    """Model objects are the same object; a tuple (a map's fields, ``fields_of``) is
    equal, which costs little where its values are the same objects."""
    return kept is now or (type(kept) is tuple and type(now) is tuple and kept == now)


def fields_of(journey_map: JourneyMap, unread: frozenset[str]) -> tuple[Any, ...]:
    """A map's compared fields but ``unread`` ones, for a page over every map that
    never shows those (a report without owners is the same after an owner edit)."""
    return tuple(getattr(journey_map, f.name) for f in _COMPARED if f.name not in unread)


_COMPARED = tuple(f for f in dataclasses.fields(JourneyMap) if f.compare)


def site_inputs(project: Project, options: SiteOptions) -> tuple[Any, ...]:
    """What any kept page may read besides its own objects, compared by value."""
    settings = dataclasses.replace(options, regions=None)  # a new token each build
    return (
        settings, project.root, project.maps_dir, project.docs_dir,
        project.lifecycle, project.channel_catalogue, project.metrics,
        tuple(project.personas.items()), tuple(project.journeys.items()),
        project.articles, project.kb_answers, project.map_answers, project.broken_answers,
        project.cross_problems, project.contact_volume,
        tuple(public(m) for m in project.maps),
    )


def public(journey_map: JourneyMap) -> Hashable:
    """What the pages of other maps, personas and journeys can show of a map: its
    address and names, and what its stages line up and ask by."""
    return (journey_map.slug, journey_map.file, journey_map.title, tuple(journey_map.persona),
            journey_map.journey, journey_map.state,
            tuple((s.name, s.phase, tuple((q.text, q.answer) for q in s.questions))
                  for s in journey_map.stages))
