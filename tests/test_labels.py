"""The labels catalogue: complete translations, plural forms, overrides, fallbacks, sorting,
and the generated pages written in the site's language."""

from __future__ import annotations

import string

import pytest

from journeymaps.analysis.options import SiteOptions
from journeymaps.language.labels import (
    BASE,
    ENGLISH,
    Labels,
    languages,
    load_labels,
    placeholders,
    plural_categories,
    read_catalogue,
    resolve_language,
)
from journeymaps.pages.map_page import render_map_page
from journeymaps.pages.persona_gallery import render_persona_gallery
from journeymaps.pages.persona_page import render_persona_page
from journeymaps.website.assembly import generate, transform_docs_page
from test_pages import FILES

SHIPPED = ("en", "pl", "ru", "zh", "zh-Hant", "de")
ENGLISH_TEXTS = read_catalogue(BASE)["labels"]


def test_the_company_languages_are_shipped() -> None:
    assert set(SHIPPED) <= set(languages())


@pytest.mark.parametrize("language", languages())
def test_every_language_has_every_label(language: str) -> None:
    """No missing translation, no stray key, the plural forms its rule needs, and
    no placeholder English does not fill in."""
    catalogue = read_catalogue(language)
    texts = catalogue["labels"]
    assert set(texts) == set(ENGLISH_TEXTS), set(texts) ^ set(ENGLISH_TEXTS)
    assert "plural" not in catalogue  # the CLDR's rules, from Babel: nothing to name
    categories = set(plural_categories(language))
    for key, text in texts.items():
        english = ENGLISH_TEXTS[key]
        assert isinstance(text, str) == isinstance(english, str), key
        if not isinstance(text, str):
            assert set(text) == categories, key
        assert placeholders(text) <= placeholders(english), key
        for form in [text] if isinstance(text, str) else text.values():
            assert form.strip(), key
            form.format(**{name: "x" for name in placeholders(english)})  # no stray brace


@pytest.mark.parametrize("language", languages())
def test_every_language_keeps_the_numbers(language: str) -> None:
    """A translation drops a placeholder only where English does (a form for one)."""
    texts = read_catalogue(language)["labels"]
    for key, text in texts.items():
        forms = {"": text} if isinstance(text, str) else text
        for category, form in forms.items():
            if category != "one":
                assert placeholders(form) == placeholders(ENGLISH_TEXTS[key]), (key, category)


def test_the_alphabet_of_a_language_has_each_letter_once() -> None:
    for language in languages():
        alphabet = read_catalogue(language).get("alphabet") or ""
        assert len(set(alphabet)) == len(alphabet) == len(alphabet.casefold()), language


def test_practitioners_words() -> None:
    assert load_labels("pl").labels["lane.touchpoints"] == "Punkty styku"
    assert load_labels("ru").labels["lane.touchpoints"] == "Точки контакта"
    assert load_labels("zh-Hant").labels["lane.touchpoints"] == "接觸點"
    assert load_labels("zh").labels["lane.touchpoints"] == "接触点"
    assert load_labels("de").labels["lane.touchpoints"] == "Touchpoints"
    assert load_labels("pl").labels["catalogue.title"] == "Mapy podróży klienta"
    assert load_labels("ru").labels["catalogue.title"] == "Карты пути клиента"
    assert load_labels("zh").labels["catalogue.title"] == "客户旅程地图"
    assert load_labels("zh-Hant").labels["catalogue.title"] == "客戶旅程地圖"
    assert load_labels("de").labels["catalogue.title"] == "Customer Journey Maps"


@pytest.mark.parametrize(("asked", "resolved"), [
    ("pl", "pl"), ("PL", "pl"), ("zh", "zh"), ("zh-Hant", "zh-Hant"), ("zh-TW", "zh-Hant"),
    ("zh_tw", "zh-Hant"), ("zh-hant", "zh-Hant"), ("zh-CN", "zh"), ("de-AT", "de"),
    (None, "en"), ("", "en"), ("fr", None), ("pt-BR", None),
])
def test_language_codes_as_material_writes_them(asked: str | None, resolved: str | None) -> None:
    assert resolve_language(asked) == resolved


