"""SHOW PARTITIONS with a partition value holding `/`, `=` or `..`: a value, never a path.

The expected rows and messages are real Spark 4.3.0's (local session, non-ANSI, UTC), asked of
pyspark with the same table and data: Spark escapes `/` and `=` in a partition's name
(`p=a%2Fb`). A table named by a file path stays refused by the sandbox (DLI.0011), as before.
"""

from collections.abc import Iterator

import pytest

from dli_emulator.errors import DliError
from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

SETUP = (
    "CREATE TABLE sp (x INT, p STRING) USING parquet PARTITIONED BY (p)",
    "INSERT INTO sp VALUES (1, 'a/b'), (2, 'c'), (3, 'x=y'), (4, 'sp ace'), (5, '../etc')",
    "CREATE TABLE sp2 (x INT, p STRING) USING parquet PARTITIONED BY (p)",
    "INSERT INTO sp2 VALUES (1, '2024-01-01 10:00:00'), (2, 'c')",
)


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("partitions"), *SETUP) as jobs:
        yield jobs


@pytest.mark.parametrize(
    ("spec", "rows"),
    [
        ("", [["p=..%2Fetc"], ["p=a%2Fb"], ["p=c"], ["p=sp ace"], ["p=x%3Dy"]]),
        (" PARTITION (p='a/b')", [["p=a%2Fb"]]),
        (" PARTITION (p='/etc/passwd')", []),
        (" PARTITION (p='../etc')", [["p=..%2Fetc"]]),
        (" PARTITION (p='x=y')", [["p=x%3Dy"]]),
    ],
)
def test_a_partition_value_is_a_value(jobs: Jobs, spec: str, rows: list[list[str]]) -> None:
    assert jobs.rows(f"SHOW PARTITIONS sp{spec}") == rows


def test_a_partition_value_with_a_colon_is_a_value(jobs: Jobs) -> None:
    spec = "PARTITION (p='2024-01-01 10:00:00')"
    assert jobs.rows(f"SHOW PARTITIONS sp2 {spec}") == [["p=2024-01-01 10%3A00%3A00"]]
    assert jobs.rows("SHOW PARTITIONS sp2") == [["p=2024-01-01 10%3A00%3A00"], ["p=c"]]


def test_an_unknown_partition_column_is_sparks_error(jobs: Jobs) -> None:
    assert jobs.refused("SHOW PARTITIONS sp PARTITION (q='c')").error_msg == (
        "[PARTITIONS_NOT_FOUND] The partition(s) `q` cannot be found in table "
        "`spark_catalog`.`default`.`sp`."
    )


@pytest.mark.parametrize(
    "sql",
    [
        "SHOW PARTITIONS 'x.csv'",
        "SHOW COLUMNS IN 'a/b.parquet'",
        "SHOW PARTITIONS `/data/t.parquet` PARTITION (p='a')",
        "EXPLAIN FORMATTED SELECT * FROM 'data.csv'",
        "EXPLAIN SELECT * FROM 'data.csv'",
    ],
)
def test_a_file_named_in_a_command_is_still_refused(jobs: Jobs, sql: str) -> None:
    with pytest.raises(DliError) as caught:
        jobs.engine.parse(sql)
    assert caught.value.error_code == "DLI.0011"
