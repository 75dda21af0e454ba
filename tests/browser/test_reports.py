"""The company-wide reports as tools: they fit the screen, their filters are links
(the URL's query), their tables sort from the keyboard, and without JavaScript the
whole page shows."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from journeymaps.pages import site_layout

from .conftest import WAIT_MS, Site, Tab

pytestmark = pytest.mark.browser

#: the reports whose tables must fit at 1440 px (the channel matrix, reworked into
#: channels x phases by another change, is left to it)
FITTING = ["maps/", "faq-gaps/", "health/", "opportunities/"]
REPORTS = [*FITTING, "channels/", "metrics/"]
#: tables wider than the box they are in, or than the article
TOO_WIDE = """() => [...document.querySelectorAll("article table")].filter(table => {
  const box = table.closest(".md-typeset__scrollwrap") || table.parentElement;
  const article = document.querySelector("article").getBoundingClientRect();
  return table.scrollWidth > box.clientWidth + 1
    || table.getBoundingClientRect().right > article.right + 1;
}).map(table => table.rows[0].textContent.trim().slice(0, 40))"""
#: the facet values of the rows shown
SHOWN = """facet => [...document.querySelectorAll("span.jm-facets")]
  .filter(span => !span.closest("[hidden]"))
  .map(span => span.getAttribute("data-jm-" + facet) || "")"""


def open_view(tab: Tab, page: str, query: str) -> None:
    """A report opened through a link to a filtered view (``?folder=clinic``)."""
    tab.page.goto(f"{tab.site.url}{page}?{query}", wait_until="load")
    tab.wait_for_diagrams(page)


def shown(tab: Tab, facet: str) -> list[str]:
    return tab.page.evaluate(SHOWN, facet)


@pytest.mark.parametrize("page", FITTING)
def test_no_report_table_scrolls_inside_itself_at_1440_px(tab: Tab, page: str) -> None:
    tab.page.set_viewport_size({"width": 1440, "height": 900})
    tab.open(page)
    assert tab.page.locator("article table").count() > 0
    assert tab.page.evaluate(TOO_WIDE) == []


@pytest.mark.parametrize("page", REPORTS)
def test_no_report_scrolls_the_page_sideways_on_a_phone(tab: Tab, page: str) -> None:
    tab.page.set_viewport_size({"width": 390, "height": 844})
    tab.open(page)
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= 390


def test_catalogue_filters_by_folder_through_the_url(site: Site, tab: Tab) -> None:
    folders = Counter(m.folder for m in site.project.maps)
    folder, count = folders.most_common(1)[0]
    open_view(tab, "maps/", f"folder={quote(folder)}")
    expect(tab.page.locator("select[name=folder]")).to_have_value(folder, timeout=WAIT_MS)
    assert shown(tab, "folder") == [quote(folder, safe="")] * count
    expect(tab.page.locator(".jm-filter-shown")).to_have_text(
        f"{count} of {len(site.project.maps)} shown")
    # the folder's anchor, where the sidebar links, is on the first of its rows
    anchor = tab.page.locator(f"#{site_layout.folder_anchor(folder)}")
    assert anchor.evaluate("node => !node.closest('[hidden]')")


def test_choosing_a_filter_is_a_link_and_back_restores_the_view(site: Site, tab: Tab) -> None:
    owners = Counter(m.owner for m in site.project.maps if m.owner)
    owner, count = owners.most_common(1)[0]
    tab.open("maps/")
    assert len(shown(tab, "owner")) == len(site.project.maps)
    tab.page.locator("select[name=owner]").select_option(owner)
    assert tab.path() == f"maps/?owner={quote(owner, safe='').replace('%20', '+')}"
    assert len(shown(tab, "owner")) == count
    tab.page.locator("select[name=state]").select_option("current")
    assert "owner=" in tab.path() and "state=current" in tab.path()
    expected = sum(1 for m in site.project.maps
                   if m.owner == owner and m.state_or_default == "current")
    assert len(shown(tab, "owner")) == expected
    tab.page.go_back()
    expect(tab.page.locator("select[name=state]")).to_have_value("", timeout=WAIT_MS)
    assert len(shown(tab, "owner")) == count
    assert tab.errors == [] and tab.blocked == []


def test_faq_gaps_and_health_filter_through_the_url(site: Site, tab: Tab) -> None:
    folder = site.project.questions.gaps[0].maps[0].folder
    open_view(tab, "faq-gaps/", f"folder={quote(folder)}")
    rows = shown(tab, "folder")
    assert rows and set(rows) == {quote(folder, safe="")}
    heading = tab.page.locator(f"#gaps-{site_layout.folder_anchor(folder)} .jm-count")
    expect(heading).to_have_text(str(len(rows)))
    persona = site.project.questions.gaps[0].maps[0].persona[0]
    open_view(tab, "health/", f"persona={quote(persona)}")
    rows = shown(tab, "persona")
    assert rows and all(any(token.split(":")[0] == persona for token in row.split())
                        for row in rows)
    assert tab.errors == []


def _opportunities(site: Site) -> list[tuple[str, str, str]]:
    """Each opportunity of the sample maps: (priority or "unset", status, owner)."""
    return [(o.priority or "unset", o.status_or_default, o.owner or m.owner or "")
            for m in site.project.maps for stage in m.stages for o in stage.opportunities]


def test_backlog_shows_only_high_priority_through_its_url(site: Site, tab: Tab) -> None:
    every = _opportunities(site)
    high = [o for o in every if o[0] == "high"]
    assert 0 < len(high) < len(every)
    open_view(tab, "opportunities/", "priority=high")
    expect(tab.page.locator("select[name=priority]")).to_have_value("high", timeout=WAIT_MS)
    assert shown(tab, "priority") == ["high"] * len(high)
    expect(tab.page.locator(".jm-filter-shown")).to_have_text(
        f"{len(high)} of {len(every)} shown")
    # each status's heading counts the high-priority cards it still shows
    for status in {o[1] for o in every}:
        heading = tab.page.locator(f"#status-{status}")
        n = sum(1 for o in high if o[1] == status)
        if n:
            expect(heading.locator(".jm-count")).to_have_text(str(n))
        else:  # a status without high-priority work is hidden, cards and all
            expect(heading).to_be_hidden()
    # the priority list's options count what they would show
    expect(tab.page.locator("select[name=priority] option[value=high]")).to_have_text(
        f"high ({len(high)})")
    assert tab.errors == []


def test_backlog_filters_by_owner_and_status_through_its_url(site: Site, tab: Tab) -> None:
    every = _opportunities(site)
    chosen = [o for o in every if o[2] == "Digital" and o[1] == "planned"]
    assert chosen  # the sample has the example view
    open_view(tab, "opportunities/", "owner=Digital&status=planned")
    cards = tab.page.locator("li.jm-card:not([hidden])")
    expect(cards).to_have_count(len(chosen), timeout=WAIT_MS)
    assert shown(tab, "status") == ["planned"] * len(chosen)
    expect(cards.first).to_contain_text("Owner: Digital")
    expect(tab.page.locator("#status-planned")).to_be_visible()
    expect(tab.page.locator("#status-idea")).to_be_hidden()
    # the status list, as it is, says how many of Digital's cards each status has
    digital = Counter(o[1] for o in every if o[2] == "Digital")
    options = tab.page.locator("select[name=status] option:not([value=''])")
    texts = dict(zip(options.evaluate_all("os => os.map(o => o.value)"),
                     options.all_inner_texts(), strict=True))
    assert {v: t.rpartition(" (")[2].rstrip(")") for v, t in texts.items()} == {
        v: str(digital[v]) for v in texts}
    assert tab.errors == []


@pytest.mark.parametrize(("width", "columns"), [(1440, 3), (390, 1)])
def test_backlog_is_a_board_of_cards_that_fits(site: Site, tab: Tab, width: int,
                                               columns: int) -> None:
    """One card per opportunity, in as many columns as the width allows, the page never
    scrolling sideways; the stage's pain points open from the card."""
    tab.page.set_viewport_size({"width": width, "height": 900})
    tab.open("opportunities/")
    cards = tab.page.locator("li.jm-card")
    expect(cards).to_have_count(len(_opportunities(site)))
    assert tab.page.evaluate("document.documentElement.scrollWidth") <= width
    lefts = cards.evaluate_all("cs => cs.slice(0, 6).map(c => c.getBoundingClientRect().left)")
    assert len(set(lefts)) == columns
    assert tab.page.evaluate("""() => [...document.querySelectorAll('li.jm-card')].every(
        c => c.scrollWidth <= c.clientWidth + 1)""")
    pains = cards.first.locator("details.jm-card-pains")
    expect(pains.locator("li").first).to_be_hidden()
    pains.locator("summary").click()
    expect(pains.locator("li").first).to_be_visible()
    # the card's stage link leads to the stage's column on the map page
    stage = cards.first.locator(".jm-card-where a").nth(1)
    stage.click()
    fragment = urlsplit(tab.page.url).fragment
    assert fragment.startswith("stage-")
    expect(tab.page.locator(f"th#{fragment}")).to_be_visible()
    assert tab.errors == []


