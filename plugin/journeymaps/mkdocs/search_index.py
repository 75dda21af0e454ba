"""The preview's search index kept whole when a rebuild renders only some pages.

MkDocs' search plugins index the pages a build renders (``on_page_context``) and
write ``search/search_index.json`` at its end: after a ``--dirty`` rebuild that
renders five pages, the index would know five pages. Material's own answer keeps
the previous index and replaces the entries of the *first* rebuilt page only, so
every other rebuilt page is listed twice, and deleted pages stay findable.

This module keeps each page's entries (as their JSON text) from build to build
and writes the index as a full build would: for every page, in build order, its
new entries if it was rendered again, its kept ones otherwise, each followed by
its stages' sections (``add_sections``, which a full build runs on the written
index: here the kept text is joined instead, never the whole index decoded and
encoded again). It only does so for an index it can reproduce byte for byte
after a full build (``learn``); for any other, ``understood`` is False and the
plugin renders every page again on each change, so search never lags behind.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

#: Where MkDocs' search plugin and Material's write the index, in the site folder.
PATH = "search/search_index.json"
_MATERIAL_SEARCH = "material.plugins.search"
#: How Material writes it; MkDocs' own plugin also sorts the keys.
_STYLES: tuple[dict[str, Any], ...] = (
    {"separators": (",", ":"), "default": str},
    {"separators": (",", ":"), "default": str, "sort_keys": True},
)


#: One entry of a page, kept: its location, its JSON text, its ``boost`` as given
_Kept = tuple[str, str, Any]
#: a page without entries or sections: one object, so that ``write`` finds it the same
_NONE: tuple[Any, ...] = ()


class SearchIndex:
    def __init__(self) -> None:
        #: page URL to each of its entries, as of the last build
        self.pages: dict[str, list[_Kept]] = {}
        self._style: dict[str, Any] | None = None
        #: False once the site's index proved to be one this module cannot keep whole
        self.understood = True
        #: this build's pages in order and the index's other keys, as text; set by
        #: ``learn`` and ``merge``, taken by ``write``
        self._ready: tuple[list[str], str] | None = None
        #: each page's text as ``write`` last wrote it, with the lists it is made from
        self._texts: dict[str, tuple[Sequence[_Kept], Sequence[Any], str]] = {}

    def forget(self) -> None:
        self.pages, self._style, self._ready, self._texts = {}, None, None, {}

    def learn(self, site_dir: str, urls: list[str]) -> None:
        """After a build that rendered every page: keep its entries, if the index is
        one this module writes exactly as the search plugin did."""
        found = _read(site_dir)
        if found is None:  # no search plugin: nothing to keep whole
            self.forget()
            return
        raw, data = found
        for style in _STYLES:
            fresh = _by_page(data, style)
            if set(fresh) <= set(urls) and _text(data, urls, fresh, style) == raw:
                self.pages, self._style = {url: fresh.get(url, []) for url in urls}, style
                self._ready = (urls, _head(data))
                return
        self.forget()
        self.understood = False

    def merge(self, site_dir: str, urls: list[str], rendered: set[str]) -> bool:
        """After a build that rendered only ``rendered`` of the pages ``urls``: the
        whole index's entries, for ``write``. False when it could not (the plugin
        then renders all)."""
        found = _read(site_dir)
        if found is None or self._style is None:
            return False
        _, data = found
        fresh = _by_page(data, self._style)
        if not set(fresh) <= rendered:  # not the index of only the rendered pages
            self.understood = False
            return False
        self.pages = {url: fresh.get(url, []) if url in rendered else self.pages.get(url, [])
                      for url in urls}
        self._ready = (urls, _head(data))
        return True

    def write(self, site_dir: str, sections: dict[str, list[Any]]) -> bool:
        """Write the index ``learn`` or ``merge`` made whole, with ``sections``, byte
        for byte as ``add_sections`` writes it after a full build. False when this
        build made none (the plugin then adds the sections to the written index)."""
        if self._ready is None:
            return False
        urls, head = self._ready
        self._ready = None
        texts = (self._page_text(url, sections.get(url, _NONE)) for url in urls)
        docs = ",".join(text for text in texts if text)
        (Path(site_dir) / PATH).write_text(f'{head}"docs":[{docs}]}}', encoding="utf-8")
        if len(self._texts) > len(urls):  # pages gone since
            self._texts = {url: self._texts[url] for url in urls if url in self._texts}
        return True

    def _page_text(self, url: str, sections: Sequence[Any]) -> str:
        """``_page_text`` of a page, the last build's while its entries and its
        sections are the same lists (kept pages' entries, unchanged maps' sections):
        encoding 6,000 stages' sections again was a third of writing the index. A
        section's location names its own page, so only its page's sections can
        replace a page's entries."""
        entries = self.pages.get(url, _NONE)
        kept = self._texts.get(url)
        if kept is not None and kept[0] is entries and kept[1] is sections:
            return kept[2]
        text = _page_text(entries, sections, {section.location for section in sections})
        self._texts[url] = (entries, sections, text)
        return text


