"""Map health (``health.md``): what in the maps needs care, and where customers are lost.

Stale maps, the weakest links, obstacle clusters, maps without owner,
personas without maps, stages without touchpoints. One pass over the maps.
"""

from __future__ import annotations

from collections.abc import Callable

from ..analysis.fragments import kept_on
from ..analysis.health import (
    OBSTACLE_CLUSTER,
    WEAK_SCORE,
    WEAKEST_LINKS,
    obstacle_clusters,
    personas_without_maps,
    stages_without_touchpoints,
    stale_maps,
    unowned_maps,
    weakest_links,
)
from ..analysis.landscape import landscape
from ..analysis.map_stats import days_since_review
from ..analysis.metrics import (
    MapMisses,
    MeasuredAt,
    misses_by_map,
    project_misses,
    stale_exports,
    stale_series,
    unfounded_maps,
)
from ..analysis.options import SiteOptions
from ..analysis.phases import by_phase, phase_name, phase_rank
from ..language.labels import Labels
from ..model.journey_map import JourneyMap
from ..model.project import Project
from ..model.stage import Stage
from ..safety.text import cell, dotted, html_text
from . import site_layout
from .links import map_anchor, map_link, persona_links, some_map_links
from .measures import stage_text, target_text, value_text
from .report import (
    NONE,
    facets,
    filter_bar,
    folder_facet,
    heat,
    html_table,
    join_items,
    render_page,
    sort_as,
    table,
)

#: the filters of the page (facet: the column whose heading names it)
FILTERS = {"folder": "folder", "owner": "owner", "persona": "personas"}
#: Section anchors, stable for links from the home page and elsewhere.
STALE, WEAKEST, CLUSTERS, NO_OWNER, NO_MAPS, NO_TOUCHPOINTS = (
    "stale-maps", "weakest-links", "obstacle-clusters", "maps-without-owner",
    "personas-without-maps", "stages-without-touchpoints")
PHASES = "phases"
MISSED, STALE_SERIES, UNFOUNDED = ("missed-targets", "stale-measurements",
                                   "maps-on-assumptions")


def render_map_health(project: Project, options: SiteOptions) -> str:
    page, labels = site_layout.HEALTH, options.labels
    tag = _facets(project, labels)
    stale = stale_maps(project, options)
    weakest = weakest_links(project)
    phased = by_phase(project)
    clusters = obstacle_clusters(project, options)
    unowned = unowned_maps(project, options)
    lonely = personas_without_maps(project, options)
    empty = stages_without_touchpoints(project)
    summary = [
        (STALE, "health.stale", labels.count("count.map", len(stale))),
        (WEAKEST, "health.weakest", labels.count("count.touchpoint", len(weakest))),
        (CLUSTERS, "health.clusters", labels.count("count.stage", len(clusters))),
        (NO_OWNER, "health.no_owner", labels.count("count.map", len(unowned))),
        (NO_MAPS, "health.no_maps", labels.count("count.persona", len(lonely))),
        (NO_TOUCHPOINTS, "health.no_touchpoints", labels.count("count.stage", len(empty))),
        *living_data_summary(project, options),
    ]
    parts = [
        "\n".join(f"- [{labels[key]}](#{anchor}): {count}" for anchor, key, count in summary),
        _phases(project, labels) if phased else "",
        _section(labels, STALE, "health.stale",
                 labels("health.stale_intro", days=options.stale_after_days),
                 ["map", "owner", "last_review", "days_since"],
                 [[tag(m) + map_link(page, m), cell(m.owner) or NONE,
                   sort_as(m.reviewed.isoformat() if m.reviewed else "0000",
                           m.reviewed.isoformat() if m.reviewed else labels["review.never"]),
                   _days(m, options)] for m in stale]),
        _section(labels, WEAKEST, "health.weakest",
                 labels("health.weakest_intro", limit=WEAKEST_LINKS, score=WEAK_SCORE),
                 ["touchpoint", "channel", "score", "expected", "gap", "map",
                  *(["phase"] if phased else []), "stage", "personas"],
                 [[tag(w.journey_map) + f"**{cell(w.touchpoint.name)}**",
                   cell(w.touchpoint.channel) or NONE,
                   heat(w.touchpoint.score, str(w.touchpoint.score)),
                   str(w.touchpoint.expected or NONE), _signed(w.touchpoint.gap),
                   map_link(page, w.journey_map),
                   *([_phase(project, w.stage, labels)] if phased else []),
                   cell(w.stage.name),
                   persona_links(page, project.personas_of(w.journey_map)) or NONE]
                  for w in weakest]),
        _section(labels, CLUSTERS, "health.clusters",
                 labels("health.clusters_intro", n=OBSTACLE_CLUSTER),
                 ["map", *(["phase"] if phased else []), "stage", "count", "feeling",
                  "pain_points"],
                 [[tag(m) + map_link(page, m),
                   *([_phase(project, stage, labels)] if phased else []),
                   cell(stage.name), str(len(stage.pain_points)),
                   heat(stage.average_score, labels=labels),
                   join_items([cell(p) for p in stage.pain_points])]
                  for stage, m in clusters]),
        _section(labels, NO_OWNER, "health.no_owner", labels["health.no_owner_intro"],
                 ["map", "folder"],
                 [[tag(m) + map_link(page, m), cell(m.folder) or NONE] for m in unowned]),
        _section(labels, NO_MAPS, "health.no_maps", labels["health.no_maps_intro"],
                 ["persona", "segment"],
                 [[facets(persona=(p.id, p.display_name)) + persona_links(page, [p]),
                   cell(p.segment) or NONE] for p in lonely]),
        _section(labels, NO_TOUCHPOINTS, "health.no_touchpoints",
                 labels["health.no_touchpoints_intro"],
                 ["map", "stage"],
                 [[tag(m) + map_link(page, m), cell(stage.name)] for stage, m in empty]),
        *living_data_sections(project, options),
    ]
    bar = filter_bar({facet: labels["column." + column] for facet, column in FILTERS.items()},
                     labels)
    return render_page(labels["health.title"], [parts[0], bar, *parts[1:]], wide=True)


