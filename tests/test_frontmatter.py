"""Reading files: encodings, front-matter delimiters, YAML errors, lines of values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymaps.load.frontmatter import MAX_FILE_BYTES, TOO_DEEP, parse_text, read_source
from journeymaps.model.source import Source


def parse(text: str) -> Source:
    source = Source("maps/x.md")
    parse_text(text, source)
    return source


def messages(source: Source) -> list[str]:
    return [str(p) for p in source.problems]


def test_values_keep_their_lines() -> None:
    source = parse("---\ntitle: A\nstages:\n  - name: One\n    goal: G\n---\nBody\n")
    assert source.data == {"title": "A", "stages": [{"name": "One", "goal": "G"}]}
    assert source.line_of(("title",)) == 2
    assert source.line_of(("stages", 0, "goal")) == 5
    assert source.line_of(("stages", 0, "missing")) == 4  # falls back to the parent
    assert source.body == "Body\n" and source.body_line == 7


def test_dates_and_impossible_dates() -> None:
    source = parse("---\na: 2024-02-03\nb: 2024-02-30\n---\n")
    assert source.data == {"a": dt.date(2024, 2, 3), "b": "2024-02-30"}


def test_empty_file() -> None:
    assert messages(parse("  \n\n")) == [
        "maps/x.md:1: front matter: the file is empty; start it with front matter "
        "between two '---' lines"]


def test_no_front_matter() -> None:
    assert "first line must be '---'" in messages(parse("# Title\n"))[0]


def test_unclosed_front_matter() -> None:
    assert messages(parse("---\ntitle: A\n")) == [
        "maps/x.md:1: front matter: the front matter is not closed: add a line '---' "
        "after the last field"]


def test_empty_front_matter() -> None:
    assert messages(parse("---\n---\nbody")) == [
        "maps/x.md:1: front matter: the front matter is empty"]


def test_front_matter_must_be_a_mapping() -> None:
    assert "must be a mapping" in messages(parse("---\n- a\n- b\n---\n"))[0]


def test_yaml_syntax_error_has_its_line() -> None:
    problems = messages(parse("---\ntitle: A\nstages: [\n  - x\nowner: b\n---\n"))
    assert len(problems) == 1 and problems[0].startswith("maps/x.md:")
    assert "YAML syntax error" in problems[0]


def test_colon_in_value_hint() -> None:
    problem = messages(parse("---\ntitle: A\ngoal: Find: a plan\n---\n"))[0]
    assert problem.startswith("maps/x.md:3: front matter: YAML syntax error")
    assert "put text containing ': ' in quotes" in problem
    in_a_list = messages(parse("---\nstages:\n  - name: Inquiry: first\n---\n"))[0]
    assert in_a_list.startswith("maps/x.md:3:") and "in quotes" in in_a_list
    # the same words from PyYAML, another cause: no hint about quotes
    indented = messages(parse("---\ntitle: A\n  owner: b\n---\n"))[0]
    assert indented.startswith("maps/x.md:3: front matter: YAML syntax error")
    assert "quotes" not in indented


def test_tab_indentation_hint() -> None:
    problem = messages(parse("---\ntitle: a\n\tstages: x\n---\n"))[0]
    assert problem.startswith("maps/x.md:3:") and "indent with spaces, not tabs" in problem


def test_duplicate_key_reported_at_second_occurrence() -> None:
    source = parse("---\ntitle: A\nstages:\n  - name: x\n    name: y\n---\n")
    assert messages(source) == [
        "maps/x.md:5: stages[0].name: duplicate key 'name' (first at line 4); only one "
        "can be kept: merge the two or remove one"]
    assert source.data == {"title": "A", "stages": [{"name": "x"}]}


def test_alias_bomb_refused() -> None:
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    source = parse("\n".join([*lines, "---", ""]))
    assert source.data is None
    assert "expands to more than" in messages(source)[0]


def test_deep_nesting_refused() -> None:
    source = parse("---\na: " + "[" * 60 + "]" * 60 + "\n---\n")
    assert "nested more than" in messages(source)[0]


def test_merge_keys_fill_missing_keys() -> None:
    source = parse("---\nbase: &b {channel: web, score: 3}\ntp: {<<: *b, score: 5}\n---\n")
    assert source.data["tp"] == {"channel": "web", "score": 5}


def test_non_scalar_key() -> None:
    assert "keys must be plain names" in messages(parse("---\n? [a, b]\n: c\n---\n"))[0]


def test_read_source_bom_crlf(tmp_path: Path) -> None:
    path = tmp_path / "m.md"
    path.write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n")
    source = read_source(path, "maps/m.md")
    assert source.problems == [] and source.data == {"title": "A"}
    assert source.body == "Body\n"


def test_read_source_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "m.md"
    path.write_bytes(b"---\ntitle: Caf\xe9\n---\n")
    assert messages(read_source(path, "maps/m.md")) == [
        "maps/m.md:2: front matter: not valid UTF-8 (byte 0xe9 at offset 14); save the "
        "file as UTF-8"]


def test_read_source_too_big(tmp_path: Path) -> None:
    path = tmp_path / "m.md"
    path.write_bytes(b"---\n" + b"a" * (MAX_FILE_BYTES + 1))
    assert "more than the limit" in messages(read_source(path, "maps/m.md"))[0]


def test_read_source_unreadable(tmp_path: Path) -> None:
    assert "cannot read the file" in messages(read_source(tmp_path / "nope.md", "maps/nope.md"))[0]


# ------------------------------------------------------------ broken and hostile YAML
# Each is refused at once with a problem at its line; bounds are counted, not timed.

class _Counting:
    """Counts the values the builder makes, to prove the work done is bounded."""

    def __init__(self, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        from journeymaps.load import frontmatter

        self.calls = 0
        build = frontmatter._Builder.build

        def counted(builder, node, path):  # type: ignore[no-untyped-def]
            self.calls += 1
            return build(builder, node, path)

        monkeypatch.setattr(frontmatter._Builder, "build", counted)


def test_billion_laughs_stops_at_the_value_limit(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from journeymaps.load.frontmatter import MAX_VALUES

    counting = _Counting(monkeypatch)
    lines = ["---", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    source = parse("\n".join([*lines, "---", ""]))  # 10**10 values if expanded
    assert source.data is None
    assert messages(source) == [f"maps/x.md:{source.problems[0].line}: front matter: the front "
                                f"matter expands to more than {MAX_VALUES:,} values (YAML "
                                "aliases?); refused"]
    assert 2 <= source.problems[0].line <= 11
    assert counting.calls == MAX_VALUES + 1


@pytest.mark.parametrize("text", ["---\na: &a [*a]\n---\n", "---\na: &a {b: *a}\n---\n",
                                  "---\na: &a {<<: *a}\n---\n"])
def test_recursive_alias_refused(text: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    counting = _Counting(monkeypatch)
    source = parse(text)
    assert source.data is None and counting.calls <= 3
    assert messages(source) == ["maps/x.md:2: front matter: a YAML alias refers to a value "
                                "that contains it (an endless loop); refused"]


NESTING_FORMS = ["flow-list", "flow-map", "block-list", "complex-key"]


def nested(form: str, depth: int) -> str:
    """Front matter nested ``depth`` levels deep, the deep part on its first or second line."""
    return {"flow-list": "a: " + "[" * depth + "]" * depth,
            "flow-map": "a: " + "{a: " * depth + "1" + "}" * depth,
            "block-list": "a:\n" + "- " * depth + "x",
            "complex-key": "? " * depth + "x"}[form]


@pytest.mark.parametrize("depth", [41, 600, 200_000])
@pytest.mark.parametrize("form", NESTING_FORMS)
def test_deep_nesting_refused_without_a_crash(form: str, depth: int) -> None:
    """200,000 levels crashed the C composer (a segfault, no problem reported); with
    PyYAML 6.0.4 they stop at libyaml's limit instead, in libyaml's words."""
    source = parse(f"---\n{nested(form, depth)}\n---\n")
    assert [p.path for p in source.problems] == ["front matter"]
    if form == "complex-key" and depth < 500:  # the key is refused before its depth counts
        assert source.problems[0].message == "keys must be plain names, not lists or mappings"
    else:
        assert source.data is None
        assert messages(source) == [f"maps/x.md:{3 if form == 'block-list' else 2}: "
                                    f"front matter: {TOO_DEEP}"]


@pytest.fixture
def libyaml_limit() -> Iterator[None]:
    """libyaml's own nesting limit (PyYAML 6.0.4 and newer, with libyaml 0.2.6; 1,000
    levels) lowered below the project's, so that it is the one that fires."""
    import yaml

    cyaml = getattr(yaml, "_yaml", None) if yaml.__with_libyaml__ else None
    get = getattr(cyaml, "_get_max_nest_level", None)
    if get is None or get() < 0:
        pytest.skip(f"PyYAML {yaml.__version__} here has no nesting limit of its own")
    before = get()
    cyaml._set_max_nest_level(10)  # type: ignore[union-attr]
    yield
    cyaml._set_max_nest_level(before)  # type: ignore[union-attr]


