"""Metrics as a reader's browser shows them: met and missed told apart by colour in
both palettes, and by their words; the metrics report sorts worst first."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from journeymaps.pages import site_layout

from .conftest import OpenTab, Site

pytestmark = pytest.mark.browser

CHIP = """selector => {
  const chip = document.querySelector(selector);
  const style = getComputedStyle(chip);
  return [style.backgroundColor, style.color, chip.textContent];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_met_and_missed_differ_by_colour_and_word(site: Site, new_tab: OpenTab,
                                                  scheme: str) -> None:
    tab = new_tab(scheme)
    tab.open("maps/telecom/moving-house/")
    met = tab.page.evaluate(CHIP, "article .jm-met")
    missed = tab.page.evaluate(CHIP, "article .jm-missed")
    assert met[2] == "✓ met" and missed[2] == "✗ missed"
    assert met[0] != missed[0]
    assert "rgba(0, 0, 0, 0)" not in (met[0], missed[0])  # a coloured chip, not bare text
    assert met[0] != met[1] and missed[0] != missed[1]
    assert tab.errors == []


def test_metrics_report_sorts_by_the_latest_value(site: Site, new_tab: OpenTab) -> None:
    tab = new_tab("light")
    tab.open(site_layout.page_url(site_layout.METRICS), to_click=True)
    table = tab.page.locator("article table").first
    first_map = table.locator("tbody tr").first.locator("td").first.text_content()
    header = table.locator("th", has_text="Latest value")
    header.click()  # ascending by rank: as the page already shows it
    assert table.locator("tbody tr").first.locator("td").first.text_content() == first_map
    header.click()  # descending: the best first
    assert table.locator("tbody tr").first.locator("td").first.text_content() != first_map
    assert tab.errors == []


def test_metrics_report_filters_by_folder_through_the_url(site: Site, new_tab: OpenTab) -> None:
    """The rows are HTML the writer makes itself: the page's filters read their facets
    as they read a Markdown table's."""
    measured = {m.folder for m in site.project.maps if m.slug in site.project.series_by_map}
    folder = sorted(measured)[0]
    tab = new_tab("light")
    tab.page.goto(f"{tab.site.url}metrics/?folder={quote(folder)}", wait_until="load")
    expect(tab.page.locator("select[name=folder]")).to_have_value(folder, timeout=5_000)
    rows = tab.page.locator("article table tbody tr")
    visible = [row.locator(".jm-facets").get_attribute("data-jm-folder")
               for row in rows.all() if row.is_visible()]
    assert visible and set(visible) == {quote(folder, safe="")}
    assert rows.count() > len(visible)  # other folders' rows are hidden, not gone
    assert tab.errors == []
