"""The company-wide views in real ``mkdocs build --strict`` runs: the fixture of
test_company_views built with Material's tags plugin, the repository's sample
site, and the table sorter in a real browser when one is installed."""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, REPO, Build, mkdocs_build, write_tree
from journeymaps.analysis.health import stale_maps, weakest_links
from journeymaps.analysis.options import SiteOptions
from journeymaps.language.labels import ENGLISH
from journeymaps.load.project import load_project
from journeymaps.pages import site_layout
from test_company_views import COMPANY


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("company")
    files = dict(COMPANY)
    # staleness is measured from the day the build runs: keep Anna's map fresh
    files["maps/telecom/moving-anna.md"] = files["maps/telecom/moving-anna.md"].replace(
        "reviewed: 2025-05-01", f"reviewed: {dt.date.today().isoformat()}")
    write_tree(root, {
        **files,
        "mkdocs.yml": MKDOCS_YML + "  - tags\n",
        "site_src/index.md": "# Home\n\n<!-- journeymaps:figures -->\n",
        "site_src/tags.md": "# Tags\n\n<!-- material/tags -->\n",
    })
    build = mkdocs_build(root, root / "site")
    assert build.returncode == 0, build.output
    return build


def text(page: str) -> str:
    """The visible text of the page's article, tags stripped, spaces collapsed."""
    article = page[page.index("<article"):page.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_home_page_figures(built: Build) -> None:
    home = built.page("")
    figures = home[home.index('class="grid cards jm-figures"'):]
    assert '<strong><a href="maps/">3</a></strong> journey maps' in figures
    assert '<strong><a href="personas/">3</a></strong> personas' in figures
    assert '<strong><a href="journeys/">1</a></strong> journey</li>' in figures
    assert '<strong><a href="faq-gaps/">2</a></strong> open FAQ gaps' in figures
    assert '<strong><a href="health/#stale-maps">2</a></strong> stale maps' in figures
    weakest = text(home)[text(home).index("The 3 weakest touchpoints"):]
    assert weakest.startswith("The 3 weakest touchpoints Technician visit (1/5) · Installation · "
                              "Moving house (Anna) · Anna Nowak Hotline call (2/5)")
    assert '<a href="maps/telecom/moving-anna/">Moving house (Anna)</a>' in home


def test_stylesheet_and_script_are_in_the_site_and_on_every_page(built: Build) -> None:
    for asset in (site_layout.STYLESHEET, site_layout.SCRIPT):
        assert (built.site / asset).is_file()
    page = built.page("maps/telecom/moving-anna")
    assert 'href="../../../assets/journeymaps/journeymaps.css"' in page
    assert 'src="../../../assets/journeymaps/journeymaps.js"' in page


def test_catalogue_page(built: Build) -> None:
    page = built.page("maps")
    assert page.count('<div class="jm-sortable">') == 1
    # Material's search indexes the intro, not the table that repeats the maps' words
    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    catalogue = next(doc for doc in index["docs"] if doc["location"] == "maps/")
    assert "3 maps in 2 folders" in catalogue["text"] and "Moving house" not in catalogue["text"]
    assert any("Moving house" in doc["title"] for doc in index["docs"])
    words = text(page)
    assert "3 maps in 2 folders." in words
    assert words.index("First bill") < words.index("Top level") \
        < words.index("Moving house (Anna)") < words.index("telecom") \
        < words.index("Moving house (Bob)")
    # the facets and the anchors survive cleaning; the filter bar names its facets
    assert '<span id="folder-telecom"></span><a href="telecom/moving-anna/">' in page
    assert 'data-jm-folder="telecom" data-jm-persona="anna:Anna%20Nowak"' in page
    assert '<span data-jm-facet="owner">Owner</span>' in page
    assert '<a href="telecom/moving-anna/">Moving house (Anna)</a>' in page
    assert '<a href="../journeys/moving/">moving</a>' in page
    assert '<a href="../personas/anna/">Anna Nowak</a>' in page
    row = page[page.index('<a href="telecom/moving-bob/">'):]
    row = row[:row.index("</tr>")]
    assert "2024-01-01 ⚠ stale" in row and "jm-heat-4" in row and "<svg" in row


def test_persona_gallery_page(built: Build) -> None:
    page = built.page("personas")
    assert '<a href="anna/">Anna Nowak</a>' in page
    assert re.search(r'<img alt="Bob Smith" class="jm-avatar" src="bob.png"', page)
    assert (built.site / "personas" / "bob.png").is_file()
    words = text(page)
    assert "Millennials · 2 journey maps" in words and "Gen Z · no journey map yet" in words


def test_journey_comparison_page_and_map_pages_link_it(built: Build) -> None:
    page = built.page("journeys/moving")
    article = page[page.index("<article"):page.index("</article>")]
    assert article.count("<svg") == 1 and article.count("<polyline") == 2
    words = text(page)
    assert "The views part most at Inquiry (a spread of 1.5 points" in words
    assert '<a href="../../personas/bob/">Bob Smith</a>' in page
    assert '<a href="../../maps/telecom/moving-bob/">as-is</a>' in page
    anna = built.page("maps/telecom/moving-anna")
    assert '<a href="../../../journeys/moving/">compare the personas side by side</a>' in anna
    assert '<a href="moving/">moving</a>' in built.page("journeys")


def test_channel_matrix_page(built: Build) -> None:
    words = text(built.page("channels"))
    assert "5 channels and 8 touchpoints across 3 maps." in words
    summary = words[words.index("Channel Touchpoints Feeling"):]
    assert [summary.index(f" {c} ") for c in ("phone", "store", "web", "email", "field")] == \
        sorted(summary.index(f" {c} ") for c in ("phone", "store", "web", "email", "field"))
    assert "Hotline call 3.0 ( Moving house (Anna) , Moving house (Bob) )" in words


def test_opportunity_backlog_page(built: Build) -> None:
    words = text(built.page("opportunities"))
    order = [words.index(o) for o in ("Send an arrival SMS", "Explain the first bill",
                                      "Callback option", "Offer a home visit",
                                      "Show the total price")]
    assert order == sorted(order)
    assert "5 opportunities (2 high, 1 medium, 1 low, 1 unset)." in words


def test_map_health_page(built: Build) -> None:
    page = built.page("health")
    words = text(page)
    assert "Stale maps : 2 maps" in words and "Personas without maps : 1 persona" in words
    assert 'id="stale-maps"' in page and 'id="obstacle-clusters"' in page
    stale = words[words.index("set reviewed: ."):words.index("Weakest links 4 The")]
    assert stale.index("First bill") < stale.index("Moving house (Bob)")
    assert "Moving house (Anna)" not in stale
    assert "Carol Jones Gen Z" in words


def test_navigation_groups_the_reports(built: Build) -> None:
    nav = built.page("")
    nav = nav[nav.index('class="md-nav md-nav--primary"'):nav.index('class="md-content"')]
    titles = re.findall(r'class="md-ellipsis">\s*([^<]*?)\s*<', nav)
    first = {t: titles.index(t) for t in ("Journey maps", "Personas", "Journeys", "Reports",
                                          "Omnichannel matrix", "Opportunity backlog",
                                          "Map health")}
    assert list(first) == sorted(first, key=first.get)


def test_tags_index_lists_maps_by_persona_journey_and_channel(built: Build) -> None:
    tags = built.page("tags")
    for tag in ("Anna Nowak", "moving", "phone", "relocation", "as-is"):
        assert f'<span class="md-tag">{tag}</span>' in tags, tag
    phone = tags[tags.index('<span class="md-tag">phone</span>'):]
    phone = phone[:phone.index("</ul>")]
    assert "Moving house (Anna)" in phone and "Moving house (Bob)" in phone  # "Phone" too
    assert "First bill" not in phone


def test_reports_are_searchable(built: Build) -> None:
    index = json.loads((built.site / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for url in ("maps/", "personas/", "journeys/moving/", "channels/", "opportunities/",
                "health/"):
        assert url in locations, url


def test_sample_site_has_every_company_view(sample_site: Build) -> None:
    home = sample_site.page("")
    assert 'class="grid cards jm-figures"' in home
    for url, title in (("maps", "Journey maps"), ("personas", "Personas"),
                       ("journeys", "Journeys"), ("channels", "Omnichannel matrix"),
                       ("opportunities", "Opportunity backlog"), ("health", "Map health")):
        assert re.search(f"<h1[^>]*>{title}<", sample_site.page(url)), url
        assert f'href="{url}/"' in home, url
    assert (sample_site.site / "tags" / "index.html").is_file()
    guide = sample_site.page("guide/reports")  # shows the marker, does not expand it
    assert "&lt;!-- journeymaps:figures --&gt;" in guide and "jm-figures" not in guide


def test_sample_site_figures_agree_with_its_maps(sample_site: Build) -> None:
    """Whatever the sample maps say, each page shows the figures the core computes."""
    project = load_project(REPO, REPO / "maps", REPO / "site_src")
    options = SiteOptions()
    home = text(sample_site.page(""))
    gaps = len(project.questions.gaps)
    for count, key in ((len(project.maps), "figures.maps"),
                       (len(project.personas), "figures.personas"),
                       (len(project.maps_by_journey), "figures.journeys"),
                       (gaps, "figures.gaps"),
                       (len(stale_maps(project, options)), "figures.stale")):
        figure = f"{count} {ENGLISH.count(key, count, days=options.stale_after_days)}"
        assert figure in home, figure
    for link in weakest_links(project, 3):
        assert f"{link.touchpoint.name} ({link.touchpoint.score}/5)" in home
    if project.maps:
        catalogue = sample_site.page("maps")
        assert f"{len(project.maps)} map" in text(catalogue)
        for journey_map in project.maps:
            assert f'href="{journey_map.slug}/"' in catalogue, journey_map.slug
    for journey in project.maps_by_journey:
        page = sample_site.page(site_layout.page_url(site_layout.journey_page(journey)))
        article = page[page.index("<article"):page.index("</article>")]
        assert article.count('<g class="jm-curve ') == len(project.maps_by_journey[journey])
    opportunities = sum(len(s.opportunities) for m in project.maps for s in m.stages)
    if opportunities:
        assert f"{opportunities} opportunit" in text(sample_site.page("opportunities"))


BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
SORT_TEST = """<!doctype html><html><body>
<div class="jm-sortable"><table><thead><tr><th>Name</th><th>Score</th><th>Date</th></tr>
</thead><tbody>
<tr><td>b</td><td><span>2.5</span> x</td><td><span data-sort="2024-01-01">2024</span></td></tr>
<tr><td>a</td><td>\u2013</td><td><span data-sort="0000">never</span></td></tr>
<tr><td>c</td><td>10</td><td><span data-sort="2025-05-01">2025</span></td></tr>
<tr><td>d</td><td>3</td><td><span data-sort="2023-05-01">2023</span></td></tr>
</tbody></table></div>
<script src="journeymaps.js"></script>
<script>
document.addEventListener("DOMContentLoaded", function () {
  var th = document.querySelectorAll("th"), out = [];
  function order() {
    return Array.prototype.map.call(document.querySelectorAll("tbody tr"),
      function (row) { return row.cells[0].textContent; }).join("");
  }
  th[1].click(); out.push(order()); th[1].click(); out.push(order());
  th[2].click(); out.push(order()); th[0].click(); th[0].click(); out.push(order());
  document.body.setAttribute("data-result", out.join(","));
});
</script></body></html>
"""


@pytest.mark.browser
def test_tables_sort_in_a_real_browser(tmp_path: Path) -> None:
    if BROWSER is None:  # as the browser tests: CI (JOURNEYMAPS_REQUIRE_BROWSER=1) fails
        message = "no chromium: install Debian's chromium to run"
        if os.environ.get("JOURNEYMAPS_REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    shutil.copy(REPO / "plugin" / "journeymaps" / "website" / "assets" / "journeymaps.js", tmp_path)
    (tmp_path / "sort.html").write_text(SORT_TEST, encoding="utf-8")
    done = subprocess.run(
        [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
         (tmp_path / "sort.html").as_uri()], capture_output=True, text=True, timeout=120)
    result = re.search(r'data-result="([^"]*)"', done.stdout)
    assert result, done.stdout + done.stderr
    # numbers as numbers (10 after 3), the dash last either way, data-sort over the text
    assert result.group(1) == "bdca,cdba,adbc,dcba"


def test_site_with_its_own_nav_and_assets_already_listed(tmp_path: Path) -> None:
    """An explicit `nav:` keeps its shape (no Reports section forced into it), and a
    site that already lists the stylesheet and script does not get them twice."""
    write_tree(tmp_path, {
        **COMPANY,
        "mkdocs.yml": MKDOCS_YML + (
            "nav:\n  - index.md\n  - Maps: maps/index.md\n  - health.md\n"
            f"extra_css: [{site_layout.STYLESHEET}]\n"
            f"extra_javascript: [{site_layout.SCRIPT}]\n"),
        "site_src/index.md": "# Home\n",
    })
    build = mkdocs_build(tmp_path, tmp_path / "site")
    assert build.returncode == 0, build.output
    home = build.page("")
    assert home.count("journeymaps.css") == 1 and home.count("journeymaps.js") == 1
    nav = home[home.index('class="md-nav md-nav--primary"'):home.index('class="md-content"')]
    assert "Map health" in nav and "Reports" not in nav and "Opportunity backlog" not in nav
    assert (build.site / "opportunities" / "index.html").is_file()  # built, just not in nav


def test_no_reports_section_without_report_pages() -> None:
    from mkdocs.structure.nav import Navigation

    from journeymaps.mkdocs.plugin import _group_reports

    nav = Navigation([], [])
    _group_reports(nav, "Reports")
    assert nav.items == []
