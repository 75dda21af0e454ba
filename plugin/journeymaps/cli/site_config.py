"""Where a project's maps and docs are, read from its mkdocs.yml without building.

``journeymaps`` commands must answer in a second, so they read mkdocs.yml as
plain YAML instead of loading MkDocs' whole configuration (its theme and every
plugin). Tags such as ``!!python/name:`` are kept as text, ``!ENV`` is honoured
and ``INHERIT`` is followed, as MkDocs does. The plugin's own options go through
the plugin's typed configuration (``mkdocs.config.JourneyMapsConfig``): the
commands get the same defaults and refuse what the plugin refuses, in its words.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import mergedeep  # type: ignore[import-untyped]  # MkDocs' own dependencies
import yaml
import yaml_env_tag  # type: ignore[import-untyped]

from ..analysis.options import SiteOptions
from ..language.labels import LoadedLabels, load_labels
from ..load.cache import FileCache
from ..load.frontmatter import yaml_message
from ..load.project import load_project
from ..mkdocs import mermaid_assets
from ..model.project import Project

PLUGIN = "journeymaps"
#: MkDocs' default docs folder
DEFAULT_DOCS_DIR = "docs"


class SiteConfigError(Exception):
    """mkdocs.yml is missing, unreadable or does not use the plugin."""


class _Loader(yaml.SafeLoader):
    """Safe YAML that keeps unknown tags' values instead of failing on them."""


