"""Checks Spark's analyzer makes that DuckDB would not, and what it resolves differently.

Each refusal carries Spark's error class and message (Spark 4's `error-conditions.json`), so a
job that fails on Spark fails here with the same words. The rules are Spark's, not a list of
statements: a ranking or offset window function needs an ordered window, a permanent view
needs an alias for every computed column, INSERT OVERWRITE may not read its own target, and
`count(DISTINCT *)` counts the distinct non-null rows of every column in scope.
"""

from __future__ import annotations

import re

from sqlglot import exp

from ...errors import DliError, semantic_error
from ..sparktypes import DATE, DOUBLE, FLOAT, LONG, STRING, TIMESTAMP, VOID, SparkType
from .naming.projections import spark_names
from .typerules.dates import interval_unit
from .typerules.inference import ColumnTypes, SparkTyper
from .typerules.rules import INTEGRALS, MAX_PRECISION, is_decimal

# Window functions Spark refuses over an unordered window, with the expression its message
# shows as the example (rank-like functions upper case, as Spark prints them).
_NEEDS_ORDER: dict[type[exp.Expr], str] = {
    exp.Rank: "RANK",
    exp.DenseRank: "DENSE_RANK",
    exp.PercentRank: "PERCENT_RANK",
    exp.CumeDist: "cume_dist",
    exp.RowNumber: "row_number",
    exp.Ntile: "ntile",
    exp.Lag: "lag",
    exp.Lead: "lead",
    exp.NthValue: "nth_value",
}
# The same functions when sqlglot reads them as anonymous calls.
_NEEDS_ORDER_NAMES = {"rank", "dense_rank", "percent_rank", "cume_dist", "row_number", "ntile"}
_SPARK_CATALOG = "spark_catalog"
# Operand types Spark's date_add/date_sub refuse as a number of days (a string is a double)
_NOT_DAYS = (LONG, FLOAT, DOUBLE, STRING)
_NUMBERS = (*INTEGRALS, FLOAT, DOUBLE)
# Generators can give several columns from one projection.
_GENERATORS: tuple[type[exp.Expr], ...] = (exp.Explode, exp.Inline, exp.Unnest, exp.Stack)
# `DATE '...'` and `TIMESTAMP '...'` are literals to Spark; sqlglot reads them as casts.
_TYPED_LITERALS = (
    exp.DataType.Type.DATE,
    exp.DataType.Type.TIMESTAMP,
    exp.DataType.Type.TIMESTAMPTZ,
)


def analyze(tree: exp.Expr) -> None:
    """Refuse (DLI semantic error) what Spark's analyzer refuses in `tree`; rewrite in place
    what it resolves differently."""
    for window in tree.find_all(exp.Window):
        _require_ordered(window)
    for function in tree.find_all(*_NEEDS_ORDER):
        _require_over(function)
    for operation in tree.find_all(exp.SetOperation):
        _require_same_width(operation)
    for order in tree.find_all(exp.Order):
        _require_positions_in_range(order)
    for function in tree.find_all(exp.ArrayContains, exp.MapContainsKey):
        _refuse_null_argument(function)
    for count in list(tree.find_all(exp.Count)):
        _expand_distinct_star(count)
    for node in tree.find_all(exp.Literal, exp.DataType):
        _refuse_wide_decimal(node)


def _refuse_wide_decimal(node: exp.Expr) -> None:
    """A decimal of more than 38 digits: a literal (Spark reads a number without an exponent
    as an exact decimal: `max(precision, scale)` digits, leading zeros not counted) or a
    DECIMAL(p, s) type. DuckDB would read the literal as a double."""
    if isinstance(node, exp.DataType):
        if not node.is_type(exp.DataType.Type.DECIMAL) or not node.expressions:
            return
        first = node.expressions[0]
        digits = first.this if isinstance(first, exp.DataTypeParam) else first
        precision = int(digits.name) if digits.is_int else 0
    elif isinstance(node, exp.Literal):
        text = str(node.this)
        if node.is_string or not re.fullmatch(r"\d*\.?\d*", text) or text in ("", "."):
            return
        whole, _, fraction = text.partition(".")
        precision = max(len((whole + fraction).lstrip("0")) or 1, len(fraction))
    else:
        return
    if precision > MAX_PRECISION:
        raise semantic_error(
            f"[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision {precision} exceeds "
            f"max precision {MAX_PRECISION}."
        )


def refuse_type_mismatches(tree: exp.Expr, columns: ColumnTypes | None, source: str | None) -> None:
    """Operand and argument types Spark's analyzer refuses and DuckDB would take (or refuse in
    its own words), typed once for both checks below. `source`, the statement's text, names
    literals as written."""
    typer = SparkTyper(tree, columns)
    _refuse_datetime_mismatches(tree, typer, source)
    _refuse_argument_mismatches(tree, typer, source)


