"""Search over maps written in Polish, Russian and Chinese: the sample site's built
``search/search_index.json``, and queries answered by Material's own search worker (lunr)
in a real Chromium when one is installed."""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import re
import shutil
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Build

BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
#: (query, a page among the first results) in the sample site's languages
QUERIES = [
    ("регистратуре", "maps/clinic/zapis-k-vrachu/"),  # a Russian word as written
    ("терапевт", "maps/clinic/zapis-k-vrachu/"),  # the start of "терапевта", "терапевту"
    ("światłowód", "maps/telecom/przeprowadzka/"),  # Polish letters at both ends
    ("przeprowadzki", "maps/telecom/przeprowadzka/"),
    ("洗髮餅", "maps/eco-shop/shouci-wanggou/"),  # a Chinese phrase inside a sentence
    ("塑膠", "maps/eco-shop/shouci-wanggou/"),
    ("超商取貨", "maps/eco-shop/shouci-wanggou/"),
    ("電子發票", "kb/chaoshang-quhuo/"),
    ("moving house", "maps/telecom/moving-house/"),
]


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


@contextlib.contextmanager
def serve(folder: Path, extra: dict[str, str]) -> Iterator[str]:
    """The built site on a loopback port (workers need http), with extra pages in memory."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def do_GET(self) -> None:  # the name http.server calls
            path = urllib.parse.urlparse(self.path).path.lstrip("/")
            if path not in extra:
                return super().do_GET()
            body = extra[path].encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return None

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        thread.join()


#: Runs the site's own search worker script in the page (a worker's scope is shimmed: its
#: message handler captured, its replies collected), feeds it the site's own index as
#: Material's page does, asks each query and writes the pages found into the DOM, all
#: before the load event, so that --dump-dom shows the answer.
SEARCH_PAGE = """<!doctype html><meta charset="utf-8"><body><script>
let handler, reply;
const addEventListener_ = window.addEventListener;
window.addEventListener = (type, fn) => type === "message" ? handler = fn
                                                            : addEventListener_(type, fn);
window.postMessage = message => reply(message);
</script><script src="WORKER"></script><script>
const ask = message => new Promise(resolve => { reply = resolve; handler({data: message}); });
const request = new XMLHttpRequest();
request.open("GET", "search/search_index.json", false);
request.send();
const found = {};
(async () => {
  await ask({type: 0, data: {...JSON.parse(request.responseText), options: {suggest: false}}});
  for (const query of QUERIES) {
    const result = await ask({type: 2, data: query});
    found[query] = result.data.items.map(group => group[0].location.split("#")[0]);
  }
  document.body.setAttribute("data-found", JSON.stringify(found));
})().catch(error => document.body.setAttribute("data-error", String(error)));
</script></body>"""


@pytest.mark.browser
@pytest.mark.skipif(BROWSER is None, reason="no chromium: install Debian's chromium to run")
def test_material_search_finds_words_of_every_language(sample_site: Build) -> None:
    worker = next((sample_site.site / "assets/javascripts/workers").glob("search.*.min.js"))
    page = (SEARCH_PAGE.replace("QUERIES", json.dumps([q for q, _ in QUERIES]))
            .replace("WORKER", f"assets/javascripts/workers/{worker.name}"))
    with serve(sample_site.site, {"search-test.html": page}) as url:
        done = subprocess.run(
            [str(BROWSER), "--headless", "--no-sandbox", "--disable-gpu",
             "--virtual-time-budget=10000", "--dump-dom", url + "search-test.html"],
            capture_output=True, text=True, timeout=180)
    match = re.search(r'data-found="([^"]*)"', done.stdout)
    assert match, done.stdout[-2000:] + done.stderr[-2000:]
    found = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    for query, page_url in QUERIES:
        assert page_url in found[query][:3], (query, found[query][:5])
