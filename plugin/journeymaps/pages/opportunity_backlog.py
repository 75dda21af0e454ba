"""The opportunity backlog (``opportunities.md``) as a board: a card per opportunity,
grouped by status (the work under way first; by priority when no map gives a status),
with filters (priority, status, owner, persona, journey, phase) that are links, and
the count per owner at the end (``analysis.backlog`` computes it all).

A card names its map and its stage (a link to the stage's column on the map page),
personas, owner, ticket and how customers feel there; the stage's pain points wait
behind a disclosure, so a stage with several opportunities does not fill the page
with the same list again.
"""

from __future__ import annotations

from ..analysis.backlog import (
    FACETS,
    STATUS_ORDER,
    UNPRIORITISED,
    Board,
    Card,
    backlog_board,
    owner_counts,
    phase_counts,
    priority_counts,
)
from ..analysis.fragments import Fragments
from ..analysis.phases import by_phase, phase_name
from ..language.labels import ENGLISH, Labels
from ..model.opportunity import PRIORITIES
from ..model.project import Project
from ..safety.text import cell, html_text
from . import site_layout
from .links import html_link, journey_anchor, map_anchor, persona_anchors
from .markdown import inline_html, latin_1, prerendered
from .measures import ticket_anchor
from .report import NONE, NOT_SEARCHED, facets, filter_bar, heat, render_page, table

PAGE = site_layout.OPPORTUNITIES
#: the column heading that names each filter of the bar
FILTER_LABELS = {"priority": "priority", "status": "status", "owner": "owner",
                 "persona": "personas", "journey": "journey", "phase": "phase"}
#: Between the facts of a card's line
DOT = " · "


def render_opportunity_backlog(project: Project, labels: Labels = ENGLISH,
                               fragments: Fragments | None = None) -> str:
    """With ``fragments`` (a live preview's), a card is the last build's while its map is
    the same object: at 1,000 maps the board has 6,000 cards."""
    title = labels["backlog.title"]
    board = backlog_board(project, labels)
    if not board.cards:
        return render_page(title, [labels["backlog.empty"]])
    parts = [_intro(board, project, labels)]
    if board.by == "status":
        parts.append(_status_summary(board, labels))
    parts.append(filter_bar({f: labels["column." + FILTER_LABELS[f]] for f in FACETS},
                            labels))
    anchors = _StageAnchors()

    def card(c: Card) -> str:
        if fragments is None:
            return _card(c, project, labels, anchors)
        return fragments.of("backlog.card", (c.journey_map, c.opportunity),
                            lambda: _card(c, project, labels, anchors))
    parts += [_group(board.by, group.key, [card(c) for c in group.cards], labels)
              for group in board.groups]
    parts.append(_owner_table(board, labels))
    return render_page(title, parts, wide=True)


def _intro(board: Board, project: Project, labels: Labels) -> str:
    counts = priority_counts(board)
    breakdown = ", ".join(labels("backlog.breakdown", n=counts[p], priority=labels["priority." + p])
                          for p in (*PRIORITIES, UNPRIORITISED) if counts[p])
    intro = labels.count("backlog.intro", len(board.cards), breakdown=breakdown)
    unowned = sum(1 for card in board.cards if not card.owner)
    if unowned:
        intro += " " + labels.count("backlog.unowned", unowned)
    phases = phase_counts(board, project, labels)
    if phases:
        intro += " " + labels("backlog.by_phase", phases=", ".join(f"{name} {n}"
                                                                   for name, n in phases))
    return intro


def group_anchor(by: str, key: str) -> str:
    """The id of a group's heading: ``status-planned``, ``priority-high``."""
    return f"{by}-{key}"


def _group_name(by: str, key: str, labels: Labels) -> str:
    return labels[f"{by}.{key.replace('-', '_')}"]


def _status_summary(board: Board, labels: Labels) -> str:
    def count(n: int, status: str) -> str:
        return labels("backlog.status_count", n=n, status=_group_name("status", status, labels))
    breakdown = ", ".join(f"[{count(len(g.cards), g.key)}](#{group_anchor('status', g.key)})"
                          for g in board.groups)
    return labels("backlog.statuses", breakdown=breakdown)


