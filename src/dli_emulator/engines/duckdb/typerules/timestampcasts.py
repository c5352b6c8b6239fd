"""Spark's casts of timestamps (`Cast.scala`, non-ANSI): to and from numbers as seconds since
the epoch, which DuckDB does not cast at all (its TRY_CAST gives NULL), and to strings without
the zone DuckDB appends (`+00`).

- timestamp to bigint: whole seconds, rounded down (`Math.floorDiv(micros, 1000000)`); to int,
  smallint or tinyint that long when it fits, else NULL;
- timestamp to double or float: the seconds with their fraction; to decimal(p,s): the seconds
  rounded to the scale, NULL when they do not fit; to boolean: whether it is not the epoch;
- an integral number to timestamp: that many seconds after the epoch; a double, float or decimal:
  its microseconds truncated toward zero (NaN and infinities give NULL);
- timestamp to string: `yyyy-MM-dd HH:mm:ss` in the session time zone (UTC), then the fraction
  of a second without its trailing zeros when there is one; concat, concat_ws and || cast a
  timestamp argument so too.
"""

from __future__ import annotations

from sqlglot import exp

from ...sparktypes import BOOLEAN, BYTE, DOUBLE, FLOAT, INTEGER, LONG, SHORT, STRING, TIMESTAMP
from .inference import SparkTyper
from .rules import INTEGRALS, is_decimal

_MICROS = 1_000_000
_NARROW = {INTEGER: ("INTEGER", 32), SHORT: ("SMALLINT", 16), BYTE: ("TINYINT", 8)}


def rewrite_timestamp_cast(node: exp.Cast, typer: SparkTyper) -> bool:
    """Replace `node` when it casts a timestamp to a number or string, or a number to a
    timestamp; whether it did."""
    target, source = typer.type_of(node), typer.type_of(node.this)
    text: str | None = None
    if source == TIMESTAMP and target is not None:
        text = _from_timestamp(target.name)
    elif target == TIMESTAMP and (source in (*INTEGRALS, DOUBLE, FLOAT) or is_decimal(source)):
        text = _to_timestamp(integral=source in INTEGRALS)
    if text is None:
        return False
    value: exp.Expr = exp.maybe_parse(text, dialect="duckdb")
    # The cast's argument stays a Spark tree (translated with the rest), not re-read text.
    for placeholder in value.find_all(exp.Column):
        if placeholder.name == "__epoch_value":
            placeholder.replace(exp.Paren(this=node.this.copy()))
    node.replace(value)
    return True


def stringify_timestamp_arguments(
    node: exp.Concat | exp.ConcatWs | exp.DPipe, typer: SparkTyper
) -> None:
    """concat, concat_ws and || cast a timestamp argument to a string as CAST does."""
    arguments = [node.this, node.expression] if isinstance(node, exp.DPipe) else node.expressions
    for argument in arguments:
        if typer.type_of(argument) == TIMESTAMP:
            cast = exp.Cast(this=argument.copy(), to=exp.DataType.build("VARCHAR"))
            argument.replace(cast)
            rewrite_timestamp_cast(cast, typer)


def _from_timestamp(target: str) -> str | None:
    """DuckDB SQL over __epoch_value for a timestamp cast to a number, boolean or string;
    None for other targets (a date is cast as it is elsewhere)."""
    micros = "epoch_us(__epoch_value)"
    seconds = f"(({micros} - ((({micros} % {_MICROS}) + {_MICROS}) % {_MICROS})) // {_MICROS})"
    if target == LONG.name:
        return f"CAST({seconds} AS BIGINT)"
    for kind, (duck, bits) in _NARROW.items():
        if target == kind.name:
            low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
            fits = f"{seconds} BETWEEN {low} AND {high}"
            return f"CAST(CASE WHEN {fits} THEN {seconds} END AS {duck})"
    if target in (DOUBLE.name, FLOAT.name):
        duck = "DOUBLE" if target == DOUBLE.name else "FLOAT"
        return f"CAST({micros} / {_MICROS}.0 AS {duck})"
    if target.startswith("decimal("):
        exact = f"CAST({micros} AS DECIMAL(38, 6)) / {_MICROS}"
        return f"TRY_CAST({exact} AS {target.upper()})"
    if target == BOOLEAN.name:
        return f"({micros} <> 0)"
    if target == STRING.name:
        local = "timezone('UTC', __epoch_value)"
        digits = f"rtrim(strftime({local}, '.%f'), '0')"
        fraction = f"CASE WHEN {micros} % {_MICROS} <> 0 THEN {digits} ELSE '' END"
        return f"strftime({local}, '%Y-%m-%d %H:%M:%S') || {fraction}"
    return None


def _to_timestamp(integral: bool) -> str:
    if integral:
        micros = f"CAST(__epoch_value AS HUGEINT) * {_MICROS}"
    else:
        scaled = f"CAST(__epoch_value AS DOUBLE) * {_MICROS}"
        micros = f"CASE WHEN isfinite({scaled}) THEN trunc({scaled}) END"
    return f"CAST(make_timestamp(TRY_CAST({micros} AS BIGINT)) AS TIMESTAMPTZ)"
