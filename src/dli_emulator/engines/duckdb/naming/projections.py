"""Spark's names for a query's result columns, computed from the Spark syntax tree.

Spark names an unaliased projection after its expression pretty-printed (`toPrettySQL`):
columns by their bare name, string literals without quotes, operators in parentheses,
functions mostly by the name the query used. DuckDB would name them after its own rendering
of the translated SQL (`count_star()`, `TRY_CAST(...)`), so the outermost projections get
these names as aliases before translation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeGuard

from sqlglot import exp

from ..functions.aggregates import pretty_aggregate
from ..functions.datetime import pretty_datetime
from ..functions.try_arithmetic import pretty_try
from ..typerules.javatext import java_double_text
from ..typerules.numeric import function_style_cast
from .collections import pretty_collection
from .functions import (
    as_written,
    pretty_as_written,
    pretty_lambda,
    pretty_special,
    pretty_window,
)

_SPARK_OPERATORS: dict[type[exp.Expr], str] = {
    exp.Add: "+",
    exp.Sub: "-",
    exp.Mul: "*",
    exp.Div: "/",
    exp.IntDiv: "div",
    exp.EQ: "=",
    exp.NullSafeEQ: "<=>",
    exp.GT: ">",
    exp.GTE: ">=",
    exp.LT: "<",
    exp.LTE: "<=",
    exp.And: "AND",
    exp.Or: "OR",
    exp.BitwiseAnd: "&",
    exp.BitwiseOr: "|",
    exp.BitwiseXor: "^",
}
# Spark math functions whose name is upper case whatever the query wrote.
_UPPER_NAMES = {
    "power",
    "sqrt",
    "exp",
    "log10",
    "log2",
    "log",
    "ceil",
    "ceiling",
    "floor",
    "signum",
    "rlike",
    "sin",
    "cos",
    "tan",
    "asin",
    "acos",
    "atan",
    "sinh",
    "cosh",
    "tanh",
    "cbrt",
    "expm1",
    "log1p",
    "atan2",
    "degrees",
    "radians",
    "cot",
    "rint",
}
# Date functions whose Java pattern sqlglot has already turned into a strftime one.
_JAVA_PATTERNED = (exp.TimeToStr, exp.StrToDate, exp.StrToTime, exp.StrToUnix, exp.UnixToStr)
_LITERAL_SUFFIX = ("bd", "l", "s", "y", "d", "f")
_COMPLEX_TYPES = (exp.DataType.Type.ARRAY, exp.DataType.Type.MAP, exp.DataType.Type.STRUCT)
# Expressions Spark names in ways not reproduced here (generators, which name their own
# columns, see `generators`; conversions sqlglot reads into other nodes): such a projection
# keeps DuckDB's name.
_UNNAMED: tuple[type[exp.Expr], ...] = (
    exp.Explode,
    exp.Inline,
    exp.Unnest,
    exp.Stack,
    exp.UnixToTime,
    exp.TimeStrToTime,
    exp.TimeToUnix,
    exp.Split,
)


def spark_names(expression: exp.Expr, source: str | None = None) -> list[str | None] | None:
    """Spark's name for each outermost projection of a query (None: DuckDB's own name is
    already Spark's, as for a column or `*`); None when `expression` is not a query."""
    select = expression
    while isinstance(select, exp.SetOperation | exp.Subquery):
        select = select.this
    if not isinstance(select, exp.Select):
        return None
    names: list[str | None] = []
    for projection in select.expressions:
        if _keeps_duckdb_name(projection):
            names.append(None)
        elif isinstance(projection, exp.Cast) and isinstance(projection.this, exp.Column):
            names.append(projection.this.name)  # Spark names a cast column after the column
        else:
            names.append(_pretty(projection, source))
    return names


def _keeps_duckdb_name(projection: exp.Expr) -> bool:
    if isinstance(projection, exp.Alias | exp.Column | exp.Star):
        return True
    # sqlglot wraps a Java-patterned function's argument (TimeStrToTime); its name is Spark's.
    if any(not isinstance(n.parent, _JAVA_PATTERNED) for n in projection.find_all(*_UNNAMED)):
        return True
    if any(_named_window(w) is None for w in projection.find_all(exp.Window) if w.alias):
        return True  # `OVER w` with no `WINDOW w AS (...)` in its SELECT
    return any(
        f.name.lower() in ("json_tuple", "stack") for f in projection.find_all(exp.Anonymous)
    )


