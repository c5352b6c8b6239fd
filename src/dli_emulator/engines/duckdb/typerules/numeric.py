"""Spark's result types and non-ANSI numeric semantics, written into the Spark tree before it is
translated for DuckDB.

With the types `SparkTyper` infers:
- a query's result columns are cast to Spark's type (decimal(7,6) for `1.0 / 3`, int for
  `row_number()`, tinyint for `grouping(x)`, the wider type of a UNION's branches, ...), with
  TRY_CAST: a decimal that does not fit is NULL, as Spark's non-ANSI overflow is;
- decimal division and avg are exact, rounded half up at Spark's scale (`decimals`);
- `typeof(x)` answers Spark's type name (`decimal(8,5)`, `array<int>`, `interval day`);
- integer + - * wrap around on overflow as Java's do (computed one size wider, then wrapped),
  try_add, try_subtract, try_multiply and an integral try_sum are NULL instead;
- decimal + - * % whose result has 38 digits is NULL where it overflows (DuckDB raises);
- a string in arithmetic is read as a double (`'5' + 1` is 6.0, `'a' + 1` NULL);
- CAST to an integral type truncates toward zero, wraps a wider integer or decimal around,
  clamps a double (NaN is 0) and reads a string's integral part, as Spark's non-ANSI Cast does.
"""

from __future__ import annotations

from sqlglot import exp

from ...sparktypes import BYTE, DOUBLE, FLOAT, INTEGER, LONG, SHORT, STRING, SparkType
from ..functions.csv_text import annotate_to_csv
from ..functions.intervals import rewrite_interval
from ..functions.json_text import annotate_to_json
from ..functions.try_arithmetic import TRY_OPERATORS, TrySum
from ..sqltypes import storage_sql
from .decimals import exact_quotient
from .inference import ColumnTypes, SparkTyper, branches, with_window
from .javatext import java_double_sql
from .rules import INTEGRALS, MAX_PRECISION, is_decimal, precision_scale
from .timestampcasts import rewrite_timestamp_cast, stringify_timestamp_arguments

_BITS = {BYTE: 8, SHORT: 16, INTEGER: 32, LONG: 64}
_NUMERIC = (*INTEGRALS, FLOAT, DOUBLE)
# Spark's function-style casts: `bigint('42')` is CAST('42' AS BIGINT).
CAST_FUNCTIONS = {
    "tinyint",
    "smallint",
    "int",
    "bigint",
    "float",
    "double",
    "decimal",
    "string",
    "boolean",
    "date",
    "timestamp",
    "binary",
}
# A string Spark's Cast reads as an integer: sign, digits, optional fraction (dropped).
_INTEGRAL_TEXT = r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$"


def normalize(tree: exp.Expr, source: str | None = None) -> None:
    """Spark spellings DuckDB reads differently, fixed before names are computed: `bigint(x)`
    and the other function-style casts are Spark's (lenient) CAST, DECIMAL alone is
    decimal(10,0), `GROUP BY a WITH ROLLUP` is `GROUP BY ROLLUP(a)`. `source`, the statement's
    text, tells a function-style cast from the others."""
    for function in list(tree.find_all(exp.Anonymous)):
        name = str(function.name).lower()
        if name in CAST_FUNCTIONS and len(function.expressions) == 1:
            to = exp.DataType.build(name, dialect="spark")
            cast = exp.TryCast(this=function.expressions[0], to=to)
            cast.meta.update(function.meta)
            function.replace(cast)
    for strict in list(tree.find_all(exp.Cast)):
        # sqlglot reads `int(x)` as a strict cast: Spark's gives NULL where it cannot convert.
        if type(strict) is exp.Cast and function_style_cast(strict, source):
            lenient = exp.TryCast(this=strict.this, to=strict.to)
            lenient.meta.update(strict.meta)
            strict.replace(lenient)
    for datatype in tree.find_all(exp.DataType):
        if datatype.this == exp.DataType.Type.DECIMAL and not datatype.expressions:
            digits = [exp.DataTypeParam(this=exp.Literal.number(n)) for n in (10, 0)]
            datatype.set("expressions", digits)
    for group in tree.find_all(exp.Group):
        for kind, node in (("rollup", exp.Rollup), ("cube", exp.Cube)):
            marker = group.args.get(kind)
            if marker and not any(m.expressions for m in marker) and group.expressions:
                group.set(kind, None)
                group.set("expressions", [node(expressions=list(group.expressions))])


