"""Hostile input: nothing an author writes may run in a reader's browser or break a page.

See SECURITY.md for the threat model; each section here proves one of its answers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from mkdocs.utils import get_relative_url

from conftest import REPO, mkdocs_build
from journeymaps.load.project import Project
from journeymaps.mkdocs import mermaid_assets
from journeymaps.model.journey_map import JourneyMap
from journeymaps.model.problem import Problem
from journeymaps.model.stage import Stage
from journeymaps.model.touchpoint import Touchpoint
from journeymaps.pages.diagram import journey_source
from journeymaps.pages.map_page import render_map_page
from journeymaps.pages.markdown import front_matter, inline_html, problems_admonition
from journeymaps.pages.persona_page import render_persona_page
from journeymaps.safety import sanitize, text
from journeymaps.safety.sanitize import Regions
from safety import OUR_SVG, render, unsafe_html, unsafe_in_site

Load = Callable[[dict[str, str]], Project]
MakeProject = Callable[[dict[str, str]], Path]

PERSONA = "---\nname: Anna\n---\n"

# ---------------------------------------------------------------- links

UNSAFE_LINKS = [
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](\x01javascript:alert(1))",  # a browser drops leading control characters
    "[x](java\tscript:alert(1))",  # ... and tabs anywhere
    "[x](java&#x09;script:alert(1))",
    "[x](javascript&#58;alert(1))",
    "[x](javascript&colon;alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "[x](vbscript:msgbox)",
    "[x](file:///etc/passwd)",
    "![x](javascript:alert(1))",
    "[x](javascript:alert(1) \"title\")",
    "]([](javascript:alert(1))",  # a link inside a target (found by the fuzz)
    "[a](b [c](javascript:x))",
    "[ref]: javascript:alert(1)",
    "[ref]:<javascript:alert(1)>",
    "see <javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "<img src=data:image/svg+xml,x>",
]
SAFE_LINKS = [
    "[x](https://example.com/a?b=c#d)",
    "[x](http://example.com)",
    "[x](mailto:cx@example.com)",
    "[x](../kb/keep-my-number.md)",
    "[x](#section)",
    "[x](//example.com/x)",
    "time: 10:30, ratio 3:1, note: see [a]",
    "[Step 1]: call the hotline",
]


@pytest.mark.parametrize("field", UNSAFE_LINKS)
def test_unsafe_links_are_found(field: str) -> None:
    assert text.unsafe_link(field) is not None


@pytest.mark.parametrize("field", SAFE_LINKS)
def test_safe_links_pass(field: str) -> None:
    assert text.unsafe_link(field) is None


# ---------------------------------------------------------------- fields in Markdown

HOSTILE_FIELDS = [
    *UNSAFE_LINKS,
    "<script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "*x*{: onclick=\"alert(1)\" }",
    "x { onclick=\"alert(1)\" }",
    "[x](https://ok.example){: onmouseover=alert(1) }",
    "`code`{: onclick=alert(1) }",
    "<!-- x --><b onclick=alert(1)>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "- [a]: javascript:alert(1)",
    "[click][a]",
    "a\x00b\x1b[31m\x7f",
]
# The contexts a field meets on a page: a table cell, a list item, a heading, a
# quote, a header line, link text; references may be defined anywhere on a page.
CONTEXTS = [
    "| | head |\n|---|---|\n| **row** | {cell} |",
    "- {inline}\n- [click][a]",
    "# {inline}",
    "## {inline}\n\nx",
    "> {inline}",
    "- **Owner:** {inline}",
    "[{inline}](../x.md)",
    "- item · {cell} · _{cell}_",
]


@pytest.mark.parametrize("field", HOSTILE_FIELDS)
@pytest.mark.parametrize("context", CONTEXTS)
def test_fields_render_inert_in_every_context(field: str, context: str) -> None:
    markdown = context.format(inline=text.inline(field), cell=text.cell(field))
    markup = render(markdown)
    assert unsafe_html(markup) == [], markup
    assert sanitize.findings(markup) == [], markup  # nothing for the allowlist to remove


@pytest.mark.parametrize("field", HOSTILE_FIELDS)
def test_fields_render_inert_in_the_writers_html(field: str) -> None:
    """The opportunity board's cards are HTML the writer makes itself: an author's
    inline Markdown in them is rendered by ``inline_html``, as inert as in a cell."""
    markup = f"<p><strong>{inline_html(field)}</strong></p>"
    assert unsafe_html(markup) == [], markup
    assert sanitize.findings(markup) == [], markup


@pytest.mark.parametrize("field", [
    "*very* `code` [FAQ](https://example.com/faq) & __more__ <b>", "a_b_c *e* \\*x\\*",
    "Call `x | y` back", "plain words – and ✓", "[click](javascript:alert(1)) ok"])
def test_the_writers_html_reads_author_markdown_as_a_paragraph_does(field: str) -> None:
    assert f"<p>{inline_html(field)}</p>" == render(text.inline(field)).strip()


def test_the_writers_html_reads_no_block_of_markdown() -> None:
    """A card's text is the inside of a paragraph: "1." starts no list there."""
    assert inline_html("1. Call *back*") == "1. Call <em>back</em>"
    assert inline_html("# not *a* heading") == "# not <em>a</em> heading"
    assert inline_html("---") == "---"


