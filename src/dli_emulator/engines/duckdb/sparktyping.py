"""The Spark type of an expression of a Spark syntax tree, as Spark's analyzer would give it.

DuckDB types many results differently from Spark (decimal literals and arithmetic sized its own
way, decimal division and averages as doubles, ranking functions as BIGINT, ...). `SparkTyper`
computes Spark's type from the tree before translation: literals as Spark's parser types them,
table columns from the catalog (`ColumnTypes`), arithmetic with Spark's DecimalPrecision rules
(result precision capped at 38 with the scale cut back to no less than 6,
`DecimalType.adjustPrecisionScale`), aggregates, ranking and a set of functions with fixed
result types. Anything it does not know is None: callers then leave DuckDB's answer alone.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from sqlglot import exp

from ..sparktypes import (
    BINARY,
    BOOLEAN,
    BYTE,
    DATE,
    DOUBLE,
    FLOAT,
    INTEGER,
    LONG,
    SHORT,
    STRING,
    TIMESTAMP,
    VOID,
    Field,
    SparkType,
    array,
    atomic,
    decimal,
    map_of,
    struct,
)

# The columns of a table (lower-case name -> Spark type), or None when it is not known.
ColumnTypes = Callable[[exp.Table], dict[str, SparkType] | None]

MAX_PRECISION = 38
_MIN_ADJUSTED_SCALE = 6
INTEGRALS = (BYTE, SHORT, INTEGER, LONG)
# Digits of each integral type as a decimal (Spark's DecimalType.forType).
_DECIMAL_DIGITS = {BYTE: 3, SHORT: 5, INTEGER: 10, LONG: 20}
_D = exp.DataType.Type
_ATOMIC_TYPES = {
    _D.TINYINT: BYTE,
    _D.SMALLINT: SHORT,
    _D.INT: INTEGER,
    _D.BIGINT: LONG,
    _D.FLOAT: FLOAT,
    _D.DOUBLE: DOUBLE,
    _D.TEXT: STRING,
    _D.VARCHAR: STRING,
    _D.CHAR: STRING,
    _D.BOOLEAN: BOOLEAN,
    _D.DATE: DATE,
    _D.TIMESTAMP: TIMESTAMP,
    _D.TIMESTAMPLTZ: TIMESTAMP,
    _D.TIMESTAMPTZ: TIMESTAMP,
    _D.TIMESTAMPNTZ: atomic("timestamp_ntz"),
    _D.BINARY: BINARY,
}
_BOOLEAN_RESULTS: tuple[type[exp.Expr], ...] = (
    exp.Predicate,
    exp.Connector,
    exp.Not,
    exp.Exists,
)
_DOUBLE_RESULTS: tuple[type[exp.Expr], ...] = (
    exp.Sign,
    exp.Sqrt,
    exp.Cbrt,
    exp.Exp,
    exp.Ln,
    exp.Log,
    exp.Pow,
    exp.Stddev,
    exp.StddevPop,
    exp.StddevSamp,
    exp.Variance,
    exp.VariancePop,
    exp.Corr,
    exp.PercentRank,
    exp.CumeDist,
    exp.Pi,
    exp.Rand,
)
_INT_RESULTS: tuple[type[exp.Expr], ...] = (
    exp.RowNumber,
    exp.Rank,
    exp.DenseRank,
    exp.Ntile,
    exp.Length,
    exp.Year,
    exp.Month,
    exp.Day,
    exp.DayOfMonth,
    exp.Hour,
    exp.Minute,
    exp.Second,
    exp.DayOfWeek,
    exp.DayOfYear,
    exp.WeekOfYear,
    exp.Quarter,
    exp.ArraySize,
)
_LONG_RESULTS: tuple[type[exp.Expr], ...] = (exp.Count, exp.GroupingId, exp.IntDiv)
_SAME_AS_ARGUMENT: tuple[type[exp.Expr], ...] = (
    exp.Abs,
    exp.Min,
    exp.Max,
    exp.First,
    exp.Last,
    exp.AnyValue,
    exp.FirstValue,
    exp.LastValue,
    exp.Lag,
    exp.Lead,
    exp.Paren,
)
_INTERVAL_UNITS = {
    "YEAR": "year",
    "MONTH": "month",
    "DAY": "day",
    "HOUR": "hour",
    "MINUTE": "minute",
    "SECOND": "second",
}


def is_decimal(kind: SparkType | None) -> bool:
    return kind is not None and kind.name.startswith("decimal(")


def precision_scale(kind: SparkType) -> tuple[int, int]:
    precision, scale = kind.name[len("decimal(") : -1].split(",")
    return int(precision), int(scale)


def adjusted(precision: int, scale: int) -> SparkType:
    """decimal(precision, scale), cut to 38 digits as Spark does when precision may be lost:
    the integral digits are kept and the scale shrinks, though not below 6."""
    if precision <= MAX_PRECISION:
        return decimal(precision, scale)
    integral = precision - scale
    minimum = min(scale, _MIN_ADJUSTED_SCALE)
    return decimal(MAX_PRECISION, max(MAX_PRECISION - integral, minimum))


def bounded(precision: int, scale: int) -> SparkType:
    return decimal(min(precision, MAX_PRECISION), min(scale, MAX_PRECISION))


def number_literal_type(text: str) -> SparkType:
    """The type Spark's parser gives a number written without a suffix (sign included)."""
    if "e" in text.lower():
        return DOUBLE
    try:
        value = Decimal(text)
    except InvalidOperation:
        return DOUBLE
    if "." not in text:
        number = int(value)
        if -(2**31) <= number < 2**31:
            return INTEGER
        if -(2**63) <= number < 2**63:
            return LONG
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    scale = max(-exponent, 0)
    precision = max(len(digits) + max(exponent, 0), scale, 1)
    if precision > MAX_PRECISION:
        return DOUBLE
    return decimal(precision, scale)