def function_style_cast(cast: exp.Expr, source: str | None) -> bool:
    """Whether the query wrote this cast as a function (`int(x)`), which Spark names after its
    argument alone."""
    start, end = cast.meta.get("start"), cast.meta.get("end")
    if source is None or not isinstance(start, int) or not isinstance(end, int):
        return False
    return source[start : end + 1].lower() in CAST_FUNCTIONS


def apply_spark_types(tree: exp.Expr, columns: ColumnTypes | None) -> list[SparkType | None]:
    """Rewrite `tree` (see the module docstring); what the types are unknown for is left.
    Returns the Spark types of a query's result columns ([] when they are not known)."""
    typer = SparkTyper(tree, columns)
    for node in tree.walk():  # typed first: the rewrites below put in nodes the typer never saw
        typer.type_of(node)
    for node in reversed(list(tree.walk())):
        if rewrite_interval(node, typer):
            continue
        if isinstance(node, exp.Typeof):
            kind = typer.type_of(node.this)
            if kind is not None:
                node.replace(_constant(exp.Literal.string(kind.simple), node.this))
        elif isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div | exp.Mod):
            _arithmetic(node, typer)
        elif isinstance(node, exp.Concat | exp.ConcatWs | exp.DPipe):
            stringify_timestamp_arguments(node, typer)
        elif isinstance(node, exp.JSONFormat):
            annotate_to_json(node, typer.type_of(node.this))
        elif isinstance(node, exp.Anonymous) and node.name.lower() == "to_csv" and node.expressions:
            annotate_to_csv(node, typer.type_of(node.expressions[0]))
        elif isinstance(node, exp.Cast) and rewrite_timestamp_cast(node, typer):
            continue
        elif isinstance(node, exp.Cast) and typer.type_of(node) in INTEGRALS:
            _integral_cast(node, typer)
        elif isinstance(node, exp.Cast) and typer.type_of(node) == STRING:
            if typer.type_of(node.this) in (DOUBLE, FLOAT):
                node.replace(java_double_sql(node.this))
        elif isinstance(node, exp.Avg) and is_decimal(typer.type_of(node)):
            _average(node, typer)
        elif isinstance(node, TrySum) and typer.type_of(node.this) in INTEGRALS:
            # DuckDB sums integers as HUGEINT; beyond a bigint, try_sum is NULL (sum wraps)
            _cast_in_place(with_window(node), LONG)
        elif isinstance(node, exp.Neg) and typer.type_of(node.this) == STRING:
            node.this.replace(exp.TryCast(this=node.this.copy(), to=_duck(DOUBLE), safe=True))
        elif isinstance(node, exp.Neg | exp.Abs) and not isinstance(node.this, exp.Literal):
            _wrapped_sign(node, typer)
        elif isinstance(node, exp.Sum | exp.Avg) and typer.type_of(node.this) == STRING:
            # Spark sums and averages strings as doubles
            argument = (
                node.this.expressions[0] if isinstance(node.this, exp.Distinct) else node.this
            )
            argument.replace(exp.TryCast(this=argument.copy(), to=_duck(DOUBLE), safe=True))
    query = tree.expression if isinstance(tree, exp.Create) else tree  # CTAS, CREATE VIEW
    selects = branches(query) if isinstance(query, exp.Expr) else []
    kinds = typer.set_operation_types(selects) if selects else None
    for select in selects if kinds is not None else []:
        for projection, kind in zip(select.expressions, kinds or [], strict=True):
            _cast_result(projection, kind, typer, first=select is selects[0])
    return kinds or []


def _arithmetic(node: exp.Binary, typer: SparkTyper) -> None:
    kind = typer.type_of(node)
    if kind is None:
        return
    if kind == DOUBLE:
        for side in (node.this, node.expression):
            if typer.type_of(side) == STRING:
                side.replace(exp.TryCast(this=side.copy(), to=_duck(DOUBLE), safe=True))
    elif kind in INTEGRALS and isinstance(node, exp.Add | exp.Sub | exp.Mul):
        wide = "BIGINT" if kind != LONG else "HUGEINT"
        widened_type = exp.DataType.build(wide, dialect="duckdb")
        left = exp.TryCast(this=node.this.copy(), to=widened_type, safe=True)
        widened = node.__class__(this=left, expression=node.expression.copy())
        # try_add and the others are NULL where the result does not fit; the operators wrap
        fitted = widened if isinstance(node, TRY_OPERATORS) else _wrap(widened, _BITS[kind])
        node.replace(exp.TryCast(this=fitted, to=_duck(kind), safe=True))
    elif is_decimal(kind) and isinstance(node, exp.Div):
        _divide(node, node.this, node.expression, kind, typer)
    elif is_decimal(kind) and precision_scale(kind)[0] == MAX_PRECISION:
        # Spark's decimal(38, s) overflows to NULL without ANSI mode; DuckDB raises
        node.replace(exp.TryCast(this=_call("try", node.copy()), to=_duck(kind), safe=True))