def test_inline_shows_html_as_text() -> None:
    markup = render(f"- {text.inline('<b>bold</b> & {x} [a]: b')}")
    assert "<li>&lt;b&gt;bold&lt;/b&gt; &amp; &#123;x&#125; [a]&#58; b</li>" in markup


def test_inline_keeps_markdown_and_safe_links() -> None:
    markup = render(text.inline("*very* `code` [FAQ](https://example.com/faq)"))
    assert "<em>very</em>" in markup and "<code>code</code>" in markup
    assert '<a href="https://example.com/faq">FAQ</a>' in markup


def test_inline_disarms_unsafe_links_but_keeps_the_words() -> None:
    markup = render(text.inline("[click](javascript:alert(1))"))
    assert "<a" not in markup and "click" in markup and "javascript:alert(1)" in markup


@pytest.mark.parametrize("value", ["telecom-moving", "a`b", "``x``", "<img src=x>", "`"])
def test_code_spans_hold_any_text(value: str) -> None:
    markup = render(f"journey {text.code(value)} *after*")
    assert markup.count("<code>") == 1 and "<em>after</em>" in markup
    assert unsafe_html(markup) == []


@pytest.mark.parametrize("target", [
    "kb/x.md) [z](javascript:alert(1)", "x.png){ onerror=alert(1) }", "a b|c\"<d>.md",
    "https://example.com/a_(b)?c=d&e#f"])
def test_url_keeps_link_syntax_intact(target: str) -> None:
    markup = render(f"| a |\n|---|\n| [q]({text.url(target)}) |")
    assert markup.count("<a ") == 1 and unsafe_html(markup) == []
    assert text.url("https://example.com/a?b=c&d#e") == "https://example.com/a?b=c&d#e"


@pytest.mark.parametrize("title", ["</title><script>alert(1)</script>", "&lt;script&gt;",
                                   "A & B \"quoted\""])
def test_page_title_survives_the_theme(title: str) -> None:
    safe = text.title(title)
    # the theme prints the title raw, and through striptags (which decodes entities)
    for shown in (safe, re.sub(r"<[^>]*>", "", safe.replace("&lt;", "<").replace("&amp;", "&"))):
        assert "<" not in shown.replace("&lt;", "")
    assert front_matter(title).startswith(f"---\ntitle: '{safe}'") or safe in front_matter(title)


def test_problem_box_keeps_hostile_keys_inert() -> None:
    problem = Problem("maps/a`b.md", 3, "stages[0].x`<img src=x onerror=alert(1)>`",
                      "unknown key '<script>'")
    markup = render(problems_admonition([problem], "map"))
    assert unsafe_html(markup) == [] and markup.count("<code>") == 2