def test_matrix_filters_channels_by_kind_and_phase_through_its_url(site: Site,
                                                                   tab: Tab) -> None:
    """Both tables show only the chosen channels; each channel is counted once."""
    assert site.project.channel_catalogue is not None  # channels have kinds
    tab.open("channels/")
    counted = tab.page.locator("span.jm-facets:not(.jm-repeated)")
    total = counted.count()
    kinds = Counter(counted.evaluate_all("spans => spans.map(s => s.dataset.jmKind)"))
    kind, count = kinds.most_common()[-1]  # the rarest kind: a real narrowing
    assert 0 < count < total
    open_view(tab, "channels/", f"kind={kind}")
    expect(tab.page.locator(".jm-filter-shown")).to_have_text(f"{count} of {total} shown")
    assert [t.split(":")[0] for t in shown(tab, "kind")] == [kind] * (2 * count)
    rows = tab.page.locator("article table tbody tr:not([hidden])")
    expect(rows).to_have_count(2 * count)  # the summary's rows and the matrix's
    # a phase keeps the channels met in it, and its option counts them once
    open_view(tab, "channels/", "phase=advocacy")
    phases = shown(tab, "phase")
    assert phases and all("advocacy" in [t.split(":")[0] for t in row.split()]
                          for row in phases)
    n = len(phases) // 2
    expect(tab.page.locator("select[name=phase] option[value=advocacy]")).to_contain_text(
        f"({n})")
    assert tab.errors == []


