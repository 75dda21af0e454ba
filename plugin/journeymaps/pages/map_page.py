"""The Markdown page of a journey map: header, journey grid (with its emotion curve),
diagram, body.

The grid is an HTML table (Markdown tables have no row headers) whose cells are
Markdown (``md_in_html``): stages as columns, lanes as rows, and the curve as a lane
spanning the stage columns (``journey_curve``).
"""

from __future__ import annotations

import html
import posixpath
from collections.abc import Callable

from ..analysis.metrics import Measured, map_measures
from ..analysis.phases import PhaseGroup, phase_groups
from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap
from ..model.persona import Persona
from ..model.project import Project
from ..model.stage import Stage
from ..model.touchpoint import SCORE_FACES
from ..safety.text import cell, dotted, inline, link_text, url
from . import site_layout
from .diagram import journey_source
from .journey_curve import EXPECTED, FELT, OTHER, Line, curve_svg, lines_of, standalone_svg, summary
from .links import map_link, persona_link
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

#: The curve file beside the map's page, e.g. maps/telecom/moving-house.svg
CURVE_SUFFIX = ".svg"
#: The class of the phase heading over stages of no phase (drawn muted)
NO_PHASE = ' class="jm-no-phase"'


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
        print_action(labels),
        problems_admonition(project.problems_of(journey_map.file), "map", labels),
        f"## {labels['map.stages']}",
        stage_table(journey_map.stages, project, page, labels,
                    measured=dict(zip(map(id, journey_map.stages), measures.stages,
                                      strict=True)),
                    curve=curve_lane(journey_map, project, page, labels)),
        score_legend(labels),
        f"## {labels['map.diagram']}",
        diagram_figure(journey_map, names, labels),
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


def _average(labels: Labels) -> Callable[[Stage], list[str]]:
    def render(stage: Stage) -> list[str]:
        average = stage.average_score
        if average is None:
            return []
        return [f"{SCORE_FACES[round(average)]} {labels.number(average, 1, fixed=True)}"]
    return render


def stage_table(stages: list[Stage], project: Project, page: str,
                labels: Labels = ENGLISH,
                measured: dict[int, list[Measured]] | None = None, curve: str = "") -> str:
    """Stages as columns, lanes as rows (the ``curve`` lane after the touchpoints); a
    lane empty in every stage is left out. ``measured``: the current metrics of each
    stage, by ``id(stage)``."""
    def metrics(stage: Stage) -> list[str]:
        if measured is None:  # no series: the stage's own values as written
            return [f"{cell(k)}: **{cell(str(v))}**" for k, v in stage.metrics.items()]
        return stage_metrics_cell(measured.get(id(stage), []), labels)

    lanes: list[tuple[str, Callable[[Stage], list[str]]]] = [
        ("goal", lambda s: [cell(s.goal)] if s.goal else []),
        ("actions", lambda s: [cell(a) for a in s.actions]),
        ("touchpoints", _touchpoints(labels)),
        ("feeling", _average(labels)),
        ("thoughts", lambda s: [cell(t) for t in s.thoughts]),
        ("emotions", lambda s: [cell(e) for e in s.emotions]),
        ("pain_points", lambda s: [cell(p) for p in s.pain_points]),
        ("progress", lambda s: stage_progress_cell(s, labels)),
        ("opportunities", _opportunities(labels)),
        ("questions", _questions(project, page, labels)),
        ("metrics", metrics),
        ("evidence", lambda s: stage_evidence_cell(s, labels)),
    ]
    rows = []
    for label, items_of in lanes:
        cells = [items_of(stage) for stage in stages]
        if any(cells):
            rows.append(lane_row(labels["lane." + label], cells))
        if label == "touchpoints" and curve:
            rows.append(f'<tr class="jm-lane-curve"><th scope="row">'
                        f'{html.escape(labels["curve.lane"])}</th>'
                        f'<td colspan="{len(stages)}">{curve}</td></tr>')
    anchors = site_layout.stage_anchors([stage.name for stage in stages])
    return grid([stage_heading(i, stage, anchor) for i, (stage, anchor)
                 in enumerate(zip(stages, anchors, strict=True), 1)], rows,
                labels["map.stages"],
                phase_groups(project, stages, labels, labels["map.no_phase"]))


def stage_heading(number: int, stage: Stage, anchor: str = "") -> str:
    """A stage's column heading; its ``anchor`` is where search results on the stage lead
    (``site_layout.stage_anchors``)."""
    ident = f' id="{anchor}"' if anchor else ""
    return f'<th scope="col"{ident} markdown>{number}. {cell(stage.name)}</th>'


def lane_row(label: str, cells: list[list[str]]) -> str:
    """A lane: its label as the row's heading, a cell of Markdown per stage."""
    return (f'<tr markdown><th scope="row">{html.escape(label)}</th>'
            + "".join(f"<td markdown>{join_items(items)}</td>" for items in cells) + "</tr>")


def phase_row(groups: list[PhaseGroup]) -> str:
    """The row above the stage names: each phase heading the columns of its run of
    stages (a column group of its own, so that assistive technology reads a stage's
    phase with it)."""
    return ('<tr class="jm-phases" markdown><td class="jm-corner" rowspan="2"></td>' + "".join(
        f'<th scope="colgroup" colspan="{group.span}"{"" if group.phase else NO_PHASE} '
        f'markdown>{cell(group.name)}</th>' for group in groups) + "</tr>")


def column_groups(groups: list[PhaseGroup]) -> str:
    """The table's column groups: the lane labels' column, then one per phase run."""
    return ('<colgroup><col></colgroup>'
            + "".join(f'<colgroup span="{group.span}"></colgroup>' for group in groups))


