"""The HTML of a generated page, cut down to what Markdown itself writes.

Fields are escaped before they reach Markdown (``text.inline``), but the body
of a map or persona is the author's own Markdown, and Markdown passes raw HTML
through. So the HTML of every generated page is rebuilt from an allowlist:
tags outside it are shown as text, attributes outside it (``onerror``,
``style``...) and links with a scheme other than http(s) or mailto are
dropped. The output is written by us, tag by tag, from what the parser read;
nothing of the input reaches it unescaped.

The same allowlist checks a body's Markdown source, so that what would be
dropped is reported to the author as a problem first (``findings``).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .text import is_safe_url

#: Tags Markdown and the site's extensions write, plus harmless inline formatting.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul"
})
VOID_TAGS = frozenset({"br", "col", "hr", "img"})
#: Attributes allowed on every tag, and those allowed on some.
GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir", "align"})
ATTRIBUTES = {
    "a": {"href", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type"},
    "li": {"value"},
    "details": {"open"},
}
URL_ATTRIBUTES = frozenset({"href", "src"})
#: Written before the author's body on every generated page (an HTML comment,
#: which Markdown passes through and no escaped field can contain).
BODY_MARKER = "<!-- journeymaps: the author's body -->"
# The only style Markdown writes: the alignment of a table column.
_STYLE = re.compile(r"\s*text-align:\s*(left|right|center)\s*;?\s*")


def attribute_problem(tag: str, name: str, value: str | None) -> str | None:
    """Why an attribute is dropped from ``tag``, or None when it is kept."""
    if name not in GLOBAL_ATTRIBUTES and name not in ATTRIBUTES.get(tag, ()):
        return f"the attribute '{name}' is not allowed"
    if name in URL_ATTRIBUTES and value and not is_safe_url(value):
        return f"the link to '{value}' is not allowed: use http(s):// or mailto:"
    if name == "style" and not _STYLE.fullmatch(value or ""):
        return "the attribute 'style' is not allowed"
    return None


class _Rebuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        #: (line, message) of everything shown as text or dropped
        self.findings: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, self.get_starttag_text() or "")

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], raw: str) -> None:
        line = self.getpos()[0]
        if tag not in TAGS:
            self.findings.append((line, f"the HTML tag <{tag}> is not allowed; it is shown "
                                        "as text"))
            self.out.append(html.escape(raw))
            return
        kept = []
        for name, value in attrs:
            problem = attribute_problem(tag, name, value)
            if problem:
                self.findings.append((line, f"{problem}; it is removed from <{tag}>"))
            else:
                kept.append(f' {name}="{html.escape(value or "")}"')
        self.out.append(f"<{tag}{''.join(kept)}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in TAGS and tag not in VOID_TAGS:
            self.out.append(f"</{tag}>")
        elif tag not in TAGS:
            self.out.append(html.escape(f"</{tag}>"))

    def handle_data(self, data: str) -> None:
        self.out.append(html.escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    # Comments, declarations and processing instructions are dropped.


def _run(markup: str) -> _Rebuilder:
    rebuilder = _Rebuilder()
    rebuilder.feed(markup)
    rebuilder.close()
    return rebuilder


def clean(markup: str) -> str:
    """``markup`` rebuilt from the allowlist."""
    return "".join(_run(markup).out)


def clean_page(markup: str) -> str:
    """A generated page's HTML with the author's body (everything from BODY_MARKER on)
    rebuilt from the allowlist; the rest was escaped field by field before Markdown.
    Were the marker lost, the whole page is rebuilt.

    One thing reaches the fields from the body: Markdown's reference definitions
    are page-wide, so a field's ``[FAQ]`` links to the body's ``[faq]: ...``. Links
    in the rest of the page with a scheme not allowed are therefore dropped too
    (Python-Markdown writes every attribute as ``name="value"``)."""
    head, marker, body = markup.partition(BODY_MARKER)
    if not marker:
        return clean(markup)
    return _URL_ATTRIBUTE.sub(_safe_url_attribute, head) + clean(body)


_URL_ATTRIBUTE = re.compile(r'\s(?:href|src)="([^"]*)"')


def _safe_url_attribute(match: re.Match[str]) -> str:
    return match.group(0) if is_safe_url(html.unescape(match.group(1))) else ""


def findings(markup: str) -> list[tuple[int, str]]:
    """What ``clean`` would show as text or drop, with the line (from 1) of each."""
    return _run(markup).findings
