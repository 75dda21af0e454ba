"""Emotion curves as inline SVG: how customers feel, stage by stage.

Drawn in Python so pages need no charting library and no network; the
colours come from CSS classes (``jm-curve-N``) that the site's stylesheet
sets for Material's light and dark palettes. Every text is HTML-escaped.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from ..safety.text import html_text

STEP = 120  # the width of a stage's slot; its point and label sit in the middle
PLOT_HEIGHT = 140
LEFT, RIGHT, TOP, BOTTOM = 28, 8, 14, 40
LABEL_CHARS = 17  # a stage label longer than this is shortened; its tooltip has it all
CURVE_STYLES = 6  # distinct colour and dash patterns in the stylesheet
LOWEST, HIGHEST = 1, 5


@dataclass(frozen=True)
class Curve:
    """One line of a chart: a label and a feeling per stage (None: nothing scored)."""

    label: str
    points: list[float | None]


def _y(score: float) -> float:
    return TOP + (HIGHEST - score) / (HIGHEST - LOWEST) * PLOT_HEIGHT


def _short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS - 1] + "…"


def _runs(xs: list[float], points: list[float | None]) -> list[list[tuple[float, float]]]:
    """Consecutive scored stages; a stage without scores breaks the line."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, point in zip(xs, points, strict=True):
        if point is None:
            runs.append([])
        else:
            runs[-1].append((x, _y(point)))
    return [run for run in runs if run]


def _polyline(run: list[tuple[float, float]]) -> str:
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
    return f'<polyline points="{coords}"/>'


def emotion_chart(stages: list[str], curves: list[Curve], caption: str) -> str:
    """A figure with one curve per entry of ``curves`` over the same stages."""
    width = LEFT + RIGHT + STEP * max(len(stages), 1)
    height = TOP + PLOT_HEIGHT + BOTTOM
    xs = [LEFT + STEP * (i + 0.5) for i in range(len(stages))]
    parts = [f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{html.escape(caption)}">',
             f"<title>{html.escape(caption)}</title>"]
    for score in range(LOWEST, HIGHEST + 1):
        y = _y(score)
        parts.append(f'<line class="jm-grid" x1="{LEFT}" x2="{width - RIGHT}" '
                     f'y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="jm-axis" x="{LEFT - 8}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{score}</text>')
    for x, name in zip(xs, stages, strict=True):
        parts.append(f'<text class="jm-axis" x="{x:.1f}" y="{TOP + PLOT_HEIGHT + 24}" '
                     f'text-anchor="middle"><title>{html.escape(name)}</title>'
                     f"{html.escape(_short(name))}</text>")
    for k, curve in enumerate(curves):
        label = html.escape(curve.label)
        parts.append(f'<g class="jm-curve jm-curve-{k % CURVE_STYLES}">')
        parts += [_polyline(run) for run in _runs(xs, curve.points)]
        for x, name, point in zip(xs, stages, curve.points, strict=True):
            if point is not None:
                parts.append(f'<circle cx="{x:.1f}" cy="{_y(point):.1f}" r="4"><title>'
                             f"{label} · {html.escape(name)}: {point:.1f}</title></circle>")
        parts.append("</g>")
    parts.append("</svg>")
    legend = "".join(
        f'<span class="jm-legend jm-curve-{k % CURVE_STYLES}"><span class="jm-swatch">'
        f"</span>{html.escape(curve.label)}</span>"
        for k, curve in enumerate(curves))
    return ('<figure class="jm-chart">\n' + "\n".join(parts)
            + f"\n<figcaption>{legend}</figcaption>\n</figure>")


def sparkline(points: list[float | None], label: str, *, every_dot: bool = True) -> str:
    """A small one-line curve for a table cell; empty when nothing is scored. A dot
    marks each point, or (not ``every_dot``: a metric's trend, thousands on a page)
    only the last: the current value."""
    scored = [(i, p) for i, p in enumerate(points) if p is not None]
    if not scored:
        return ""
    step = 60 / max(len(points) - 1, 1)
    xy = [(2 + i * step, 2 + (HIGHEST - p) / (HIGHEST - LOWEST) * 14) for i, p in scored]
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="1.5"/>'
                   for x, y in (xy if every_dot else xy[-1:]))
    # it sits in a table cell that Markdown reads inline, attributes too (a link's
    # syntax in a metric's name would become a link there): inert text, not escaped only
    label = html_text(label)
    return (f'<svg class="jm-sparkline" viewBox="0 0 64 18" width="64" height="18" role="img" '
            f'aria-label="{label}"><title>{label}</title>{_polyline(xy)}{dots}</svg>')