def spark_type_of_datatype(datatype: exp.DataType) -> SparkType | None:
    """The Spark type a DDL/CAST type names (DECIMAL alone is decimal(10,0) in Spark)."""
    kind = datatype.this
    if kind in _ATOMIC_TYPES:
        return _ATOMIC_TYPES[kind]
    params = [p.this for p in datatype.expressions if isinstance(p, exp.DataTypeParam)]
    if kind == _D.DECIMAL:
        numbers = [int(p.name) for p in params if isinstance(p, exp.Literal)]
        if len(numbers) != len(params):
            return None
        precision = numbers[0] if numbers else 10
        return decimal(precision, numbers[1] if len(numbers) > 1 else 0)
    nested = [
        spark_type_of_datatype(e) for e in datatype.expressions if isinstance(e, exp.DataType)
    ]
    if kind == _D.ARRAY and len(nested) == 1 and nested[0] is not None:
        return array(nested[0])
    if kind == _D.MAP and len(nested) == 2 and nested[0] is not None and nested[1] is not None:
        return map_of(nested[0], nested[1])
    return None


def _signed_literal(node: exp.Expr) -> str | None:
    """The text of a number literal, with its sign when it is negated (`-5` is one literal)."""
    if isinstance(node, exp.Literal) and not node.is_string:
        return str(node.this)
    if isinstance(node, exp.Neg) and isinstance(node.this, exp.Literal):
        inner = node.this
        return None if inner.is_string else f"-{inner.this}"
    return None


def wider_integral(left: SparkType, right: SparkType) -> SparkType:
    return max(left, right, key=INTEGRALS.index)


def wider(left: SparkType, right: SparkType) -> SparkType | None:
    """The type two branches of a CASE, COALESCE or array are widened to (Spark's
    findWiderTypeForTwo among numbers; other types only when they are the same)."""
    if left == right or right == VOID:
        return left
    if left == VOID:
        return right
    if left in INTEGRALS and right in INTEGRALS:
        return wider_integral(left, right)
    numbers = {*INTEGRALS, FLOAT, DOUBLE}
    if left in numbers and right in numbers:
        return FLOAT if {left, right} <= {*INTEGRALS, FLOAT} else DOUBLE
    decimals = [k for k in (left, right) if is_decimal(k) or k in INTEGRALS]
    if len(decimals) == 2:
        (p1, s1), (p2, s2) = (
            precision_scale(k) if is_decimal(k) else (_DECIMAL_DIGITS[k], 0) for k in decimals
        )
        scale = max(s1, s2)
        return bounded(max(p1 - s1, p2 - s2) + scale, scale)
    if (is_decimal(left) or is_decimal(right)) and {left, right} & {FLOAT, DOUBLE}:
        return DOUBLE
    return None


