"""The ``journeymaps`` command: check, scaffold, export and generate without a site build.

A thin adapter like the plugin: it finds the project from mkdocs.yml
(:mod:`site_config`), calls the core and turns its answers into output and
exit codes: 0 clean, 1 problems (or a refusal), 2 a usage error.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .. import __version__
from ..analysis.options import SiteOptions
from ..engines import build as engine_build
from ..load import check_cache
from ..load.files import display_path
from ..model.fields import did_you_mean
from ..model.journey_map import default_title
from ..model.persona import PERSONAS_FOLDER
from ..model.problem import Problem
from ..model.project import Project
from .problem_formats import FORMATS, format_problems, text_line
from .scaffold import (
    ScaffoldError,
    article_path,
    channels_path,
    definitions_text,
    journey_path,
    journey_text,
    lifecycle_path,
    map_path,
    map_text,
    persona_path,
    persona_text,
    stage_names,
    write_new,
)
from .site_config import SiteConfig, SiteConfigError, read_site_config

# What only some commands need (every page's builder, the standalone project, the
# export) is imported inside them: `journeymaps check`, run on every save or commit,
# then starts in half the time.

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _config_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "-f", "--config-file", type=click.Path(dir_okay=False, path_type=Path),
        default="mkdocs.yml", show_default=True,
        help="The site's MkDocs configuration; maps_dir and docs_dir are read from it.",
    )(command)


def _strict_option(command: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--strict", is_flag=True,
        help="Write nothing and exit 1 when any file has a problem.",
    )(command)


@click.group(context_settings=CONTEXT, epilog="""\b
Examples:
  journeymaps check                        validate every map, persona and answer
  journeymaps new persona anna             start a persona file
  journeymaps new map telecom/moving --persona anna --stages "Inquiry,Purchase"
  journeymaps export --output journeymaps.json

Run 'journeymaps COMMAND --help' for a command's options. The authors' guide
in the site explains the file format.""")
@click.version_option(__version__, prog_name="journeymaps")
def main() -> None:
    """Customer journey maps kept as Markdown files: check them, start new ones,
    export them, without building the site.

    Run it in the folder of the site's mkdocs.yml (or name the file with -f).
    """


# ---------------------------------------------------------------- check

@main.command(epilog="""\b
Examples:
  journeymaps check                          the whole project
  journeymaps check maps/telecom/moving.md   one file (personas still checked to exist)
  journeymaps check maps/telecom             every file of a folder
  journeymaps check --format github          annotations for a GitHub Actions job
  journeymaps check --format json            a list of {file, line, path, message, severity}

Exit status: 0 no problems (warnings allowed), 1 problems, 2 usage error.""")
@click.argument("paths", nargs=-1, metavar="[PATH]...",
                type=click.Path(exists=True, path_type=Path))
@click.option("--format", "style", type=click.Choice(FORMATS), default="text",
              show_default=True, help="How problems are printed.")
@click.option("--no-cache", is_flag=True,
              help=f"Check every file again, even if none changed since the last run "
                   f"(whose result is kept in {check_cache.FOLDER}/ of the project).")
@_config_option
def check(paths: tuple[Path, ...], style: str, no_cache: bool, config_file: Path) -> None:
    """Validate maps, personas and knowledge-base answers, without building the site.

    Prints every problem, one a line, as FILE:LINE: FIELD PATH: MESSAGE. With
    PATHs, only problems of those files (or folders) are printed, but they are
    still checked against the whole project: a map's personas must exist.
    """
    site = _site(config_file)
    result = _checked_project(site, use_cache=not no_cache)
    problems = result.problems
    if paths:
        problems = _problems_in(problems, paths, site.root)
    prefix = _git_prefix(site.root) if style == "github" else ""
    output = format_problems(problems, style, path_prefix=prefix)
    if output:
        click.echo(output)
    errors = sum(p.severity != "warning" for p in problems)
    found = (f"{_count(errors, 'error')}, {_count(len(problems) - errors, 'warning')}"
             if problems else "no problems")
    click.echo(f"journeymaps: {_checked(result, paths)}: {found}", err=True)
    sys.exit(1 if errors else 0)


def _checked_project(site: SiteConfig, use_cache: bool) -> check_cache.CheckResult:
    """The whole project's problems: kept from the last run if no file changed since
    (``load.check_cache``), else checked anew (and kept)."""
    cache_dir = site.root / check_cache.FOLDER
    sources = [site.maps_dir.resolve(), site.docs_dir.resolve()]
    inside = any(folder == cache_dir.resolve() or folder in cache_dir.resolve().parents
                 for folder in sources)  # the sources are never written to
    if not use_cache or inside:
        return check_cache.CheckResult.of(_load(site))
    _load_guard(site)
    key = check_cache.project_key([p for p in sources if p.is_dir()],
                                  site.config_file.read_bytes())
    kept = check_cache.read(cache_dir, key)
    if kept is not None:
        return kept
    result = check_cache.CheckResult.of(_load(site))
    check_cache.write(cache_dir, key, result)
    return result


def _problems_in(problems: list[Problem], paths: tuple[Path, ...], root: Path) -> list[Problem]:
    """The problems of the given files, or of the files below the given folders."""
    files, folders = set(), []
    for path in paths:
        shown = display_path(path.resolve(), root)
        if shown == ".." or shown.startswith("../"):
            raise click.BadParameter(f"{path} is outside the project folder {root}",
                                     param_hint="PATH")
        if path.is_dir():
            folders.append("" if shown == "." else shown.rstrip("/") + "/")
        else:
            files.add(shown)
    return [p for p in problems
            if p.file in files or any(p.file.startswith(folder) for folder in folders)]


def _checked(result: check_cache.CheckResult, paths: tuple[Path, ...]) -> str:
    if paths:
        return f"checked {_count(len(paths), 'path')} against the project"
    return (f"checked {_count(result.maps, 'map')}, "
            f"{_count(result.personas, 'persona')}, "
            f"{_count(result.articles, 'knowledge-base page')}"
            + "".join(f", {d}" for d in result.definitions))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _git_prefix(root: Path) -> str:
    """The project folder relative to its git repository: GitHub's paths start there."""
    for folder in (root, *root.parents):
        if (folder / ".git").exists():
            relative = display_path(root, folder)
            return "" if relative == "." else relative + "/"
    return ""


