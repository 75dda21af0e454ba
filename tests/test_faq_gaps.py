"""Questions and answers: both ways of answering, broken answers, the FAQ gap report,
``faq-gaps.json``, the knowledge-base index and the "Asked by" sections."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jsonschema
import yaml

from conftest import Build, mkdocs_build
from journeymaps.analysis.knowledge_base import kb_entries
from journeymaps.analysis.options import SiteOptions
from journeymaps.analysis.repository import repository
from journeymaps.exports.faq_gaps_json import faq_gaps_export
from journeymaps.exports.journeymaps_json import project_export
from journeymaps.exports.schema import schema_json
from journeymaps.load.knowledge_base import page_title
from journeymaps.load.questions import _set_anchors
from journeymaps.model.project import Project
from journeymaps.model.question import normalise
from journeymaps.model.question_index import Gap
from journeymaps.pages import site_layout
from journeymaps.pages.faq_gap_report import render_faq_gap_page
from journeymaps.pages.kb_article import KB_FOLDER, article_filename, article_text
from journeymaps.pages.kb_page import render_kb_index
from journeymaps.pages.map_page import render_map_page
from journeymaps.pages.site_layout import KB_INDEX
from journeymaps.safety.sanitize import Regions
from journeymaps.website.assembly import generate, transform_docs_page
from test_pages import ANNA, BEN

Load = Callable[[dict[str, str]], Project]
MakeProject = Callable[[dict[str, str]], Path]

MOVING = """\
---
title: Moving house
persona: anna
stages:
  - name: Inquiry
    questions:
      - Can I keep my number?
      - Is there a fee?
      - {text: How long does installation take?, answer: kb/install.md}
  - name: Purchase
    questions:
      - is there a FEE
      - When does the technician come?
---
"""
SWITCH = """\
---
title: Switching provider
persona: [ben, anna]
stages:
  - name: Comparison
    questions:
      - "  Is there a fee?? "
      - how long does installation take
  - name: Purchase
    questions:
      - {text: Do you have a price list?, answer: "https://example.com/prices"}
---
"""
SHOP = """\
---
title: Shop visit
persona: ben
stages:
  - name: Purchase
    questions: [Is there a fee, When does the technician come, Can I pay in cash?]
---
"""
NUMBER = """\
---
title: Keeping your number
answers:
  - can I keep my number
  - 42
  - Can I keep my cat?
---
# Keeping your number

Yes, you can.
"""
FILES = {
    "maps/personas/anna.md": ANNA, "maps/personas/ben.md": BEN,
    "maps/telecom/moving.md": MOVING, "maps/telecom/switch.md": SWITCH,
    "maps/retail/shop.md": SHOP,
    "site_src/kb/install.md": "# Installation\n\nTwo weeks.\n",
    "site_src/kb/number.md": NUMBER,
    "site_src/kb/opening-hours.md": "Open every day.\n",
}


def _map(project: Project, slug: str):  # type: ignore[no-untyped-def]
    return next(m for m in project.maps if m.slug == slug)


def test_normalise_ignores_case_spaces_and_final_question_marks() -> None:
    assert normalise("  Is there a FEE?? ") == normalise("is  there a fee") == "is there a fee"
    assert normalise("Можно ли сохранить номер？") == "можно ли сохранить номер"
    assert normalise("Is it? Really?") == "is it? really"  # only the final '?' goes
    assert normalise("Is there a fee!") != normalise("Is there a fee")


def test_answers_from_both_sides(load: Load) -> None:
    project = load(FILES)
    moving = render_map_page(_map(project, "telecom/moving"), project)
    # the map's own answer, and the page that declares the question under answers:
    assert "[How long does installation take?](../../kb/install.md) ✓" in moving
    assert "[Can I keep my number?](../../kb/number.md) ✓" in moving
    switch = render_map_page(_map(project, "telecom/switch"), project)
    # the answer one map gives answers the same question in every map
    assert "[how long does installation take](../../kb/install.md) ✓" in switch
    assert "[Do you have a price list?](https://example.com/prices) ✓" in switch
    # a gap is marked and links its row of the report
    assert ("Is there a fee? · [_FAQ gap_](../../faq-gaps.md#gap-is-there-a-fee)" in moving)
    assert "Can I pay in cash? · [_FAQ gap_](../../faq-gaps.md#gap-can-i-pay-in-cash)" in (
        render_map_page(_map(project, "retail/shop"), project))


def test_declared_answer_asked_nowhere_is_a_warning(load: Load) -> None:
    project = load(FILES)
    assert [(p.severity, str(p)) for p in project.problems] == [
        ("error", "site_src/kb/number.md:5: answers[1]: must be text, got a number 42; "
                  "put it in quotes"),
        ("warning", "site_src/kb/number.md:6: answers[2]: 'Can I keep my cat?' matches no "
                    "question in any map; did you mean 'Can I keep my number?'?"),
    ]
    assert [str(p) for p in project.errors] == [str(project.problems[0])]
    far = load({**FILES, "site_src/kb/number.md": "---\nanswers: [Why is the sky blue]\n---\n"})
    assert [str(p) for p in far.problems] == [
        "site_src/kb/number.md:2: answers[0]: 'Why is the sky blue' matches no question in any "
        "map; check its wording against the map's question, or remove it"]


def test_broken_answers_are_reported_at_their_line(load: Load) -> None:
    broken = """\
