"""Material's search box, typed into as a reader does, finds words of maps written in
Russian, Polish and Chinese next to the English ones (see the languages guide)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import WAIT_MS, Tab

pytestmark = pytest.mark.browser

#: (what a reader types, a page among the results) in the sample site's languages
QUERIES = [
    ("регистратуре", "maps/clinic/zapis-k-vrachu/"),  # a Russian word as written
    ("терапевт", "maps/clinic/zapis-k-vrachu/"),  # the start of "терапевта"
    ("światłowód", "maps/telecom/przeprowadzka/"),  # Polish letters at both ends
    ("przeprowadzki", "maps/telecom/przeprowadzka/"),
    ("洗髮餅", "maps/eco-shop/shouci-wanggou/"),  # a Chinese phrase inside a sentence
    ("塑膠", "maps/eco-shop/shouci-wanggou/"),
    ("超商取貨", "maps/eco-shop/shouci-wanggou/"),
    ("電子發票", "kb/chaoshang-quhuo/"),
    ("moving house", "maps/telecom/moving-house/"),
]


def test_search_finds_words_of_every_language(tab: Tab) -> None:
    tab.open("", to_click=True)
    search = tab.page.locator("input.md-search__input")
    search.click()
    for query, page in QUERIES:
        # Playwright inserts letters of other scripts without key events, an input
        # method does not: a key afterwards lets Material's search see the query
        search.fill(query)
        search.press("End")
        found = tab.page.locator(f".md-search-result__list a[href*='/{page}']")
        expect(found.first, query).to_be_visible(timeout=WAIT_MS)
    assert tab.errors == [] and tab.blocked == []
