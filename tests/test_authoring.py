"""Authoring by pull request: templates, the guide, pre-commit, the workflow, edit links."""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Build, mkdocs_build, write_tree
from journeymaps.cli.scaffold import definitions_text, journey_text, map_text, persona_text
from journeymaps.exports.schema import SCHEMAS
from journeymaps.load.project import load_map, load_persona, load_project
from journeymaps.model.channel import CATALOGUE_RECORD
from journeymaps.model.fields import records
from journeymaps.model.journey import JOURNEY_RECORD
from journeymaps.model.journey_map import MAP_RECORD
from journeymaps.model.lifecycle import LIFECYCLE_RECORD
from journeymaps.model.persona import PERSONA_RECORD
from journeymaps.model.project import Project
from journeymaps.pages import site_layout
from journeymaps.pages.field_tables import TABLES, field_table
from journeymaps.website import registry
from journeymaps.website.assembly import transform_docs_page
from test_pages import FILES

MakeProject = Callable[[dict[str, str]], Path]
BIN = Path(sys.executable).parent
GUIDE = REPO / "site_src" / "guide"
WORKFLOW = REPO / "examples" / "github-workflow.yml"
BAD_MAP = ("---\ntitle: Bad\npersona: anna\nstages:\n  - name: S\n"
           "    touchpoints: [{name: X, score: 7}]\n---\n")


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command line as CI runs it, with the installed console scripts on PATH."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(shlex.split(command), cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=600, check=False)


# ---------------------------------------------------------------- templates

def _uncommented(text: str) -> str:
    """The template with every commented-out example key put back in."""
    return re.sub(r"^(\s*)# (?=( *- | *[a-z_]+:))", r"\1", text, flags=re.MULTILINE)


def _keys_in(text: str) -> set[str]:
    return set(re.findall(r"^\s*(?:#\s*)?(?:-\s+)?([a-z_]+):", text, flags=re.MULTILINE))


def test_templates_show_every_key_of_the_model() -> None:
    map_keys = _keys_in(map_text("T", ["anna"], ["S"], dt.date.today()))
    for record in records(MAP_RECORD):
        assert set(record.fields()) <= map_keys, record.noun
    assert set(PERSONA_RECORD.fields()) <= _keys_in(persona_text("anna"))
    assert set(JOURNEY_RECORD.fields()) <= _keys_in(journey_text("moving"))
    for name, root in (("lifecycle.yml", LIFECYCLE_RECORD), ("channels.yml", CATALOGUE_RECORD)):
        for record in records(root):
            assert set(record.fields()) <= _keys_in(definitions_text(name)), record.noun


def test_the_definition_templates_uncommented_are_valid(load: Callable[..., Project]) -> None:
    """Every commented example of the journey, lifecycle and channel templates, put back
    in, passes check; and so does each template as it is written."""
    for transform in (str, _uncommented):
        project = load({
            "maps/personas/anna.md": "---\nname: Anna\n---\n",
            "maps/journeys/customer-life.md": journey_text("customer-life"),
            "maps/journeys/moving.md": transform(journey_text("moving", "Moving: house")),
            "maps/lifecycle.yml": transform(definitions_text("lifecycle.yml")),
            "maps/channels.yml": transform(definitions_text("channels.yml")),
            "maps/m.md": _uncommented(map_text("T", ["anna"], ["Awareness", "Purchase"],
                                               dt.date.today())),
            "site_src/kb/installation.md": "# Installation\n",
        })
        assert [str(p) for p in project.problems] == []
        assert project.journeys["moving"].title == "Moving: house"
        assert [p.id for p in project.lifecycle.phases][:2] == ["awareness", "consideration"]
        if transform is _uncommented:
            assert project.channel_catalogue.by_name["hotline"].id == "phone"
            assert project.journeys["moving"].parent == "customer-life"


def test_every_example_in_the_templates_is_valid(tmp_path: Path) -> None:
    (tmp_path / "maps/personas").mkdir(parents=True)
    map_file = tmp_path / "maps/m.md"
    map_file.write_text(_uncommented(map_text("T", ["anna", "ben"], ["A", "B"], dt.date.today())),
                        encoding="utf-8")
    journey_map = load_map(map_file, tmp_path, tmp_path / "maps")
    assert journey_map.problems == []
    first = journey_map.stages[0]
    assert (first.touchpoints[0].score, first.opportunities[1].priority) == (2, "high")
    assert first.questions[1].answer == "kb/installation.md"
    persona_file = tmp_path / "maps/personas/anna.md"
    persona_file.write_text(_uncommented(persona_text("anna")), encoding="utf-8")
    persona = load_persona(persona_file, tmp_path)
    assert persona.problems == []
    assert persona.channels == ["web", "chat"] and persona.age == 34
    for file in (map_file, persona_file):  # YAML that every reader takes, not only libyaml
        yaml.load(file.read_text(encoding="utf-8").split("---")[1], Loader=yaml.SafeLoader)


# ---------------------------------------------------------------- the guide

def expand_markers(markdown: str, project: Project | None = None) -> str:
    project = project or Project(REPO, REPO / "maps", None)
    return transform_docs_page("guide/format.md", markdown, project)


