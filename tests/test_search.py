"""Search over maps written in Polish, Russian and Chinese: the sample site's built
``search/search_index.json`` (the search box itself is typed into in
``browser/test_search_languages.py``)."""

from __future__ import annotations

import json
import re

import pytest

from conftest import Build


def search_index(build: Build) -> dict:
    return json.loads((build.site / "search/search_index.json").read_text(encoding="utf-8"))


def tokens(index: dict, location: str) -> set[str]:
    """The words of a page as Material's search splits them (lowercased, markup dropped)."""
    separator = re.compile(index["config"]["separator"])
    text = " ".join(doc["title"] + " " + doc["text"] for doc in index["docs"]
                    if doc["location"].split("#")[0] == location)
    return {token.casefold() for token in separator.split(re.sub(r"<[^>]+>", " ", text))
            if token}


def test_search_index_splits_every_languages_words(sample_site: Build) -> None:
    index = search_index(sample_site)
    config = index["config"]
    # one lunr language: several make lunr-languages' combined trimmer strip the letters
    # it does not know (Polish ś at a word's start, every Chinese character)
    assert len(config["lang"]) == 1 and "trimmer" not in config["pipeline"]
    assert {"регистратуре", "терапевта", "записаться"} <= tokens(index,
                                                                   "maps/clinic/zapis-k-vrachu/")
    assert {"światłowód", "przeprowadzki", "zapytanie"} <= tokens(index,
                                                                "maps/telecom/przeprowadzka/")
    # Chinese arrives cut into words (Material's search with jieba), so a word in the
    # middle of a sentence is a token of its own
    chinese = tokens(index, "maps/eco-shop/shouci-wanggou/")
    assert {"洗", "塑膠", "超商", "取貨", "環保", "結帳"} <= chinese
    assert "\u200b" in json.dumps(index, ensure_ascii=False)


# ---------------------------------------------------------------- a result leads to the stage

def test_stage_anchors_are_the_names_words_unique_on_the_page() -> None:
    from journeymaps.pages.site_layout import stage_anchors

    assert stage_anchors(["Inquiry", "Porównanie ofert", "", "Inquiry", "?!", "Inquiry"]) == [
        "stage-inquiry", "stage-porównanie-ofert", "stage-3", "stage-inquiry-2", "stage-5",
        "stage-inquiry-3"]
    # a stage's anchor depends on its own name, not on where it stands
    assert stage_anchors(["Follow-up"]) == stage_anchors(["Booking", "Follow-up"])[1:]
    assert stage_anchors(['"><script>x'])[0] == "stage-script-x"


def test_each_stage_has_a_search_section_at_its_column_with_its_words_alone(
        sample_site: Build) -> None:
    index = search_index(sample_site)
    page = "maps/clinic/new-patient-boomer/"
    docs = [doc for doc in index["docs"] if doc["location"].split("#")[0] == page]
    stages = [doc for doc in docs if "#stage-" in doc["location"]]
    assert [doc["location"] for doc in stages] == [
        f"{page}#stage-awareness", f"{page}#stage-booking", f"{page}#stage-visit",
        f"{page}#stage-follow-up"]
    # the page's own entries first (the search script looks for a section's page before it)
    assert docs[0]["location"] == page and docs[-len(stages):] == stages
    holding = [doc["location"] for doc in stages if "Long hold times" in doc["text"]]
    assert holding == [f"{page}#stage-booking"]
    assert all(doc["boost"] == 2 * docs[0]["boost"] for doc in stages)
    html = sample_site.page(page)
    for doc in stages:  # each leads to a column heading of the grid
        assert f'<th id="{doc["location"].partition("#")[2]}" scope="col">' in html


def test_sections_are_written_once_after_their_page() -> None:
    import tempfile
    from pathlib import Path

    from journeymaps.mkdocs.search_index import PATH, add_sections
    from journeymaps.pages.stage_search import StageEntry

    docs = [{"location": "a/", "title": "A", "text": "", "boost": 1000},
            {"location": "a/#stages", "title": "Stages", "text": "x", "boost": 1000},
            {"location": "b/", "title": "B", "text": ""}]
    sections = {"a/": [StageEntry("a/#stage-one", "1. One", "Long hold times")],
                "c/": [StageEntry("c/#stage-one", "1. One", "not a page of the index")]}
    with tempfile.TemporaryDirectory() as site:
        path = Path(site) / PATH
        path.parent.mkdir()
        path.write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")
        assert add_sections(site, sections) and add_sections(site, sections)
        written = json.loads(path.read_text(encoding="utf-8"))["docs"]
    assert [d["location"] for d in written] == ["a/", "a/#stages", "a/#stage-one", "b/"]
    assert written[2] == {"location": "a/#stage-one", "title": "1. One",
                          "text": "Long hold times", "boost": 2000}
    with tempfile.TemporaryDirectory() as site:  # no search plugin, no index: none made
        assert not add_sections(site, sections) and not (Path(site) / PATH).exists()


