"""Spark's aggregate functions and grouping syntax on DuckDB.

`count(a, b)` counts the rows where every argument is non-NULL; `every`/`some`/`any` are
bool_and/bool_or; `GROUP BY a, b WITH ROLLUP` (or `WITH CUBE`) is `ROLLUP (a, b)`. The
percentiles follow Spark's algorithms rather than DuckDB's quantile functions, which round
and interpolate differently: `percentile` (`Percentile.getPercentile`) interpolates between
the values at floor and ceil of (n - 1) * p, as a double (low + fraction * (high - low), the
order of Spark 4's arithmetic; each row counted `frequency` times); `percentile_approx`
(`QuantileSummaries.query`) answers with the value at rank ceil(p * n), an element of the
column, which is what Spark's summary holds exactly until it compresses (10 000 values).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

from .binding import bind

_DEFAULT_ACCURACY = 10000


def _sorted_values(
    value: str,
    condition: str | None,
    as_double: bool,
    frequency: tuple[str, str] | None = None,
    over: str = "",
) -> str:
    """The group's non-NULL values in ascending order, as one list (NULLs are no values). With
    a `frequency` (its DuckDB SQL and its Spark name), each value is in the list as many times
    as its row's frequency says (a NULL frequency counts the row out; a negative one is Spark's
    error). `over` is the window (` OVER (...)`) of a percentile used as a window function."""
    item = f"CAST({value} AS DOUBLE)" if as_double else value
    where = f"({value}) IS NOT NULL" + (f" AND ({condition})" if condition else "")
    if frequency is None:
        return f"list_sort(list({item}) FILTER (WHERE {where}){over})"
    count, name = frequency
    refusal = (
        "'[NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION] Found the negative value in \"{}\": ' || "
        "CAST({} AS VARCHAR) || 'L, but expected a positive integral value.'"
    ).format(name.replace("'", "''"), count)
    repeated = (
        f"CASE WHEN ({count}) < 0 THEN [error({refusal})] "
        f"ELSE list_transform(range(CAST({count} AS BIGINT)), lambda i: {item}) END"
    )
    where = f"{where} AND ({count}) IS NOT NULL"
    return f"list_sort(flatten(list({repeated}) FILTER (WHERE {where}){over}))"


def _for_each_fraction(fraction: exp.Expr, fraction_sql: str, body: Callable[[str], str]) -> str:
    """`body` of one fraction, or the list of `body` of each when given an array of them."""
    if isinstance(fraction, exp.Array):
        return f"list_transform({fraction_sql}, lambda q: {body('CAST(q AS DOUBLE)')})"
    return body(f"CAST({fraction_sql} AS DOUBLE)")


def _interpolated(values: str, fraction: str) -> str:
    # Spark's arithmetic, step for step, so the doubles come out bit for bit the same.
    lower, higher = "floor(pos)", "ceil(pos)"
    low_value = f"{values}[CAST({lower} AS BIGINT) + 1]"
    high_value = f"{values}[CAST({higher} AS BIGINT) + 1]"
    return bind(
        f"(len({values}) - 1) * {fraction}",
        "pos",
        f"CASE WHEN len({values}) = 0 THEN NULL "
        f"WHEN {lower} = {higher} OR {low_value} = {high_value} THEN {low_value} "
        f"ELSE {low_value} + (pos - {lower}) * ({high_value} - {low_value}) END",
    )


def _ranked(values: str, fraction: str, error: str) -> str:
    rank = f"CAST(greatest(1, ceil({fraction} * len({values}))) AS BIGINT)"
    return (
        f"CASE WHEN {fraction} <= {error} THEN {values}[1] "
        f"WHEN {fraction} >= 1 - {error} THEN {values}[len({values})] "
        f"ELSE {values}[{rank}] END"
    )


class Aggregates(DuckDBGenerator):
    """Generator methods for Spark's aggregates and GROUP BY ... WITH ROLLUP/CUBE."""

    def count_sql(self, expression: exp.Count) -> str:
        others = expression.expressions
        if expression.this is None or not others or isinstance(expression.this, exp.Distinct):
            return self.function_fallback_sql(expression)
        arguments = [expression.this, *others]
        present = " AND ".join(f"({self.sql(a)}) IS NOT NULL" for a in arguments)
        return f"count(CASE WHEN {present} THEN 1 END)"

    def any_sql(self, expression: exp.Any) -> str:
        inner = expression.this
        while isinstance(inner, exp.Paren):
            inner = inner.this
        if isinstance(inner, exp.Query | exp.Subquery) or isinstance(
            expression.parent, exp.Predicate
        ):
            return super().any_sql(expression)  # `x = ANY (subquery)`
        return f"bool_or({self.sql(expression, 'this')})"

    def ignorenulls_sql(self, expression: exp.IgnoreNulls) -> str:
        # first(x, true) / last(x, true) as aggregates: the first (last) non-NULL value
        inner = expression.this
        if isinstance(inner, exp.First | exp.Last) and not isinstance(
            expression.parent, exp.Window
        ):
            name = "first" if isinstance(inner, exp.First) else "last"
            value = self.sql(inner, "this")
            return f"{name}({value}) FILTER (WHERE ({value}) IS NOT NULL)"
        return super().ignorenulls_sql(expression)

    def firstvalue_sql(self, expression: exp.FirstValue) -> str:
        return self._first_or_last("first", expression)

    def lastvalue_sql(self, expression: exp.LastValue) -> str:
        return self._first_or_last("last", expression)

    def _first_or_last(self, name: str, expression: exp.FirstValue | exp.LastValue) -> str:
        # Spark's first_value/last_value are first/last, aggregates outside a window too
        if isinstance(expression.parent, exp.Window | exp.IgnoreNulls | exp.RespectNulls):
            return self.function_fallback_sql(expression)
        return f"{name}({self.sql(expression, 'this')})"

    def quantile_sql(self, expression: exp.Quantile) -> str:
        return self.spark_percentile(expression, None)

    def approxquantile_sql(self, expression: exp.ApproxQuantile) -> str:
        return self.spark_percentile(expression, None)

    def filter_sql(self, expression: exp.Filter) -> str:
        inner, where = expression.this, expression.expression
        if isinstance(inner, exp.Quantile | exp.ApproxQuantile) and isinstance(where, exp.Where):
            return self.spark_percentile(inner, self.sql(where, "this"))
        return super().filter_sql(expression)

    def window_sql(self, expression: exp.Window) -> str:
        # A percentile over a window: the window's list of values, then the same answer.
        inner, condition = expression.this, None
        if isinstance(inner, exp.Filter) and isinstance(inner.expression, exp.Where):
            condition, inner = self.sql(inner.expression, "this"), inner.this
        if not isinstance(inner, exp.Quantile):  # ApproxQuantile is one too
            return super().window_sql(expression)
        marker = expression.copy()
        marker.set("this", exp.var("__spark_window"))
        over = super().window_sql(marker).split("__spark_window", 1)[1]
        return self.spark_percentile(inner, condition, over)

    def spark_percentile(
        self, expression: exp.Quantile | exp.ApproxQuantile, condition: str | None, over: str = ""
    ) -> str:
        value = self.sql(expression, "this")
        fraction = expression.args["quantile"]
        fraction_sql = self.sql(fraction)
        exact = not isinstance(expression, exp.ApproxQuantile)  # a subclass of Quantile
        # One list, bound once to `v`, serves every fraction.
        frequency = expression.args.get("frequency")
        weights = None
        if frequency is not None:
            weights = (self.sql(frequency), frequency.sql(dialect="spark"))
        values = _sorted_values(value, condition, exact, frequency=weights, over=over)
        if exact:
            body = _for_each_fraction(fraction, fraction_sql, lambda q: _interpolated("v", q))
        else:
            accuracy = expression.args.get("accuracy")
            error = f"(1.0 / {self.sql(accuracy) if accuracy else _DEFAULT_ACCURACY})"
            body = _for_each_fraction(fraction, fraction_sql, lambda q: _ranked("v", q, error))
        # No value at all (every row NULL or counted 0 times): NULL, an array of them too
        return bind(values, "v", f"CASE WHEN len(v) > 0 THEN {body} END")

    def group_sql(self, expression: exp.Group) -> str:
        # `GROUP BY a, b WITH ROLLUP` is Hive's spelling of `GROUP BY ROLLUP (a, b)`.
        for key, kind in (("rollup", exp.Rollup), ("cube", exp.Cube)):
            marks = expression.args.get(key) or []
            if expression.expressions and any(not m.expressions for m in marks):
                grouped = expression.copy()
                columns = [c.copy() for c in grouped.expressions]
                grouped.set("expressions", [])
                grouped.set(key, [kind(expressions=columns)])
                return super().group_sql(grouped)
        return super().group_sql(expression)


def pretty_aggregate(node: exp.Expr, p: Callable[[exp.Expr | None], str]) -> str | None:
    """Spark's names for `count(a, b)` and the aggregate `any(...)`; None for other nodes."""
    counted = node.args.get("this")
    several = isinstance(node, exp.Count) and bool(node.expressions)
    if several and counted is not None and not isinstance(counted, exp.Distinct):
        return f"count({', '.join(p(a) for a in [counted, *node.expressions])})"
    if isinstance(node, exp.Any) and not isinstance(node.this, exp.Query | exp.Subquery):
        return f"any({p(node.this)})"
    return None
