"""A full build's generated pages parked, compressed, from rendering to writing.

MkDocs renders every page's Markdown first (``_populate_page``) and writes the pages
after (``_build_page``), so a build holds every page's Markdown and HTML at once,
with the fragments the plugin puts back into each (``prerendered``): at 1,000 maps
300 MB of the 785 MB a build peaked at, measured with ``tracemalloc``, and five
times that at 5,000 maps. Nothing needs a page's Markdown once it is rendered, nor
its HTML before the page is written. So once every plugin's ``on_page_content`` has
run, a generated page's HTML and fragments are kept here, compressed (a tenth of
their size), and its Markdown is emptied; they come back as the page is written,
before any plugin's ``on_page_context`` (where search reads the page), and are
dropped once the page is written. Around a large page (a report), the memory freed
is given back (``memory.release``). A plugin that reads a generated page's HTML between
those two events, or after, finds none: no plugin of MkDocs or Material does (the
tags plugin fills in its listings then, which a generated page cannot hold: its
cleaning removes the comments that mark them).

A preview (``mkdocs serve``) parks nothing: its rebuilds read the pages they kept.
The handlers are registered with the plugin collection rather than through MkDocs'
``CombinedEvent``, which ProperDocs does not know (``companions.run_after_i18n``).
"""

from __future__ import annotations

import zlib
from collections.abc import Collection
from typing import Any

from mkdocs.plugins import event_priority

from .memory import release

#: zlib's quickest level: HTML still shrinks to about a tenth
_LEVEL = 1
#: A page this long (characters, fragments included), a report's, leaves the memory it
#: took to render for the collector and the allocator to give back before the next
_LARGE = 1 << 20


def _pack(text: str) -> bytes:
    return zlib.compress(text.encode("utf-8"), _LEVEL)


def _unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")


class Parking:
    """The parked pages of one build, for the plugin whose ``fragments`` it shares."""

    def __init__(self, fragments: dict[str, dict[int, str]]) -> None:
        self._fragments = fragments
        #: by page: its length, its HTML and its fragments by number, each compressed
        self._parked: dict[str, tuple[int, bytes, list[tuple[int, bytes]]]] = {}
        #: the pages that may be parked (this build's generated pages)
        self.pages: Collection[str] = ()

    def attach(self, plugins: Any) -> bool:
        """Register the three handlers, once; False where the collection has no way
        to (the pages then stay in memory, as MkDocs keeps them)."""
        register = getattr(plugins, "_register_event", None)
        if register is None:
            return False
        for event, handler in (("page_content", self.park), ("page_context", self.take),
                               ("post_page", self.drop)):
            if handler not in plugins.events[event]:
                register(event, handler, plugin_name="journeymaps")
        return True

    def clear(self) -> None:
        self._parked = {}
        self.pages = ()

    @event_priority(-200)  # after every other plugin's on_page_content
    def park(self, html: str, *, page: Any, **kwargs: Any) -> str | None:
        uri = page.file.src_uri
        if uri not in self.pages:
            return None
        fragments = self._fragments.pop(uri, {})
        size = len(html) + sum(map(len, fragments.values()))
        # each fragment apart: the metrics page's joined would be 160 MB more at once
        self._parked[uri] = (size, _pack(html), [(n, _pack(f)) for n, f in fragments.items()])
        page.markdown = ""  # not None: MkDocs' Page.title is None for a page without one
        fragments.clear()  # so that release() below frees them
        if size > _LARGE:
            release()
        return ""  # a string, as MkDocs' pages have once rendered

    @event_priority(200)  # before every other plugin's on_page_context
    def take(self, context: Any, *, page: Any, **kwargs: Any) -> Any:
        parked = self._parked.pop(page.file.src_uri, None)
        if parked is not None:
            size, html, fragments = parked
            if size > _LARGE:  # what writing the pages before it left
                release()
            page.content = _unpack(html)
            if fragments:
                self._fragments[page.file.src_uri] = {n: _unpack(f) for n, f in fragments}
        return context

    @event_priority(-200)  # after every other plugin's on_post_page: MkDocs then writes
    # the output it was handed, and reads the page's HTML no more
    def drop(self, output: str, *, page: Any, **kwargs: Any) -> str:
        if page.file.src_uri in self.pages:
            page.content = None
        return output
