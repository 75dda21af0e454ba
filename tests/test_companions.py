"""What the plugin tells companion plugins (``mkdocs/companions.py``). The privacy
plugin's offline build is in test_isolation; the offline plugin's links in test_build."""

from __future__ import annotations

from pathlib import Path

from journeymaps.mkdocs import companions


class _Util:
    def __init__(self) -> None:
        self.asked: list[str] = []

    def get_git_commit_timestamp(self, path: str, is_first_commit: bool = False
                                 ) -> tuple[str, int]:
        self.asked.append(path)
        return ("abc", 1_700_000_000) if path.endswith("moving.md") else ("", 0)


class GitDates:  # stands for mkdocs-git-revision-date-localized's plugin class
    __module__ = "mkdocs_git_revision_date_localized_plugin.plugin"

    def __init__(self) -> None:
        self.generated_timestamps: dict[str, int] = {}
        self.util = _Util()


class Other:
    def __init__(self) -> None:
        self.generated_timestamps: dict[str, int] = {}


def test_generated_pages_get_their_source_files_last_commit(tmp_path: Path) -> None:
    git, other = GitDates(), Other()
    sources = {"maps/telecom/moving.md": tmp_path / "maps/telecom/moving.md",
               "personas/new.md": tmp_path / "maps/personas/new.md"}
    companions.date_from_sources({"git-revision-date-localized": git, "other": other},
                                 sources)
    assert git.util.asked == [str(path) for path in sources.values()]
    # a file git has no commit of (a new persona) keeps the plugin's own build time
    assert git.generated_timestamps == {"maps/telecom/moving.md": 1_700_000_000}
    assert other.generated_timestamps == {}


SEPARATOR = r"[\s\u200b\-、。]+"


def test_a_search_plugin_added_after_the_sites_gets_its_separator() -> None:
    """mkdocs-techdocs-core adds a search plugin of default options after the site's
    (MkDocs' own, or Material's with ``use_material_search``): its index, written
    last, would split words at spaces only, and Chinese words would not be found."""
    from material.plugins.search.plugin import SearchIndex
    from material.plugins.search.plugin import SearchPlugin as MaterialSearch
    from mkdocs.contrib.search import SearchPlugin

    site, plain, material = MaterialSearch(), SearchPlugin(), MaterialSearch()
    site.load_config({"separator": SEPARATOR})
    plain.load_config({})
    material.load_config({"separator": r"[\s\-]+"})
    material.search_index = SearchIndex(**material.config)  # as its on_config makes it
    companions.one_search_separator({"material/search": site, "search": plain})
    assert plain.config["separator"] == SEPARATOR
    companions.one_search_separator({"material/search": site, "tags": object(),
                                     "search": material})
    assert material.config["separator"] == SEPARATOR
    assert material.search_index.config["separator"] == SEPARATOR
    alone = SearchPlugin()
    alone.load_config({})
    companions.one_search_separator({"search": alone})  # one search plugin: its own
    assert alone.config["separator"] == r"[\s\-]+"