# ---------------------------------------------------------------- validation

def test_unsafe_link_in_a_field_is_a_problem_at_its_line(load: Load) -> None:
    project = load({"maps/personas/anna.md": PERSONA, "maps/m.md": (
        "---\ntitle: T\npersona: anna\nowner: '[o](javascript:alert(1))'\nstages:\n"
        "  - name: S\n    pain_points:\n      - ok\n      - '[ref]: data:text/html,x'\n"
        "    metrics: {'[m](vbscript:x)': 1, nps: '[n](javascript:x)'}\n---\n")})
    assert [str(p) for p in project.problems] == [
        "maps/m.md:4: owner: the link to 'javascript:alert(1' is not allowed: links may go to "
        "http:, https:, mailto: addresses or to pages of the site",
        "maps/m.md:9: stages[0].pain_points[1]: the link to 'data:text/html,x' is not allowed: "
        "links may go to http:, https:, mailto: addresses or to pages of the site",
        "maps/m.md:10: stages[0].metrics.[m](vbscript:x): the link to 'vbscript:x' is not "
        "allowed: links may go to http:, https:, mailto: addresses or to pages of the site",
        "maps/m.md:10: stages[0].metrics.nps: the link to 'javascript:x' is not allowed: links "
        "may go to http:, https:, mailto: addresses or to pages of the site",
    ]
    page = render(render_map_page(project.maps[0], project))
    assert unsafe_html(page) == [] and "[o]" in page


@pytest.mark.parametrize("answer", ['"\\x01javascript:alert(1)"', "'data:text/html,x'",
                                    "' javascript:alert(1)'", "http://example.com"])
def test_answer_links_allow_only_https(load: Load, answer: str) -> None:
    project = load({"maps/personas/anna.md": PERSONA, "maps/m.md": (
        "---\ntitle: T\npersona: anna\nstages:\n  - name: S\n"
        f"    questions: [{{text: Q, answer: {answer}}}]\n---\n")})
    assert [(p.line, p.path) for p in project.problems] == [
        (6, "stages[0].questions[0].answer")]
    assert "URL scheme" in project.problems[0].message


def test_photos_must_be_raster_images_inside_the_maps_folder(load: Load, tmp_path: Path) -> None:
    (tmp_path / "secret.png").write_bytes(b"\x89PNG")
    (tmp_path / "maps/personas").mkdir(parents=True)
    (tmp_path / "maps/personas/link.png").symlink_to(tmp_path / "secret.png")
    (tmp_path / "maps/personas/evil.svg").write_text("<svg onload='alert(1)'/>")
    (tmp_path / "maps/personas/evil.html").write_text("<script>alert(1)</script>")
    project = load({
        "maps/personas/a.md": "---\nname: A\nphoto: evil.svg\n---\n",
        "maps/personas/b.md": "---\nname: B\nphoto: evil.html\n---\n",
        "maps/personas/c.md": "---\nname: C\nphoto: link.png\n---\n",
        "maps/personas/d.md": "---\nname: D\nphoto: ../../secret.png\n---\n"})
    messages = [p.message for p in project.problems]
    assert len(messages) == 4
    assert all("must be a .png" in m for m in messages[:2])
    assert all("is outside maps/" in m for m in messages[2:])


