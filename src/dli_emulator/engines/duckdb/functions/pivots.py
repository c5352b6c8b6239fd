"""Spark's PIVOT column names and empty cells on DuckDB's PIVOT.

With a single aggregate Spark names each column after the pivot value alone, even when the
aggregate has an alias (DuckDB appends it: `a_s`); with several, after value and alias, as
DuckDB does. A cell whose group has no row for the pivot value is NULL in Spark for every
aggregate, count included; DuckDB's PIVOT counts it 0, so a count is rewritten into the one
aggregate DuckDB allows around an expression that is NULL over no rows.
"""

from __future__ import annotations

from sqlglot import exp

from .collections import template


def spark_pivots(tree: exp.Expr) -> None:
    for pivot in tree.find_all(exp.Pivot):
        if pivot.args.get("unpivot"):
            continue
        aggregates = list(pivot.expressions)
        single = len(aggregates) == 1
        for aggregate in aggregates:
            inner = aggregate.this if isinstance(aggregate, exp.Alias) else aggregate
            if isinstance(inner, exp.Count) and (single or isinstance(aggregate, exp.Alias)):
                inner.replace(_count_or_null(inner))
        if single and isinstance(aggregates[0], exp.Alias):
            aggregates[0].replace(aggregates[0].this)


def _count_or_null(count: exp.Count) -> exp.Expr:
    argument = count.this
    if argument is None or isinstance(argument, exp.Star):
        return template("nullif({c}, 0)", c=count)
    distinct = isinstance(argument, exp.Distinct)
    values = argument.expressions if distinct else [argument]
    if len(values) != 1:
        return count
    if distinct:  # list() is NULL over no rows; list_distinct drops the NULLs
        return template("len(list_distinct(list({x})))", x=values[0])
    return template("CAST(sum(CASE WHEN {x} IS NULL THEN 0 ELSE 1 END) AS BIGINT)", x=values[0])
