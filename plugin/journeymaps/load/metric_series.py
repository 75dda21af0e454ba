"""Reading measured values, ``maps/metrics/*.csv``: exports of web analytics, a CRM, a
survey tool or the contact centre, one value a row, checked row by row.

Every bad row is a problem at its line, with the column as field path; a file with a
bad header row gives no values (its columns cannot be told apart) but every header
problem at once. 100,000 rows load in well under a second: a row costs a few dict
look-ups, and dates are parsed once per distinct text.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import gc
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..model.fields import did_you_mean
from ..model.journey_map import JourneyMap
from ..model.metric import CONTACTS, SERIES_FOLDER, Metric, Point, Series, SeriesKey
from ..model.problem import Problem
from ..model.question import normalise
from .files import display_path
from .frontmatter import not_utf8

REQUIRED = ("map", "stage", "metric", "date", "value")
OPTIONAL = ("source", "question")
COLUMNS = REQUIRED + OPTIONAL
#: Problems about a whole file (empty, not UTF-8) and about a row's shape.
FILE, ROW = "file", "row"
_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _point(values: tuple[dt.date, float, str, str, int]) -> Point:
    """A Point without the Python-level ``__new__`` of a NamedTuple: a row costs less."""
    return tuple.__new__(Point, values)


@dataclass
class Loaded:
    """What the CSV files hold: the series by key, and their problems."""

    series: dict[SeriesKey, Series] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def series_files(maps_dir: Path) -> list[Path]:
    """The CSV files of measured values, in the order they are read."""
    folder = maps_dir / SERIES_FOLDER
    return sorted(folder.glob("*.csv")) if folder.is_dir() else []


def series_inputs(maps: list[JourneyMap], catalogue: dict[str, Metric]) -> tuple[object, ...]:
    """What rows are checked against besides the files: the metric ids (in order, for
    the hints) and each map's stage names."""
    return tuple(catalogue), tuple((m.slug, tuple(s.name for s in m.stages)) for m in maps)


def load_series(maps_dir: Path, root: Path, maps: list[JourneyMap],
                catalogue: dict[str, Metric]) -> Loaded:
    """Every row of every ``maps/metrics/*.csv``, validated against maps and catalogue
    (``series_inputs``)."""
    loaded = Loaded()
    files = series_files(maps_dir)
    if not files:
        return loaded
    reader = _Reader(loaded, maps, catalogue)
    # Rows make no reference cycles; the collector's passes over the whole project,
    # thousands of maps' objects, would cost more than reading the rows.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for path in files:
            reader.read(path, display_path(path, root))
    finally:
        if collecting:
            gc.enable()
    return loaded


