"""Exact decimal division for DuckDB, as Spark divides decimals.

DuckDB divides decimals as doubles: 16 significant digits, while Spark's `a / b` and `avg` on
decimals are exact and rounded half up to the result's scale (decimal(38,14) has 38 digits).
Here the quotient is computed on the unscaled values as 128-bit integers (HUGEINT): a long
division whose each step multiplies the remainder by as many powers of ten as stay inside the
128-bit range, then a half-up rounding of the last digit, then the scale put back with an
exact decimal multiplication. Where that does not fit (a divisor of 37 or more digits, a scale
Spark had to cut), None: the caller keeps DuckDB's double.
"""

from __future__ import annotations

from sqlglot import exp

from ..sparktypes import SparkType
from .sparkrules import precision_scale

_HUGEINT_DIGITS = 38  # every 38-digit number fits in a HUGEINT (up to 1.7e38)
_MAX_STEPS = 3


def exact_quotient(
    dividend: exp.Expr,
    dividend_digits: tuple[int, int],
    divisor: exp.Expr,
    divisor_digits: tuple[int, int],
    result: SparkType,
) -> exp.Expr | None:
    """`dividend / divisor` as a DuckDB decimal of Spark's type `result`, both operands read as
    decimals of the given (precision, scale); NULL when the divisor is 0."""
    precision, scale = precision_scale(result)
    (_, scale_a), (digits_b, scale_b) = dividend_digits, divisor_digits
    shift = scale - scale_a + scale_b  # powers of ten the unscaled quotient is multiplied by
    # One digit of margin: the divisor's value may have one digit more than its type says.
    chunk = _HUGEINT_DIGITS - digits_b - 1
    if shift < 0 or chunk <= 0 or -(-shift // chunk) > _MAX_STEPS:
        return None
    a = _unscaled(dividend, scale_a)
    b = _unscaled(divisor, scale_b)
    top = _call("abs", a)
    bottom = _call("abs", _call("nullif", b, _number(0)))
    quotient: exp.Expr = _call("divide", top, bottom)
    remainder: exp.Expr = exp.Mod(this=top.copy(), expression=bottom.copy())
    while shift > 0:
        step = min(chunk, shift)
        scaled = exp.Mul(this=exp.Paren(this=remainder), expression=_number(10**step))
        quotient = exp.Add(
            this=exp.Mul(this=exp.Paren(this=quotient), expression=_number(10**step)),
            expression=_call("divide", scaled, bottom.copy()),
        )
        remainder = exp.Mod(this=scaled.copy(), expression=bottom.copy())
        shift -= step
    half_up = exp.Case(
        ifs=[
            exp.If(
                this=exp.GTE(
                    this=exp.Mul(this=exp.Paren(this=remainder), expression=_number(2)),
                    expression=bottom.copy(),
                ),
                true=_number(1),
            )
        ],
        default=_number(0),
    )
    negative = exp.NEQ(
        this=exp.Paren(this=exp.LT(this=a.copy(), expression=_number(0))),
        expression=exp.Paren(this=exp.LT(this=b.copy(), expression=_number(0))),
    )
    magnitude = exp.Paren(this=exp.Add(this=quotient, expression=half_up))
    signed = exp.Case(
        ifs=[exp.If(this=negative, true=exp.Neg(this=magnitude))], default=magnitude.copy()
    )
    whole = exp.TryCast(this=signed, to=_decimal(38, 0), safe=True)
    value: exp.Expr = whole
    if scale > 0:
        unit = exp.Cast(this=exp.Literal.string(f"1E-{scale}"), to=_decimal(38, scale))
        value = exp.Mul(this=whole, expression=unit)
    return exp.TryCast(this=value, to=_decimal(precision, scale), safe=True)


def _unscaled(value: exp.Expr, scale: int) -> exp.Expr:
    """The unscaled integer of `value` read as a decimal of `scale` digits after the point."""
    # TRY_CAST: a value beyond 38 digits is NULL (Spark's decimal overflow), not an error.
    if scale == 0:
        return exp.TryCast(this=_call("trunc", value.copy()), to=_huge(), safe=True)
    fixed = exp.TryCast(this=value.copy(), to=_decimal(38, scale), safe=True)
    whole = _call("trunc", fixed)
    fraction = exp.Paren(this=exp.Sub(this=fixed.copy(), expression=whole.copy()))
    return exp.Paren(
        this=exp.Add(
            this=exp.Mul(
                this=exp.Cast(this=whole.copy(), to=_huge()), expression=_number(10**scale)
            ),
            expression=exp.Cast(
                this=exp.Mul(this=fraction, expression=_number(10**scale)), to=_huge()
            ),
        )
    )


def _number(value: int) -> exp.Expr:
    return exp.Literal.number(value)


def _call(name: str, *arguments: exp.Expr) -> exp.Anonymous:
    return exp.Anonymous(this=name, expressions=list(arguments))


def _huge() -> exp.DataType:
    return exp.DataType.build("HUGEINT", dialect="duckdb")


def _decimal(precision: int, scale: int) -> exp.DataType:
    return exp.DataType.build(f"DECIMAL({precision}, {scale})", dialect="duckdb")