class SparkTyper:
    """Spark types of the expressions of one statement's tree."""

    def __init__(self, tree: exp.Expr, columns: ColumnTypes | None) -> None:
        self._columns = columns
        self._ctes = {
            cte.alias_or_name.lower(): cte.this
            for cte in tree.find_all(exp.CTE)
            if isinstance(cte.this, exp.Query)
        }
        self._cache: dict[int, SparkType | None] = {}
        self._sources: dict[int, dict[str, dict[str, SparkType | None] | None]] = {}

    def type_of(self, node: exp.Expr) -> SparkType | None:
        key = id(node)
        if key not in self._cache:
            self._cache[key] = self._infer(node)
        return self._cache[key]

    def _infer(self, node: exp.Expr) -> SparkType | None:
        signed = _signed_literal(node)
        if signed is not None:
            return number_literal_type(signed)
        if isinstance(node, exp.Literal):
            return STRING
        if isinstance(node, exp.Boolean):
            return BOOLEAN
        if isinstance(node, exp.Null):
            return VOID
        if isinstance(node, (exp.Alias, exp.Window, exp.Neg, *_SAME_AS_ARGUMENT)):
            return self.type_of(node.this)
        if isinstance(node, exp.Cast):
            return spark_type_of_datatype(node.to)
        if isinstance(node, exp.Column):
            return self._column(node)
        if isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div | exp.Mod):
            return self.arithmetic(node)
        if isinstance(node, _BOOLEAN_RESULTS):
            return BOOLEAN
        if isinstance(node, _DOUBLE_RESULTS):
            return DOUBLE
        if isinstance(node, _INT_RESULTS):
            return INTEGER
        if isinstance(node, _LONG_RESULTS):
            return LONG
        if isinstance(node, exp.Grouping):
            return BYTE
        if isinstance(node, exp.Typeof):
            return STRING
        return self._function(node)

    def _function(self, node: exp.Expr) -> SparkType | None:
        if isinstance(node, exp.Sum | exp.Avg):
            return self._sum_or_avg(node)
        if isinstance(node, exp.Ceil | exp.Floor) and node.args.get("decimals") is None:
            argument = self.type_of(node.this)
            if is_decimal(argument):
                assert argument is not None
                precision, scale = precision_scale(argument)
                return bounded(precision - scale + 1, 0)
            return LONG if argument is not None else None
        if isinstance(node, exp.Round):
            return self._round(node)
        if isinstance(node, exp.Coalesce | exp.Greatest | exp.Least):
            return self.common([node.this, *node.expressions])
        if isinstance(node, exp.If):
            return self.common([node.args.get("true"), node.args.get("false")])
        if isinstance(node, exp.Case):
            branches = [i.args.get("true") for i in node.args.get("ifs") or []]
            return self.common([*branches, node.args.get("default")])
        if isinstance(node, exp.Nullif):
            return self.type_of(node.this)
        if isinstance(node, exp.Interval) and node.unit is not None:
            unit = _INTERVAL_UNITS.get(node.unit.name.upper().rstrip("S"))
            return atomic(f"interval {unit}") if unit else None
        return self._complex(node)

    def _complex(self, node: exp.Expr) -> SparkType | None:
        if isinstance(node, exp.Array):
            elements = node.expressions
            element = self.common(elements) if elements else VOID
            return array(element) if element is not None else None
        if isinstance(node, exp.VarMap):
            keys, values = node.args.get("keys"), node.args.get("values")
            if not isinstance(keys, exp.Array) or not isinstance(values, exp.Array):
                return None
            key = self.common(keys.expressions) if keys.expressions else VOID
            value = self.common(values.expressions) if values.expressions else VOID
            return map_of(key, value) if key is not None and value is not None else None
        if isinstance(node, exp.Struct):
            fields = []
            for member in node.expressions:
                if not isinstance(member, exp.PropertyEQ):
                    return None
                kind = self.type_of(member.expression)
                if kind is None:
                    return None
                fields.append(Field(member.name, kind))
            return struct(fields)
        return None

    def _sum_or_avg(self, node: exp.Sum | exp.Avg) -> SparkType | None:
        argument = self.type_of(node.this)
        if argument is None:
            return None
        if is_decimal(argument):
            precision, scale = precision_scale(argument)
            if isinstance(node, exp.Sum):
                return bounded(precision + 10, scale)
            return bounded(precision + 4, scale + 4)
        if isinstance(node, exp.Sum) and argument in INTEGRALS:
            return LONG
        return DOUBLE

    def _round(self, node: exp.Round) -> SparkType | None:
        argument = self.type_of(node.this)
        places = node.args.get("decimals")
        digits = 0 if places is None else _signed_literal(places)
        if argument is None or digits is None:
            return None
        if not is_decimal(argument):
            return argument if argument in (*INTEGRALS, FLOAT, DOUBLE) else None
        precision, scale = precision_scale(argument)
        target = int(digits)
        integral = precision - scale + 1
        if target < 0:
            return decimal(min(max(integral, 1 - target), MAX_PRECISION), 0)
        new_scale = min(scale, target)
        return decimal(min(integral + new_scale, MAX_PRECISION), new_scale)

    def arithmetic(self, node: exp.Binary) -> SparkType | None:
        left, right = self.type_of(node.this), self.type_of(node.expression)
        if left is None or right is None:
            return None
        if STRING in (left, right) and {left, right} <= {STRING, DOUBLE, FLOAT, *INTEGRALS}:
            return DOUBLE  # Spark casts the string to a double
        if is_decimal(left) or is_decimal(right):
            return self._decimal_arithmetic(node, left, right)
        if left in (DOUBLE, FLOAT) or right in (DOUBLE, FLOAT):
            if not {left, right} <= {DOUBLE, FLOAT, *INTEGRALS}:
                return None
            if isinstance(node, exp.Div):
                return DOUBLE
            return FLOAT if left == right == FLOAT else DOUBLE
        if left in INTEGRALS and right in INTEGRALS:
            return DOUBLE if isinstance(node, exp.Div) else wider_integral(left, right)
        return None

    def _decimal_arithmetic(
        self, node: exp.Binary, left: SparkType, right: SparkType
    ) -> SparkType | None:
        if {left, right} & {DOUBLE, FLOAT}:
            return DOUBLE
        one = self._as_decimal(node.this, left)
        two = self._as_decimal(node.expression, right)
        if one is None or two is None:
            return None
        (p1, s1), (p2, s2) = one, two
        if isinstance(node, exp.Add | exp.Sub):
            scale = max(s1, s2)
            return adjusted(max(p1 - s1, p2 - s2) + scale + 1, scale)
        if isinstance(node, exp.Mul):
            return adjusted(p1 + p2 + 1, s1 + s2)
        if isinstance(node, exp.Div):
            scale = max(_MIN_ADJUSTED_SCALE, s1 + p2 + 1)
            return adjusted(p1 - s1 + s2 + scale, scale)
        scale = max(s1, s2)  # remainder
        return adjusted(min(p1 - s1, p2 - s2) + scale, scale)

    def _as_decimal(self, node: exp.Expr, kind: SparkType) -> tuple[int, int] | None:
        if is_decimal(kind):
            return precision_scale(kind)
        if kind not in INTEGRALS:
            return None
        signed = _signed_literal(node)
        if signed is not None:  # an integer literal takes only the digits it has
            return len(signed.lstrip("-")), 0
        return _DECIMAL_DIGITS[kind], 0

    def common(self, nodes: list[exp.Expr | None]) -> SparkType | None:
        """The type Spark widens several branches to (NULLs take the others' type)."""
        widest: SparkType | None = VOID
        for node in nodes:
            if node is not None and widest is not None:
                kind = self.type_of(node)
                widest = None if kind is None else wider(widest, kind)
        return widest if nodes else None

    def _column(self, column: exp.Column) -> SparkType | None:
        if _lambda_variable(column):
            return None
        select = column.find_ancestor(exp.Select)
        if select is None:
            return None
        sources = self._scope(select)
        name, table = column.name.lower(), column.table.lower()
        if table:
            source = sources.get(table)
            return source.get(name) if source is not None else None
        found = [s for s in sources.values() if s is None or name in s]
        if len(found) != 1 or found[0] is None:
            return None
        return found[0][name]

    def _scope(self, select: exp.Select) -> dict[str, dict[str, SparkType | None] | None]:
        key = id(select)
        if key not in self._sources:
            sources: dict[str, dict[str, SparkType | None] | None] = {}
            from_ = select.args.get("from_")
            items = [from_.this] if from_ is not None else []
            items += [join.this for join in select.args.get("joins") or []]
            for item in items:
                sources[item.alias_or_name.lower()] = self._source(item)
            for lateral in select.args.get("laterals") or []:
                sources[f"lateral {id(lateral)}"] = None
            self._sources[key] = sources
        return self._sources[key]

    def _source(self, item: exp.Expr) -> dict[str, SparkType | None] | None:
        if isinstance(item, exp.Table) and isinstance(item.this, exp.Identifier):
            cte = self._ctes.get(item.name.lower()) if not item.db else None
            if cte is not None:
                return self.output(cte)
            return dict(self._columns(item) or {}) or None if self._columns else None
        if isinstance(item, exp.Subquery) and isinstance(item.this, exp.Query):
            return self.output(item.this)
        return None

    def output(self, query: exp.Query) -> dict[str, SparkType | None] | None:
        """The columns of a query by lower-case name (None when a `*` hides them)."""
        if isinstance(query, exp.SetOperation):
            left, right = self.output(query.left), self.output(query.right)
            if left is None or right is None or list(left.values()) != list(right.values()):
                return None
            return left
        if not isinstance(query, exp.Select):
            return None
        columns: dict[str, SparkType | None] = {}
        for projection in query.expressions:
            if isinstance(projection, exp.Star):
                return None
            columns[projection.alias_or_name.lower()] = self.type_of(projection)
        return columns


def _lambda_variable(column: exp.Column) -> bool:
    node = column.parent
    while node is not None:
        if isinstance(node, exp.Lambda) and any(
            v.name.lower() == column.name.lower() for v in node.expressions
        ):
            return True
        node = node.parent
    return False
