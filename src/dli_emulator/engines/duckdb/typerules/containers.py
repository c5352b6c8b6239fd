"""Spark's result types of the collection and JSON functions, and of date and timestamp
differences, for `typeof` and the result schema (`collectionOperations.scala`,
`jsonExpressions.scala`, `SubtractTimestamps`, `SubtractDates`).

String functions give a string (concat of arrays excepted); collect_list/collect_set give an
array of their argument's type, and sort_array, array_sort,
array_distinct, slice keep their array's type; split gives array<string>; from_json the type
its schema names (`a INT, b STRING` is a struct); a timestamp minus a timestamp is an
`interval day to second`, a date minus a date an `interval day` (other intervals:
`intervals.py`).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.errors import ParseError

from ...sparktypes import DATE, STRING, TIMESTAMP, SparkType, array, atomic
from .rules import spark_type_of_datatype

Typer = Callable[[exp.Expr], SparkType | None]

_SAME_ARRAY = (exp.ArraySort, exp.ArrayDistinct, exp.ArraySlice)
# String functions whose result is a string whatever their arguments
_STRING_RESULTS: tuple[type[exp.Expr], ...] = (
    *(exp.Trim, exp.Lower, exp.Upper, exp.Initcap, exp.Substring, exp.SubstringIndex),
    *(exp.Pad, exp.Left, exp.Right, exp.Replace, exp.Translate, exp.Repeat, exp.Overlay),
    *(exp.RegexpReplace, exp.RegexpExtract, exp.SplitPart, exp.ConcatWs, exp.Format),
    *(exp.MD5, exp.SHA2, exp.ToBase64, exp.Hex, exp.JSONExtractScalar),
    *(exp.TimeToStr, exp.UnixToStr),
)


def container_type(node: exp.Expr, type_of: Typer) -> SparkType | None:
    """The Spark type of `node` when it is one of the functions above; else None."""
    if isinstance(node, exp.ArrayAgg | exp.ArrayUniqueAgg):
        argument = node.this
        if isinstance(argument, exp.Distinct) and len(argument.expressions) == 1:
            argument = argument.expressions[0]
        element = type_of(argument)
        return array(element) if element is not None else None
    if isinstance(node, _SAME_ARRAY):
        kind = type_of(node.this)
        return kind if kind is not None and kind.name == "array" else None
    if isinstance(node, exp.RegexpSplit | exp.Split):
        return array(STRING)
    if isinstance(node, _STRING_RESULTS):
        return STRING
    if isinstance(node, exp.Concat | exp.DPipe):  # of arrays, an array; else a string
        arguments = (
            [node.this, node.expression] if isinstance(node, exp.DPipe) else node.expressions
        )
        kinds = [type_of(a) for a in arguments]
        if kinds and all(k is not None and k.name not in ("array", "binary") for k in kinds):
            return STRING
        return None
    if isinstance(node, exp.FromJson):
        schema = node.expression
        return schema_type(schema.name) if isinstance(schema, exp.Literal) else None
    if isinstance(node, exp.Anonymous) and len(node.expressions) >= 2:
        schema = node.expressions[1]
        if node.name.lower() == "from_csv" and isinstance(schema, exp.Literal):
            kind = schema_type(schema.name)
            return kind if kind is not None and kind.name == "struct" else None
    return None


def difference_type(left: SparkType | None, right: SparkType | None) -> SparkType | None:
    """The type of `left - right` for dates and timestamps; None for other operands."""
    if left not in (DATE, TIMESTAMP) or right not in (DATE, TIMESTAMP):
        return None
    return atomic("interval day" if left == right == DATE else "interval day to second")


def values_columns(
    values: exp.Values, common: Callable[[list[exp.Expr | None]], SparkType | None]
) -> dict[str, SparkType | None] | None:
    """The columns of `VALUES (...), (...) AS t(a, b)`: each the type its rows widen to."""
    alias = values.args.get("alias")
    names = [c.name.lower() for c in alias.columns] if isinstance(alias, exp.TableAlias) else []
    rows = [row.expressions for row in values.expressions if isinstance(row, exp.Tuple)]
    if not names or len(rows) != len(values.expressions) or any(len(r) != len(names) for r in rows):
        return None
    return {name: common([row[i] for row in rows]) for i, name in enumerate(names)}


def schema_type(schema: str) -> SparkType | None:
    """The type a from_json schema in DDL form names: `a INT, b STRING`, `STRUCT<...>`,
    `MAP<...>`, `ARRAY<...>`."""
    text = schema.strip()
    if not text.upper().startswith(("STRUCT<", "MAP<", "ARRAY<")):
        text = f"STRUCT<{text}>"
    try:
        datatype = exp.DataType.build(text, dialect="spark")
    except (ParseError, ValueError):
        return None
    return spark_type_of_datatype(datatype)
