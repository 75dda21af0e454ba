"""The opportunity backlog (``opportunities.md``): every opportunity of every map.

High priority first; within a priority, where customers feel worst first, so
the top rows are the fixes that matter most.
"""

from __future__ import annotations

from collections import Counter

from . import site_layout
from .journey_map import JourneyMap
from .map_page import join_items
from .opportunity import PRIORITIES, Opportunity
from .project import Project
from .report import (
    NONE,
    heat,
    map_link,
    persona_links,
    plural,
    render_page,
    sort_as,
    table,
)
from .stage import Stage
from .text import cell

TITLE = "Opportunity backlog"
HEADER = ["Priority", "Opportunity", "Owner", "Map", "Stage", "Personas", "Feeling",
          "Pain points at that stage"]
UNPRIORITISED = "unset"


def _backlog(project: Project) -> list[tuple[Opportunity, Stage, JourneyMap]]:
    items = [(o, stage, m) for m in project.maps for stage in m.stages
             for o in stage.opportunities]
    worst_last = 6.0  # a stage without scores sorts after every scored one
    items.sort(key=lambda item: (
        item[0].rank,
        item[1].average_score if item[1].average_score is not None else worst_last,
        item[2].title.casefold(), item[2].file))
    return items


def render_opportunity_backlog(project: Project) -> str:
    page = site_layout.OPPORTUNITIES
    items = _backlog(project)
    if not items:
        return render_page(TITLE, ["No opportunity yet: add `opportunities:` to the "
                                   "stages of your maps."])
    counts = Counter(o.priority or UNPRIORITISED for o, _, _ in items)
    breakdown = ", ".join(f"{counts[p]} {p}" for p in (*PRIORITIES, UNPRIORITISED) if counts[p])
    unowned = sum(1 for o, _, m in items if not (o.owner or m.owner))
    intro = (f"{plural(len(items), 'opportunity', 'opportunities')} ({breakdown}). High "
             "priority first, then where customers feel worst (the stage's average "
             "touchpoint score, 1 very negative to 5 very positive). An owner in italics is "
             "the map's owner, standing in for an opportunity that names none.")
    if unowned:
        intro += f" **{plural(unowned, 'opportunity', 'opportunities')} without any owner.**"
    rows = [_row(o, stage, m, project, page) for o, stage, m in items]
    return render_page(TITLE, [intro, table(HEADER, rows, sortable=True)], wide=True)


def _row(opportunity: Opportunity, stage: Stage, journey_map: JourneyMap, project: Project,
         page: str) -> list[str]:
    if opportunity.owner:
        owner = cell(opportunity.owner)
    else:
        owner = f"_{cell(journey_map.owner)}_" if journey_map.owner else NONE
    return [
        sort_as(opportunity.rank, f"**{opportunity.priority}**" if opportunity.priority
                else UNPRIORITISED),
        cell(opportunity.text),
        owner,
        map_link(page, journey_map),
        cell(stage.name),
        persona_links(page, project.personas_of(journey_map)) or NONE,
        heat(stage.average_score),
        join_items([cell(p) for p in stage.pain_points]) or NONE,
    ]