def test_field_tables_are_generated_from_the_model() -> None:
    assert list(TABLES) == ["map", "evidence", "stage", "touchpoint", "opportunity", "question",
                            "persona", "journey", "lifecycle", "phase", "channels", "channel",
                            "metrics", "metric"]
    table = field_table(TABLES["touchpoint"])
    assert "| `score` | integer 1 to 5 | yes | how the persona feels here" in table
    page = "# Format\n\n<!-- journeymaps:fields touchpoint -->\n\nAfter.\n"
    expanded = expand_markers(page)
    assert table in expanded and expanded.endswith("\n\nAfter.\n")
    assert expand_markers("no marker") == "no marker"
    unknown = expand_markers("<!--journeymaps:fields  touchpionts-->")
    assert unknown.startswith("!!! danger \"Unknown field table 'touchpionts'\"")
    assert "Known tables: map, evidence, stage" in unknown


def test_docs_pages_get_their_tables(load: Callable[[dict[str, str]], object]) -> None:
    project = load(FILES)
    page = transform_docs_page("guide/format.md", "<!-- journeymaps:fields map -->",
                               project)  # type: ignore[arg-type]
    assert page.startswith("| key | type | required | meaning |\n")
    assert "| `stages` | list of stages | yes |" in page


def test_the_format_page_asks_for_every_table() -> None:
    text = (GUIDE / "format.md").read_text(encoding="utf-8")
    assert set(re.findall(r"journeymaps:fields (\w+)", text)) == set(TABLES)
    docs = " ".join(s.doc for r in records(MAP_RECORD) for s in r.fields().values())
    anchors = re.findall(r"\(#([a-z-]+)\)", docs)
    assert anchors  # the field docs link sections of this page: they must exist
    for anchor in anchors:
        assert f"\n## {anchor.replace('-', ' ')}\n" in text.lower(), anchor


def test_the_format_page_example_is_valid(tmp_path: Path) -> None:
    text = (GUIDE / "format.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(---\n.*?)```", text, flags=re.DOTALL)
    assert example
    path = tmp_path / "maps" / "example.md"
    path.parent.mkdir()
    path.write_text(example.group(1), encoding="utf-8")
    yaml.load(example.group(1).split("---")[1], Loader=yaml.SafeLoader)  # portable YAML
    journey_map = load_map(path, tmp_path, tmp_path / "maps")
    assert journey_map.problems == []
    assert len(journey_map.stages) == 2


@pytest.mark.slow
def test_guide_in_the_sample_site(sample_site: Build) -> None:
    page = sample_site.page("guide/format")
    for record in TABLES.values():
        for key in record.fields():
            assert f"<td><code>{key}</code></td>" in page, key
    assert "journeymaps:fields" not in page and "Unknown field table" not in page
    assert 'href="../../schema/map.json"' in page
    assert (sample_site.site / "schema/persona.json").is_file()
    commands = sample_site.page("guide/commands")
    assert "journeymaps check --format github" in commands
    assert "Propose a change" in sample_site.page("guide")


# ---------------------------------------------------------------- pre-commit, workflow

def test_the_docs_show_the_example_workflow_verbatim() -> None:
    docs = (GUIDE / "commands.md").read_text(encoding="utf-8")
    assert f"```yaml\n{WORKFLOW.read_text(encoding='utf-8')}```" in docs


def _workflow_commands() -> list[str]:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = workflow["jobs"]["check"]["steps"]
    return [step["run"] for step in steps if "run" in step]


def test_the_workflow_checks_pull_requests_then_builds_strictly() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert _workflow_commands() == ["pip install -r requirements.txt",
                                    "journeymaps check --format github",
                                    "mkdocs build --strict"]


def test_the_workflow_commands_pass_a_good_project_and_fail_a_bad_one(
        project_dir: MakeProject) -> None:
    root = project_dir(FILES)
    commands = [c for c in _workflow_commands() if not c.startswith("pip ")]
    for command in commands:
        done = shell(command, root)
        assert done.returncode == 0, (command, done.stdout + done.stderr)
    write_tree(root, {"maps/other/bad.md": BAD_MAP})
    check, build = (shell(command, root) for command in commands)
    assert check.returncode == 1
    assert check.stdout == ("::error file=maps/other/bad.md,line=6::stages[0].touchpoints[0]"
                            ".score: must be an integer from 1 to 5, got 7\n")
    assert build.returncode != 0
    assert "maps/other/bad.md:6: stages[0].touchpoints[0].score" in build.stdout + build.stderr


def test_the_pre_commit_hook(project_dir: MakeProject) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [hook["id"] for hook in hooks] == ["journeymaps-check"]
    hook = hooks[0]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "journeymaps check", "python", False)
    for name, matched in (("maps/telecom/moving.md", True), ("mkdocs.yml", True),
                          ("site_src/kb/a.md", True), ("plugin/x.py", False)):
        assert bool(re.search(hook["files"], name)) is matched, name
    root = project_dir(FILES)
    assert shell(hook["entry"], root).returncode == 0
    write_tree(root, {"maps/other/bad.md": BAD_MAP})
    failed = shell(hook["entry"], root)
    assert failed.returncode == 1
    assert failed.stdout.startswith("maps/other/bad.md:6: ")


