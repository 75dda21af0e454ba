"""Pieces every generated page shares: its front matter and its problems box."""

from __future__ import annotations

import html
from typing import Any

import yaml

from .problem import Problem
from .text import inline


def front_matter(title: str, **meta: Any) -> str:
    """YAML front matter MkDocs reads for the page title and metadata.

    The title is HTML-escaped: Material writes it into ``<title>`` and the
    navigation as it is, so author text there would otherwise become markup.
    """
    data = {"title": html.escape(" ".join(title.split())),
            **{k: v for k, v in meta.items() if v}}
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---"


def problems_admonition(problems: list[Problem], noun: str) -> str:
    """A warning box listing a file's problems, shown when the build is not strict."""
    if not problems:
        return ""
    count = len(problems)
    title = f"{count} problem{'s' if count > 1 else ''} in this {noun}"
    lines = [f'!!! danger "{title}"', ""]
    lines += [f"    - `{p.file}:{p.line}` `{p.path}`: {inline(p.message)}" for p in problems]
    return "\n".join(lines)
