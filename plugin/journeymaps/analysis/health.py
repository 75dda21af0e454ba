"""What needs care in the maps, as plain data for map health and the home page's key
figures: stale maps, the weakest links (the lowest-scored touchpoints), obstacle clusters,
maps without owner, personas without maps, stages without touchpoints."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..model.project import Project
from ..model.stage import Stage
from ..model.touchpoint import Touchpoint
from .map_stats import is_stale
from .options import SiteOptions
from .phases import by_phase, phase_rank

WEAKEST_LINKS = 10
#: A touchpoint scored above this is not weak, however low it ranks.
WEAK_SCORE = 3
#: Several obstacles at one stage lose the customer; from this many on, a stage is flagged.
OBSTACLE_CLUSTER = 3


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
    return sorted(stale, key=lambda m: (m.reviewed is not None, m.reviewed,
                                        options.labels.sort_key(m.title)))


def obstacle_clusters(project: Project, options: SiteOptions) -> list[tuple[Stage, JourneyMap]]:
    """Stages with ``OBSTACLE_CLUSTER`` pain points or more: with a lifecycle in its
    order, the most obstacles first, then by map title."""
    phased, order = by_phase(project), options.labels.sort_key
    return sorted(
        ((stage, m) for m in project.maps for stage in m.stages
         if len(stage.pain_points) >= OBSTACLE_CLUSTER),
        key=lambda item: (phase_rank(project, item[0]) if phased else 0,
                          -len(item[0].pain_points), order(item[1].title)))


def unowned_maps(project: Project, options: SiteOptions) -> list[JourneyMap]:
    return sorted((m for m in project.maps if not m.owner),
                  key=lambda m: options.labels.sort_key(m.title))


def personas_without_maps(project: Project, options: SiteOptions) -> list[Persona]:
    return sorted((p for p in project.personas.values() if not project.maps_by_persona.get(p.id)),
                  key=lambda p: options.labels.sort_key(p.display_name))


def stages_without_touchpoints(project: Project) -> list[tuple[Stage, JourneyMap]]:
    return [(stage, m) for m in project.maps for stage in m.stages if not stage.touchpoints]
