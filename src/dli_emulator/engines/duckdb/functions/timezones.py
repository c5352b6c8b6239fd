"""Spark's to_timestamp(x), from_utc_timestamp and to_utc_timestamp, which sqlglot reads into a
cast to a zone-less timestamp and time-zone nodes: given back their Spark function, before the
result names are taken, so that they are named as Spark names them and translated by
`templates.SPARK_FUNCTIONS`.

Spark's timestamps are instants shown in the session time zone (UTC here). to_timestamp of a
string that is not a timestamp is NULL (no ANSI mode); from_utc_timestamp(ts, tz) shows the
wall clock of `ts` read as UTC in `tz`, to_utc_timestamp(ts, tz) reads the wall clock of `ts` as
`tz`'s and gives that instant (`DateTimeUtils.fromUTCTime`, `toUTCTime`).
"""

from __future__ import annotations

from sqlglot import exp

from ..naming.functions import as_written

_SPARK_TO_TIMESTAMP = "spark_to_timestamp"  # meta key of a to_timestamp call given back


def restore_timezone_functions(tree: exp.Expr, source: str | None) -> None:
    """The three functions in `tree` as Spark calls (`source`, the query's text, tells
    to_timestamp from a cast)."""
    for node in list(tree.find_all(exp.Cast, exp.FromTimeZone, exp.AtTimeZone)):
        written = (as_written(node, source) or "").lower()
        if type(node) is exp.Cast and node.to.this == exp.DType.TIMESTAMP:
            if written == "to_timestamp":
                call = _call("to_timestamp", node.this)
                call.meta[_SPARK_TO_TIMESTAMP] = True
                node.replace(call)
        elif isinstance(node, exp.FromTimeZone | exp.AtTimeZone):
            name = "to_utc_timestamp" if isinstance(node, exp.FromTimeZone) else written
            value = node.this
            if isinstance(value, exp.Cast) and value.to.this == exp.DType.TIMESTAMP:
                value = value.this  # sqlglot's own cast of the argument
            if name in ("to_utc_timestamp", "from_utc_timestamp"):
                node.replace(_call(name, value, node.args["zone"]))


def cast_to_timestamp(tree: exp.Expr) -> None:
    """After the names are taken: Spark's to_timestamp(x) as a lenient cast (DuckDB's own
    to_timestamp reads seconds, and sqlglot writes it for other functions)."""
    for call in list(tree.find_all(exp.Anonymous)):
        if call.meta.get(_SPARK_TO_TIMESTAMP):
            to = exp.DataType.build("TIMESTAMPTZ")
            call.replace(exp.TryCast(this=call.expressions[0], to=to, safe=True))


def _call(name: str, *arguments: exp.Expr) -> exp.Anonymous:
    return exp.Anonymous(this=name, expressions=[a.copy() for a in arguments])
