"""The languages guide's table of labels: every key a site can override, with its
English text and, on a site in another language or with overrides, the site's.

A hand-written docs page asks for it with ``<!-- journeymaps:labels -->`` on a
line of its own (outside a code block); the table comes from the locale files, so the guide cannot
drift from them.
"""

from __future__ import annotations

from ..language.labels import ENGLISH, Labels, Text
from ..safety.text import code
from .report import table


def _shown(text: Text) -> str:
    """A label as written in a locale file (a code span: its Markdown and placeholders
    are shown, not rendered)."""
    if isinstance(text, str):
        return _cell_code(text)
    return "<br>".join(f"_{form}:_ {_cell_code(value)}" for form, value in text.items())


def _cell_code(text: str) -> str:
    return code(text).replace("|", "\\|")


def label_table(labels: Labels = ENGLISH) -> str:
    """A Markdown table of every label key and its English text (and the site's)."""
    own = labels.texts != ENGLISH.texts
    header = ["key", "English"] + (["this site"] if own else [])
    rows = [[f"`{key}`", _shown(text)] + ([_shown(labels.texts[key])] if own else [])
            for key, text in ENGLISH.texts.items()]
    return table(header, rows)
