"""What needs care in the maps: stale maps and the weakest links (the lowest-scored
touchpoints), as plain data for map health and the home page's key figures."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.stage import Stage
from ..model.touchpoint import Touchpoint
from .map_stats import is_stale
from .options import SiteOptions

WEAKEST_LINKS = 10
#: A touchpoint scored above this is not weak, however low it ranks.
WEAK_SCORE = 3


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