# ---------------------------------------------------------------- new

@main.group(epilog="""\b
Examples:
  journeymaps new persona anna --name "Anna, moving house"
  journeymaps new map telecom/moving --persona anna
  journeymaps new map telecom/moving --persona anna --persona ben \\
      --title "Moving house" --stages "Inquiry,Comparison,Purchase,Installation"
  journeymaps new article --answers "Is there parking nearby?"
""")
def new() -> None:
    """Start a new persona, map, journey, lifecycle or channel file, or a
    knowledge-base article, from a template that explains each key.

    The new file passes 'journeymaps check' as it is. An existing file is never
    overwritten.
    """


@new.command("persona", epilog="""\b
Examples:
  journeymaps new persona anna
  journeymaps new persona young-family --name "The Meyers, a young family"
""")
@click.argument("persona_id", metavar="ID")
@click.option("--name", help="The display name; by default the id in words.")
@_config_option
def new_persona(persona_id: str, name: str | None, config_file: Path) -> None:
    """Write maps/personas/ID.md; maps then name the persona by its ID.

    ID is lowercase letters, digits and '-'.
    """
    site = _site(config_file)
    try:
        text = persona_text(persona_id, name)
    except ScaffoldError as error:
        raise click.BadParameter(str(error), param_hint="ID") from None
    _write_new(persona_path(site.maps_dir, persona_id), text, site)


@new.command("map", epilog="""\b
Examples:
  journeymaps new map telecom/moving --persona anna
  journeymaps new map telecom/moving --persona anna --title "Moving house"
  journeymaps new map banking/first-account --persona student --persona parent \\
      --stages "Discover,Compare,Open account,First month"
""")
@click.argument("path", metavar="PATH")
@click.option("--persona", "personas", multiple=True, required=True, metavar="ID",
              help="A persona whose journey this is (repeat for several); it must exist.")
@click.option("--title", help="The map's title; by default the file name in words.")
@click.option("--stages", metavar='"A,B,C"',
              help="Stage names in journey order, separated by commas.  "
                   "[default: Awareness,Consideration,Purchase,Use]")
@_config_option
def new_map(path: str, personas: tuple[str, ...], title: str | None, stages: str | None,
            config_file: Path) -> None:
    """Write maps/PATH.md, a journey map of the given personas.

    PATH is folders and a file name below maps/, e.g. telecom/moving; it
    becomes the page's address, maps/telecom/moving/.
    """
    site = _site(config_file)
    try:
        target = map_path(site.maps_dir, site.root, path)
        _require_personas(site, personas)
        text = map_text(title or default_title(target.stem), list(dict.fromkeys(personas)),
                        stage_names(stages), dt.date.today())
    except ScaffoldError as error:
        raise click.UsageError(str(error)) from None
    _write_new(target, text, site)


