"""Property-based tests: arbitrary front matter and bodies never break the build.

Whatever an author writes (any YAML types, unicode, huge and empty strings,
deep nesting, garbage), reading, validating and rendering never raise, every
problem has a file, a line and a field path, a file without problems is a
valid model, and no generated page holds anything that could run in a browser.

`make test` runs a few hundred examples (the "default" profile in conftest.py);
`make fuzz` runs 10,000 and prints how many ran.
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from journeymaps.load.frontmatter import Source, parse_text
from journeymaps.load.project import Project, load_project
from journeymaps.model.fields import specs
from journeymaps.model.journey_map import JourneyMap
from journeymaps.safety import sanitize, text
from journeymaps.website.assembly import generate
from safety import OUR_SVG, render, unsafe_html

#: Examples that went all the way through (read by conftest's terminal summary).
RAN: Counter[str] = Counter()

FRAGMENTS = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "[x](\x01javascript:x)", "[r]: javascript:x", "[r][r]", "<javascript:x>", "{: onclick=x }",
    "{ onclick=\"x\" }", "*", "_", "`", "``", "|", "\\", "&", "&lt;", "&#58;", "%%{init}%%",
    ":", ";", "#", ",", "\n", "\t", "\r", " ", "---", "...", "- ", "> ", "!!! note", "```",
    "section x", "title y", "click A x", "\u2028", "\x85", "\ufeff", "\x00", "\x1b", "é", "🙂",
    "--8<-- \"/etc/passwd\"", "</title>", "<!--", "-->", "]]>", "https://example.com",
    "kb/x.md", "../x.md", "a" * 300,
    # what broke the persona page (issue 22): backtick runs, escapes, brackets, pipes
    "```", "````", "\\`", "\\", "[", "]", "](", "](x)", "[x]", "![", "||", "<b>", "</code>",
]
KEYS = sorted({*specs(JourneyMap), "name", "goal", "actions", "touchpoints", "score", "text",
               "answer", "priority", "metrics", "expected", "note", "channel", "<<", "nam"})

texts = st.one_of(
    st.text(max_size=40),
    st.sampled_from(FRAGMENTS),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=8).map("".join),
    st.integers(0, 60_000).map(lambda n: "x" * n),  # huge and empty strings
)
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), texts,
                    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=4),
    max_leaves=25)
scores = st.one_of(st.integers(1, 5), values)
touchpoints = st.fixed_dictionaries(
    {"name": texts, "score": scores},
    optional={"channel": texts, "expected": scores, "note": texts, "extra": values})
stages = st.fixed_dictionaries(
    {"name": texts},
    optional={"goal": texts, "actions": st.lists(texts, max_size=3),
              "touchpoints": st.lists(touchpoints, max_size=3) | values,
              "pain_points": st.lists(texts, max_size=3), "emotions": values,
              "opportunities": st.lists(texts | st.fixed_dictionaries(
                  {"text": texts}, optional={"priority": texts, "owner": texts}), max_size=3),
              "questions": st.lists(texts | st.fixed_dictionaries(
                  {"text": texts}, optional={"answer": texts}), max_size=3),
              "metrics": st.dictionaries(texts, scalars, max_size=3) | values})
journeys = st.sampled_from(["j", "telecom-moving"]) | texts  # valid ids reach the pages
maps = st.fixed_dictionaries(
    {},
    optional={"title": texts, "persona": st.just("anna") | values, "journey": journeys,
              "state": st.sampled_from(["current", "future"]) | values, "owner": texts,
              "reviewed": values, "tags": values,
              "stages": st.lists(stages, min_size=1, max_size=3) | values,
              "unknown": values})
personas = st.fixed_dictionaries(
    {}, optional={"name": texts, "role": texts, "age": values, "quote": texts,
                  "goals": st.lists(texts, max_size=3) | values, "channels": values,
                  "photo": texts, "segment": values})


def front_matter_text(data: object, flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(data, default_flow_style=flow, allow_unicode=unicode, width=80)


documents = st.one_of(
    st.builds(front_matter_text, maps | values, st.sampled_from([None, True, False]),
              st.booleans()),
    st.text(max_size=300),  # anything at all between the '---' lines
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=10), max_size=30).map("".join),
)
persona_documents = st.builds(front_matter_text, personas, st.sampled_from([None, True, False]),
                              st.booleans())
bodies = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=20), max_size=20).map("".join)


def check_problems(project: Project) -> None:
    for problem in project.problems:
        assert problem.file.startswith(("maps/", "site_src/")), problem
        assert problem.file.endswith(".md"), problem
        assert problem.line >= 1 and problem.path and problem.message, problem


def check_models(project: Project) -> None:
    """A map without problems is a valid model; a persona too."""
    for journey_map in project.maps:
        if project.problems_of(journey_map.file):
            continue
        assert isinstance(journey_map.title, str) and journey_map.title.strip()
        assert journey_map.persona and all(p in project.personas for p in journey_map.persona)
        assert journey_map.stages and all(isinstance(s.name, str) for s in journey_map.stages)
        for stage in journey_map.stages:
            assert all(tp.score in range(1, 6) for tp in stage.touchpoints)
    for persona in project.personas.values():
        if not project.problems_of(persona.file):
            assert isinstance(persona.name, str) and persona.name.strip()


def check_pages(project: Project, body: str) -> None:
    for generated in generate(project):
        if generated.path.endswith(".json"):
            json.loads(generated.content)
        if not generated.path.endswith(".md"):
            continue
        markup = render(generated.content)
        if not generated.source:  # reports: only escaped fields and our own markup
            assert unsafe_html(markup, OUR_SVG) == [], generated.path
            continue
        assert unsafe_html(sanitize.clean_page(markup), OUR_SVG) == [], generated.path
        head, marker, _ = markup.partition(sanitize.BODY_MARKER)
        assert marker, "the author's body lost its marker"  # map and persona pages
        # fields are escaped before Markdown: what comes before the body needs no
        # rebuilding, unless the body defines a bad reference that a field uses
        if not any(":" in target for target in text.link_targets(body)):
            assert unsafe_html(head, OUR_SVG) == [], head
            assert sanitize.findings(head, svg=True) == [], head
        assert unsafe_html(sanitize.clean_page(markup), OUR_SVG) == []  # what the reader gets


def run(map_text: str, persona_text: str, body: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "maps/personas").mkdir(parents=True)
        (root / "site_src/kb").mkdir(parents=True)
        (root / "site_src/kb/x.md").write_text("---\nanswers: [a]\n---\n# X\n", encoding="utf-8")
        (root / "maps/personas/anna.md").write_text(f"---\n{persona_text}---\n{body}",
                                                    encoding="utf-8")
        (root / "maps/fuzz.md").write_text(f"---\n{map_text}\n---\n{body}", encoding="utf-8")
        project = load_project(root, root / "maps", root / "site_src")
        check_problems(project)
        check_models(project)
        check_pages(project, body)
    RAN["load_project → generate → Markdown → HTML"] += 1


#: The page-safety property runs at least 1,000 examples in `make test`, 10,000 in `make fuzz`.
SAFETY_EXAMPLES = max(1_000, settings.default.max_examples)
STAGE = "stages: [{name: S, touchpoints: [{name: T, score: 3}]}]"


@settings(max_examples=SAFETY_EXAMPLES)
@given(documents, persona_documents, bodies)
# Regressions, found by `make fuzz` and by hand (issue 22): a lone backtick in the title
# opened a code span that the journey's code span closed, freeing the journey id as HTML.
@example(f'title: "`"\npersona: anna\njourney: "<script>alert(document.domain)</script>"\n'
         f"{STAGE}", "name: Anna\n", "")
@example(f'title: "`"\npersona: anna\njourney: j\nowner: "<script>alert(1)</script>"\n{STAGE}',
         "name: Anna\n", "")
@example(f'title: "``x"\npersona: anna\njourney: j\n"<img src=x onerror=alert(1)>": 1\n{STAGE}',
         'name: "A `"\nrole: "`<b>r</b>"\n', "`")
@example(f'title: "x\\\\"\npersona: anna\njourney: j\n"`<b>k</b>": 1\n{STAGE}',
         "name: Anna\n", "")
# The three failures `make fuzz` found on main before the fix (its blobs, decoded):
@example("journey: <SCRIPT>\npersona: anna\nstages:\n- {name: ''}\ntitle: '`'\nunknown: null\n",
         "{}\n", "<javascript:x>")
@example("{journey: <SCRIPT>, persona: anna, stages: null, title: '`', unknown: null}\n", "{}\n",
         "")
@example("{journey: <C>, persona: anna, stages: null, title: '`', unknown: null}\n", "{}\n", "")
# ... and after it: a link inside a link's target, `]([](A:)`, was not seen as unsafe
@example("", "channels: null\ngoals: []\nname: ''\nphoto: ''\nquote: ']([](A:)'\nsegment: null\n",
         "[x](javascript:alert(1))")
def test_any_front_matter_gives_a_model_or_problems(map_text: str, persona_text: str,
                                                    body: str) -> None:
    run(map_text, persona_text, body)


backticky = st.lists(st.sampled_from(["`", "``", "```", "\\", "\\`", "[", "]", "|", "<b>",
                                      " ", "x"]) | st.text(max_size=3), max_size=12).map("".join)


@given(backticky, backticky)
def test_author_text_never_frees_a_neighbouring_code_span(left: str, right: str) -> None:
    """Whatever backticks a field holds, the code span written beside it stays whole."""
    for write in (text.inline, text.cell, text.link_text, text.code):
        line = f"{write(left)} · {text.code('<i>x</i>')} · {write(right)}"
        markup = render(f"| h |\n|---|\n| {line} |" if write is text.cell else line)
        assert "<code>&lt;i&gt;x&lt;/i&gt;</code>" in markup, (write.__name__, line, markup)
        assert "<b>" not in markup and "<i>" not in markup, (write.__name__, line, markup)
    RAN["text beside a code span"] += 1


@given(st.text(max_size=400) | st.binary(max_size=400).map(
    lambda b: b.decode("utf-8", "replace")))
def test_parse_text_never_raises(text: str) -> None:
    source = Source("maps/x.md")
    parse_text(text, source)
    assert source.data is not None or source.problems
    assert all(p.line >= 1 and p.path for p in source.problems)
    RAN["parse_text"] += 1
