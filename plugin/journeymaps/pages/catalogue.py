"""The map catalogue (``maps/index.md``): every map at a glance, in one table.

One table, so that sorting by feeling or review ranks all maps together; the
folder is a column and a filter. The first row of each folder carries the
folder's anchor (``#folder-<folder>``), where the sidebar's links land.
"""

from __future__ import annotations

from ..analysis.map_stats import average_score, is_stale, open_questions
from ..analysis.options import SiteOptions
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..safety.text import cell
from . import site_layout
from .emotion_curve import sparkline, stage_feelings
from .report import (
    NONE,
    facets,
    filter_bar,
    folder_facet,
    heat,
    journey_link,
    map_link,
    persona_links,
    render_page,
    sort_as,
    table,
)

HEADER = ["map", "folder", "personas", "journey", "state", "owner", "last_review", "feeling",
          "open_faq_gaps"]
#: the filters of the catalogue (facet: the column whose heading names it)
FILTERS = {"folder": "folder", "persona": "personas", "journey": "journey", "state": "state",
           "owner": "owner"}


def render_catalogue(project: Project, options: SiteOptions) -> str:
    labels = options.labels
    title = labels["catalogue.title"]
    if not project.maps:
        return render_page(title, [labels["catalogue.empty"]])
    folders = {m.folder for m in project.maps}
    intro = labels("catalogue.intro", maps=labels.count("count.map", len(project.maps)),
                   in_folders=labels.count("catalogue.in_folders", len(folders)),
                   days=options.stale_after_days)
    header = [labels["column." + key] for key in HEADER]
    maps = sorted(project.maps, key=lambda m: (m.folder != "", labels.sort_key(m.folder),
                                               labels.sort_key(m.title)))
    rows, anchored = [], set()
    for journey_map in maps:
        first = journey_map.folder not in anchored and len(folders) > 1
        anchored.add(journey_map.folder)
        rows.append(_row(journey_map, project, options, first))
    bar = filter_bar({facet: labels["column." + column] for facet, column in FILTERS.items()},
                     labels)
    return render_page(title, [intro, bar, table(header, rows, sortable=True)], wide=True)


def _row(journey_map: JourneyMap, project: Project, options: SiteOptions,
         first_of_folder: bool) -> list[str]:
    page, labels = site_layout.CATALOGUE, options.labels
    personas = project.personas_of(journey_map)
    folder = journey_map.folder or labels["catalogue.top_level"]
    declared = facets(folder=folder_facet(journey_map.folder, labels),
                      persona=[(p.id, p.display_name) for p in personas],
                      journey=journey_map.journey,
                      state=(journey_map.state_or_default,
                             labels.state(journey_map.state_or_default)),
                      owner=journey_map.owner)
    if first_of_folder:  # an empty element carries the anchor: a table row cannot
        declared += f'<span id="{site_layout.folder_anchor(journey_map.folder)}"></span>'

    reviewed = journey_map.reviewed.isoformat() if journey_map.reviewed else labels["review.never"]
    if is_stale(journey_map, options):
        reviewed += " " + labels["review.stale"]
    reviewed = sort_as(journey_map.reviewed.isoformat() if journey_map.reviewed else "0000",
                       reviewed)
    return [
        declared + map_link(page, journey_map),
        cell(folder),
        persona_links(page, personas) or NONE,
        journey_link(page, journey_map.journey,
                     project.journey_title(journey_map.journey or "")) or NONE,
        labels.state(journey_map.state_or_default),
        cell(journey_map.owner) or NONE,
        reviewed,
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