def reset_other_plugins(plugins: Any) -> None:
    """Material's search plugin merges each index into the one before under
    ``--dirty`` (see the module's docstring): it gets the rendered pages' entries
    alone, which ``merge`` then places among the kept ones."""
    for plugin in plugins.values():
        if getattr(plugin, "search_index_prev", None) is not None:
            plugin.search_index_prev = None


def keep_search_of(plugins: Any, kept: Callable[[str], bool]) -> None:
    """Material's search plugin leaves out the pages ``kept`` names (by their path in
    the docs folder): their entries are the last build's (``merge`` keeps them).
    Only Material's, which skips ``data-search-exclude`` elements: MkDocs' own search
    indexes them, so a change there changes its entries."""
    events = plugins.events["page_context"]
    for i, method in enumerate(events):
        owner = getattr(method, "__self__", None)
        if type(owner).__module__.startswith(_MATERIAL_SEARCH):
            events[i] = _unless_kept(method, kept)


def _unless_kept(method: Callable[..., Any], kept: Callable[[str], bool]) -> Callable[..., Any]:
    """The plugin's page event, indexing nothing for a kept page: the event does more
    than index (it takes the ``data-search-*`` attributes out of the page's HTML)."""
    def on_page_context(context: Any, *, page: Any, **kwargs: Any) -> Any:
        index = getattr(method.__self__, "search_index", None)  # type: ignore[attr-defined]
        if index is None or not kept(page.file.src_uri):
            return method(context, page=page, **kwargs)
        index.add_entry_from_context = lambda page: None
        try:
            return method(context, page=page, **kwargs)
        finally:
            del index.add_entry_from_context  # the class's method again
    return on_page_context


def _read(site_dir: str) -> tuple[str, dict[str, Any]] | None:
    path = Path(site_dir) / PATH
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw)
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("docs"), list):
        return None
    return raw, data


def _by_page(data: dict[str, Any], style: dict[str, Any]) -> dict[str, list[_Kept]]:
    pages: dict[str, list[_Kept]] = defaultdict(list)
    for entry in data["docs"]:
        location = str(entry.get("location", "")) if isinstance(entry, dict) else ""
        boost = entry.get("boost", 1) if isinstance(entry, dict) else 1
        pages[location.partition("#")[0]].append((location, json.dumps(entry, **style),
                                                  boost))
    return pages


def _text(data: dict[str, Any], urls: list[str], pages: dict[str, list[_Kept]],
          style: dict[str, Any]) -> str:
    """The index as ``json.dumps`` of the whole writes it when "docs" comes last (both
    plugins' order; ``learn`` checks it), from the kept pieces."""
    docs = ",".join(text for url in urls for _, text, _ in pages.get(url, []))
    return f'{_head(data, style)}"docs":[{docs}]}}'


def _head(data: dict[str, Any], style: dict[str, Any] | None = None) -> str:
    """The index's text up to its "docs" (``add_sections``' style unless ``style``)."""
    head = {key: value for key, value in data.items() if key != "docs"}
    return json.dumps(head, **(style or _STYLES[0]))[:-1] + ("," if head else "")


def _page_text(entries: Sequence[_Kept], sections: Any, ours: set[str]) -> str:
    """A page's kept entries but those at a section's location, then its sections,
    as ``add_sections`` writes them (entries parsed from an index in either style
    are written the same way in its style: their keys come in the order written)."""
    own = [(text, boost) for location, text, boost in entries if location not in ours]
    if not own:
        return ""
    boost = SECTION_BOOST * float(own[0][1])
    return ",".join([*(text for text, _ in own),
                     *(json.dumps(_section(s, boost), **_STYLES[0]) for s in sections)])


def _section(section: Any, boost: float) -> dict[str, Any]:
    return {"location": section.location, "title": section.title, "text": section.text,
            "boost": boost}


#: How much more a stage's section weighs than its page (see ``add_sections``)
SECTION_BOOST = 2


def add_sections(site_dir: str, sections: dict[str, list[Any]]) -> bool:
    """Write each page's extra ``sections`` (``pages.stage_search.StageEntry``: a
    location with its page's URL and a ``#fragment``, a title, a text) into the index,
    right after that page's own entries, where the search script looks for a page's
    sections; each with twice the page's ``boost``: a stage ranks as its map does, and
    within the page's result above the section of the whole grid, which the search
    script then folds away ("1 more on this page").
    Entries already at those locations are replaced: writing twice changes nothing.
    False when the site has no index (no search plugin)."""
    found = _read(site_dir)
    if found is None:
        return False
    _, data = found
    ours = {section.location for page in sections.values() for section in page}
    pages: dict[str, list[Any]] = {}  # in the index's order: a page's entries are together
    for entry in data["docs"]:
        location = str(entry.get("location", "")) if isinstance(entry, dict) else ""
        if location not in ours:
            pages.setdefault(location.partition("#")[0], []).append(entry)
    for page, entries in pages.items():
        boost = SECTION_BOOST * float(entries[0].get("boost", 1))
        entries += [_section(s, boost) for s in sections.get(page, [])]
    data["docs"] = [entry for entries in pages.values() for entry in entries]
    (Path(site_dir) / PATH).write_text(json.dumps(data, **_STYLES[0]), encoding="utf-8")
    return True
