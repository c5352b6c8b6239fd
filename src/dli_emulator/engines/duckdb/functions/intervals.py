"""Spark's interval values on DuckDB, for the types `typerules/intervals.py` gives.

DuckDB has one INTERVAL (months, days, microseconds); Spark a day-time interval (microseconds)
and a year-month one (months). Each rewrite here works on that number, `epoch_us(x)` or
`year * 12 + month`, and makes a DuckDB interval again (`to_microseconds`, `to_months`):
- a date minus a date is the days between them (DuckDB gives a BIGINT);
- times or divided by a number rounds half up to a microsecond or month, as Spark's
  Multiply/DivideDTInterval do (DuckDB cuts off), and dividing by zero is Spark's error;
- sum and avg (DuckDB has no sum of intervals; Spark rounds the average half up);
- extract(HOUR FROM x) is the hour of the interval's day (DuckDB counts all its hours);
- make_dt_interval and make_ym_interval;
- Spark's text of an interval, for CAST(x AS STRING) and for result columns: its ANSI form
  (`INTERVAL '1 02:00:00.5' DAY TO SECOND`, `INTERVAL '-1-1' YEAR TO MONTH`), as
  `IntervalUtils.toDayTimeIntervalString`/`toYearMonthIntervalString` write it.
"""

from __future__ import annotations

from sqlglot import exp

from ...sparktypes import SparkType
from ..typerules.inference import SparkTyper, with_window
from ..typerules.intervals import DAY_TIME, EXTRACT_FIELDS, MICROS, interval_fields, is_day_time
from ..typerules.rules import INTEGRALS
from .binding import bind, fresh
from .collections import template

_DIVIDED_BY_ZERO = (
    "[INTERVAL_DIVIDED_BY_ZERO] Division by zero. Use `try_divide` to tolerate divisor being 0 "
    "and return NULL instead."
)


def interval_text_sql(value: str, kind: SparkType) -> str:
    """DuckDB SQL for Spark's text of the interval `value` of type `kind`."""
    fields = interval_fields(kind)
    assert fields is not None, kind
    start, end = fields
    n = fresh("n")
    if is_day_time(kind):
        number, body = f"epoch_us({value})", _day_time_text(n, start, end)
    else:
        number, body = _months(value), _year_month_text(n, start, end)
    units = start.upper() if start == end else f"{start.upper()} TO {end.upper()}"
    text = f"'INTERVAL ''' || {body} || ''' {units}'"
    return bind(number, n, text)


def _day_time_text(n: str, start: str, end: str) -> str:
    magnitude = f"abs({n})"
    fields = DAY_TIME[DAY_TIME.index(start) : DAY_TIME.index(end) + 1]
    pieces = [f"CASE WHEN {n} < 0 THEN '-' ELSE '' END"]
    for field in fields:
        if field == start:
            rest = magnitude
        else:
            above = DAY_TIME[DAY_TIME.index(field) - 1]
            rest = f"({magnitude} % {MICROS[above]})"
            pieces.append("' '" if field == "hour" else "':'")
        if field == "second":
            pieces.append(_seconds_text(rest))
        elif field == "day":
            pieces.append(f"CAST({rest} // {MICROS['day']} AS VARCHAR)")
        else:
            pieces.append(_two_digits(f"({rest} // {MICROS[field]})"))
    return " || ".join(pieces)


def _two_digits(number: str) -> str:
    return f"printf('%02d', {number})"  # Java's %02d: at least two digits, never cut


def _seconds_text(micros: str) -> str:
    """Seconds in at least two digits, the fraction without trailing zeros."""
    fraction = f"{micros} % 1000000"
    return (
        f"{_two_digits(f'{micros} // 1000000')} || CASE WHEN {fraction} = 0 THEN ''"
        f" ELSE '.' || rtrim(printf('%06d', {fraction}), '0') END"
    )


def _year_month_text(n: str, start: str, end: str) -> str:
    years = f"CAST(abs({n}) // 12 AS VARCHAR)"
    sign = f"CASE WHEN {n} < 0 THEN '-' ELSE '' END"
    if start == end == "month":
        return f"CAST({n} AS VARCHAR)"
    if end == "year":
        return f"{sign} || {years}"
    return f"{sign} || {years} || '-' || CAST(abs({n}) % 12 AS VARCHAR)"


def _months(value: str) -> str:
    return f"(date_part('year', {value}) * 12 + date_part('month', {value}))"


def _number(kind: SparkType, value: str) -> str:
    return f"epoch_us({value})" if is_day_time(kind) else _months(value)


def _interval(kind: SparkType, number: str) -> str:
    if is_day_time(kind):
        return f"to_microseconds(CAST({number} AS BIGINT))"
    return f"to_months(CAST({number} AS INTEGER))"


def rewrite_interval(node: exp.Expr, typer: SparkTyper) -> bool:
    """Rewrite `node` when it is one of the interval operations above; whether it did."""
    found = _rewritten(node, typer)
    if found is None:
        return False
    old, new = found
    typer.replace(old, new)
    return True