def _named_window(window: exp.Window) -> exp.Window | None:
    """`f() OVER w` or `OVER (w ORDER BY ...)` with the definition of `WINDOW w AS (...)` filled
    in, as Spark names it; None when the window names none (or one its SELECT lacks)."""
    name = window.args.get("alias")
    select = window.find_ancestor(exp.Select)
    if not isinstance(name, exp.Identifier) or select is None:
        return None
    for definition in select.args.get("windows") or []:
        if definition.name.lower() != name.name.lower():
            continue
        merged = window.copy()
        merged.set("alias", None)
        for key in ("partition_by", "order", "spec"):
            if not merged.args.get(key) and definition.args.get(key):
                value = definition.args[key]
                merged.set(
                    key, [v.copy() for v in value] if isinstance(value, list) else value.copy()
                )
        return merged
    return None


def alias_projections(tree: exp.Expr, source: str | None) -> None:
    names = spark_names(tree, source)
    if not names or all(n is None for n in names):
        return
    select = tree
    while isinstance(select, exp.SetOperation | exp.Subquery):
        select = select.this
    used = {c.name.lower() for c in tree.find_all(exp.Column)}
    for projection, name in zip(list(select.expressions), names, strict=True):
        # An alias that is also a column's name would change what ORDER BY or GROUP BY
        # refer to in DuckDB: that projection keeps DuckDB's name.
        own = isinstance(projection, exp.Cast) and isinstance(projection.this, exp.Column)
        if name and (own or name.lower() not in used):
            projection.replace(exp.alias_(projection.copy(), name, quoted=True))


