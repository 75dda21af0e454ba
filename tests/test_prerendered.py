"""HTML the writer makes itself (the metrics' tables and cells): past Markdown and
search in a real build, the same page as an engine without the extension makes, and
no way around the cleaning for an author."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import mkdocs_build, without_directory_urls
from journeymaps.mkdocs.prerendered import PrerenderedExtension
from journeymaps.model.project import Project
from journeymaps.pages.map_page import render_map_page
from journeymaps.pages.markdown import prerendered
from journeymaps.pages.metrics_report import render_metrics_report
from journeymaps.pages.report import html_table
from journeymaps.safety import sanitize
from journeymaps.safety.sanitize import BODY_MARKER, clean, clean_each, clean_fragments
from journeymaps.safety.text import cell, html_text
from safety import EXTENSION_CONFIGS, EXTENSIONS, OUR_SVG, render, unsafe_html, unsafe_in_site
from test_fuzz import texts
from test_living_data import CATALOGUE, HEADER, MAP, PERSONA

MakeProject = Callable[[dict[str, str]], Path]
SERIES = (HEADER + "telecom/moving,Inquiry,nps,2026-01-31,18,Survey Q4\n"
          "telecom/moving,Inquiry,nps,2026-03-31,25,Survey Q1\n"
          "telecom/moving,,hold,2026-03-31,4,ACD\n")
FILES = {"maps/personas/anna.md": PERSONA, "maps/telecom/moving.md": MAP,
         "maps/metrics.yml": CATALOGUE, "maps/metrics/export.csv": SERIES}
#: what is left of a fragment's placeholder, if one were left
PLACEHOLDER = re.compile(r'id="jm-html-')


def _metrics_table(page: str) -> str:
    return page[page.index('<div class="jm-html">'):page.index("</table>") + len("</table>")]


def test_a_built_site_has_the_fragments_in_place_of_their_placeholders(
        project_dir: MakeProject, tmp_path: Path) -> None:
    build = mkdocs_build(project_dir(FILES), tmp_path / "out")
    assert build.returncode == 0, build.output
    metrics, moving = build.page("metrics"), build.page("maps/telecom/moving")
    table = _metrics_table(metrics)
    assert '<a href="../maps/telecom/moving/">Moving house</a>' in table
    assert "<strong>25 points</strong>" in table and "<em>Survey Q1 · 2026-03-31</em>" in table
    assert "Net Promoter Score: <strong>25 points</strong>" in moving  # the stage's cell
    assert "Hold time: <strong>4 min</strong>" in moving  # the map's header
    assert not [p for p in build.site.rglob("*.html") if PLACEHOLDER.search(p.read_text())]
    assert unsafe_in_site(build.site) == {}


def test_search_reads_the_metric_names_not_the_tables(project_dir: MakeProject,
                                                       tmp_path: Path) -> None:
    build = mkdocs_build(project_dir(FILES), tmp_path / "out")
    assert build.returncode == 0, build.output
    index = json.loads((build.site / "search/search_index.json").read_text())
    metrics = [d for d in index["docs"] if d["location"].startswith("metrics/")]
    assert "Net Promoter Score" in [d["title"] for d in metrics]  # a metric's heading
    assert not [d for d in index["docs"] if "Survey Q1" in d["text"]]  # a table's cell


def test_links_name_index_html_without_directory_urls(project_dir: MakeProject,
                                                      tmp_path: Path) -> None:
    build = mkdocs_build(without_directory_urls(project_dir(FILES)), tmp_path / "out")
    assert build.returncode == 0, build.output
    table = _metrics_table(build.page("metrics"))
    assert '<a href="../maps/telecom/moving/index.html">Moving house</a>' in table
    assert (build.site / "metrics" / "../maps/telecom/moving/index.html").resolve().is_file()


def _with_extension(page: str) -> str:
    """A page as the plugin makes it: fragments out of Markdown, cleaned, then back."""
    extension = PrerenderedExtension(token="t")
    converted = markdown.Markdown(extensions=[*EXTENSIONS, extension],
                                  extension_configs=EXTENSION_CONFIGS).convert(
        page[page.index("\n---\n", 3) + 5:])
    fragments = {n: clean(f, svg=True) for n, f in extension.take().items()}
    return extension.restore(converted, fragments)[0]


def _normalised(markup: str) -> str:
    """The same elements and text: comments, line breaks between tags and the
    cleaning's spelling of an element set aside."""
    return re.sub(r">\s+<", "><", clean(re.sub(r"<!--.*?-->", "", markup), svg=True)).strip()


