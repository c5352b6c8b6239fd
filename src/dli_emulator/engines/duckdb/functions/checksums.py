"""Spark's checksum functions as DuckDB macros, which DuckDB lacks.

crc32 is zlib's CRC-32 (reflected polynomial 0xEDB88320, start and final xor 0xFFFFFFFF) of a
binary's bytes, or of a string's UTF-8 bytes, as a bigint. It is a macro over DuckDB lists (a
byte table and a fold over the bytes) so it runs inside DuckDB's vectorised engine rather than
calling back into Python per row. Exported for the warehouse: `MACROS`.

sha2(x, bits) is DuckDB's sha256 for 0 and 256 bits and NULL for a length Spark does not know;
DuckDB has no SHA-224, SHA-384 or SHA-512, so those are refused (`TRANSFORMS`).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

from ....errors import not_supported

_CRC32_POLYNOMIAL = 0xEDB88320
_ALL_ONES = "CAST(4294967295 AS BIGINT)"


def _crc32_table() -> list[int]:
    """The CRC of each byte value alone: the standard table of the byte-at-a-time algorithm."""
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ _CRC32_POLYNOMIAL if crc & 1 else crc >> 1
        table.append(crc)
    return table


def _crc32_macro() -> str:
    table = "(CAST([" + ", ".join(map(str, _crc32_table())) + "] AS BIGINT[]))"
    # The bytes as integers: hex() once, split into pairs (a per-byte substr re-hexes each time).
    body = (
        "xor(list_reduce(list_transform(regexp_extract_all(hex({b}), '..'), "
        "lambda h: CAST('0x' || h AS INTEGER)), "
        f"lambda c, x: xor({table}[(xor(c, x) & 255) + 1], c >> 8), {_ALL_ONES}), {_ALL_ONES})"
    )
    return (
        f"CREATE OR REPLACE MACRO main.spark_crc32(b BLOB) AS {body.format(b='b')}, "
        f"(b VARCHAR) AS {body.format(b='encode(b)')}"
    )


MACROS = (_crc32_macro(),)


def _sha2(gen: DuckDBGenerator, node: exp.SHA2) -> str:
    length = node.args.get("length")
    bits = int(length.name) if isinstance(length, exp.Literal) and length.is_int else None
    if bits in (0, 256):
        return f"sha256({gen.sql(node, 'this')})"
    if bits is None or bits in (224, 384, 512):
        raise not_supported(
            f"sha2 of {length.sql('spark') if length else 'no'} bits is not supported by the "
            "DuckDB engine (it has SHA-1 and SHA-256 only)"
        )
    return "CAST(NULL AS VARCHAR)"


TRANSFORMS: dict[type[exp.Expr], Callable[..., str]] = {exp.SHA2: _sha2}
