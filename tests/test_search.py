"""Search over maps written in Polish, Russian and Chinese: the sample site's built
``search/search_index.json`` (the search box itself is typed into in
``browser/test_search_languages.py``)."""

from __future__ import annotations

import json
import re

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