def test_the_console_script_is_installed(project_dir: MakeProject) -> None:
    done = shell("journeymaps --help", project_dir({}))
    assert done.returncode == 0
    assert "Usage: journeymaps [OPTIONS] COMMAND" in done.stdout


# ---------------------------------------------------------------- edit this page

EDIT_YML = """\
site_name: Test site
docs_dir: site_src
repo_url: https://github.com/acme/journeys
edit_uri: edit/main/site_src/
theme:
  name: material
  features: [content.action.edit]
plugins:
  - search
  - journeymaps
"""


def _edit_links(build: Build, url: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" title="Edit this page"', build.page(url))


def test_edit_this_page_opens_the_map_file(project_dir: MakeProject, tmp_path: Path) -> None:
    root = project_dir({**FILES, "mkdocs.yml": EDIT_YML})
    build = mkdocs_build(root, tmp_path / "out")
    assert build.returncode == 0, build.output
    base = "https://github.com/acme/journeys/edit/main/"
    assert _edit_links(build, "maps/telecom/moving") == [base + "maps/telecom/moving.md"]
    assert _edit_links(build, "personas/anna") == [base + "maps/personas/anna.md"]
    assert _edit_links(build, "kb/install") == [base + "site_src/kb/install.md"]
    # the FAQ gaps link to the host's new-file page, in the knowledge base's folder
    writes = re.findall(r'<a href="([^"]+)">Write the article</a>', build.page("faq-gaps"))
    assert writes and all(w.startswith("https://github.com/acme/journeys/new/main/site_src/kb"
                                       "?filename=") for w in writes)


def test_edit_this_page_on_gitlab(project_dir: MakeProject, tmp_path: Path) -> None:
    gitlab = EDIT_YML.replace("https://github.com/acme/journeys",
                              "https://gitlab.example.com/cx/journeys").replace(
        "edit_uri: edit/main/site_src/", "edit_uri: -/edit/main/site_src/")
    build = mkdocs_build(project_dir({**FILES, "mkdocs.yml": gitlab}), tmp_path / "out")
    assert build.returncode == 0, build.output
    assert _edit_links(build, "maps/telecom/moving") == [
        "https://gitlab.example.com/cx/journeys/-/edit/main/maps/telecom/moving.md"]
    writes = re.findall(r'<a href="([^"]+)">Write the article</a>', build.page("faq-gaps"))
    assert writes and writes[0].startswith(
        "https://gitlab.example.com/cx/journeys/-/new/main/site_src/kb?file_name=")
    assert "&amp;content=---%0Atitle" in writes[0]


def test_edit_uri_template_and_no_repository(project_dir: MakeProject, tmp_path: Path) -> None:
    templated = EDIT_YML.replace("edit_uri: edit/main/site_src/",
                                 "edit_uri_template: 'src/main/site_src/{path}?mode=edit'")
    root = project_dir({**FILES, "mkdocs.yml": templated})
    build = mkdocs_build(root, tmp_path / "out")
    assert build.returncode == 0, build.output
    assert _edit_links(build, "maps/telecom/moving") == [
        "https://github.com/acme/journeys/src/main/maps/telecom/moving.md?mode=edit"]
    plain = mkdocs_build(project_dir({**FILES, "mkdocs.yml": EDIT_YML.replace(
        "repo_url: https://github.com/acme/journeys\nedit_uri: edit/main/site_src/\n", "")}),
        tmp_path / "plain")
    assert plain.returncode == 0, plain.output
    assert _edit_links(plain, "maps/telecom/moving") == []


def test_the_addresses_page_lists_every_generated_address(sample_site: Build) -> None:
    """Every place site_layout puts a page or file is in the authors' addresses page, and
    every fixed address that page names exists in the built sample site."""
    source = (GUIDE / "addresses.md").read_text(encoding="utf-8")
    project = load_project(REPO, REPO / "maps", REPO / "site_src")
    page = transform_docs_page("guide/addresses.md", source, project)
    assert "journeymaps:addresses" not in page  # both tables come from the registry
    listed = set(re.findall(r"`([\w./<>#-]+\.(?:html|json)(?:#[\w<> -]+)?)`", page))
    fixed = [site_layout.EXPORT_JSON, site_layout.FAQ_GAPS, site_layout.FAQ_GAPS_JSON,
             site_layout.KB_INDEX, *SCHEMAS, site_layout.CATALOGUE,
             site_layout.PERSONA_GALLERY, site_layout.JOURNEY_INDEX, *registry.report_pages()]
    patterns = {"maps/<path>/index.html", "personas/<id>/index.html",
                "journeys/<journey>/index.html"}
    expected = {_html(site_layout.page_url(p)) for p in fixed} | patterns
    assert expected <= listed
    for address in sorted(a for a in listed if "<" not in a):
        assert (sample_site.site / address).is_file(), address
    assert (sample_site.site / "journeys/telecom-moving/index.html").is_file()


def _html(url: str) -> str:
    return url + "index.html" if url.endswith("/") else url