def test_an_engine_without_the_extension_makes_the_same_page(load: Callable[
        [dict[str, str]], Project]) -> None:
    """Zensical reads the fragments as raw HTML: what it shows is what MkDocs shows."""
    project = load(FILES)
    for page in (render_metrics_report(project), render_map_page(project.maps[0], project)):
        assert '<!--jm-html-->' in page or '<div class="jm-html">' in page
        assert _normalised(_with_extension(page)) == _normalised(render(page))


def test_author_text_cannot_close_a_fragment_or_reach_markdown(load: Callable[
        [dict[str, str]], Project]) -> None:
    hostile = "x<!--/jm-html--><script>alert(1)</script> *em* [a](javascript:alert(2))"
    catalogue = CATALOGUE.replace("name: Net Promoter Score", f"name: {json.dumps(hostile)}")
    project = load({**FILES, "maps/metrics.yml": catalogue})
    page = render_map_page(project.maps[0], project)
    for html in (render(page), _with_extension(page)):
        assert unsafe_html(html, OUR_SVG) == []
        assert "&lt;script&gt;alert" in html  # shown as written, inert
        assert "<em>em</em>" not in html


def test_a_forged_fragment_or_placeholder_in_a_body_is_cleaned(project_dir: MakeProject,
                                                                 tmp_path: Path) -> None:
    body = ('\n<div class="jm-html"><script>alert(1)</script><b>bold</b></div>\n\n'
            '<span id="jm-html-0000-0"></span> <!--jm-html--><img src=x onerror=alert(2)>'
            '<!--/jm-html-->\n')
    build = mkdocs_build(project_dir({**FILES, "maps/telecom/moving.md": MAP + body}),
                         tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert unsafe_in_site(build.site) == {}
    assert "<b>bold</b>" in build.page("maps/telecom/moving")


def test_a_fragment_is_one_line() -> None:
    assert prerendered("<b>a\nb</b>\r\n", block=True) == '<div class="jm-html"><b>a b</b>  </div>'


def test_fragments_cleaned_in_one_pass_as_each_alone(load: Callable[
        [dict[str, str]], Project], monkeypatch: pytest.MonkeyPatch) -> None:
    project = load(FILES)
    extension = PrerenderedExtension(token="t")
    page = render_map_page(project.maps[0], project)
    markdown.Markdown(extensions=[*EXTENSIONS, extension],
                      extension_configs=EXTENSION_CONFIGS).convert(page)
    fragments = list(extension.take().values())
    assert len(fragments) >= 2
    calls: list[str] = []
    monkeypatch.setattr(sanitize, "clean", lambda m, **kw: calls.append(m) or clean(m, **kw))
    assert clean_each(fragments, svg=True) == [clean(f, svg=True) for f in fragments]
    assert len(calls) == 1  # the writer's fragments: one pass of the cleaner
    # what is not a whole element comes back as it would alone, never merged
    odd = ["<b>open", "<i>x</i>", "<script>alert(1)</script>y"]
    assert clean_each(odd) == [clean(f) for f in odd]


def test_a_body_keeps_its_own_html() -> None:
    """After the body marker the preprocessor takes nothing: the author's raw HTML
    stays Markdown's, cleaned as the body's."""
    extension = PrerenderedExtension(token="t")
    body = '<div class="jm-html"><b>x</b></div>'
    markdown.Markdown(extensions=[extension]).convert(
        f"{prerendered('<i>ours</i>', block=True)}\n\n{BODY_MARKER}\n\n{body}\n")
    assert list(extension.take().values()) == ['<div class="jm-html"><i>ours</i></div>']


def _table(cells: list[list[str]]) -> str:
    """A writer's table as the extension takes it out of a page: its fragment."""
    extension = PrerenderedExtension(token="t")
    markdown.Markdown(extensions=[extension]).convert(html_table(["a", "b"], cells))
    (fragment,) = extension.take().values()
    return fragment


@settings(max_examples=200)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=6), st.integers(0, 5))
def test_a_table_cleaned_by_rows_is_the_table_cleaned_whole(
        rows: list[tuple[str, str]], edited: int) -> None:
    """A preview cleans a writer's table by its rows and keeps them (``clean_fragments``
    with ``CleanedParts``): the same HTML as cleaning it whole, before and after one
    row changes, whatever the author's text in the cells."""
    cells = [[f'<span data-sort="{i}">{html_text(a)}</span>', sparkline_like(b)]
             for i, (a, b) in enumerate(rows)]
    kept = sanitize.CleanedParts()
    for _ in range(2):
        fragments = [_table(cells), '<div class="jm-html"><b>x</b></div>']
        assert clean_fragments(fragments, svg=True, kept=kept) == clean_each(fragments,
                                                                           svg=True)
        kept.finish()
        cells[edited % len(cells)][0] += "<i>edited</i>"


