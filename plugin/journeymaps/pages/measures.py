"""Metrics, evidence and the state of the work, as the map page and the reports show them.

Separate functions that a page calls where it lays out its parts: a stage's metrics
cell, the map header's block, a stage's evidence and its work done or under way. A
value met or missed says so by colour (``jm-met``/``jm-missed``) and by a symbol and
word, never by colour alone.
"""

from __future__ import annotations

import html

from ..analysis.metrics import MapMeasures, Measured
from ..language.labels import ENGLISH, Labels
from ..model.evidence import Evidence
from ..model.journey_map import JourneyMap
from ..model.metric import Metric
from ..model.opportunity import Opportunity
from ..model.stage import Stage
from ..safety.text import cell, dotted, html_text, inline, link_text, plain, url
from .emotion_curve import HIGHEST, LOWEST, sparkline
from .markdown import prerendered
from .report import join_items

#: Statuses of the work the map page shows beside the pain points, in this order.
UNDER_WAY = ("done", "in-progress")


def number(value: float | int | str, labels: Labels = ENGLISH) -> str:
    """A value as people write it in the site's language: no '.0', at most two
    decimals (3,25 in Polish); a hand-typed text as it is."""
    return value if isinstance(value, str) else labels.number(value)


def with_unit(value: float | int | str, unit: str | None, labels: Labels = ENGLISH) -> str:
    """``25 points``, ``12%``: "%" sits without a space, as the contract says."""
    text = number(value, labels)
    if not unit or isinstance(value, str):
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def target_text(metric: Metric | None, labels: Labels = ENGLISH) -> str:
    """A metric's target with its unit, as HTML text; '' without one."""
    if metric is None or metric.target is None:
        return ""
    return html_text(with_unit(metric.target, metric.unit, labels))


def verdict(measured: Measured, labels: Labels = ENGLISH, *, with_target: bool = True) -> str:
    """Met or missed, in colour and in words (and the target, unless a column shows
    it); '' without a target."""
    if measured.target_met is None or measured.metric is None:
        return ""
    met, metric = measured.target_met, measured.metric
    target = html_text(labels("measure.target", target=with_unit(
        metric.target if metric.target is not None else 0, metric.unit, labels)))
    word = labels["measure.met" if met else "measure.missed"]
    return (f'<span class="jm-{"met" if met else "missed"}" title="{target}">'
            f'{html.escape(word)}</span>' + (f" ({target})" if with_target else ""))


def trend(measured: Measured, labels: Labels = ENGLISH) -> str:
    """A sparkline of the series, oldest first, where it has several dates."""
    values = measured.trend
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    # the sparkline draws on the touchpoint scale: fit the series into it
    scaled = [LOWEST + (v - low) / span * (HIGHEST - LOWEST) if high > low else 3.0
              for v in values]
    unit = measured.metric.unit if measured.metric else None
    label = labels("measure.trend", metric=plain(measured.name),
                   values=", ".join(with_unit(v, unit, labels) for v in values))
    return sparkline(list(scaled), label, every_dot=False)


def provenance(measured: Measured) -> str:
    """Where and when the current value was measured (a CSV value only)."""
    date = measured.date.isoformat() if measured.date else ""
    source = html_text(measured.source)
    return f"<em>{dotted(source, date)}</em>" if source or date else ""


def measured_item(measured: Measured, labels: Labels = ENGLISH) -> str:
    """One metric, as HTML: name, value and unit, verdict, trend, source and date."""
    return dotted(f"{html_text(measured.name)}: {value_text(measured, labels)}",
                  verdict(measured, labels), trend(measured, labels), provenance(measured))


def value_text(measured: Measured, labels: Labels = ENGLISH) -> str:
    """The current value with its unit, in bold, as HTML."""
    unit = measured.metric.unit if measured.metric else None
    return f"<strong>{html_text(with_unit(measured.value, unit, labels))}</strong>"


def stage_text(stage: str, labels: Labels = ENGLISH) -> str:
    """The stage a value was measured at, as HTML; "whole map" for a map's own."""
    return html_text(stage) or f"<em>{html.escape(labels['measure.whole_map'])}</em>"


def stage_metrics_cell(measured: list[Measured], labels: Labels = ENGLISH) -> list[str]:
    """A stage's metrics cell (the map page's metrics lane): one pre-rendered item of
    all its metrics, a thousand cells at 1,000 maps (``markdown.prerendered``)."""
    if not measured:
        return []
    return [prerendered(join_items([measured_item(m, labels) for m in measured]))]


def evidence_item(evidence: Evidence, labels: Labels = ENGLISH, *,
                  in_table: bool = False) -> str:
    text = cell(evidence.source) if in_table else inline(evidence.source)
    if evidence.url:
        text = f"[{link_text(evidence.source, in_table=in_table)}]({url(evidence.url)})"
    return dotted(text, evidence.date.isoformat() if evidence.date else "",
                  labels("measure.n", n=evidence.n) if evidence.n else "")


def stage_evidence_cell(stage: Stage, labels: Labels = ENGLISH) -> list[str]:
    return [evidence_item(e, labels, in_table=True) for e in stage.evidence]


def status_word(opportunity: Opportunity, labels: Labels = ENGLISH) -> str:
    return labels["status." + opportunity.status_or_default.replace("-", "_")]


def ticket_link(opportunity: Opportunity, labels: Labels = ENGLISH) -> str:
    if not opportunity.ticket:
        return ""
    return f"[{labels['measure.ticket']}]({url(opportunity.ticket)})"


def ticket_anchor(opportunity: Opportunity, labels: Labels = ENGLISH) -> str:
    """``ticket_link`` as HTML, for HTML the writer makes itself."""
    if not opportunity.ticket:
        return ""
    where = html.escape(url(opportunity.ticket))
    return f'<a href="{where}">{html_text(labels["measure.ticket"])}</a>'


def stage_progress_cell(stage: Stage, labels: Labels = ENGLISH) -> list[str]:
    """What is done and under way at a stage: the opportunities that answer its pain
    points, done first."""
    items = []
    for status in UNDER_WAY:
        for o in stage.opportunities:
            if o.status_or_default == status:
                mark = "✓" if status == "done" else "◐"
                items.append(dotted(f"{mark} _{status_word(o, labels)}_: {cell(o.text)}",
                                    ticket_link(o, labels)))
    return items


def map_header_block(journey_map: JourneyMap, measures: MapMeasures,
                     labels: Labels = ENGLISH) -> str:
    """The header's lines about what the map rests on and its metrics as a whole."""
    lines = []
    if journey_map.confidence:
        lines.append(f"- **{labels['map.confidence']}:** "
                     f"{labels['confidence.' + journey_map.confidence]}")
    if journey_map.evidence:
        lines.append(f"- **{labels['map.evidence']}:** "
                     + "; ".join(evidence_item(e, labels) for e in journey_map.evidence))
    if measures.whole:
        lines.append(f"- **{labels['map.metrics']}:** " + prerendered(
            "; ".join(measured_item(m, labels) for m in measures.whole)))
    return "\n".join(lines)
