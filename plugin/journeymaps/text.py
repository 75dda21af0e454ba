"""Author text made safe for the Markdown we generate.

Authors may use inline Markdown (emphasis, code, links) in any text field, but
never raw HTML, and links only to http(s), mailto and pages of the site.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

#: Link targets allowed in author text; anything with another scheme is refused.
SAFE_SCHEMES = ("http", "https", "mailto")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def unsafe_link(text: str) -> str | None:
    """The first link target in ``text`` whose scheme is not allowed, if any."""
    for match in _LINK.finditer(text):
        scheme = _SCHEME.match(html.unescape(match.group(1)).strip())
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            return match.group(1)
    return None


def inline(text: str | None) -> str:
    """One line of inline Markdown: raw HTML shown as text, unsafe links disarmed."""
    if not text:
        return ""
    text = html.escape(" ".join(text.split()), quote=False)
    if unsafe_link(text):
        text = text.replace("](", "]\u200b(")  # no longer link syntax; still reads the same
    return text


def cell(text: str | None) -> str:
    """Inline Markdown safe inside a pipe-table cell."""
    return inline(text).replace("|", "\\|")


def dotted(*parts: str | None) -> str:
    """Non-empty parts joined by a middle dot, the separator of generated lines."""
    return " · ".join(part for part in parts if part)


def plain(text: str | None) -> str:
    """Text for places that take no Markdown at all (titles, attributes)."""
    return " ".join((text or "").split())


def expand_marker(markdown: str, marker: str, render: Callable[[], str]) -> str:
    """``markdown`` with each ``marker`` on a line of its own replaced by ``render()``.

    A marker inside a fenced code block is left alone, so a page can show
    authors how to write it.
    """
    if marker not in markdown:
        return markdown
    lines = markdown.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        if fence:
            fence = "" if stripped.startswith(fence) else fence
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif stripped == marker:
            lines[i] = render()
    return "\n".join(lines)
