"""Living data: opportunity status and ticket, evidence and confidence, the metric
catalogue (maps/metrics.yml) and the measured series (maps/metrics/*.csv), against the
contract's exact messages, and what the views compute from them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from conftest import Build, with_characters
from journeymaps.analysis.metrics import (
    judge,
    map_measures,
    metric_report,
    missed_targets,
    stale_series,
    unfounded_maps,
)
from journeymaps.analysis.options import SiteOptions
from journeymaps.model.metric import Metric
from journeymaps.model.project import Project

Load = Callable[[dict[str, str]], Project]
PERSONA = "---\nname: Anna\n---\n"
MAP = """\
---
title: Moving house
persona: anna
stages:
  - name: Inquiry
    metrics: {nps: 12, calls: 40}
  - name: Installation
    metrics: {conversion: "12%"}
---
"""
CATALOGUE = """\
metrics:
  - id: nps
    name: Net Promoter Score
    unit: points
    target: 30
  - id: hold
    name: Hold time
    unit: min
    target: 3
    better: lower
  - id: conversion
    name: Conversion
    unit: "%"
  - id: contacts
    name: Contacts
"""
HEADER = "map,stage,metric,date,value,source\n"
#: the empty element that declares a row's facets for the page's filters
FACETS = re.compile(r'<span class="jm-facets"[^>]*></span>')


def project(load: Load, csv: str | None = None, *, catalogue: str = CATALOGUE,
            front: str = MAP, extra: dict[str, str] | None = None) -> Project:
    files = {"maps/personas/anna.md": PERSONA, "maps/telecom/moving.md": front,
             "maps/metrics.yml": catalogue, **(extra or {})}
    if csv is not None:
        files["maps/metrics/export.csv"] = csv
    return load(files)


def problems(load: Load, csv: str | None = None, **kwargs: object) -> list[str]:
    return [str(p) for p in project(load, csv, **kwargs).problems]  # type: ignore[arg-type]


# ------------------------------------------------------------ status, ticket, evidence

STAGE = "title: T\npersona: anna\nstages:\n  - name: S\n"


@pytest.mark.parametrize(("front", "expected"), [
    (STAGE + "    opportunities: [{text: Call back, status: doing}]\n",
     "maps/telecom/moving.md:6: stages[0].opportunities[0].status: must be 'idea' or "
     "'planned' or 'in-progress' or 'done' or 'dropped', got 'doing'; did you mean 'done'?"),
    (STAGE + "    opportunities: [{text: Call back, status: in progress}]\n",
     "maps/telecom/moving.md:6: stages[0].opportunities[0].status: must be 'idea' or "
     "'planned' or 'in-progress' or 'done' or 'dropped', got 'in progress'; did you mean "
     "'in-progress'?"),
    (STAGE + "    opportunities: [{text: Call back, ticket: 'http://jira.example/T-1'}]\n",
     "maps/telecom/moving.md:6: stages[0].opportunities[0].ticket: must be an https:// URL, "
     "got 'http://jira.example/T-1'"),
    (STAGE + "    opportunities: [{text: Call back, ticket: 'javascript:alert(1)'}]\n",
     "maps/telecom/moving.md:6: stages[0].opportunities[0].ticket: must be an https:// URL, "
     "got 'javascript:alert(1)'"),
    (STAGE + "    opportunities: [{text: Call back, ticket: T-1}]\n",
     "maps/telecom/moving.md:6: stages[0].opportunities[0].ticket: must be an https:// URL, "
     "got 'T-1'"),
    ("title: T\npersona: anna\nconfidence: validatd\nstages: [{name: S}]\n",
     "maps/telecom/moving.md:4: confidence: must be 'assumed' or 'partial' or 'validated', "
     "got 'validatd'; did you mean 'validated'?"),
    ("title: T\npersona: anna\nevidence: [{source: Survey, n: 0}]\nstages: [{name: S}]\n",
     "maps/telecom/moving.md:4: evidence[0].n: must be an integer, got 0"),
    ("title: T\npersona: anna\nevidence: [{sorce: Survey}]\nstages: [{name: S}]\n",
     "maps/telecom/moving.md:4: evidence[0].sorce: unknown key 'sorce'; did you mean "
     "'source'?"),
    (STAGE + "    evidence: [{source: Study, url: 'ftp://x/y'}]\n",
     "maps/telecom/moving.md:6: stages[0].evidence[0].url: must be an https:// URL, got "
     "'ftp://x/y'"),
    (STAGE + "    evidence: [{source: Study, date: soon}]\n",
     "maps/telecom/moving.md:6: stages[0].evidence[0].date: must be a date YYYY-MM-DD, got "
     "'soon'"),
])
def test_bad_status_ticket_evidence(load: Load, front: str, expected: str) -> None:
    assert expected in problems(load, front=f"---\n{front}---\n")


def test_status_ticket_evidence_are_read(load: Load) -> None:
    front = ("---\ntitle: T\npersona: anna\nconfidence: partial\nevidence:\n  - 12 interviews\n"
             "  - {source: Exit survey, url: 'https://survey.example/q3', date: 2026-09-30,"
             " n: 412}\nstages:\n  - name: S\n    evidence: [Call recordings]\n"
             "    opportunities:\n      - Text only\n"
             "      - {text: Call back, status: done, ticket: 'https://jira.example/T-1'}\n---\n")
    loaded = project(load, front=front)
    assert loaded.problems == []
    journey_map = loaded.maps[0]
    assert journey_map.confidence == "partial"
    assert [e.source for e in journey_map.evidence] == ["12 interviews", "Exit survey"]
    assert journey_map.evidence[1].n == 412
    assert journey_map.evidence[1].date == dt.date(2026, 9, 30)
    stage = journey_map.stages[0]
    assert stage.evidence[0].source == "Call recordings"
    assert [o.status_or_default for o in stage.opportunities] == ["idea", "done"]
    assert stage.opportunities[1].ticket == "https://jira.example/T-1"


# ------------------------------------------------------------------- the catalogue

@pytest.mark.parametrize(("catalogue", "expected"), [
    ("metrics:\n  - id: nps\n    name: NPS\n    better: up\n",
     "maps/metrics.yml:4: metrics[0].better: must be 'higher' or 'lower', got 'up'"),
    ("metrics:\n  - id: nps\n    name: NPS\n    better: lowr\n",
     "maps/metrics.yml:4: metrics[0].better: must be 'higher' or 'lower', got 'lowr'; "
     "did you mean 'lower'?"),
    ("metrics:\n  - id: nps\n    nme: NPS\n",
     "maps/metrics.yml:3: metrics[0].nme: unknown key 'nme'; did you mean 'name'?"),
    ("metrics:\n  - id: Net Promoter\n    name: NPS\n",
     "maps/metrics.yml:2: metrics[0].id: 'Net Promoter' is not a metric id: use lowercase "
     "letters, digits and '-'; did you mean 'net-promoter'?"),
    ("metrics:\n  - id: nps\n    name: NPS\n  - id: nps\n    name: Again\n",
     "maps/metrics.yml:4: metrics[1].id: duplicate metric id 'nps' (first at line 2); give "
     "each metric its own"),
    ("metrics:\n  - id: nps\n    name: NPS\n    target: high\n",
     "maps/metrics.yml:4: metrics[0].target: must be a number, got 'high'"),
    ("metric:\n  - id: nps\n",
     "maps/metrics.yml:1: metric: unknown key 'metric'; did you mean 'metrics'?"),
    ("", "maps/metrics.yml:1: front matter: the file is empty"),
])
def test_bad_catalogue(load: Load, catalogue: str, expected: str) -> None:
    assert expected in problems(load, catalogue=catalogue)


def test_catalogue_is_read_in_order(load: Load) -> None:
    loaded = project(load)
    assert loaded.problems == []
    assert list(loaded.metrics) == ["nps", "hold", "conversion", "contacts"]
    assert loaded.metrics["hold"].better == "lower"


# ------------------------------------------------------------------ the CSV series

@pytest.mark.parametrize(("rows", "expected"), [
    ("telecom/movng,Inquiry,nps,2026-01-31,20,Survey\n",
     "maps/metrics/export.csv:2: map: unknown map 'telecom/movng'; did you mean "
     "'telecom/moving'?"),
    ("retail/x,Inquiry,nps,2026-01-31,20,Survey\n",
     "maps/metrics/export.csv:2: map: unknown map 'retail/x'; give the map's path under "
     "maps/ without .md, e.g. 'telecom/moving-house'"),
    ("telecom/moving,Inqiury,nps,2026-01-31,20,Survey\n",
     "maps/metrics/export.csv:2: stage: the map 'telecom/moving' has no stage 'Inqiury'; "
     "did you mean 'Inquiry'?"),
    ("telecom/moving,Payment,nps,2026-01-31,20,Survey\n",
     "maps/metrics/export.csv:2: stage: the map 'telecom/moving' has no stage 'Payment'; "
     "its stages are 'Inquiry', 'Installation' (leave the column empty for the map as a "
     "whole)"),
    ("telecom/moving,Inquiry,nsp,2026-01-31,20,Survey\n",
     "maps/metrics/export.csv:2: metric: unknown metric 'nsp'; did you mean 'nps'?"),
    ("telecom/moving,Inquiry,nps,31/01/2026,20,Survey\n",
     "maps/metrics/export.csv:2: date: must be a date YYYY-MM-DD, got '31/01/2026'"),
    ("telecom/moving,Inquiry,nps,2026-02-30,20,Survey\n",
     "maps/metrics/export.csv:2: date: '2026-02-30' is not a real date; check the month "
     "and day"),
    ("telecom/moving,Inquiry,nps,2026-01-31,n/a,Survey\n",
     "maps/metrics/export.csv:2: value: must be a number, got 'n/a'"),
    ('telecom/moving,Inquiry,nps,2026-01-31,"12,5",Survey\n',
     "maps/metrics/export.csv:2: value: must be a number with '.' as decimal point, got "
     "'12,5'"),
    ("telecom/moving,Inquiry,nps,2026-01-31,nan,Survey\n",
     "maps/metrics/export.csv:2: value: must be a number, got 'nan'"),
    ("telecom/moving,Inquiry,nps,2026-01-31,20,Survey\ntelecom/moving,Inquiry,nps,"
     "2026-01-31,21,Survey\n",
     "maps/metrics/export.csv:3: date: repeats the map, stage, metric and date of line 2; "
     "keep one of the two rows"),
    ("telecom/moving,Inquiry,nps,2026-01-31,20,Survey, Q3\n",
     "maps/metrics/export.csv:2: row: the row has 7 value(s), the header row 6; quote a "
     "value that holds a comma"),
])
def test_bad_rows(load: Load, rows: str, expected: str) -> None:
    assert problems(load, HEADER + rows) == [expected]


def test_every_bad_row_at_once_and_at_its_line(load: Load) -> None:
    csv = (HEADER + "telecom/moving,Inquiry,nps,2026-01-31,20,Survey\n\n"
           '"telecom/moving",Inquiry,nps,2026-02-28,21,"Survey,\nsecond line"\n'
           "telecom/moving,Inquiry,nps,2026-03-31,x,Survey\n"
           "telecom/moving,Nowhere,nope,2026-13-01,y,Survey\n")
    assert problems(load, csv) == [
        "maps/metrics/export.csv:6: value: must be a number, got 'x'",
        "maps/metrics/export.csv:7: date: '2026-13-01' is not a real date; check the month and "
        "day",
        "maps/metrics/export.csv:7: metric: unknown metric 'nope'; define it in "
        "maps/metrics.yml or use one of nps, hold, conversion, contacts",
        "maps/metrics/export.csv:7: stage: the map 'telecom/moving' has no stage 'Nowhere'; "
        "its stages are 'Inquiry', 'Installation' (leave the column empty for the map as a "
        "whole)",
        "maps/metrics/export.csv:7: value: must be a number, got 'y'",
    ]


@pytest.mark.parametrize(("csv", "expected"), [
    ("map,stage,metric,date,valeu\n",
     ["maps/metrics/export.csv:1: valeu: unknown column 'valeu'; did you mean 'value'?"]),
    ("map,metric,date,value\n",
     ["maps/metrics/export.csv:1: stage: the header row has no column 'stage'; it needs "
      "map, stage, metric, date, value in any order"]),
    ("map,stage,metric,date,value,comment\n",
     ["maps/metrics/export.csv:1: comment: unknown column 'comment'; the columns are map, "
      "stage, metric, date, value, source, question"]),
    ("map,stage,metric,date,value,map\n",
     ["maps/metrics/export.csv:1: map: the column 'map' is named twice (columns 1 and 6); "
      "remove one"]),
    ("", ["maps/metrics/export.csv:1: file: the file is empty; its first row must name the "
          "columns map, stage, metric, date, value (and optionally source)"]),
    (",,,\n\n", ["maps/metrics/export.csv:1: file: the file holds no values, not even a "
                 "header row"]),
])
def test_bad_header(load: Load, csv: str, expected: list[str]) -> None:
    assert problems(load, csv + "telecom/moving,Inquiry,nps,2026-01-31,20,x\n"
                    if csv.strip(", \n") else csv) == expected


def test_a_file_that_is_not_utf8(load: Load, project_dir: Callable[[dict[str, str]], object]
                                 ) -> None:
    root = project_dir({"maps/personas/anna.md": PERSONA, "maps/telecom/moving.md": MAP,
                        "maps/metrics.yml": CATALOGUE})
    (root / "maps/metrics/latin1.csv").parent.mkdir()  # type: ignore[operator]
    (root / "maps/metrics/latin1.csv").write_bytes(  # type: ignore[operator]
        HEADER.encode() + "telecom/moving,Inquiry,nps,2026-01-31,20,Umfrage März\n".encode(
            "latin-1"))
    from journeymaps.load.project import load_project
    loaded = load_project(root, root / "maps", root / "site_src")  # type: ignore[operator]
    assert [str(p) for p in loaded.problems] == [
        "maps/metrics/latin1.csv:2: file: not valid UTF-8 (byte 0xe4 at offset 85); export "
        "or save it as UTF-8"]


def test_columns_in_any_order_and_the_folder_holds_no_maps(load: Load) -> None:
    csv = ("Value,date,metric,stage,map\n20,2026-01-31,nps,Inquiry,telecom/moving\n"
           "7.5,2026-01-31,hold,,telecom/moving\n")
    loaded = project(load, csv, extra={"maps/metrics/README.md": "# How to export\n"})
    assert loaded.problems == []
    assert [m.file for m in loaded.maps] == ["maps/telecom/moving.md"]
    assert sorted(loaded.series) == [("telecom/moving", "", "hold", ""),
                                     ("telecom/moving", "Inquiry", "nps", "")]


def test_without_catalogue_every_metric_is_unknown(load: Load) -> None:
    files = {"maps/personas/anna.md": PERSONA, "maps/telecom/moving.md": MAP,
             "maps/metrics/x.csv": HEADER + "telecom/moving,,nps,2026-01-31,20,x\n"}
    assert [str(p) for p in load(files).problems] == [
        "maps/metrics/x.csv:2: metric: unknown metric 'nps': define it in maps/metrics.yml"]


# ------------------------------------------------------ current value, trend, target

SERIES = (HEADER + "telecom/moving,Inquiry,nps,2026-03-31,25,Survey Q1\n"
          "telecom/moving,Inquiry,nps,2026-01-31,18,Survey Q4\n"
          "telecom/moving,Inquiry,nps,2026-02-28,22,Survey Q4\n"
          "telecom/moving,Inquiry,hold,2026-03-31,2.5,ACD\n"
          "telecom/moving,,hold,2026-03-31,4,ACD\n")


def test_current_value_is_the_latest_and_supersedes_the_typed_one(load: Load) -> None:
    loaded = project(load, SERIES)
    measures = map_measures(loaded, loaded.maps[0])
    inquiry = {m.metric_id: m for m in measures.stages[0]}
    assert list(inquiry) == ["nps", "hold", "calls"]  # catalogue order, then the others
    nps = inquiry["nps"]
    assert (nps.value, nps.date, nps.source) == (25, dt.date(2026, 3, 31), "Survey Q1")
    assert nps.trend == (18, 22, 25)
    assert nps.target_met is False and nps.name == "Net Promoter Score"
    assert (nps.file, nps.line) == ("maps/metrics/export.csv", 2)
    assert inquiry["hold"].target_met is True  # 2.5 <= 3, lower is better
    assert inquiry["calls"].metric is None and inquiry["calls"].target_met is None
    assert [(m.metric_id, m.value, m.target_met) for m in measures.whole] == [
        ("hold", 4, False)]
    conversion = measures.stages[1][0]  # typed text: shown, never judged
    assert (conversion.value, conversion.target_met, conversion.trend) == ("12%", None, ())


@pytest.mark.parametrize(("better", "target", "value", "met"), [
    ("higher", 30, 30, True), ("higher", 30, 29.9, False), (None, 30, 31, True),
    ("lower", 3, 3, True), ("lower", 3, 3.1, False), ("lower", None, 1, None),
])
def test_target_judgement(better: str | None, target: float | None, value: float,
                          met: bool | None) -> None:
    metric = Metric("m", "M", target=target, better=better)
    assert judge(metric, value) is met
    assert judge(metric, "12%") is None and judge(None, value) is None


def test_report_is_worst_first_and_health_lists(load: Load) -> None:
    second = MAP.replace("Moving house", "Switching").replace("nps: 12", "nps: 29")
    loaded = project(load, SERIES, extra={"maps/telecom/switch.md": second})
    report = metric_report(loaded)
    assert [(r.journey_map.title, r.stage, r.measured.value) for r in report["nps"]] == [
        ("Moving house", "Inquiry", 25), ("Switching", "Inquiry", 29)]
    assert [(r.stage, r.measured.value) for r in report["hold"]] == [("", 4), ("Inquiry", 2.5)]
    assert [(r.measured.metric_id, r.measured.value) for r in missed_targets(report)] == [
        ("hold", 4), ("nps", 25), ("nps", 29)]
    options = SiteOptions(stale_after_days=30, today=dt.date(2026, 4, 15))
    assert stale_series(loaded, options) == []
    later = SiteOptions(stale_after_days=30, today=dt.date(2026, 5, 15))
    assert [(s.stage, s.metric) for s in stale_series(loaded, later)] == [
        ("", "hold"), ("Inquiry", "hold"), ("Inquiry", "nps")]
    assert [m.title for m in unfounded_maps(loaded)] == ["Moving house", "Switching"]


# ------------------------------------------------------------------------- the pages

STATUS_MAP = """\
---
title: Moving house
persona: anna
owner: CX
confidence: assumed
evidence: [{source: Interviews, url: 'https://research.example/m', date: 2026-04-22, n: 14}]
stages:
  - name: Inquiry
    pain_points: [Long hold times]
    evidence: [Call reasons]
    questions: [Will I be offline?, Is there a fee?]
    metrics: {nps: 12}
    opportunities:
      - {text: Call-back slots, status: done, ticket: 'https://jira.example/CC-1'}
      - {text: Online move request, status: in-progress, owner: Digital}
      - {text: Chatbot, status: dropped}
      - Clearer contract page
  - name: Installation
