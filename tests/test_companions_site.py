"""Companion plugins a company site runs beside journeymaps, built for real
(``mkdocs/companions.py``): mkdocs-static-i18n and git-committers, both in the lock."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import mkdocs_build, write_tree
from test_isolation import BUILD, offline

pytestmark = pytest.mark.slow

MAPS = {
    "maps/personas/anna.md": "---\nname: Anna\n---\n",
    "maps/moving.md": "---\ntitle: Moving house\npersona: anna\n"
                      "stages: [{name: Sign up, touchpoints: [{name: Call, score: 3}]}]\n---\n",
}
I18N_YML = """\
site_name: S
site_url: https://journeys.example/
docs_dir: docs
theme:
  name: material
  language: en
  font: false
plugins:
  - search
  - journeymaps
  - i18n:
      docs_structure: suffix
      languages:
        - {locale: en, default: true, name: English, build: true}
        - {locale: de, name: Deutsch, build: true}
        - {locale: fr, name: Français, build: true}
"""
#: a map page's label ("Felt", the curve's axis) in English and in German (de.yml);
#: French has no locale file: its build shows the English labels
FELT = {"": "Felt", "de/": "Erlebt", "fr/": "Felt"}
REPORTS = {"": "Reports", "de/": "Berichte", "fr/": "Reports"}


def test_every_language_build_of_static_i18n_has_the_generated_pages(tmp_path: Path) -> None:
    """mkdocs-static-i18n keeps only docs_dir's pages in each language's build: the
    plugin puts its pages back, at that language's addresses, in its labels."""
    write_tree(tmp_path, {"mkdocs.yml": I18N_YML, "docs/index.md": "# Home\n",
                          "docs/index.de.md": "# Start\n", **MAPS})
    build = mkdocs_build(tmp_path, tmp_path / "site")  # --strict: no "Unhandled file case"
    assert build.returncode == 0, build.output
    assert "Unhandled file case" not in build.output
    for folder, felt in FELT.items():
        page = build.page(f"{folder}maps/moving")
        assert "Moving house" in page and felt in page
        assert REPORTS[folder] in build.page(f"{folder}personas/anna")
        for url in ("personas", "journeys", "channels", "opportunities"):
            assert (build.site / folder / url / "index.html").is_file(), (folder, url)
        # the curve file is per language too: no build overwrites another's
        assert felt in (build.site / f"{folder}maps/moving.svg").read_text(encoding="utf-8")
    assert "Erlebt" not in build.page("maps/moving")
    # links stay inside the language; the switcher leads to the same map in the other
    german = build.page("de/maps/moving")
    assert 'href="../../personas/anna/"' in german
    assert 'href="../../../maps/moving/" hreflang="en"' in german
    assert 'href="../../fr/maps/moving/" hreflang="fr"' in build.page("maps/moving")
    index = json.loads((build.site / "search/search_index.json").read_text(encoding="utf-8"))
    found = {entry["location"].split("#")[0] for entry in index["docs"]}
    # the French page says what the English one does: i18n keeps one of the two
    assert {"maps/moving/", "de/maps/moving/"} <= found
    sitemap = (build.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://journeys.example/de/maps/moving/</loc>" in sitemap
    assert 'hreflang="de" href="https://journeys.example/de/personas/anna/"' in sitemap


def test_static_i18n_with_the_language_folders_structure(tmp_path: Path) -> None:
    """``docs_structure: folder`` (docs/en/, docs/de/): the same generated pages."""
    config = I18N_YML.replace("docs_structure: suffix", "docs_structure: folder")
    write_tree(tmp_path, {"mkdocs.yml": config, "docs/en/index.md": "# Home\n",
                          "docs/de/index.md": "# Start\n", **MAPS})
    build = mkdocs_build(tmp_path, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "Felt" in build.page("maps/moving") and "Erlebt" in build.page("de/maps/moving")


def _git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Mapper", "-c", "user.email=m@example.com",
                    "-c", "commit.gpgsign=false", *args], cwd=root, check=True,
                   capture_output=True)


def test_git_committers_lists_the_map_files_committers_offline(tmp_path: Path) -> None:
    """git-committers asks git for the history of docs_path + the page's path, and the
    forge's API for its committers unless its cache is newer. A map page is given the
    map file's; the build, with the plugin's cache filled, reaches no network."""
    write_tree(tmp_path, {
        "mkdocs.yml": "site_name: S\ndocs_dir: docs\ntheme:\n  name: material\n"
                      "  font: false\nplugins:\n  - journeymaps\n  - git-committers:\n"
                      "      repository: acme/journeys\n      branch: main\n"
                      "      docs_path: docs/\n      token: not-used-offline\n",
        "docs/index.md": "# Home\n", **MAPS})
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "maps")

    def author(login: str) -> dict[str, str]:
        return {"login": login, "name": login, "url": f"https://github.com/{login}",
                "avatar": f"https://avatars.example/{login}.png"}

    cache = {"cache_date": "2999-01-01", "page_authors": {
        path: {"last_commit_date": "2026-01-01", "authors": [author(login)]}
        for path, login in (("docs/index.md", "docs-writer"), ("maps/moving.md", "map-owner"),
                            ("maps/personas/anna.md", "persona-owner"))}}
    write_tree(tmp_path, {".cache/plugin/git-committers/page-authors.json": json.dumps(cache)})
    done = offline(BUILD, "build", "--strict", "--site-dir", str(tmp_path / "site"),
                   cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "NETWORK ATTEMPT" not in done.stderr

    def page(url: str) -> str:
        return (tmp_path / "site" / url / "index.html").read_text(encoding="utf-8")

    assert 'title="@map-owner"' in page("maps/moving")
    assert 'title="@persona-owner"' in page("personas/anna")
    assert 'title="@docs-writer"' in page("")
    assert "@map-owner" not in page("personas/anna")
