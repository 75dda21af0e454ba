"""The map page as a reader meets it: on a wide screen, on a phone, on paper, with a
screen reader (axe-core), with and without script."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import REPO
from journeymaps.analysis.phases import phase_groups
from journeymaps.language.labels import ENGLISH
from journeymaps.model.journey_map import JourneyMap
from journeymaps.pages import site_layout

from .conftest import ARTIFACTS, OpenTab, Site, Tab

pytestmark = pytest.mark.browser

DESKTOP, PHONE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}
SMALLEST_LABEL = 9  # px: the height of the smallest diagram label a reader can read
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
#: every label of the Mermaid journey: the HTML labels of its tasks and sections and its
#: SVG texts (not the text fallback of a label Mermaid also draws in HTML); each measured
#: by the box of its glyphs
LABEL_HEIGHTS = """() => {
  const svg = document.querySelector("div.mermaid").shadowRoot.querySelector("svg");
  return [...svg.querySelectorAll("text, foreignObject div.label")]
    .filter(node => node.textContent.trim() && !(node.tagName === "text" && node.closest("switch")))
    .map(node => {
      const range = document.createRange();
      range.selectNodeContents(node);
      return [node.textContent.trim(), Math.min(...[...range.getClientRects()].map(r => r.height))];
    });
}"""
#: axe-core's violations inside the page's content, as [rule, impact, nodes]
AXE_RUN = """async () => {
  const result = await axe.run(document.querySelector("article"));
  return result.violations.map(v => [v.id, v.impact, v.nodes.map(n => n.target.join(" "))]);
}"""


def url(page: str) -> str:
    return site_layout.page_url(page)


def map_url(journey_map: JourneyMap) -> str:
    return url(site_layout.map_page(journey_map))


def _sized(new_tab: OpenTab, size: dict[str, int], scheme: str = "light") -> Tab:
    tab = new_tab(scheme)
    tab.page.set_viewport_size(size)
    return tab


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1440x900", "390x844"])
def test_every_diagram_label_is_legible(site: Site, new_tab: OpenTab,
                                        size: dict[str, int]) -> None:
    tab = _sized(new_tab, size)
    for journey_map in site.project.maps:
        tab.open(map_url(journey_map))
        heights = tab.page.evaluate(LABEL_HEIGHTS)
        assert len(heights) > len(journey_map.stages), journey_map.file
        small = [(text, height) for text, height in heights if height < SMALLEST_LABEL]
        assert small == [], (journey_map.file, size)
        # wider than the screen: it scrolls inside its own box, the page does not
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    assert tab.errors == []


def _generated_pages(site: Site) -> dict[str, str]:
    """One page of each kind the plugin writes per item: a map (the sample's as-is map
    of a journey with a to-be map), a persona, a journey comparison."""
    project = site.project
    journey_map = next(m for m in project.maps if m.state_or_default == "current"
                       and any(o.state == "future" for o in project.journey_siblings(m)))
    return {"map": map_url(journey_map),
            "persona": url(site_layout.persona_page(journey_map.persona[0])),
            "comparison": url(site_layout.journey_page(journey_map.journey or ""))}


def test_on_a_phone_the_page_never_scrolls_sideways(site: Site, new_tab: OpenTab) -> None:
    tab = _sized(new_tab, PHONE)
    pages = [map_url(m) for m in site.project.maps] + list(_generated_pages(site).values())
    for path in pages:
        tab.open(path)
        assert tab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path


def test_on_a_phone_the_grid_scrolls_in_its_box_and_keeps_its_lane_labels(
        site: Site, new_tab: OpenTab) -> None:
    tab = _sized(new_tab, PHONE)
    tab.open(_generated_pages(site)["map"])
    box = tab.page.locator(".jm-grid-box")
    assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # four stages: wider
    box.evaluate("b => { b.scrollLeft = 400; }")
    label = tab.page.locator(".jm-grid th[scope=row]").first
    assert label.evaluate("(th, b) => Math.abs(th.getBoundingClientRect().left "
                          "- b.getBoundingClientRect().left) < 2", box.element_handle())
    # the curve's scale stays readable at the phone's width
    heights = tab.page.locator(".jm-journey-curve text").evaluate_all(
        "ts => ts.map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= SMALLEST_LABEL


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_curve_reads_without_script_in_both_palettes(site: Site, browser,
                                                         scheme: str) -> None:
    context = browser.new_context(java_script_enabled=False, color_scheme=scheme,
                                  viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(site.url + _generated_pages(site)["map"])
        if scheme == "dark":  # Material picks the palette by script; without, by hand
            page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
        curve = page.locator(".jm-journey-curve")
        assert curve.is_visible()
        strokes = page.locator(".jm-journey-curve polyline").evaluate_all(
            "ls => ls.map(l => getComputedStyle(l).stroke)")
        assert len(strokes) == 3 and len(set(strokes)) == 3  # felt, expected, to-be
        dashes = page.locator(".jm-journey-curve polyline").evaluate_all(
            "ls => ls.map(l => getComputedStyle(l).strokeDasharray)")
        assert dashes.count("none") == 1  # only the felt line is solid
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert background not in strokes
        # the hint stays a hint: the browser's own Print command does the job
        assert "Ctrl+P" in page.locator(".jm-print").inner_text()
        legend = page.locator(".jm-curve-legend").inner_text()
        assert "Felt" in legend and "Expected" in legend and "to-be" in legend
    finally:
        context.close()


def test_print_button_prints(site: Site, tab: Tab) -> None:
    tab.open(_generated_pages(site)["map"])
    tab.page.evaluate("window.print = () => { window.printed = true; }")
    tab.page.get_by_role("button", name="Print / save as PDF").click()
    assert tab.page.evaluate("window.printed") is True


def test_tags_take_one_row_above_the_title(site: Site, new_tab: OpenTab) -> None:
    for size in (DESKTOP, PHONE):
        tab = _sized(new_tab, size)
        tab.open(_generated_pages(site)["map"])
        tops = tab.page.locator("article > .md-tags > :visible").evaluate_all(
            "cs => cs.map(c => Math.round(c.getBoundingClientRect().top))")
        assert tops and len(set(tops)) == 1, size
        more = tab.page.locator(".jm-tags-more")
        more.click()
        assert tab.page.locator("article > .md-tags > a:visible").count() > len(tops) - 1


def test_a_map_of_up_to_four_stages_prints_on_two_a4_landscape_pages(
        site: Site, tab: Tab) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    maps = [m for m in site.project.maps if len(m.stages) <= 4]
    assert maps
    for journey_map in maps:
        tab.open(map_url(journey_map))
        pdf = tab.page.pdf(format="A4", landscape=True, print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
        assert 1 <= pages <= 2, (journey_map.file, pages)
    (ARTIFACTS / "map-print.pdf").write_bytes(pdf)


def test_printed_rows_are_whole_and_nothing_but_the_map_shows(site: Site, tab: Tab) -> None:
    tab.open(_generated_pages(site)["map"])
    tab.page.emulate_media(media="print")
    hidden = tab.page.evaluate("""() => [".md-header", ".md-sidebar", ".md-tags", ".md-search",
        ".jm-diagram", ".jm-print"].filter(s => document.querySelector(s)
        && getComputedStyle(document.querySelector(s)).display !== "none")""")
    assert hidden == []
    rule = tab.page.evaluate("getComputedStyle(document.querySelector('.jm-grid tr')).breakInside")
    assert rule == "avoid"


def test_the_curve_downloads_as_an_svg_file(site: Site, tab: Tab) -> None:
    tab.open(_generated_pages(site)["map"])
    link = tab.page.locator("a.jm-download")
    href = link.get_attribute("href") or ""
    assert href.endswith(".svg") and link.get_attribute("download") is not None
    response = tab.page.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.headers["content-type"].startswith("image/svg+xml")
    assert response.text().lstrip().startswith("<?xml") and "<polyline" in response.text()


def test_no_serious_accessibility_violation_on_generated_pages(site: Site,
                                                               new_tab: OpenTab) -> None:
    """axe-core, pinned in package-lock.json, in the page's content (the article)."""
    assert AXE.is_file(), "npm ci installs axe-core (make test does)"
    found: dict[str, list] = {}
    counts: Counter[str] = Counter()
    for scheme in ("light", "dark"):
        tab = new_tab(scheme)
        for kind, path in _generated_pages(site).items():
            tab.open(path)
            tab.page.add_script_tag(path=str(AXE))
            violations = tab.page.evaluate(AXE_RUN)
            counts.update(impact for _, impact, _ in violations)
            serious = [v for v in violations if v[1] in ("serious", "critical")]
            if serious:
                found[f"{scheme} {kind} {path}"] = serious
    assert found == {}, (found, counts)


