"""CAST(... AS BINARY) as Spark casts (`Cast.castToBinary`): a string's UTF-8 bytes, an
integral number's big-endian two's complement bytes at its own width (tinyint 1 byte ... bigint
8), a binary as it is. DuckDB's own cast of a string to BLOB reads escapes and refuses (here:
NULL) any character beyond ASCII, and has no integer to BLOB cast. Exported: `MACROS` (for the
warehouse) and `binary_sql` (for the generator's cast).
"""

from __future__ import annotations

_WIDTHS = {"TINYINT": 1, "SMALLINT": 2, "INTEGER": 4, "BIGINT": 8}


def _macro() -> str:
    integral = [
        f"(x {kind}) AS unhex(right(lpad(hex(CAST(x AS BIGINT)), 16, '0'), {2 * width}))"
        for kind, width in _WIDTHS.items()
    ]
    overloads = [
        "(x VARCHAR) AS encode(x)",
        "(x BLOB) AS x",
        *integral,
        "(x) AS TRY_CAST(x AS BLOB)",
    ]
    return "CREATE OR REPLACE MACRO main.spark_binary" + ", ".join(overloads)


MACROS = (_macro(),)


def binary_sql(value: str) -> str:
    return f"main.spark_binary({value})"