def _facets(project: Project, labels: Labels) -> Callable[[JourneyMap], str]:
    """A row's facets, from the map it is about: its folder, owner and personas."""
    def tag(journey_map: JourneyMap) -> str:
        return facets(folder=folder_facet(journey_map.folder, labels),
                      owner=journey_map.owner,
                      persona=[(p.id, p.display_name) for p in project.personas_of(journey_map)])
    return tag


def _phase(project: Project, stage: Stage, labels: Labels) -> str:
    return sort_as(phase_rank(project, stage), cell(phase_name(project, stage, labels)))


def _phases(project: Project, labels: Labels) -> str:
    """How customers feel in each phase across all maps: where the company is weakest."""
    view = landscape(project, labels)
    weakest = view.weakest
    rows = []
    for column in view.columns:
        total = view.totals.get(column.key)
        if total is None:
            continue
        name = cell(column.name)
        rows.append([f"**{name}**" if column is weakest else name,
                     heat(total.average, labels=labels), str(total.pain_points),
                     str(total.gaps), str(len(total.maps))])
    return _section(labels, PHASES, "health.phases", labels["health.phases_intro"],
                    ["phase", "feeling", "pain_points", "open_faq_gaps", "maps"], rows)


def _section(labels: Labels, anchor: str, key: str, intro: str, header: list[str],
             rows: list[list[str]], *, as_html: bool = False) -> str:
    """A section of the page: its heading and count, what it lists, and its table (of
    HTML cells ``as_html``, ``report.html_table``)."""
    columns = [labels["column." + name] for name in header]
    write = html_table if as_html else table
    body = write(columns, rows, sortable=True) if rows else labels["health.nothing"]
    count = f' <span class="jm-count">{len(rows)}</span>' if rows else ""
    return f"## {labels[key]}{count} {{ #{anchor} }}\n\n{intro}\n\n{body}"


def _days(journey_map: JourneyMap, options: SiteOptions) -> str:
    days = days_since_review(journey_map, options)
    return NONE if days is None else str(days)


def _signed(gap: int | None) -> str:
    if gap is None:
        return NONE
    return f"{gap:+d}" if gap else "0"


def living_data_summary(project: Project, options: SiteOptions) -> list[tuple[str, str, str]]:
    """The summary lines of the metrics and evidence sections (anchor, label, count)."""
    labels = options.labels
    return [
        (MISSED, "health.missed",
         labels.count("count.value", len(project_misses(project)))),
        (STALE_SERIES, "health.stale_series",
         labels.count("count.series", len(stale_series(project, options)))),
        (UNFOUNDED, "health.unfounded", labels.count("count.map", len(unfounded_maps(project)))),
    ]


def living_data_sections(project: Project, options: SiteOptions) -> list[str]:
    """Metrics that miss their target, series not measured for long, and maps that rest
    on assumptions or on no evidence at all."""
    page, labels = site_layout.HEALTH, options.labels
    by_slug = {m.slug: m for m in project.maps}
    tag = _facets(project, labels)  # the page's filters hide these rows too
    kept = kept_on(project)  # a preview's: an unchanged map's row is the last build's

    def missed(m: MapMisses) -> list[str]:
        return [tag(m.journey_map) + map_anchor(page, m.journey_map), str(len(m.missed)),
                ", ".join(f"{html_text(name)} ({n})" for name, n in m.by_metric),
                _miss(m.missed[0], labels)]
    return [
        _section(labels, MISSED, "health.missed", labels["health.missed_intro"],
                 ["map", "count", "metrics", "worst"],
                 [missed(m) if kept is None else
                  kept.of("health missed", (m.journey_map, *m.missed), lambda m=m: missed(m))
                  for m in misses_by_map(project_misses(project))], as_html=True),
        _section(labels, STALE_SERIES, "health.stale_series",
                 labels("health.stale_series_intro", days=options.stale_after_days),
                 ["metric", "source", "maps", "count", "date"],
                 [[html_text(project.metrics[e.metric].name),
                   f"{html_text(e.source) or NONE} (<code>{html_text(e.file)}</code>)",
                   some_map_links(page, list({s.map_slug: by_slug[s.map_slug]
                                              for s in e.series}.values()), labels,
                                  as_html=True),
                   str(len(e.series)), e.latest.isoformat()]
                  for e in stale_exports(project, options)], as_html=True),
        _section(labels, UNFOUNDED, "health.unfounded", labels["health.unfounded_intro"],
                 ["map", "confidence", "owner"],
                 [[tag(m) + map_link(page, m),
                   labels["confidence." + m.confidence] if m.confidence else NONE,
                   cell(m.owner) or NONE] for m in unfounded_maps(project)]),
    ]




def _miss(row: MeasuredAt, labels: Labels) -> str:
    """A missed value, as HTML: the metric, where, the value and the target."""
    return dotted(html_text(row.measured.name), stage_text(row.stage, labels),
                  f"{value_text(row.measured, labels)} "
                  f"({labels('measure.target', target=target_text(row.measured.metric, labels))})")