def _rewritten(node: exp.Expr, typer: SparkTyper) -> tuple[exp.Expr, exp.Expr] | None:
    """The node to replace and its replacement, or None."""
    type_of = typer.type_of
    if isinstance(node, exp.Cast) and node.to.is_type(*exp.DataType.TEXT_TYPES):
        inner = type_of(node.this)
        if inner is None or interval_fields(inner) is None:
            return None
        return node, template(interval_text_sql("{x}", inner), x=node.this)
    if isinstance(node, exp.Extract):
        new = _extract(node, type_of(node.expression))
        return None if new is None else (node, new)
    kind = type_of(node)
    if kind is None or interval_fields(kind) is None:
        return None
    if isinstance(node, exp.Sub) and kind.name == "interval day":  # a date minus a date
        days = template("to_days(CAST(({a}) - ({b}) AS INTEGER))", a=node.this, b=node.expression)
        return node, days
    if isinstance(node, exp.Mul | exp.Div):
        return node, _scaled(node, kind, typer)
    if isinstance(node, exp.Sum | exp.Avg):
        return _aggregate(node, kind)
    if isinstance(node, exp.Abs):
        return node, template(_interval(kind, f"abs({_number(kind, '{x}')})"), x=node.this)
    if isinstance(node, exp.Anonymous):
        new = _made(node)
        return None if new is None else (node, new)
    return None


def _scaled(node: exp.Mul | exp.Div, kind: SparkType, typer: SparkTyper) -> exp.Expr:
    left_is_interval = interval_fields(typer.type_of(node.this)) is not None
    iv, factor = (node.this, node.expression) if left_is_interval else (node.expression, node.this)
    integral = typer.type_of(factor) in INTEGRALS
    number = _number(kind, "{iv}")
    if isinstance(node, exp.Mul):
        scaled = f"{number} * {{n}}" if integral else f"round({number} * CAST({{n}} AS DOUBLE))"
    elif integral:  # exact: half up (away from zero) on integers
        scaled = (
            f"sign({number}) * sign({{n}}) * ((2 * abs(CAST({number} AS HUGEINT)) + abs({{n}}))"
            " // (2 * abs({n})))"
        )
    else:
        scaled = f"round({number} / CAST({{n}} AS DOUBLE))"
    if isinstance(node, exp.Div):
        scaled = f"CASE WHEN {{n}} = 0 THEN error('{_DIVIDED_BY_ZERO}') ELSE {scaled} END"
    return template(_interval(kind, scaled), iv=iv, n=factor)


def _aggregate(node: exp.Sum | exp.Avg, kind: SparkType) -> tuple[exp.Expr, exp.Expr]:
    argument = node.this.expressions[0] if isinstance(node.this, exp.Distinct) else node.this
    argument.replace(template(_number(kind, "{x}"), x=argument))
    outer = with_window(node)
    value = "round({a})" if isinstance(node, exp.Avg) else "{a}"
    return outer, template(_interval(kind, value), a=outer)


def _extract(node: exp.Extract, source: SparkType | None) -> exp.Expr | None:
    field = EXTRACT_FIELDS.get(node.name.upper())
    if source is None or field is None or interval_fields(source) is None:
        return None
    if is_day_time(source) != (field in DAY_TIME):
        return None  # Spark refuses it; DuckDB's answer stands
    if not is_day_time(source):
        months = _months("{x}")
        part = f"{months} // 12" if field == "year" else f"{months} % 12"
        return template(f"CAST({part} AS INTEGER)", x=node.expression)
    us = "epoch_us({x})"
    if field == "second":
        sql = f"CAST(CAST({us} % 60000000 AS DECIMAL(18, 0)) * 0.000001 AS DECIMAL(8, 6))"
    else:
        above = {"day": None, "hour": "day", "minute": "hour"}[field]
        rest = us if above is None else f"({us} % {MICROS[above]})"
        sql = f"CAST({rest} // {MICROS[field]} AS INTEGER)"
    return template(sql, x=node.expression)


def _made(node: exp.Anonymous) -> exp.Expr | None:
    name = node.name.lower()
    arguments = list(node.expressions)
    slots = [f"{{a{i}}}" for i in range(len(arguments))]
    if name == "make_ym_interval" and len(arguments) <= 2:
        years, months = slots + ["0"] * (2 - len(arguments))
        sql = f"to_months(CAST(({years}) * 12 + ({months}) AS INTEGER))"
    elif name == "make_dt_interval" and len(arguments) <= 4:
        days, hours, minutes, seconds = slots + ["0"] * (4 - len(arguments))
        sql = (
            f"to_microseconds(CAST(CAST({days} AS BIGINT) * {MICROS['day']}"
            f" + CAST({hours} AS BIGINT) * {MICROS['hour']}"
            f" + CAST({minutes} AS BIGINT) * {MICROS['minute']}"
            f" + round(CAST({seconds} AS DECIMAL(18, 6)) * 1000000) AS BIGINT))"
        )
    else:
        return None
    return template(sql, **{f"a{i}": a for i, a in enumerate(arguments)})
