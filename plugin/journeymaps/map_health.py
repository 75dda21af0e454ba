"""Map health (``health.md``): what in the maps needs care, and where customers are lost.

Stale maps, the weakest links, obstacle clusters, maps without owner,
personas without maps, stages without touchpoints. One pass over the maps.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import site_layout
from .journey_map import JourneyMap
from .map_page import join_items
from .map_stats import days_since_review, is_stale
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
from .touchpoint import Touchpoint

if TYPE_CHECKING:
    from .site import SiteOptions

TITLE = "Map health"
WEAKEST_LINKS = 10
#: A touchpoint scored above this is not weak, however low it ranks.
WEAK_SCORE = 3
#: Several obstacles at one stage lose the customer; from this many on, a stage is flagged.
OBSTACLE_CLUSTER = 3
#: Section anchors, stable for links from the home page and elsewhere.
STALE, WEAKEST, CLUSTERS, NO_OWNER, NO_MAPS, NO_TOUCHPOINTS = (
    "stale-maps", "weakest-links", "obstacle-clusters", "maps-without-owner",
    "personas-without-maps", "stages-without-touchpoints")


@dataclass(frozen=True)
class WeakLink:
    touchpoint: Touchpoint
    stage: Stage
    journey_map: JourneyMap


def weakest_links(project: Project, limit: int = WEAKEST_LINKS) -> list[WeakLink]:
    """The lowest-scored touchpoints (3 or less) of all maps; the larger disappointment
    (perceived minus expected) first among equal scores."""
    scored = ((tp.score, tp.gap or 0, m.title.casefold(), m.file, s, t, WeakLink(tp, stage, m))
              for m in project.maps for s, stage in enumerate(m.stages)
              for t, tp in enumerate(stage.touchpoints)
              if tp.score is not None and tp.score <= WEAK_SCORE)
    return [item[-1] for item in heapq.nsmallest(limit, scored, key=lambda item: item[:-1])]


def stale_maps(project: Project, options: SiteOptions) -> list[JourneyMap]:
    """Never reviewed first, then the longest unreviewed."""
    stale = [m for m in project.maps if is_stale(m, options)]
    return sorted(stale, key=lambda m: (m.reviewed is not None, m.reviewed, m.title.casefold()))


def render_map_health(project: Project, options: SiteOptions) -> str:
    page = site_layout.HEALTH
    stale = stale_maps(project, options)
    weakest = weakest_links(project)
    clusters = sorted(
        ((stage, m) for m in project.maps for stage in m.stages
         if len(stage.pain_points) >= OBSTACLE_CLUSTER),
        key=lambda item: (-len(item[0].pain_points), item[1].title.casefold()))
    unowned = sorted((m for m in project.maps if not m.owner), key=lambda m: m.title.casefold())
    lonely = sorted((p for p in project.personas.values() if not project.maps_by_persona.get(p.id)),
                    key=lambda p: p.display_name.casefold())
    empty = [(stage, m) for m in project.maps for stage in m.stages if not stage.touchpoints]
    summary = [
        (STALE, "Stale maps", plural(len(stale), "map")),
        (WEAKEST, "Weakest links", plural(len(weakest), "touchpoint")),
        (CLUSTERS, "Obstacle clusters", plural(len(clusters), "stage")),
        (NO_OWNER, "Maps without owner", plural(len(unowned), "map")),
        (NO_MAPS, "Personas without maps", plural(len(lonely), "persona")),
        (NO_TOUCHPOINTS, "Stages without touchpoints", plural(len(empty), "stage")),
    ]
    parts = [
        "\n".join(f"- [{title}](#{anchor}): {count}" for anchor, title, count in summary),
        _section(STALE, "Stale maps",
                 f"Maps never reviewed or not reviewed within {options.stale_after_days} days: "
                 "check them against today's journey and set `reviewed:`.",
                 ["Map", "Owner", "Last review", "Days since"],
                 [[map_link(page, m), cell(m.owner) or NONE,
                   sort_as(m.reviewed.isoformat() if m.reviewed else "0000",
                           m.reviewed.isoformat() if m.reviewed else "never"),
                   _days(m, options)] for m in stale]),
        _section(WEAKEST, "Weakest links",
                 f"The lowest-scored touchpoints across all maps (at most {WEAKEST_LINKS}, "
                 f"scored {WEAK_SCORE} or less): where customers are lost. "
                 "**Gap** is perceived minus expected: below zero, the company disappoints.",
                 ["Touchpoint", "Channel", "Score", "Expected", "Gap", "Map", "Stage",
                  "Personas"],
                 [[f"**{cell(w.touchpoint.name)}**", cell(w.touchpoint.channel) or NONE,
                   heat(w.touchpoint.score, str(w.touchpoint.score)),
                   str(w.touchpoint.expected or NONE), _signed(w.touchpoint.gap),
                   map_link(page, w.journey_map), cell(w.stage.name),
                   persona_links(page, project.personas_of(w.journey_map)) or NONE]
                  for w in weakest]),
        _section(CLUSTERS, "Obstacle clusters",
                 f"Stages with {OBSTACLE_CLUSTER} or more pain points: several obstacles at "
                 "one point lose the customer.",
                 ["Map", "Stage", "Count", "Feeling", "Pain points"],
                 [[map_link(page, m), cell(stage.name), str(len(stage.pain_points)),
                   heat(stage.average_score), join_items([cell(p) for p in stage.pain_points])]
                  for stage, m in clusters]),
        _section(NO_OWNER, "Maps without owner", "Nobody answers for these maps: set `owner:`.",
                 ["Map", "Folder"],
                 [[map_link(page, m), cell(m.folder) or NONE] for m in unowned]),
        _section(NO_MAPS, "Personas without maps",
                 "Customers we describe but have not mapped a journey for.",
                 ["Persona", "Segment"],
                 [[persona_links(page, [p]), cell(p.segment) or NONE] for p in lonely]),
        _section(NO_TOUCHPOINTS, "Stages without touchpoints",
                 "Stages where the map does not say where the customer meets us.",
                 ["Map", "Stage"],
                 [[map_link(page, m), cell(stage.name)] for stage, m in empty]),
    ]
    return render_page(TITLE, parts)


def _section(anchor: str, title: str, intro: str, header: list[str],
             rows: list[list[str]]) -> str:
    body = table(header, rows, sortable=True) if rows else "None: nothing to do here."
    return f"## {title} {{ #{anchor} }}\n\n{intro}\n\n{body}"


def _days(journey_map: JourneyMap, options: SiteOptions) -> str:
    days = days_since_review(journey_map, options)
    return NONE if days is None else str(days)


def _signed(gap: int | None) -> str:
    if gap is None:
        return NONE
    return f"{gap:+d}" if gap else "0"