def test_a_stages_search_section_holds_its_words_as_escaped_text() -> None:
    from types import SimpleNamespace

    from journeymaps.model.journey_map import JourneyMap
    from journeymaps.model.opportunity import Opportunity
    from journeymaps.model.stage import Stage
    from journeymaps.model.touchpoint import Touchpoint
    from journeymaps.pages.stage_search import stage_entries

    hostile = "<img src=x onerror=alert(1)>"
    stages = [Stage(name="Inquiry", pain_points=["Long hold times"],
                    touchpoints=[Touchpoint(name="Hotline call", score=2, note="25 min")]),
              Stage(name=hostile, opportunities=[Opportunity(text="Call back & <b>")])]
    journey_map = JourneyMap(title="Moving", persona=["anna"], stages=stages, slug="t/moving")
    found = stage_entries(SimpleNamespace(maps=[journey_map], memo={}))  # type: ignore[arg-type]
    first, second = found["maps/t/moving/"]
    assert (first.location, first.title) == ("maps/t/moving/#stage-inquiry", "1. Inquiry")
    assert first.text == "Hotline call · 25 min · Long hold times"
    assert second.location == "maps/t/moving/#stage-img-src-x-onerror-alert-1"
    assert "<" not in second.title + second.text and second.text == "Call back &amp; &lt;b&gt;"


def test_a_previews_stage_entries_are_kept_while_the_map_is_the_same() -> None:
    """In a live preview (fragments on the project), an unchanged map's stage
    entries are the last build's; an edited map's are made again."""
    import dataclasses
    from types import SimpleNamespace

    from journeymaps.analysis.fragments import Fragments, keep_on
    from journeymaps.model.journey_map import JourneyMap
    from journeymaps.model.stage import Stage
    from journeymaps.pages.stage_search import stage_entries

    kept = JourneyMap(title="Kept", stages=[Stage(name="Inquiry", pain_points=["Slow"])],
                      slug="t/kept")
    edited = JourneyMap(title="Edited", stages=[Stage(name="Visit", goal="Old")],
                        slug="t/edited")
    fragments = Fragments()
    project = SimpleNamespace(maps=[kept, edited], memo={})
    keep_on(project, fragments)  # type: ignore[arg-type]
    first = stage_entries(project)  # type: ignore[arg-type]
    fragments.finish()
    project.maps = [kept, dataclasses.replace(edited, stages=[Stage(name="Visit", goal="New")])]
    second = stage_entries(project)  # type: ignore[arg-type]
    assert second["maps/t/kept/"] is first["maps/t/kept/"]
    assert second["maps/t/edited/"][0].text == "New"


@pytest.mark.parametrize("sort_keys", [False, True])  # Material's style, MkDocs' own
def test_a_previews_index_is_written_as_a_full_build_adds_its_sections(
        sort_keys: bool) -> None:
    """The index kept whole in a preview (``SearchIndex.write``) is byte for byte what
    ``add_sections`` makes of the search plugin's index, after learning it and after
    merging a rebuild's: kept entries are joined as text, never encoded again."""
    import tempfile
    from pathlib import Path

    from journeymaps.mkdocs.search_index import PATH, SearchIndex, add_sections
    from journeymaps.pages.stage_search import StageEntry

    def index(docs: list[dict]) -> str:
        return json.dumps({"config": {"lang": ["en"], "separator": "[\\s]+"}, "docs": docs},
                          separators=(",", ":"), sort_keys=sort_keys)

    def entry(location: str, text: str, **more: object) -> dict:
        return {"location": location, "title": location.upper(), "text": text, **more}

    urls = ["", "a/", "b/", "c/"]
    docs = [entry("", "home"), entry("a/", "ä <b>", boost=3), entry("a/#stage-one", "old"),
            entry("b/#stage-x", "only ours"), entry("c/", "c")]
    sections = {"a/": [StageEntry("a/#stage-one", "1. One", "Long \"hold\" times")],
                "b/": [StageEntry("b/#stage-x", "1. X", "x")],
                "c/": [StageEntry("c/#stage-two", "2. Two", "zwei")]}
    with tempfile.TemporaryDirectory() as site:
        path = Path(site) / PATH
        path.parent.mkdir()
        path.write_text(index(docs), encoding="utf-8")
        kept = SearchIndex()
        kept.learn(site, urls)
        assert kept.write(site, sections)
        written = path.read_text(encoding="utf-8")
        path.write_text(index(docs), encoding="utf-8")
        assert add_sections(site, sections)
        assert written == path.read_text(encoding="utf-8")
        assert not kept.write(site, sections)  # once per build learnt or merged

        # a rebuild rendered c/ alone: the search plugin indexed it alone
        docs[-1] = entry("c/", "c, edited", boost=2)
        path.write_text(index(docs[-1:]), encoding="utf-8")
        assert kept.merge(site, urls, {"c/"}) and kept.write(site, sections)
        written = path.read_text(encoding="utf-8")
        path.write_text(index(docs), encoding="utf-8")
        add_sections(site, sections)
        assert written == path.read_text(encoding="utf-8")

        # then an edit of a/'s stage alone: its sections are new, every page's entries
        # are kept, and what the last write joined is joined again where it holds
        sections["a/"] = [StageEntry("a/#stage-one", "1. One", "short waits")]
        path.write_text(index([]), encoding="utf-8")
        assert kept.merge(site, urls, set()) and kept.write(site, sections)
        again = path.read_text(encoding="utf-8")
        path.write_text(index(docs), encoding="utf-8")
        add_sections(site, sections)
        assert again == path.read_text(encoding="utf-8") and "short waits" in again
    assert json.loads(written)["docs"][-1] == {"location": "c/#stage-two", "title": "2. Two",
                                               "text": "zwei", "boost": 4.0}
