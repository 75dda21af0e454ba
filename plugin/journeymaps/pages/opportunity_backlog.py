"""The opportunity backlog (``opportunities.md``): every opportunity of every map.

High priority first; within a priority, where customers feel worst first, so
the top rows are the fixes that matter most.
"""

from __future__ import annotations

from collections import Counter

from ..analysis.phases import by_phase, phase_name, phase_rank
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.opportunity import PRIORITIES, Opportunity
from ..model.project import Project
from ..model.stage import Stage
from ..safety.text import cell
from . import site_layout
from .report import (
    NONE,
    heat,
    join_items,
    journey_link,
    map_link,
    persona_links,
    render_page,
    sort_as,
    table,
)

HEADER = ["priority", "opportunity", "owner", "map", "stage", "personas", "feeling",
          "stage_pain_points"]
UNPRIORITISED = "unset"


def _backlog(project: Project, labels: Labels) -> list[tuple[Opportunity, Stage, JourneyMap]]:
    items = [(o, stage, m) for m in project.maps for stage in m.stages
             for o in stage.opportunities]
    worst_last = 6.0  # a stage without scores sorts after every scored one
    items.sort(key=lambda item: (
        item[0].rank,
        item[1].average_score if item[1].average_score is not None else worst_last,
        labels.sort_key(item[2].title), item[2].file))
    return items


def render_opportunity_backlog(project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.OPPORTUNITIES
    title = labels["backlog.title"]
    items = _backlog(project, labels)
    if not items:
        return render_page(title, [labels["backlog.empty"]])
    counts = Counter(o.priority or UNPRIORITISED for o, _, _ in items)
    breakdown = ", ".join(labels("backlog.breakdown", n=counts[p], priority=labels["priority." + p])
                          for p in (*PRIORITIES, UNPRIORITISED) if counts[p])
    unowned = sum(1 for o, _, m in items if not (o.owner or m.owner))
    intro = labels.count("backlog.intro", len(items), breakdown=breakdown)
    if unowned:
        intro += " " + labels.count("backlog.unowned", unowned)
    rows = [_row(o, stage, m, project, page, labels) for o, stage, m in items]
    header = [labels["column." + key] for key in HEADER]
    phased, journeys = by_phase(project), bool(project.journeys)
    if phased:  # the phase, before the stage: click its heading to sort in lifecycle order
        header.insert(4, labels["column.phase"])
        for row, (_, stage, _) in zip(rows, items, strict=True):
            row.insert(4, sort_as(phase_rank(project, stage), phase_name(project, stage, labels)))
        intro += " " + _by_phase(items, project, labels)
    if journeys:  # with journey files, each row says which journey (by its title)
        header.insert(4, labels["column.journey"])
        for row, (_, _, m) in zip(rows, items, strict=True):
            row.insert(4, journey_link(page, m.journey, project.journey_title(m.journey or ""))
                       or NONE)
    return render_page(title, [intro, table(header, rows, sortable=True)], wide=True)


def _by_phase(items: list[tuple[Opportunity, Stage, JourneyMap]], project: Project,
              labels: Labels) -> str:
    """How many opportunities each phase has, in lifecycle order."""
    counts: Counter[tuple[int, str]] = Counter(
        (phase_rank(project, stage), phase_name(project, stage, labels)) for _, stage, _ in items)
    return labels("backlog.by_phase", phases=", ".join(
        f"{name} {n}" for (_, name), n in sorted(counts.items())))


def _row(opportunity: Opportunity, stage: Stage, journey_map: JourneyMap, project: Project,
         page: str, labels: Labels) -> list[str]:
    if opportunity.owner:
        owner = cell(opportunity.owner)
    else:
        owner = f"_{cell(journey_map.owner)}_" if journey_map.owner else NONE
    return [
        sort_as(opportunity.rank, f"**{labels['priority.' + opportunity.priority]}**"
                if opportunity.priority else labels["priority." + UNPRIORITISED]),
        cell(opportunity.text),
        owner,
        map_link(page, journey_map),
        cell(stage.name),
        persona_links(page, project.personas_of(journey_map)) or NONE,
        heat(stage.average_score),
        join_items([cell(p) for p in stage.pain_points]) or NONE,
    ]