def test_photos_are_not_published_unless_safe(project_dir: MakeProject, tmp_path: Path) -> None:
    root = project_dir({
        "maps/personas/a.md": "---\nname: A\nphoto: evil.html\n---\n",
        "maps/personas/b.md": "---\nname: B\nphoto: ../../mkdocs.yml\n---\n"})
    (root / "maps/personas/evil.html").write_text("<script>alert(1)</script>")
    build = mkdocs_build(root, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert not list(build.site.rglob("evil.html")) and not (build.site / "mkdocs.yml").exists()


@pytest.mark.parametrize("path", ["x" * 300, "a/" * 3000 + "b", "a\\x00b"])
def test_impossible_paths_are_problems_not_crashes(load: Load, path: str) -> None:
    """Found by the fuzzer: a 256-character answer made Path.is_file() raise."""
    project = load({"maps/personas/anna.md": f"---\nname: A\nphoto: \"{path}.png\"\n---\n",
                    "maps/m.md": "---\ntitle: T\npersona: anna\nstages:\n  - name: S\n"
                                 f"    questions: [{{text: Q, answer: \"{path}.md\"}}]\n---\n"})
    assert sorted(p.path for p in project.problems) == ["photo", "stages[0].questions[0].answer"]


@pytest.mark.parametrize("name", ["<img src=x onerror=alert(1)>", 'a"b', "a b", ".hidden"])
def test_unsafe_file_names_get_no_page_but_a_problem(load: Load, name: str) -> None:
    project = load({"maps/personas/anna.md": PERSONA,
                    f"maps/{name}/m.md": "---\ntitle: T\npersona: anna\nstages: [{name: S}]\n---\n",
                    f"maps/personas/{name}.md": "---\nname: X\n---\n"})
    assert project.maps == [] and list(project.personas) == ["anna"]
    assert sorted((p.file, p.line) for p in project.problems) == sorted([
        (f"maps/personas/{name}.md", 1), (f"maps/{name}/m.md", 1)])
    assert all("rename it; until then it gets no page" in p.message for p in project.problems)


# ---------------------------------------------------------------- the author's body

BODY = """\
Notes <script>alert(1)</script> and <img src=x onerror="alert(2)"> <b>bold</b>

[a link](javascript:alert(3)) and [ok](https://example.com)

[ref]: javascript:alert(4)

## Heading {: onclick="alert(5)" }

```
<script>shown as code</script> [x](javascript:code)
```

`<script>` in a code span

--8<-- "/etc/passwd"
"""


def test_body_problems_at_their_lines(load: Load) -> None:
    project = load({"maps/personas/anna.md": PERSONA,
                    "maps/m.md": "---\ntitle: T\npersona: anna\nstages: [{name: S}]\n---\n"
                                 + BODY})
    assert [(p.line, p.path, p.message) for p in project.problems] == [
        (6, "body", "the HTML tag <script> is not allowed; it is removed"),
        (6, "body", "the attribute 'onerror' is not allowed; it is removed from <img>"),
        (8, "body", "the link to 'javascript:alert(3' is not allowed: use http(s):// or mailto:"),
        (10, "body", "the link to 'javascript:alert(4)' is not allowed: use http(s):// or mailto:"),
        (12, "body", "the attribute 'onclick' in '{: onclick=\"alert(5)\" }' is not allowed"),
        (20, "body", "snippet includes ('--8<--') are not allowed in a map"),
    ]


def test_body_is_rebuilt_from_the_allowlist(load: Load) -> None:
    project = load({"maps/personas/anna.md": PERSONA + BODY,
                    "maps/m.md": "---\ntitle: T\npersona: anna\nstages: [{name: S}]\n---\n"
                                 + BODY})
    for page in (render_map_page(project.maps[0], project),
                 render_persona_page(project.personas["anna"], project)):
        raw = render(page)
        assert unsafe_html(raw)  # Markdown alone lets the body's HTML through...
        markup = sanitize.clean_page(raw)
        assert unsafe_html(markup) == []  # ...the plugin does not
        assert "Notes" in markup and "alert(1)" not in markup
        assert '<img src="x">' in markup and "<b>bold</b>" in markup
        assert '<a href="https://example.com">ok</a>' in markup and ">a link</a>" in markup
        assert "shown as code" in markup


def test_sanitizer_keeps_only_the_allowlist() -> None:
    cases = {
        '<a href=" java\tscript:x" title="t">a</a>': '<a title="t">a</a>',
        "<p style='position:fixed'>x</p>": "<p>x</p>",
        '<table><tr><td style="text-align: center;">x</td></tr></table>':
            '<table><tbody><tr><td style="text-align:center">x</td></tr></tbody></table>',
        '<table><tr><td style="color: red; text-align: left">x</td></tr></table>':
            '<table><tbody><tr><td style="text-align:left">x</td></tr></tbody></table>',
        "<svg><script>alert(1)</script></svg>": "",
        "<blink>kept text</blink>": "kept text",
        "<!-- <script>x</script> -->ok": "ok",
        "<img src=x onerror=alert(1)//": "",
        "a &amp; &#60; &#x3c; b": "a &amp; &lt; &lt; b",
        '<img alt="a&quot;onerror=x">': '<img alt="a&quot;onerror=x">',
        "<br/><hr>": "<br><hr>",
        '<a href="data:text/html,x">d</a><a href="../kb/x/">k</a><a href="#s">s</a>':
            '<a>d</a><a href="../kb/x/">k</a><a href="#s">s</a>',
        '<span data-sort="3" onmouseover="x">3</span>': '<span data-sort="3">3</span>',
    }
    for markup, expected in cases.items():
        assert sanitize.clean(markup) == expected, markup
        assert unsafe_html(sanitize.clean(markup)) == []


def test_the_plugins_svg_is_kept_before_the_body_only() -> None:
    svg = ('<svg viewBox="0 0 10 10" role="img" aria-label="c"><title>c</title>'
           '<polyline points="1,2 3,4"></polyline><circle cx="1" cy="2" r="3"></circle></svg>')
    page = sanitize.clean_page(f"{svg}{sanitize.BODY_MARKER}<p>body</p>{svg}")
    assert page == f"{svg}<p>body</p>"  # an author's SVG is removed, as findings says
    assert sanitize.findings(svg)[0] == (1, "the HTML tag <svg> is not allowed; it is removed")


def test_regions_clean_only_what_journeymaps_filled_in() -> None:
    regions = Regions("secret")
    page = ('<p>the docs team\'s <iframe src="https://example.com/v"></iframe></p>'
            f"{regions.start}<p onclick=x>map text<script>alert(1)</script></p>{regions.end}"
            "<p><input type=checkbox> theirs</p>")
    assert regions.clean(page) == ('<p>the docs team\'s <iframe src="https://example.com/v">'
                                   "</iframe></p><p>map text</p><p><input type=checkbox> "
                                   "theirs</p>")
    # text that got past escaping cannot close its region: it does not know the token
    forged = f"{regions.start}<!-- /journeymaps-region guess --><script>x</script>"
    assert regions.clean(forged) == ""
    assert Regions().start != Regions().start  # a new token for every build


def test_fields_cannot_use_the_bodys_unsafe_references(load: Load) -> None:
    """Found by the fuzzer: reference definitions are page-wide in Markdown."""
    project = load({"maps/personas/anna.md": "---\nname: A\nrole: '[R] and [ok]'\n---\n"
                                             "[r]: javascript:x\n[ok]: https://example.com\n"})
    raw = render(render_persona_page(project.personas["anna"], project))
    assert '<a href="javascript:x">R</a>' in raw  # Markdown alone would link it
    markup = sanitize.clean_page(raw)
    assert unsafe_html(markup) == [] and "<a>R</a>" in markup
    assert '<a href="https://example.com">ok</a>' in markup
    assert [(p.line, p.path) for p in project.problems] == [(5, "body")]


def test_page_is_cleaned_whole_on_both_sides_of_the_marker() -> None:
    assert sanitize.clean_page("<p onclick=x>a</p>") == "<p>a</p>"
    head = "<p onclick=x>generated</p>"  # before the marker too: escaping may have a bug
    assert sanitize.clean_page(f"{head}{sanitize.BODY_MARKER}<p onclick=y>b</p>") == (
        "<p>generated</p><p>b</p>")


# ---------------------------------------------------------------- Mermaid

def test_no_field_changes_the_structure_of_the_diagram() -> None:
    evil = ["x\n  section Injected", "%%{init: {'securityLevel': 'loose'}}%%", "click A call x()",
            "a: 5: Mallory", "title Hacked", "accTitle: t", "x;y#z", "---\nconfig:\n---",
            "</code><script>alert(1)</script>", "section", "journey", "\u2028section x"]
    journey_map = JourneyMap(title=evil[0], stages=[
        Stage(name=name, touchpoints=[Touchpoint(name=other, score=3) for other in evil])
        for name in evil])
    lines = [line for line in journey_source(journey_map, evil).split("\n") if line]
    assert lines[:4] == ["---", lines[1], "---", "journey"]
    assert re.fullmatch(r'title: "[^"\\]*"', lines[1])
    assert lines[4].startswith("\ttitle ") and "\n" not in lines[4]
    body = lines[5:]
    assert len(body) == len(evil) * (len(evil) + 1)  # a line per section and per task
    sections = [line for line in body if line.startswith("\tsection ")]
    tasks = [line for line in body if line.startswith("\t\t")]
    assert len(sections) == len(evil) and len(tasks) == len(evil) ** 2
    for line in body:
        assert not re.search(r"[%#;{}<>\"`]", line)
    for task in tasks:  # name: score : actors, each part free of ':' and ','
        name, score, actors = task.split(":")
        assert score == " 3 " and actors.count(",") == len(evil) - 1
        assert not re.match(r"\s*(section|title|accTitle|accDescr|journey)(\s|$)", name, re.I)


def test_mermaid_runs_with_security_level_strict() -> None:
    """Material starts Mermaid with its own settings and no securityLevel, so Mermaid's
    default, 'strict', is in force; diagrams cannot raise it (it is one of Mermaid's
    'secure' keys, which directives cannot change) and nothing here sets it."""
    import material

    bundles = list((Path(material.__file__).parent / "templates/assets/javascripts").glob(
        "bundle.*.min.js"))
    assert bundles
    for bundle in bundles:
        source = bundle.read_text(encoding="utf-8")
        calls = re.findall(r"mermaid\.initialize\(\{[^()]*\}\)", source)
        assert len(calls) == 1 and "startOnLoad" in calls[0]
        assert "securityLevel" not in source
    ours = [p for pattern in ("mkdocs.yml", "site_src/**/*", "plugin/**/*", "overrides/**/*")
            for p in REPO.glob(pattern) if p.is_file() and p.suffix in {".yml", ".js", ".html"}
            and not p.name.startswith("mermaid")]  # a bundled Mermaid defines the setting
    for path in ours:
        assert not re.search(r"securityLevel\W+(?!strict)", path.read_text(encoding="utf-8")), path


# ---------------------------------------------------------------- a real build

def test_build_of_hostile_maps(project_dir: MakeProject, tmp_path: Path) -> None:
    hostile = "</title><script>alert(1)</script> *x*{: onclick=alert(2) } [y](javascript:z)"
    quoted = hostile.replace("'", "''")
    root = project_dir({
        "maps/personas/anna.md": f"---\nname: '{quoted}'\ngoals: ['{quoted}']\n---\n" + BODY,
        "maps/telecom/evil.md": (
            f"---\ntitle: '{quoted}'\npersona: anna\njourney: 'j`<b>`'\nstages:\n"
            f"  - name: '{quoted}'\n    goal: '{quoted}'\n"
            f"    touchpoints: [{{name: '{quoted}', score: 3, note: '{quoted}'}}]\n---\n"
            + BODY)})
    strict = mkdocs_build(root, tmp_path / "strict")
    assert strict.returncode != 0 and "Traceback" not in strict.output
    assert "maps/telecom/evil.md:2: title: the link to 'javascript:z' is not allowed" in (
        strict.output)
    build = mkdocs_build(root, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    for url in ("maps/telecom/evil", "personas/anna"):
        page = build.page(url)
        article = page[page.index("<article"):page.index("</article>")]
        # the one script of ours: the Mermaid loader on pages with a diagram
        ours = mermaid_assets.loader(get_relative_url(mermaid_assets.SITE_PATH, url + "/"))
        assert article.count("<script") == article.count(ours)
        assert unsafe_html(article.replace(ours, ""), OUR_SVG) == []
        # outside the article: the theme prints titles in <title>, the header and the nav
        assert "<script>alert" not in page
        # (the article's attributes are the parser's above: the curve's text alternative
        # carries the author's words, "onclick=" among them, inside a quoted value)
        assert not re.search(r"<[a-z][^>]*\son\w+\s*=", page.replace(article, ""))
        assert "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown as text
        assert "<title>‹/title›‹script›alert(1)‹/script›" in page


# The stored XSS of issue 22: a lone backtick in the title opened a code span in the
# persona page's Markdown that the journey's code span closed, so the journey id after
# it was raw HTML. The class, not the case: every field, every backtick run.
BACKTICKS = {
    "maps/personas/anna.md": "---\nname: \"Anna `\"\nrole: \"``<b>r</b>\"\ngoals: ['\\\\']\n---\n",
    "maps/evil/tick.md": (
        '---\ntitle: "`"\npersona: anna\njourney: "<script>alert(document.domain)</script>"\n'
        "stages: [{name: S, touchpoints: [{name: T, score: 3}]}]\n---\n"),
    "maps/evil/ticks.md": """\
---
title: "`` ` a `b"
persona: anna
journey: ok
owner: "`<script>alert(2)</script>"
tags: ["`", "<img src=x onerror=alert(3)>"]
stages:
  - name: "`x <script>alert(4)</script>"
    goal: "\\\\"
    touchpoints:
      - {name: "`", channel: "`<b>c</b>", score: 3, note: "| ` |"}
    pain_points: ["` <i>p</i>"]
    opportunities: [{text: "`[x](y)", owner: "```<script>alert(5)</script>"}]
    questions: ["`<script>alert(6)</script>?"]
---
body `
""",
}


def test_backticks_in_any_field_open_no_code_span_that_frees_markup(
        project_dir: MakeProject, tmp_path: Path) -> None:
    root = project_dir(BACKTICKS)
    strict = mkdocs_build(root, tmp_path / "strict")
    assert strict.returncode != 0 and "Traceback" not in strict.output
    assert ("maps/evil/tick.md:4: journey: '<script>alert(document.domain)</script>' is not a "
            "journey id: use lowercase letters, digits and '-'; did you mean "
            "'script-alert-document-domain-script'?") in strict.output
    build = mkdocs_build(root, tmp_path / "out", strict=False)
    assert build.returncode == 0, build.output
    assert unsafe_in_site(build.site) == {}  # every page of the site, not only the map's
    persona = build.page("personas/anna")
    assert "<b>r</b>" not in persona and "&lt;b&gt;r&lt;/b&gt;" in persona
    # the title's code span closes inside its link; the journey keeps its own link
    assert ('/">`` <code>a</code>b</a> · as-is · journey <a href="../../journeys/ok/">ok</a> · '
            '<svg class="jm-sparkline"') in persona


def test_cleaning_removes_what_gets_past_the_escaping(project_dir: MakeProject,
                                                      tmp_path: Path) -> None:
    """The second layer alone: a hook plants raw HTML into every generated page's
    Markdown, as an escaping bug would; the plugin's cleaning removes it all."""
    planted = ('<script>alert(1)</script><img src=x onerror=alert(2)>'
               '<a href="javascript:alert(3)">a</a><svg onload=alert(4)></svg>'
               '<iframe srcdoc="<script>alert(5)</script>"></iframe>'
               '<p style="background:url(javascript:alert(6))">p</p>')
    hook = ("def on_page_markdown(markdown, page, **kwargs):\n"
            "    if page.file.generated_by:\n"
            f"        return markdown + '\\n\\n' + {planted!r} + '\\n'\n")
    root = project_dir({"maps/personas/anna.md": PERSONA, "hooks.py": hook,
                        "maps/m.md": "---\ntitle: M\npersona: anna\njourney: j\n"
                                     "stages: [{name: S, touchpoints: [{name: T, score: 3}]}]"
                                     "\n---\n"})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "hooks:\n  - hooks.py\n",
                      encoding="utf-8")
    build = mkdocs_build(root, tmp_path / "out")
    assert build.returncode == 0, build.output
    pages = ["maps/m", "personas/anna", "journeys/j", "maps", "personas", "journeys",
             "channels", "opportunities", "health", "faq-gaps"]
    for url in pages:
        assert ">a</a>" in build.page(url), url  # the planted markup reached the page...
    assert unsafe_in_site(build.site) == {}  # ...and nothing of it can run


def test_code_holding_an_html_comment_leaves_the_pages_html_blocks_alone() -> None:
    """The fuzzer's find: a problem's field path `<!--` (an unknown key) in a code span
    opened a comment for Python-Markdown, and the map grid's and diagram's blocks after
    it lost their Markdown (their `markdown` attributes reached the cleaner)."""
    page = (f"!!! danger \"p\"\n\n    - {text.code('<!--')}: unknown key\n\n"
            '<figure class="f" markdown>\n\n*shown*\n\n</figure>\n\n<!-- a comment -->\n')
    markup = render(page)
    assert "<em>shown</em>" in markup and " markdown" not in markup, markup
    assert "<code>&lt;!--</code>" in markup.replace("&#33;", "!").replace("&#45;", "-")


@pytest.mark.parametrize(("field", "write", "expected"), [
    ("`", text.inline, "&#96;"),  # nothing closes it: a plain backtick
    ("a `b` c", text.inline, "a `b` c"),  # a code span of the author's, closed in the field
    ("``a`", text.inline, "&#96;&#96;a&#96;"),  # runs of different lengths never pair
    ("```x``y```", text.inline, "```x``y```"),
    ("x\\", text.inline, "x&#92;"),  # a final backslash would escape what follows
    ("a\\`b", text.inline, "a&#96;b"),  # an escaped backtick is a backtick
    ("\\*not emphasis\\*", text.inline, "\\*not emphasis\\*"),  # other escapes stay
    ("a|b `c|d`", text.cell, "a\\|b `c|d`"),  # a table reads pipes in code spans as text
    ("\\|", text.cell, "&#124;"),  # not '\\\\|', which would end the cell
    ("[`]`] x", text.link_text, "&#91;`]`&#93; x"),
    # code holding '<' is an HTML code element that shows it as written: Python-Markdown
    # looks for raw HTML before it reads code spans
    ("`<b>`", text.inline, "<code>&lt;b&gt;</code>"),
])
def test_inline_writes_backticks_only_as_closed_code_spans(field: str, write: Callable[[str], str],
                                                          expected: str) -> None:
    assert write(field) == expected
    markup = render(f"| h |\n|---|\n| {write(field)} |" if write is text.cell else write(field))
    assert unsafe_html(markup) == [] and "<b>" not in markup


@pytest.mark.parametrize("body", ["<![A x", "<![<script>alert(1)<b>x</b>",
                                  "<![ A[ x ]]> <blink>y</blink>"])
def test_a_malformed_declaration_in_a_body_is_a_finding_not_a_crash(body: str) -> None:
    """Python's HTML parser raises on ``<![`` it cannot read (found by `make fuzz`):
    the author hears that it is removed, and what follows is still checked."""
    found = sanitize.findings(body)
    assert found[0] == (1, "a malformed HTML declaration ('<!...') is not allowed; "
                           "it is removed")
    assert ("blink" in body) == any("<blink>" in message for _, message in found)