@new.command("journey", epilog="""\b
Examples:
  journeymaps new journey telecom-moving
  journeymaps new journey telecom-moving --title "Moving house with us"
""")
@click.argument("journey_id", metavar="ID")
@click.option("--title", help="The journey's title; by default the id in words.")
@_config_option
def new_journey(journey_id: str, title: str | None, config_file: Path) -> None:
    """Write maps/journeys/ID.md; maps name the journey with 'journey: ID'.

    ID is lowercase letters, digits and '-'. Every page that mentions the
    journey then shows its title, and its page its description, owner and place
    in the hierarchy of journeys.
    """
    site = _site(config_file)
    try:
        text = journey_text(journey_id, title)
    except ScaffoldError as error:
        raise click.BadParameter(str(error), param_hint="ID") from None
    _write_new(journey_path(site.maps_dir, journey_id), text, site)


@new.command("lifecycle", epilog="""\b
Example:
  journeymaps new lifecycle
""")
@_config_option
def new_lifecycle(config_file: Path) -> None:
    """Write maps/lifecycle.yml: the phases every stage belongs to, awareness to advocacy."""
    site = _site(config_file)
    _write_new(lifecycle_path(site.maps_dir), definitions_text("lifecycle.yml"), site)


@new.command("channels", epilog="""\b
Example:
  journeymaps new channels
""")
@_config_option
def new_channels(config_file: Path) -> None:
    """Write maps/channels.yml: the channel catalogue, each with kind and owner."""
    site = _site(config_file)
    _write_new(channels_path(site.maps_dir), definitions_text("channels.yml"), site)


@new.command("article", epilog="""\b
Examples:
  journeymaps new article --answers "Is there parking nearby?"
  journeymaps new article --answers "Is there parking nearby?" --path kb/clinic-parking.md
""")
@click.option("--answers", "question", required=True, metavar='"QUESTION"',
              help="The question the article answers, as a map asks it (an FAQ gap).")
@click.option("--path", metavar="PATH",
              help="The file, relative to the docs folder.  [default: kb/<the question>.md]")
@_config_option
def new_article(question: str, path: str | None, config_file: Path) -> None:
    """Write a knowledge-base article that answers QUESTION: its title, the question
    under 'answers:' (the FAQ gap closes when it is published) and an outline.

    The same article as the FAQ gap report's "Write the article" link.
    """
    site = _site(config_file)
    try:
        target = article_path(site.docs_dir, path, question)
    except ScaffoldError as error:
        raise click.UsageError(str(error)) from None
    from ..pages.kb_article import article_text

    _write_new(target, article_text(question, site.options.labels), site)


def _require_personas(site: SiteConfig, personas: tuple[str, ...]) -> None:
    folder = site.maps_dir / PERSONAS_FOLDER
    known = sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []
    for persona_id in personas:
        if persona_id in known:
            continue
        hint = did_you_mean(persona_id, known) or (
            f"; known personas: {', '.join(known)}" if known else
            f"; there are no personas yet: create one with "
            f"'journeymaps new persona {persona_id}'")
        raise click.BadParameter(f"unknown persona '{persona_id}'{hint}",
                                 param_hint="'--persona'")


def _write_new(path: Path, text: str, site: SiteConfig) -> None:
    shown = display_path(path, site.root)
    try:
        write_new(path, text)
    except FileExistsError:
        raise click.ClickException(f"{shown} already exists and was left untouched: "
                                   "choose another name, or edit that file") from None
    except OSError as error:
        raise click.ClickException(f"cannot write {shown}: {error.strerror}") from None
    click.echo(f"Created {shown}. Fill it in, then run: journeymaps check {shown}")


# ---------------------------------------------------------------- export, generate

@main.command(epilog="""\b
Examples:
  journeymaps export                                  print it
  journeymaps export --output site/journeymaps.json   write a new file
  journeymaps export -o journeymaps.json --force      replace an earlier export
  journeymaps export --strict -o journeymaps.json     refuse while a file has problems
""")
@click.option("-o", "--output", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              default="-", show_default=True, help="The file to write; '-' prints it.")
@click.option("--force", is_flag=True,
              help="Replace FILE if it exists (an earlier export); never a file of the maps "
                   "or docs folder.")
