"""The opportunity backlog (``opportunities.md``): every opportunity of every map,
grouped by status (the work under way first), with counts per status and per owner.

Within a status, high priority first; within a priority, where customers feel worst
first, so the top rows are the fixes that matter most.
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
from .links import journey_link, map_link, persona_links
from .measures import ticket_link
from .report import NONE, heat, join_items, render_page, sort_as, table

HEADER = ["priority", "opportunity", "owner", "map", "stage", "personas", "feeling",
          "stage_pain_points"]
UNPRIORITISED = "unset"


Item = tuple[Opportunity, Stage, JourneyMap]


def _backlog(project: Project, labels: Labels) -> list[Item]:
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
    tickets = any(o.ticket for o, _, _ in items)
    header = [labels["column." + key] for key in (*HEADER, *(["ticket"] if tickets else []))]
    phased, journeys = by_phase(project), bool(project.journeys)
    if phased:  # the phase, before the stage: click its heading to sort in lifecycle order
        header.insert(4, labels["column.phase"])
        intro += " " + _by_phase(items, project, labels)
    if journeys:  # with journey files, each row says which journey (by its title)
        header.insert(4, labels["column.journey"])

    def row(o: Opportunity, stage: Stage, m: JourneyMap) -> list[str]:
        cells = _row(o, stage, m, project, page, labels)
        if phased:
            cells.insert(4, sort_as(phase_rank(project, stage),
                                    phase_name(project, stage, labels)))
        if journeys:
            cells.insert(4, journey_link(page, m.journey, project.journey_title(m.journey or ""))
                         or NONE)
        if tickets:
            cells.append(ticket_link(o, labels) or NONE)
        return cells

    by_status = {status: [item for item in items if item[0].status_or_default == status]
                 for status in STATUS_ORDER}
    sections = [_status_section(status, [row(*item) for item in found], header, labels)
                for status, found in by_status.items() if found]
    return render_page(title, [intro, _status_summary(by_status, labels), *sections,
                               _owner_counts(items, labels)], wide=True)


#: The sections of the backlog: the work under way first, what is over last.
STATUS_ORDER = ("in-progress", "planned", "idea", "done", "dropped")


def status_anchor(status: str) -> str:
    return f"status-{status}"


def _status_word(status: str, labels: Labels) -> str:
    return labels["status." + status.replace("-", "_")]


def _status_summary(by_status: dict[str, list[Item]], labels: Labels) -> str:
    breakdown = ", ".join(
        f"[{labels('backlog.status_count', n=len(found), status=_status_word(status, labels))}]"
        f"(#{status_anchor(status)})" for status, found in by_status.items() if found)
    return labels("backlog.statuses", breakdown=breakdown)


def _status_section(status: str, rows: list[list[str]], header: list[str],
                    labels: Labels) -> str:
    word = _status_word(status, labels)
    heading = f"## {word[:1].upper()}{word[1:]} ({len(rows)}) {{ #{status_anchor(status)} }}"
    return f"{heading}\n\n{table(header, rows, sortable=True)}"


def _owner_counts(items: list[Item], labels: Labels) -> str:
    """Per owner (the opportunity's, else the map's): how many, and in which status."""
    counts: dict[str, Counter[str]] = {}
    for o, _, m in items:
        owner = o.owner or m.owner or ""
        counts.setdefault(owner, Counter())[o.status_or_default] += 1
    present = [s for s in STATUS_ORDER if any(c[s] for c in counts.values())]
    header = [labels["column.owner"], labels["column.count"],
              *(_status_word(s, labels) for s in present)]
    ordered = sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()),
                                                     labels.sort_key(kv[0] or "~")))
    rows = [[cell(owner) or labels["backlog.no_owner"], str(sum(c.values())),
             *(str(c[s]) if c[s] else NONE for s in present)] for owner, c in ordered]
    return f"## {labels['backlog.by_owner']}\n\n{table(header, rows, sortable=True)}"


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
