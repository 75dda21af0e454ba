"""The standalone project's configuration, derived from the site's mkdocs.yml.

Read as YAML that keeps every tag as written (``!!python/name:`` stays a tag the
engine resolves; the commands' own reading turns tags into text), with ``INHERIT``
followed and ``!ENV`` resolved, as MkDocs does. What changes: the journeymaps plugin
is removed (its pages are already in the docs folder), the folders are the
project's own, the generated pages' stylesheet, script and Markdown extensions are
added where the site lacks them, and the navigation is written out (``navigation``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import mergedeep  # type: ignore[import-untyped]
import yaml
import yaml_env_tag  # type: ignore[import-untyped]

from ..pages import site_layout

PLUGIN = "journeymaps"
DOCS = "docs"
SITE = "site"
FENCE_FORMAT = "pymdownx.superfences.fence_code_format"
#: the extensions generated pages rely on (the plugin turns them on the same way)
REQUIRED_EXTENSIONS = ("tables", "admonition", "attr_list", "md_in_html", "pymdownx.superfences")


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag of its own (``!!python/name:...``), written back as read."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        return Tagged(suffix, loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(suffix, loader.construct_sequence(node, deep=True))
    return Tagged(suffix, loader.construct_scalar(node))


def _represent(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_multi_constructor("", _tagged)
_Dumper.add_representer(Tagged, _represent)


def read(config_file: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    """mkdocs.yml with its INHERIT merged in (the commands have read it once already,
    so syntax errors were told there)."""
    data = yaml.load(config_file.read_text(encoding="utf-8-sig"), Loader=_Loader) or {}
    parent = data.pop("INHERIT", None)
    if parent and config_file not in seen:
        inherited = (config_file.parent / str(parent)).resolve()
        data = mergedeep.merge(read(inherited, (*seen, config_file)), data)
    return data


def standalone(data: dict[str, Any], nav: list[Any] | None) -> dict[str, Any]:
    """The settings of the standalone project made from the site's ``data``."""
    config = {key: value for key, value in data.items()}
    config["docs_dir"], config["site_dir"] = DOCS, SITE
    config["plugins"] = _without_journeymaps(data.get("plugins"))
    for key, asset in (("extra_css", site_layout.STYLESHEET),
                       ("extra_javascript", site_layout.SCRIPT)):
        listed = list(data.get(key) or [])
        if asset not in map(str, listed):
            listed.append(asset)
        config[key] = listed
    config["markdown_extensions"] = _with_required(data.get("markdown_extensions"))
    if nav is not None and not data.get("nav"):  # a site's own nav keeps its shape
        config["nav"] = nav
    return config


def dump(config: dict[str, Any]) -> str:
    return ("# Made by `journeymaps generate --project` from the site's configuration: "
            "edit that one\n" + yaml.dump(config, Dumper=_Dumper, allow_unicode=True,
                                          sort_keys=False, width=100))


def _without_journeymaps(plugins: Any) -> Any:
    if isinstance(plugins, dict):
        return {name: options for name, options in plugins.items() if name != PLUGIN}
    return [item for item in plugins or []
            if item != PLUGIN and not (isinstance(item, dict) and PLUGIN in item)]


def _with_required(extensions: Any) -> list[Any]:
    """The site's Markdown extensions as a list of names and one-key mappings, with
    the generated pages' ones and the ``mermaid`` fence added where missing."""
    if isinstance(extensions, dict):
        listed: list[Any] = [{name: options} if options else name
                             for name, options in extensions.items()]
    else:
        listed = list(extensions or [])
    names = [next(iter(item)) if isinstance(item, dict) else item for item in listed]
    listed += [name for name in REQUIRED_EXTENSIONS if name not in names]
    index = next(i for i, item in enumerate(listed)
                 if (next(iter(item)) if isinstance(item, dict) else item)
                 == "pymdownx.superfences")
    item = listed[index]
    options = dict(item["pymdownx.superfences"] or {}) if isinstance(item, dict) else {}
    fences = list(options.get("custom_fences") or [])
    if not any(isinstance(f, dict) and f.get("name") == "mermaid" for f in fences):
        fences.append({"name": "mermaid", "class": "mermaid",
                       "format": Tagged(f"tag:yaml.org,2002:python/name:{FENCE_FORMAT}", "")})
    options["custom_fences"] = fences
    listed[index] = {"pymdownx.superfences": options}
    return listed
