"""New map and persona files, from templates whose comments explain each key.

The templates live in ``templates/``; every key the model declares appears in
them (a test makes sure), and a new file passes ``journeymaps check`` as it is.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
from importlib import resources
from pathlib import Path, PurePosixPath
from string import Template

import yaml

from ..model.channel import CHANNELS_FILE
from ..model.fields import ID
from ..model.journey import JOURNEYS_FOLDER
from ..model.journey_map import default_title
from ..model.lifecycle import LIFECYCLE_FILE
from ..model.persona import PERSONA_ID, PERSONAS_FOLDER
from ..pages.kb_article import KB_FOLDER, article_filename

#: the stages of a new map when the author names none
DEFAULT_STAGES = ("Awareness", "Consideration", "Purchase", "Use")
#: a folder or file name below maps/: what a map's URL is made of
SLUG_PART = r"[a-z0-9][a-z0-9_-]*"
_LATER_STAGE = "  - name: $name\n    # goal: ...  # the same keys as the first stage\n"


class ScaffoldError(ValueError):
    """A name or path a new file cannot have; the message says why."""


def _template(name: str) -> Template:
    return Template(resources.files(__package__).joinpath("templates", name)
                    .read_text(encoding="utf-8"))


def yaml_text(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly ``text``."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True,
                          width=1_000_000).strip()


def persona_text(persona_id: str, name: str | None = None) -> str:
    """A new persona file; its name defaults to the id in words."""
    if not re.fullmatch(PERSONA_ID, persona_id):
        raise ScaffoldError(f"'{persona_id}' cannot be a persona id: use lowercase letters, "
                            "digits and '-', e.g. anna or young-family")
    return _template("persona.md").substitute(
        id=persona_id, name=yaml_text(name or default_title(persona_id)))


def journey_text(journey_id: str, title: str | None = None) -> str:
    """A new journey file; its title defaults to the id in words."""
    if not re.fullmatch(ID, journey_id) or journey_id == "index":
        raise ScaffoldError(f"'{journey_id}' cannot be a journey id: use lowercase letters, "
                            "digits and '-' (not 'index'), e.g. telecom-moving")
    return _template("journey.md").substitute(
        id=journey_id, title=yaml_text(title or default_title(journey_id)))


def definitions_text(name: str) -> str:
    """The commented start of ``lifecycle.yml`` or ``channels.yml``."""
    return _template(name).template


def journey_path(maps_dir: Path, journey_id: str) -> Path:
    return maps_dir / JOURNEYS_FOLDER / f"{journey_id}.md"


def lifecycle_path(maps_dir: Path) -> Path:
    return maps_dir / LIFECYCLE_FILE


def channels_path(maps_dir: Path) -> Path:
    return maps_dir / CHANNELS_FILE


def map_text(title: str, personas: list[str], stages: list[str],
             reviewed: dt.date) -> str:
    """A new map file: its stages named, their keys explained on the first one."""
    if not stages:
        raise ScaffoldError("a map needs at least one stage")
    first, *later = stages
    blocks = [_template("stage.yml").substitute(name=yaml_text(first))]
    blocks += [Template(_LATER_STAGE).substitute(name=yaml_text(name)) for name in later]
    persona = personas[0] if len(personas) == 1 else f"[{', '.join(personas)}]"
    return _template("map.md").substitute(
        title=yaml_text(title), persona=persona, reviewed=reviewed.isoformat(),
        stages="".join(blocks).rstrip("\n"))


def stage_names(given: str | None) -> list[str]:
    """``"Inquiry, Purchase"`` as a list of names; the default stages when not given."""
    if given is None:
        return list(DEFAULT_STAGES)
    return [name.strip() for name in given.split(",") if name.strip()]


def persona_path(maps_dir: Path, persona_id: str) -> Path:
    return maps_dir / PERSONAS_FOLDER / f"{persona_id}.md"


def map_path(maps_dir: Path, root: Path, given: str) -> Path:
    """The file of a new map named ``telecom/moving`` (or ``maps/telecom/moving.md``)."""
    parts = PurePosixPath(given.replace("\\", "/").removesuffix(".md")).parts
    maps_parts = maps_dir.relative_to(root).parts if maps_dir.is_relative_to(root) else ()
    if maps_parts and parts[:len(maps_parts)] == maps_parts:
        parts = parts[len(maps_parts):]
    if not parts or not all(re.fullmatch(SLUG_PART, part) for part in parts):
        raise ScaffoldError(f"'{given}' cannot be a map path: use folders and a file name of "
                            "lowercase letters, digits, '-' and '_', e.g. telecom/moving")
    if parts[0] == PERSONAS_FOLDER:
        raise ScaffoldError(f"maps/{PERSONAS_FOLDER}/ holds personas; create one with "
                            "'journeymaps new persona ID'")
    if parts[0] == JOURNEYS_FOLDER:
        raise ScaffoldError(f"maps/{JOURNEYS_FOLDER}/ holds journey files; create one with "
                            "'journeymaps new journey ID'")
    if parts[0] == "metrics":
        raise ScaffoldError("maps/metrics/ holds measured values, not maps")
    return maps_dir.joinpath(*parts).with_suffix(".md")


def article_path(docs_dir: Path, given: str | None, question: str) -> Path:
    """The file of a new KB article: ``given`` (relative to the docs folder, e.g.
    ``kb/parking.md``), or ``kb/<the question's words>.md``."""
    if not question.strip():
        raise ScaffoldError("--answers needs the question, as a map asks it")
    if given is None:
        return docs_dir / KB_FOLDER / article_filename(question)
    parts = PurePosixPath(given.replace("\\", "/")).parts
    if (not parts or PurePosixPath(given).is_absolute() or ".." in parts
            or not given.endswith(".md")):
        raise ScaffoldError(f"'{given}' cannot be an article path: use a Markdown file inside "
                            f"the docs folder, e.g. {KB_FOLDER}/parking.md")
    return docs_dir.joinpath(*parts)


def write_new(path: Path, text: str) -> None:
    """Write a new file; raise FileExistsError rather than touch an existing one."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # not the file itself: a file where a folder should be
        raise NotADirectoryError(errno.ENOTDIR, "a file stands where a folder should be",
                                 str(path.parent)) from None
    with path.open("x", encoding="utf-8", newline="\n") as stream:
        stream.write(text)