@pytest.mark.parametrize("depth", [41, 600, 200_000])
@pytest.mark.parametrize("form", NESTING_FORMS)
def test_libyaml_nesting_limit_gives_the_same_refusal(form: str, depth: int,
                                                      libyaml_limit: None) -> None:
    import yaml

    front = nested(form, depth)
    with pytest.raises(yaml.MarkedYAMLError):  # libyaml's limit fires before the project's
        list(yaml.parse(front, Loader=yaml.CSafeLoader))
    source = parse(f"---\n{front}\n---\n")
    assert source.data is None
    assert messages(source) == [f"maps/x.md:{3 if form == 'block-list' else 2}: "
                                f"front matter: {TOO_DEEP}"]


def test_too_deep_is_told_at_its_line_before_a_later_syntax_error() -> None:
    deep = "[" * 50 + "]" * 50
    source = parse(f"---\ntitle: A\nstages:\n  - name: {deep}\n    goal: [unclosed\n---\n")
    assert messages(source) == [f"maps/x.md:4: front matter: {TOO_DEEP}"]
    shallow = parse("---\ntitle: A\nstages:\n  - name: [[x]]\n    goal: [unclosed\n---\n")
    [problem] = shallow.problems  # libyaml points past the bracket's line, Python at its end
    assert problem.line in (5, 6) and problem.message.startswith("YAML syntax error: ")


