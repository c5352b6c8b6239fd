"""Spark's conv(num, from_base, to_base) and width_bucket on DuckDB.

conv is computed as `NumberConverter.convert` does it.

The text (spaces trimmed, a leading `-` read as a sign) is read in from_base up to its first
character that is not a digit of that base, as an unsigned 64-bit number; a value beyond 2^64 - 1
is 2^64 - 1 (Spark without ANSI mode). A negative number is its two's complement when to_base is
positive; a negative to_base prints the value as signed, with a `-`. Digits above 9 are upper
case. NULL for a base outside 2..36 (by absolute value for to_base), for an empty text and for
NULL arguments. Spark casts the number to a string and the bases to int first (`1.5` is read
as `'1.5'`, a base of `10.5` is 10): the rewrite leaves those casts to the type rules.

width_bucket(v, min, max, n) is `WidthBucket.computeBucketNumberNotNull` over doubles and a
bigint count (Spark's implicit casts; a count of 2.7 is 2): 0 below the range, n + 1 above it,
(n * (v - low) / (high - low)) truncated plus 1 inside it, counted down when min > max, NULL
for n <= 0 or Long.MaxValue, NaN values and an empty or infinite range. Interval arguments,
which Spark accepts, are refused.

DuckDB macros (`MACROS`, created in each warehouse's `main` schema): a macro can hold the
digit loop (`list_reduce`) that no single template can write once per argument.
"""

from __future__ import annotations

from sqlglot import exp

_UNSIGNED_END = 2**64  # one past the largest unsigned 64-bit value
_SIGN_BIT = 2**63
_DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# The unsigned value of the digits of `s` (a `-` first is skipped) in `base`, up to the first
# character that is not one (Character.digit: 0-9, a-z, A-Z); 2^64 once it no longer fits.
_VALUE = (
    "CREATE OR REPLACE MACRO main.spark_conv_value(s, base) AS list_reduce("
    "list_transform([list_transform("
    "string_split(CASE WHEN starts_with(s, '-') THEN s[2:] ELSE s END, ''), "
    "lambda c: CASE WHEN c BETWEEN '0' AND '9' THEN ascii(c) - 48 "
    "WHEN lower(c) BETWEEN 'a' AND 'z' THEN ascii(lower(c)) - 87 ELSE 99 END)], "
    "lambda d: d[1:coalesce(list_position(list_transform(d, lambda x: x >= base), true), "
    "len(d) + 1) - 1])[1], "
    f"lambda acc, x: least(acc * base + x, {_UNSIGNED_END}), CAST(0 AS HUGEINT))"
)
# The digits of an unsigned value in `base`, most significant first ('' for 0).
_TEXT = (
    "CREATE OR REPLACE MACRO main.spark_conv_text(u, base) AS list_reduce(range(64), "
    "lambda acc, i: CASE WHEN acc.u = 0 THEN acc ELSE {'u': acc.u // base, "
    f"'s': substr('{_DIGITS}', CAST(acc.u % base AS INTEGER) + 1, 1) || acc.s}} END, "
    "{'u': u, 's': ''}).s"
)
# The value as printed: a negative number's two's complement for a positive to_base; for a
# negative one, a value with the sign bit set (or a `-` written) is printed negated, with `-`.
_PRINTED = (
    f"CASE WHEN v.neg AND t > 0 THEN (CASE WHEN v.u >= {_SIGN_BIT} THEN {_UNSIGNED_END - 1} "
    f"ELSE ({_UNSIGNED_END} - v.u) % {_UNSIGNED_END} END) "
    f"WHEN t < 0 AND v.u >= {_SIGN_BIT} THEN {_UNSIGNED_END} - v.u ELSE v.u END"
)
_CONV = (
    "CREATE OR REPLACE MACRO main.spark_conv(n, f, t) AS CASE WHEN n IS NULL OR f IS NULL "
    "OR t IS NULL OR f < 2 OR f > 36 OR abs(t) < 2 OR abs(t) > 36 OR trim(n, ' ') = '' "
    "THEN NULL ELSE list_transform("
    f"[{{'u': least(spark_conv_value(trim(n, ' '), f), {_UNSIGNED_END - 1}), "
    "'neg': starts_with(trim(n, ' '), '-')}], "
    f"lambda v: CASE WHEN t < 0 AND (v.neg OR v.u >= {_SIGN_BIT}) THEN '-' ELSE '' END || "
    f"coalesce(nullif(spark_conv_text({_PRINTED}, abs(t)), ''), '0'))[1] END"
)
_WIDTH_BUCKET = (
    "CREATE OR REPLACE MACRO main.spark_width_bucket(v, lo, hi, n) AS CASE "
    f"WHEN n <= 0 OR n = {2**63 - 1} OR isnan(v) OR lo = hi OR NOT isfinite(lo) "
    "OR NOT isfinite(hi) THEN NULL "
    "WHEN lo < hi THEN CASE WHEN v < lo THEN 0 WHEN v >= hi THEN n + 1 "
    "ELSE CAST(trunc(n * (v - lo) / (hi - lo)) AS BIGINT) + 1 END "
    "WHEN v > lo THEN 0 WHEN v <= hi THEN n + 1 "
    "ELSE CAST(trunc(n * (lo - v) / (lo - hi)) AS BIGINT) + 1 END"
)
# A value as Spark's implicit cast to double reads it (a string that is no number is NULL); an
# interval, which Spark's width_bucket takes, is refused rather than read as NULL.
_DOUBLE = (
    "CREATE OR REPLACE MACRO main.spark_double(x VARCHAR) AS TRY_CAST(x AS DOUBLE), "
    "(x DOUBLE) AS x, (x INTERVAL) AS CAST(error('width_bucket of intervals is not supported "
    "by the DuckDB engine') AS DOUBLE)"
)
MACROS = (_VALUE, _TEXT, _CONV, _WIDTH_BUCKET, _DOUBLE)


def rewrite_numbers(tree: exp.Expr) -> None:
    """conv(n, from, to) as spark_conv(CAST(n AS STRING), CAST(from AS INT), CAST(to AS INT)),
    width_bucket as spark_width_bucket over doubles and a bigint, made after the result names
    are taken; the casts are Spark's implicit ones (the type rules give them Spark's rounding)."""
    for bucket in list(tree.find_all(exp.WidthBucket)):
        doubles = [
            exp.Anonymous(this="spark_double", expressions=[bucket.args[key].copy()])
            for key in ("this", "min_value", "max_value")
        ]
        count = exp.Cast(this=bucket.args["num_buckets"].copy(), to=exp.DataType.build("BIGINT"))
        casts = [*doubles, count]
        bucket.replace(exp.Anonymous(this="spark_width_bucket", expressions=casts))
    for call in list(tree.find_all(exp.Anonymous)):
        if str(call.name).lower() != "conv" or len(call.expressions) != 3:
            continue
        number, *bases = call.expressions
        arguments = [exp.Cast(this=number.copy(), to=exp.DataType.build("STRING"))]
        arguments += [exp.Cast(this=b.copy(), to=exp.DataType.build("INT")) for b in bases]
        call.replace(exp.Anonymous(this="spark_conv", expressions=arguments))