def _wrapped_sign(node: exp.Neg | exp.Abs, typer: SparkTyper) -> None:
    """-x and abs(x) of the smallest integer are that integer again in Java; DuckDB raises."""
    kind = typer.type_of(node)
    if kind not in INTEGRALS:
        return
    wide = exp.DataType.build("BIGINT" if kind != LONG else "HUGEINT", dialect="duckdb")
    widened = node.__class__(this=exp.TryCast(this=node.this.copy(), to=wide, safe=True))
    node.replace(exp.TryCast(this=_wrap(widened, _BITS[kind]), to=_duck(kind), safe=True))


def _divide(
    node: exp.Expr, dividend: exp.Expr, divisor: exp.Expr, kind: SparkType, typer: SparkTyper
) -> None:
    """A decimal quotient, exact (`decimals`) where it fits, else DuckDB's double cast."""
    kinds = typer.type_of(dividend), typer.type_of(divisor)
    one = typer.as_decimal(dividend, kinds[0]) if kinds[0] is not None else None
    two = typer.as_decimal(divisor, kinds[1]) if kinds[1] is not None else None
    exact = None
    if one is not None and two is not None:
        exact = exact_quotient(dividend, one, divisor, two, kind)
    if exact is None:
        _cast_in_place(node, kind)
    else:
        node.replace(exact)


def _average(node: exp.Avg, typer: SparkTyper) -> None:
    """avg of decimals as Spark's exact sum / count (keeping its OVER or FILTER)."""
    kind, argument = typer.type_of(node), typer.type_of(node.this)
    assert kind is not None and argument is not None
    whole = with_window(node)
    precision, scale = precision_scale(argument)
    total, count = (
        _instead_of(whole, exp.Sum(this=node.this.copy())),
        _instead_of(whole, exp.Count(this=node.this.copy())),
    )
    exact = exact_quotient(total, (min(precision + 10, 38), scale), count, (20, 0), kind)
    if exact is None:
        _cast_in_place(whole, kind)
    else:
        whole.replace(exact)


def _instead_of(whole: exp.Expr, function: exp.Expr) -> exp.Expr:
    """`whole` (an avg, maybe inside OVER or FILTER) with `function` in place of the avg."""
    if isinstance(whole, exp.Avg):
        return function
    copy = whole.copy()
    average = copy.find(exp.Avg)
    assert average is not None
    average.replace(function)
    return copy


