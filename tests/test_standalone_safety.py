"""The generated Markdown is safe on its own: the author's body is cleaned as Markdown
(``safety.standalone``) for engines that render it without the plugin's HTML cleaning."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from journeymaps.safety import standalone
from journeymaps.safety.sanitize import BODY_MARKER
from safety import render, unsafe_html
from test_fuzz import FRAGMENTS
from test_hostile import BODY, UNSAFE_LINKS

HOSTILE_HTML = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//x.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<img src=x\nonerror=alert(1)>",
    '<img alt="a>b" onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<<x>script>alert(1)<</x>/script>",
    "<scr<script>ipt>alert(1)</script>",
    "<div markdown=\"1\"><img src=x onerror=alert(1)></div>",
    "<details open ontoggle=alert(1)>",
    "<p style=\"background:url(javascript:alert(1))\">x</p>",
    "<!-- <img src=x onerror=alert(1)> -->",
    "<!--><img src=x onerror=alert(1)>-->",
    "```\n<img src=x onerror=alert(1)>\n```",
    "<div>\n```\n<img src=x onerror=alert(1)>\n```\n</div>",
    "`<img src=x onerror=alert(1)>`",
    "<div>`<img src=x onerror=alert(1)>`</div>",
    "<object data=javascript:alert(1)>",
    "<form><button formaction=javascript:alert(1)>x",
    "## Heading {: onclick=\"alert(5)\" }",
    "text\n{: onmouseover=alert(1) }",
    "<javascript:alert(1)>",
    "<style>*{background:url(javascript:alert(1))}</style>",
    "<math><mi xlink:href=javascript:alert(1)>x</mi></math>",
    "<img src=x onerror=alert(1)",
]


def _page(body: str) -> str:
    return f"---\ntitle: T\n---\n\n# T\n\n{BODY_MARKER}\n\n{body}\n"


def _published(body: str) -> str:
    return render(standalone.clean_page(_page(body)))


def test_each_hostile_body_publishes_nothing_that_runs() -> None:
    for body in [*HOSTILE_HTML, *UNSAFE_LINKS, BODY]:
        assert unsafe_html(_published(body)) == [], body


def test_the_oracle_sees_the_danger_without_the_cleaning() -> None:
    # an honest oracle: the same bodies, uncleaned, do publish a script or handler
    assert unsafe_html(render(_page(BODY)))
    assert unsafe_html(render(_page("<img src=x onerror=alert(1)>")))
    assert unsafe_html(render(_page("[x](javascript:alert(1))")))


def test_what_is_allowed_stays_markdown_and_html() -> None:
    body = ("Notes with <b>bold</b>, <kbd>Ctrl</kbd> and a <a href=\"https://example.com\" "
            "onclick=\"x\">link</a>.\n\n> a quote & a < b\n\n- [kb](../kb/x.md)\n"
            "- <https://example.com/a>\n- <cx@example.com>\n\n"
            "```mermaid\ngraph LR\n  A-->B\n```\n\n## Section {: #here .wide }\n")
    out = standalone.clean_body(body)
    assert '<a href="https://example.com">link</a>' in out
    assert "<b>bold</b>" in out and "<kbd>Ctrl</kbd>" in out
    assert "> a quote & a < b" in out
    assert "[kb](../kb/x.md)" in out and "<https://example.com/a>" in out
    assert "<cx@example.com>" in out
    assert "```mermaid\ngraph LR\n  A-->B\n```" in out
    assert "{: #here .wide }" in out


def test_unsafe_links_keep_their_words() -> None:
    out = _published("[a link](javascript:alert(3)) and [ok](https://example.com)")
    assert "a link" in out and '<a href="https://example.com">ok</a>' in out
    assert "<a href=\"javascript" not in out


def test_the_head_of_the_page_is_left_as_the_writer_wrote_it() -> None:
    page = _page("<script>alert(1)</script>")
    head = page.partition(BODY_MARKER)[0]
    assert standalone.clean_page(page).startswith(head + BODY_MARKER)
    assert standalone.clean_page("no marker <b>x</b>") == "no marker <b>x</b>"


def test_cleaning_twice_changes_nothing() -> None:
    for body in [*HOSTILE_HTML, BODY]:
        once = standalone.clean_body(body)
        assert standalone.clean_body(once) == once


@given(st.lists(st.sampled_from([*FRAGMENTS, *HOSTILE_HTML, *UNSAFE_LINKS, "<", ">", "\n\n",
                                 "<div>", "</div>", "<b ", "\"", "'"]), max_size=12))
def test_any_mix_of_hostile_fragments_publishes_nothing_that_runs(parts: list[str]) -> None:
    assert unsafe_html(_published("".join(parts))) == []