def _shown(node: exp.Expr, source: str | None = None) -> str:
    """`node` as Spark shows it in a message: its name."""
    names = spark_names(exp.Select(expressions=[node.copy()]), source) or [None]
    return names[0] or node.sql("spark")


def _refuse_datetime_mismatches(tree: exp.Expr, typer: SparkTyper, source: str | None) -> None:
    """Date and timestamp arithmetic Spark's analyzer refuses for its operand types (DuckDB
    refuses most too, with a list of every `+` it has): a date plus or minus a number that is
    not an int (a string is read as a double first), a timestamp plus a number, a string plus
    or minus a year-month interval."""
    for node in tree.find_all(exp.Add, exp.Sub):
        left, right = typer.type_of(node.this), typer.type_of(node.expression)
        if left is None or right is None:
            continue
        sign = "+" if isinstance(node, exp.Add) else "-"
        pairs = [(node.this, left, node.expression, right)]
        if isinstance(node, exp.Add):
            pairs.append((node.expression, right, node.this, left))
        for first, kind, second, other in pairs:
            if kind == DATE and (other in _NOT_DAYS or is_decimal(other)):
                other = DOUBLE if other == STRING else other
                function = "date_add" if sign == "+" else "date_sub"
                call = f"{function}({_shown(first, source)}, {_shown(second, source)})"
                raise _type_mismatch(
                    "UNEXPECTED_INPUT_TYPE",
                    call,
                    'The second parameter requires the ("INT" or "SMALLINT" or "TINYINT") type, '
                    f'however "{_shown(second, source)}" has the type "{other.simple.upper()}".',
                )
        number = right in _NUMBERS or is_decimal(right)
        timestamp_plus_number = left == TIMESTAMP and sign == "+" and number
        text_plus_months = left == STRING and interval_unit(node.expression) in ("YEAR", "MONTH")
        if timestamp_plus_number or text_plus_months:
            shown = f"{_shown(node.this, source)} {sign} {_shown(node.expression, source)}"
            raise _type_mismatch(
                "BINARY_OP_DIFF_TYPES",
                f"({shown})",
                "the left and right operands of the binary operator have incompatible types "
                f'("{left.simple.upper()}" and "{right.simple.upper()}").',
            )


def _refuse_argument_mismatches(tree: exp.Expr, typer: SparkTyper, source: str | None) -> None:
    """crc32 of what is no string or binary (no implicit cast of a number to binary),
    array_insert of a value without a tightest common type with the elements (an int array
    and a decimal)."""
    for node in tree.find_all(exp.Anonymous):
        if str(node.name).lower() != "crc32" or len(node.expressions) != 1:
            continue
        argument = node.expressions[0]
        kind = typer.type_of(argument)
        if kind is None or kind.name in ("string", "binary", "void"):
            continue
        text = _shown(argument, source)
        raise _type_mismatch(
            "UNEXPECTED_INPUT_TYPE",
            f"crc32({text})",
            f'The first parameter requires the "BINARY" type, however "{text}" has the type '
            f'"{kind.simple.upper()}".',
        )
    for insert in tree.find_all(exp.ArrayInsert):
        array, value = typer.type_of(insert.this), typer.type_of(insert.expression)
        element = array.element if array is not None else None
        if element is None or value is None or _tightest(element, value):
            continue
        assert array is not None
        raise _type_mismatch(
            "ARRAY_FUNCTION_DIFF_TYPES",
            _shown(insert, source),
            'Input to `array_insert` should have been "ARRAY" followed by a value with same '
            f'element type, but it\'s ["{array.simple.upper()}", "{value.simple.upper()}"].',
        )


def _tightest(one: SparkType, two: SparkType) -> bool:
    """Whether Spark's findTightestCommonType has a type for both: the same type, NULL and
    anything, two numbers other than decimals, a date and a timestamp."""
    if one == two or VOID in (one, two) or (one in _NUMBERS and two in _NUMBERS):
        return True
    return {one, two} == {DATE, TIMESTAMP}


def _require_ordered(window: exp.Window) -> None:
    if window.args.get("order") is not None or window.alias:
        return
    function = window.this
    name = _needs_order(function)
    if name is None:
        return
    arguments = ", ".join(a.sql(dialect="spark") for a in _arguments(function))
    example = f"{name}({arguments})"
    raise semantic_error(
        f"[WINDOW_FUNCTION_FRAME_NOT_ORDERED] Window function {name.lower()} requires the window "
        "to be ordered. You need to add an ORDER BY clause. For example: SELECT "
        f"{example} OVER (PARTITION BY window_partition ORDER BY window_ordering) FROM table."
    )