def sparkline_like(text: str) -> str:
    """A cell as measures.trend makes one: an SVG with the author's text as its label."""
    return (f'<svg class="jm-spark" viewBox="0 0 10 10" role="img" aria-label="{html_text(text)}">'
            f'<polyline points="0,0 10,10"></polyline></svg>')


def test_rows_that_are_not_the_writers_are_cleaned_whole() -> None:
    """A table whose rows are not whole (a cell left open) comes back as cleaned whole,
    never spliced: the rows' pass refuses it."""
    odd = ('<div class="jm-html"><table><tbody><tr><td><b>open</td></tr>'
           '<tr><td>x</td></tr></tbody></table></div>')
    kept = sanitize.CleanedParts()
    assert clean_fragments([odd], kept=kept) == [clean(odd)]
    evil = ('<div class="jm-html"><table><tbody><tr><td>a</td></tr><script>alert(1)</script>'
            '<tr><td>b</td></tr></tbody></table></div>')
    assert clean_fragments([evil], kept=kept) == [clean(evil)]
    assert "<script" not in clean_fragments([evil], kept=kept)[0]


def _report(rows: list[tuple[str, str]], body: str = "") -> str:
    """A generated report's HTML as Markdown makes it: a table of the author's cells
    between the fields, then the author's body."""
    table = "\n".join(f"| {cell(a)} | {cell(b)} |" for a, b in rows)
    return render(f"# Report\n\n| Map | Owner |\n|---|--:|\n{table}\n\n"
                  f"Notes: {cell(rows[0][0])}\n\n| Other |\n|---|\n| x |\n\n"
                  f"{BODY_MARKER}\n\n{body}\n")


@settings(max_examples=200)
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=6), st.integers(0, 5), texts)
def test_a_page_cleaned_by_rows_is_the_page_cleaned_whole(
        rows: list[tuple[str, str]], edited: int, body: str) -> None:
    """A preview cleans a generated page's tables by their rows and keeps them
    (``clean_page`` with ``CleanedParts``): the same HTML as cleaning the page whole,
    before and after one row changes, whatever the author wrote."""
    kept = sanitize.CleanedParts()
    for _ in range(2):
        page = _report(rows, body)
        assert sanitize.clean_page(page, kept) == sanitize.clean_page(page)
        kept.finish()
        a, b = rows[edited % len(rows)]
        rows[edited % len(rows)] = (a + " edited", b)


def test_a_page_cleaned_again_cleans_only_its_changed_rows(
        monkeypatch: pytest.MonkeyPatch) -> None:
    cleaned: list[str] = []
    whole = sanitize.clean

    def counting(markup: str, *, svg: bool = False) -> str:
        cleaned.append(markup)
        return whole(markup, svg=svg)
    kept = sanitize.CleanedParts()
    rows = [(f"Map {i}", f"Team {i}") for i in range(50)]
    sanitize.clean_page(_report(rows), kept)
    kept.finish()
    rows[7] = ("Map 7", "Team edited")
    monkeypatch.setattr(sanitize, "clean", counting)
    page = sanitize.clean_page(_report(rows), kept)
    assert "Team edited" in page and page == whole(_report(rows).partition(BODY_MARKER)[0],
                                                   svg=True) + whole("")
    assert len(cleaned) == 1 + 1  # the changed row (its own table), and the empty body
    assert "Team edited" in cleaned[0] and "Team 8" not in cleaned[0]
    assert kept.token not in page


