"""The map catalogue (``maps/index.md``): every map at a glance, in one table.

One table, so that sorting by feeling or review ranks all maps together; the
folder is a column and a filter. The first row of each folder carries the
folder's anchor (``#folder-<folder>``), where the sidebar's links land. What a
row says comes from ``analysis.catalogue``; this module only writes it.
"""

from __future__ import annotations

from ..analysis.catalogue import CatalogueEntry, catalogue
from ..analysis.fragments import kept_on
from ..analysis.options import SiteOptions
from ..language.labels import Labels
from ..model.project import Project
from ..safety.text import cell
from . import site_layout
from .emotion_curve import sparkline
from .links import journey_link, map_link, persona_links
from .report import NONE, facets, filter_bar, folder_facet, heat, render_page, sort_as, table

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
    kept = kept_on(project)  # a preview's: an unchanged map's row is the last build's
    rows = [_row(entry, options) if kept is None else
            kept.of("catalogue row", (entry.journey_map,),
                    lambda entry=entry: _row(entry, options), same=entry.first_of_folder)
            for entry in catalogue(project, options)]
    bar = filter_bar({facet: labels["column." + column] for facet, column in FILTERS.items()},
                     labels)
    return render_page(title, [intro, bar, table(header, rows, sortable=True)], wide=True)


def _row(entry: CatalogueEntry, options: SiteOptions) -> list[str]:
    page, labels, journey_map = site_layout.CATALOGUE, options.labels, entry.journey_map
    folder = journey_map.folder or labels["catalogue.top_level"]
    declared = facets(folder=folder_facet(journey_map.folder, labels),
                      persona=[(p.id, p.display_name) for p in entry.personas],
                      journey=journey_map.journey,
                      state=(journey_map.state_or_default,
                             labels.state(journey_map.state_or_default)),
                      owner=journey_map.owner)
    if entry.first_of_folder:  # an empty element carries the anchor: a table row cannot
        declared += f'<span id="{site_layout.folder_anchor(journey_map.folder)}"></span>'
    return [
        declared + map_link(page, journey_map),
        cell(folder),
        persona_links(page, entry.personas) or NONE,
        journey_link(page, journey_map.journey, entry.journey_title) or NONE,
        labels.state(journey_map.state_or_default),
        cell(journey_map.owner) or NONE,
        _reviewed(entry, options),
        _feeling(entry, labels),
        str(entry.open_faq_gaps),
    ]


def _reviewed(entry: CatalogueEntry, options: SiteOptions) -> str:
    labels = options.labels
    shown = entry.reviewed.isoformat() if entry.reviewed else labels["review.never"]
    if entry.stale:
        shown += " " + labels["review.stale"]
    return sort_as(entry.reviewed.isoformat() if entry.reviewed else "0000", shown)


def _feeling(entry: CatalogueEntry, labels: Labels) -> str:
    """The average score as a heat chip, and the curve of the stages' scores beside it."""
    if entry.feeling is None:
        return NONE
    curve = sparkline(entry.stage_feelings, labels["catalogue.curve"])
    return sort_as(f"{entry.feeling:.2f}", f"{heat(entry.feeling, labels=labels)} {curve}")
