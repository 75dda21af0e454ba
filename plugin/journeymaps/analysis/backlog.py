"""The opportunity backlog as a board: every opportunity of every map once, in groups
by status (or by priority when no map gives a status), with what the board's filters
choose from.

Within a group, high priority first; within a priority, where customers feel worst
first, so the top cards are the fixes that matter most.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..language.labels import Labels
from ..load.vocabulary import phase_of
from ..model.journey_map import JourneyMap
from ..model.opportunity import PRIORITIES, Opportunity
from ..model.project import Project
from ..model.stage import Stage
from .fragments import kept_on
from .phases import OTHER, by_phase, phase_name, phase_rank

#: The groups of a board by status: the work under way first, what is over last.
STATUS_ORDER = ("in-progress", "planned", "idea", "done", "dropped")
#: The key of the opportunities without a priority, after the priorities.
UNPRIORITISED = "unset"
#: What a board's filters choose by, in the order the filter bar shows them.
FACETS = ("priority", "status", "owner", "persona", "journey", "phase")

#: A facet's value: the key its link carries (``?persona=anna``) and the name shown.
Value = tuple[str, str]


@dataclass(frozen=True)
class Card:
    """One opportunity on the board, with the stage and map it belongs to."""

    opportunity: Opportunity
    stage: Stage
    journey_map: JourneyMap
    #: the opportunity's owner, else its map's; '' with neither
    owner: str
    #: whether ``owner`` is the map's, standing in for the opportunity's own
    owner_from_map: bool
    #: the filters' values of this card: facet (of ``FACETS``) to its values
    facets: dict[str, list[Value]]

    @property
    def priority(self) -> str:
        return self.opportunity.priority or UNPRIORITISED

    @property
    def status(self) -> str:
        return self.opportunity.status_or_default


@dataclass(frozen=True)
class Group:
    """A column of the board: a status (or a priority), and its cards in order."""

    key: str
    cards: list[Card]


@dataclass(frozen=True)
class Board:
    #: "status", or "priority" when no opportunity of any map gives a status
    by: str
    groups: list[Group]

    @property
    def cards(self) -> list[Card]:
        return [card for group in self.groups for card in group.cards]


def backlog_board(project: Project, labels: Labels) -> Board:
    """Every opportunity once, grouped, each group in the backlog's order; groups
    without opportunities are left out."""
    kept = kept_on(project)  # a preview's: an unchanged map's cards are the last build's

    def of_map(m: JourneyMap) -> list[Card]:
        return [_card(o, stage, m, project, labels) for stage in m.stages
                for o in stage.opportunities]
    cards = [card for m in project.maps for card in (
        of_map(m) if kept is None else kept.of("backlog cards", (m,), lambda m=m: of_map(m)))]
    worst_last = 6.0  # a stage without scores sorts after every scored one
    cards.sort(key=lambda c: (
        c.opportunity.rank,
        c.stage.average_score if c.stage.average_score is not None else worst_last,
        labels.sort_key(c.journey_map.title), c.journey_map.file))
    if any(card.opportunity.status for card in cards):
        by, keys = "status", STATUS_ORDER
    else:
        by, keys = "priority", (*PRIORITIES, UNPRIORITISED)
    groups = [Group(key, [c for c in cards if getattr(c, by) == key]) for key in keys]
    return Board(by, [group for group in groups if group.cards])


def _card(opportunity: Opportunity, stage: Stage, journey_map: JourneyMap, project: Project,
          labels: Labels) -> Card:
    owner = opportunity.owner or journey_map.owner or ""
    facets: dict[str, list[Value]] = {
        "priority": [_word(opportunity.priority or UNPRIORITISED, "priority", labels)],
        "status": [_word(opportunity.status_or_default, "status", labels)],
        "owner": [(owner, owner)] if owner else [],
        "persona": [(p.id, p.display_name) for p in project.personas_of(journey_map)],
        "journey": ([(journey_map.journey, project.journey_title(journey_map.journey))]
                    if journey_map.journey else []),
        "phase": [_phase(project, stage, labels)] if by_phase(project) else [],
    }
    return Card(opportunity, stage, journey_map, owner, not opportunity.owner and bool(owner),
                facets)


def _word(key: str, kind: str, labels: Labels) -> Value:
    """A priority or status by its key, named in the site's language."""
    return key, labels[f"{kind}.{key.replace('-', '_')}"]


def _phase(project: Project, stage: Stage, labels: Labels) -> Value:
    phase = phase_of(project.lifecycle, stage)
    # the stages of no phase: a key no phase id can be (ids have no '#')
    return (phase.id if phase else OTHER, phase_name(project, stage, labels))


def priority_counts(board: Board) -> Counter[str]:
    """How many opportunities of each priority (``UNPRIORITISED`` for none)."""
    return Counter(card.priority for card in board.cards)


def phase_counts(board: Board, project: Project, labels: Labels) -> list[tuple[str, int]]:
    """How many opportunities each phase has, in lifecycle order (none without one)."""
    counts: Counter[tuple[int, str]] = Counter(
        (phase_rank(project, card.stage), phase_name(project, card.stage, labels))
        for card in board.cards)
    return [(name, n) for (_, name), n in sorted(counts.items())] if by_phase(project) else []


def owner_counts(board: Board, labels: Labels) -> list[tuple[str, Counter[str]]]:
    """Per owner (the opportunity's, else the map's; '' for none): its opportunities
    by status; the owner with the most first, then by name, no owner last."""
    counts: dict[str, Counter[str]] = {}
    for card in board.cards:
        counts.setdefault(card.owner, Counter())[card.status] += 1
    return sorted(counts.items(), key=lambda kv: (-sum(kv[1].values()),
                                                  labels.sort_key(kv[0] or "~")))
