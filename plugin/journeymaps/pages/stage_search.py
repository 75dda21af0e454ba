"""A search entry per stage of each map page, so that a result leads to the stage.

Search engines split a page into sections at its headings; a map page's stages are
the columns of one grid, not headings, so a search for a pain point would lead to
the top of the page. These entries give each stage a section of its own: located at
the stage's column heading (``maps/<path>/#stage-<words of the name>``), titled by
the stage, holding the words of that stage alone. The page's own entries stay as
they are. The adapter adds them to the engine's index (``mkdocs.search_index``).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..analysis.fragments import kept_on
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.stage import Stage
from . import site_layout

#: Between the stage's items in the entry's text: each reads as its own phrase
SEPARATOR = " · "


@dataclass(frozen=True)
class StageEntry:
    """One stage's search section; ``title`` and ``text`` are HTML-escaped text, as
    search indexes hold text they parsed out of a page."""

    location: str
    title: str
    text: str


def stage_entries(project: Project) -> dict[str, list[StageEntry]]:
    """Each map page's URL (relative to the site root, as search entries name pages)
    to its stages' entries, in stage order; in a live preview, an unchanged map's
    entries are the last build's (``analysis.fragments``)."""
    fragments = kept_on(project)
    if fragments is None:
        return {_url(m): _entries(m) for m in project.maps if m.stages}
    return {_url(m): fragments.of("stage entries", (m,), lambda m=m: _entries(m))
            for m in project.maps if m.stages}


def _url(journey_map: JourneyMap) -> str:
    return site_layout.page_url(site_layout.map_page(journey_map))


def _entries(journey_map: JourneyMap) -> list[StageEntry]:
    url = _url(journey_map)
    anchors = site_layout.stage_anchors([stage.name for stage in journey_map.stages])
    return [StageEntry(f"{url}#{anchor}", _escaped(f"{number}. {stage.name or ''}".strip()),
                       SEPARATOR.join(_escaped(word) for word in words(stage)))
            for number, (stage, anchor) in enumerate(zip(journey_map.stages, anchors,
                                                         strict=True), 1)]


def _escaped(text: str) -> str:
    return html.escape(text, quote=False)


def words(stage: Stage) -> list[str]:
    """What the stage's column says, in the grid's order: goal, actions, touchpoints
    (with their notes), thoughts, emotions, pain points, opportunities, questions."""
    found = [stage.goal or "", *stage.actions]
    found += [part for tp in stage.touchpoints for part in (tp.name, tp.note or "")]
    found += [*stage.thoughts, *stage.emotions, *stage.pain_points]
    found += [o.text for o in stage.opportunities]
    found += [q.text for q in stage.questions]
    return [word.strip() for word in found if word and word.strip()]
