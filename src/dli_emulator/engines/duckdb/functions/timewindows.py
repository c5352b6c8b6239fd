"""Spark's window(ts, duration[, slide[, start]]) time windows (`TimeWindow`, `TimeWindowing`).

A tumbling window (no slide, or a slide equal to the duration) is a struct<start, end> of
timestamps: the window start is the timestamp floored to a multiple of the duration counted
from the epoch plus `start` (before 1970 too), its end the start plus the duration. Spark drops
the rows whose timestamp is NULL from a query that computes windows, so the query's WHERE gets
`ts IS NOT NULL`. Durations are Spark's interval strings (`'1 hour'`, `'1 day 2 hours'`,
`'90 seconds'`); a month or a year is refused as Spark refuses it. Sliding windows (a slide
shorter than the duration: each row in several windows) are refused. Exported:
`rewrite_time_windows`, called on the whole tree before generation.
"""

from __future__ import annotations

import re

from sqlglot import exp

from ....errors import not_supported, semantic_error
from ..typerules.intervals import MICROS
from .binding import bind
from .collections import template

_PART = re.compile(r"\s*([+-]?\d+)\s*([a-z]+)\s*", re.I)


def _micros(literal: exp.Expr, what: str) -> int:
    if not (isinstance(literal, exp.Literal) and literal.is_string):
        raise not_supported(f"window() needs its {what} as a string literal in the DuckDB engine")
    text = literal.name.strip()
    body = re.sub(r"^interval\s+", "", text, flags=re.I)
    total, end = 0, 0
    for match in _PART.finditer(body):
        if match.start() != end:
            break
        end = match.end()
        unit = match[2].lower().removesuffix("s")
        if unit in ("month", "year"):
            raise semantic_error(f"Intervals greater than a month is not supported ({text}).")
        if unit not in MICROS:
            break
        total += int(match[1]) * MICROS[unit]
    if end != len(body) or not body:
        raise semantic_error(f"The window {what} '{text}' is not a valid interval string.")
    return total


def _window_sql(node: exp.Anonymous) -> tuple[exp.Expr, exp.Expr]:
    """The DuckDB struct for one window() call, and its timestamp argument."""
    arguments = node.expressions
    if not 2 <= len(arguments) <= 4:
        raise semantic_error(
            "[WRONG_NUM_ARGS.WITHOUT_SUGGESTION] The `window` requires [2, 3, 4] parameters but "
            f"the actual number is {len(arguments)}."
        )
    duration = _micros(arguments[1], "duration")
    slide = _micros(arguments[2], "slide duration") if len(arguments) > 2 else duration
    start = _micros(arguments[3], "start time") if len(arguments) > 3 else 0
    if duration <= 0:
        raise semantic_error(f"The window duration ({duration}) must be greater than 0.")
    if slide != duration:
        raise not_supported(
            "window() with a slide shorter than its duration (a sliding window) is not "
            "supported by the DuckDB engine"
        )
    stamp = arguments[0]
    micros = "epoch_us(TRY_CAST({ts} AS TIMESTAMPTZ))"
    floor = f"{micros} - ((({micros} - {start}) % {duration}) + {duration}) % {duration}"
    text = bind(
        floor,
        "__window_start",
        'struct_pack("start" := CAST(make_timestamp(__window_start) AS TIMESTAMPTZ), '
        f'"end" := CAST(make_timestamp(__window_start + {duration}) AS TIMESTAMPTZ))',
    )
    return template(text, ts=stamp), stamp


def rewrite_time_windows(tree: exp.Expr) -> None:
    """Replace each window() call by its struct; drop NULL timestamps from its query."""
    calls = [
        node
        for node in tree.find_all(exp.Anonymous)
        if str(node.name).lower() == "window" and isinstance(node.parent_select, exp.Select)
    ]
    kept: dict[int, tuple[exp.Select, list[exp.Expr]]] = {}
    for node in calls:
        select = node.parent_select
        assert isinstance(select, exp.Select)
        struct, stamp = _window_sql(node)
        node.replace(struct)
        stamps = kept.setdefault(id(select), (select, []))[1]
        if all(stamp != s for s in stamps):
            stamps.append(stamp)
    for select, stamps in kept.values():
        for stamp in stamps:
            select.where(exp.Not(this=exp.Is(this=stamp.copy(), expression=exp.Null())), copy=False)
