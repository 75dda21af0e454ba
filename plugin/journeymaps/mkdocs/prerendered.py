"""A Markdown extension that takes the writer's pre-rendered HTML out of Markdown's way.

The pages mark HTML they have made themselves (``pages.markdown.prerendered``): the
metrics' tables and cells, thousands of rows at 1,000 maps. Read as Markdown, through
md_in_html and the inline patterns, and then read again by Material's search, they
cost more than the rest of their pages. This preprocessor, before any other reads the
text, takes each fragment out and leaves an empty placeholder element; the plugin
cleans each fragment as it cleans a generated page (``sanitize.clean_page``), and puts
it in place of its placeholder in the finished page (``restore``), after search has
read the page: the fragments hold figures and tables that search leaves out anyway
(``data-search-exclude``), and the metric names stay findable in the metrics page's
headings.

A placeholder's id carries a random token of the plugin's, so no author's page can
call up a fragment, and what looks like a fragment in an author's body (after
``sanitize.BODY_MARKER``) is left to Markdown: it is the author's raw HTML,
cleaned as the body's. With MkDocs' ``use_directory_urls: false`` (a site read from
``file://``), the links of a fragment, written as directory URLs like every generated
page's address, name the page's ``index.html``, as MkDocs makes the Markdown links.
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from ..pages.markdown import PRERENDERED_BLOCK, PRERENDERED_CLOSE, PRERENDERED_OPEN
from ..safety.sanitize import BODY_MARKER

_INLINE = re.compile(re.escape(PRERENDERED_OPEN) + "(.*?)" + re.escape(PRERENDERED_CLOSE))
_BLOCK_START = f'<div class="{PRERENDERED_BLOCK}">'
#: A relative link to a directory URL (``../maps/a/``, ``../maps/a/#stage-x``).
_DIRECTORY_LINK = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|#|/)([^"#]*/)(#[^"]*)?"')
#: Before the raw HTML blocks (20) and md_in_html, after whitespace is normalised (30).
PRIORITY = 25


class PrerenderedExtension(Extension):
    """Collects the fragments of the pages Markdown converts, until ``take``.

    One for the plugin's life: a placeholder's number is never used twice, so that a
    page that ``mkdocs serve`` renders again by its changed table rows only
    (``table_rows``) keeps its other placeholders' fragments and gets new ones."""

    def __init__(self, *, token: str, index_html: bool = False) -> None:
        super().__init__()
        self.token, self.index_html = token, index_html
        self.found: dict[int, str] = {}
        self.count = 0
        self._placeholder = re.compile(
            rf'<(div|span) id="jm-html-{re.escape(token)}-(\d+)"></\1>')

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(PrerenderedHtml(md, self), "journeymaps_html", PRIORITY)

    def take(self) -> dict[int, str]:
        """The fragments found since the last call: those of the page just converted."""
        found, self.found = self.found, {}
        return found

    def placeholder(self, fragment: str, *, block: bool) -> str:
        if self.index_html:
            fragment = _DIRECTORY_LINK.sub(r'href="\1index.html\2"', fragment)
        number, self.count = self.count, self.count + 1
        self.found[number] = fragment
        tag = "div" if block else "span"
        return f'<{tag} id="jm-html-{self.token}-{number}"></{tag}>'

    def restore(self, html: str, fragments: dict[int, str]) -> tuple[str, set[int]]:
        """A finished page with each placeholder replaced by its (cleaned) fragment,
        and the numbers of the fragments it holds."""
        used: set[int] = set()
        if not fragments:
            return html, used

        def fragment(found: re.Match[str]) -> str:
            number = int(found.group(2))
            used.add(number)
            return fragments.get(number, "")
        return self._placeholder.sub(fragment, html), used


class PrerenderedHtml(Preprocessor):
    def __init__(self, md: Markdown, extension: PrerenderedExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        # an author's body (after the marker) is the author's Markdown: what looks like
        # a fragment there stays raw HTML, cleaned as the body's (``clean_page``)
        body = lines.index(BODY_MARKER) if BODY_MARKER in lines else len(lines)
        return [self._line(line) for line in lines[:body]] + lines[body:]

    def _line(self, line: str) -> str:
        if line.startswith(_BLOCK_START) and line.endswith("</div>"):
            return self._stash(line, block=True)
        if PRERENDERED_OPEN not in line:
            return line
        return _INLINE.sub(lambda found: self._stash(found.group(1), block=False), line)

    def _stash(self, fragment: str, *, block: bool) -> str:
        return self.md.htmlStash.store(self.extension.placeholder(fragment, block=block))