@pytest.mark.parametrize(("language", "counts"), [
    ("en", {0: "0 maps", 1: "1 map", 2: "2 maps", 21: "21 maps"}),
    ("de", {1: "1 Map", 5: "5 Maps"}),
    ("pl", {0: "0 map", 1: "1 mapa", 2: "2 mapy", 4: "4 mapy", 5: "5 map", 12: "12 map",
            14: "14 map", 21: "21 map", 22: "22 mapy", 104: "104 mapy", 112: "112 map"}),
    ("ru", {0: "0 карт", 1: "1 карта", 2: "2 карты", 5: "5 карт", 11: "11 карт", 21: "21 карта",
            22: "22 карты", 111: "111 карт", 101: "101 карта", 14: "14 карт"}),
    ("zh", {1: "1 张地图", 7: "7 张地图"}),
    ("zh-Hant", {1: "1 張地圖", 7: "7 張地圖"}),
])
def test_counted_labels_take_the_languages_plural_forms(language: str,
                                                         counts: dict[int, str]) -> None:
    labels = load_labels(language).labels
    for n, expected in counts.items():
        assert labels.count("count.map", n) == expected


@pytest.mark.parametrize(("language", "categories"), [
    ("en", ("one", "other")), ("pl", ("one", "few", "many")), ("ru", ("one", "few", "many")),
    ("zh-Hant", ("other",)), ("cs", ("one", "few", "other")), ("fr", ("one", "many", "other")),
    ("ar", ("zero", "one", "two", "few", "many", "other")), ("xx", ("one", "other")),
])
def test_plural_forms_of_any_language_come_from_the_cldr(language: str,
                                                         categories: tuple[str, ...]) -> None:
    """Languages nobody here wrote a rule for (Czech, Arabic) get theirs all the same."""
    assert plural_categories(language) == categories


def test_a_key_missing_from_a_language_stays_english(monkeypatch: pytest.MonkeyPatch) -> None:
    partial = {**read_catalogue("pl"), "labels": {"lane.goal": "Cel"}}
    monkeypatch.setattr("journeymaps.language.labels.read_catalogue",
                        lambda language: partial if language == "pl" else
                        read_catalogue.__wrapped__(language))
    labels = load_labels("pl").labels
    assert labels["lane.goal"] == "Cel"
    assert labels["lane.actions"] == "Actions"
    assert labels.count("count.map", 5) == "5 maps"  # English forms under the Polish rule


def test_unknown_language_falls_back_to_english_with_one_warning() -> None:
    loaded = load_labels("fr")
    assert loaded.labels.language == "en"
    assert loaded.labels.texts == ENGLISH.texts
    assert len(loaded.warnings) == 1 and not loaded.errors
    assert "'fr'" in loaded.warnings[0] and "pl" in loaded.warnings[0]
    assert not load_labels("pl").warnings and not load_labels(None).warnings


def test_overrides_win_over_the_language() -> None:
    loaded = load_labels("pl", {
        "lane.touchpoints": "Kanały kontaktu",
        "catalogue": {"title": "Nasze mapy"},  # nested like the locale files
        "count.map": {"one": "{n} mapka", "few": "{n} mapki", "many": "{n} mapek"},
        "count.stage": "etapów: {n}",  # one text for every form
    })
    labels = loaded.labels
    assert not loaded.errors and not loaded.warnings
    assert labels["lane.touchpoints"] == "Kanały kontaktu"
    assert labels["catalogue.title"] == "Nasze mapy"
    assert [labels.count("count.map", n) for n in (1, 3, 5)] == ["1 mapka", "3 mapki", "5 mapek"]
    assert labels.count("count.stage", 3) == "etapów: 3"
    assert labels["lane.goal"] == "Cel"


@pytest.mark.parametrize(("override", "message"), [
    ({"lane.touchpoint": "x"}, "labels.lane.touchpoint: no such label; did you mean "
                               "'lane.touchpoints'?"),
    ({"lane.goal": 3}, "labels.lane.goal: must be text"),
    ({"lane.goal": {"one": "x"}}, "labels.lane.goal: must be text"),
    ({"count.map": ["x"]}, "labels.count.map: must be text, or a mapping of plural forms"),
    ({"count.map": {"one": "{n} map"}}, "labels.count.map: the plural forms other are missing"),
    ({"count.map": {"one": "x", "other": 2}}, "labels.count.map: each plural form must be text"),
    ({"count.map": "{count} maps"}, "labels.count.map: unknown placeholder {count}; this label "
                                    "may use {n}"),
    ({"lane.goal": "{}"}, "labels.lane.goal: unknown placeholder {}; this label may use none"),
    ({"lane.goal": "{n.__class__}"}, "unknown placeholder {n.__class__}"),
    ({"lane.goal": "Cel {"}, "labels.lane.goal: Single '{' encountered in format string "
                             "(write {{ and }} for a brace)"),
])
def test_an_override_that_cannot_be_used_is_an_error(override: dict, message: str) -> None:
    loaded = load_labels("en", override)
    assert len(loaded.errors) == 1 and message in loaded.errors[0], loaded.errors
    assert loaded.errors[0].endswith("that label is left as it was")
    assert loaded.labels.texts == ENGLISH.texts


