"""Author text made safe for the Markdown we generate.

Authors may use inline Markdown (emphasis, code, links) in any text field, but
never raw HTML, and links only to http(s), mailto and pages of the site.
SECURITY.md says why each rule is here; tests/test_hostile.py proves them.
"""

from __future__ import annotations

import html
import re
import urllib.parse
from collections.abc import Callable

#: Link targets allowed in author text; anything with another scheme is refused.
SAFE_SCHEMES = ("http", "https", "mailto")

# Every place Markdown (or HTML in a map's body) takes a link target from:
# inline links and images `](target`, reference definitions `[label]: target`,
# autolinks `<scheme:...>` and the URL attributes of raw HTML.
_TARGETS = re.compile(
    r"\]\(\s*<?(?P<inline>[^)]*)"
    r"|\]:\s*<?(?P<reference>[^\s>]+)"
    r"|<(?P<autolink>[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>"
    r"|\b(?:href|src|action|formaction|poster|background|xlink:href)\s*=\s*[\"']?"
    r"(?P<attribute>[^\s\"'>]+)",
    re.IGNORECASE)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
# What a browser ignores when it reads a URL's scheme: control characters and
# spaces around it, tabs and line breaks anywhere ("java\tscript:" is javascript:).
_URL_EDGES = "".join(map(chr, range(0x21)))
_URL_IGNORED = re.compile(r"[\t\n\r]")
#: C0 and C1 control characters and DEL: never meaningful in a field, sometimes a trick.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Markdown syntax a field must not carry into the page, each turned into an
# HTML entity (which reads the same): '{' and '}' would let attr_list add
# attributes such as onclick, ']:' would start a reference definition.
_INERT = str.maketrans({"{": "&#123;", "}": "&#125;"})
#: Text that ``inline`` leaves as it is: no character it escapes, disarms or removes.
_PLAIN = re.compile(r"[^&<>{}\]\x00-\x1f\x7f-\x9f]*")


def link_targets(text: str, *, markdown_only: bool = False) -> list[str]:
    """Every link target Markdown (and, unless ``markdown_only``, HTML) would take from ``text``."""
    if "]" not in text and "<" not in text and "=" not in text:  # most text: nothing to find
        return []
    return [target for match in _TARGETS.finditer(text)
            for kind, target in match.groupdict().items()
            if target is not None and not (markdown_only and kind == "attribute")]


def url_scheme(target: str) -> str | None:
    """The scheme a browser would see in ``target`` (lowercase), or None for a relative one."""
    url = _URL_IGNORED.sub("", html.unescape(target)).strip(_URL_EDGES)
    scheme = _SCHEME.match(url)
    return scheme.group(1).lower() if scheme else None


def is_safe_url(target: str) -> bool:
    """True for http(s) and mailto URLs and for relative links (pages of the site)."""
    scheme = url_scheme(target)
    return scheme is None or scheme in SAFE_SCHEMES


def unsafe_link(text: str) -> str | None:
    """The first link target in ``text`` whose scheme is not allowed, if any."""
    return next((t for t in link_targets(text) if not is_safe_url(t)), None)


def inline(text: str | None) -> str:
    """One line of inline Markdown: raw HTML shown as text, unsafe links disarmed."""
    if not text:
        return ""
    text = " ".join(text.split())
    if _PLAIN.fullmatch(text):  # most text: nothing to escape, disarm or remove
        return text
    text = _CONTROL.sub("", text)
    disarm = unsafe_link(text) is not None
    text = html.escape(text, quote=False).translate(_INERT).replace("]:", "]&#58;")
    if disarm:
        text = text.replace("](", "]\u200b(")  # no longer link syntax; still reads the same
    return text


def cell(text: str | None) -> str:
    """Inline Markdown safe inside a pipe-table cell."""
    return inline(text).replace("|", "\\|")


def link_text(text: str | None, *, in_table: bool = False) -> str:
    """The text of a link or image we write: brackets as entities, so a '[' or ']'
    in a name cannot end the link early (or turn an image into a link)."""
    markdown = cell(text) if in_table else inline(text)
    return markdown.replace("[", "&#91;").replace("]", "&#93;")


def code(text: str | None) -> str:
    """Text as a Markdown code span, whatever backticks it holds.

    Never wrap ``inline()`` in backticks instead: a backtick in the text would
    end the span and leave the rest outside it.
    """
    text = _CONTROL.sub("", " ".join((text or "").split()))
    if not text:
        return ""
    fence = "`" * (max(map(len, re.findall("`+", text)), default=0) + 1)
    pad = " " if "`" in (text[0], text[-1]) else ""  # Markdown strips it from the span
    return f"{fence}{pad}{text}{pad}{fence}"


def url(target: str) -> str:
    """A link target written into Markdown: characters that would end or break
    the link syntax (spaces, brackets, quotes, pipes...) are percent-encoded."""
    return urllib.parse.quote(target.strip(), safe="/:?#=&%@+,;!$*~.'-")


def title(text: str | None) -> str:
    """A page title for the theme, which prints it as HTML, raw or through
    ``striptags`` (which decodes entities): so no '<' may survive in any form."""
    return html.escape(plain(text).replace("<", "\u2039").replace(">", "\u203a"))


def dotted(*parts: str | None) -> str:
    """Non-empty parts joined by a middle dot, the separator of generated lines."""
    return " · ".join(part for part in parts if part)


def plain(text: str | None) -> str:
    """Text for places that take no Markdown at all (titles, attributes)."""
    return _CONTROL.sub("", " ".join((text or "").split()))


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
