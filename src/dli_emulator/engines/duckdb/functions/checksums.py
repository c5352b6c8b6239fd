"""Spark's checksum functions as DuckDB macros, which DuckDB lacks.

crc32 is zlib's CRC-32 (reflected polynomial 0xEDB88320, start and final xor 0xFFFFFFFF) of a
binary's bytes, or of a string's UTF-8 bytes, as a bigint. It is a macro over DuckDB lists (a
byte table and a fold over the bytes) so it runs inside DuckDB's vectorised engine rather than
calling back into Python per row. Exported for the warehouse: `MACROS`.
"""

from __future__ import annotations

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
