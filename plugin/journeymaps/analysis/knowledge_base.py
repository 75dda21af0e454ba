"""What the knowledge base's index says, as plain data: each page that answers
customers' questions, with how many questions and maps it answers."""

from __future__ import annotations

from dataclasses import dataclass

from ..load.knowledge_base import page_title
from ..model.project import Project


@dataclass(frozen=True)
class Entry:
    """A row of the index: a page and what it answers."""

    page: str
    title: str
    questions: int
    maps: int


def kb_entries(project: Project, folder: str, index: str) -> list[Entry]:
    """Every page of the knowledge-base ``folder`` (but its ``index``) and every other
    page answering a question, most questions answered first."""
    titles = {article.page: article.title for article in project.articles}
    docs = project.docs_dir
    if docs is not None:
        pages = [p.relative_to(docs).as_posix() for p in sorted((docs / folder).rglob("*.md"))]
        pages += [p for p in project.questions.by_page if p.endswith(".md")]
        for page in pages:
            if page not in titles and page != index and (docs / page).is_file():
                titles[page] = page_title(docs / page)
    entries = []
    for page, title in titles.items():
        answered = project.questions.answered_by(page)
        maps = {id(m) for question in answered for m in question.maps}
        entries.append(Entry(page, title, len(answered), len(maps)))
    return sorted(entries, key=lambda e: (-e.questions, e.title.casefold(), e.page))
