"""The map catalogue (``maps/index.md``): every map at a glance, grouped by folder."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from . import site_layout
from .emotion_curve import sparkline, stage_feelings
from .journey_map import JourneyMap
from .map_stats import average_score, is_stale, open_questions
from .project import Project
from .report import (
    NONE,
    heat,
    journey_link,
    map_link,
    persona_links,
    plural,
    render_page,
    sort_as,
    table,
)
from .text import cell, inline

if TYPE_CHECKING:
    from .site import SiteOptions

TITLE = "Journey maps"
HEADER = ["Map", "Personas", "Journey", "State", "Owner", "Last review", "Stages",
          "Feeling", "Open FAQ gaps"]
TOP_LEVEL = "Top level"


def render_catalogue(project: Project, options: SiteOptions) -> str:
    if not project.maps:
        return render_page(TITLE, ["No journey map yet: add a Markdown file under `maps/` "
                                   "(see the authors' guide)."])
    by_folder: dict[str, list[JourneyMap]] = defaultdict(list)
    for journey_map in project.maps:
        by_folder[journey_map.folder].append(journey_map)
    intro = (f"{plural(len(project.maps), 'map')} in {plural(len(by_folder), 'folder')}. "
             "**Feeling** is the average touchpoint score, from 1 (very negative) to 5 "
             "(very positive); **open FAQ gaps** are customer questions no page answers yet; "
             f"a review older than {options.stale_after_days} days is marked stale. "
             "Click a column heading to sort.")
    parts = [intro]
    for folder in sorted(by_folder, key=lambda f: (f != "", f.casefold())):
        if len(by_folder) > 1:
            parts.append(f"## {inline(folder) or TOP_LEVEL}")
        maps = sorted(by_folder[folder], key=lambda m: m.title.casefold())
        parts.append(table(HEADER, [_row(m, project, options) for m in maps], sortable=True))
    return render_page(TITLE, parts, wide=True)


def _row(journey_map: JourneyMap, project: Project, options: SiteOptions) -> list[str]:
    page = site_layout.CATALOGUE
    reviewed = journey_map.reviewed.isoformat() if journey_map.reviewed else "never"
    if is_stale(journey_map, options):
        reviewed += " ⚠ stale"
    reviewed = sort_as(journey_map.reviewed.isoformat() if journey_map.reviewed else "0000",
                       reviewed)
    return [
        map_link(page, journey_map),
        persona_links(page, project.personas_of(journey_map)) or NONE,
        journey_link(page, journey_map.journey) or NONE,
        journey_map.state_label,
        cell(journey_map.owner) or NONE,
        reviewed,
        str(len(journey_map.stages)),
        _feeling(journey_map),
        str(len(open_questions(project, journey_map))),
    ]


def _feeling(journey_map: JourneyMap) -> str:
    """The average score as a heat chip, and the curve of the stages' scores beside it."""
    average = average_score(journey_map)
    if average is None:
        return NONE
    curve = sparkline(stage_feelings(journey_map.stages), "Feeling stage by stage")
    return sort_as(f"{average:.2f}", f"{heat(average)} {curve}")
