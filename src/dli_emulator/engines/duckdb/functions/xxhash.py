"""Spark's xxhash64(...): XXH64 with seed 42 over the same encoding of each argument as hash's
(`hashing.encoding_macros`), as DuckDB macros.

Spark's XXH64 (`XXH64.java`) is the standard one over little-endian input: an int, a date, a
float's bits as 4 bytes (`hashInt`), a bigint, a timestamp, a double's bits, a short decimal's
unscaled value as 8 bytes (`hashLong`), a string's UTF-8 bytes and a binary by
`hashUnsafeBytes`. Each argument's hash seeds the next; a NULL argument leaves the seed. The
arithmetic is modulo 2^64: products go through UHUGEINT, and DuckDB's `<<` refuses to shift bits
out, so a rotation masks them off first. The result is the signed bigint Java's long gives.
Exported: `MACROS` (for the warehouse) and `TEMPLATES` (xxhash64 of 1 to 32 arguments).
"""

from __future__ import annotations

from .binding import bind
from .hashing import OCTETS, chained_template, encoding_macros

_P1, _P2, _P3 = 0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9
_P4, _P5 = 0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5
_MASK = 2**64 - 1


def _u(number: int) -> str:
    return f"CAST({number % 2**64} AS UBIGINT)"


def _mul(a: str, b: str) -> str:
    return f"main.spark_xx_mul({a}, {b})"


def _add(a: str, b: str) -> str:
    return f"main.spark_xx_add({a}, {b})"


def _rotl(value: str, bits: int) -> str:
    return f"main.spark_xx_rotl{bits}({value})"


def _round(accumulator: str, lane: str) -> str:
    return _mul(_rotl(_add(accumulator, _mul(lane, _u(_P2))), 31), _u(_P1))


def _merge(hash_: str, lane: str) -> str:
    return _add(_mul(f"xor({hash_}, {_round(_u(0), lane)})", _u(_P1)), _u(_P4))


def _word8(hash_: str, lane: str) -> str:
    """One 8-byte word into the hash."""
    return _add(_mul(_rotl(f"xor({hash_}, {_round(_u(0), lane)})", 27), _u(_P1)), _u(_P4))


def _word4(hash_: str, word: str) -> str:
    """One 4-byte word into the hash."""
    return _add(_mul(_rotl(f"xor({hash_}, {_mul(word, _u(_P1))})", 23), _u(_P2)), _u(_P3))


def _little_endian(offset: str, width: int) -> str:
    """The `width`-byte little-endian word of `bs` at the 0-based byte `offset`."""
    return " | ".join(f"(bs[{offset} + {i + 1}] << {8 * i})" for i in range(width))


def _bytes_macro() -> str:
    """XXH64 of a blob: 32-byte stripes into four lanes when there are any, then 8-byte words,
    one 4-byte word, single bytes; then the final mix."""
    lanes = "[" + ", ".join(_round(f"v[{i}]", f"w[{i}]") for i in range(1, 5)) + "]"
    seed = "CAST(seed AS UBIGINT)"
    starts = [_add(seed, _u(_P1 + _P2)), _add(seed, _u(_P2)), seed, _add(seed, _u(-_P1))]
    stripes = (
        "list_reduce(list_transform(range(n // 32), lambda t: words[4 * t + 1:4 * t + 4]), "
        f"lambda v, w: {lanes}, [{', '.join(starts)}])"
    )
    rotated = " + ".join(
        f"CAST({_rotl(f'v[{i + 1}]', r)} AS UHUGEINT)" for i, r in enumerate((1, 7, 12, 18))
    )
    converged = f"CAST(({rotated}) & {_MASK} AS UBIGINT)"
    for lane in range(1, 5):
        converged = _merge(converged, f"v[{lane}]")
    start = (
        f"CASE WHEN n >= 32 THEN {bind(stripes, 'v', converged)} ELSE {_add('seed', _u(_P5))} END"
    )
    tail = "(n // 8) * 8"
    words_left = "words[(n // 32) * 4 + 1:]"
    body = bind(
        f"list_reduce({words_left}, lambda h, k: {_word8('h', 'k')}, {_add(start, 'n')})",
        "h8",
        f"CASE WHEN n % 8 >= 4 THEN {_word4('h8', _little_endian(tail, 4))} ELSE h8 END",
    )
    mixed = _mul("c", _u(_P5))
    single = _mul(_rotl(f"xor(h, {mixed})", 11), _u(_P1))
    rest = f"bs[{tail} + CASE WHEN n % 8 >= 4 THEN 4 ELSE 0 END + 1:]"
    body = f"main.spark_xx_fmix(list_reduce({rest}, lambda h, c: {single}, {body}))"
    words = f"list_transform(range(n // 8), lambda i: {_little_endian('8 * i', 8)})"
    return bind(OCTETS, "bs", bind("len(bs)", "n", bind(words, "words", body)))


def _macros() -> tuple[str, ...]:
    wide = f"CAST({_MASK} AS UHUGEINT)"
    fmix = bind(
        f"{_mul('xor(h, h >> 33)', _u(_P2))}",
        "a",
        bind(_mul("xor(a, a >> 29)", _u(_P3)), "b", "xor(b, b >> 32)"),
    )
    rotations = (
        f"CREATE OR REPLACE MACRO main.spark_xx_rotl{r}(x) AS "
        + bind("x", "r", f"((r & {_u(2 ** (64 - r) - 1)}) << {r}) | (r >> {64 - r})")
        for r in (1, 7, 11, 12, 18, 23, 27, 31)
    )
    # a 4-byte input (one word) or an 8-byte one (two words, low first)
    long_word = "CAST(words[1] AS UBIGINT) | (CAST(words[2] AS UBIGINT) << 32)"
    four = f"main.spark_xx_fmix({_word4(_add('seed', _u(_P5 + 4)), 'words[1]')})"
    eight = f"main.spark_xx_fmix({_word8(_add('seed', _u(_P5 + 8)), long_word)})"
    words = f"CASE WHEN n = 4 THEN {four} ELSE {eight} END"
    return (
        "CREATE OR REPLACE MACRO main.spark_xx_mul(a, b) AS "
        f"CAST((CAST(a AS UHUGEINT) * CAST(b AS UHUGEINT)) & {wide} AS UBIGINT)",
        "CREATE OR REPLACE MACRO main.spark_xx_add(a, b) AS "
        f"CAST((CAST(a AS UHUGEINT) + CAST(b AS UHUGEINT)) & {wide} AS UBIGINT)",
        *rotations,
        f"CREATE OR REPLACE MACRO main.spark_xx_fmix(h) AS {fmix}",
        f"CREATE OR REPLACE MACRO main.spark_xx_words(words, n, seed) AS {words}",
        f"CREATE OR REPLACE MACRO main.spark_xx_bytes(b, seed) AS {_bytes_macro()}",
        *encoding_macros("xx", "xxhash64"),
    )


MACROS = _macros()

# the 64-bit hash as Java's signed long
_SIGNED_LONG = (
    "CAST(CASE WHEN {h} >= 9223372036854775808 THEN CAST({h} AS HUGEINT) - 18446744073709551616 "
    "ELSE {h} END AS BIGINT)"
)
TEMPLATES: dict[tuple[str, int], str] = {
    ("xxhash64", n): chained_template(n, "xx", _SIGNED_LONG) for n in range(1, 33)
}