---
title: Broken
persona: anna
stages:
  - name: Inquiry
    questions:
      - {text: A?, answer: kb/missing.md}
      - {text: B?, answer: "http://example.com/b"}
      - {text: C?, answer: "javascript:alert(1)"}
      - {text: D?, answer: ../mkdocs.yml}
      - {text: E?, answer: "kb/install.md#steps"}
---
"""
    project = load({**FILES, "maps/broken.md": broken})
    assert [str(p) for p in project.problems if p.file == "maps/broken.md"] == [
        "maps/broken.md:7: stages[0].questions[0].answer: the answer page 'kb/missing.md' "
        "does not exist in site_src/",
        "maps/broken.md:8: stages[0].questions[1].answer: the URL scheme 'http:' is not "
        "allowed; use an https:// URL or a path relative to the docs folder `site_src/`",
        "maps/broken.md:9: stages[0].questions[2].answer: the URL scheme 'javascript:' is not "
        "allowed; use an https:// URL or a path relative to the docs folder `site_src/`",
        "maps/broken.md:10: stages[0].questions[3].answer: the answer '../mkdocs.yml' is "
        "outside site_src/; give a page path relative to site_src/ or an https:// URL",
    ]
    # a refused answer is no answer: the question is a gap, its link never rendered
    page = render_map_page(_map(project, "broken"), project)
    assert "](javascript" not in page and "](http://example.com" not in page
    assert "C? · [_FAQ gap_](../faq-gaps.md#gap-c)" in page
    assert "[E?](../kb/install.md#steps) ✓" in page
    assert "D? · [_FAQ gap_]" in page and "A? · [_FAQ gap_]" in page


def test_gaps_grouped_most_asked_first(load: Load) -> None:
    gaps = load(FILES).questions.gaps
    assert [(g.text, g.count, g.stages) for g in gaps] == [
        # asked in three maps, twice in one: the text as the first map (by path) writes it
        ("Is there a fee", 3, ["Purchase", "Inquiry", "Comparison"]),
        ("When does the technician come", 2, ["Purchase"]),
        ("Can I pay in cash?", 1, ["Purchase"]),  # ties: alphabetical
    ]
    fee = gaps[0]
    assert [m.slug for m in fee.maps] == ["retail/shop", "telecom/moving", "telecom/switch"]
    assert [a.stages for a in fee.askers.values()] == [["Purchase"], ["Inquiry", "Purchase"],
                                                       ["Comparison"]]
    assert fee.persona_ids == ["ben", "anna"]


def test_gap_report_page(load: Load) -> None:
    """Grouped by the folder whose maps ask: a question two businesses ask is two gaps;
    its anchor is on the row of the folder asking it most."""
    page = render_faq_gap_page(load(FILES))
    assert page.startswith("---\ntitle: FAQ gaps\nsearch:\n  boost: 0.25\n---\n\n# FAQ gaps\n")
    assert "**3 questions** customers ask in **3 journey maps** have no answer yet." in page
    assert "Write the article" not in page  # no repository known
    retail, telecom = page.index("## retail "), page.index("## telecom ")
    assert '## retail <span class="jm-count">3</span> { #gaps-folder-retail }' in page
    assert '## telecom <span class="jm-count">2</span> { #gaps-folder-telecom }' in page
    rows = [line for line in page.splitlines() if line.startswith("| <span")]
    assert [row.split("</span>", 1)[1].split(" | ")[:2] for row in rows] == [
        ["Is there a fee", "1"],  # retail: one map asks each, in the report's order
        ['<span id="gap-when-does-the-technician-come"></span>When does the technician come',
         "1"],
        ['<span id="gap-can-i-pay-in-cash"></span>Can I pay in cash?', "1"],
        ['<span id="gap-is-there-a-fee"></span>Is there a fee', "2"],  # telecom asks it most
        ["When does the technician come", "1"],
    ]
    assert retail < page.index("Can I pay in cash?") < telecom
    assert rows[3].startswith('| <span class="jm-facets" data-jm-folder="telecom" '
                              'data-jm-persona="anna:Anna%2C%20moving%20house '
                              'ben:Ben%20%3Cb%3EBoomer%3C%2Fb%3E"></span>')
    assert rows[3].endswith(
        " | 2 | [Moving house](maps/telecom/moving.md) · Inquiry, Purchase<br>"
        "[Switching provider](maps/telecom/switch.md) · Comparison | – | "
        "[Anna, moving house](personas/anna.md), "
        "[Ben &lt;b&gt;Boomer&lt;/b&gt;](personas/ben.md) |")
    assert '<span data-jm-facet="folder">Folder</span>' in page


def test_each_gap_links_to_writing_its_article_on_the_repository_host(load: Load) -> None:
    project = load(FILES)
    page = render_faq_gap_page(project, SiteOptions(repo_url="https://github.com/acme/cx/",
                                                    edit_uri="edit/main/site_src/"))
    assert "Each gap's **Write the article** opens a new knowledge-base page" in page
    links = re.findall(r"\[Write the article\]\(([^)]*)\)", page)
    assert len(links) == 5  # one a row
    target = urlsplit(links[0])
    assert target.path == "/acme/cx/new/main/site_src/kb"
    query = parse_qs(target.query)
    assert query["filename"] == ["is-there-a-fee.md"]
    assert query["value"] == [article_text("Is there a fee")]
    assert query["value"][0].startswith(
        "---\ntitle: Is there a fee\nanswers:\n  - Is there a fee\n")


def test_new_file_pages_of_github_and_gitlab() -> None:
    github = repository("https://github.com/acme/cx", "edit/main/site_src/")
    assert github and github.new_file_url("kb", "a b.md", "x & y") == (
        "https://github.com/acme/cx/new/main/site_src/kb?filename=a%20b.md&value=x%20%26%20y")
    gitlab = repository("https://gitlab.example.com/cx/maps", "-/edit/trunk/docs/")
    assert gitlab and gitlab.new_file_url("kb", "a.md", "T") == (
        "https://gitlab.example.com/cx/maps/-/new/trunk/docs/kb?file_name=a.md&content=T")
    on_gitlab_com = repository("https://gitlab.com/cx/maps", "edit/master/docs/")
    assert on_gitlab_com and on_gitlab_com.gitlab  # MkDocs' default edit_uri there
    assert repository("", "edit/main/docs/") is None
    assert repository("javascript:alert(1)", "edit/main/docs/") is None
    assert repository("https://github.com/acme/cx", "") is None  # no branch to write on
    assert repository("https://github.com/acme/cx", "https://elsewhere/edit/") is None


def test_the_new_article_answers_its_question() -> None:
    assert article_filename("Is there parking nearby?") == "is-there-parking-nearby.md"
    assert article_filename("Сколько стоит?") == "сколько-стоит.md"
    assert article_filename("???") == "article.md"
    text = article_text('Can I pay "cash"? #1: yes')
    assert text.startswith('---\ntitle: "Can I pay \\"cash\\"? #1: yes"\n'
                           'answers:\n  - "Can I pay \\"cash\\"? #1: yes"\n---\n')
    front = yaml.safe_load(text.split("---\n")[1])
    assert front == {"title": 'Can I pay "cash"? #1: yes',
                     "answers": ['Can I pay "cash"? #1: yes']}


def test_gap_report_survives_bad_maps(load: Load) -> None:
    project = load({**FILES, "maps/retail/shop.md": SHOP.replace(
        "persona: ben", "persona: [ben, zed]").replace(
        "questions: [", "questions: [{text: ''}, {answer: kb/install.md}, ")})
    assert {p.path for p in project.errors} >= {"persona[1]", "stages[0].questions[0].text",
                                                 "stages[0].questions[1].text"}
    shop = render_map_page(_map(project, "retail/shop"), project)
    assert ('<th scope="row">Questions</th><td markdown>•  · [_FAQ gap_](../../faq-gaps.md)'
            '<br>• [](../../kb/install.md) ✓') \
        in shop
    page = render_faq_gap_page(project)  # a question without text is no gap of anyone's
    assert "| [Ben &lt;b&gt;Boomer&lt;/b&gt;](personas/ben.md), `zed` |" in page
    assert [g.count for g in project.questions.gaps] == [3, 2, 1]


def test_gap_report_without_gaps(load: Load) -> None:
    project = load({"maps/personas/anna.md": ANNA, "maps/m.md": MOVING.replace(
        "      - Is there a fee?\n", "").replace("      - is there a FEE\n", "").replace(
        "      - When does the technician come?\n", "      - {text: W, answer: kb/a.md}\n"
    ).replace("      - Can I keep my number?\n", ""), "site_src/kb/install.md": "# I\n",
        "site_src/kb/a.md": "# A\n"})
    assert project.problems == []
    page = render_faq_gap_page(project)
    assert "Every question customers ask in our journey maps has an answer." in page
    assert "| Question |" not in page
    assert faq_gaps_export(project) == []


FAQ_GAPS_SCHEMA = {  # the contract's shape of faq-gaps.json
    "type": "array",
    "items": {
        "type": "object",
        "required": ["question", "count", "maps"],
        "properties": {
            "question": {"type": "string"},
            "count": {"type": "integer", "minimum": 1},
            "maps": {"type": "array", "minItems": 1, "items": {
                "type": "object", "required": ["title", "url", "stage", "personas"],
                "properties": {"title": {"type": "string"}, "url": {"type": "string"},
                               "stage": {"type": "string"},
                               "personas": {"type": "array", "items": {"type": "string"}}}}},
        },
    },
}


def test_faq_gaps_json(load: Load) -> None:
    project = load(FILES)
    files = {f.path: f.content for f in generate(project)}
    data = json.loads(files["faq-gaps.json"])
    jsonschema.validate(data, FAQ_GAPS_SCHEMA)
    assert data == faq_gaps_export(project)
    assert [(g["question"], g["count"]) for g in data] == [
        ("Is there a fee", 3), ("When does the technician come", 2),
        ("Can I pay in cash?", 1)]
    for gap in data:
        assert gap["count"] == len(gap["maps"])
    assert data[0]["maps"][1] == {"title": "Moving house", "url": "maps/telecom/moving/",
                                  "stage": "Inquiry", "personas": ["anna"],
                                  "path": "maps/telecom/moving.md",
                                  "stages": ["Inquiry", "Purchase"]}
    assert data[0]["maps"][2]["personas"] == ["ben", "anna"]
    assert data[0]["url"] == "faq-gaps/#gap-is-there-a-fee"
    assert data[0]["stages"] == ["Purchase", "Inquiry", "Comparison"]


def test_journeymaps_json_lists_answers(load: Load) -> None:
    maps = {m["path"]: m for m in project_export(load(FILES))["maps"]}
    moving = [q for s in maps["maps/telecom/moving.md"]["stages"] for q in s["questions"]]
    assert moving[0] == {"text": "Can I keep my number?", "answer": "kb/number.md",
                         "answer_url": "kb/number/"}
    assert moving[1] == {"text": "Is there a fee?", "answer": None, "answer_url": None}
    assert moving[2]["answer_url"] == "kb/install/"
    switch = [q for s in maps["maps/telecom/switch.md"]["stages"] for q in s["questions"]]
    assert switch[1]["answer"] == "kb/install.md"
    assert switch[2]["answer_url"] == "https://example.com/prices"


def test_page_urls_keep_fragments() -> None:
    assert site_layout.page_url("kb/install.md#steps") == "kb/install/#steps"
    assert site_layout.page_url("kb/index.md") == "kb/"
    assert site_layout.page_url("kb/price-list.pdf") == "kb/price-list.pdf"


def test_anchors_are_stable_and_unique() -> None:
    gaps = [Gap(key, key) for key in ("is there a fee", "is there a fee!", "можно ли? да", "???",
                                      "x" * 100)]
    _set_anchors(gaps)
    assert [g.anchor for g in gaps[:3]] == ["gap-is-there-a-fee", "gap-is-there-a-fee-"
                                            + gaps[1].anchor.rsplit("-", 1)[1], "gap-можно-ли-да"]
    assert len(gaps[1].anchor) == len("gap-is-there-a-fee-") + 6
    assert gaps[3].anchor == "gap" and gaps[4].anchor == "gap-" + "x" * 60
    again = [Gap(key, key) for key in ("is there a fee", "is there a fee!")]
    _set_anchors(again)
    assert [g.anchor for g in again] == [g.anchor for g in gaps[:2]]


def test_kb_index(load: Load) -> None:
    project = load(FILES)
    entries = kb_entries(project, KB_FOLDER, KB_INDEX)
    assert [(e.page, e.title, e.questions, e.maps) for e in entries] == [
        ("kb/install.md", "Installation", 1, 2),
        ("kb/number.md", "Keeping your number", 1, 1),
        ("kb/opening-hours.md", "Opening hours", 0, 0),
    ]
    page = render_kb_index(project)
    assert "[FAQ gaps](../faq-gaps.md) (3 now)" in page
    assert "| [Installation](install.md) | 1 | 2 |" in page
    assert "| [Opening hours](opening-hours.md) | 0 | 0 |" in page


def test_kb_index_lists_answer_pages_outside_the_kb(load: Load) -> None:
    files = {**FILES, "maps/retail/shop.md": SHOP.replace(
        "Can I pay in cash?", "{text: Can I pay in cash?, answer: help/./payment.md}"),
        "site_src/help/payment.md": "---\ntitle: Paying\n---\nCash is fine.\n"}
    project = load(files)
    assert ("help/payment.md", "Paying", 1, 1) in [
        (e.page, e.title, e.questions, e.maps) for e in kb_entries(project, KB_FOLDER, KB_INDEX)]
    assert "| [Paying](../help/payment.md) | 1 | 1 |" in render_kb_index(project)
    assert "## Asked by" in transform_docs_page("help/payment.md", "Cash is fine.", project)


def test_hand_written_kb_index_is_kept(load: Load) -> None:
    assert site_layout.KB_INDEX in [f.path for f in generate(load(FILES))]
    project = load({**FILES, "site_src/kb/index.md": "# Our own index\n"})
    assert site_layout.KB_INDEX not in [f.path for f in generate(project)]


def test_kb_index_without_a_knowledge_base(load: Load) -> None:
    project = load({"maps/personas/anna.md": ANNA})
    assert kb_entries(project, KB_FOLDER, KB_INDEX) == []
    assert "No article yet." in render_kb_index(project)


def test_asked_by_section(load: Load) -> None:
    project = load(FILES)
    regions = Regions("t")
    options = SiteOptions(regions=regions)
    page = transform_docs_page("kb/install.md", "# Installation\n\nTwo weeks.\n", project, options)
    # the section carries map text: marked as a region, which the plugin cleans
    assert page.startswith(f"# Installation\n\nTwo weeks.\n\n{regions.start}\n\n## Asked by\n")
    assert page.endswith(f" |\n\n{regions.end}\n")
    assert ("| How long does installation take? | [Moving house](../maps/telecom/moving.md) | "
            "Inquiry | [Anna, moving house](../personas/anna.md) |") in page
    assert ("|  | [Switching provider](../maps/telecom/switch.md) | Comparison | "
            "[Ben &lt;b&gt;Boomer&lt;/b&gt;](../personas/ben.md), "
            "[Anna, moving house](../personas/anna.md) |") in page
    number = transform_docs_page("kb/number.md", "# Keeping your number\n", project)
    assert "| Can I keep my number? | [Moving house](../maps/telecom/moving.md) |" in number
    assert '!!! note "Asked in no journey map"' in number
    assert "    - Can I keep my cat?" in number
    # a page that answers nothing is left as it is
    assert transform_docs_page("kb/opening-hours.md", "Open.\n", project) == "Open.\n"


def test_only_front_matter_declares_answers(load: Load) -> None:
    files = {**FILES, "site_src/guide.md": "---\ntitle: Guide\n---\nExample:\n\n```yaml\n"
                                           "answers:\n  - Is there a fee?\n```\n",
             "site_src/kb/bad.md": "---\nanswers: [a\n---\n# Bad\n"}
    project = load(files)
    assert [a.page for a in project.articles] == ["kb/bad.md", "kb/number.md"]
    [problem] = [p for p in project.problems if p.file == "site_src/kb/bad.md"]
    assert (problem.line, problem.path) == (3, "front matter")
    assert problem.message.startswith("YAML syntax error: ")  # then PyYAML's own words
    assert project.questions.gaps[0].text == "Is there a fee"


def test_page_title(tmp_path: Path) -> None:
    cases = {"a.md": "---\ntitle: ' Front '\n---\n# Heading\n", "b.md": "# Heading\n",
             "first-steps.md": "Text only\n", "c.md": "---\ntitle: [x]\n---\n# From body\n"}
    for name, text in cases.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert [page_title(tmp_path / n) for n in cases] == ["Front", "Heading", "First steps",
                                                          "From body"]
    assert page_title(tmp_path / "missing-page.md") == "Missing page"


# --- real builds -------------------------------------------------------------------------

STRICT_ANCHORS = "validation:\n  anchors: warn\n"
#: FILES without their one error (the warning stays)
VALID = {**FILES, "site_src/kb/number.md": NUMBER.replace("  - 42\n", "")}


def _build(project_dir: MakeProject, tmp_path: Path, files: dict[str, str]) -> Build:
    root = project_dir(files)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + STRICT_ANCHORS)  # a missing anchor fails too
    return mkdocs_build(root, tmp_path / "out")


def test_strict_build_with_gaps_and_answers(project_dir: MakeProject, tmp_path: Path) -> None:
    build = _build(project_dir, tmp_path, VALID)
    # the unmatched answer is reported, at info level, and does not fail --strict
    assert build.returncode == 0, build.output
    assert ("INFO    -  warning: site_src/kb/number.md:5: answers[1]: 'Can I keep my cat?' "
            "matches no question in any map; did you mean 'Can I keep my number?'?"
            ) in build.output
    report = build.page("faq-gaps")
    assert '<span id="gap-is-there-a-fee"></span>Is there a fee' in report
    # retail's gaps come first, then telecom's, where the fee is asked most
    assert report.index("gap-can-i-pay-in-cash") < report.index('id="gap-is-there-a-fee"')
    assert report.count('data-jm-folder="telecom"') == 2  # the facets survive cleaning
    assert 'href="../maps/telecom/moving/">Moving house</a>' in report
    assert 'href="../personas/ben/">Ben &lt;b&gt;Boomer&lt;/b&gt;</a>' in report
    moving = build.page("maps/telecom/moving")
    assert 'href="../../../faq-gaps/#gap-is-there-a-fee"' in moving
    assert 'href="../../../kb/number/">Can I keep my number?</a>' in moving
    data = json.loads((build.site / "faq-gaps.json").read_text(encoding="utf-8"))
    assert [(g["question"], g["count"]) for g in data] == [
        ("Is there a fee", 3), ("When does the technician come", 2),
        ("Can I pay in cash?", 1)]
    for gap in data:
        for asker in gap["maps"]:
            assert (build.site / asker["url"] / "index.html").is_file()
    kb = build.page("kb")
    assert 'href="install/">Installation</a>' in kb and "Knowledge base" in kb
    number = build.page("kb/number")
    assert "Yes, you can." in number and 'id="asked-by"' in number
    assert 'href="../../maps/telecom/moving/">Moving house</a>' in number
    assert "Can I keep my cat?" in number


def test_messages_name_the_sites_own_docs_folder(load: Load) -> None:
    """No message or schema text says site_src/ for a site whose docs folder is docs/."""
    from journeymaps.load.project import load_project

    files = {**VALID, "maps/retail/shop.md": SHOP.replace(
        "When does the technician come", "{text: T, answer: 'ftp://x/y'}")}
    root = load(files).root
    (root / "site_src").rename(root / "docs")
    project = load_project(root, root / "maps", root / "docs")
    messages = " ".join(p.message for p in project.problems)
    assert "a path relative to the docs folder `docs/`" in messages
    assert "site_src" not in messages
    assert "`docs/`" in schema_json(site_layout.MAP_SCHEMA, project.docs_folder)
    assert "site_src" not in schema_json(site_layout.MAP_SCHEMA, project.docs_folder)


def test_strict_build_fails_on_broken_answers(project_dir: MakeProject,
                                               tmp_path: Path) -> None:
    files = {**VALID, "maps/retail/shop.md": SHOP.replace(
        "Can I pay in cash?", "{text: Can I pay in cash?, answer: kb/cash.md}").replace(
        "When does the technician come", "{text: T, answer: 'ftp://x/y'}")}
    build = _build(project_dir, tmp_path, files)
    assert build.returncode != 0
    for line in ("WARNING -  maps/retail/shop.md:6: stages[0].questions[1].answer: the URL "
                 "scheme 'ftp:' is not allowed; use an https:// URL or a path relative to "
                 "the docs folder `site_src/`",
                 "WARNING -  maps/retail/shop.md:6: stages[0].questions[2].answer: the answer "
                 "page 'kb/cash.md' does not exist in site_src/"):
        assert line in build.output
    assert "Traceback" not in build.output


def test_hand_written_kb_index_is_kept_in_the_site(project_dir: MakeProject,
                                                   tmp_path: Path) -> None:
    files = {**VALID, "site_src/kb/index.md": "# Our own index\n\nHand-written.\n"}
    build = _build(project_dir, tmp_path, files)
    assert build.returncode == 0, build.output
    assert "Hand-written." in build.page("kb")
    assert "generated one" not in build.output


def test_sample_site_has_the_report(sample_site: Build) -> None:
    report = sample_site.page("faq-gaps")
    assert "FAQ gaps" in report
    data = json.loads((sample_site.site / "faq-gaps.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, FAQ_GAPS_SCHEMA)
    # most asked first: by the contact centre's counts where there are some, then by maps
    ranks = [(g["contacts"] or 0, g["count"]) for g in data]
    assert ranks == sorted(ranks, reverse=True)


def test_the_previews_gap_report_is_the_full_builds(tmp_path: Path) -> None:
    """A live preview keeps each gap's row while the maps asking it are unchanged
    (``fragments``): the page a full build writes, before and after an owner edit."""
    import shutil

    from conftest import REPO
    from journeymaps.analysis.fragments import Fragments, keep_on
    from journeymaps.load.cache import FileCache
    from journeymaps.load.project import load_project
    from journeymaps.pages.faq_gap_report import render_faq_gap_page

    for folder in ("maps", "site_src"):
        shutil.copytree(REPO / folder, tmp_path / folder)
    cache, fragments = FileCache(), Fragments()

    def pages() -> tuple[str, str]:
        project = load_project(tmp_path, tmp_path / "maps", tmp_path / "site_src", cache)
        keep_on(project, fragments)
        kept = render_faq_gap_page(project, None, fragments)
        fragments.finish()
        return kept, render_faq_gap_page(project)

    kept, full = pages()
    assert kept == full
    asking = next(project_map for project_map in load_project(
        tmp_path, tmp_path / "maps", tmp_path / "site_src").maps
        if any(stage.questions for stage in project_map.stages))
    source = tmp_path / asking.file
    source.write_text(re.sub(r"(?m)^owner: .*$", "owner: Team edited",
                             source.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    kept, full = pages()
    assert kept == full
    assert "Team edited" in kept