@_strict_option
@_config_option
def export(output: Path, force: bool, strict: bool, config_file: Path) -> None:
    """Write journeymaps.json, every map and persona as the site publishes it.

    Problems are printed to standard error; the export holds what the site
    would show despite them, unless --strict.
    """
    site = _site(config_file)
    to_file = str(output) != "-"
    if to_file:
        _refuse_sources(site, output, "'--output'")
        if output.exists() and not force:
            raise click.ClickException(f"{output} already exists and was left untouched: "
                                       "use --force to replace an earlier export, or choose "
                                       "another name")

    from ..exports.journeymaps_json import export_json

    project = _load(site)
    _report(project, strict)
    data = export_json(project)
    if not to_file:
        click.echo(data)
        return
    try:
        output.write_text(data + "\n", encoding="utf-8")
    except OSError as error:
        raise click.ClickException(f"cannot write {output}: {error.strerror}") from None
    click.echo(f"Wrote {output}", err=True)


@main.command(epilog="""\b
Examples:
  journeymaps generate build/journeys            a new folder
  journeymaps generate build/journeys --force    write over an earlier run
  journeymaps generate --project build/site      a whole project: zensical build -f
                                                 build/site/mkdocs.yml

Then point any Markdown site generator with directory URLs at the folder,
beside your own pages: map pages link knowledge-base pages by their path in
the docs folder. With --project, OUTDIR is a project of its own that any
engine reading mkdocs.yml builds (Zensical, ProperDocs, MkDocs) without the
journeymaps plugin.""")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Write into OUTDIR even if it is not empty, replacing files of the same "
                   "name (other files stay).")
@click.option("--project", is_flag=True,
              help="Write a standalone project: mkdocs.yml without the plugin, with its "
                   "navigation written out, and docs/ with the docs folder, every generated "
                   "page and the bundled Mermaid.")
@click.option("--language", metavar="CODE",
              help="The language of the pages (en, pl, ru, zh, zh-Hant, de); by default "
                   "theme.language of mkdocs.yml.")
@_strict_option
@_config_option
def generate(outdir: Path, force: bool, project: bool, language: str | None, strict: bool,
             config_file: Path) -> None:
    """Write every generated page and export to OUTDIR, without building the site.

    Map and persona pages as Markdown (maps/..., personas/...), their photos,
    journeymaps.json and the JSON Schemas: what the MkDocs plugin adds to a
    build, for any other Markdown site generator. OUTDIR may not be, hold or
    lie in the maps or docs folder.
    """
    site = _site(config_file)
    if language:
        site = dataclasses.replace(site, language=language)
    target = outdir.resolve()
    _refuse_sources(site, outdir, "OUTDIR")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise click.ClickException(f"{outdir} is not empty; nothing was written. Use "
                                   "--force to write over it, or choose an empty folder")
    loaded = _load(site)
    _report(loaded, strict)
    options = _options(site, strict)
    try:
        if project:
            count = _write_project(site, loaded, options, target)
        else:
            count = _write_tree(loaded, options, target)
    except OSError as error:
        raise click.ClickException(f"cannot write to {outdir}: {error}") from None
    click.echo(f"Wrote {_count(count, 'file')} to {outdir}", err=True)


def _write_project(site: SiteConfig, project: Project, options: SiteOptions,
                   target: Path) -> int:
    from ..engines.project import write_project

    written = write_project(project, options, site.config_file, target)
    for warning in written.warnings:
        click.echo(f"warning: {warning}", err=True)
    return written.files


# ---------------------------------------------------------------- build

@main.command(epilog="""\b
Examples:
  journeymaps build                              mkdocs build, the plugin adds the pages
  journeymaps build --engine zensical            the standalone project built by Zensical
  journeymaps build --engine properdocs --strict --site-dir public

Exit status: 0 built, 1 problems (under --strict) or a failed build, 2 usage error.""")
@click.option("--engine", type=click.Choice(engine_build.ENGINES), default=engine_build.MKDOCS,
              show_default=True, help="The engine that builds the site.")
@click.option("-d", "--site-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Where the site goes; by default site_dir of mkdocs.yml.")
@click.option("--strict", is_flag=True,
              help="Fail on any problem, journeymaps' or the engine's, as mkdocs build "
                   "--strict does.")