def test_tag_chips_link_to_the_tags_index(site: Site) -> None:
    """Material takes the first page holding its marker for the index: the guide that
    mentions the marker must not be it."""
    page = (site.folder / _generated_pages(site)["map"] / "index.html").read_text(
        encoding="utf-8")
    links = re.findall(r'<a href="([^"]+)" class="md-tag', page)
    assert links and all(re.fullmatch(r"(\.\./)+tags/#tag:[^/]+", link) for link in links), links


def test_the_phase_row_spans_the_columns_of_its_stages(site: Site, new_tab: OpenTab) -> None:
    """Each phase heading is as wide as its run of stage columns, and above them; on
    a map whose phases span several stages, at 1440 px and on a phone."""
    project = site.project
    journey_map = next(m for m in project.maps
                       if any(g.span > 1 for g in phase_groups(project, m.stages, ENGLISH)))
    runs = [g.span for g in phase_groups(project, journey_map.stages, ENGLISH)]
    for size in (DESKTOP, PHONE):
        tab = _sized(new_tab, size)
        tab.open(map_url(journey_map))
        edges = tab.page.evaluate("""() => [".jm-phases th", "thead tr:last-child th"].map(
            s => [...document.querySelectorAll(".jm-grid " + s)].map(th => {
              const r = th.getBoundingClientRect();
              return [r.left, r.right, r.bottom, th.colSpan]; }))""")
        phases, stages = edges
        assert [span for *_, span in phases] == runs
        first = 0
        for left, right, bottom, span in phases:
            last = first + span - 1
            assert abs(left - stages[first][0]) < 1 and abs(right - stages[last][1]) < 1
            assert all(bottom <= stage[2] for stage in stages[first:last + 1])
            first += span
        assert first == len(stages) == len(journey_map.stages)


def test_in_print_the_curve_spans_the_stage_columns(site: Site, new_tab: OpenTab) -> None:
    """On paper (A4 landscape at 96 px an inch) the curve keeps the whole width of its
    lane, so each stage's points stay over its column, also for the fewest stages
    (the tallest curve)."""
    tab = _sized(new_tab, {"width": 1123, "height": 794})
    fewest = min(site.project.maps, key=lambda m: len(m.stages))
    for path in {_generated_pages(site)["map"], map_url(fewest)}:
        tab.open(path)
        tab.page.emulate_media(media="print")
        # where the drawing lands (not its box, which an SVG letterboxes into)
        curve, lane = tab.page.evaluate("""() => {
            const svg = document.querySelector(".jm-journey-curve"), m = svg.getScreenCTM();
            const td = document.querySelector(".jm-lane-curve td").getBoundingClientRect();
            return [[m.e, m.e + m.a * svg.viewBox.baseVal.width], [td.left, td.right]]; }""")
        # within the cell's 1 px border
        assert abs(curve[0] - lane[0]) <= 1.5 and abs(curve[1] - lane[1]) <= 1.5, path
