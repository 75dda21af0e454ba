"""The navigation of the standalone project, written out as the plugin shapes MkDocs' own.

MkDocs titles a section from its folder name ("Kb", "Maps") and the plugin renames
the generated ones from the registry and groups the report pages under "Reports".
Another engine runs no plugin, so the project's configuration gets the whole tree
as ``nav:``: pages in MkDocs' order (a folder's index first, files before
folders, by name), sections titled by the registry's labels where the registry
has one, else as MkDocs titles a folder; the homepage, the generated sections in
the registry's order and the reports first, as the plugin sorts them.
"""

from __future__ import annotations

from typing import Any

from ..language.labels import Labels
from ..website import registry

Nav = list[Any]


def navigation(pages: list[str], labels: Labels) -> Nav:
    """The ``nav:`` of a project whose docs folder holds ``pages`` (paths of .md files)."""
    reports = [page for page in registry.report_pages() if page in pages]
    tree = _tree(sorted((p for p in pages if p not in reports), key=_sort_key), labels)
    titles = [labels[key] for key in registry.navigation_titles().values()]
    if reports:
        tree.append({labels[registry.REPORTS_TITLE]: reports})
        titles.append(labels[registry.REPORTS_TITLE])
    rank = {title: i for i, title in enumerate(titles, 1)}
    return sorted(tree, key=lambda item: 0 if item == "index.md" else rank.get(
        next(iter(item)) if isinstance(item, dict) else "", len(rank) + 1))


def _sort_key(page: str) -> tuple[tuple[str, ...], bool, str]:
    """MkDocs' order of files: by folder, a folder's index first, then by name."""
    parts = page.split("/")
    return tuple(parts[:-1]), parts[-1] != "index.md", parts[-1]


def _tree(pages: list[str], labels: Labels, depth: int = 0) -> Nav:
    items: Nav = []
    sections: dict[str, list[str]] = {}
    for page in pages:
        parts = page.split("/")
        if len(parts) == depth + 1:
            items.append(page)
        else:
            folder = parts[depth]
            if folder not in sections:
                sections[folder] = []
                items.append(folder)  # placeholder, keeps the order of first appearance
            sections[folder].append(page)
    titles = registry.navigation_titles() if depth == 0 else {}
    return [item if item.endswith(".md") else
            {_title(item, titles, labels): _tree(sections[item], labels, depth + 1)}
            for item in items]


def _title(folder: str, titles: dict[str, str], labels: Labels) -> str:
    if folder in titles:
        return labels[titles[folder]]
    title = folder.replace("-", " ").replace("_", " ")  # as MkDocs titles a folder
    return title.capitalize() if title.lower() == title else title
