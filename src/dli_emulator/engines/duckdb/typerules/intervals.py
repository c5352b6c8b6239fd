"""Spark's interval types as its analyzer gives them (`DayTimeIntervalType(start, end)`,
`YearMonthIntervalType(start, end)`; `intervalExpressions.scala`, `Sum`, `Average`,
`ExtractIntervalPart`), checked against Spark 4.3.0 (corpus category `intervals`).

- a literal is typed by its units: `INTERVAL '26' HOUR` is `interval hour`, `INTERVAL '1 02'
  DAY TO HOUR` `interval day to hour`; make_dt_interval gives `interval day to second`,
  make_ym_interval `interval year to month`;
- an interval plus or minus one of its family spans both (`interval day to hour`); times or
  divided by a number it is the family's widest (`interval day to second`, `interval year to
  month`); negated, abs, max, min and sum keep its type; avg gives the family's widest;
- extract(DAY|YEAR FROM interval) is an int, HOUR, MINUTE and MONTH a tinyint, SECOND a
  decimal(8,6).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from ...sparktypes import BYTE, INTEGER, SparkType, atomic, decimal

Typer = Callable[[exp.Expr], SparkType | None]

DAY_TIME = ("day", "hour", "minute", "second")
# Microseconds in a unit of time: a day-time interval is a number of them
MICROS = {
    "microsecond": 1,
    "millisecond": 1_000,
    "second": 1_000_000,
    "minute": 60_000_000,
    "hour": 3_600_000_000,
    "day": 86_400_000_000,
    "week": 7 * 86_400_000_000,
}
YEAR_MONTH = ("year", "month")
_UNITS = {unit.upper(): unit for unit in (*YEAR_MONTH, *DAY_TIME)}
# Spark's names of extract's fields of an interval (`ExtractIntervalPart`)
EXTRACT_FIELDS = {
    **dict.fromkeys(("YEAR", "Y", "YEARS", "YR", "YRS"), "year"),
    **dict.fromkeys(("MONTH", "MON", "MONS", "MONTHS"), "month"),
    **dict.fromkeys(("DAY", "D", "DAYS"), "day"),
    **dict.fromkeys(("HOUR", "H", "HOURS", "HR", "HRS"), "hour"),
    **dict.fromkeys(("MINUTE", "M", "MIN", "MINS", "MINUTES"), "minute"),
    **dict.fromkeys(("SECOND", "S", "SEC", "SECONDS", "SECS"), "second"),
}
_EXTRACT_TYPES = {
    "year": INTEGER,
    "month": BYTE,
    "day": INTEGER,
    "hour": BYTE,
    "minute": BYTE,
    "second": decimal(8, 6),
}
_SAME_TYPE = (exp.Neg, exp.Abs, exp.Max, exp.Min, exp.Sum)


def interval(start: str, end: str | None = None) -> SparkType:
    """The interval type from field `start` to `end` (`interval day to second`)."""
    return atomic(f"interval {start}" if end in (None, start) else f"interval {start} to {end}")


def interval_fields(kind: SparkType | None) -> tuple[str, str] | None:
    """The (start, end) fields of an interval type; None for any other type."""
    if kind is None or not kind.name.startswith("interval "):
        return None
    start, _, end = kind.name.removeprefix("interval ").partition(" to ")
    return start, end or start


def is_day_time(kind: SparkType) -> bool:
    fields = interval_fields(kind)
    return fields is not None and fields[0] in DAY_TIME


def widest(kind: SparkType) -> SparkType:
    """The widest type of `kind`'s family."""
    return interval("day", "second") if is_day_time(kind) else interval("year", "month")


def wider_interval(left: SparkType, right: SparkType) -> SparkType | None:
    """Two intervals of one family widened to span both; None when not both of one family."""
    one, two = interval_fields(left), interval_fields(right)
    if one is None or two is None or is_day_time(left) != is_day_time(right):
        return None
    order = DAY_TIME if is_day_time(left) else YEAR_MONTH
    start = min(one[0], two[0], key=order.index)
    return interval(start, max(one[1], two[1], key=order.index))


def interval_type(node: exp.Expr, type_of: Typer) -> SparkType | None:
    """The Spark type of `node` when it is an interval or a part of one; else None."""
    if isinstance(node, exp.Interval):
        return _literal(node)
    if isinstance(node, exp.Anonymous):
        name = node.name.lower()
        if name == "make_dt_interval":
            return interval("day", "second")
        return interval("year", "month") if name == "make_ym_interval" else None
    if isinstance(node, exp.Extract):
        if interval_fields(type_of(node.expression)) is None:
            return None
        field = EXTRACT_FIELDS.get(node.name.upper())
        return _EXTRACT_TYPES[field] if field else None
    if isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div):
        return _arithmetic(node, type_of(node.this), type_of(node.expression))
    if isinstance(node, _SAME_TYPE):
        kind = type_of(node.this)
        return kind if interval_fields(kind) else None
    if isinstance(node, exp.Avg):
        kind = type_of(node.this)
        return widest(kind) if kind is not None and interval_fields(kind) else None
    return None


def _literal(node: exp.Interval) -> SparkType | None:
    unit = node.unit
    if isinstance(unit, exp.IntervalSpan):
        return interval(unit.this.name.lower(), unit.expression.name.lower())
    if isinstance(unit, exp.Var):
        name = _UNITS.get(unit.name.upper().rstrip("S"))
        return interval(name) if name else None
    return None


def _arithmetic(
    node: exp.Binary, left: SparkType | None, right: SparkType | None
) -> SparkType | None:
    left_interval, right_interval = interval_fields(left), interval_fields(right)
    if left_interval is None and right_interval is None:
        return None
    if isinstance(node, exp.Add | exp.Sub):
        if left is None or right is None:
            return None
        return wider_interval(left, right)
    if isinstance(node, exp.Mul):
        kind = left if left_interval else right
        assert kind is not None
        return widest(kind)
    return widest(left) if left is not None and left_interval and not right_interval else None