def _pretty(node: exp.Expr, source: str | None) -> str:
    def p(child: exp.Expr | None) -> str:
        return "" if child is None else _pretty(child, source)

    if isinstance(node, exp.Alias):
        return node.alias
    if isinstance(node, exp.Column):
        return node.name
    if isinstance(node, exp.Paren):
        return p(node.this)
    collection = pretty_collection(node, source, p)
    if collection is not None:
        return collection
    if isinstance(node, exp.Literal):
        return _pretty_literal(node)
    if isinstance(node, exp.Boolean):
        return "true" if node.this else "false"
    if isinstance(node, exp.Null):
        return "NULL"
    if isinstance(node, exp.HexString):
        return f"X'{node.this}'"
    if isinstance(node, exp.Neg):
        inner = node.this
        if isinstance(inner, exp.Literal) and not inner.is_string:
            text = _pretty_literal(inner)
            return text if text.strip("0.") == "" else f"-{text}"
        if _suffixed_literal(inner):
            # Spark reads `-1.5D` as one negative literal; a floating zero keeps its sign
            text = p(inner)
            floating = inner.to.is_type(exp.DataType.Type.FLOAT, exp.DataType.Type.DOUBLE)
            return text if text.strip("0.") == "" and not floating else f"-{text}"
        return f"(- {p(inner)})"
    if isinstance(node, exp.Not):
        inner = node.this
        if isinstance(inner, exp.Is):
            return f"({p(inner.this)} IS NOT {p(inner.expression)})"
        return f"(NOT {p(inner)})"
    if isinstance(node, exp.Is):
        return f"({p(node.this)} IS {p(node.expression)})"
    if isinstance(node, exp.Cast) and function_style_cast(node, source):
        return p(node.this)  # `int(x)`: Spark names the cast after its argument
    if isinstance(node, exp.Cast) and node.to.is_type(*_COMPLEX_TYPES):
        return p(node.this)  # CAST(array(1, 2) AS ARRAY<STRING>), try_cast too
    if isinstance(node, exp.Cast) and not isinstance(node, exp.TryCast):
        inner = node.this
        if isinstance(inner, exp.Literal) and node.to.is_type(exp.DataType.Type.DATE):
            return f"DATE '{inner.this}'"
        if isinstance(inner, exp.Literal) and node.to.is_type(
            exp.DataType.Type.TIMESTAMP, exp.DataType.Type.TIMESTAMPTZ
        ):
            return f"TIMESTAMP '{inner.this}'"
    if isinstance(node, exp.TsOrDsToDate) and node.args.get("format") is None:
        spelled = as_written(node, source)
        return f"{spelled.lower()}({p(node.this)})" if spelled else p(node.this)
    if isinstance(node, exp.Extract):
        return f"extract({node.name.upper()} FROM {p(node.expression)})"
    special = pretty_try(node, p) or pretty_datetime(node, p) or pretty_aggregate(node, p)
    if special is not None:
        return special
    if isinstance(node, exp.ArrayAgg):
        return f"collect_list({p(node.this)})"
    if isinstance(node, exp.ArgMax | exp.ArgMin):
        name = "max_by" if isinstance(node, exp.ArgMax) else "min_by"
        return f"{name}({p(node.this)}, {p(node.expression)})"
    if isinstance(node, exp.Anonymous) and len(node.expressions) == 1:
        name = node.name.lower()
        if name in ("isnull", "isnotnull"):
            return f"({p(node.expressions[0])} IS {'NOT ' if name == 'isnotnull' else ''}NULL)"
        if name == "positive":
            return f"(+ {p(node.expressions[0])})"
        if name == "bround":
            return f"bround({p(node.expressions[0])}, 0)"
    if isinstance(node, exp.DPipe):
        return f"concat({p(node.this)}, {p(node.expression)})"
    if isinstance(node, exp.Like):
        return f"{p(node.this)} LIKE {p(node.expression)}"
    if isinstance(node, exp.ILike):
        return f"ilike({p(node.this)}, {p(node.expression)})"
    if isinstance(node, exp.RegexpLike):
        return f"RLIKE({p(node.this)}, {p(node.expression)})"
    if isinstance(node, exp.In) and node.expressions:
        return f"({p(node.this)} IN ({', '.join(p(e) for e in node.expressions)}))"
    if isinstance(node, exp.Between):
        return f"between({p(node.this)}, {p(node.args.get('low'))}, {p(node.args.get('high'))})"
    if isinstance(node, exp.If):
        parts = [node.this, node.args.get("true"), node.args.get("false")]
        return f"(IF({', '.join(p(e) for e in parts if e is not None)}))"
    if isinstance(node, exp.Case):
        subject = node.this  # CASE v WHEN x: Spark spells out each (v = x)
        whens = " ".join(
            f"WHEN {p(w.this) if subject is None else f'({p(subject)} = {p(w.this)})'} "
            f"THEN {p(w.args.get('true'))}"
            for w in node.args.get("ifs") or []
        )
        default = node.args.get("default")
        otherwise = f" ELSE {p(default)}" if default is not None else ""
        return f"CASE {whens}{otherwise} END"
    if isinstance(node, exp.VarMap):
        keys, values = node.args["keys"], node.args["values"]
        pairs = zip(
            getattr(keys, "expressions", []), getattr(values, "expressions", []), strict=False
        )
        return f"map({', '.join(f'{p(k)}, {p(v)}' for k, v in pairs)})"
    if isinstance(node, exp.Struct):
        fields = [f for f in node.expressions if isinstance(f, exp.PropertyEQ)]
        if len(fields) == len(node.expressions):
            positional = [f.name for f in fields] == [f"col{i + 1}" for i in range(len(fields))]
            if positional:
                return f"struct({', '.join(p(f.expression) for f in fields)})"
            named = ", ".join(f"{f.name}, {p(f.expression)}" for f in fields)
            return f"named_struct({named})"
    if isinstance(node, exp.Round) and node.args.get("decimals") is None:
        spelled = as_written(node, source) or "round"
        return f"{spelled.lower()}({p(node.this)}, 0)"
    if isinstance(node, exp.Substring):
        written = "substring" if source and "substring(" in source.lower() else "substr"
        length = node.args.get("length")
        tail = p(length) if length is not None else "2147483647"
        return f"{written}({p(node.this)}, {p(node.args.get('start'))}, {tail})"
    if isinstance(node, exp.Log) and node.expression is not None:
        spelled = (as_written(node, source) or "log").lower()
        if spelled in ("log10", "log2"):
            return f"{spelled.upper()}({p(node.expression)})"
    if isinstance(node, exp.TsOrDsAdd | exp.DateAdd | exp.DateSub):
        spelled = (as_written(node, source) or "date_add").lower()
        amount = node.expression
        if isinstance(amount, exp.Mul) and spelled == "date_sub":
            amount = amount.this  # sqlglot reads date_sub as date_add of the negated amount
        if spelled in ("date_add", "date_sub", "dateadd"):
            return f"{spelled}({p(node.this)}, {p(amount)})"
        return node.sql("spark")
    if isinstance(node, exp.Cast):
        inner = node.this
        if isinstance(inner, exp.Literal) and not inner.meta:
            return _pretty_literal(inner)  # a 12.345BD literal
        spelled = as_written(inner, source) if isinstance(inner, exp.Literal) else None
        if spelled and spelled.lower().endswith(_LITERAL_SUFFIX) and not inner.is_string:
            return _pretty_literal(inner)  # 10L, 5S, 7Y, 1.5D, 2.25F
        kind = node.to.sql("spark").upper().replace(", ", ",")
        prefix = "TRY_CAST" if node.args.get("safe") else "CAST"
        return f"{prefix}({p(inner)} AS {kind})"
    operator = _SPARK_OPERATORS.get(type(node))
    if operator is not None:
        left, right = node.this, node.expression
        if isinstance(node, exp.Mul) and isinstance(right, exp.Interval):
            left, right = right, left  # Spark multiplies an interval by a number, so names it
        return f"({p(left)} {operator} {p(right)})"
    if isinstance(node, exp.Window):
        return pretty_window(_named_window(node) or node, p)
    if isinstance(node, _JAVA_PATTERNED) or (
        isinstance(node, exp.TsOrDsToDate) and node.args.get("format") is not None
    ):
        return pretty_as_written(node, source, p) or node.sql("spark")
    if isinstance(node, exp.Lambda):
        return pretty_lambda(node, p)
    if isinstance(node, exp.Reduce) and node.args.get("finish") is None:
        identity = "lambdafunction(namedlambdavariable(), namedlambdavariable())"
        merge = p(node.args.get("merge"))
        name = as_written(node, source) or "aggregate"
        return f"{name.lower()}({p(node.this)}, {p(node.args.get('initial'))}, {merge}, {identity})"
    special = pretty_special(node, source, p)
    if special is not None:
        return special
    if isinstance(node, exp.Lag | exp.Lead):
        name = "lag" if isinstance(node, exp.Lag) else "lead"
        offset, default = node.args.get("offset"), node.args.get("default")
        return f"{name}({p(node.this)}, {p(offset) if offset else '1'}, {p(default) or 'NULL'})"
    if isinstance(node, exp.Rank | exp.DenseRank | exp.PercentRank) and not node.expressions:
        return f"{node.sql_name().upper()}()"
    if isinstance(node, exp.Count):
        inner = node.this
        if inner is None or isinstance(inner, exp.Star):
            return "count(1)"
        if isinstance(inner, exp.Distinct):
            return f"count(DISTINCT {', '.join(p(e) for e in inner.expressions)})"
        return f"count({p(inner)})"
    if isinstance(node, exp.Func):
        return _pretty_function(node, source, p)
    return node.sql("spark")


