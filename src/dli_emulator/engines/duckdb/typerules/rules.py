"""Spark's typing rules for values: literal types, the types DDL and CAST name, decimal
precision and scale of arithmetic results (`DecimalPrecision`, `DecimalType.adjustPrecisionScale`)
and the widening of branches to a common type."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlglot import exp

from ...sparktypes import (
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
from .intervals import wider_interval

# Spark functions typed INT whose DuckDB counterparts give a BIGINT: the translation casts them
# (`translate.py`), the type inference knows them (`inference.py`).
INT_SCALARS: tuple[type[exp.Expr], ...] = (
    exp.Length,
    exp.StrPosition,
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
    exp.Levenshtein,
    exp.DateDiff,
    exp.Ascii,
)
# Window functions typed INT: cast as a whole column, never inside their OVER.
INT_RANKINGS: tuple[type[exp.Expr], ...] = (exp.RowNumber, exp.Rank, exp.DenseRank, exp.Ntile)

MAX_PRECISION = 38
_MIN_ADJUSTED_SCALE = 6
INTEGRALS = (BYTE, SHORT, INTEGER, LONG)
# Digits of each integral type as a decimal (Spark's DecimalType.forType).
DECIMAL_DIGITS = {BYTE: 3, SHORT: 5, INTEGER: 10, LONG: 20}
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
    if kind == _D.STRUCT:
        fields = [(m.name, m.args.get("kind")) for m in datatype.expressions]
        kinds = [
            spark_type_of_datatype(k) if isinstance(k, exp.DataType) else None for _, k in fields
        ]
        if not fields or any(k is None for k in kinds):
            return None
        return struct([Field(name, k) for (name, _), k in zip(fields, kinds, strict=True) if k])
    return None


def signed_literal(node: exp.Expr) -> str | None:
    """The text of a number literal, with its sign when it is negated (`-5` is one literal;
    parentheses are only grouping)."""
    while isinstance(node, exp.Paren):
        node = node.this
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
    findWiderTypeForTwo among numbers, intervals of one family spanning both; other types only
    when they are the same)."""
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
            precision_scale(k) if is_decimal(k) else (DECIMAL_DIGITS[k], 0) for k in decimals
        )
        scale = max(s1, s2)
        return bounded(max(p1 - s1, p2 - s2) + scale, scale)
    if (is_decimal(left) or is_decimal(right)) and {left, right} & {FLOAT, DOUBLE}:
        return DOUBLE
    return wider_interval(left, right)


def decimal_result(operation: exp.Expr, one: tuple[int, int], two: tuple[int, int]) -> SparkType:
    """The type of decimal(p1,s1) <operation> decimal(p2,s2) (+ - * / %), as DecimalPrecision
    sizes it."""
    (p1, s1), (p2, s2) = one, two
    if isinstance(operation, exp.Add | exp.Sub):
        scale = max(s1, s2)
        return adjusted(max(p1 - s1, p2 - s2) + scale + 1, scale)
    if isinstance(operation, exp.Mul):
        return adjusted(p1 + p2 + 1, s1 + s2)
    if isinstance(operation, exp.Div):
        scale = max(_MIN_ADJUSTED_SCALE, s1 + p2 + 1)
        return adjusted(p1 - s1 + s2 + scale, scale)
    scale = max(s1, s2)  # remainder
    return adjusted(min(p1 - s1, p2 - s2) + scale, scale)
