"""What the plugin tells the companion plugins a company site runs beside it.

Material's ``privacy`` plugin downloads every external asset it finds, and finds
the CDN Mermaid named in Material's own bundle: offline that download fails the
build (strict), online it is a copy nobody loads, since the plugin's loader
provides Mermaid from the site itself. So while Mermaid is bundled, any
``mermaid.min.js`` from elsewhere is excluded from its downloads.

mkdocs-git-revision-date-localized dates generated pages by the build's time; the
map page gets its map file's last commit instead (``date_from_sources``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import mermaid_assets

#: the privacy plugin's ``assets_exclude`` pattern (fnmatch over host and path)
ANY_MERMAID = "*/mermaid.min.js"


def adapt(plugins: Any, mermaid: str) -> None:
    """Adjust the companion plugins of ``plugins`` (MkDocs' plugin collection)."""
    if mermaid != mermaid_assets.BUNDLED:
        return
    for plugin in plugins.values():
        if type(plugin).__module__.startswith("material.plugins.privacy"):
            excluded = plugin.config.assets_exclude
            if ANY_MERMAID not in excluded:
                excluded.append(ANY_MERMAID)


#: mkdocs-git-revision-date-localized (and its per-page dates of generated pages)
_GIT_DATES = "mkdocs_git_revision_date_localized_plugin"


def date_from_sources(plugins: Any, sources: dict[str, Path]) -> None:
    """Generated pages dated by the last commit of the map or persona file they are made
    from, not the build's time: mkdocs-git-revision-date-localized dates a generated page
    from its ``generated_timestamps`` (reset before each build, read per page), so the
    plugin fills that in with what git says of each source file."""
    for plugin in plugins.values():
        if not type(plugin).__module__.startswith(_GIT_DATES):
            continue
        dates, util = getattr(plugin, "generated_timestamps", None), getattr(plugin, "util", None)
        if not isinstance(dates, dict) or util is None:
            continue  # another release of it: its own dates stand
        for page, source in sources.items():
            _commit, timestamp = util.get_git_commit_timestamp(str(source))
            if timestamp:
                dates[page] = int(timestamp)