def test_a_page_whose_rows_are_not_markdowns_is_cleaned_whole() -> None:
    """Rows with anything but line breaks between them (markup that got past
    escaping), or rows not whole, are never spliced: the page is cleaned whole."""
    kept = sanitize.CleanedParts()
    for head in ("<table><tbody>\n<tr><td>a</td></tr><script>alert(1)</script>"
                 "<tr><td>b</td></tr>\n</tbody></table>",
                 "<table><tbody>\n<tr><td><b>open</td></tr>\n<tr><td>x</td></tr>\n"
                 "</tbody></table>",
                 "<table><tbody>\n<tr><td>a</td></tr>\n</tbody></table>"
                 f'<tbody><tr id="jm-{kept.token}-0"></tr></tbody>'):
        page = f"{head}{BODY_MARKER}<p onclick=x>b</p>"
        assert sanitize.clean_page(page, kept) == sanitize.clean_page(page)
        assert "<script" not in sanitize.clean_page(page, kept)


def test_a_page_not_rendered_keeps_its_cleaned_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild that renders only some pages (or none: a save that changed nothing)
    leaves the others' cleaned rows for the next rebuild that renders them
    (``CleanedPages``); a page rendered again keeps only what it used."""
    cleaned: list[int] = []
    rows_pass = sanitize._clean_rows

    def counting(rows: list[str], svg: bool) -> list[str] | None:
        cleaned.append(len(rows))
        return rows_pass(rows, svg)
    monkeypatch.setattr(sanitize, "_clean_rows", counting)
    table = [_table([[f"<b>{i}</b>", "x"] for i in range(5)])]
    pages = sanitize.CleanedPages()
    clean_fragments(table, kept=pages.page("metrics.md"))
    pages.finish()
    clean_fragments(["<p>map</p>"], kept=pages.page("maps/a.md"))  # only the map page
    pages.finish()
    pages.finish()  # a rebuild that rendered nothing
    assert clean_fragments(table, kept=pages.page("metrics.md")) == clean_each(table)
    assert [n for n in cleaned if n] == [5], "the metrics page's rows were cleaned again"
    pages.finish()
    clean_fragments([_table([["<b>other</b>", "y"]])], kept=pages.page("metrics.md"))
    pages.finish()
    clean_fragments(table, kept=pages.page("metrics.md"))  # its rows unused last time
    assert cleaned[-1] == 5


def test_fragments_are_cleaned_a_batch_at_a_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The cleaner is given at most ``BATCH`` characters a call (a longer fragment alone):
    the metrics page's tables at 5,000 maps in one call held 600 MB more at once. Batches
    clean as the whole did, rows of a table too."""
    fragments = [f'<div class="jm-html"><b>{i}</b><script>x</script></div>' for i in range(10)]
    whole = clean_each(fragments)
    calls: list[str] = []
    monkeypatch.setattr(sanitize, "BATCH", 2 * len(fragments[0]) + 1)
    monkeypatch.setattr(sanitize, "clean", lambda m, **kw: calls.append(m) or clean(m, **kw))
    assert clean_each(fragments) == whole
    assert len(calls) == 5 and all(len(c) <= sanitize.BATCH + 60 for c in calls)
    calls.clear()
    long = fragments[0] * 3  # longer than a batch: cleaned alone, whole
    assert clean_each([long, *fragments[:2]]) == [clean(long), *whole[:2]]
    assert calls[0] == long
    table = _table([[f"<i>{i}</i>", "<b>y</b><img src=javascript:x>"] for i in range(9)])
    monkeypatch.setattr(sanitize, "BATCH", len(table) // 4)
    calls.clear()
    kept = sanitize.CleanedParts()
    assert clean_fragments([table], kept=kept) == [clean(table)]
    assert len(calls) > 2  # the rows' batches, and the table's shell
