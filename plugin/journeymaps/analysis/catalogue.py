"""What the map catalogue says of each map, as plain data: its personas, journey,
review, feeling and open FAQ gaps, in the catalogue's order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..model.project import Project
from .fragments import kept_on
from .map_stats import average_score, is_stale, open_questions
from .options import SiteOptions
from .stages import stage_feelings


@dataclass(frozen=True)
class CatalogueEntry:
    """One map's row of the catalogue."""

    journey_map: JourneyMap
    personas: list[Persona]
    #: the journey's title from its definition (the id when it has none), None without one
    journey_title: str | None
    reviewed: dt.date | None
    stale: bool
    #: the mean of every touchpoint score, and each stage's mean (None: no score there)
    feeling: float | None
    stage_feelings: list[float | None]
    open_faq_gaps: int
    #: the first map of its folder (where the folder's anchor goes), when there are folders
    first_of_folder: bool


def catalogue(project: Project, options: SiteOptions) -> list[CatalogueEntry]:
    """Every map, top-level folder first, then folders and titles in the site's order."""
    labels = options.labels
    maps = sorted(project.maps, key=lambda m: (m.folder != "", labels.sort_key(m.folder),
                                               labels.sort_key(m.title)))
    several = len({m.folder for m in maps}) > 1
    seen: set[str] = set()
    kept = kept_on(project)  # a preview's: an unchanged map's entry is the last build's
    entries = []
    for journey_map in maps:
        first = several and journey_map.folder not in seen
        seen.add(journey_map.folder)
        entry = _entry(project, journey_map, options) if kept is None else kept.of(
            "catalogue entry", (journey_map,), lambda m=journey_map: _entry(project, m, options))
        entries.append(dataclasses.replace(entry, first_of_folder=True) if first else entry)
    return entries


def _entry(project: Project, journey_map: JourneyMap, options: SiteOptions) -> CatalogueEntry:
    return CatalogueEntry(
        journey_map=journey_map,
        personas=project.personas_of(journey_map),
        journey_title=(project.journey_title(journey_map.journey)
                       if journey_map.journey else None),
        reviewed=journey_map.reviewed,
        stale=is_stale(journey_map, options),
        feeling=average_score(journey_map),
        stage_feelings=stage_feelings(journey_map.stages),
        open_faq_gaps=len(open_questions(project, journey_map)),
        first_of_folder=False)