def _integral_cast(node: exp.Cast, typer: SparkTyper) -> None:
    target = typer.type_of(node)
    source = typer.type_of(node.this)
    assert target is not None
    value = node.this
    bits = _BITS[target]
    lenient = not node.args.get("safe")  # CAST wraps around; try_cast gives NULL
    if source == STRING:
        matches = _call("regexp_matches", value.copy(), exp.Literal.string(_INTEGRAL_TEXT))
        # sign, then 0, then the digits before the point: '-.5' -> '-0', '12.7' -> '012'
        digits = _call(
            "regexp_replace",
            value.copy(),
            exp.Literal.string(r"^\s*([+-]?)(\d*).*$"),
            exp.Literal.string(r"\10\2"),
        )
        text = exp.Case(ifs=[exp.If(this=matches, true=digits)])
        node.replace(exp.TryCast(this=text, to=_duck(target), safe=True))
    elif is_decimal(source):
        whole = _call("trunc", value.copy())
        if lenient:
            wide = exp.Cast(this=whole, to=exp.DataType.build("HUGEINT", dialect="duckdb"))
            node.replace(exp.Cast(this=_wrap(wide, bits), to=_duck(target)))
        else:
            node.replace(exp.TryCast(this=whole, to=_duck(target), safe=True))
    elif source in (DOUBLE, FLOAT):
        if not lenient:
            node.replace(
                exp.TryCast(this=_call("trunc", value.copy()), to=_duck(target), safe=True)
            )
            return
        # Java's (int)/(long) of a double: NaN is 0, beyond the range the nearest bound; a
        # byte or short goes through int, then wraps.
        through = LONG if target == LONG else INTEGER
        low, high = -(2 ** (_BITS[through] - 1)), 2 ** (_BITS[through] - 1) - 1
        clamped = exp.Case(
            ifs=[
                exp.If(this=_call("isnan", value.copy()), true=exp.Literal.number(0)),
                exp.If(
                    this=exp.GTE(this=value.copy(), expression=_number(high)), true=_number(high)
                ),
                exp.If(this=exp.LTE(this=value.copy(), expression=_number(low)), true=_number(low)),
            ],
            default=exp.Cast(this=_call("trunc", value.copy()), to=_duck(through)),
        )
        inner: exp.Expr = clamped
        if through != target:
            inner = _wrap(exp.Cast(this=clamped, to=_duck(LONG)), bits)
        node.replace(exp.Cast(this=inner, to=_duck(target)))
    elif source in INTEGRALS and lenient and _BITS[source] > bits:
        wide = exp.Cast(this=value.copy(), to=exp.DataType.build("HUGEINT", dialect="duckdb"))
        node.replace(exp.Cast(this=_wrap(wide, bits), to=_duck(target)))


def _cast_result(
    projection: exp.Expr, kind: SparkType | None, typer: SparkTyper, first: bool
) -> None:
    """A result column cast to its Spark type (in a UNION, the type of every branch's column)."""
    if kind is None or not (kind in _NUMERIC or is_decimal(kind)):
        return
    inner = projection.this if isinstance(projection, exp.Alias) else projection
    value = inner.this if isinstance(inner, exp.Window) else inner
    if kind == LONG and isinstance(value, exp.Sum):
        return  # DuckDB's HUGEINT sum is wrapped into a bigint when the result is stored
    if isinstance(inner, exp.Column) and typer.type_of(inner) == kind and typer.stored(inner):
        return  # a table's column has its type already
    if isinstance(projection, exp.Alias) or not first:  # only the first branch names a UNION
        _cast_in_place(inner, kind)
    elif isinstance(projection, exp.Column):
        cast = exp.TryCast(this=projection.copy(), to=_duck(kind), safe=True)
        projection.replace(exp.alias_(cast, projection.name, quoted=True))


def _cast_in_place(node: exp.Expr, kind: SparkType | None) -> None:
    assert kind is not None
    node.replace(exp.TryCast(this=node.copy(), to=_duck(kind), safe=True))


def _constant(value: exp.Expr, replaced: exp.Expr) -> exp.Expr:
    """`value` in place of `replaced`; an aggregate or a column stays in the query (still
    evaluated), so that `SELECT typeof(sum(x)) FROM t` remains one row per group and
    `SELECT typeof(x), sum(y) FROM t` is refused for its missing GROUP BY, as Spark does."""
    if replaced.find(exp.AggFunc, exp.Column) is None:
        return value
    missing = exp.Is(this=replaced.copy(), expression=exp.Null())
    return exp.Case(ifs=[exp.If(this=missing, true=value)], default=value.copy())


def _wrap(value: exp.Expr, bits: int) -> exp.Expr:
    """`value` (an integer one size wider) wrapped into a signed `bits`-bit range."""
    half, full = _number(2 ** (bits - 1)), _number(2**bits)
    shifted = exp.Mod(this=exp.Paren(this=exp.Add(this=value, expression=half)), expression=full)
    positive = exp.Mod(
        this=exp.Paren(this=exp.Add(this=shifted, expression=full.copy())), expression=full.copy()
    )
    return exp.Paren(this=exp.Sub(this=positive, expression=half.copy()))


def _number(value: int) -> exp.Expr:
    literal = exp.Literal.number(abs(value))
    return exp.Paren(this=exp.Neg(this=literal)) if value < 0 else literal


def _call(name: str, *arguments: exp.Expr) -> exp.Anonymous:
    return exp.Anonymous(this=name, expressions=list(arguments))


def _duck(kind: SparkType) -> exp.DataType:
    return exp.DataType.build(storage_sql(kind), dialect="duckdb")
