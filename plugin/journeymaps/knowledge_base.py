"""Knowledge-base pages: docs pages that declare which customer questions they answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .fields import INVALID, ListOf, Text
from .frontmatter import read_source
from .problem import Problem
from .question import normalise

ANSWERS_KEY = "answers"
ANSWERS = ListOf(Text())


@dataclass
class Article:
    """A page of the docs folder with ``answers:`` in its front matter."""

    page: str  # relative to the docs folder, e.g. kb/keep-my-number.md
    file: str  # relative to the repository root
    title: str
    answers: list[str]
    lines: list[int]
    problems: list[Problem] = field(default_factory=list)


def load_articles(docs_dir: Path, root: Path) -> list[Article]:
    """Every docs page declaring ``answers:``; other pages are not parsed at all."""
    from .project import display_path  # avoid an import cycle at module load

    articles = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            head = path.read_bytes()[:65536]
        except OSError:
            continue
        if not head.startswith(b"---") or b"\nanswers:" not in head:
            continue
        source = read_source(path, display_path(path, root))
        data = source.data or {}
        answers = ANSWERS.check(data.get(ANSWERS_KEY), (ANSWERS_KEY,), source)
        answers = [] if answers is INVALID else answers
        lines = [source.line_of((ANSWERS_KEY, i)) for i in range(len(answers))]
        title = data.get("title") if isinstance(data.get("title"), str) else None
        articles.append(Article(path.relative_to(docs_dir).as_posix(), source.file,
                                title or _heading(source.body) or path.stem, answers, lines,
                                source.problems))
    return articles


def _heading(body: str) -> str | None:
    for line in body.splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return None


def answer_index(articles: list[Article]) -> dict[str, str]:
    """Normalised question text to the page that answers it (first article wins)."""
    index: dict[str, str] = {}
    for article in articles:
        for text in article.answers:
            index.setdefault(normalise(text), article.page)
    return index
