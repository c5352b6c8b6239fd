"""Spark's try_add, try_subtract, try_multiply, try_divide, try_mod, try_sum and try_avg on
DuckDB.

Each is its operator (`+ - * / %`) with Spark's result types and date and interval arithmetic
(`try_add(date, 1)` is a date, `try_subtract(date, date)` an interval day), except that an
integral overflow is NULL where the operator wraps around as Java's does (and DuckDB raises). So
the calls become subclasses of sqlglot's operator nodes: the type rules, date marks and interval
rewrites that match the operator match them too, `typerules.numeric` leaves out the wrap-around
for them, and the names stay Spark's (`try_add(a, b)`, not `(a + b)`). try_sum and try_avg are
sum and avg the same way (an integral try_sum beyond a bigint is NULL, see `typerules.numeric`).
Exported for `translate`: `TRANSFORMS` (each rendered as its operator; the aggregates render
as sum and avg by their SQL names).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

_SPARK_NAMES: dict[type[exp.Expr], str] = {}


def _try_operator(operator: type[exp.Binary], spark_name: str) -> type[exp.Binary]:
    """A subclass of `operator` (every rule for the operator applies) that Spark names
    `spark_name(a, b)`."""
    kind = type(f"Try{operator.__name__}", (operator,), {})
    _SPARK_NAMES[kind] = spark_name
    return kind


TryAdd = _try_operator(exp.Add, "try_add")
TrySub = _try_operator(exp.Sub, "try_subtract")
TryMul = _try_operator(exp.Mul, "try_multiply")
TryDiv = _try_operator(exp.Div, "try_divide")
TryMod = _try_operator(exp.Mod, "try_mod")


class TrySum(exp.Sum):
    spark_name = "try_sum"
    _sql_names: ClassVar[list[str]] = ["SUM"]


class TryAvg(exp.Avg):
    spark_name = "try_avg"
    _sql_names: ClassVar[list[str]] = ["AVG"]


TRY_OPERATORS = (TryAdd, TrySub, TryMul, TryDiv, TryMod)
_AGGREGATES: dict[str, type[exp.AggFunc]] = {"try_sum": TrySum, "try_avg": TryAvg}
_FROM_SQLGLOT: dict[type[exp.Expr], type[exp.Binary]] = {
    exp.SafeAdd: TryAdd,
    exp.SafeSubtract: TrySub,
    exp.SafeMultiply: TryMul,
    exp.SafeDivide: TryDiv,
}


def _as_operator(operator: type[exp.Binary]) -> Callable[[DuckDBGenerator, exp.Expr], str]:
    # Through the generator's own method, so that its date and interval overrides apply.
    return lambda self, node: str(getattr(self, f"{operator.key}_sql")(node))


TRANSFORMS: dict[type[exp.Expr], Callable[[DuckDBGenerator, exp.Expr], str]] = {
    kind: _as_operator(kind.__bases__[0]) for kind in TRY_OPERATORS
}


def rewrite_try_arithmetic(tree: exp.Expr) -> None:
    """The try_ calls (sqlglot reads try_add as SafeAdd, ..., try_mod as a plain call) as the
    operator subclasses, before anything looks at operators."""
    for node in list(tree.find_all(*_FROM_SQLGLOT, exp.Anonymous)):
        kind = _FROM_SQLGLOT.get(type(node))
        if kind is not None:
            left, right = node.this, node.args["expression"]
        elif str(node.name).lower() == "try_mod" and len(node.expressions) == 2:
            kind, (left, right) = TryMod, node.expressions
        elif str(node.name).lower() in _AGGREGATES and len(node.expressions) == 1:
            aggregate = _AGGREGATES[str(node.name).lower()](this=node.expressions[0].copy())
            aggregate.meta.update(node.meta)
            node.replace(aggregate)
            continue
        else:
            continue
        operator = kind(this=left.copy(), expression=right.copy())
        if kind is TryDiv:  # Spark's `/` (so try_divide) is NULL for a zero divisor
            operator.set("safe", True)
            operator.set("typed", False)
        operator.meta.update(node.meta)
        node.replace(operator)


def pretty_try(node: exp.Expr, p: Callable[[exp.Expr | None], str]) -> str | None:
    """Spark's name of a try_ call: the function's, over its arguments' names."""
    if isinstance(node, TrySum | TryAvg):
        return f"{node.spark_name}({p(node.this)})"
    name = _SPARK_NAMES.get(type(node))
    return None if name is None else f"{name}({p(node.this)}, {p(node.expression)})"
