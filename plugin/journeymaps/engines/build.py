"""Builds of the standalone project with an engine's own command, run as a subprocess.

``mkdocs`` builds the site itself (the plugin runs, as ``mkdocs build`` would);
``zensical`` and ``properdocs`` build the standalone project (``project``), which needs
no plugin. The engine is looked for next to this Python first (its own venv), then on
PATH. Its log is read line by line: warnings and errors become lines of the
contract's style, ``FILE: ENGINE: message``, and ``--strict`` is the engine's own.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

MKDOCS, ZENSICAL, PROPERDOCS = "mkdocs", "zensical", "properdocs"
ENGINES = (MKDOCS, ZENSICAL, PROPERDOCS)
#: the versions this release is tested with (the guide's engines page says why these)
PINNED = {ZENSICAL: "0.0.73", PROPERDOCS: "1.6.7", MKDOCS: "1.6.1"}
#: a log line that is a problem: MkDocs' and ProperDocs' "WARNING -  ...", Zensical's
#: "Warning: ..." / "Error: ..." (any case, with or without a level word's padding)
_PROBLEM = re.compile(r"^\s*(?:\x1b\[[\d;]*m)*(?P<level>warning|error|critical)\b\s*[-:]?\s*"
                      r"(?:\x1b\[[\d;]*m)*(?P<message>.*)$", re.IGNORECASE)
_COLOUR = re.compile(r"\x1b\[[\d;]*m")
#: Zensical's search index, in its site folder
ZENSICAL_INDEX = "search.json"
#: runs of CJK ideographs (with the compatibility block), which jieba cuts into words
_CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_TAGS = re.compile(r"(<[^>]*>)")


class EngineMissing(Exception):
    """The engine's command is not installed."""

    def __init__(self, engine: str) -> None:
        super().__init__(f"{engine} is not installed (no '{engine}' command next to "
                         f"{sys.executable} nor on PATH): install it with pip install "
                         f"{engine}=={PINNED[engine]}")


@dataclass
class Outcome:
    """What the engine did: its exit status and its problems, in the contract's style."""

    returncode: int
    problems: list[str] = field(default_factory=list)
    log: str = ""


def command(engine: str) -> str:
    """The engine's command: beside the running Python first, then on PATH."""
    beside = Path(sys.executable).parent / engine
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which(engine)
    if found is None:
        raise EngineMissing(engine)
    return found


def run(engine: str, config: Path, site_dir: Path, *, strict: bool) -> Outcome:
    """Build the project of ``config`` with ``engine`` into ``site_dir``."""
    executable = command(engine)
    args = [executable, "build", "-f", str(config)]
    if strict:
        args.append("--strict")
    if engine != ZENSICAL:  # Zensical builds into the project's own site_dir
        args += ["--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
           "NO_COLOR": "1"}
    done = subprocess.run(args, cwd=config.parent, env=env, capture_output=True, text=True,
                          check=False)
    log = _COLOUR.sub("", done.stdout + done.stderr)
    if engine == ZENSICAL and done.returncode == 0:
        built = config.parent / "site"
        segment_chinese(built / ZENSICAL_INDEX)
        if built.resolve() != site_dir.resolve():
            shutil.rmtree(site_dir, ignore_errors=True)
            shutil.copytree(built, site_dir)
    return Outcome(done.returncode, list(problems(log, engine, config.name)), log)


def segment_chinese(index: Path) -> None:
    """Chinese words of Zensical's search index separated by zero-width spaces, as
    Material's search plugin separates them with jieba: Zensical does not (its
    ``jieba_dict`` options are ignored), so a Chinese word inside a sentence was never
    found. The site's ``separator`` includes U+200B (see the languages guide)."""
    if not index.is_file():
        return
    data = json.loads(index.read_text(encoding="utf-8"))
    items = data.get("items") or []
    if not any(_CHINESE.search(f"{i.get('title', '')}{i.get('text', '')}") for i in items):
        return
    import jieba  # only for sites with Chinese text: it loads a dictionary

    logging.getLogger("jieba").setLevel(logging.WARNING)  # its loading, on every build

    def words(run: re.Match[str]) -> str:
        return "\u200b".join(jieba.cut(run.group()))

    for item in items:
        for key in ("title", "text"):
            if isinstance(item.get(key), str):
                item[key] = "".join(
                    part if part.startswith("<") else _CHINESE.sub(words, part)
                    for part in _TAGS.split(item[key]))
    index.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def problems(log: str, engine: str, config_name: str) -> Iterator[str]:
    """The engine's warnings and errors as ``FILE: ENGINE: [warning: ]message``."""
    for line in log.splitlines():
        found = _PROBLEM.match(line)
        if not found or not found.group("message").strip():
            continue
        level = found.group("level").lower()
        prefix = "warning: " if level == "warning" else ""
        yield f"{config_name}: {engine}: {prefix}{found.group('message').strip()}"
