"""Pieces every generated page shares: its front matter and its problems box."""

from __future__ import annotations

from typing import Any

import yaml

from . import text
from .labels import ENGLISH, Labels
from .problem import Problem
from .sanitize import BODY_MARKER


def front_matter(title: str, **meta: Any) -> str:
    """YAML front matter MkDocs reads for the page title and metadata."""
    data = {"title": text.title(title), **{k: v for k, v in meta.items() if v}}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---"


def problems_admonition(problems: list[Problem], noun: str, labels: Labels = ENGLISH) -> str:
    """A warning box listing a file's problems, shown when the build is not strict.

    The title is in the site's language; the messages stay English, as
    ``journeymaps check`` and the build log print them.
    """
    if not problems:
        return ""
    title = labels.count(f"problems.{noun}", len(problems))
    lines = [f'!!! danger "{title}"', ""]
    for p in problems:  # file names and keys are the author's too: code() keeps them inert
        where = f"{text.code(f'{p.file}:{p.line}')} {text.code(p.path)}"
        lines.append(f"    - {where}: {text.inline(p.message)}")
    return "\n".join(lines)


def author_body(body: str) -> str:
    """The author's Markdown body, last on the page, after the marker from which the
    plugin rebuilds the page's HTML from an allowlist (see sanitize.clean_page)."""
    return f"{BODY_MARKER}\n\n{body.strip()}".strip()