def _refuse_null_argument(function: exp.Expr) -> None:
    """array_contains and map_contains_key take no untyped NULL (Spark's NullType) argument."""
    arguments = [function.this, function.args.get("expression"), function.args.get("key")]
    if not any(isinstance(argument, exp.Null) for argument in arguments):
        return
    name = "array_contains" if isinstance(function, exp.ArrayContains) else "map_contains_key"
    shown = (spark_names(exp.Select(expressions=[function.copy()])) or [None])[0] or name
    raise _type_mismatch(
        "NULL_TYPE", shown, f"Null typed values cannot be used as arguments of `{name}`."
    )


def _type_mismatch(subclass: str, expression: str, detail: str) -> DliError:
    """Spark's DATATYPE_MISMATCH error of `expression` as Spark shows it."""
    return semantic_error(
        f'[DATATYPE_MISMATCH.{subclass}] Cannot resolve "{expression}" due to data type '
        f"mismatch: {detail}"
    )


def _require_over(function: exp.Expr) -> None:
    if isinstance(function.parent, exp.Window):
        return
    arguments = ", ".join(a.sql(dialect="spark") for a in _arguments(function))
    name = _needs_order(function) or function.key
    raise semantic_error(
        f'[WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE] Window function "{name.lower()}({arguments})" '
        "requires an OVER clause."
    )


def _width(query: exp.Expr) -> int | None:
    """How many columns a query gives, when its projections say it (no `*`)."""
    while isinstance(query, exp.SetOperation | exp.Subquery):
        query = query.this
    if not isinstance(query, exp.Select):
        return None
    for projection in query.expressions:
        if isinstance(projection, exp.Star) or isinstance(projection.this, exp.Star):
            return None  # `*`, `t.*`
        if projection.find(*_GENERATORS) is not None:
            return None
    return len(query.expressions)


def _require_same_width(operation: exp.SetOperation) -> None:
    if operation.args.get("by_name"):
        return
    first, second = _width(operation.this), _width(operation.expression)
    if first is None or second is None or first == second:
        return
    operator = {exp.Union: "UNION", exp.Except: "EXCEPT", exp.Intersect: "INTERSECT"}
    name = next((n for kind, n in operator.items() if isinstance(operation, kind)), "UNION")
    raise semantic_error(
        f"[NUM_COLUMNS_MISMATCH] {name} can only be performed on inputs with the same number "
        f"of columns, but the first input has {first} columns and the second input has "
        f"{second} columns."
    )


def _require_positions_in_range(order: exp.Order) -> None:
    """`ORDER BY 5` over fewer columns: Spark reads an integer as a column's position."""
    query = order.parent
    if not isinstance(query, exp.Query):
        return
    size = _width(query)
    if size is None:
        return
    for ordered in order.expressions:
        key = ordered.this if isinstance(ordered, exp.Ordered) else ordered
        sign = -1 if isinstance(key, exp.Neg) else 1  # `ORDER BY -1` is a position too
        if isinstance(key, exp.Neg):
            key = key.this
        if not (isinstance(key, exp.Literal) and key.is_int):
            continue
        position = sign * int(key.this)
        if not 1 <= position <= size:
            raise semantic_error(
                f"[ORDER_BY_POS_OUT_OF_RANGE] ORDER BY position {position} is not in select "
                f"list (valid range is [1, {size}])."
            )


def _needs_order(function: exp.Expr) -> str | None:
    for kind, name in _NEEDS_ORDER.items():
        if isinstance(function, kind):
            return name
    if isinstance(function, exp.Anonymous) and function.name.lower() in _NEEDS_ORDER_NAMES:
        return function.name.lower()
    return None


def _arguments(function: exp.Expr) -> list[exp.Expr]:
    if isinstance(function, exp.Anonymous):
        return list(function.expressions)
    arguments = [function.this] if isinstance(function.this, exp.Expr) else []
    for key in ("expression", "offset", "default"):
        value = function.args.get(key)
        if isinstance(value, exp.Expr):
            arguments.append(value)
    return arguments


