"""Sites in a language: real ``mkdocs build --strict`` runs and ``journeymaps generate``
with ``theme.language`` and the plugin's ``labels:`` overrides."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Build, mkdocs_build, write_tree
from test_cli import run
from test_company_views_site import text
from test_labels import POLISH_PERSONAS
from test_pages import FILES

MakeProject = Callable[[dict[str, str]], Path]


def site_yml(language: str, plugin_options: str = "") -> str:
    return (f"site_name: Test site\ndocs_dir: site_src\ntheme:\n  name: material\n"
            f"  language: {language}\nplugins:\n  - search\n  - journeymaps:{plugin_options}\n")


POLISH_SITE = {
    **FILES, **POLISH_PERSONAS,
    "mkdocs.yml": site_yml("pl", "\n      labels:\n        lane.pain_points: Bolączki\n"
                                 "        health:\n          title: Zdrowie map\n"),
}


@pytest.fixture(scope="module")
def polish(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("polish")
    write_tree(root, {**POLISH_SITE, "site_src/index.md": "# Start\n"})
    build = mkdocs_build(root, root / "site")
    assert build.returncode == 0, build.output
    return build


def test_map_page_in_polish(polish: Build) -> None:
    page = text(polish.page("maps/telecom/moving"))
    for words in ("Diagram ścieżki klienta", "Etapy", "Punkty styku", "Odczucie",
                  "Ścieżka: telecom-moving · porównaj persony obok siebie",
                  "Stan: stan obecny", "Właściciel: CX Team", "Ta sama ścieżka, inne perspektywy"):
        assert words in page, words
    for english in ("Journey diagram", "Touchpoints", "Pain points", "Last review"):
        assert english not in page, english


def test_an_override_in_mkdocs_yml_wins(polish: Build) -> None:
    assert "Bolączki" in text(polish.page("maps/telecom/moving"))
    assert "Punkty bólu" not in text(polish.page("maps/telecom/moving"))
    health = polish.page("health")
    assert "<title>Zdrowie map - Test site</title>" in health
    assert "Najsłabsze ogniwa" in text(health)  # the labels not overridden stay Polish


def test_persona_page_and_reports_in_polish(polish: Build) -> None:
    persona = text(polish.page("personas/anna"))
    for words in ("Rola Teacher", "Cele", "Frustracje", "Preferowane kanały",
                  "Mapy podróży klienta"):
        assert words in persona, words
    gaps = text(polish.page("faq-gaps"))
    assert gaps.startswith("Luki w FAQ 1 pytanie klientów w 1 mapie podróży nie ma jeszcze "
                           "odpowiedzi.")
    assert "Stale maps" not in text(polish.page("health"))
    backlog = text(polish.page("opportunities"))
    assert "1 szansa (wysoki: 1)" in backlog and "Backlog szans" in backlog


def test_navigation_in_polish(polish: Build) -> None:
    home = polish.page("")
    nav = home[home.index('<nav class="md-nav md-nav--primary"'):]
    for title in ("Mapy podróży klienta", "Persony", "Ścieżki klienta", "Raporty",
                  "Macierz omnichannel", "Zdrowie map"):
        assert title in nav, title
    assert "Reports" not in nav and "Journey maps" not in nav


def test_gallery_sorts_by_the_polish_alphabet(polish: Build) -> None:
    gallery = text(polish.page("personas"))
    assert gallery.index("Lucyna") < gallery.index("Łukasz") < gallery.index("Marek")


def test_unknown_language_builds_in_english_with_one_warning(project_dir: MakeProject,
                                                              tmp_path: Path) -> None:
    root = project_dir({**FILES, "mkdocs.yml": site_yml("fr")})
    build = mkdocs_build(root, tmp_path / "site")
    assert build.returncode == 0, build.output  # --strict: a warning never fails the build
    lines = [line for line in build.output.splitlines() if "has no labels" in line]
    assert len(lines) == 1, build.output
    assert lines[0].startswith("INFO") and "warning: theme.language 'fr'" in lines[0]
    assert "Journey diagram" in text(build.page("maps/telecom/moving"))


def test_an_unusable_override_fails_a_strict_build(project_dir: MakeProject,
                                                   tmp_path: Path) -> None:
    root = project_dir({**FILES, "mkdocs.yml": site_yml(
        "de", "\n      labels:\n        lane.touchpoint: Kontaktpunkte\n")})
    build = mkdocs_build(root, tmp_path / "strict")
    assert build.returncode != 0
    assert ("mkdocs.yml: plugins.journeymaps.labels.lane.touchpoint: no such label; did you "
            "mean 'lane.touchpoints'?") in build.output
    lenient = mkdocs_build(root, tmp_path / "lenient", strict=False)
    assert lenient.returncode == 0
    assert "Touchpoints" in text(lenient.page("maps/telecom/moving"))  # German, not overridden


def test_generate_writes_pages_in_the_sites_language(project_dir: MakeProject,
                                                     tmp_path: Path) -> None:
    root = project_dir({**FILES, "mkdocs.yml": site_yml(
        "ru", "\n      labels:\n        map.stages: Шаги\n")})
    result = run(root, "generate", str(tmp_path / "ru"))
    assert result.exit_code == 0, result.output
    page = (tmp_path / "ru/maps/telecom/moving.md").read_text(encoding="utf-8")
    assert "## Диаграмма пути клиента" in page and "## Шаги" in page
    assert '<th scope="row">Точки контакта</th>' in page
    chinese = run(root, "generate", str(tmp_path / "zh"), "--language", "zh-TW")
    assert chinese.exit_code == 0, chinese.output
    page = (tmp_path / "zh/maps/telecom/moving.md").read_text(encoding="utf-8")
    assert '<th scope="row">接觸點</th>' in page and "## 旅程圖" in page


def test_generate_says_what_is_wrong_with_the_language(project_dir: MakeProject,
                                                       tmp_path: Path) -> None:
    root = project_dir({**FILES, "mkdocs.yml": site_yml(
        "en", "\n      labels:\n        lane.goals: Aims\n")})
    unknown = run(root, "generate", str(tmp_path / "xx"), "--language", "xx")
    assert unknown.exit_code == 0
    assert "warning: theme.language 'xx': journeymaps has no labels" in unknown.stderr
    assert ("mkdocs.yml: plugins.journeymaps.labels.lane.goals: no such label; did you mean "
            "'lane.goal'?") in unknown.stderr
    strict = run(root, "generate", str(tmp_path / "strict"), "--strict")
    assert strict.exit_code == 1
    assert "1 label cannot be used; nothing was written (--strict)" in strict.stderr
    assert not (tmp_path / "strict").exists()
