"""Spark's hash(...): Murmur3 x86_32 with seed 42 over Spark's encoding of each argument's type,
as DuckDB macros (DuckDB's own hash is another function).

Each argument's hash is the seed of the next one's; a NULL argument leaves the seed as it is
(`hash(NULL)` is 42). Spark's encodings: boolean, byte, short, int and date (days since
1970-01-01) as one 4-byte word; bigint and timestamp (microseconds) as two words, low first;
float and double by their IEEE-754 bits (`floatToIntBits`/`doubleToLongBits`, -0.0 as 0.0, NaN
as Java's one NaN); a decimal of up to 18 digits by its unscaled value as a bigint; string (its
UTF-8 bytes) and binary by `hashUnsafeBytes`: little-endian 4-byte words, then each remaining
byte alone, sign-extended. Arithmetic is on UBIGINT kept to 32 bits; the result is a signed int.
Arrays, structs and wider decimals are refused with an error rather than hashed differently.
Exported: `MACROS` (for the warehouse) and `TEMPLATES` (hash of 1 to 32 arguments).
"""

from __future__ import annotations

import re

from .binding import bind

_M = "CAST(4294967295 AS UBIGINT)"
# The bytes of the blob `b`, each a UBIGINT (hex() once, split in pairs: a per-byte substr
# re-hexes each time)
OCTETS = "list_transform(regexp_extract_all(hex(b), '..'), lambda o: CAST('0x' || o AS UBIGINT))"


def _u(number: int) -> str:
    return f"CAST({number} AS UBIGINT)"


def _rotl(value: str, bits: int) -> str:
    return f"((({value}) << {bits}) | (({value}) >> {32 - bits})) & {_M}"


def _null_or(word_sql: str) -> str:
    return f"CASE WHEN x IS NULL THEN seed ELSE {word_sql} END"


def _words(words: str, length: int) -> str:
    return _null_or(f"main.spark_m3_words({words}, {length}, seed)")


_LOW, _HIGH = "{v} & 4294967295", "({v} >> 32) & 4294967295"


def _long(value: str) -> str:
    return _words(f"[{_LOW.format(v=value)}, {_HIGH.format(v=value)}]", 8)


def _int(value: str) -> str:
    return _words(f"[{_LOW.format(v=f'CAST({value} AS BIGINT)')}]", 4)


# IEEE-754 of a finite non-zero double: exponent e with 2^e <= |x| < 2^(e+1) (log2 corrected
# by one where rounding lands it off), fraction bits m; subnormals below 2^-1022. Scaling by
# powers of two is exact, so m is exact.
_EXPONENT = (
    "CASE WHEN pow(2.0, e0) > abs(x) THEN e0 - 1 WHEN pow(2.0, e0 + 1) <= abs(x) THEN e0 + 1 "
    "ELSE e0 END"
)
_FRACTION = {
    "DOUBLE": (
        "CASE WHEN e < -1022 THEN CAST(abs(x) * pow(2.0, 537) * pow(2.0, 537) AS UBIGINT) "
        "ELSE CAST((abs(x) * pow(2.0, -e) - 1) * pow(2.0, 52) AS UBIGINT) END"
    ),
    "FLOAT": (
        "CASE WHEN e < -126 THEN CAST(abs(x) * pow(2.0, 149) AS UBIGINT) "
        "ELSE CAST((abs(x) * pow(2.0, -e) - 1) * pow(2.0, 23) AS UBIGINT) END"
    ),
}
_BITS = {
    "DOUBLE": (
        "[m & 4294967295, CASE WHEN signbit(x) THEN CAST(2147483648 AS UBIGINT) ELSE 0 END "
        "| (CAST(CASE WHEN e < -1022 THEN 0 ELSE e + 1023 END AS UBIGINT) << 20) | (m >> 32)]"
    ),
    "FLOAT": (
        "[CASE WHEN signbit(x) THEN CAST(2147483648 AS UBIGINT) ELSE 0 END "
        "| (CAST(CASE WHEN e < -126 THEN 0 ELSE e + 127 END AS UBIGINT) << 23) | m]"
    ),
}


def _ieee(kind: str) -> str:
    bits = bind(_FRACTION[kind], "m", _BITS[kind])
    bits = bind(_EXPONENT, "e", bits)
    bits = bind("CAST(floor(log2(abs(CAST(x AS DOUBLE)))) AS INTEGER)", "e0", bits)
    if kind == "DOUBLE":
        special = (
            "WHEN x = 0 THEN [0, 0] WHEN isnan(x) THEN [0, 2146959360] "
            "WHEN isinf(x) THEN [0, CASE WHEN x > 0 THEN 2146435072 ELSE 4293918720 END]"
        )
        return _words(f"CASE {special} ELSE {bits} END", 8)
    special = (
        "WHEN x = 0 THEN [0] WHEN isnan(x) THEN [2143289344] "
        "WHEN isinf(x) THEN [CASE WHEN x > 0 THEN 2139095040 ELSE 4286578688 END]"
    )
    return _words(f"CASE {special} ELSE {bits} END", 4)


def _float() -> str:
    """A float's hash, its bits read from the double holding it exactly. Written over any type
    (the macro that uses it takes any argument), so it reads `x` through TRY_CAST."""
    body = re.sub(r"\bx\b", "xf", _ieee("FLOAT"))
    return bind("TRY_CAST(x AS DOUBLE)", "xf", body)


