"""What the plugin tells the companion plugins a company site runs beside it.

Material's ``privacy`` plugin downloads every external asset it finds, and finds
the CDN Mermaid named in Material's own bundle: offline that download fails the
build (strict), online it is a copy nobody loads, since the plugin's loader
provides Mermaid from the site itself. So while Mermaid is bundled, any
``mermaid.min.js`` from elsewhere is excluded from its downloads.

mkdocs-git-revision-date-localized dates generated pages by the build's time; the
map page gets its map file's last commit instead (``date_from_sources``).

mkdocs-techdocs-core (Backstage TechDocs) adds to the site's search plugin a
second one of default options, whose index is written last: the site's
``separator``, which splits Chinese text into words, is lost. It is given the site's
(``one_search_separator``).

git-committers (mkdocs-git-committers-plugin-2) lists a page's committers from the
history of ``docs_path`` + the page's path: for a generated page no such file exists,
so the map page is given its map file's committers instead (``committers_from_source``).

mkdocs-static-i18n builds the site once per language, and in each build keeps only
the pages of ``docs_dir``: generated pages are spooled elsewhere, so it drops them.
They are put back after it, each build's at that language's addresses, rendered with
that language's labels (``run_after_i18n``, ``keep_generated``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

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


#: the search plugin's names: MkDocs' own and Material's (a Material site's ``search``)
_SEARCH = ("material/search", "search")


def one_search_separator(plugins: Any) -> None:
    """Every search plugin of the build splits words with the ``separator`` of the
    site's own, the first in the collection: techdocs-core adds a second one of
    default options after the site's plugins, whose index is written last."""
    searches = [plugin for name, plugin in plugins.items() if name in _SEARCH]
    if len(searches) < 2:
        return
    separator = searches[0].config.get("separator")
    for search in searches[1:]:
        if separator and search.config.get("separator") != separator:
            search.config["separator"] = separator
            # Material's search copies its options into its index in on_config
            index = getattr(getattr(search, "search_index", None), "config", None)
            if isinstance(index, dict):
                index["separator"] = separator


#: mkdocs-git-committers-plugin-2, the git-committers plugin Material documents
_GIT_COMMITTERS = "mkdocs_git_committers_plugin_2"


def committers_from_source(plugins: Any, context: dict[str, Any], source: Path) -> None:
    """The committers (and last commit date) of ``source``, the map or persona file a
    generated page is made from, in the page's template context, where git-committers
    put those of a docs file that does not exist.

    Asked only where that plugin itself asked for the page: it sets
    ``committers_source`` once it is enabled and the page is not excluded. It asks its
    cache first and the forge's API (GitHub, GitLab) for a file committed since; that
    call is the plugin's, made for every docs page as well, and only where a site turns
    the plugin on."""
    for plugin in plugins.values():
        if not type(plugin).__module__.startswith(_GIT_COMMITTERS):
            continue
        repository = getattr(getattr(plugin, "localrepo", None), "working_tree_dir", None)
        ask = getattr(plugin, "list_contributors", None)
        if "committers_source" not in context or repository is None or ask is None:
            continue  # disabled, excluded, unconfigured, or another release of it
        path = Path(os.path.relpath(source, repository)).as_posix()
        authors, last_commit_date = ask(path)
        context["committers"] = authors or []
        if last_commit_date:
            context["last_commit_date"] = last_commit_date


#: mkdocs-static-i18n's package: its ``I18n`` plugin class lives in ``.plugin``
_I18N = "mkdocs_static_i18n"


def _i18n(plugins: Any) -> Any | None:
    for plugin in plugins.values():
        if type(plugin).__module__.startswith(_I18N):
            return plugin
    return None


def run_after_i18n(plugins: Any, handler: Callable[..., Any],
                   generated: Callable[[], Collection[str]]) -> bool:
    """Have ``handler`` (an ``on_files`` handler with its own priority) run in every
    build beside mkdocs-static-i18n, after it has chosen each language's files.

    A plugin has one ``on_files``; MkDocs' ``CombinedEvent`` would give it two, but
    ProperDocs, which runs this plugin too, recognises only its own copy of that
    class. So the handler is registered with the collection as any event is, once,
    and only where the i18n plugin is: other sites keep the plugin's event order.

    The i18n plugin warns of each page it drops ("Unhandled file case"), which fails
    a ``--strict`` build: for the pages in ``generated()``, put back at once, that
    warning is silenced; it stays for any other plugin's pages."""
    i18n, register = _i18n(plugins), getattr(plugins, "_register_event", None)
    if i18n is None or register is None:
        return False
    if handler not in plugins.events["files"]:
        register("files", handler, plugin_name="journeymaps")
    logger = logging.getLogger(f"mkdocs.plugins.{type(i18n).reconfigure_files.__module__}")
    for old in [f for f in logger.filters if isinstance(f, _PutBack)]:
        logger.removeFilter(old)
    logger.addFilter(_PutBack(generated))
    return True


class _PutBack(logging.Filter):
    """Drops the i18n plugin's warning of a dropped page that journeymaps puts back."""

    DROPPED = "Unhandled file case - "

    def __init__(self, generated: Callable[[], Collection[str]]) -> None:
        super().__init__()
        self.generated = generated

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return self.DROPPED not in message or (
            message.rpartition(self.DROPPED)[2] not in self.generated())


def keep_generated(plugins: Any, files: Files, generated: list[File], config: Any) -> Files:
    """The generated files of this build in ``files``, put back where the i18n plugin
    dropped them. In a language's own build (not the default language's) every one
    moves under that language's folder (``de/maps/...``), as its docs pages do: they
    hold that language's labels, so the default language's copies must not be
    overwritten. Links between pages are relative, so they follow."""
    i18n = _i18n(plugins)
    if i18n is None:
        return files
    language = str(i18n.current_language)
    folder = "" if language == i18n.default_language else language + "/"
    languages = [str(other) for other in i18n.build_languages]
    # the pages its sitemap.xml lists, by language (chosen in its on_files, before this)
    sitemap = getattr(i18n, "i18n_files_per_language", {}).get(language)
    for file in generated:
        base = file.url
        if folder:
            file.dest_uri = folder + file.dest_uri
            file.url = folder + file.url
            file.abs_dest_path = os.path.normpath(os.path.join(config.site_dir, file.dest_uri))
        if file.is_documentation_page():
            _mark_for_i18n(file, language, base, languages, i18n.default_language)
            if isinstance(sitemap, list):
                sitemap.append(file)
        if file.src_uri not in files.src_uris:
            files.append(file)
    return files


class _Alternate:
    """The same page in another language's build: the i18n plugin's language switcher
    reads its ``url``; its sitemap.xml the ``url`` where ``page`` has no address."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.page = None


def _mark_for_i18n(file: File, language: str, base: str, languages: list[str],
                   default: str) -> None:
    """The attributes mkdocs-static-i18n gives the files it chooses, which its page
    context (the language switcher) reads: a generated page exists in every language."""
    file.locale = language  # type: ignore[attr-defined]
    file.locale_alternate_of = language  # type: ignore[attr-defined]
    file.localization = None  # type: ignore[attr-defined]
    file.norm_src_uri = file.src_uri  # type: ignore[attr-defined]
    file.alternates = {  # type: ignore[attr-defined]
        other: _Alternate(base if other == default else f"{other}/{base}")
        for other in languages}
