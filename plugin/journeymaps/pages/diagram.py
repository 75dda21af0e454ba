"""The Mermaid journey diagram of a map: a section per stage, a task per touchpoint.

The source is built with mermaid-py's user-journey classes. Its rendering API
(``mermaid.Mermaid``) posts diagrams to an outside web service, so it is never
used: the site's own Mermaid draws the source in the reader's browser.
"""

from __future__ import annotations

import contextlib
import io
import json
import re

with contextlib.redirect_stdout(io.StringIO()):  # mermaid-py prints a notebook notice
    from mermaid.userjourney import Actor, Section, Task, UserJourney

from ..language.labels import ENGLISH, Labels
from ..model.journey_map import JourneyMap

# Characters that carry meaning in Mermaid's journey grammar, each swapped for
# a look-alike, so the diagram always parses and still reads as written.
_LOOKALIKES = str.maketrans({
    ":": "\uA789",  # modifier letter colon: ':' separates a task's name, score and actors
    ";": "\u037E",  # Greek question mark: ';' ends a statement
    "#": "\uFF03",  # fullwidth number sign: '#' starts an entity code
    "%": "\uFF05",  # fullwidth percent: '%%' starts a comment or an init directive
    ",": "\u201A",  # single low-9 quotation mark: ',' separates actors
    "{": "\uFF5B",
    "}": "\uFF5D",
    "<": "\u2039",  # Mermaid renders labels as HTML
    ">": "\u203A",
    "&": "\uFF06",
    '"': "\u201D",
    "`": "\u02CB",
})


def neutralise(text: str | None, fallback: str = "-") -> str:
    """One line of diagram text that cannot change the diagram's structure."""
    line = " ".join((text or "").split()).translate(_LOOKALIKES)
    line = re.sub(r"^(section|title|journey|accTitle|accDescr)\b", "\\1\u200b", line,
                  flags=re.IGNORECASE)
    return line or fallback


def journey_source(journey_map: JourneyMap, persona_names: list[str],
                   labels: Labels = ENGLISH) -> str:
    """Mermaid source of the map's journey diagram (without the code fence)."""
    actors = ([Actor(neutralise(name)) for name in persona_names]
              or [Actor(neutralise(labels["diagram.customer"]))])
    sections = [
        Section(neutralise(stage.name, neutralise(labels("diagram.stage", n=i + 1))), [
            Task(neutralise(tp.name), tp.score, actors)
            for tp in stage.touchpoints if tp.score is not None
        ])
        for i, stage in enumerate(journey_map.stages)
    ]
    title = neutralise(journey_map.title)
    diagram = UserJourney(title, sections)  # type: ignore[arg-type]
    # mermaid-py puts the title into a YAML front matter as a plain scalar; a
    # title that YAML reads otherwise (a leading quote, '*', '[') would break
    # it, so that line is written as a JSON string, which YAML reads verbatim.
    front = f"---\ntitle: {title}\n---"
    body = diagram.script.removeprefix(front)
    return f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---{body}"
