"""The Markdown page of a journey map: header, diagram, stage table, body."""

from __future__ import annotations

from collections.abc import Callable

from ..analysis.metrics import Measured, map_measures
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..model.project import Project
from ..model.stage import Stage
from ..model.touchpoint import SCORE_FACES
from ..safety.text import cell, dotted, inline, link_text, url
from . import site_layout
from .diagram import journey_source
from .markdown import MAP_SEARCH, author_body, front_matter, problems_admonition
from .measures import (
    map_header_block,
    stage_evidence_cell,
    stage_metrics_cell,
    stage_progress_cell,
    status_word,
    ticket_link,
)
from .report import join_items
from .tags import map_tags


def render_map_page(journey_map: JourneyMap, project: Project,
                    labels: Labels = ENGLISH) -> str:
    """The whole page, ready for MkDocs (or any Python-Markdown site)."""
    page = site_layout.map_page(journey_map)
    personas = project.personas_of(journey_map)
    names = [p.display_name for p in personas]
    measures = map_measures(project, journey_map)
    parts = [
        # no table of contents: the diagram and the stage table need the width
        front_matter(journey_map.title, tags=map_tags(journey_map, project, labels),
                     hide=["toc"], search=MAP_SEARCH),
        f"# {inline(journey_map.title)}",
        # one list: the map's facts, then what it rests on and its metrics as a whole
        "\n".join(filter(None, [_header(journey_map, project, page, labels),
                                map_header_block(journey_map, measures, labels)])),
        problems_admonition(project.problems_of(journey_map.file), "map", labels),
        f"## {labels['map.diagram']}",
        "```mermaid\n" + journey_source(journey_map, names, labels) + "```",
        score_legend(labels),
        f"## {labels['map.stages']}",
        stage_table(journey_map.stages, project, page, labels,
                    measured=dict(zip(map(id, journey_map.stages), measures.stages,
                                      strict=True))),
        _same_journey(journey_map, project, page, labels),
        author_body(journey_map.body),  # last: see sanitize.clean_page
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def _header(journey_map: JourneyMap, project: Project, page: str, labels: Labels) -> str:
    persona_links = ", ".join(_persona_link(p, page) for p in project.personas_of(journey_map))
    fields = [
        (labels.count("map.persona", len(journey_map.persona)), persona_links),
        (labels["map.journey"], journey_map.journey and (
            f"{inline(project.journey_title(journey_map.journey))} · [{labels['map.compare']}]"
            f"({site_layout.link(page, site_layout.journey_page(journey_map.journey))})")),
        (labels["map.state"], labels.state(journey_map.state_or_default)),
        (labels["map.owner"], inline(journey_map.owner)),
        (labels["map.last_review"],
         journey_map.reviewed.isoformat() if journey_map.reviewed else labels["review.never"]),
    ]
    return "\n".join(f"- **{label}:** {value}" for label, value in fields if value)


def score_legend(labels: Labels = ENGLISH) -> str:
    """What the scores and their faces mean, in the site's language."""
    faces = {f"f{score}": face for score, face in SCORE_FACES.items()}
    return f"*{labels('map.score_legend', **faces)}*"


def score_text(score: int | None, expected: int | None = None,
               labels: Labels = ENGLISH) -> str:
    if score is None:
        return ""
    text = f"{SCORE_FACES[score]} {score}/5"
    return text + (" " + labels("map.expected", expected=expected)
                   if expected is not None else "")


def _touchpoints(labels: Labels) -> Callable[[Stage], list[str]]:
    return lambda stage: [
        dotted(f"**{cell(tp.name)}**", tp.channel and f"_{cell(tp.channel)}_",
               score_text(tp.score, tp.expected, labels), cell(tp.note))
        for tp in stage.touchpoints
    ]


def _opportunities(labels: Labels) -> Callable[[Stage], list[str]]:
    return lambda stage: [
        dotted(cell(o.text), o.priority and f"**{labels['priority.' + o.priority]}**",
               cell(o.owner), o.status and f"_{status_word(o, labels)}_",
               ticket_link(o, labels))
        for o in stage.opportunities
    ]


def _questions(project: Project, page: str, labels: Labels) -> Callable[[Stage], list[str]]:
    def render(stage: Stage) -> list[str]:
        items = []
        for question in stage.questions:
            target = project.answer_of(question)
            if target is None:
                report = site_layout.link(page, site_layout.FAQ_GAPS)
                anchor = project.questions.anchor_of(question)  # '' for a question without text
                report += f"#{anchor}" if anchor else ""
                items.append(f"{cell(question.text)} · [_{labels['map.faq_gap']}_]({report})")
            elif target.startswith("https://"):
                items.append(f"[{link_text(question.text, in_table=True)}]({url(target)}) ✓")
            else:
                target = site_layout.link(page, target)
                items.append(f"[{link_text(question.text, in_table=True)}]({url(target)}) ✓")
        return items
    return render


def _average(stage: Stage) -> list[str]:
    average = stage.average_score
    return [f"{SCORE_FACES[round(average)]} {average:.1f}"] if average is not None else []


def stage_table(stages: list[Stage], project: Project, page: str,
                labels: Labels = ENGLISH,
                measured: dict[int, list[Measured]] | None = None) -> str:
    """Stages as columns, lanes as rows; a lane empty in every stage is left out.
    ``measured``: the current metrics of each stage, by ``id(stage)``."""
    def metrics(stage: Stage) -> list[str]:
        if measured is None:  # no series: the stage's own values as written
            return [f"{cell(k)}: **{cell(str(v))}**" for k, v in stage.metrics.items()]
        return stage_metrics_cell(measured.get(id(stage), []), labels)

    lanes: list[tuple[str, Callable[[Stage], list[str]]]] = [
        ("goal", lambda s: [cell(s.goal)] if s.goal else []),
        ("actions", lambda s: [cell(a) for a in s.actions]),
        ("touchpoints", _touchpoints(labels)),
        ("feeling", _average),
        ("thoughts", lambda s: [cell(t) for t in s.thoughts]),
        ("emotions", lambda s: [cell(e) for e in s.emotions]),
        ("pain_points", lambda s: [cell(p) for p in s.pain_points]),
        ("progress", lambda s: stage_progress_cell(s, labels)),
        ("opportunities", _opportunities(labels)),
        ("questions", _questions(project, page, labels)),
        ("metrics", metrics),
        ("evidence", lambda s: stage_evidence_cell(s, labels)),
    ]
    header = "| | " + " | ".join(f"{i}. {cell(s.name)}" for i, s in enumerate(stages, 1)) + " |"
    rows = [header, "|---" * (len(stages) + 1) + "|"]
    for label, items_of in lanes:
        cells = [items_of(stage) for stage in stages]
        if any(cells):
            rows.append(f"| **{labels['lane.' + label]}** | "
                        + " | ".join(map(join_items, cells)) + " |")
    return "\n".join(rows)


def _same_journey(journey_map: JourneyMap, project: Project, page: str,
                  labels: Labels) -> str:
    siblings = project.journey_siblings(journey_map)
    if not siblings:
        return ""
    lines = [f"## {labels['map.same_journey']}", ""]
    for other in siblings:
        names = ", ".join(_persona_link(p, page) for p in project.personas_of(other))
        target = site_layout.link(page, site_layout.map_page(other))
        lines.append("- " + dotted(f"[{link_text(other.title)}]({target})", names,
                                   labels.state(other.state_or_default)))
    return "\n".join(lines)


def _persona_link(persona: Persona, page: str) -> str:
    target = site_layout.link(page, site_layout.persona_page(persona.id))
    return f"[{link_text(persona.display_name)}]({target})"
