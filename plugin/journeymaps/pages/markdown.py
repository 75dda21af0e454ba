"""Pieces every generated page shares: its front matter and its problems box."""

from __future__ import annotations

import functools
import json
import re
import xml.etree.ElementTree as etree
from typing import Any

import markdown

from ..language.labels import ENGLISH, Labels
from ..load.frontmatter import implicit_tag
from ..model.problem import Problem
from ..safety import text
from ..safety.sanitize import BODY_MARKER

#: Material's search ranks a map (or persona) page first for the words of its
#: touchpoints, pain points, opportunities and questions: its text weighs as much as
#: a title (Material's index boosts titles 1000 times), so a KB or guide page whose
#: title shares one word no longer comes first. The reports only repeat the maps: lower.
MAP_SEARCH = {"boost": 1000}
REPORT_SEARCH = {"boost": 0.25}


def front_matter(title: str, **meta: Any) -> str:
    """YAML front matter MkDocs reads for the page title and metadata: text and lists
    of text, written directly (yaml.safe_dump took a third of generating a page)."""
    data = {"title": text.title(title), **{k: v for k, v in meta.items() if v}}
    lines = ["---"]
    for key, value in data.items():
        if isinstance(value, dict):  # one level, as Material's search: {boost: 2}
            lines.append(f"{key}:")
            lines.extend(f"  {k}: {yaml_scalar(v)}" for k, v in value.items())
        elif isinstance(value, (list, tuple)):
            lines.append(f"{key}:")
            lines.extend(f"- {yaml_scalar(item)}" for item in value)
        else:
            lines.append(f"{key}: {yaml_scalar(value)}")
    lines.append("---")
    return "\n".join(lines)


#: What YAML would refuse raw, or read as a line break (NEL, U+2028, U+2029), or
#: drop (a BOM): everything outside its printable set, and those four.
_UNPRINTABLE = re.compile(
    r"[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


#: Text that stays a plain YAML scalar (``title: Moving house``): words and harmless
#: punctuation, nothing YAML reads as syntax; anything else is double-quoted.
_PLAIN = re.compile(r"[^\W\d_][\w .,'()/&+-]*(?<! )\Z")


def yaml_scalar(value: object) -> str:
    """A plain YAML scalar where it reads as the same text, else a double-quoted one:
    JSON's escapes are YAML's, and what YAML would refuse raw is escaped too."""
    if isinstance(value, str) and _PLAIN.match(value) and implicit_tag(value) is None:
        return value  # not yes, no, null or another word YAML would turn into a value
    quoted = json.dumps(value if isinstance(value, (int, float)) else str(value),
                        ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


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


_BEYOND_LATIN_1 = re.compile("[^\x00-\xff]")


def latin_1(text: str) -> str:
    """``text`` with each character beyond Latin-1 (✓, –, 😀) as an HTML character
    reference, which HTML and Markdown read as the character itself. Python holds a text
    of Latin-1 characters in a byte each; one ✓ makes it two bytes a character, an emoji
    four: the metrics page's 80 MB of text at 5,000 maps took 160 MB at each of the
    copies MkDocs and Markdown make of it. For HTML and Markdown text only, never for
    code, where a reference is read as written."""
    if text.isascii():  # known without reading it: Python marks such texts
        return text
    return _BEYOND_LATIN_1.sub(lambda found: f"&#{ord(found.group())};", text)


#: The marks of a fragment the writer has made as HTML itself (``prerendered``).
PRERENDERED_OPEN, PRERENDERED_CLOSE = "<!--jm-html-->", "<!--/jm-html-->"
#: The class of a block of such HTML: a line of its own, ``<div class="jm-html">…</div>``.
PRERENDERED_BLOCK = "jm-html"


#: What inline Markdown can read in a text beyond its words: a text without any of these
#: is its own HTML, once escaped.
_INLINE_MARKS = re.compile(r"[\\`*_\[\]<>&!]")


@functools.cache
def _inline_markdown() -> markdown.Markdown:
    """Markdown's own inline syntax, which the site's extensions leave as it is: author
    text has no braces for attribute lists (``text.inline``)."""
    return markdown.Markdown(output_format="html")


def inline_html(field: str | None) -> str:
    """Author text as the HTML of its inline Markdown (emphasis, code, links), for a
    block of HTML the writer makes itself (``prerendered(block=True)``, which any
    engine's Markdown leaves as raw HTML, unread): made safe as everywhere first
    (``text.inline``: raw HTML shown as text, unsafe links disarmed), then read as the
    inside of a paragraph, so that a text that begins "1." or "#" is no list or heading,
    as it is none in a cell of a table."""
    if not field:
        return ""
    if not _INLINE_MARKS.search(field):  # most text: nothing for Markdown to read
        return text.html_text(field)
    md = _inline_markdown()
    md.reset()
    root = etree.Element("div")
    etree.SubElement(root, "p").text = text.inline(field)
    for treeprocessor in md.treeprocessors:  # inline patterns, then their escapes undone
        root = treeprocessor.run(root) or root
    rendered = md.serializer(root[0]).strip()
    for postprocessor in md.postprocessors:
        rendered = postprocessor.run(rendered)
    return rendered.removeprefix("<p>").removesuffix("</p>").replace("\n", " ")


def prerendered(fragment: str, *, block: bool = False) -> str:
    """HTML the writer has made itself (a large table, a stage's metrics), marked so that
    an engine's Markdown can leave it as it is without reading it: at 1,000 maps, reading
    the metrics' tables and cells as Markdown cost more than the rest of their pages
    (``mkdocs/prerendered.py`` stashes them; any other engine reads them as raw HTML).

    The fragment is one line (an author's line break is a space by then,
    ``text.html_text``), and no author text can close the marks: every '<' it has is an
    entity. A ``block`` is a line of its own: a raw HTML block to Markdown."""
    one_line = fragment.replace("\r", " ").replace("\n", " ")
    if block:
        return f'<div class="{PRERENDERED_BLOCK}">{one_line}</div>'
    return f"{PRERENDERED_OPEN}{one_line}{PRERENDERED_CLOSE}"
