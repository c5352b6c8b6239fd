"""Spark's types of date arithmetic (`BinaryArithmeticWithDatetimeResolver`): a date plus or
minus a year-month interval, a whole-day interval or an int stays a date; plus or minus an
interval with hours, minutes or seconds it becomes a timestamp. A string plus or minus a
day-time interval is read as a timestamp and the result written back as a string."""

from __future__ import annotations

from sqlglot import exp

from ...sparktypes import BYTE, DATE, INTEGER, SHORT, STRING, TIMESTAMP, SparkType

# Spark functions that return a date.
DATE_FUNCTIONS: tuple[type[exp.Expr], ...] = (
    exp.TsOrDsAdd,
    exp.AddMonths,
    exp.LastDay,
    exp.CurrentDate,
    exp.TsOrDsToDate,
    exp.NextDay,
    exp.DateFromUnixDate,
    exp.StrToDate,
    exp.DateTrunc,  # Spark's trunc(date, fmt)
)
# Interval units (sqlglot spells them as written, singular or plural) that keep a date a date.
_DATE_UNITS = {"YEAR", "MONTH", "WEEK", "DAY"}
_TIME_UNITS = {"HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"}
_DAY_TIME_UNITS = {"WEEK", "DAY", *_TIME_UNITS}
# Spark's date_add/date_sub take an int, smallint or tinyint number of days.
DAY_COUNTS = (BYTE, SHORT, INTEGER)


def interval_unit(node: exp.Expr | None) -> str:
    """The unit of an interval literal (`DAY`, `YEAR`; a span's smallest unit, `HOUR` of
    `DAY TO HOUR`), in the singular; "" for anything else."""
    while isinstance(node, exp.Paren):
        node = node.this
    unit = node.args.get("unit") if isinstance(node, exp.Interval) else None
    if isinstance(unit, exp.IntervalSpan):
        unit = unit.expression
    name = unit.name.upper() if isinstance(unit, exp.Expr) else ""
    return name[:-1] if name.endswith("S") else name


def date_side(node: exp.Add | exp.Sub) -> exp.Expr:
    """The operand Spark reads as the date of `date + x`, `x + date` or `date - x`."""
    left, right = node.left, node.right
    if isinstance(node, exp.Add) and interval_unit(left) and not interval_unit(right):
        return right
    return left


def date_arithmetic_type(
    node: exp.Expr, left: SparkType | None, right: SparkType | None
) -> SparkType | None:
    """The Spark type of a date plus or minus an interval or a number of days; None when
    `node` is not that."""
    if not isinstance(node, exp.Add | exp.Sub):
        return None
    pairs = [(left, node.expression, right)]
    if isinstance(node, exp.Add):
        pairs.append((right, node.this, left))
    for kind, other, other_kind in pairs:
        if kind == STRING and interval_unit(other) in _DAY_TIME_UNITS:
            return STRING  # Spark casts the string to a timestamp, and the sum back
        if kind != DATE:
            continue
        unit = interval_unit(other)
        if unit in _DATE_UNITS:
            return DATE
        if unit in _TIME_UNITS:
            return TIMESTAMP
        if other_kind in DAY_COUNTS:
            return DATE
    return None
