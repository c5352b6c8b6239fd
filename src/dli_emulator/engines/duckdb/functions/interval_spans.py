"""Spark's interval literals of a span of units (`INTERVAL '1-2' YEAR TO MONTH`,
`INTERVAL '1 2' DAY TO HOUR`, ..., `MINUTE TO SECOND`), which DuckDB cannot read.

Spark reads the text by the span's fields (`IntervalUtils.fromYearMonthString`,
`fromDayTimeString`): an optional sign for the whole, then `y-m`, or `d h`, `d h:m`, `d h:m:s.f`,
`h:m`, `h:m:s.f`, `m:s.f`. A year-month span is a number of months, a day-time span a number of
microseconds: DuckDB gets `to_months(n)` / `to_microseconds(n)`. Spark names the literal with
its fields normalized (`INTERVAL '1 02' DAY TO HOUR`: hours, minutes and seconds in two digits,
the fraction of a second without trailing zeros).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from sqlglot import exp

from ..typerules.intervals import DAY_TIME, MICROS

_SECONDS = r"(\d+(?:\.\d{1,9})?)"
# The fields of each span, as Spark reads them after the sign.
_SPAN_TEXT = {
    ("YEAR", "MONTH"): r"(\d+)-(\d+)",
    ("DAY", "HOUR"): r"(\d+) (\d+)",
    ("DAY", "MINUTE"): r"(\d+) (\d+):(\d+)",
    ("DAY", "SECOND"): rf"(\d+) (\d+):(\d+):{_SECONDS}",
    ("HOUR", "MINUTE"): r"(\d+):(\d+)",
    ("HOUR", "SECOND"): rf"(\d+):(\d+):{_SECONDS}",
    ("MINUTE", "SECOND"): rf"(\d+):{_SECONDS}",
}
_UNITS = tuple(unit.upper() for unit in DAY_TIME)  # as the tree spells them


@dataclass(frozen=True)
class Span:
    start: str
    end: str
    negative: bool
    amount: int  # months for YEAR TO MONTH, else microseconds; never negative

    @property
    def signed(self) -> int:
        return -self.amount if self.negative else self.amount


def span_of(node: exp.Expr) -> Span | None:
    """The span a `INTERVAL '<text>' <start> TO <end>` literal holds; None for anything else."""
    unit = node.args.get("unit") if isinstance(node, exp.Interval) else None
    text = node.this if isinstance(node, exp.Interval) else None
    if not isinstance(unit, exp.IntervalSpan) or not isinstance(text, exp.Literal):
        return None
    return read_span(str(text.this), unit.this.name, unit.expression.name)


def read_span(text: str, start: str, end: str) -> Span | None:
    """`text` read as Spark reads `INTERVAL 'text' start TO end`; None when it would not."""
    start, end = start.upper(), end.upper()
    pattern = _SPAN_TEXT.get((start, end))
    match = re.fullmatch(rf"\s*([+-]?)\s*{pattern}\s*", text) if pattern else None
    if match is None:
        return None
    negative, fields = match[1] == "-", match.groups()[1:]
    if start == "YEAR":
        return Span(start, end, negative, int(fields[0]) * 12 + int(fields[1]))
    units = _UNITS[_UNITS.index(start) : _UNITS.index(end) + 1]
    micros = sum(Decimal(value) * MICROS[u.lower()] for u, value in zip(units, fields, strict=True))
    return Span(start, end, negative, int(micros))


def interval_span_sql(text: str, start: str, end: str) -> str | None:
    """DuckDB SQL for Spark's `INTERVAL 'text' start TO end`; None when Spark would not read it."""
    span = read_span(text, start, end)
    return span_sql(span) if span is not None else None


def span_sql(span: Span) -> str:
    """The span as a DuckDB interval."""
    if span.start == "YEAR":
        return f"to_months(CAST({span.signed} AS INTEGER))"
    return f"to_microseconds(CAST({span.signed} AS BIGINT))"


def pretty_span(span: Span) -> str:
    """The literal as Spark names it."""
    sign = "-" if span.negative else ""
    if span.start == "YEAR":
        text = f"{span.amount // 12}-{span.amount % 12}"
    else:
        rest, parts = span.amount, []
        units = _UNITS[_UNITS.index(span.start) : _UNITS.index(span.end) + 1]
        for unit in units[:-1]:
            value, rest = divmod(rest, MICROS[unit.lower()])
            parts.append(value)
        last = units[-1]
        if last == "SECOND":
            whole, micros = divmod(rest, MICROS["second"])
            seconds = f"{whole:02d}" + (f".{micros:06d}".rstrip("0") if micros else "")
        else:
            seconds = f"{rest // MICROS[last.lower()]:02d}"
        fields = [str(parts[0]) if span.start == "DAY" else f"{parts[0]:02d}"] if parts else []
        fields += [f"{v:02d}" for v in parts[1:]]
        clock = ":".join([*fields[1:], seconds] if span.start == "DAY" else [*fields, seconds])
        text = f"{fields[0]} {clock}" if span.start == "DAY" else clock
    return f"INTERVAL '{sign}{text}' {span.start} TO {span.end}"
