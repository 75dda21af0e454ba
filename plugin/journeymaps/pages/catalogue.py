"""The map catalogue (``maps/index.md``): every map at a glance, grouped by folder."""

from __future__ import annotations

from collections import defaultdict

from ..analysis.map_stats import average_score, is_stale, open_questions
from ..analysis.options import SiteOptions
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..safety.text import cell, inline
from . import site_layout
from .emotion_curve import sparkline, stage_feelings
from .report import NONE, heat, journey_link, map_link, persona_links, render_page, sort_as, table

HEADER = ["map", "personas", "journey", "state", "owner", "last_review", "stages", "feeling",
          "open_faq_gaps"]


def render_catalogue(project: Project, options: SiteOptions) -> str:
    labels = options.labels
    title = labels["catalogue.title"]
    if not project.maps:
        return render_page(title, [labels["catalogue.empty"]])
    by_folder: dict[str, list[JourneyMap]] = defaultdict(list)
    for journey_map in project.maps:
        by_folder[journey_map.folder].append(journey_map)
    intro = labels("catalogue.intro", maps=labels.count("count.map", len(project.maps)),
                   in_folders=labels.count("catalogue.in_folders", len(by_folder)),
                   days=options.stale_after_days)
    parts = [intro]
    header = [labels["column." + key] for key in HEADER]
    for folder in sorted(by_folder, key=lambda f: (f != "", labels.sort_key(f))):
        if len(by_folder) > 1:
            anchor = site_layout.folder_anchor(folder)  # the sidebar links here
            parts.append(f"## {inline(folder) or labels['catalogue.top_level']} {{ #{anchor} }}")
        maps = sorted(by_folder[folder], key=lambda m: labels.sort_key(m.title))
        parts.append(table(header, [_row(m, project, options) for m in maps], sortable=True))
    return render_page(title, parts, wide=True)


def _row(journey_map: JourneyMap, project: Project, options: SiteOptions) -> list[str]:
    page, labels = site_layout.CATALOGUE, options.labels
    reviewed = journey_map.reviewed.isoformat() if journey_map.reviewed else labels["review.never"]
    if is_stale(journey_map, options):
        reviewed += " " + labels["review.stale"]
    reviewed = sort_as(journey_map.reviewed.isoformat() if journey_map.reviewed else "0000",
                       reviewed)
    return [
        map_link(page, journey_map),
        persona_links(page, project.personas_of(journey_map)) or NONE,
        journey_link(page, journey_map.journey,
                     project.journey_title(journey_map.journey or "")) or NONE,
        labels.state(journey_map.state_or_default),
        cell(journey_map.owner) or NONE,
        reviewed,
        str(len(journey_map.stages)),
        _feeling(journey_map, labels["catalogue.curve"]),
        str(len(open_questions(project, journey_map))),
    ]


def _feeling(journey_map: JourneyMap, curve_label: str) -> str:
    """The average score as a heat chip, and the curve of the stages' scores beside it."""
    average = average_score(journey_map)
    if average is None:
        return NONE
    curve = sparkline(stage_feelings(journey_map.stages), curve_label)
    return sort_as(f"{average:.2f}", f"{heat(average)} {curve}")
