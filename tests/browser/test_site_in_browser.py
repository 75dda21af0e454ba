"""The built site as a reader's browser shows it: diagrams, search, links, no errors."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from journeymaps.mkdocs.mermaid_assets import SITE_PATH
from journeymaps.model.journey_map import JourneyMap
from journeymaps.model.persona import Persona
from journeymaps.pages import site_layout
from journeymaps.pages.diagram import neutralise

from .conftest import ARTIFACTS, WAIT_MS, OpenTab, Site, Tab

pytestmark = pytest.mark.browser

TITLE_FILL = """() => {
  const svg = document.querySelector("div.mermaid").shadowRoot.querySelector("svg");
  return getComputedStyle(svg.querySelector(":scope > text:not([class])")).fill;
}"""
#: the journey's box within the article (a wider journey scrolls inside it), its height
#: in proportion (no empty band)
FITS = """svg => {
  const box = svg.getBoundingClientRect(), view = svg.viewBox.baseVal;
  const frame = svg.getRootNode().host.closest("figure").getBoundingClientRect();
  const article = document.querySelector("article").getBoundingClientRect();
  return frame.right <= article.right + 1
    && Math.abs(box.height - box.width * view.height / view.width) < 2;
}"""
#: the colour Material's palette gives diagram labels, resolved on this page
LABEL_COLOUR = """() => {
  const probe = document.createElement("span");
  probe.style.color = "var(--md-mermaid-label-fg-color)";
  document.querySelector("article").append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}"""


def url(page: str) -> str:
    return site_layout.page_url(page)


def map_url(journey_map: JourneyMap) -> str:
    return url(site_layout.map_page(journey_map))


def persona_url(persona: Persona) -> str:
    return url(site_layout.persona_page(persona.id))


def compact(text: str) -> str:
    """Text without white space: Mermaid may wrap a label over several lines."""
    return "".join(text.split())


def svg_text(tab: Tab) -> str:
    return tab.page.locator("div.mermaid svg").first.text_content() or ""


def test_every_map_draws_its_journey_diagram(site: Site, tab: Tab) -> None:
    assert site.project.maps
    for journey_map in site.project.maps:
        tab.open(map_url(journey_map))
        diagram = tab.page.locator("div.mermaid svg").first
        assert diagram.get_attribute("aria-roledescription") == "journey"
        assert diagram.evaluate(FITS), journey_map.file
        drawn = compact(svg_text(tab))
        assert compact(neutralise(journey_map.title)) in drawn
        names = [tp.name for stage in journey_map.stages for tp in stage.touchpoints]
        assert names, journey_map.file
        for name in names:
            assert compact(neutralise(name)) in drawn, (journey_map.file, name)


def test_mermaid_runs_with_strict_security(site: Site, tab: Tab) -> None:
    """Author text cannot add click handlers or HTML labels, whatever Material configures."""
    tab.open(map_url(site.project.maps[0]))
    tab.page.locator("div.mermaid svg").first.wait_for()
    assert tab.page.evaluate("mermaid.mermaidAPI.getConfig().securityLevel") == "strict"
    tab.page.evaluate("mermaid.initialize({securityLevel: 'loose'})")
    assert tab.page.evaluate("mermaid.mermaidAPI.getConfig().securityLevel") == "strict"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagrams_take_the_palette_colours(site: Site, new_tab: OpenTab, scheme: str) -> None:
    tab = new_tab(scheme)
    tab.open(map_url(site.project.maps[0]), to_click=True)
    page = tab.page
    first = page.evaluate("document.body.dataset.mdColorScheme")
    assert first == {"light": "default", "dark": "slate"}[scheme]
    before = page.evaluate(TITLE_FILL)
    assert before == page.evaluate(LABEL_COLOUR)
    page.locator("label.md-header__button[for^='__palette_']:visible").click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme !== '{first}'",
                           timeout=WAIT_MS)
    after = page.evaluate(TITLE_FILL)
    assert after == page.evaluate(LABEL_COLOUR)
    assert after != before
    assert tab.errors == []


def test_instant_navigation_to_a_map_draws_its_diagram(site: Site, tab: Tab) -> None:
    """From a page without a diagram (a persona) to a map, then to another map."""
    persona, journey_map, _ = _persona_map_and_fellow(site)
    sibling = site.project.journey_siblings(journey_map)[0]
    tab.open(persona_url(persona), to_click=True)
    page = tab.page
    assert site.diagrams_in(persona_url(persona)) == 0
    assert page.evaluate("typeof window.mermaid") == "undefined"
    page.evaluate("window.sameDocument = true")  # gone if the browser loads a new page
    for target in (journey_map, sibling):  # the second reuses the Mermaid already loaded
        page.locator("article").get_by_role("link", name=target.title, exact=True).click()
        tab.arrive(map_url(target), target.title)
        assert compact(neutralise(target.title)) in compact(svg_text(tab))
        assert page.locator("div.mermaid svg").first.evaluate(FITS)
        assert page.evaluate("window.sameDocument") is True
        assert page.evaluate(TITLE_FILL) == page.evaluate(LABEL_COLOUR)
    assert [r for r in tab.requested if r.endswith(SITE_PATH)] == [site.url + SITE_PATH]
    assert tab.errors == [] and tab.blocked == []


def test_searching_a_pain_point_lists_its_map(site: Site, tab: Tab) -> None:
    journey_map, pain_point = next(
        (m, p) for m in site.project.maps for stage in m.stages for p in stage.pain_points)
    tab.open("", to_click=True)
    search = tab.page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(pain_point)
    results = tab.page.locator(f".md-search-result__list a[href*='/{map_url(journey_map)}']")
    expect(results.first).to_be_visible(timeout=WAIT_MS)


def _persona_map_and_fellow(site: Site) -> tuple[Persona, JourneyMap, Persona]:
    """A persona, one of its maps, and another persona on the same journey."""
    project = site.project
    for persona in project.personas.values():
        for journey_map in project.maps_by_persona.get(persona.id, []):
            for other in project.journey_siblings(journey_map):
                for fellow_id in other.persona:
                    if fellow_id != persona.id and fellow_id in project.personas:
                        return persona, journey_map, project.personas[fellow_id]
    raise AssertionError("no two personas share a journey in this site")


def test_persona_to_map_to_fellow_persona_by_links(site: Site, tab: Tab) -> None:
    persona, journey_map, fellow = _persona_map_and_fellow(site)
    tab.open(persona_url(persona), to_click=True)
    page = tab.page
    article = page.locator("article")
    page.evaluate("window.sameDocument = true")  # gone if the browser loads a new page
    article.get_by_role("link", name=journey_map.title, exact=True).first.click()
    tab.arrive(map_url(journey_map), journey_map.title)
    article.get_by_role("link", name=fellow.display_name, exact=True).first.click()
    tab.arrive(persona_url(fellow), fellow.display_name)
    assert page.evaluate("window.sameDocument") is True
    assert tab.errors == []


def test_no_errors_and_no_outside_request_on_any_page(site: Site, tab: Tab) -> None:
    pages = sorted(str(p.parent.relative_to(site.folder)) for p in site.folder.rglob("index.html"))
    pages = [("" if p == "." else p + "/") for p in pages]
    kinds = {p.split("/", 1)[0] for p in pages}
    assert {site_layout.MAPS, site_layout.PERSONAS} <= kinds
    for path in pages:
        tab.requested.clear()
        tab.open(path)
        loads_mermaid = any(r.endswith(SITE_PATH) for r in tab.requested)
        assert loads_mermaid == (site.diagrams_in(path) > 0), path
    assert tab.errors == []
    assert tab.blocked == []


def test_screenshots_of_a_map_and_a_persona(site: Site, tab: Tab) -> None:
    """Saved as test artefacts; `make screenshots` copies them to docs-images/.
    The map is shown from the top (header, diagram, the start of the stages),
    preferably an as-is one; the persona whole."""
    persona, journey_map, _ = _persona_map_and_fellow(site)
    maps = site.project.maps_by_persona[persona.id]
    journey_map = next((m for m in maps if m.state == "current"), journey_map)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path, full_page in (("map-page", map_url(journey_map), False),
                                  ("persona-page", persona_url(persona), True)):
        tab.page.set_viewport_size({"width": 1280, "height": 1400 if full_page else 1200})
        tab.open(path)
        shot = ARTIFACTS / f"{name}.png"
        tab.page.screenshot(path=str(shot), full_page=full_page)
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert tab.errors == []
