"""The JSON Schemas: generated from the model, agreeing with the validator, published."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker

from conftest import REPO, mkdocs_build
from journeymaps.exports.schema import json_schema
from journeymaps.load.frontmatter import _Loader as YAML_LOADER
from journeymaps.load.project import load_map, load_persona
from journeymaps.model.fields import Choice, Metrics, OneOrMany, Record, Spec, Text, _property
from journeymaps.model.opportunity import Opportunity
from journeymaps.pages import site_layout
from test_pages import FILES

MAP = Draft202012Validator(json_schema(site_layout.MAP_SCHEMA), format_checker=FormatChecker())
PERSONA = Draft202012Validator(json_schema(site_layout.PERSONA_SCHEMA),
                               format_checker=FormatChecker())
JOURNEY = Draft202012Validator(json_schema(site_layout.JOURNEY_SCHEMA),
                               format_checker=FormatChecker())
DEFINITIONS = {name: Draft202012Validator(json_schema(path), format_checker=FormatChecker())
               for name, path in (("lifecycle.yml", site_layout.LIFECYCLE_SCHEMA),
                                  ("channels.yml", site_layout.CHANNELS_SCHEMA))}
#: the repository's sample maps and personas (those of the site itself)
SAMPLES = sorted(p for p in (REPO / "maps").rglob("*.md")
                 if p.relative_to(REPO / "maps").parts[0] != "metrics")  # no maps there


def front_matter(text: str) -> Any:
    """The front matter as a generic YAML reader (an editor, a tool) sees it, as JSON."""
    # libyaml's loader, as the project's: PyYAML's pure-Python one refuses '?,' in flow
    return _json_values(yaml.load(text.split("---\n")[1], Loader=YAML_LOADER))


def _json_values(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _json_values(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_values(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def schema_errors(validator: Draft202012Validator, text: str) -> list[str]:
    return [error.json_path for error in validator.iter_errors(front_matter(text))]


def test_schemas_are_valid_json_schemas() -> None:
    for validator in (MAP, PERSONA):
        Draft202012Validator.check_schema(validator.schema)
    assert MAP.schema["required"] == ["title", "persona", "stages"]
    assert PERSONA.schema["properties"]["name"]["description"].startswith("display name")


def test_fixture_and_sample_files_are_valid() -> None:
    files = {name: text for name, text in FILES.items() if name.startswith("maps/")}
    files.update({p.relative_to(REPO).as_posix(): p.read_text(encoding="utf-8")
                  for p in SAMPLES})
    for name, text in files.items():
        validator = (PERSONA if name.startswith("maps/personas/") else
                     JOURNEY if name.startswith("maps/journeys/") else MAP)
        assert schema_errors(validator, text) == [], name


def test_sample_definitions_are_valid_and_the_schemas_refuse_what_check_refuses() -> None:
    for name, validator in DEFINITIONS.items():
        Draft202012Validator.check_schema(validator.schema)
        data = yaml.load((REPO / "maps" / name).read_text(encoding="utf-8"), Loader=YAML_LOADER)
        assert [e.json_path for e in validator.iter_errors(data)] == [], name
    lifecycle, channels = DEFINITIONS["lifecycle.yml"], DEFINITIONS["channels.yml"]
    assert not lifecycle.is_valid({"phases": [{"id": "Buy", "name": "Buy"}]})
    assert not lifecycle.is_valid({"phases": [{"id": "buy", "name": "Buy", "alias": []}]})
    assert lifecycle.is_valid({"phases": [{"id": "buy", "name": "Buy", "names": {"pl": "Zakup"}}]})
    assert not channels.is_valid({"channels": [{"id": "web", "name": "Web", "kind": "online"}]})
    assert channels.is_valid({"channels": [{"id": "web", "name": "Web", "kind": "digital"}]})
    assert not JOURNEY.is_valid({"title": "T", "parent": "Not An Id"})


MAP_CASES = [  # (front matter, valid?) for the schema and the validator alike
    ("title: T\npersona: anna\nstages: [{name: S}]\n", True),
    ("title: T\npersona: [anna, ben]\nowner:\nstate:\ntags:\nreviewed: '2025-01-31'\n"
     "stages:\n  - name: S\n    opportunities: [Do it, {text: X, priority: low}]\n"
     "    questions: [Why?, {text: How?, answer: kb/a.md}, {text: W, answer: 'HTTPS://x.y'}]\n"
     "    metrics: {nps: 21, rate: '12%', share: 0.5}\n"
     "    touchpoints: [{name: Call, score: 1, expected: 5, channel: phone}]\n", True),
    ("persona: anna\nstages: [{name: S}]\n", False),
    ("title: '  '\npersona: anna\nstages: [{name: S}]\n", False),
    ("title: T\npersona: anna\nstages: []\n", False),
    ("title: T\npersona: Anna\nstages: [{name: S}]\n", False),
    ("title: T\npersona: anna\nstate: futur\nstages: [{name: S}]\n", False),
    ("title: T\npersona: anna\nreviewed: '2025-02-30'\nstages: [{name: S}]\n", False),
    ("title: T\npersona: anna\ntags: urgent\nstages: [{name: S}]\n", False),
    ("title: T\npersona: anna\nstage: [{name: S}]\n", False),
    ("title: 1984\npersona: anna\nstages: [{name: S}]\n", False),
    ("title: T\npersona: anna\nstages: [{name: S, pain_point: [x]}]\n", False),
    ("title: T\npersona: anna\nstages: [{name: S, touchpoints: [{name: X, score: 7}]}]\n",
     False),
    ("title: T\npersona: anna\nstages: [{name: S, touchpoints: [{name: X}]}]\n", False),
    ("title: T\npersona: anna\nstages: [{name: S, touchpoints: [{name: X, score: true}]}]\n",
     False),
    ("title: T\npersona: anna\nstages: [{name: S, opportunities: [{text: X, priority: asap}]}]"
     "\n", False),
    ("title: T\npersona: anna\nstages: [{name: S, questions: [{text: X, answer: "
     "'javascript:alert(1)'}]}]\n", False),
    ("title: T\npersona: anna\nstages: [{name: S, metrics: {nps: true}}]\n", False),
    ("title: T\npersona: anna\nstages: [{name: S, metrics: [nps]}]\n", False),
]
PERSONA_CASES = [
    ("name: Anna\nage: 34\nphoto: img/anna.png\ngoals: [a]\nrole:\n", True),
    ("name: Anna\nphoto: https://example.com/a.png\n", True),
    ("role: Teacher\n", False),
    ("name: Anna\nage: -1\n", False),
    ("name: Anna\nage: '34'\n", False),
    ("name: Anna\nphoto: 'file:///etc/passwd'\n", False),
    ("name: Anna\ngoal: [a]\n", False),
]


@pytest.mark.parametrize(("front", "valid"), MAP_CASES)
def test_map_schema_agrees_with_the_validator(tmp_path: Path, front: str, valid: bool) -> None:
    path = tmp_path / "maps" / "m.md"
    path.parent.mkdir()
    path.write_text(f"---\n{front}---\n", encoding="utf-8")
    problems = load_map(path, tmp_path, tmp_path / "maps").problems
    assert (problems == []) is valid, problems
    assert (schema_errors(MAP, path.read_text(encoding="utf-8")) == []) is valid


@pytest.mark.parametrize(("front", "valid"), PERSONA_CASES)
def test_persona_schema_agrees_with_the_validator(tmp_path: Path, front: str,
                                                  valid: bool) -> None:
    path = tmp_path / "anna.md"
    path.write_text(f"---\n{front}---\n", encoding="utf-8")
    problems = load_persona(path, tmp_path).problems
    assert (problems == []) is valid, problems
    assert (schema_errors(PERSONA, path.read_text(encoding="utf-8")) == []) is valid


def test_schemas_are_published_in_the_site(project_dir: Callable[[dict[str, str]], Path],
                                           tmp_path: Path) -> None:
    build = mkdocs_build(project_dir(FILES), tmp_path / "out")
    assert build.returncode == 0, build.output
    for path in (site_layout.MAP_SCHEMA, site_layout.PERSONA_SCHEMA):
        published = json.loads((build.site / path).read_text(encoding="utf-8"))
        assert published == json_schema(path, "site_src")  # the project's docs folder
        assert "`site_src/`" in json.dumps(published) or path == site_layout.PERSONA_SCHEMA
        assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_an_optional_key_may_be_null_whatever_its_type() -> None:
    for field_type in (OneOrMany(Text()), Record(Opportunity, "opportunity", shorthand="text"),
                       Metrics(), Choice(("a", "b"))):
        validator = Draft202012Validator(_property(Spec(field_type, False, "")))
        assert validator.is_valid(None)
        assert not validator.is_valid(True)
