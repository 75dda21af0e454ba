"""Metrics as a reader's browser shows them: met and missed told apart by colour in
both palettes, and by their words; the metrics report sorts worst first."""

from __future__ import annotations

import pytest

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
