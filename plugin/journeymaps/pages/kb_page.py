"""The knowledge base's generated Markdown: the index of its articles, and the
"Asked by" section added to every page that answers customers' questions."""

from __future__ import annotations

from dataclasses import dataclass

from ..language.labels import ENGLISH, Labels
from ..load.knowledge_base import page_title
from ..model.project import Project
from ..model.question_index import Asker
from ..safety.text import cell, inline, link_text
from . import site_layout
from .faq_gap_report import Links
from .markdown import front_matter

KB_FOLDER = site_layout.KB_INDEX.rpartition("/")[0]


@dataclass(frozen=True)
class Entry:
    """A row of the index: a page and what it answers."""

    page: str
    title: str
    questions: int
    maps: int


def kb_entries(project: Project) -> list[Entry]:
    """Every page of the knowledge-base folder and every other page answering a question,
    most questions answered first."""
    titles = {article.page: article.title for article in project.articles}
    docs = project.docs_dir
    if docs is not None:
        pages = [p.relative_to(docs).as_posix() for p in sorted((docs / KB_FOLDER).rglob("*.md"))]
        pages += [p for p in project.questions.by_page if p.endswith(".md")]
        for page in pages:
            if page not in titles and page != site_layout.KB_INDEX and (docs / page).is_file():
                titles[page] = page_title(docs / page)
    entries = []
    for page, title in titles.items():
        answered = project.questions.answered_by(page)
        maps = {id(m) for question in answered for m in question.maps}
        entries.append(Entry(page, title, len(answered), len(maps)))
    return sorted(entries, key=lambda e: (-e.questions, e.title.casefold(), e.page))


def render_kb_index(project: Project, labels: Labels = ENGLISH) -> str:
    page = site_layout.KB_INDEX
    entries = kb_entries(project)
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
        lines += ["| " + " | ".join(header) + " |", "|---|--:|--:|"]
        lines += [f"| [{link_text(e.title, in_table=True)}]({site_layout.link(page, e.page)})"
                  f" | {e.questions} | {e.maps} |" for e in entries]
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
        lines += [labels["kb.asked_by_intro"], "",
                  "| " + " | ".join(header) + " |", "|---|---|---|---|"]
        links = Links(project, page)
        for question in answered:  # the question once, then a row per map asking it
            for i, asker in enumerate(question.askers.values()):
                lines.append(_row(question.text if i == 0 else "", asker, links))
    if unmatched:
        lines += ["", f'!!! note "{labels["kb.unmatched"]}"', "",
                  f"    {labels['kb.unmatched_intro']}", ""]
        lines += [f"    - {inline(text)}" for text in unmatched]
    return "\n".join(lines)


def _row(text: str, asker: Asker, links: Links) -> str:
    return (f"| {cell(text)} | {links.map(asker.journey_map)} | "
            f"{', '.join(cell(s) for s in asker.stages)} | "
            f"{links.personas(asker.journey_map.persona)} |")
