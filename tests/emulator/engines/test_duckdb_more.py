"""Spark semantics the DuckDB engine lacked and the corpus does not exercise: crc32, ...

The expected names, Spark types and rows are real Spark 4.3.0's (pyspark, local, non-ANSI,
session time zone UTC, as scripts/sqlconf/spark.py configures it): each query here was run on it.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs


@pytest.fixture
def jobs(tmp_path: Path) -> Iterator[Jobs]:
    jobs = Jobs(tmp_path)
    try:
        yield jobs
    finally:
        jobs.engine.close()


def test_crc32_of_strings_and_binaries_is_zlibs_crc_as_bigint(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT crc32('Spark'), crc32(''), crc32(NULL), crc32(X'00FF'),"
        " crc32(CAST('abc' AS BINARY))"
    )
    assert columns == [
        ("crc32(Spark)", "bigint"),
        ("crc32()", "bigint"),
        ("crc32(NULL)", "bigint"),
        ("crc32(X'00FF')", "bigint"),
        ("crc32(CAST(abc AS BINARY))", "bigint"),
    ]
    assert rows == [[1557323817, 0, None, 1826356594, 891568578]]


def test_crc32_of_a_string_column_reads_its_utf8_bytes(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT crc32(s) FROM VALUES ('a'), (NULL), ('日本'), ('héllo') t(s)"
    )
    assert columns == [("crc32(s)", "bigint")]
    assert rows == [[3904355907], [None], [3350711756], [2654700086]]
