"""A new knowledge-base article that answers one FAQ gap: what the gap report's
"Write the article" link prefills on the repository host and what
``journeymaps new article --answers "QUESTION"`` writes. The same text for both."""

from __future__ import annotations

import re

from ..language.labels import ENGLISH, Labels
from ..safety.text import plain
from . import site_layout
from .markdown import yaml_scalar

#: where new articles go, in the docs folder: the knowledge base's, beside its index
KB_FOLDER = site_layout.KB_INDEX.rpartition("/")[0]
#: a file name stays short enough to read in a URL
_SLUG_LENGTH = 60


def article_filename(question: str) -> str:
    """``Is there parking nearby?`` -> ``is-there-parking-nearby.md`` (letters of any
    script are kept; the rest becomes '-')."""
    slug = re.sub(r"[\W_]+", "-", plain(question).casefold()).strip("-")
    return (slug[:_SLUG_LENGTH].rstrip("-") or "article") + ".md"


def article_text(question: str, labels: Labels = ENGLISH) -> str:
    """The article: its title, ``answers:`` holding the question as the maps ask it
    (so the gap closes when it is published), and a short outline to replace."""
    question = plain(question)
    return "\n".join([
        "---",
        f"title: {yaml_scalar(question)}",
        "answers:",
        f"  - {yaml_scalar(question)}",
        "---",
        "",
        f"# {question}",
        "",
        labels["article.answer"],
        "",
        f"## {labels['article.details']}",
        "",
        labels["article.details_hint"],
        "",
    ])
