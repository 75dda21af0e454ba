"""Knowledge-base pages: docs pages that declare which customer questions they answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.article import Article
from ..model.fields import INVALID, ListOf, Text
from ..model.question import normalise
from ..model.source import Source
from .files import display_path
from .frontmatter import parse_text, read_source

ANSWERS_KEY = "answers"
ANSWERS = ListOf(Text())


def load_articles(docs_dir: Path, root: Path) -> list[Article]:
    """Every docs page declaring ``answers:``; other pages are not parsed at all."""
    articles = []
    for path in sorted(docs_dir.rglob("*.md")):
        try:
            head = path.read_bytes()[:65536]
        except OSError:
            continue
        if not head.startswith(b"---") or b"\nanswers:" not in head:
            continue
        source = read_source(path, display_path(path, root))
        if source.data is not None and ANSWERS_KEY not in source.data:
            continue  # 'answers:' was in the body, not in the front matter
        data = source.data or {}  # None: broken front matter, reported in source.problems
        raw = data.get(ANSWERS_KEY, [])
        answers = ANSWERS.check(raw, (ANSWERS_KEY,), source)
        answers = [] if answers is INVALID else answers
        # the cleaned list drops items that are not text: find each kept one's place
        items = raw if isinstance(raw, list) else []
        positions = [i for i, item in enumerate(items) if isinstance(item, str)]
        lines = [source.line_of((ANSWERS_KEY, i)) for i in positions]
        articles.append(Article(path.relative_to(docs_dir).as_posix(), source.file,
                                _title(data, source.body, path), answers, lines,
                                source.problems, positions))
    return articles


def page_title(path: Path) -> str:
    """The title of any docs page, with or without front matter; never raises."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return _title({}, "", path)
    source = Source(path.name)
    if text.startswith("---"):
        parse_text(text, source)  # its problems are not ours: the page declares no answers
        text = source.body
    return _title(source.data or {}, text, path)


def _title(data: dict[str, Any], body: str, path: Path) -> str:
    """As MkDocs titles a page: front-matter title, first heading, else the file name."""
    title = data.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    return _heading(body) or path.stem.replace("-", " ").replace("_", " ").capitalize()


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