def test_a_counted_label_is_not_looked_up_as_text() -> None:
    with pytest.raises(TypeError):
        ENGLISH["count.map"]
    assert ENGLISH.count("lane.goal", 3) == "Goal"  # a plain label ignores the number


# ---------------------------------------------------------------- sorting

def sort(language: str, names: list[str]) -> list[str]:
    return sorted(names, key=load_labels(language).labels.sort_key)


def test_polish_sorts_l_stroke_after_l_and_before_m() -> None:
    names = ["Marek", "Łukasz", "Lucyna", "Zenon", "Żaneta", "Źrebak", "Ćma", "Cezary", "Dawid",
             "Ludwik", "łania", "Ewa", "Ęfa", "Óla", "Ola", "Piotr"]
    assert sort("pl", names) == ["Cezary", "Ćma", "Dawid", "Ewa", "Ęfa", "Lucyna", "Ludwik",
                                 "łania", "Łukasz", "Marek", "Ola", "Óla", "Piotr", "Zenon",
                                 "Źrebak", "Żaneta"]
    # by code point Ł (U+0141) would follow every Latin letter
    assert sorted(["Marek", "Łukasz", "Lucyna"], key=str.casefold) != sort(
        "pl", ["Marek", "Łukasz", "Lucyna"])


def test_russian_sorts_yo_after_ye() -> None:
    assert sort("ru", ["Юрий", "Ёлка", "Жанна", "Ель", "Анна", "Яна"]) == [
        "Анна", "Ель", "Ёлка", "Жанна", "Юрий", "Яна"]


def test_german_sorts_umlauts_as_their_base_letter() -> None:
    assert sort("de", ["Zebra", "Äpfel", "Bär", "Apfel", "Öl", "Ofen", "Straße", "Strasse"]) == [
        "Apfel", "Äpfel", "Bär", "Ofen", "Öl", "Strasse", "Straße", "Zebra"]


def test_digits_come_first_and_other_scripts_after_the_alphabet() -> None:
    assert sort("pl", ["Zoe", "Ольга", "2 Anna", "Anna", "安娜"]) == [
        "2 Anna", "Anna", "Zoe", "Ольга", "安娜"]
    assert sort("ru", ["Anna", "Ольга", "Анна"]) == ["Анна", "Ольга", "Anna"]


def test_chinese_sorts_by_code_point_and_any_language_ignores_case() -> None:
    assert sort("zh", ["王芳", "李娜", "Anna", "anna"]) == ["Anna", "anna", "李娜", "王芳"]
    assert sort("en", ["bob", "Anna", "Bob", "anna"]) == ["Anna", "anna", "Bob", "bob"]
    assert Labels().sort_key("x") == ((), "x", "x")  # no alphabet: by code point


# ---------------------------------------------------------------- pages in a language

POLISH_PERSONAS = {
    "maps/personas/lucyna.md": "---\nname: Lucyna\n---\n",
    "maps/personas/lukasz.md": "---\nname: Łukasz\nchannels: [web]\ngoals: [Szybko]\n---\n",
    "maps/personas/marek.md": "---\nname: Marek\n---\n",
}