def _group(by: str, key: str, cards: list[str], labels: Labels) -> str:
    """A group's heading (its count follows the filters) and its cards."""
    word = _group_name(by, key, labels)
    heading = (f'## {word[:1].upper()}{word[1:]} <span class="jm-count">{len(cards)}</span> '
               f'{{ #{group_anchor(by, key)} }}')
    board = prerendered(f'<div class="jm-board" {NOT_SEARCHED}><ul class="jm-cards">'
                        f'{"".join(cards)}</ul></div>', block=True)
    return f"{heading}\n\n{board}"


class _StageAnchors:
    """Each map's stage anchors, made once: a map has several cards."""

    def __init__(self) -> None:
        self._by_map: dict[int, dict[int, str]] = {}

    def of(self, card: Card) -> str:
        stages = card.journey_map.stages
        found = self._by_map.get(id(card.journey_map))
        if found is None:
            anchors = site_layout.stage_anchors([stage.name for stage in stages])
            found = self._by_map[id(card.journey_map)] = {
                id(stage): anchor for stage, anchor in zip(stages, anchors, strict=True)}
        return found[id(card.stage)]


def _card(card: Card, project: Project, labels: Labels, anchors: _StageAnchors) -> str:
    """A card as HTML (in Latin-1, ``latin_1``): 30,000 cards at 5,000 maps, which read
    as Markdown through md_in_html took 46 s and 400 MB of a build."""
    o, stage, m = card.opportunity, card.stage, card.journey_map
    declared = facets(**{facet: card.facets[facet] for facet in FACETS})
    priority = (f'<span class="jm-priority jm-priority-{card.priority}">'
                f'{html_text(labels["priority." + card.priority])}</span> ')
    where = [map_anchor(PAGE, m), html_link(PAGE, site_layout.map_page(m), stage.name or NONE,
                                            anchor=anchors.of(card))]
    if by_phase(project):
        where.append(html_text(phase_name(project, stage, labels)))
    if m.journey:
        where.append(journey_anchor(PAGE, m.journey, project.journey_title(m.journey)))
    owner = inline_html(card.owner)
    owner = (f"<em>{owner}</em>" if owner and card.owner_from_map else owner) or NONE
    who = [f"{html_text(labels['column.owner'])}: {owner}"]
    personas = persona_anchors(PAGE, project.personas_of(m))
    if personas:
        who.append(personas)
    who.append(f"{html_text(labels['column.feeling'])}: "
               f"{heat(stage.average_score, labels=labels)}")
    if o.ticket:
        who.append(ticket_anchor(o, labels))
    parts = [
        '<li class="jm-card">',
        f'<p class="jm-card-title">{declared}{priority}<strong>{inline_html(o.text)}</strong></p>',
        f'<p class="jm-card-where">{DOT.join(where)}</p>',
        f'<p class="jm-card-who">{DOT.join(who)}</p>',
    ]
    if stage.pain_points:
        parts += [
            '<details class="jm-card-pains">',
            f"<summary>{html_text(labels['column.stage_pain_points'])} "
            f"({len(stage.pain_points)})</summary>",
            "<ul>", *(f"<li>{inline_html(p)}</li>" for p in stage.pain_points), "</ul>",
            "</details>",
        ]
    return latin_1("".join([*parts, "</li>"]))


def _owner_table(board: Board, labels: Labels) -> str:
    """Per owner (the opportunity's, else the map's): how many, and in which status."""
    counts = owner_counts(board, labels)
    present = [s for s in STATUS_ORDER if any(c[s] for _, c in counts)]
    header = [labels["column.owner"], labels["column.count"],
              *(_group_name("status", s, labels) for s in present)]
    rows = [[cell(owner) or labels["backlog.no_owner"], str(sum(c.values())),
             *(str(c[s]) if c[s] else NONE for s in present)] for owner, c in counts]
    return f"## {labels['backlog.by_owner']}\n\n{table(header, rows, sortable=True)}"