def expand_distinct_star(tree: exp.Expr, columns: ColumnTypes | None) -> None:
    """`count(DISTINCT *)` over one table: Spark expands the star into the table's columns
    (and names the result `count(DISTINCT a, s)`); `columns` gives them, in table order."""
    if columns is None:
        return
    ctes = {cte.alias_or_name.lower() for cte in tree.find_all(exp.CTE)}
    for count in tree.find_all(exp.Count):
        distinct = count.this
        if not isinstance(distinct, exp.Distinct):
            continue
        if [type(e) for e in distinct.expressions] != [exp.Star]:
            continue
        select = count.find_ancestor(exp.Select)
        source = select.args.get("from_") if select is not None else None
        table = source.this if isinstance(source, exp.From) else None
        if select is None or select.args.get("joins") or not isinstance(table, exp.Table):
            continue
        if not table.name or (not table.db and table.name.lower() in ctes):
            continue
        known = columns(table)
        if known:
            distinct.set("expressions", [exp.column(name) for name in known])


def _expand_distinct_star(count: exp.Count) -> None:
    """`count(DISTINCT *)`: Spark expands the star into every column in scope and counts the
    distinct rows with no NULL in them. DuckDB's `*COLUMNS(*)` unpacks the same columns."""
    distinct = count.this
    if not isinstance(distinct, exp.Distinct):
        return
    if [type(e) for e in distinct.expressions] != [exp.Star]:
        return
    values = "json_array(*COLUMNS(*))"
    count.replace(
        exp.Var(
            this=f"COUNT(DISTINCT CASE WHEN list_count(CAST({values} AS VARCHAR[])) < "
            f"json_array_length({values}) THEN NULL ELSE row(*COLUMNS(*)) END)"
        )
    )


def refuse_unnamed_view_columns(create: exp.Create, view: str) -> None:
    """A permanent view whose query computes a column without an alias: Spark refuses to
    store the generated name (CREATE_PERMANENT_VIEW_WITHOUT_ALIAS)."""
    query = create.expression
    if not isinstance(query, exp.Query):
        return
    schema = create.this
    if isinstance(schema, exp.Schema) and schema.expressions:
        return  # the view's column list names every column
    for projection, name in _output_names(query):
        if name is not None and not _named_by_spark(projection):
            raise semantic_error(
                "[CREATE_PERMANENT_VIEW_WITHOUT_ALIAS] Not allowed to create the permanent "
                f"view {view} without explicitly assigning an alias for the expression "
                f'"{name}".'
            )


def _output_names(query: exp.Expr) -> list[tuple[exp.Expr, str | None]]:
    """A query's output projections with Spark's generated name for each (None: named by
    the query); `SELECT *` from a subquery gives the subquery's."""
    select = query
    while isinstance(select, exp.SetOperation | exp.Subquery):
        select = select.this
    if not isinstance(select, exp.Select):
        return []
    found: list[tuple[exp.Expr, str | None]] = []
    source = select.args.get("from_") or select.args.get("from")
    inner = source.this if isinstance(source, exp.From) else None
    names = spark_names(select) or []
    for projection, name in zip(select.expressions, names, strict=False):
        if isinstance(projection, exp.Star) and isinstance(inner, exp.Subquery):
            if not select.args.get("joins"):
                found.extend(_output_names(inner.this))
            continue
        found.append((projection, name))
    return found


def _named_by_spark(projection: exp.Expr) -> bool:
    """Projections Spark names without marking the name generated: literals (typed ones such
    as DATE '2024-01-01' too), casts of a column (named after it)."""
    if isinstance(projection, exp.Neg):
        projection = projection.this
    if isinstance(projection, exp.Cast):  # sqlglot reads Spark's CAST as a TryCast
        if isinstance(projection.this, exp.Column):
            return True
        return isinstance(projection.this, exp.Literal) and projection.to.is_type(*_TYPED_LITERALS)
    return isinstance(projection, exp.Literal | exp.Boolean | exp.Null | exp.HexString)


def refuse_overwrite_of_source(target: tuple[str, str], sources: set[tuple[str, str]]) -> None:
    """INSERT OVERWRITE whose query reads the table it replaces (UNSUPPORTED_OVERWRITE.TABLE);
    `sources` are the (database, table) pairs the query reads, through views too."""
    database, table = target
    if (database.lower(), table.lower()) in {(d.lower(), t.lower()) for d, t in sources}:
        raise semantic_error(
            "[UNSUPPORTED_OVERWRITE.TABLE] Can't overwrite the target that is also being read "
            f"from. The target table is `{_SPARK_CATALOG}`.`{database}`.`{table}`."
        )


def tables_read(query: exp.Expr, currentdb: str) -> set[tuple[str, str]]:
    """The (database, table) pairs a query names, CTE names left out."""
    ctes = {cte.alias_or_name.lower() for cte in query.find_all(exp.CTE)}
    found: set[tuple[str, str]] = set()
    for table in query.find_all(exp.Table):
        if not table.name or isinstance(table.this, exp.Func):
            continue
        if not table.db and table.name.lower() in ctes:
            continue
        found.add((table.db or currentdb, table.name))
    return found