def _untagged(loader: yaml.SafeLoader, _suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_scalar(node)


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_multi_constructor("", _untagged)


@dataclass(frozen=True)
class SiteConfig:
    """The settings of a project that the commands need."""

    config_file: Path
    docs_dir: Path
    maps_dir: Path
    stale_after_days: int
    #: where MkDocs builds the site, relative to mkdocs.yml
    site_dir: str = "site"
    #: theme.language: the language of the generated pages
    language: str | None = None
    #: the plugin's ``labels:`` option, single labels over the language's
    labels: dict[str, Any] = field(default_factory=dict)
    #: repo_url and edit_uri, as the site's FAQ gaps link to the repository
    repo_url: str = ""
    edit_uri: str = ""

    @property
    def root(self) -> Path:
        """The folder of mkdocs.yml: file paths in problems are relative to it."""
        return self.config_file.parent

    @functools.cached_property
    def loaded_labels(self) -> LoadedLabels:
        """The labels of the site's language and overrides, with what is wrong with them."""
        return load_labels(self.language, self.labels)

    @property
    def options(self) -> SiteOptions:
        return SiteOptions(stale_after_days=self.stale_after_days,
                           labels=self.loaded_labels.labels, repo_url=self.repo_url,
                           edit_uri=self.edit_uri)

    def load(self, cache: FileCache | None = None) -> Project:
        return load_project(self.root, self.maps_dir, self.docs_dir, cache)


def read_site_config(config_file: Path) -> SiteConfig:
    """Read ``config_file`` (an mkdocs.yml); raise SiteConfigError with a hint."""
    config_file = config_file.resolve()
    data = _read_yaml(config_file)
    options = plugin_config(_plugin_options(data.get("plugins"), config_file), config_file)
    root = config_file.parent
    theme = data.get("theme")
    language = theme.get("language") if isinstance(theme, dict) else None
    return SiteConfig(
        config_file=config_file,
        docs_dir=root / str(data.get("docs_dir") or DEFAULT_DOCS_DIR),
        maps_dir=root / options.maps_dir,
        stale_after_days=options.stale_after_days,
        site_dir=str(data.get("site_dir") or "site"),
        language=str(language) if language else None,
        labels=options.labels,
        repo_url=str(data.get("repo_url") or ""),
        edit_uri=str(data.get("edit_uri") or _default_edit_uri(data.get("repo_url"))),
    )


def _default_edit_uri(repo_url: object) -> str:
    """MkDocs' own default edit_uri (config_options.EditURI) when none is given."""
    host = urlsplit(str(repo_url or "")).netloc.lower()
    return "edit/master/docs/" if host in ("github.com", "gitlab.com") else ""


def plugin_config(options: dict[str, Any], config_file: Path) -> Any:
    """The plugin's options validated as MkDocs validates them for the plugin: the same
    defaults, and what the plugin would refuse refused in the same words. MkDocs stops
    at the first bad option; here each is validated alone, so all are told at once."""
    errors = [(name, error) for name, value in options.items()
              for name, error in _validated({name: value}, config_file)[1]]
    if errors:
        raise SiteConfigError("\n".join(
            f"{config_file.name}: plugins.{PLUGIN}.{name}: {error}" for name, error in errors))
    return _validated(options, config_file)[0]


def _validated(options: dict[str, Any], config_file: Path) -> tuple[Any, Any]:
    plain, errors = _validated_without_mkdocs(options)
    # What the plain check accepts, MkDocs accepts (it is at most stricter: a bool is
    # no int here), with the same defaults (a test compares them): importing MkDocs'
    # config, a fifth of a second, is left to options that need its words or checks
    if not errors and not options.keys() & _CHECKED_BY_MKDOCS_ONLY:
        return plain, errors
    try:  # lazily: a site built by Zensical alone has no MkDocs to validate with
        from ..mkdocs.config import JourneyMapsConfig
    except ImportError:
        return plain, errors
    config = JourneyMapsConfig(config_file_path=str(config_file))
    config.load_dict(options)
    errors, _warnings = config.validate()  # an unknown option: MkDocs only warns
    return config, errors


#: The plugin's options and defaults (``mkdocs.config.JourneyMapsConfig``, which a test
#: compares with this), for validating them where MkDocs is not installed.
PLAIN_OPTIONS: dict[str, tuple[type | tuple[type, ...], Any]] = {
    "enabled": (bool, True), "maps_dir": (str, "maps"), "stale_after_days": (int, 180),
    "mermaid": (str, mermaid_assets.BUNDLED), "labels": (dict, {}), "sidebar_limit": (int, 50),
    # what `mkdocs serve` does alone: without MkDocs, only its type is checked
    "poll_interval": ((int, float), 0.1),
}


#: options the plugin's config checks beyond their type (``poll_interval``'s range)
_CHECKED_BY_MKDOCS_ONLY = frozenset({"poll_interval"})


@dataclass(frozen=True)
class _PlainConfig:
    maps_dir: str
    stale_after_days: int
    labels: dict[str, Any]


def _validated_without_mkdocs(options: dict[str, Any]) -> tuple[_PlainConfig, Any]:
    values = {name: default for name, (_kind, default) in PLAIN_OPTIONS.items()}
    errors = []
    for name, value in options.items():
        kind = PLAIN_OPTIONS.get(name, (object, None))[0]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            errors.append((name, f"Expected type: {kind} but received: {type(value)}"))
        elif name == "mermaid" and mermaid_assets.source_problem(value):
            errors.append((name, mermaid_assets.source_problem(value)))
        else:
            values[name] = value
    return _PlainConfig(values["maps_dir"], values["stale_after_days"], values["labels"]), errors


def _read_yaml(config_file: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    if config_file in seen:
        raise SiteConfigError(f"{config_file} inherits from itself (INHERIT)")
    try:
        text = config_file.read_text(encoding="utf-8-sig")
        data = yaml.load(text, Loader=_Loader)  # a SafeLoader: no code runs
    except FileNotFoundError:
        raise SiteConfigError(f"{config_file.name} not found in {config_file.parent}: run "
                              "journeymaps in the folder of the site's mkdocs.yml, or "
                              "name it with --config-file") from None
    except yaml.MarkedYAMLError as error:
        raise SiteConfigError(_syntax_error(config_file, text, error)) from None
    except RecursionError:
        raise SiteConfigError(f"cannot read {config_file}: its settings are nested too deep "
                              "for YAML") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SiteConfigError(f"cannot read {config_file}: {error}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SiteConfigError(f"{config_file} is not a mapping of settings")
    parent = data.pop("INHERIT", None)
    if parent:
        inherited = (config_file.parent / str(parent)).resolve()
        data = mergedeep.merge(_read_yaml(inherited, (*seen, config_file)), data)
    return data


def _syntax_error(config_file: Path, text: str, error: yaml.MarkedYAMLError) -> str:
    """One line, worded as a syntax error in a map is (PyYAML's own spans three)."""
    mark = error.problem_mark or error.context_mark
    if mark is None:
        return f"cannot read {config_file}: {yaml_message(error, '', 0)}"
    rows = text.split("\n")
    row = rows[mark.line] if mark.line < len(rows) else ""
    return f"cannot read {config_file}:{mark.line + 1}: {yaml_message(error, row, mark.column)}"


def _plugin_options(plugins: Any, config_file: Path) -> dict[str, Any]:
    """The journeymaps plugin's options, whichever way mkdocs.yml lists plugins."""
    for name, options in _plugin_entries(plugins):
        if name == PLUGIN:
            return options if isinstance(options, dict) else {}
    raise SiteConfigError(f"{config_file} does not use the {PLUGIN} plugin: add "
                          f"'- {PLUGIN}' under 'plugins:'")


def _plugin_entries(plugins: Any) -> Iterator[tuple[Any, Any]]:
    """(name, options) of each plugin: MkDocs takes a list of names or
    one-key mappings, or a single mapping of name to options."""
    if isinstance(plugins, dict):
        yield from plugins.items()
        return
    for item in plugins if isinstance(plugins, list) else []:
        if isinstance(item, dict):
            yield from item.items()
        else:
            yield item, None