@pytest.mark.parametrize("structure", [
    {"a": [[[[1]]]]}, {"a": {"b": {"c": [1, {"d": [2]}]}}}, [[[["x"]]]], {"k": "v" * 300}])
@pytest.mark.parametrize("flow", [True, False, None])
def test_nesting_bound_is_never_below_the_depth(structure: object, flow: bool | None) -> None:
    import yaml

    from journeymaps.load.frontmatter import _nesting_bound

    def depth(value: object) -> int:
        children = value.values() if isinstance(value, dict) else (
            value if isinstance(value, list) else [])
        return 1 + max(map(depth, children), default=0)

    text = yaml.safe_dump(structure, default_flow_style=flow)
    assert _nesting_bound(text) >= depth(structure)


def test_huge_file_refused_before_parsing(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from journeymaps.load import frontmatter

    monkeypatch.setattr(frontmatter, "parse_text", lambda *a: pytest.fail("parsed"))
    path = tmp_path / "m.md"
    path.write_bytes(b"---\ntitle: " + b"x" * MAX_FILE_BYTES + b"\n---\n")
    assert messages(read_source(path, "maps/m.md")) == [
        f"maps/m.md:1: front matter: the file has {MAX_FILE_BYTES + 16:,} bytes, more than the "
        f"limit of {MAX_FILE_BYTES:,}; split it into several maps"]


@pytest.mark.parametrize("front", ["a:\n\t- b", "a:\n  b: 1\n\tc: 2", "\ttitle: x"])
def test_tab_indentation_reported_with_a_hint(front: str) -> None:
    problems = parse(f"---\ntitle: t\n{front}\n---\n").problems
    assert len(problems) == 1 and problems[0].message.endswith("indent with spaces, not tabs")
    assert problems[0].line == 3 + front.split("\n").index(next(
        line for line in front.split("\n") if line.startswith("\t")))


def test_tabs_inside_values_are_kept() -> None:
    assert parse("---\na: b\tc\nd: \"e\\tf\"\n---\n").data == {"a": "b\tc", "d": "e\tf"}


@pytest.mark.parametrize("raw", [b"---\r\ntitle: A\r\n---\r\nBody\r\n",
                                 b"\xef\xbb\xbf---\ntitle: A\n---\nBody\n",
                                 b"---\rtitle: A\r---\rBody\r",
                                 b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody\r\n"])
def test_bom_and_line_ends_are_handled(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "m.md"
    path.write_bytes(raw)
    source = read_source(path, "maps/m.md")
    assert (source.problems, source.data, source.body, source.body_line) == (
        [], {"title": "A"}, "Body\n", 4)
    assert parse(raw.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")).data == {
        "title": "A"}


@pytest.mark.parametrize("text", ["---\ntitle: A\nstages: []\n", "---\n", "---\ntitle: A\n--\n"])
def test_front_matter_without_closing_line(text: str) -> None:
    assert messages(parse(text)) == [
        "maps/x.md:1: front matter: the front matter is not closed: add a line '---' "
        "after the last field"]


def test_duplicate_keys_at_every_depth() -> None:
    source = parse("---\ntitle: A\ntitle: B\nstages:\n  - name: S\n    touchpoints:\n"
                   "      - {name: T, score: 1, score: 2}\n    metrics:\n      nps: 1\n"
                   "      nps: 2\n---\n")
    assert [(p.line, p.path) for p in source.problems] == [
        (3, "title"), (7, "stages[0].touchpoints[0].score"), (10, "stages[0].metrics.nps")]
    assert all("duplicate key" in p.message for p in source.problems)


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\ufffe"])
def test_control_characters_reported_at_their_line(char: str) -> None:
    assert messages(parse(f"---\ntitle: A\nowner: B{char}C\n---\n")) == [
        f"maps/x.md:3: front matter: the character U+{ord(char):04X} is not allowed in YAML "
        "(a control character?); remove it or write it as an escape in double quotes"]


def test_lines_counted_as_an_editor_counts_them() -> None:
    """YAML counts U+2028 and NEL as line breaks; an editor does not."""
    source = parse('---\na: "x\u2028y\x85z"\nb: [1\n---\n')
    assert [p.line for p in source.problems] == [3]
    source = parse('---\na: "x\u2028y"\nb: 1\n---\n')
    assert source.line_of(("b",)) == 3


def test_unsupported_tags_are_problems() -> None:
    source = parse("---\na: !!python/object/apply:os.system [ls]\nb: !custom x\nc: !!str 5\n"
                   "d: !!binary aGk=\n---\n")
    assert [(p.line, p.path) for p in source.problems] == [(2, "a"), (3, "b"), (5, "d")]
    assert source.data is not None and source.data["c"] == "5"


@pytest.mark.parametrize("front", ["[", "{", "a: [", "a: \"x", "? [\n"])
def test_syntax_error_at_the_end_of_the_front_matter(front: str) -> None:
    """Found by the fuzzer: an error past the last line raised IndexError."""
    problems = parse(f"---\n{front}\n---\n").problems
    assert len(problems) == 1 and problems[0].line >= 2
