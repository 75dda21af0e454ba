"""The knowledge base's generated Markdown: the index of its articles, and the
"Asked by" section added to every page that answers customers' questions."""

from __future__ import annotations

from ..analysis.knowledge_base import kb_entries
from ..language.labels import ENGLISH, Labels
from ..model.project import Project
from ..model.question_index import Asker
from ..safety.text import cell, inline
from . import site_layout
from .kb_article import KB_FOLDER
from .links import Links, link
from .markdown import front_matter
from .report import table


def render_kb_index(project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.KB_INDEX
    entries = kb_entries(project, KB_FOLDER, site_layout.KB_INDEX)
    gaps = len(project.questions.gaps)
    report = site_layout.link(page, site_layout.FAQ_GAPS)
    title = labels["kb.title"]
    lines = [
        front_matter(title), "", f"# {title}", "",
        labels("kb.intro", report=report, gaps=gaps), "",
    ]
    if not entries:
        lines.append(labels["kb.empty"])
    else:
        header = [labels["column." + key] for key in ("article", "questions_answered",
                                                      "maps_asking")]
        lines.append(table(header, [[link(page, e.page, e.title), str(e.questions), str(e.maps)]
                                    for e in entries], right=(1, 2)))
    return "\n".join(lines) + "\n"


def asked_by(page: str, project: Project, labels: Labels = ENGLISH) -> str:
    """Which maps, stages and personas ask the questions a page answers ('' if none)."""
    answered = project.questions.answered_by(page)
    unmatched = project.questions.unmatched.get(page, [])
    if not answered and not unmatched:
        return ""
    lines = [f"## {labels['kb.asked_by']}", ""]
    if answered:
        header = [labels["column." + key] for key in ("question", "journey_map", "stages",
                                                      "personas")]
        links = Links(project, page)
        rows = [_row(question.text if i == 0 else "", asker, links)
                for question in answered  # the question once, then a row per map asking it
                for i, asker in enumerate(question.askers.values())]
        lines += [labels["kb.asked_by_intro"], "", table(header, rows)]
    if unmatched:
        lines += ["", f'!!! note "{labels["kb.unmatched"]}"', "",
                  f"    {labels['kb.unmatched_intro']}", ""]
        lines += [f"    - {inline(text)}" for text in unmatched]
    return "\n".join(lines)


def _row(text: str, asker: Asker, links: Links) -> list[str]:
    return [cell(text), links.map(asker.journey_map), ", ".join(cell(s) for s in asker.stages),
            links.personas(asker.journey_map.persona)]