def test_pages_in_polish(load) -> None:
    project = load({**FILES, **POLISH_PERSONAS})
    labels = load_labels("pl").labels
    moving = next(m for m in project.maps if m.slug == "telecom/moving")
    page = render_map_page(moving, project, labels)
    for heading in ("## Diagram ścieżki klienta", "## Etapy", '<th scope="row">Punkty styku</th>',
                    '<th scope="row">Punkty bólu</th>', "**Stan:** stan obecny", "(oczekiwano 5)"):
        assert heading in page, heading
    assert "Touchpoints" not in page and "## Stages" not in page
    legend = ("*Jak klient czuje się w każdym punkcie styku: 😫 1 bardzo negatywnie · "
              "🙁 2 negatywnie · 😐 3 neutralnie · 🙂 4 pozytywnie · 😀 5 bardzo pozytywnie*")
    assert page.index("## Etapy") < page.index(legend) < page.index("```mermaid")
    persona = render_persona_page(project.personas["lukasz"], project, labels)
    assert "**Preferowane kanały**" in persona and "**Cele**" in persona
    assert "Żadna mapa podróży nie pokazuje jeszcze ścieżki tej persony." in persona
    gallery = render_persona_gallery(project, labels)
    order = [gallery.index(name) for name in ("Lucyna", "Łukasz", "Marek")]
    assert order == sorted(order)


def test_the_catalogue_sorts_titles_in_the_languages_alphabet(load) -> None:
    front = "---\ntitle: {}\npersona: lukasz\nstages: [{{name: A}}]\n---\n"
    maps = {f"maps/pl/{slug}.md": front.format(title)
            for slug, title in (("a", "Mapa"), ("b", "Łódź"), ("c", "Lato"), ("d", "Zima"))}
    project = load({**FILES, **POLISH_PERSONAS, **maps})
    polish = SiteOptions(labels=load_labels("pl").labels)
    catalogue = next(f.content for f in generate(project, polish) if f.path == "maps/index.md")
    order = [catalogue.index(f"[{title}]") for title in ("Lato", "Łódź", "Mapa", "Zima")]
    assert order == sorted(order)
    english = next(f.content for f in generate(project) if f.path == "maps/index.md")
    assert english.index("[Zima]") < english.index("[Łódź]")  # Ł is no English letter


def test_problems_box_title_follows_the_language_messages_stay_english(load) -> None:
    project = load({**FILES, "maps/broken.md": "---\ntitle: Zepsuta\npersona: anna\n"
                                               "stages:\n  - name: A\n    touchpoints:\n"
                                               "      - {name: X, score: 9}\n---\n"})
    broken = next(m for m in project.maps if m.slug == "broken")
    page = render_map_page(broken, project, load_labels("pl").labels)
    assert '!!! danger "1 problem w tej mapie"' in page
    assert "must be an integer from 1 to 5, got 9" in page
    ru = render_map_page(broken, project, load_labels("ru").labels)
    assert '!!! danger "1 проблема в этой карте"' in ru


@pytest.mark.parametrize("language", SHIPPED)
def test_every_generated_page_is_written_in_the_language(language: str, load) -> None:
    """No English heading is left in any page (the words the languages share aside)."""
    project = load({**FILES, **POLISH_PERSONAS})
    options = SiteOptions(labels=load_labels(language).labels)
    pages = {f.path: f.content for f in generate(project, options) if f.path.endswith(".md")}
    english_only = {text for key, text in ENGLISH_TEXTS.items() if isinstance(text, str)
                    and text != options.labels[key] and len(text) > 8
                    and not set(string.punctuation) & set(text)}
    for path, content in pages.items():
        for heading in (line for line in content.splitlines() if line.startswith("#")):
            assert heading.lstrip("# ") not in english_only or language == "en", (path, heading)


def test_the_guide_lists_every_label(load) -> None:
    project = load(FILES)
    page = "# Languages\n\n<!-- journeymaps:labels -->\n\n```\n<!-- journeymaps:labels -->\n```\n"
    english = transform_docs_page("guide/languages.md", page, project)
    assert all(f"| `{key}` |" in english for key in ENGLISH_TEXTS)
    assert "| key | English |\n" in english and "this site" not in english
    assert "| `count.map` | _one:_ `{n} map`<br>_other:_ `{n} maps` |" in english
    assert "See the [knowledge base]({kb}).` |" in english  # shown as written, not a link
    assert english.count("| `lane.goal` |") == 1  # the marker in a code block is left alone
    polish = transform_docs_page("guide/languages.md", page, project,
                                 SiteOptions(labels=load_labels("pl").labels))
    assert "| `lane.touchpoints` | `Touchpoints` | `Punkty styku` |" in polish
    assert transform_docs_page("x.md", "# X\n", project) == "# X\n"