def test_without_javascript_the_whole_report_shows(site: Site, browser) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "maps/?folder=clinic")
        assert page.locator("span.jm-facets").count() == len(site.project.maps)
        assert page.locator("tr[hidden]").count() == 0
        assert not page.locator(".jm-filters").is_visible()
        page.goto(site.url + "opportunities/?priority=high")
        cards = page.locator("li.jm-card")
        assert cards.count() == len(_opportunities(site)) > 0
        assert page.locator("li.jm-card[hidden], [hidden] li.jm-card").count() == 0
        assert cards.last.is_visible() and not page.locator(".jm-filters").is_visible()
    finally:
        context.close()


def test_tables_sort_from_the_keyboard(tab: Tab) -> None:
    tab.open("maps/")
    feeling = tab.page.locator("th", has_text="Feeling")
    button = feeling.locator("button.jm-sort")
    button.focus()
    tab.page.keyboard.press("Enter")
    expect(feeling).to_have_attribute("aria-sort", "ascending")
    scores = tab.page.eval_on_selector_all(
        "article tbody tr", "rows => rows.map(r => r.cells[7].querySelector('[data-sort]'))"
        ".filter(Boolean).map(s => parseFloat(s.getAttribute('data-sort')))")
    assert scores == sorted(scores) and len(scores) > 1
    tab.page.keyboard.press("Space")
    expect(feeling).to_have_attribute("aria-sort", "descending")
    assert tab.errors == []




#: words of a map's pain point, touchpoint and stage, and the map that has them
SEARCHES = [
    ("hold times", "maps/clinic/new-patient-boomer/"),  # a pain point: "Long hold times"
    ("Hotline call", "maps/telecom/moving-house/"),  # a touchpoint
    ("Porównanie", "maps/telecom/przeprowadzka/"),  # a stage of the Polish map
]


@pytest.mark.parametrize(("query", "first"), SEARCHES)
def test_search_finds_the_map_first(tab: Tab, query: str, first: str) -> None:
    """Before KB pages whose title shares a word, the guide's examples and the reports
    that repeat the map (measured before: 'hold times' found the map 6th)."""
    tab.open("", to_click=True)
    search = tab.page.locator("input.md-search__input")
    search.click()
    search.fill(query)
    search.press("End")
    results = tab.page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible(timeout=WAIT_MS)
    expect(results.first).to_have_attribute("href", re.compile(f"/{re.escape(first)}"))
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    paths = [urlsplit(href).path.lstrip("/") for href in hrefs]
    reports = [i for i, path in enumerate(paths) if path in REPORTS]
    maps = [i for i, path in enumerate(paths) if path.startswith("maps/") and path != "maps/"]
    assert maps and (not reports or maps[0] < reports[0]), hrefs


def test_a_search_result_leads_to_the_stage(tab: Tab) -> None:
    """"Long hold times" is a pain point of the clinic map's Booking stage: the map's
    result names that stage, and its link opens the map at the stage's column."""
    tab.open("", to_click=True)
    search = tab.page.locator("input.md-search__input")
    search.click()
    search.fill("hold times")
    search.press("End")
    first = tab.page.locator(".md-search-result__item").first
    expect(first).to_be_visible(timeout=WAIT_MS)
    stage = first.locator("a[href*='#stage-']").first
    expect(stage).to_have_attribute(
        "href", re.compile(r"/maps/clinic/new-patient-boomer/\?h=[^#]*#stage-booking$"))
    expect(stage).to_contain_text("Booking")
    stage.click()
    column = tab.page.locator("th#stage-booking")
    expect(column).to_be_in_viewport(timeout=WAIT_MS)
    expect(column).to_contain_text("Booking")
    assert tab.errors == []


def test_a_section_the_filter_empties_is_hidden(site: Site, tab: Tab) -> None:
    folders = {m.folder for gap in site.project.questions.gaps for m in gap.maps}
    assert len(folders) > 1
    folder = sorted(folders)[-1]
    open_view(tab, "faq-gaps/", f"folder={quote(folder)}")
    for other in folders:
        heading = tab.page.locator(f"#gaps-{site_layout.folder_anchor(other)}")
        if other == folder:
            expect(heading).to_be_visible()
        else:
            expect(heading).to_be_hidden()