def _macros() -> tuple[str, ...]:
    mixed_k = _rotl(f"(k * {_u(0xCC9E2D51)}) & {_M}", 15)
    mix = bind(
        f"(({mixed_k}) * {_u(0x1B873593)}) & {_M}",
        "k1",
        f"(({_rotl('xor(h, k1)', 13)}) * 5 + {_u(0xE6546B64)}) & {_M}",
    )
    fmix = bind(
        "xor(xor(h, CAST(n AS UBIGINT)), xor(h, CAST(n AS UBIGINT)) >> 16)",
        "a",
        bind(
            f"(a * {_u(0x85EBCA6B)}) & {_M}",
            "b",
            bind(f"(xor(b, b >> 13) * {_u(0xC2B2AE35)}) & {_M}", "c", "xor(c, c >> 16)"),
        ),
    )
    words = "list_reduce(words, lambda h, k: main.spark_m3_mix(h, k), CAST(seed AS UBIGINT))"
    aligned = (
        "list_transform(range(len(bs) // 4), lambda i: bs[4 * i + 1] | (bs[4 * i + 2] << 8) "
        "| (bs[4 * i + 3] << 16) | (bs[4 * i + 4] << 24))"
    )
    tail = (
        "list_transform(bs[(len(bs) // 4) * 4 + 1:], "
        f"lambda t: CASE WHEN t >= 128 THEN t + {_u(0xFFFFFF00)} ELSE t END)"
    )
    by_bytes = bind(
        OCTETS, "bs", f"main.spark_m3_words(list_concat({aligned}, {tail}), len(bs), seed)"
    )
    return (
        f"CREATE OR REPLACE MACRO main.spark_m3_mix(h, k) AS {mix}",
        f"CREATE OR REPLACE MACRO main.spark_m3_fmix(h, n) AS {fmix}",
        f"CREATE OR REPLACE MACRO main.spark_m3_words(words, n, seed) AS "
        f"main.spark_m3_fmix({words}, n)",
        f"CREATE OR REPLACE MACRO main.spark_m3_bytes(b, seed) AS {by_bytes}",
        *encoding_macros("m3", "hash"),
    )


def encoding_macros(family: str, function: str) -> tuple[str, str]:
    """`main.spark_<family>(x, seed)`: the hash of `x`'s Spark encoding with `seed`, NULL leaving
    the seed, over the family's `spark_<family>_words(words, n, seed)` (n bytes as 32-bit words,
    low first) and `spark_<family>_bytes(b, seed)` (a blob) macros; `function` names it in
    errors. Shared by hash (Murmur3) and xxhash64 (XXH64), which encode alike."""
    typed = {
        **{t: _int("x") for t in ("TINYINT", "SMALLINT", "INTEGER")},
        "BOOLEAN": _int("CASE WHEN x THEN 1 ELSE 0 END"),
        "BIGINT": _long("x"),
        "HUGEINT": _long("CAST(x & 18446744073709551615 AS UBIGINT)"),
        "DATE": _int("x - DATE '1970-01-01'"),
        "TIMESTAMPTZ": _long("epoch_us(x)"),
        "DOUBLE": _ieee("DOUBLE"),
        "VARCHAR": _null_or("main.spark_m3_bytes(encode(x), seed)"),
        "BLOB": _null_or("main.spark_m3_bytes(x, seed)"),
    }
    overloads = ", ".join(f"(x {t}, seed) AS {body}" for t, body in typed.items())
    overloads += (
        ", (x, seed) AS CASE WHEN x IS NULL THEN seed ELSE error('hash() of ' || typeof(x) "
        "|| ' is not supported by the DuckDB engine') END"
    )
    # DuckDB would cast a decimal or a float to one of the typed overloads (for a decimal, it
    # cannot choose between float and double): their types are read first.
    decimal = (
        "CASE WHEN x IS NULL THEN seed "
        f"WHEN typeof(x) = 'FLOAT' THEN {_float()} "
        "WHEN regexp_matches(typeof(x), '^DECIMAL\\(([1-9]|1[0-8]),') THEN main.spark_m3_value("
        "CAST(replace(CAST(x AS VARCHAR), '.', '') AS BIGINT), seed) "
        "WHEN starts_with(typeof(x), 'DECIMAL') THEN error('hash() of a decimal of more than "
        "18 digits is not supported by the DuckDB engine') "
        "ELSE main.spark_m3_value(x, seed) END"
    )
    macros = (
        f"CREATE OR REPLACE MACRO main.spark_m3_value{overloads}",
        f"CREATE OR REPLACE MACRO main.spark_m3(x, seed) AS {decimal}",
    )
    named = (m.replace("spark_m3", f"spark_{family}") for m in macros)
    first, second = (m.replace("'hash() of", f"'{function}() of") for m in named)
    return first, second


MACROS = _macros()


def chained_template(arguments: int, family: str, result: str) -> str:
    """Each argument's hash (`main.spark_<family>`) seeds the next, 42 the first; the seed is
    bound to a lambda variable at each step so that its expression is not expanded again into
    every use. `result` turns the last hash `{h}` into the function's value."""
    text = result.format(h=f"__h{arguments}")
    for index in reversed(range(arguments)):
        seed = f"__h{index}" if index else "42"
        # (an aggregate argument is bound first: DuckDB picks a macro overload by its type
        # only once it is a value)
        value = bind(f"{{{index}}}", f"__a{index}", f"main.spark_{family}(__a{index}, {seed})")
        text = bind(value, f"__h{index + 1}", text)
    return text


# the 32-bit hash as Java's signed int
_SIGNED_INT = (
    "CAST(CASE WHEN {h} >= 2147483648 THEN CAST({h} AS BIGINT) - 4294967296 ELSE {h} END AS INT)"
)
TEMPLATES: dict[tuple[str, int], str] = {
    ("hash", n): chained_template(n, "m3", _SIGNED_INT) for n in range(1, 33)
}