class _Reader:
    def __init__(self, loaded: Loaded, maps: list[JourneyMap],
                 catalogue: dict[str, Metric]) -> None:
        self.loaded = loaded
        self.stages = {m.slug: {s.name for s in m.stages if s.name} for m in maps}
        self.catalogue = catalogue
        self.dates: dict[str, dt.date | str] = {}  # text to date, or to what is wrong
        #: per series, the point of each date: a date given twice is a problem
        self.first_point: dict[SeriesKey, dict[dt.date, Point]] = {}
        self.sources: dict[str, str] = {}
        self.valid: set[SeriesKey] = set()
        self.file = ""

    def problem(self, line: int, path: str, message: str) -> None:
        self.loaded.problems.append(Problem(self.file, line, path, message))

    def read(self, path: Path, display: str) -> None:
        self.file = display
        try:
            raw = path.read_bytes()
        except OSError as error:
            self.problem(1, FILE, f"cannot read the file: {error.strerror}")
            return
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line, message = not_utf8(raw, error, "export or save it as UTF-8")
            self.problem(line, FILE, message)
            return
        del raw  # not held while the rows are read: 33 MB at 5,000 maps
        if not text.strip():
            self.problem(1, FILE, "the file is empty; its first row must name the columns "
                                  + ", ".join(REQUIRED) + " (and optionally source)")
            return
        rows = _rows(text)
        first = next(rows, None)
        if first is None:
            self.problem(1, FILE, "the file holds no values, not even a header row")
            return
        header_line, header = first
        columns = self.header(header, header_line)
        if columns is not None:
            for line, row in rows:
                self.row(line, row, columns, len(header))

    def header(self, header: list[str], line: int) -> dict[str, int] | None:
        """Column name to position; None (after telling why) when a column is missing
        or unknown: the rows' values could not be told apart."""
        names = [name.strip().casefold() for name in header]
        columns: dict[str, int] = {}
        resembled: set[str] = set()
        for i, name in enumerate(names):
            if name in columns:
                self.problem(line, name, f"the column '{name}' is named twice (columns "
                                         f"{columns[name] + 1} and {i + 1}); remove one")
            elif name in COLUMNS:
                columns[name] = i
            else:
                close = difflib.get_close_matches(
                    name, [c for c in COLUMNS if c not in names], n=1, cutoff=0.6)
                resembled.update(close)
                hint = f"; did you mean '{close[0]}'?" if close else (
                    "; the columns are " + ", ".join(COLUMNS))
                self.problem(line, name or f"column {i + 1}",
                             f"unknown column '{header[i].strip()}'{hint}")
        missing = [name for name in REQUIRED if name not in columns]
        for name in missing:
            if name not in resembled:
                self.problem(line, name, f"the header row has no column '{name}'; it needs "
                                         + ", ".join(REQUIRED) + " in any order")
        return None if missing or len(columns) < len(names) else columns

    def row(self, line: int, row: list[str], columns: dict[str, int], width: int) -> None:
        if len(row) != width and not self.optional_left_out(row, columns, width):
            self.problem(line, ROW, f"the row has {len(row)} value(s), the header row {width}; "
                                    "quote a value that holds a comma")
            return
        row += [""] * (width - len(row))
        at_question, at_source = columns.get("question"), columns.get("source")
        question = row[at_question].strip() if at_question is not None else ""
        key = (row[columns["map"]].strip(), row[columns["stage"]].strip(),
               row[columns["metric"]].strip(), normalise(question) if question else "")
        # the rows of a series repeat its map, stage and metric: a good key is checked once
        ok = key in self.valid or self.known(line, key, question)
        if ok:
            self.valid.add(key)
        date = self.date(line, row[columns["date"]].strip())
        value = self.value(line, row[columns["value"]].strip())
        if not ok or date is None or value is None:
            return
        series = self.loaded.series.get(key)
        if series is None:
            series = self.loaded.series[key] = Series(*key[:3], question, key[3])
            self.first_point[key] = {}
        points = self.first_point[key]
        first = points.get(date)
        if first is not None:
            where = f"line {first.line}" if first.file == self.file else (
                f"{first.file}:{first.line}")
            self.problem(line, "date", f"repeats the map, stage, metric and date of {where}"
                                       "; keep one of the two rows")
            return
        source = row[at_source].strip() if at_source is not None else ""
        # one string for a source's rows: an export names the same few sources
        source = self.sources.setdefault(source, source)
        point = points[date] = _point((date, value, source, self.file, line))
        series.points.append(point)

    @staticmethod
    def optional_left_out(row: list[str], columns: dict[str, int], width: int) -> bool:
        """Whether a short row lacks only optional columns at its end (``source``,
        ``question``): some exports write no trailing commas for empty values."""
        optional = {columns[name] for name in OPTIONAL if name in columns}
        return len(row) < width and all(i in optional for i in range(len(row), width))

    def known(self, line: int, key: SeriesKey, question: str) -> bool:
        """Whether the row's map, stage and metric exist (telling each that does not)."""
        slug, stage, metric, _ = key
        ok = True
        if metric not in self.catalogue:
            ok = False
            self.problem(line, "metric", _unknown_metric(metric, self.catalogue))
        elif question and metric != CONTACTS:
            ok = False
            self.problem(line, "question", f"only a '{CONTACTS}' row names a question (how "
                                           f"often customers ask it); this row is '{metric}'")
        if not slug and question:  # a contact count may be the company's, of no one map
            if stage:
                ok = False
                self.problem(line, "stage", "a stage needs its map; fill in the map column")
            return ok
        stages = self.stages.get(slug)
        if stages is None:
            self.problem(line, "map", _unknown_map(slug, list(self.stages)))
            return False
        if stage and stage not in stages:
            ok = False
            hint = did_you_mean(stage, sorted(stages)) or (
                "; its stages are " + ", ".join(f"'{s}'" for s in sorted(stages))
                + " (leave the column empty for the map as a whole)")
            self.problem(line, "stage", f"the map '{slug}' has no stage '{stage}'{hint}")
        return ok

    def date(self, line: int, text: str) -> dt.date | None:
        parsed = self.dates.get(text)
        if parsed is None:
            parsed = self.dates[text] = _parse_date(text)
        if isinstance(parsed, str):
            self.problem(line, "date", parsed)
            return None
        return parsed

    def value(self, line: int, text: str) -> float | None:
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if math.isfinite(value) and "_" not in text:  # float() reads '1_000'; a CSV means no such
            return value
        hint = " with '.' as decimal point" if re.fullmatch(r"-?\d+,\d+", text) else ""
        self.problem(line, "value", f"must be a number{hint}, got {text!r}")
        return None


def _rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line, values) of every non-blank row; a quoted value may span lines."""
    reader = csv.reader(text.splitlines(keepends=True))
    line = 1
    for row in reader:
        if "".join(row).strip():
            yield line, row
        line = reader.line_num + 1


def _parse_date(text: str) -> dt.date | str:
    """The date, or what is wrong with the text."""
    if not _DATE.fullmatch(text):
        return f"must be a date YYYY-MM-DD, got {text!r}"
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return f"{text!r} is not a real date; check the month and day"


def _unknown_map(slug: str, slugs: list[str]) -> str:
    if not slug:
        return "empty; give the map's path under maps/ without .md, e.g. 'telecom/moving-house'"
    hint = did_you_mean(slug, slugs) or (
        "; give the map's path under maps/ without .md, e.g. 'telecom/moving-house'")
    return f"unknown map '{slug}'{hint}"


def _unknown_metric(metric: str, catalogue: dict[str, Metric]) -> str:
    if not metric:
        return "empty; give a metric id of maps/metrics.yml"
    if not catalogue:
        return f"unknown metric '{metric}': define it in maps/metrics.yml"
    hint = did_you_mean(metric, list(catalogue)) or (
        "; define it in maps/metrics.yml or use one of " + ", ".join(catalogue))
    return f"unknown metric '{metric}'{hint}"
