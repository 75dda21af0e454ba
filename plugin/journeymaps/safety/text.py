"""Author text made safe for the Markdown we generate.

Authors may use inline Markdown (emphasis, code, links) in any text field, but
never raw HTML, and links only to http(s), mailto and pages of the site.
SECURITY.md says why each rule is here; tests/test_hostile.py proves them.
"""

from __future__ import annotations

import html
import re
import urllib.parse

#: Link targets allowed in author text; anything with another scheme is refused.
SAFE_SCHEMES = ("http", "https", "mailto")

# Every place Markdown (or HTML in a map's body) takes a link target from:
# inline links and images `](target`, reference definitions `[label]: target`,
# autolinks `<scheme:...>` and the URL attributes of raw HTML. A lookahead, so that
# targets inside targets are found too: in `]([](A:)` the first `](` reads `[](A:`,
# a relative link, but Markdown makes a link to `A:` of the inner one (found by the fuzz).
_TARGETS = re.compile(
    r"(?=\]\(\s*<?(?P<inline>[^)]*)"
    r"|\]:\s*<?(?P<reference>[^\s>]+)"
    r"|<(?P<autolink>[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>]*)>"
    r"|\b(?:href|src|action|formaction|poster|background|xlink:href)\s*=\s*[\"']?"
    r"(?P<attribute>[^\s\"'>]+))",
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
_PLAIN = re.compile(r"[^&<>{}\]`\\\x00-\x1f\x7f-\x9f]*")
_RUN = re.compile("`+")
#: What Markdown (and its extensions: attribute lists, links found in text) reads in
#: inline text, as numeric entities; html.escape has done & < > " '
_MARKDOWN_MARKS = str.maketrans({c: f"&#{ord(c)};" for c in "\\`*_[](){}!|~^=:#+-.$%@"})
# The entity of each character that a backslash escapes in Markdown and that we write
# as an entity: an entity means the character itself, in any context (a table cell, a
# link text), where a backslash would mean something else next to our own escapes.
_ENTITIES = {"`": "&#96;", "|": "&#124;", "<": "&lt;", ">": "&gt;", "&": "&amp;",
             "{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "\\": "&#92;"}
# While a text is escaped they are control characters, which ``inline`` removes from
# author text first: so no author can write a stand-in.
_STAND_IN = {char: chr(0x10 + i) for i, char in enumerate(_ENTITIES)}
_FROM_STAND_IN = {ord(_STAND_IN[char]): entity for char, entity in _ENTITIES.items()}
_HAS_STAND_IN = re.compile("[\x10-\x19]")


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


def inline(text: str | None, *, in_table: bool = False, in_link: bool = False) -> str:
    """One line of the author's inline Markdown, safe wherever the writer puts it.

    Raw HTML is shown as text and unsafe links are disarmed. Backticks are the
    one Markdown syntax that changes how the text *around* a field is read (a
    stray one opens a code span that runs into the next field, and a code span
    shows raw what escaping left there): so the author's code spans are
    rewritten as spans of our own, closed within the field, and every other
    backtick becomes an entity. No backtick of the author's reaches the page
    raw, whatever the field holds. ``in_table`` escapes pipes outside code
    spans (inside, the table reads them as text); ``in_link`` makes brackets
    entities, so that a ``]`` cannot end the link text the field sits in.
    """
    if not text:
        return ""
    text = " ".join(text.split())
    if _PLAIN.fullmatch(text) and not (in_table and "|" in text) and not (
            in_link and "[" in text):  # most text: nothing to escape, disarm or remove
        return text
    text = _CONTROL.sub("", text)
    disarm = unsafe_link(text) is not None
    parts = []
    for segment, is_code in code_segments(text):
        if is_code:
            parts.append(code(segment))
        else:
            parts.append(_escaped(segment, disarm=disarm, in_table=in_table, in_link=in_link))
    return "".join(parts)


def code_segments(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into plain text and the contents of its code spans, ``(part, is_code)``.

    As CommonMark reads them: a run of backticks opens a span that the next run
    of the same length closes; a run that nothing closes is plain backticks. A
    backslash escapes the punctuation after it outside code spans. In the plain
    parts, every backtick, every escaped character that ``_escaped`` writes as an
    entity, and a final lone backslash (which would escape whatever the writer
    puts next) are private stand-ins (``_STAND_IN``) that become entities.
    """
    if "`" not in text and "\\" not in text:
        return [(text, False)]
    segments: list[tuple[str, bool]] = []
    plain: list[str] = []
    i, end = 0, len(text)
    while i < end:
        char = text[i]
        if char == "\\":
            escaped = text[i + 1:i + 2] or "\\"
            plain.append(_STAND_IN.get(escaped, text[i:i + 2]))
            i += 2
            continue
        if char != "`":
            plain.append(char)
            i += 1
            continue
        run = _RUN.match(text, i).group()  # type: ignore[union-attr]
        closing = _closing_run(text, i + len(run), len(run))
        if closing is None:
            plain.append(_STAND_IN["`"] * len(run))
            i += len(run)
            continue
        if plain:
            segments.append(("".join(plain), False))
            plain = []
        segments.append((text[i + len(run):closing], True))
        i = closing + len(run)
    if plain:
        segments.append(("".join(plain), False))
    return segments


def _closing_run(text: str, start: int, length: int) -> int | None:
    """Where the next run of exactly ``length`` backticks from ``start`` begins."""
    for match in _RUN.finditer(text, start):
        if len(match.group()) == length:
            return match.start()
    return None


def _escaped(segment: str, *, disarm: bool, in_table: bool, in_link: bool) -> str:
    """Plain author text (no code span) as inert inline Markdown."""
    text = html.escape(segment, quote=False).translate(_INERT).replace("]:", "]&#58;")
    if disarm:
        text = text.replace("](", "]\u200b(")  # no longer link syntax; still reads the same
    if in_table:
        text = text.replace("|", "\\|")
    if in_link:
        text = text.replace("[", "&#91;").replace("]", "&#93;")
    return text.translate(_FROM_STAND_IN) if _HAS_STAND_IN.search(text) else text


def cell(text: str | None) -> str:
    """Inline Markdown safe inside a pipe-table cell."""
    return inline(text, in_table=True)


def link_text(text: str | None, *, in_table: bool = False) -> str:
    """The text of a link or image we write: brackets as entities, so a '[' or ']'
    in a name cannot end the link early (or turn an image into a link)."""
    return inline(text, in_table=in_table, in_link=True)


def code(text: str | None) -> str:
    """Text as a Markdown code span, whatever backticks it holds: the fence is longer
    than any run of backticks inside, so only the fence closes it.

    Never wrap ``inline()`` in backticks instead: a backtick in the text would
    end the span and leave the rest outside it.
    """
    text = _CONTROL.sub("", " ".join((text or "").split()))
    if not text:
        return ""
    if "<" in text:
        # Python-Markdown looks for raw HTML before it reads code spans: a '<!--' inside
        # backticks opens a comment that swallows the page's later HTML blocks (the
        # fuzzer's find, in a problem's field path). Such text is an HTML code element
        # instead, every mark Markdown reads an entity, so nothing in it is markup.
        return "<code>" + html.escape(text).translate(_MARKDOWN_MARKS) + "</code>"
    fence = "`" * (max(map(len, _RUN.findall(text)), default=0) + 1)
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


#: Author text inside HTML the writer makes itself: HTML's five, and the marks inline
#: Markdown reads, as entities (in one pass, so that no entity is escaped twice).
_HTML_INERT = str.maketrans({**{c: f"&#{ord(c)};" for c in "\\`*_[]()!|~^=$"},
                             "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                             "'": "&#x27;", "{": "&#123;", "}": "&#125;"})


def html_text(text: str | None) -> str:
    """Author text as the plain text of HTML the writer makes itself (a pre-rendered
    fragment, ``pages.markdown.prerendered``): escaped, on one line, and inert as
    Markdown too, for an engine that reads the fragment as inline Markdown."""
    return plain(text).translate(_HTML_INERT)


def plain(text: str | None) -> str:
    """Text for places that take no Markdown at all (titles, attributes)."""
    return _CONTROL.sub("", " ".join((text or "").split()))
