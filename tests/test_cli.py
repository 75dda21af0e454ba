"""The `journeymaps` command: output, exit codes and files, as an author meets them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import MKDOCS_YML, write_tree
from journeymaps.cli import commands as cli
from journeymaps.cli.problem_formats import github_annotation
from journeymaps.load.project import load_project
from journeymaps.model.problem import Problem
from journeymaps.model.project import Project
from journeymaps.pages.kb_article import article_filename, article_text
from journeymaps.website.assembly import generate
from test_pages import FILES

MakeProject = Callable[[dict[str, str]], Path]
BAD_MAP = ("---\ntitle: Bad\npersona: anna\nstages:\n  - name: S\n"
           "    touchpoints: [{name: X, score: 7}]\n---\n")
BAD_LINE = ("maps/other/bad.md:6: stages[0].touchpoints[0].score: must be an integer from 1 "
            "to 5, got 7")


def run(root: Path, *args: str) -> Result:
    """``journeymaps ARGS`` typed in a terminal in ``root``."""
    old = Path.cwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(cli.main, list(args), catch_exceptions=False)
    finally:
        os.chdir(old)


@pytest.fixture
def project(project_dir: MakeProject) -> Path:
    return project_dir(FILES)


# ---------------------------------------------------------------- check

def test_check_clean_project(project: Path) -> None:
    result = run(project, "check")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "checked 2 maps, 2 personas, 0 knowledge-base pages: no problems" in result.stderr


def test_check_prints_every_problem_and_exits_1(project: Path) -> None:
    write_tree(project, {"maps/other/bad.md": BAD_MAP, "maps/other/empty.md": "",
                         "maps/other/lost.md": "---\ntitle: L\npersona: anne\n"
                                               "stages: [{name: S}]\n---\n"})
    result = run(project, "check")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        BAD_LINE,
        "maps/other/empty.md:1: front matter: the file is empty; start it with front matter "
        "between two '---' lines",
        "maps/other/lost.md:3: persona: unknown persona 'anne'; did you mean 'anna'?",
    ]
    assert "3 errors, 0 warnings" in result.stderr
    assert "Traceback" not in result.output


def test_check_of_paths_prints_only_their_problems(project: Path) -> None:
    write_tree(project, {"maps/other/bad.md": BAD_MAP,
                         "maps/telecom/lost.md": "---\ntitle: L\npersona: anne\n"
                                                 "stages: [{name: S}]\n---\n"})
    one = run(project, "check", "maps/telecom/lost.md")
    assert one.exit_code == 1
    assert one.stdout.splitlines() == [  # cross-checked: the persona must exist
        "maps/telecom/lost.md:3: persona: unknown persona 'anne'; did you mean 'anna'?"]
    clean = run(project, "check", "maps/telecom/moving.md", "maps/personas")
    assert clean.exit_code == 0, clean.output
    folder = run(project, "check", "maps/other")
    assert folder.stdout.splitlines() == [BAD_LINE]
    everything = run(project, "check", ".")
    assert len(everything.stdout.splitlines()) == 2


def test_check_of_a_knowledge_base_page(project: Path) -> None:
    write_tree(project, {"site_src/kb/bad.md": "---\nanswers: Can I keep my number?\n---\n"})
    result = run(project, "check", "site_src/kb/bad.md")
    assert result.exit_code == 1
    assert result.stdout.startswith("site_src/kb/bad.md:2: answers: must be a list")


def test_check_github_annotations(project: Path) -> None:
    write_tree(project, {"maps/other/bad.md": BAD_MAP.replace("X", "X, 100%")})
    result = run(project, "check", "--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=maps/other/bad.md,line=6::stages[0].touchpoints[0].100%25: unknown key "
        "'100%25'; known keys: name, channel, score, expected, note",
        "::error file=maps/other/bad.md,line=6::stages[0].touchpoints[0].score: must be an "
        "integer from 1 to 5, got 7"]


def test_github_annotation_escapes() -> None:
    problem = Problem("maps/a,b:c.md", 3, "title", "50% off\r\nnext line")
    assert github_annotation(problem) == (
        "::error file=maps/a%2Cb%3Ac.md,line=3::title: 50%25 off%0D%0Anext line")


def test_github_paths_start_at_the_git_root(project_dir: MakeProject, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    site = tmp_path / "site, docs"
    site.mkdir()
    write_tree(site, {**FILES, "mkdocs.yml": MKDOCS_YML, "site_src/index.md": "# Home\n",
                      "maps/other/bad.md": BAD_MAP})
    result = run(site, "check", "--format", "github")
    assert result.stdout.startswith("::error file=site%2C docs/maps/other/bad.md,line=6::")


def test_check_json(project: Path) -> None:
    write_tree(project, {"maps/other/bad.md": BAD_MAP})
    result = run(project, "check", "--format", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [{
        "file": "maps/other/bad.md", "line": 6, "path": "stages[0].touchpoints[0].score",
        "message": "must be an integer from 1 to 5, got 7", "severity": "error"}]
    assert json.loads(run(project, "check", "--format", "json", "maps/telecom").stdout) == []


def test_warnings_are_printed_but_do_not_fail(project: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    warning = Problem("maps/telecom/moving.md", 2, "title", "looks odd", "warning")
    monkeypatch.setattr(Project, "problems", property(lambda self: [warning]))
    text = run(project, "check")
    assert text.exit_code == 0
    assert text.stdout == "maps/telecom/moving.md:2: title: warning: looks odd\n"
    assert "0 errors, 1 warning" in text.stderr
    github = run(project, "check", "--format", "github")
    assert github.stdout == "::warning file=maps/telecom/moving.md,line=2::title: looks odd\n"
    assert json.loads(run(project, "check", "--format", "json").stdout)[0]["severity"] == (
        "warning")


@pytest.mark.parametrize(("files", "args", "message"), [
    ({"mkdocs.yml": None}, ["check"], "mkdocs.yml not found in"),
    ({"mkdocs.yml": "site_name: x\nplugins: [search]\n"}, ["check"],
     "does not use the journeymaps plugin"),
    ({"mkdocs.yml": "site_name: [x\n"}, ["check"], "mkdocs.yml:2: YAML syntax error: "),
    ({"mkdocs.yml": "a: " + "[" * 5000 + "\n"}, ["check"], "nested too deep for YAML"),
    ({"mkdocs.yml": "- a list\n"}, ["check"], "is not a mapping of settings"),
    ({"mkdocs.yml": ""}, ["check"], "does not use the journeymaps plugin"),
    ({"mkdocs.yml": "plugins: [{journeymaps: {maps_dir: nowhere}}]\n"}, ["check"],
     "the maps folder nowhere/ does not exist"),
    # the plugin's options are validated by the plugin's own typed config: same errors
    ({"mkdocs.yml": "plugins: [{journeymaps: {stale_after_days: soon, sidebar_limit: x}}]\n"},
     ["check"], "mkdocs.yml: plugins.journeymaps.stale_after_days: Expected type: "
                "<class 'int'> but received: <class 'str'>\n"
                "mkdocs.yml: plugins.journeymaps.sidebar_limit: Expected type: "),
    ({"mkdocs.yml": "plugins: [{journeymaps: {mermaid: 'javascript:x'}}]\n"}, ["check"],
     "mkdocs.yml: plugins.journeymaps.mermaid: "),
    # a range only the plugin's typed config checks: told in its words, not skipped
    ({"mkdocs.yml": "plugins: [{journeymaps: {poll_interval: 5}}]\n"}, ["check"],
     "mkdocs.yml: plugins.journeymaps.poll_interval: must be more than 0 and at most"),
    ({}, ["check", "--format", "xml"], "'xml' is not one of 'text', 'github', 'json'"),
    ({}, ["check", "nowhere.md"], "'nowhere.md' does not exist"),
    ({}, ["check", ".."], "is outside the project folder"),
    ({}, ["lint"], "No such command 'lint'"),
])
def test_usage_errors_exit_2(project: Path, files: dict[str, str | None], args: list[str],
                             message: str) -> None:
    for name, text in files.items():
        if text is None:
            (project / name).unlink()
        else:
            (project / name).write_text(text, encoding="utf-8")
    result = run(project, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_commands_and_plugin_share_their_defaults(tmp_path: Path) -> None:
    from journeymaps.cli.site_config import plugin_config
    from journeymaps.mkdocs.plugin import JourneyMapsPlugin

    plugin = JourneyMapsPlugin()
    errors, _ = plugin.load_config({})
    assert not errors
    config = plugin_config({}, tmp_path / "mkdocs.yml")
    for name in ("maps_dir", "stale_after_days", "labels"):  # what the commands read
        assert getattr(config, name) == plugin.config[name], name
    # options MkDocs would take as they are: the commands read the same values
    given = {"maps_dir": "elsewhere", "stale_after_days": 30, "labels": {"a": "b"},
             "sidebar_limit": 9, "enabled": False, "mermaid": "cdn"}
    errors, _ = plugin.load_config(given)
    assert not errors
    config = plugin_config(given, tmp_path / "mkdocs.yml")
    for name in ("maps_dir", "stale_after_days", "labels"):
        assert getattr(config, name) == plugin.config[name] == given[name], name


def test_a_clean_check_never_imports_mkdocs(project: Path) -> None:
    """`journeymaps check` runs on every save or commit: a site whose options the plain
    check accepts starts without MkDocs' config, nor any page builder."""
    script = ("import sys\n"
              "from journeymaps.cli.commands import main\n"
              "try:\n    main(['check'])\nexcept SystemExit as done:\n"
              "    assert done.code == 0, done.code\n"
              "heavy = sorted(m for m in sys.modules if m.startswith("
              "('mkdocs', 'mermaid', 'journeymaps.website', 'journeymaps.pages.map_page')))\n"
              "print('imported:', heavy)\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True,
                          text=True, check=True)
    assert "imported: []" in done.stdout, done.stdout + done.stderr


