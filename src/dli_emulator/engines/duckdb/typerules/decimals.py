"""Exact decimal division for DuckDB, as Spark divides decimals.

DuckDB divides decimals as doubles: 16 significant digits, while Spark's `a / b` and `avg` on
decimals are exact and rounded half up to the result's scale (decimal(38,14) has 38 digits).
Here the quotient is computed on the unscaled values as integers: a long division whose each
step multiplies the remainder by as many powers of ten as the integer type holds, then a half-up
rounding of the last digit, then the scale put back with an exact decimal multiplication.
64-bit integers wherever the Spark precisions allow (DuckDB's 128-bit division and 38-digit
decimals cost ten to twenty times more), 128-bit (HUGEINT) where they do not. Where even those
do not fit (a divisor of 37 or more digits, a scale Spark had to cut), None: the caller keeps
DuckDB's double.
"""

from __future__ import annotations

from sqlglot import exp

from ...sparktypes import SparkType
from .rules import precision_scale

_BIGINT_DIGITS = 18  # every 18-digit number fits in a BIGINT
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
    (digits_a, scale_a), (digits_b, scale_b) = dividend_digits, divisor_digits
    shift = scale - scale_a + scale_b  # powers of ten the unscaled quotient is multiplied by
    # A remainder (less than the divisor) times 10^chunk must fit the integer type: 64 bits
    # when that takes few steps, else 128 bits.
    narrow = _steps(shift, _BIGINT_DIGITS - digits_b) <= _MAX_STEPS
    chunk = (_BIGINT_DIGITS if narrow else _HUGEINT_DIGITS - 1) - digits_b
    if shift < 0 or _steps(shift, chunk) > _MAX_STEPS:
        return None
    a = _unscaled(dividend, digits_a, scale_a)
    b = _unscaled(divisor, digits_b, scale_b)
    top = _call("abs", a)
    bottom = _call("abs", _call("nullif", b, _number(0)))
    # The first quotient is multiplied by 10^shift below: beyond the result's precision it is
    # Spark's overflow, NULL (and no integer overflow in the steps).
    whole_part = _call("divide", top, bottom)
    fits = exp.LT(this=whole_part.copy(), expression=_number(10 ** (precision - shift)))
    quotient: exp.Expr = exp.Case(ifs=[exp.If(this=fits, true=whole_part)])
    remainder: exp.Expr = exp.Mod(this=top.copy(), expression=bottom.copy())
    # The remainder is less than the divisor: 64 bits hold it when the divisor's digits do.
    remainder = exp.Cast(this=remainder, to=_integer(_BIGINT_DIGITS if narrow else _HUGEINT_DIGITS))
    if precision > _BIGINT_DIGITS:  # the quotient grows past 64 bits: only it is 128-bit
        quotient = exp.Cast(this=quotient, to=_integer(_HUGEINT_DIGITS))
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
    width = _BIGINT_DIGITS if precision <= _BIGINT_DIGITS else _HUGEINT_DIGITS
    whole = exp.TryCast(this=signed, to=_decimal(width, 0), safe=True)
    value: exp.Expr = whole
    if scale > 0:
        unit = exp.Cast(this=exp.Literal.string(f"1E-{scale}"), to=_decimal(scale + 1, scale))
        value = exp.Mul(this=whole, expression=unit)
    return exp.TryCast(this=value, to=_decimal(precision, scale), safe=True)


def _steps(shift: int, chunk: int) -> int:
    """How many long-division steps of `chunk` digits make `shift` digits (many if none fit)."""
    return -(-shift // chunk) if chunk > 0 else _MAX_STEPS + 1


def _unscaled(value: exp.Expr, digits: int, scale: int) -> exp.Expr:
    """The unscaled integer of `value` read as a decimal(digits, scale): a BIGINT up to 18
    digits, else a HUGEINT. TRY_CAST: a value beyond its type is NULL (Spark's decimal overflow),
    not an error."""
    integer = _integer(digits)
    if scale == 0:
        return exp.TryCast(this=_call("trunc", value.copy()), to=integer, safe=True)
    if digits + scale <= _HUGEINT_DIGITS:  # value * 10^scale is a decimal DuckDB can hold
        # Room for the digits the shift adds: DuckDB keeps the decimal's width when it
        # multiplies by an integer.
        fixed = exp.TryCast(this=value.copy(), to=_decimal(digits + scale, scale), safe=True)
        shifted = exp.Mul(this=fixed, expression=_number(10**scale))
        return exp.TryCast(this=shifted, to=integer, safe=True)
    fixed = exp.TryCast(this=value.copy(), to=_decimal(38, scale), safe=True)
    whole = _call("trunc", fixed)
    fraction = exp.Paren(this=exp.Sub(this=fixed.copy(), expression=whole.copy()))
    return exp.Paren(
        this=exp.Add(
            this=exp.Mul(
                this=exp.Cast(this=whole.copy(), to=integer), expression=_number(10**scale)
            ),
            expression=exp.Cast(
                this=exp.Mul(this=fraction, expression=_number(10**scale)), to=integer
            ),
        )
    )


def _integer(digits: int) -> exp.DataType:
    name = "BIGINT" if digits <= _BIGINT_DIGITS else "HUGEINT"
    return exp.DataType.build(name, dialect="duckdb")


def _number(value: int) -> exp.Expr:
    return exp.Literal.number(value)


def _call(name: str, *arguments: exp.Expr) -> exp.Anonymous:
    return exp.Anonymous(this=name, expressions=list(arguments))


def _decimal(precision: int, scale: int) -> exp.DataType:
    return exp.DataType.build(f"DECIMAL({precision}, {scale})", dialect="duckdb")