@_config_option
def build(engine: str, site_dir: Path | None, strict: bool, config_file: Path) -> None:
    """Build the whole site with MkDocs, Zensical or ProperDocs, from the same mkdocs.yml.

    With zensical or properdocs, the standalone project ('generate --project') is
    written to a temporary folder and built there by that engine's command (found
    beside this Python or on PATH); MkDocs is not needed for it. Problems of the
    maps and of the engine are printed one a line, as FILE:...: MESSAGE.
    """
    site = _site(config_file)
    shown_dir = site_dir or site.root / site.site_dir
    site_dir = shown_dir.resolve()
    _refuse_sources(site, site_dir, "'--site-dir'")
    try:
        engine_build.command(engine)
    except engine_build.EngineMissing as error:
        raise click.ClickException(str(error)) from None
    project = _load(site)
    for problem in project.problems:
        click.echo(text_line(problem), err=True)
    errors = sum(p.severity != "warning" for p in project.problems)
    if engine == engine_build.MKDOCS:
        outcome = engine_build.run(engine, site.config_file, site_dir, strict=strict)
    else:
        options = _options(site, strict)
        if strict and errors:
            raise click.ClickException(f"{_count(errors, 'error')}; nothing was built "
                                       "(--strict)")
        with tempfile.TemporaryDirectory(prefix="journeymaps-project-") as folder:
            _write_project(site, project, options, Path(folder))
            outcome = engine_build.run(engine, Path(folder) / "mkdocs.yml", site_dir,
                                       strict=strict)
    own = {str(p) for p in project.problems}
    shown = [line for line in outcome.problems if not any(mine in line for mine in own)]
    for line in shown:
        click.echo(line, err=True)
    if outcome.returncode != 0:
        click.echo(outcome.log.rstrip(), err=True)
        raise click.ClickException(f"{engine} build failed (exit status {outcome.returncode})")
    click.echo(f"journeymaps: built {shown_dir} with {engine}", err=True)


def _options(site: SiteConfig, strict: bool) -> SiteOptions:
    """The site's options, saying what is wrong with its language or labels."""
    loaded = site.loaded_labels
    for warning in loaded.warnings:
        click.echo(f"warning: {warning}", err=True)
    for error in loaded.errors:
        click.echo(f"{site.config_file.name}: plugins.journeymaps.{error}", err=True)
    if strict and loaded.errors:
        raise click.ClickException(f"{_count(len(loaded.errors), 'label')} cannot be used; "
                                   "nothing was written (--strict)")
    return site.options


def _write_tree(project: Project, options: SiteOptions, target: Path) -> int:
    from ..safety import standalone
    from ..website.assembly import generate as generate_files
    from ..website.assembly import photo_files

    count = 0
    for generated in generate_files(project, options):
        path = target / generated.path
        path.parent.mkdir(parents=True, exist_ok=True)
        content = generated.content  # safe on its own: no engine will clean its HTML
        if generated.path.endswith(".md"):
            content = standalone.clean_page(content)
        path.write_text(content, encoding="utf-8", newline="\n")
        count += 1
    for page, source in photo_files(project):
        path = target / page
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, path)
        count += 1
    return count


# ---------------------------------------------------------------- shared

def _refuse_sources(site: SiteConfig, path: Path, param: str) -> None:
    """Commands never write into the maps or docs folder, nor make one of them theirs."""
    target = path.resolve()
    for protected in (site.maps_dir.resolve(), site.docs_dir.resolve()):
        if target == protected or protected in target.parents or target in protected.parents:
            raise click.BadParameter(f"{path} overlaps {protected}: the sources are never "
                                     "written to; choose a place of its own",
                                     param_hint=param)


def _site(config_file: Path) -> SiteConfig:
    try:
        return read_site_config(config_file)
    except SiteConfigError as error:
        raise click.UsageError(str(error)) from None


def _load(site: SiteConfig) -> Project:
    _load_guard(site)
    return site.load()


def _load_guard(site: SiteConfig) -> None:
    if not site.maps_dir.is_dir():
        raise click.UsageError(
            f"the maps folder {display_path(site.maps_dir, Path.cwd())}/ does not exist "
            f"(maps_dir of the journeymaps plugin in {site.config_file.name}); start one with "
            "'journeymaps new persona ID'")


def _report(project: Project, strict: bool) -> None:
    """Print problems to standard error; under --strict, stop on any error."""
    problems = project.problems
    for problem in problems:
        click.echo(text_line(problem), err=True)
    if strict and any(p.severity != "warning" for p in problems):
        raise click.ClickException(f"{_count(len(problems), 'problem')}; nothing was "
                                   "written (--strict)")


if __name__ == "__main__":  # pragma: no cover - `python -m journeymaps.cli`
    main()