def test_config_file_option_and_plugin_options(project_dir: MakeProject) -> None:
    root = project_dir({"elsewhere/personas/anna.md": FILES["maps/personas/anna.md"],
                        "elsewhere/m.md": BAD_MAP, "pages/index.md": "# Home\n"})
    (root / "site.yml").write_text(
        "INHERIT: base.yml\nplugins:\n  journeymaps: {maps_dir: elsewhere}\n", encoding="utf-8")
    (root / "base.yml").write_text(
        "site_name: S\ndocs_dir: !ENV [NO_SUCH_VARIABLE_HERE, pages]\n"
        "extra: !custom {a: [1]}\nextra_css: !custom [x.css]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8")
    result = run(root, "check", "-f", "site.yml")
    assert result.stdout.startswith("elsewhere/m.md:6: stages[0].touchpoints[0].score")
    assert "0 knowledge-base pages" in result.stderr


def test_inherit_loop_is_a_usage_error(project: Path) -> None:
    (project / "mkdocs.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
    result = run(project, "check")
    assert result.exit_code == 2
    assert "inherits from itself" in result.stderr


# ---------------------------------------------------------------- new

def test_new_persona_passes_check(project: Path) -> None:
    result = run(project, "new", "persona", "carla-k", "--name", 'Carla: "the boss" #1')
    assert result.exit_code == 0, result.output
    assert "Created maps/personas/carla-k.md" in result.stdout
    text = (project / "maps/personas/carla-k.md").read_text(encoding="utf-8")
    assert text.startswith("---\n# Persona 'carla-k'")
    check = run(project, "check", "maps/personas/carla-k.md")
    assert check.exit_code == 0, check.output
    assert "personas/carla-k/" in json.loads(run(project, "export").stdout)["personas"][2]["url"]


def test_new_persona_name_defaults_to_the_id(project: Path) -> None:
    run(project, "new", "persona", "young-family")
    assert 'name: "Young family"' in (project / "maps/personas/young-family.md").read_text(
        encoding="utf-8")


def test_new_map_passes_check(project: Path) -> None:
    result = run(project, "new", "map", "maps/retail/first-visit.md", "--persona", "anna",
                 "--persona", "ben", "--persona", "anna", "--stages", " Discover, ,Buy: now,")
    assert result.exit_code == 0, result.output
    path = project / "maps/retail/first-visit.md"
    text = path.read_text(encoding="utf-8")
    assert 'title: "First visit"' in text
    assert "persona: [anna, ben]" in text
    assert '  - name: "Discover"' in text and '  - name: "Buy: now"' in text
    check = run(project, "check")
    assert check.exit_code == 0, check.output
    assert "checked 3 maps" in check.stderr
    data = json.loads(run(project, "export").stdout)
    new = next(m for m in data["maps"] if m["path"] == "maps/retail/first-visit.md")
    assert [s["name"] for s in new["stages"]] == ["Discover", "Buy: now"]
    assert new["personas"] == ["anna", "ben"]


def test_new_map_defaults(project: Path) -> None:
    assert run(project, "new", "map", "retail/visit", "--persona", "ben",
               "--title", "A visit").exit_code == 0
    data = json.loads(run(project, "export").stdout)
    new = next(m for m in data["maps"] if m["path"] == "maps/retail/visit.md")
    assert new["title"] == "A visit"
    assert [s["name"] for s in new["stages"]] == ["Awareness", "Consideration", "Purchase",
                                                  "Use"]


def test_new_never_overwrites(project: Path) -> None:
    path = project / "maps/telecom/moving.md"
    before = path.read_bytes()
    result = run(project, "new", "map", "telecom/moving", "--persona", "anna")
    assert result.exit_code == 1
    assert "maps/telecom/moving.md already exists and was left untouched" in result.stderr
    assert path.read_bytes() == before
    persona = run(project, "new", "persona", "anna")
    assert persona.exit_code == 1
    assert (project / "maps/personas/anna.md").read_text(encoding="utf-8") == (
        FILES["maps/personas/anna.md"])


@pytest.mark.parametrize(("args", "message"), [
    (["new", "map", "telecom/new", "--persona", "ana"],
     "Invalid value for '--persona': unknown persona 'ana'; did you mean 'anna'?"),
    (["new", "map", "telecom/new", "--persona", "zed"],
     "unknown persona 'zed'; known personas: anna, ben"),
    (["new", "map", "telecom/new"], "Missing option '--persona'"),
    (["new", "map", "../outside", "--persona", "anna"], "cannot be a map path"),
    (["new", "map", "Telecom/New Map", "--persona", "anna"], "cannot be a map path"),
    (["new", "map", "personas/x", "--persona", "anna"], "maps/personas/ holds personas"),
    (["new", "map", "telecom/new", "--persona", "anna", "--stages", " , "],
     "a map needs at least one stage"),
    (["new", "persona", "Anna K"], "'Anna K' cannot be a persona id"),
])
def test_new_refuses_bad_input_and_writes_nothing(project: Path, args: list[str],
                                                  message: str) -> None:
    before = sorted(p for p in project.rglob("*") if p.is_file())
    result = run(project, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert sorted(p for p in project.rglob("*") if p.is_file()) == before


def test_new_map_without_any_persona(project_dir: MakeProject) -> None:
    root = project_dir({})
    result = run(root, "new", "map", "a/b", "--persona", "anna")
    assert result.exit_code == 2
    assert "there are no personas yet: create one with 'journeymaps new persona anna'" in (
        result.stderr)


def test_new_in_an_empty_project_starts_the_maps_folder(project_dir: MakeProject) -> None:
    root = project_dir({})
    assert run(root, "new", "persona", "anna").exit_code == 0
    assert run(root, "new", "map", "a/b", "--persona", "anna").exit_code == 0
    assert run(root, "check").exit_code == 0


def test_new_reports_an_unwritable_folder(project: Path) -> None:
    (project / "maps/blocked").write_text("a file where a folder should be", encoding="utf-8")
    result = run(project, "new", "map", "blocked/x", "--persona", "anna")
    assert result.exit_code == 1
    assert "cannot write maps/blocked/x.md" in result.stderr


# ---------------------------------------------------------------- export, generate

def test_export_prints_or_writes_the_site_export(project: Path, tmp_path: Path) -> None:
    printed = run(project, "export")
    assert printed.exit_code == 0
    data = json.loads(printed.stdout)
    assert [m["url"] for m in data["maps"]] == ["maps/telecom/moving/", "maps/telecom/switch/"]
    out = tmp_path / "export.json"
    written = run(project, "export", "--output", str(out))
    assert json.loads(out.read_text(encoding="utf-8")) == data
    assert f"Wrote {out}" in written.stderr
    failed = run(project, "export", "-o", str(tmp_path / "no/such/folder.json"))
    assert failed.exit_code == 1
    assert "cannot write" in failed.stderr


def test_export_never_overwrites_unless_forced_and_never_a_source(project: Path,
                                                                 tmp_path: Path) -> None:
    out = tmp_path / "earlier.json"
    out.write_text("an earlier export", encoding="utf-8")
    refused = run(project, "export", "-o", str(out))
    assert refused.exit_code == 1
    assert f"{out} already exists and was left untouched: use --force" in refused.stderr
    assert out.read_text(encoding="utf-8") == "an earlier export"
    forced = run(project, "export", "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["maps"]
    for source in ("maps/telecom/moving.md", "site_src/index.md", "maps/new.json"):
        before = (project / source).read_bytes() if (project / source).exists() else None
        into = run(project, "export", "-o", str(project / source), "--force")
        assert into.exit_code == 2, source
        assert "the sources are never written to" in into.stderr
        after = (project / source).read_bytes() if (project / source).exists() else None
        assert after == before


def test_export_with_problems(project: Path, tmp_path: Path) -> None:
    write_tree(project, {"maps/other/bad.md": BAD_MAP})
    lenient = run(project, "export")
    assert lenient.exit_code == 0
    assert BAD_LINE in lenient.stderr
    assert len(json.loads(lenient.stdout)["maps"]) == 3
    out = tmp_path / "strict.json"
    strict = run(project, "export", "--strict", "-o", str(out))
    assert strict.exit_code == 1
    assert "1 problem; nothing was written (--strict)" in strict.stderr
    assert not out.exists()


def test_generate_writes_every_generated_file(project: Path, tmp_path: Path) -> None:
    write_tree(project, {"maps/personas/anna.md": FILES["maps/personas/anna.md"].replace(
        "name:", "photo: img/anna.png\nname:")})
    (project / "maps/personas/img").mkdir()
    (project / "maps/personas/img/anna.png").write_bytes(b"\x89PNG fake")
    out = tmp_path / "out"
    result = run(project, "generate", str(out))
    assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    generated = {f.path for f in generate(load_project(project, project / "maps",
                                                       project / "site_src"))}
    assert {"maps/telecom/moving.md", "personas/anna.md", "journeymaps.json",
            "schema/map.json"} <= generated
    assert files == sorted(generated | {"personas/img/anna.png"})
    assert f"Wrote {len(files)} files" in result.stderr
    page = (out / "maps/telecom/moving.md").read_text(encoding="utf-8")
    assert page.startswith("---\ntitle: Moving house\n") and "```mermaid" in page
    assert (out / "personas/img/anna.png").read_bytes() == b"\x89PNG fake"


def test_generate_refuses_to_overwrite_unless_forced(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me", encoding="utf-8")
    refused = run(project, "generate", str(out))
    assert refused.exit_code == 1
    assert "is not empty; nothing was written" in refused.stderr
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    forced = run(project, "generate", str(out), "--force")
    assert forced.exit_code == 0
    assert (out / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (out / "maps/telecom/moving.md").is_file()


@pytest.mark.parametrize("outdir", ["maps", "maps/generated", "site_src", "site_src/x", "."])
def test_generate_never_writes_into_the_sources(project: Path, outdir: str) -> None:
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    result = run(project, "generate", outdir, "--force")
    assert result.exit_code == 2
    assert "the sources are never written to" in result.stderr
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_generate_strict_and_unwritable(project: Path, tmp_path: Path) -> None:
    write_tree(project, {"maps/other/bad.md": BAD_MAP})
    strict = run(project, "generate", str(tmp_path / "strict"), "--strict")
    assert strict.exit_code == 1
    assert not (tmp_path / "strict").exists()
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "maps").write_text("a file where a folder should be", encoding="utf-8")
    failed = run(project, "generate", str(blocked), "--force")
    assert failed.exit_code == 1
    assert "cannot write to" in failed.stderr


# ---------------------------------------------------------------- help

@pytest.mark.parametrize("command", [[], ["check"], ["new"], ["new", "persona"], ["new", "map"],
                                     ["export"], ["generate"]])
def test_help_everywhere_with_examples(project: Path, command: list[str]) -> None:
    result = run(project, *command, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"journeymaps {' '.join(command)}".strip() in result.stdout.split("Examples:")[1]


def test_version(project: Path) -> None:
    assert run(project, "--version").stdout.startswith("journeymaps, version ")


def test_new_article_answers_a_gap_and_never_overwrites(project: Path) -> None:
    gaps = load_project(project, project / "maps", project / "site_src").questions.gaps
    question = gaps[0].text
    result = run(project, "new", "article", "--answers", question)
    assert result.exit_code == 0, result.output
    path = project / "site_src" / "kb" / article_filename(question)
    assert f"Created site_src/kb/{path.name}" in result.stdout
    assert path.read_text(encoding="utf-8") == article_text(question)
    check = run(project, "check")
    assert check.exit_code == 0, check.output
    assert "1 knowledge-base page" in check.stderr
    after = load_project(project, project / "maps", project / "site_src").questions.gaps
    assert [g.text for g in after] == [g.text for g in gaps[1:]]  # the gap is closed
    path.write_text("mine\n", encoding="utf-8")
    again = run(project, "new", "article", "--answers", question)
    assert again.exit_code == 1 and "already exists and was left untouched" in again.stderr
    assert path.read_text(encoding="utf-8") == "mine\n"
    chosen = run(project, "new", "article", "--answers", question, "--path", "help/x.md")
    assert chosen.exit_code == 0 and (project / "site_src/help/x.md").is_file()
    for bad in ("../x.md", "/tmp/x.md", "kb/x.txt"):
        refused = run(project, "new", "article", "--answers", question, "--path", bad)
        assert refused.exit_code == 2 and "cannot be an article path" in refused.stderr