---
"""


def test_map_page_shows_metrics_evidence_and_the_work(load: Load) -> None:
    from journeymaps.pages.map_page import render_map_page

    loaded = project(load, SERIES, front=STATUS_MAP)
    page = render_map_page(loaded.maps[0], loaded)
    start = page.index("- **Persona:**")
    header = page[start:page.index("\n\n", start)] + "\n"  # one list, no blank line inside
    assert "- **Confidence:** assumed\n" in header
    assert ("- **Evidence:** [Interviews](https://research.example/m) · 2026-04-22 · n = 14\n"
            in header)
    assert all(line.startswith("- ") for line in header.strip().split("\n"))
    # the metrics are HTML the writer makes itself, marked to pass Markdown unread
    assert ("- **Metrics of the whole map:** <!--jm-html-->Hold time: <strong>4 min</strong> · "
            '<span class="jm-missed" title="target 3 min">✗ missed</span> (target 3 min) · '
            "<em>ACD · 2026-03-31</em><!--/jm-html-->") in header
    # the grid's lanes: one row each, the lane's label as the row's heading
    lanes = {re.match(r'<tr markdown><th scope="row">([^<]*)</th>', line).group(1): line
             for line in page.splitlines() if line.startswith('<tr markdown><th scope="row">')}
    metrics = lanes["Metrics"]
    assert ("<!--jm-html-->• Net Promoter Score: <strong>25 points</strong> · <span class="
            "\"jm-missed\" title=\"target 30 points\">✗ missed</span> (target 30 points) · "
            "<svg class=\"jm-sparkline\"") in metrics
    assert 'aria-label="Net Promoter Score, oldest first: 18 points, 22 points, 25 points"' in (
        metrics)
    assert metrics.count("<circle") == 1  # a trend marks its current value only
    assert "· <em>Survey Q1 · 2026-03-31</em><br>" in metrics  # source and date of the latest
    assert ("• Hold time: <strong>2.5 min</strong> · <span class=\"jm-met\" title=\"target 3 "
            "min\">✓ met</span> (target 3 min) · <em>ACD · 2026-03-31</em><!--/jm-html-->"
            ) in metrics  # one date: no line
    assert "nps: " not in metrics  # superseded by the CSV
    progress = lanes["Done and under way"]
    assert progress.startswith(
        '<tr markdown><th scope="row">Done and under way</th><td markdown>• ✓ _done_: '
        "Call-back slots · [ticket](https://jira.example/CC-1)<br>• ◐ _in progress_: Online "
        "move request</td>")
    assert "Chatbot" not in progress and "Clearer" not in progress
    assert "Chatbot · _dropped_" in lanes["Opportunities"]
    assert lanes["Evidence"] == ('<tr markdown><th scope="row">Evidence</th><td markdown>'
                                 "Call reasons</td><td markdown></td></tr>")


def test_metrics_report_lists_every_metric_worst_first(load: Load) -> None:
    from journeymaps.pages.metrics_report import render_metrics_report

    second = MAP.replace("Moving house", "Switching").replace("nps: 12", "nps: 29")
    loaded = project(load, SERIES, extra={"maps/telecom/switch.md": second})
    written = render_metrics_report(loaded)
    assert max(map(ord, written)) <= 0xFF  # a byte a character in memory (``latin_1``)
    page = with_characters(written)
    nps = page[page.index("## Net Promoter Score { #metric-nps }"):page.index("## Hold time")]
    assert ("`nps` · target 30 points · higher is better · 2 values · 2 maps · ✓ met 0 · "
            "✗ missed 2\n") in nps
    # one table of HTML the writer makes itself, a line of its own, passed to Markdown unread
    table = next(line for line in nps.splitlines() if line.startswith('<div class="jm-html">'))
    assert table.startswith('<div class="jm-html"><div class="jm-sortable" '
                            'data-search-exclude="true"><table><thead><tr><th>Map</th>')
    rows = [re.findall(r"<td>(.*?)</td>(?=<td>|</tr>)", row)
            for row in re.findall(r"<tr><td>.*?</td></tr>", table)]
    assert rows[0][0].startswith(  # the facets of the page's filters, then the map
        '<span class="jm-facets" data-jm-folder="telecom" data-jm-persona="anna:Anna"></span>')
    assert 'data-jm-facet="journey"' in page.split("## Net Promoter Score")[0]  # the filters
    assert [FACETS.sub("", row[0]) for row in rows] == [  # worst first; linked from the page
        '<a href="../maps/telecom/moving/">Moving house</a>',
        '<a href="../maps/telecom/switch/">Switching</a>']
    assert rows[0][2] == (
        '<span data-sort="000000"><strong>25 points</strong> · <span class="jm-missed" '
        'title="target 30 points">✗ missed</span></span>')
    assert rows[0][5] == "<em>Survey Q1 · 2026-03-31</em>" and rows[1][4:] == ["–", "–"]
    hold = page[page.index("## Hold time"):page.index("## Conversion")]
    assert "lower is better" in hold and "<em>(whole map)</em>" in hold
    assert "## Contacts { #metric-contacts }\n\n`contacts` · higher is better\n\n" \
           "No map measures it yet." in page
    assert "No metric yet" in render_metrics_report(project(load, catalogue="metrics: []\n"))


def test_health_lists_missed_targets_stale_series_and_unfounded_maps(load: Load) -> None:
    from journeymaps.pages.map_health import render_map_health

    loaded = project(load, SERIES, front=STATUS_MAP)
    page = render_map_health(loaded, SiteOptions(stale_after_days=30,
                                                 today=dt.date(2026, 5, 15)))
    assert "- [Metrics missing their target](#missed-targets): 2 values" in page
    assert "- [Stale measurements](#stale-measurements): 3 series" in page
    assert "- [Maps on assumptions](#maps-on-assumptions): 1 map" in page
    missed = page[page.index("{ #missed-targets }"):page.index("{ #stale-measurements }")]
    assert '<tr><td><span class="jm-facets" data-jm-folder="telecom" data-jm-owner="CX"' in missed
    missed = FACETS.sub("", missed)  # filtered like the page's other rows, by their map
    # a row per map: how many values miss, of which metrics, and the widest miss
    assert ('<tr><td><a href="../maps/telecom/moving/">Moving house</a></td><td>2</td>'
            "<td>Hold time (1), Net Promoter Score (1)</td><td>Hold time · <em>(whole map)</em>"
            " · <strong>4 min</strong> (target 3 min)</td></tr>") in missed
    # a row per export (file, source, metric): one refresh answers it
    stale = FACETS.sub("", page[page.index("{ #stale-measurements }"):
                                page.index("{ #maps-on-assumptions }")])
    assert ('<tr><td>Net Promoter Score</td><td>Survey Q1 (<code>maps/metrics/export.csv</code>)'
            '</td><td><a href="../maps/telecom/moving/">Moving house</a></td><td>1</td>'
            "<td>2026-03-31</td></tr>") in stale
    assert stale.count("<tr><td>") == 2  # Survey Q1's NPS and ACD's hold time: 3 series
    assert "[Moving house](maps/telecom/moving.md) | assumed | CX |" in page


def test_backlog_groups_by_status_with_tickets_and_counts(load: Load) -> None:
    from journeymaps.analysis.backlog import backlog_board, owner_counts
    from journeymaps.language.labels import ENGLISH
    from journeymaps.pages.opportunity_backlog import render_opportunity_backlog

    loaded = project(load, front=STATUS_MAP)
    board = backlog_board(loaded, ENGLISH)
    assert board.by == "status"
    assert [(g.key, [c.opportunity.text for c in g.cards]) for g in board.groups] == [
        ("in-progress", ["Online move request"]), ("idea", ["Clearer contract page"]),
        ("done", ["Call-back slots"]), ("dropped", ["Chatbot"])]
    assert [(owner, dict(c)) for owner, c in owner_counts(board, ENGLISH)] == [
        ("CX", {"done": 1, "dropped": 1, "idea": 1}), ("Digital", {"in-progress": 1})]
    page = render_opportunity_backlog(loaded)
    assert ("Where the work stands: [1 in progress](#status-in-progress), [1 idea]"
            "(#status-idea), [1 done](#status-done), [1 dropped](#status-dropped).") in page
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert headings == ['## In progress <span class="jm-count">1</span> { #status-in-progress }',
                        '## Idea <span class="jm-count">1</span> { #status-idea }',
                        '## Done <span class="jm-count">1</span> { #status-done }',
                        '## Dropped <span class="jm-count">1</span> { #status-dropped }',
                        "## By owner"]
    done = page[page.index("{ #status-done }"):page.index("## Dropped")]
    assert "<strong>Call-back slots</strong>" in done
    assert ' · <a href="https://jira.example/CC-1">ticket</a></p>' in done
    owners = page[page.index("## By owner"):]
    assert "| Owner | Count | in progress | idea | done | dropped |" in owners
    assert "| CX | 3 | – | 1 | 1 | 1 |" in owners and "| Digital | 1 | 1 | – | – | – |" in owners


CONTACTS = ("map,stage,metric,date,value,source,question\n"
            "telecom/moving,Inquiry,contacts,2026-02-28,50,ACD,Is there a fee\n"
            "telecom/moving,Inquiry,contacts,2026-03-31,70,ACD,is there a fee?\n"
            ",,contacts,2026-03-31,30,ACD,Is there a fee?\n"
            ",,contacts,2026-03-31,5,ACD,Can I pay by card?\n")


def test_contact_volumes_rank_the_faq_gaps_first(load: Load) -> None:
    from journeymaps.exports.faq_gaps_json import faq_gaps_export
    from journeymaps.pages.faq_gap_report import render_faq_gap_page

    second = STATUS_MAP.replace("Moving house", "Switching").replace("Is there a fee?", "x?")
    loaded = project(load, CONTACTS, front=STATUS_MAP,
                     extra={"maps/telecom/switch.md": second})
    assert [(str(p), p.severity) for p in loaded.problems] == [
        ("maps/metrics/export.csv:5: question: 'Can I pay by card?' matches no question in any "
         "map; check its wording against the maps' questions", "warning")]
    gaps = faq_gaps_export(loaded)  # asked by two maps, but not counted: second
    assert [(g["question"], g["count"], g["contacts"]) for g in gaps] == [
        ("Is there a fee?", 1, 100), ("Will I be offline?", 2, None), ("x?", 1, None)]
    page = render_faq_gap_page(loaded)
    assert "| Question | Contacts | Maps | Asked in | Owner | Personas |" in page
    assert "Is there a fee? | 100 | 1 |" in page and "Will I be offline? | – | 2 |" in page
    assert "Questions the contact centre counts" in page


@pytest.mark.parametrize(("rows", "expected"), [
    ("telecom/moving,Inquiry,nps,2026-01-31,5,x,Is there a fee?\n",
     "maps/metrics/export.csv:2: question: only a 'contacts' row names a question (how often "
     "customers ask it); this row is 'nps'"),
    (",Inquiry,contacts,2026-01-31,5,x,Is there a fee?\n",
     "maps/metrics/export.csv:2: stage: a stage needs its map; fill in the map column"),
    (",,contacts,2026-01-31,5,x,\n",
     "maps/metrics/export.csv:2: map: empty; give the map's path under maps/ without .md, "
     "e.g. 'telecom/moving-house'"),
])
def test_bad_contact_rows(load: Load, rows: str, expected: str) -> None:
    assert problems(load, "map,stage,metric,date,value,source,question\n" + rows,
                    front=STATUS_MAP) == [expected]


def test_export_has_the_catalogue_statuses_and_measured_values(load: Load) -> None:
    from journeymaps.exports.journeymaps_json import project_export

    data = project_export(project(load, SERIES, front=STATUS_MAP))
    assert data["metrics"][1] == {"id": "hold", "name": "Hold time", "unit": "min",
                                  "target": 3, "better": "lower"}
    assert data["metrics"][0]["better"] == "higher"  # the default, said
    journey_map = data["maps"][0]
    assert journey_map["confidence"] == "assumed"
    assert journey_map["evidence"] == [{"source": "Interviews", "url": "https://research.example/m",
                                        "date": "2026-04-22", "n": 14}]
    assert journey_map["measured"] == [{"metric": "hold", "value": 4, "date": "2026-03-31",
                                        "source": "ACD", "target_met": False, "trend": [4]}]
    inquiry = journey_map["stages"][0]
    assert inquiry["measured"][0] == {"metric": "nps", "value": 25, "date": "2026-03-31",
                                      "source": "Survey Q1", "target_met": False,
                                      "trend": [18, 22, 25]}
    assert [(o["status"], o["ticket"]) for o in inquiry["opportunities"]] == [
        ("done", "https://jira.example/CC-1"), ("in-progress", None), ("dropped", None),
        ("idea", None)]
    assert inquiry["evidence"] == [{"source": "Call reasons", "url": None, "date": None,
                                    "n": None}]
    import json
    json.dumps(data)  # every value is JSON


# --------------------------------------------------------------- built sites, for real

def _text(page: str) -> str:
    import html
    import re
    article = page[page.index("<article"):page.index("</article>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_sample_site_shows_living_data(sample_site: Build) -> None:
    import json

    moving = sample_site.page("maps/telecom/moving-house")
    words = _text(moving)
    assert "Confidence: validated" in words
    assert "Metrics of the whole map: Net Promoter Score: 22 points · ✗ missed" in words
    assert "Average hold time: 6.3 min · ✗ missed (target 5 min)" in words  # CSV, not '18 min'
    assert "First-time fix rate: 84% · ✓ met (target 80%)" in words
    assert 'class="jm-met"' in moving and 'class="jm-sparkline"' in moving
    assert "✓ done : Call-back slots in the evening · ticket" in words
    assert 'href="https://tracker.example.com/browse/CX-412"' in moving
    report = _text(sample_site.page("metrics"))
    for name in ("Net Promoter Score", "Customer satisfaction (CSAT)", "Conversion rate",
                 "Average hold time", "First-time fix rate"):
        assert name in report, name
    nps = report[report.index("Net Promoter Score"):report.index("Customer satisfaction")]
    assert nps.index("Switching to us") < nps.index("Registering as a new patient")
    health = _text(sample_site.page("health"))
    assert "Maps on assumptions : 1 map" in health
    assert "Ordering catering for an office lunch assumed" in health
    stale = health[health.index("whose latest value is older"):health.rindex("Maps on assumptions")]
    assert ("Guest survey (paper cards) ( maps/metrics/survey.csv ) Weekday lunch at Le "
            "Comptoir Vert 1 2025-12-31") in stale
    backlog = _text(sample_site.page("opportunities"))
    assert "Where the work stands:" in backlog and "By owner" in backlog
    assert re.search(r"Done \d+ ¶", backlog)  # a group's heading, with its count
    gaps = json.loads((sample_site.site / "faq-gaps.json").read_text(encoding="utf-8"))
    assert gaps[0]["question"] == "Will I be without internet for a few days?"
    assert gaps[0]["contacts"] > 0 and {"question", "count", "maps"} <= set(gaps[0])
    data = json.loads((sample_site.site / "journeymaps.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["metrics"]][:3] == ["nps", "csat", "conversion"]
    statuses = {o["status"] for m in data["maps"] for s in m["stages"]
                for o in s["opportunities"]}
    assert {"idea", "planned", "in-progress", "done", "dropped"} == statuses
    assert sum(1 for m in data["maps"] if m["confidence"] == "assumed") == 1
    assert (sample_site.site / "schema/metrics.json").is_file()
    addresses = sample_site.page("guide/addresses")
    assert "<code>metrics/index.html</code>" in addresses
    assert "<code>schema/metrics.json</code>" in addresses


def test_hostile_metrics_build_inert(project_dir: Callable[[dict[str, str]], object],
                                     tmp_path: object) -> None:
    from conftest import mkdocs_build
    from safety import unsafe_in_site

    evil = "<script>alert(1)</script> [y](javascript:z) <img src=x onerror=alert(2)>"
    quoted = evil.replace("'", "''")
    root = project_dir({
        "maps/personas/anna.md": PERSONA,
        "maps/telecom/moving.md": (
            f"---\ntitle: T\npersona: anna\nstages:\n  - name: '{quoted}'\n"
            f"    evidence: ['{quoted}']\n"
            f"    questions: ['{quoted}']\n"
            f"    opportunities: [{{text: '{quoted}', status: done}}]\n---\n"),
        "maps/metrics.yml": (f"metrics:\n  - id: nps\n    name: '{quoted}'\n"
                             f"    unit: '{quoted}'\n    target: 3\n"
                             "  - id: contacts\n    name: C\n"),
        "maps/metrics/x.csv": ("map,stage,metric,date,value,source,question\n"
                               + "".join(f'telecom/moving,"{evil}",nps,2026-0{m}-01,{m},'
                                         f'"{evil}",\n' for m in (1, 2))
                               + f',,contacts,2026-01-01,4,"{evil}","{evil}"\n'),
    })
    build = mkdocs_build(root, tmp_path / "site", strict=False)  # type: ignore[operator]
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
    assert unsafe_in_site(build.site) == {}
    assert "alert(1)" in build.page("metrics")  # shown, as text


def test_metrics_schema_agrees_with_the_validator(load: Load) -> None:
    import yaml
    from jsonschema import Draft202012Validator

    from journeymaps.exports.schema import json_schema
    from journeymaps.pages import site_layout
    from test_schema import REPO

    validator = Draft202012Validator(json_schema(site_layout.METRICS_SCHEMA))
    Draft202012Validator.check_schema(validator.schema)
    sample = yaml.safe_load((REPO / "maps/metrics.yml").read_text(encoding="utf-8"))
    assert list(validator.iter_errors(sample)) == []
    for bad in ("metrics:\n  - id: nps\n    name: NPS\n    better: up\n",
                "metrics:\n  - id: Net Promoter\n    name: NPS\n",
                "metrics:\n  - id: nps\n    nme: NPS\n",
                "metrics:\n  - id: nps\n    name: NPS\n    target: high\n"):
        assert list(validator.iter_errors(yaml.safe_load(bad))), bad
        assert problems(load, catalogue=bad), bad  # and the validator says so too
    maps = Draft202012Validator(json_schema(site_layout.MAP_SCHEMA))
    front = {"title": "T", "persona": "anna", "confidence": "assumed", "evidence": ["x"],
             "stages": [{"name": "S", "evidence": [{"source": "y", "n": 3}],
                         "opportunities": [{"text": "o", "status": "done",
                                            "ticket": "https://t.example/1"}]}]}
    assert list(maps.iter_errors(front)) == []
    front["stages"][0]["opportunities"][0]["ticket"] = "http://t.example/1"
    assert [e.json_path for e in maps.iter_errors(front)] == [
        "$.stages[0].opportunities[0]"]  # neither text nor a valid mapping


def test_check_fails_on_a_bad_row_and_strict_build_too(
        project_dir: Callable[[dict[str, str]], object], tmp_path: object) -> None:
    from conftest import mkdocs_build
    from test_cli import run

    root = project_dir({"maps/personas/anna.md": PERSONA, "maps/telecom/moving.md": MAP,
                        "maps/metrics.yml": CATALOGUE,
                        "maps/metrics/nps.csv": HEADER + "telecom/moving,Inquiry,nps,"
                                                "2026-01-31,n/a,Survey\n"})
    result = run(root, "check")  # type: ignore[arg-type]
    assert result.exit_code != 0
    assert "maps/metrics/nps.csv:2: value: must be a number, got 'n/a'" in result.output
    strict = mkdocs_build(root, tmp_path / "site")  # type: ignore[arg-type, operator]
    assert strict.returncode != 0 and "Traceback" not in strict.output
    assert "maps/metrics/nps.csv:2: value: must be a number, got 'n/a'" in strict.output


def test_windows_line_ends_and_rows_without_trailing_empty_columns(load: Load) -> None:
    csv = ("map,stage,metric,date,value,source,question\r\n"
           "telecom/moving,Inquiry,nps,2026-01-31,20\r\n"
           "telecom/moving,Inquiry,nps,2026-02-28,21,Survey\r\n"
           "telecom/moving,Inquiry,nps,2026-03-31\r\n")
    loaded = project(load, csv)
    assert [str(p) for p in loaded.problems] == [
        "maps/metrics/export.csv:4: row: the row has 4 value(s), the header row 7; quote a "
        "value that holds a comma"]
    points = loaded.series["telecom/moving", "Inquiry", "nps", ""].points
    assert [(p.value, p.source, p.line) for p in points] == [(20, "", 2), (21, "Survey", 3)]
