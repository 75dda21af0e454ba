"""Reading files: encodings, front-matter delimiters, YAML errors, lines of values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from journeymaps.frontmatter import MAX_FILE_BYTES, Source, parse_text, read_source


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