def _suffixed_literal(node: exp.Expr) -> TypeGuard[exp.TryCast]:
    """A number with a type suffix (`1.5D`, `2L`, `1.5BD`): sqlglot reads it as an unsafe
    TRY_CAST of the literal (`try_cast(...)` is marked safe)."""
    return (
        isinstance(node, exp.TryCast)
        and not node.args.get("safe")
        and isinstance(node.this, exp.Literal)
    )


def _pretty_literal(literal: exp.Literal) -> str:
    text = str(literal.this)
    if literal.is_string:
        return text
    if "e" in text.lower():
        return java_double_text(float(text))
    # Spark prints the number it read: no leading zeros (`007` is 7, `00.5` is 0.5)
    whole, point, fraction = text.partition(".")
    if not (whole.isdigit() or (point and not whole)):
        return text
    return (whole.lstrip("0") or "0") + (point + fraction if fraction else "")


def _pretty_function(
    node: exp.Func, source: str | None, p: Callable[[exp.Expr | None], str]
) -> str:
    if isinstance(node, exp.Anonymous):
        name = str(node.this)
        arguments = list(node.expressions)
    else:
        name = as_written(node, source) or node.sql_name()
        arguments = []
        for key in node.arg_types:
            value = node.args.get(key)
            if isinstance(value, list):
                arguments.extend(v for v in value if isinstance(v, exp.Expr))
            elif isinstance(value, exp.Expr):
                arguments.append(value)
    name = name.upper() if name.lower() in _UPPER_NAMES else name.lower()
    return f"{name}({', '.join(p(a) for a in arguments)})"