def grid(headings: list[str], rows: list[str], name: str = "",
         groups: list[PhaseGroup] | None = None) -> str:
    """The journey grid: a box that scrolls sideways when the stages need more room than
    the screen has, with the table's stage columns all as wide (the curve relies on it);
    with ``groups``, the stages' phases head their columns."""
    return "\n".join([
        f'<div class="jm-grid-box" tabindex="0" role="region" aria-label="{html.escape(name)}" '
        'markdown>',
        f'<table class="jm-grid jm-stages-{min(len(headings), 12)}" markdown>',
        *([column_groups(groups)] if groups else []),
        "<thead markdown>", *([phase_row(groups)] if groups else []),
        # one corner beside the phases and the stage names (it spans both rows)
        "<tr markdown>" + ("" if groups else '<td class="jm-corner"></td>')
        + "".join(headings) + "</tr>",
        "</thead>", "<tbody markdown>", *rows, "</tbody>", "</table>", "</div>"])


def curve_lines(journey_map: JourneyMap, project: Project, labels: Labels) -> list[Line]:
    """The map's curve: felt, expected and, overlaid, the other state of the same journey
    through the same persona's eyes (the to-be map of an as-is map, and back)."""
    others = [(labels("curve.other", state=labels.state(other.state_or_default),
                      title=other.title), other)
              for other in project.journey_siblings(journey_map)
              if other.state_or_default != journey_map.state_or_default
              and set(other.persona) & set(journey_map.persona)]
    names = {FELT: labels["curve.felt"], EXPECTED: labels["curve.expected"]}
    return lines_of(journey_map, names, others)


def stage_names_of(journey_map: JourneyMap, labels: Labels) -> list[str]:
    """The stages' names as the diagram and the curve's words give them ("Stage 2" for
    a stage without one)."""
    return [stage.name or labels("diagram.stage", n=i) for i, stage in
            enumerate(journey_map.stages, 1)]


def curve_file(journey_map: JourneyMap) -> str:
    """Where the map's curve is a file of its own: beside the map's page."""
    return site_layout.map_page(journey_map).removesuffix(".md") + CURVE_SUFFIX


def curve_lane(journey_map: JourneyMap, project: Project, page: str,
               labels: Labels = ENGLISH) -> str:
    """The curve lane's cell: the drawing (its data in words as its text alternative),
    its legend and the link to the curve as a file."""
    lines = curve_lines(journey_map, project, labels)
    if not lines:
        return ""
    stage_names = stage_names_of(journey_map, labels)
    words = labels("curve.caption", scores=summary(lines, stage_names, labels))
    legend = "".join(
        f'<span class="jm-key jm-line-{line.kind}'
        f'{f" jm-line-{k}" if line.kind == OTHER else ""}"><span class="jm-swatch"></span>'
        f"{html.escape(line.name)}</span>"
        for k, line in reversed(list(enumerate(lines))))
    # raw HTML, which MkDocs does not rewrite: the address as the browser reads it, from
    # the page's directory URL (maps/telecom/moving-house/ to ../moving-house.svg)
    target = posixpath.relpath(curve_file(journey_map), site_layout.page_url(page) or ".")
    download = (f'<a class="jm-download" href="{html.escape(target)}" download>'
                f'{html.escape(labels["curve.download"])}</a>')
    return (curve_svg(lines, len(stage_names), words, labels)
            + f'<p class="jm-curve-legend">{legend} {download}</p>')


def curve_document(journey_map: JourneyMap, project: Project,
                   labels: Labels = ENGLISH) -> str:
    """The map's curve as a standalone SVG file, with the stage names and a legend."""
    lines = curve_lines(journey_map, project, labels)
    stage_names = stage_names_of(journey_map, labels)
    words = labels("curve.caption", scores=summary(lines, stage_names, labels))
    return standalone_svg(journey_map.title, stage_names, lines, words, labels)


def print_action(labels: Labels = ENGLISH) -> str:
    """How to print the map: a hint, which the site's script makes a button."""
    return (f'<p class="jm-print"><span class="jm-print-label">'
            f'{html.escape(labels["print.action"])}</span>: '
            f'{html.escape(labels["print.hint"])}</p>')


def diagram_figure(journey_map: JourneyMap, names: list[str], labels: Labels) -> str:
    """The Mermaid diagram in a box of its own (it scrolls sideways rather than shrink),
    with its scores in words for screen readers: Mermaid's drawing has none to offer."""
    scores = "; ".join(
        f"{name}: " + ", ".join(f"{tp.name} {tp.score}" for tp in stage.touchpoints
                                if tp.score is not None)
        for name, stage in zip(stage_names_of(journey_map, labels), journey_map.stages,
                               strict=True) if stage.scores)
    caption = (f'<figcaption class="jm-sr-only">'
               f'{html.escape(labels("curve.diagram_text", scores=scores))}</figcaption>'
               if scores else "")
    return "\n".join([
        f'<figure class="jm-diagram" tabindex="0" aria-label="{html.escape(labels["map.diagram"])}"'
        ' markdown>',
        "", "```mermaid\n" + journey_source(journey_map, names, labels) + "```", "",
        caption, "</figure>"])


def _same_journey(journey_map: JourneyMap, project: Project, page: str,
                  labels: Labels) -> str:
    siblings = project.journey_siblings(journey_map)
    if not siblings:
        return ""
    lines = [f"## {labels['map.same_journey']}", ""]
    for other in siblings:
        names = ", ".join(_persona_link(p, page) for p in project.personas_of(other))
        lines.append("- " + dotted(map_link(page, other, in_table=False), names,
                                   labels.state(other.state_or_default)))
    return "\n".join(lines)


def _persona_link(persona: Persona, page: str) -> str:
    return persona_link(page, persona, in_table=False)
