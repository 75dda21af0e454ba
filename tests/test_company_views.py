"""The company-wide views: catalogue, gallery, journey comparison, channel matrix,
opportunity backlog, map health, key figures, tags; unit tests of the core on a
small project whose figures are worked out by hand below."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable

import pytest
import yaml

from journeymaps.analysis.backlog import backlog_board
from journeymaps.analysis.health import stale_maps, weakest_links
from journeymaps.analysis.map_stats import average_score, is_stale, open_questions
from journeymaps.analysis.options import SiteOptions
from journeymaps.analysis.stages import stage_axis
from journeymaps.language.labels import ENGLISH
from journeymaps.model.project import Project
from journeymaps.pages import site_layout
from journeymaps.pages.catalogue import render_catalogue
from journeymaps.pages.channel_matrix import render_channel_matrix
from journeymaps.pages.emotion_curve import Curve, emotion_chart, sparkline
from journeymaps.pages.journey_comparison import render_journey_comparison, render_journey_index
from journeymaps.pages.key_figures import render_key_figures
from journeymaps.pages.map_health import render_map_health
from journeymaps.pages.map_page import render_map_page
from journeymaps.pages.opportunity_backlog import render_opportunity_backlog
from journeymaps.pages.persona_gallery import render_persona_gallery
from journeymaps.pages.report import heat
from journeymaps.pages.tags import map_tags
from journeymaps.website.assembly import generate, transform_docs_page
from journeymaps.website.registry import MARKERS

OPTIONS = SiteOptions(stale_after_days=180, today=dt.date(2025, 6, 1))

# Three personas (Carol walks no map), two maps of the journey "moving" in
# maps/telecom/ and one map without journey at the top level. Figures:
#   moving-anna: scores 4 2 3 1 -> 2.5; 1 FAQ gap; reviewed 31 days ago
#   moving-bob:  scores 4 5 4   -> 4.3; 0 gaps (the KB answers its question); stale
#   billing:     score 2        -> 2.0; 1 gap; never reviewed; no journey
COMPANY = {
    "maps/personas/anna.md": """
        ---
        name: Anna Nowak
        segment: Millennials
        quote: I want it done online, today.
        ---
        """,
    "maps/personas/bob.md": """
        ---
        name: Bob Smith
        segment: Boomers
        photo: bob.png
        ---
        """,
    "maps/personas/bob.png": "not really a picture",
    "maps/personas/carol.md": """
        ---
        name: Carol Jones
        segment: Gen Z
        ---
        """,
    "maps/telecom/moving-anna.md": """
        ---
        title: Moving house (Anna)
        persona: anna
        journey: moving
        owner: Care team
        reviewed: 2025-05-01
        tags: [relocation]
        stages:
          - name: Inquiry
            touchpoints:
              - {name: Website FAQ, channel: web, score: 4}
              - {name: Hotline call, channel: phone, score: 2, expected: 4}
            emotions: [curious]
            pain_points: [Long wait on the hotline]
            questions:
              - Can I keep my number?
              - How long does the move take?
            opportunities:
              - {text: Callback option, priority: medium, owner: Phone team}
          - name: Purchase
            touchpoints:
              - {name: Online order, channel: web, score: 3}
            opportunities: [Show the total price]
          - name: Installation
            touchpoints:
              - {name: Technician visit, channel: field, score: 1, expected: 3}
            pain_points: [Technician late, No arrival window, Router missing]
            opportunities:
              - {text: Send an arrival SMS, priority: high}
        ---
        """,
    "maps/telecom/moving-bob.md": """
        ---
        title: Moving house (Bob)
        persona: bob
        journey: moving
        reviewed: 2024-01-01
        stages:
          - name: inquiry
            touchpoints:
              - {name: Hotline call, channel: Phone, score: 4}
              - {name: Store visit, channel: store, score: 5}
            emotions: [calm]
          - name: Purchase
            touchpoints:
              - {name: Store contract, channel: store, score: 4}
            questions: [can i keep my number]
            opportunities:
              - {text: Offer a home visit, priority: low}
          - name: Installation
            pain_points: [Nobody calls back]
        ---
        """,
    "maps/billing.md": """
        ---
        title: First bill
        persona: [anna, bob]
        owner: Billing
        stages:
          - name: Receive bill
            touchpoints:
              - {name: Email bill, channel: email, score: 2, expected: 2}
            questions: [Why is my bill so high?]
            opportunities:
              - {text: Explain the first bill, priority: high, owner: Billing}
        ---
        """,
    "site_src/kb/keep-number.md": """
        ---
        answers: ["Can I keep my number?"]
        ---
        # Keep your number
        """,
}


@pytest.fixture
def company(load: Callable[[dict[str, str]], Project]) -> Project:
    project = load(COMPANY)
    assert project.problems == [], project.problems
    return project


def by_title(project: Project, title: str):
    return next(m for m in project.maps if m.title == title)


def no_facets(page: str) -> str:
    """The page without its items' facets (the filters' tests look at them)."""
    return re.sub(r'<span class="jm-facets[^"]*"[^>]*></span>', "", page)


def rows(markdown: str) -> list[str]:
    """The body rows of every table (no header rows), in order."""
    lines = markdown.splitlines()
    return [line for line, after in zip(lines, [*lines[1:], ""], strict=True)
            if line.startswith("| ") and not after.startswith("|---")]


# --- per-map figures -------------------------------------------------------------------


def test_map_figures(company: Project) -> None:
    anna, bob, bill = (by_title(company, t) for t in
                       ("Moving house (Anna)", "Moving house (Bob)", "First bill"))
    assert average_score(anna) == 2.5
    assert average_score(bill) == 2.0
    assert [q.text for q in open_questions(company, anna)] == ["How long does the move take?"]
    assert open_questions(company, bob) == []  # the KB answers "can i keep my number"
    assert [q.text for q in open_questions(company, bill)] == ["Why is my bill so high?"]
    assert [is_stale(m, OPTIONS) for m in (anna, bob, bill)] == [False, True, True]


def test_stale_means_older_than_the_limit(company: Project) -> None:
    anna = by_title(company, "Moving house (Anna)")  # reviewed 2025-05-01
    assert not is_stale(anna, SiteOptions(stale_after_days=31, today=OPTIONS.today))
    assert is_stale(anna, SiteOptions(stale_after_days=30, today=OPTIONS.today))


# --- catalogue -----------------------------------------------------------------------------


def test_catalogue_is_one_table_with_the_folder_as_a_column_and_a_filter(company: Project) -> None:
    page = render_catalogue(company, OPTIONS)
    assert page.startswith("---\ntitle: Journey maps\nhide:\n- toc\n"
                           "search:\n  boost: 0.25\n---\n")  # below the maps it repeats
    assert "3 maps in 2 folders" in page
    # all maps rank together, in one table that search leaves to the map pages
    assert page.count('<div class="jm-sortable" data-search-exclude="true" markdown>') == 1
    bill, anna, bob = rows(page)  # the top level first, then each folder, titles in order
    assert bill.startswith(
        '| <span class="jm-facets" data-jm-folder="%2F:Top%20level" '
        'data-jm-persona="anna:Anna%20Nowak bob:Bob%20Smith" data-jm-state="current:as-is" '
        'data-jm-owner="Billing"></span><span id="folder"></span>[First bill](billing.md) '
        '| Top level | [Anna Nowak](../personas/anna.md), [Bob Smith](../personas/bob.md) '
        '| – | as-is | Billing | <span data-sort="0000">never ⚠ stale</span> | ')
    assert bill.endswith(" | 1 |")  # one open FAQ gap
    assert anna.startswith(
        '| <span class="jm-facets" data-jm-folder="telecom" data-jm-persona="anna:Anna%20Nowak" '
        'data-jm-journey="moving" data-jm-state="current:as-is" data-jm-owner="Care%20team">'
        '</span><span id="folder-telecom"></span>[Moving house (Anna)](telecom/moving-anna.md) '
        '| telecom | [Anna Nowak](../personas/anna.md) | [moving](../journeys/moving.md) '
        '| as-is | Care team | <span data-sort="2025-05-01">2025-05-01</span> | ')
    assert '<span data-sort="2.50"><span class="jm-heat jm-heat-3">2.5</span> <svg' in anna
    assert anna.endswith(" | 1 |")
    assert 'id="folder-' not in bob  # the folder's anchor is on its first row only
    assert "data-jm-owner" not in bob and "| – |" in bob  # no owner
    assert "2024-01-01 ⚠ stale" in bob
    assert '<span class="jm-heat jm-heat-4">4.3</span>' in bob and bob.endswith(" | 0 |")
    assert ('<div class="jm-filters" role="group" aria-label="Filters">'
            '<span data-jm-facet="folder">Folder</span>'
            '<span data-jm-facet="persona">Personas</span>') in page


def test_catalogue_of_one_folder_has_no_folder_anchor(load) -> None:
    project = load({k: v for k, v in COMPANY.items() if k != "maps/billing.md"})
    page = render_catalogue(project, OPTIONS)
    assert "2 maps in 1 folder." in page and 'id="folder' not in page


def test_empty_project_pages_say_what_to_do(load) -> None:
    empty = load({})
    assert "No journey map yet" in render_catalogue(empty, OPTIONS)
    assert "No persona yet" in render_persona_gallery(empty)
    assert "No journey yet" in render_journey_index(empty)
    assert "No touchpoint yet" in render_channel_matrix(empty)
    assert "No opportunity yet" in render_opportunity_backlog(empty)
    health = render_map_health(empty, OPTIONS)
    assert health.count("None: nothing to do here.") == 9  # 6, then metrics and evidence
    assert "- [Stale maps](#stale-maps): 0 maps" in health


# --- persona gallery ---------------------------------------------------------------------


def test_persona_gallery_has_a_card_per_persona(company: Project) -> None:
    page = render_persona_gallery(company)
    assert "3 personas" in page and '<div class="grid cards jm-gallery" markdown>' in page
    anna, bob, carol = (page.index(f"**[{n}]") for n in ("Anna Nowak", "Bob Smith",
                                                          "Carol Jones"))
    assert anna < bob < carol
    assert ('-   <span class="jm-avatar jm-initials" aria-hidden="true">AN</span> '
            "**[Anna Nowak](anna.md)**\n\n"
            "    Millennials · 2 journey maps\n\n    > I want it done online, today.") in page
    assert "-   ![Bob Smith](bob.png){ .jm-avatar } **[Bob Smith](bob.md)**" in page
    assert "    Gen Z · no journey map yet" in page


def test_persona_gallery_escapes_names(load) -> None:
    page = render_persona_gallery(load({"maps/personas/x.md": """
        ---
        name: "<img src=x onerror=alert(1)> Eve"
        ---
        """}))
    assert "<img" not in page and "&lt;img src=x onerror=alert(1)&gt; Eve" in page
    # src=x onerror
    assert '<span class="jm-avatar jm-initials" aria-hidden="true">SO</span>' in page


# --- journey comparison ------------------------------------------------------------------


def test_journey_comparison_sets_the_views_side_by_side(company: Project) -> None:
    page = render_journey_comparison("moving", company)
    assert "2 maps of the journey **moving**" in page
    header = next(line for line in page.splitlines() if line.startswith("| Stage |"))
    assert header == ("| Stage | [Anna Nowak](../personas/anna.md) · "
                      "[as-is](../maps/telecom/moving-anna.md) | [Bob Smith](../personas/bob.md)"
                      " · [as-is](../maps/telecom/moving-bob.md) | Spread |")
    inquiry, purchase, installation = (line for line in page.splitlines()
                                       if line.startswith("| **"))
    # Bob's stage is called "inquiry": the same stage, whatever the case
    assert inquiry.startswith("| **1. Inquiry** | • **Website FAQ** · _web_ · "
                              '<span class="jm-heat jm-heat-4">4</span><br>')
    assert "• Pain: Long wait on the hotline" in inquiry and "Feels _calm_" in inquiry
    assert inquiry.endswith("| 1.5 |")
    assert purchase.endswith("| 1.0 |")
    assert installation.endswith("| Pain: Nobody calls back | – |")
    assert ("The views part most at **Inquiry** (a spread of 1.5 points: Anna Nowak 3.0, "
            "Bob Smith 4.5).") in page


def test_journey_comparison_draws_each_personas_curve(company: Project) -> None:
    page = render_journey_comparison("moving", company)
    chart = page[page.index('<figure class="jm-chart">'):page.index("</figure>")]
    assert "\n\n" not in chart  # one HTML block for Markdown
    anna = chart[chart.index("jm-curve-0"):chart.index("jm-curve-1")]
    assert [t in anna for t in ("Anna Nowak · Inquiry: 3.0", "Anna Nowak · Purchase: 3.0",
                                "Anna Nowak · Installation: 1.0")] == [True] * 3
    assert "Bob Smith · Inquiry: 4.5" in chart and "Bob Smith · Installation" not in chart
    legend = chart[chart.index("<figcaption>"):]
    assert legend.index("Anna Nowak") < legend.index("Bob Smith")


def test_to_be_map_is_a_view_of_its_own(load) -> None:
    files = dict(COMPANY)
    files["maps/telecom/moving-anna-future.md"] = """
        ---
        title: Moving house, to-be
        persona: anna
        journey: moving
        state: future
        stages:
          - name: Inquiry
            touchpoints: [{name: Chat, channel: chat, score: 5}]
        ---
        """
    page = render_journey_comparison("moving", load(files))
    assert "3 maps of the journey" in page
    assert "[to-be](../maps/telecom/moving-anna-future.md) | Spread |" in page
    assert "Anna Nowak (to-be)" in page  # the curve's label
    assert "(a spread of 2.0 points: Anna Nowak 3.0, Bob Smith 4.5, Anna Nowak (to-be) 5.0)" \
        in page


def test_journey_index_lists_journeys(company: Project) -> None:
    page = render_journey_index(company)
    assert rows(page)[-1] == ("| [moving](moving.md) | 2 | [Anna Nowak](../personas/anna.md), "
                              "[Bob Smith](../personas/bob.md) | "
                              '<span class="jm-heat jm-heat-3">3.3</span> |')  # 23 / 7


def test_stage_axis_puts_each_stage_where_it_sits_on_average(load) -> None:
    def journey(stages: list[str]) -> str:
        listed = "".join(f"\n          - name: {s}" for s in stages)
        return f"""
        ---
        title: t
        persona: p
        stages:{listed}
        ---
        """
    project = load({"maps/personas/p.md": "---\nname: P\n---\n",
                    "maps/a.md": journey(["Aware", "Buy", "Use"]),
                    "maps/b.md": journey(["aware", "Compare", "Buy", "Use", "Leave"])})
    assert [name for _, name in stage_axis(project.maps)] == [
        "Aware", "Compare", "Buy", "Use", "Leave"]


# --- omnichannel matrix ------------------------------------------------------------------


def test_channel_summary_counts_touchpoints_and_personas(company: Project) -> None:
    page = no_facets(render_channel_matrix(company))
    assert "5 channels and 8 touchpoints across 3 maps." in page
    summary = page[page.index("## Channels\n"):page.index("## Channels × stages")]
    assert rows(summary) == [
        '| phone | 2 | <span class="jm-heat jm-heat-3">3.0</span> | '
        "[Anna Nowak](personas/anna.md), [Bob Smith](personas/bob.md) | 2 |",
        '| store | 2 | <span class="jm-heat jm-heat-5">4.5</span> | '
        "[Bob Smith](personas/bob.md) | 1 |",
        '| web | 2 | <span class="jm-heat jm-heat-4">3.5</span> | '
        "[Anna Nowak](personas/anna.md) | 1 |",
        '| email | 1 | <span class="jm-heat jm-heat-2">2.0</span> | '
        "[Anna Nowak](personas/anna.md), [Bob Smith](personas/bob.md) | 1 |",
        '| field | 1 | <span class="jm-heat jm-heat-1">1.0</span> | '
        "[Anna Nowak](personas/anna.md) | 1 |",
    ]


def test_matrix_rows_declare_the_channels_facets(company: Project) -> None:
    from journeymaps.analysis.channel_facets import channel_facets, matrix_facets
    from journeymaps.analysis.stages import stage_key

    # no catalogue: no kind or owner to choose by; no lifecycle: stages, not phases
    assert matrix_facets(company) == ("kind", "owner", "persona", "journey", "stage")
    found = channel_facets(company, ENGLISH)
    assert found["phone"] == {  # "Inquiry" and Bob's "inquiry" are one column
        "kind": [], "owner": [], "persona": [("anna", "Anna Nowak"), ("bob", "Bob Smith")],
        "journey": [("moving", "moving")], "stage": [(stage_key("Inquiry"), "Inquiry")]}
    assert found["email"]["journey"] == []  # the bill's map has no journey
    assert [name for _, name in found["web"]["stage"]] == ["Inquiry", "Purchase"]
    page = render_channel_matrix(company)
    tag = ('<span class="jm-facets" data-jm-persona="anna:Anna%20Nowak bob:Bob%20Smith" '
           'data-jm-journey="moving" data-jm-stage="inquiry:Inquiry"></span>')
    assert f"| {tag}phone | 2 |" in page  # the summary's row, counted
    # the matrix's row of the same channel: filtered alike, counted once
    assert f"| {tag.replace('jm-facets', 'jm-facets jm-repeated')}**phone** |" in page
    assert page.index('<div class="jm-filters"') < page.index("## Channels")


def test_matrix_cells_list_touchpoints_with_average_and_maps(company: Project) -> None:
    page = no_facets(render_channel_matrix(company))
    matrix = page[page.index("## Channels × stages"):]
    assert "| Channel | Receive bill | Inquiry | Purchase | Installation |" in matrix
    phone = next(line for line in matrix.splitlines() if line.startswith("| **phone**"))
    cells = phone.split(" | ")
    assert cells[2] == ('**Hotline call** <span class="jm-heat jm-heat-3">3.0</span> '
                        "([Moving house (Anna)](maps/telecom/moving-anna.md), "
                        "[Moving house (Bob)](maps/telecom/moving-bob.md))")
    assert cells[1].strip() == cells[3].strip() == ""


def test_matrix_caps_map_links_and_keeps_touchpoints_without_channel(load) -> None:
    files = {"maps/personas/p.md": "---\nname: P\n---\n"}
    for i in range(5):
        files[f"maps/m{i}.md"] = f"""
            ---
            title: Map {i}
            persona: p
            stages:
              - name: Buy
                touchpoints: [{{name: Till, channel: store, score: {1 + i}}}, {{name: Sign,
                               score: 3}}]
            ---
            """
    page = no_facets(render_channel_matrix(load(files)))
    store = next(line for line in page.splitlines() if line.startswith("| **store**"))
    assert store == ('| **store** | **Till** <span class="jm-heat jm-heat-3">3.0</span> '
                     "([Map 0](maps/m0.md), [Map 1](maps/m1.md), [Map 2](maps/m2.md) "
                     "and 2 more) |")
    assert page.splitlines()[-1].startswith("| **(no channel)** | **Sign**")


def test_matrix_cell_shows_its_average_and_its_worst_touchpoints(load) -> None:
    stage = "".join(f"\n                  - {{name: T{i}, channel: web, score: {1 + i % 5}}}"
                    for i in range(8))
    page = render_channel_matrix(load({"maps/personas/p.md": "---\nname: P\n---\n",
                                       "maps/m.md": f"""
            ---
            title: M
            persona: p
            stages:
              - name: Buy
                touchpoints:{stage}
            ---
            """}))
    web = next(line for line in no_facets(page).splitlines() if line.startswith("| **web**"))
    # scores 1 2 3 4 5 1 2 3: average 2.6; the five worst shown, worst first
    assert web.startswith('| **web** | <span class="jm-heat jm-heat-3">2.6</span> over 8 '
                          "touchpoints<br>• **T0** ")
    shown = re.findall(r"\*\*(T\d)\*\*", web)
    assert shown == ["T0", "T5", "T1", "T6", "T2"]
    assert web.endswith("<br>• and 3 more touchpoints |")


# --- opportunity backlog -----------------------------------------------------------------


def test_backlog_puts_high_priority_and_worst_feeling_first(company: Project) -> None:
    board = backlog_board(company, ENGLISH)
    # no map gives a status: the board is grouped by priority, unset last
    assert board.by == "priority"
    assert [(g.key, [c.opportunity.text for c in g.cards]) for g in board.groups] == [
        ("high", ["Send an arrival SMS", "Explain the first bill"]),
        ("medium", ["Callback option"]), ("low", ["Offer a home visit"]),
        ("unset", ["Show the total price"])]
    sms = board.cards[0]
    assert (sms.journey_map.title, sms.stage.name) == ("Moving house (Anna)", "Installation")
    assert (sms.owner, sms.owner_from_map) == ("Care team", True)
    # Bob's map has no owner; the total price, of Anna's map, gets its owner
    assert [(c.owner, c.owner_from_map) for c in board.cards[3:]] == [("", False),
                                                                       ("Care team", True)]
    page = render_opportunity_backlog(company)
    assert "5 opportunities (2 high, 1 medium, 1 low, 1 unset)." in page
    assert "**1 opportunity without any owner.**" in page
    assert "Where the work stands" not in page  # no status to tell
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == [
        '## High <span class="jm-count">2</span> { #priority-high }',
        '## Medium <span class="jm-count">1</span> { #priority-medium }',
        '## Low <span class="jm-count">1</span> { #priority-low }',
        '## Unset <span class="jm-count">1</span> { #priority-unset }', "## By owner"]


def test_each_opportunity_is_one_card_with_its_stage_and_its_pain_points_folded(
        company: Project) -> None:
    page = render_opportunity_backlog(company)
    # a board is HTML the writer makes itself, a line a group, which Markdown leaves unread
    boards = [line for line in page.splitlines() if 'class="jm-board"' in line]
    assert len(boards) == 4 and all(line.startswith('<div class="jm-html">')
                                    for line in boards)
    # read as a browser reads them: the writer's HTML has author text's marks as entities
    cards = [html.unescape(card) for board in boards
             for card in board.split('<li class="jm-card">')[1:]]
    assert len(cards) == 5
    sms = cards[0]
    assert "<strong>Send an arrival SMS</strong>" in sms
    # the map, and the stage as a link to its column on the map page, as a browser
    # reads them from the board's address (opportunities/)
    assert ('<a href="../maps/telecom/moving-anna/">Moving house (Anna)</a> · '
            '<a href="../maps/telecom/moving-anna/#stage-installation">Installation</a>'
            ) in sms
    assert ('Owner: <em>Care team</em> · <a href="../personas/anna/">Anna Nowak</a> · '
            'Feeling: ') in sms
    assert '<span class="jm-heat jm-heat-1">1.0</span>' in sms
    assert ('<details class="jm-card-pains"><summary>Pain points at that stage (3)</summary>'
            "<ul><li>Technician late</li><li>No arrival window</li><li>Router missing</li>"
            "</ul></details>") in sms
    assert "Owner: –" in cards[3]  # neither the opportunity nor the map names an owner


def test_backlog_cards_declare_their_filters(company: Project) -> None:
    board = backlog_board(company, ENGLISH)
    sms, unset = board.cards[0], board.cards[-1]
    assert sms.facets == {"priority": [("high", "high")], "status": [("idea", "idea")],
                          "owner": [("Care team", "Care team")],
                          "persona": [("anna", "Anna Nowak")],
                          "journey": [("moving", "moving")], "phase": []}  # no lifecycle
    assert unset.facets["priority"] == [("unset", "unset")]
    page = render_opportunity_backlog(company)
    assert ('<span class="jm-facets" data-jm-priority="high" data-jm-status="idea" '
            'data-jm-owner="Care%20team" data-jm-persona="anna:Anna%20Nowak" '
            'data-jm-journey="moving"></span>') in page
    bar = page[page.index('<div class="jm-filters"'):]
    assert [m for m in re.findall(r'data-jm-facet="(\w+)"', bar.split("</div>")[0])] == [
        "priority", "status", "owner", "persona", "journey", "phase"]


# --- map health ----------------------------------------------------------------------------


def section(page: str, anchor: str) -> str:
    """A section of the page, without the rows' facets (the filters' test has them)."""
    start = page.index(f"{{ #{anchor} }}")
    end = page.find("\n## ", start)
    return re.sub(r'<span class="jm-facets"[^>]*></span>', "", page[start:end if end > 0 else None])


def test_health_rows_declare_the_facets_of_their_maps(company: Project) -> None:
    page = render_map_health(company, OPTIONS)
    assert '## Stale maps <span class="jm-count">2</span> { #stale-maps }' in page
    assert ('| <span class="jm-facets" data-jm-folder="%2F:Top%20level" data-jm-owner="Billing" '
            'data-jm-persona="anna:Anna%20Nowak bob:Bob%20Smith"></span>[First bill]') in page
    assert '<span data-jm-facet="owner">Owner</span>' in page


def test_health_lists_stale_maps_never_reviewed_first(company: Project) -> None:
    page = render_map_health(company, OPTIONS)
    assert "- [Stale maps](#stale-maps): 2 maps" in page
    assert rows(section(page, "stale-maps")) == [
        '| [First bill](maps/billing.md) | Billing | <span data-sort="0000">never</span> | – |',
        "| [Moving house (Bob)](maps/telecom/moving-bob.md) | – | "
        '<span data-sort="2024-01-01">2024-01-01</span> | 517 |',
    ]
    assert [m.title for m in stale_maps(company, OPTIONS)] == ["First bill", "Moving house (Bob)"]


def test_health_weakest_links_lowest_score_then_largest_disappointment(company: Project) -> None:
    links = weakest_links(company)
    assert [(w.touchpoint.name, w.journey_map.title) for w in links] == [
        ("Technician visit", "Moving house (Anna)"), ("Hotline call", "Moving house (Anna)"),
        ("Email bill", "First bill"), ("Online order", "Moving house (Anna)")]
    page = render_map_health(company, OPTIONS)
    first = rows(section(page, "weakest-links"))[0]
    assert first == ('| **Technician visit** | field | <span class="jm-heat jm-heat-1">1</span>'
                     " | 3 | -2 | [Moving house (Anna)](maps/telecom/moving-anna.md) | "
                     "Installation | [Anna Nowak](personas/anna.md) |")
    assert "| 2 | 0 | [First bill]" in rows(section(page, "weakest-links"))[2]
    assert [w.touchpoint.name for w in weakest_links(company, 1)] == ["Technician visit"]


def test_health_flags_clusters_owners_lonely_personas_and_empty_stages(company) -> None:
    page = render_map_health(company, OPTIONS)
    assert rows(section(page, "obstacle-clusters")) == [
        "| [Moving house (Anna)](maps/telecom/moving-anna.md) | Installation | 3 | "
        '<span class="jm-heat jm-heat-1">1.0</span> | '
        "• Technician late<br>• No arrival window<br>• Router missing |"]
    assert rows(section(page, "maps-without-owner")) == [
        "| [Moving house (Bob)](maps/telecom/moving-bob.md) | telecom |"]
    assert rows(section(page, "personas-without-maps")) == [
        "| [Carol Jones](personas/carol.md) | Gen Z |"]
    assert rows(section(page, "stages-without-touchpoints")) == [
        "| [Moving house (Bob)](maps/telecom/moving-bob.md) | Installation |"]


# --- key figures ---------------------------------------------------------------------------


def test_key_figures_count_and_link_from_the_page_they_are_on(company: Project) -> None:
    home = render_key_figures("index.md", company, OPTIONS)
    assert "-   **[3](maps/index.md)** journey maps" in home
    assert "-   **[3](personas/index.md)** personas" in home
    assert "-   **[1](journeys/index.md)** journey" + "\n" in home  # singular for one
    assert "-   **[2](faq-gaps.md)** open FAQ gaps" in home
    assert "-   **[2](health.md#stale-maps)** stale maps (not reviewed within 180 days)" in home
    weakest = home[home.index("**The 3 weakest touchpoints**"):].splitlines()[2:]
    assert weakest == [
        "1. **Technician visit** (1/5) · Installation · "
        "[Moving house (Anna)](maps/telecom/moving-anna.md) · [Anna Nowak](personas/anna.md)",
        "2. **Hotline call** (2/5) · Inquiry · [Moving house (Anna)](maps/telecom/moving-anna.md)"
        " · [Anna Nowak](personas/anna.md)",
        "3. **Email bill** (2/5) · Receive bill · [First bill](maps/billing.md) · "
        "[Anna Nowak](personas/anna.md), [Bob Smith](personas/bob.md)"]
    nested = render_key_figures("guide/about.md", company, OPTIONS)
    assert "**[3](../maps/index.md)**" in nested and "(../health.md#stale-maps)" in nested


MARKER = next(m for m in MARKERS if m.name == "figures").text()


def test_the_marker_expands_in_docs_pages_only_where_written(company: Project) -> None:
    text = f"# Home\n\n{MARKER}\n\nMore.\n"
    regions = OPTIONS.regions  # the figures carry map text: marked for the plugin to clean
    done = transform_docs_page("index.md", text, company, OPTIONS)
    assert MARKER not in done
    assert done.startswith(f"# Home\n\n{regions.start}\n\n<div class=\"grid cards jm-figures\"")
    assert done.endswith(f"\n\n{regions.end}\n\nMore.\n")
    assert transform_docs_page("index.md", "# Plain\n", company) == "# Plain\n"
    shown = f"Write\n\n```html\n{MARKER}\n```\n\nor ~~~ fences:\n~~~\n{MARKER}\n~~~\n"
    assert transform_docs_page("guide/x.md", shown, company, OPTIONS) == shown
    inline = f"The marker {MARKER} works on a line of its own only.\n"
    assert transform_docs_page("guide/x.md", inline, company, OPTIONS) == inline


# --- tags and the map page ---------------------------------------------------------------


def test_map_tags_are_its_tags_personas_journey_state_and_channels(company: Project) -> None:
    anna = by_title(company, "Moving house (Anna)")
    assert map_tags(anna, company) == ["relocation", "Anna Nowak", "moving", "as-is", "web",
                                       "phone", "field"]
    bob = by_title(company, "Moving house (Bob)")
    assert map_tags(bob, company) == ["Bob Smith", "moving", "as-is", "phone", "store"]
    page = render_map_page(anna, company)
    assert page.startswith("---\ntitle: Moving house (Anna)\ntags:\n- relocation\n- Anna Nowak\n")


def test_map_tags_are_escaped_and_distinct(load) -> None:
    project = load({"maps/personas/p.md": "---\nname: P\n---\n", "maps/m.md": """
        ---
        title: M
        persona: p
        tags: ["<b>x</b> & y", "P", "Web"]
        stages:
          - name: S
            touchpoints: [{name: T, channel: web, score: 3}]
        ---
        """})
    assert map_tags(project.maps[0], project) == ["&lt;b&gt;x&lt;/b&gt; &amp; y", "P", "Web",
                                                  "as-is"]  # "web" is the same tag as "Web"


def test_map_page_links_its_journey_comparison(company: Project) -> None:
    page = render_map_page(by_title(company, "Moving house (Anna)"), company)
    assert ("- **Journey:** moving · [compare the personas side by side]"
            "(../../journeys/moving.md)") in page
    assert "**Journey:**" not in render_map_page(by_title(company, "First bill"), company)


# --- pieces --------------------------------------------------------------------------------


def test_journey_pages_are_their_ids_and_folder_anchors_never_collide() -> None:
    assert site_layout.journey_page("moving-house") == "journeys/moving-house.md"
    assert site_layout.unique_slug("przeprowadzka") == "przeprowadzka"
    assert site_layout.unique_slug("搬家") == "搬家"
    slugs = {site_layout.unique_slug(j) for j in ("moving", "Moving", "moving!", "MOVING")}
    assert len(slugs) == 4 and all(s.startswith("moving") for s in slugs)
    assert site_layout.unique_slug("Moving") == site_layout.unique_slug("Moving")  # stable
    assert site_layout.unique_slug("index") != "index"
    assert "/" not in site_layout.unique_slug("../../etc/passwd")
    assert site_layout.unique_slug("???") not in ("", "-")
    assert site_layout.folder_anchor("Area 3/x") == site_layout.folder_anchor("Area 3/x")
    assert site_layout.page_url(site_layout.journey_page("moving")) == "journeys/moving/"
    assert site_layout.page_url(site_layout.CATALOGUE) == "maps/"
    assert site_layout.page_url(site_layout.HEALTH) == "health/"


def test_heat_levels() -> None:
    assert heat(None) == "–"
    assert heat(1.0) == '<span class="jm-heat jm-heat-1">1.0</span>'
    assert heat(2.5) == '<span class="jm-heat jm-heat-3">2.5</span>'
    assert heat(2.49) == '<span class="jm-heat jm-heat-2">2.5</span>'
    assert heat(5, "5") == '<span class="jm-heat jm-heat-5">5</span>'


def test_chart_escapes_text_and_breaks_the_line_where_nothing_is_scored() -> None:
    svg = emotion_chart(["<script>x</script>", "B", "C"],
                        [Curve("</svg><img src=x>", [1.0, None, 5.0])], "A & B")
    assert "<script>" not in svg and "<img" not in svg
    assert "&lt;script&gt;x&lt;/script&gt;" in svg and "&lt;/svg&gt;&lt;img src=x&gt;" in svg
    assert 'aria-label="A &amp; B"' in svg
    assert svg.count("<polyline") == 2 and svg.count("<circle") == 2
    long = emotion_chart(["A very long stage name indeed"], [Curve("x", [3.0])], "t")
    assert ">A very long stag…</text>" in long and "<title>A very long stage name indeed" in long


def test_sparkline() -> None:
    assert sparkline([None, None], "x") == ""
    line = sparkline([5.0, None, 1.0], "<b>")
    assert 'points="2.0,2.0 62.0,16.0"' in line and "&lt;b&gt;" in line


def test_generate_yields_every_company_view(company: Project) -> None:
    files = {f.path: f.content for f in generate(company, OPTIONS)}
    for path in ("maps/index.md", "personas/index.md", "journeys/index.md",
                 "journeys/moving.md", "channels.md", "opportunities.md", "health.md"):
        assert files[path].startswith("---\ntitle: "), path
    assert ".jm-heat-1" in files[site_layout.STYLESHEET]
    assert "jm-sortable" in files[site_layout.SCRIPT]


def test_generated_titles_are_escaped(load) -> None:
    project = load({"maps/personas/p.md": "---\nname: P\n---\n", "maps/m.md": """
        ---
        title: "<i>M</i>"
        persona: p
        journey: "<b>j</b>"
        stages: [{name: S}]
        ---
        """})
    files = {f.path: f.content for f in generate(project, OPTIONS)}
    # a journey id is an id: markup in it is refused, and no journey page is made of it
    assert [p.message for p in project.problems] == [
        "'<b>j</b>' is not a journey id: use lowercase letters, digits and '-'; "
        "did you mean 'b-j-b'?"]
    assert not any(path.startswith("journeys/") and "j" in path.split("/")[1] for path in files)
    # Material writes titles raw into <title> and the nav: no markup survives
    assert _title(files["maps/m.md"]) == "‹i›M‹/i›"
    assert "# &lt;i&gt;M&lt;/i&gt;" in files["maps/m.md"]


def _title(page: str) -> str:
    return yaml.safe_load(page.split("---\n")[1])["title"]


def test_a_map_or_persona_named_index_is_a_problem(load) -> None:
    project = load({"maps/personas/index.md": "---\nname: I\n---\n", "maps/index.md": """
        ---
        title: Index
        persona: index
        stages: [{name: S}]
        ---
        """, "maps/telecom/index.md": """
        ---
        title: Telecom overview
        persona: index
        stages: [{name: S}]
        ---
        """})
    assert [str(p) for p in project.problems] == [
        "maps/index.md:1: front matter: the page of maps/index.md would take the place of the "
        "catalogue of maps: rename the file",
        "maps/personas/index.md:1: front matter: the persona id 'index' is taken by the "
        "persona gallery: rename the file"]


# --- filters -------------------------------------------------------------------------------


def test_facets_are_percent_encoded_so_no_author_text_escapes_its_attribute() -> None:
    from journeymaps.pages.report import facets
    from journeymaps.safety.sanitize import clean

    hostile = 'a|b`c" onclick="x()\\* <b>'
    span = facets(owner=hostile, persona=[("anna", "Anna Nowak"), ("bob", "bob")], journey=None,
                  state="")
    assert span == ('<span class="jm-facets" data-jm-owner="a%7Cb%60c%22%20onclick%3D%22x%28%29'
                    '%5C%2A%20%3Cb%3E" data-jm-persona="anna:Anna%20Nowak bob"></span>')
    assert clean(span) == span  # the allowlist names each facet's attribute
    assert clean('<span data-jm-secret="1" data-other="2"></span>') == "<span></span>"
    with pytest.raises(ValueError, match="unknown facet"):
        facets(colour="red")


def test_a_cards_author_markdown_reads_as_it_does_on_a_map_page(company: Project) -> None:
    """The board's cards are HTML the writer makes itself: an author's emphasis, code
    and links in them are rendered all the same, and raw HTML stays text."""
    import dataclasses

    anna = next(m for m in company.maps if m.title == "Moving house (Anna)")
    stage = anna.stages[2]
    sms = dataclasses.replace(stage.opportunities[0],
                              text="Send an *arrival* SMS ([plan](https://example.com/p)) `<b>`")
    stage = dataclasses.replace(stage, opportunities=[sms], pain_points=["Technician **late**"])
    anna_edited = dataclasses.replace(anna, stages=[*anna.stages[:2], stage])
    edited = dataclasses.replace(company, maps=[anna_edited if m is anna else m
                                                for m in company.maps])
    page = render_opportunity_backlog(edited)
    assert ('<strong>Send an <em>arrival</em> SMS (<a href="https://example.com/p">plan</a>) '
            "<code>&lt;b&gt;</code></strong>") in page
    assert "<li>Technician <strong>late</strong></li>" in page
    assert "<b>" not in page
