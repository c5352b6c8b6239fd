"""Spark semantics the DuckDB engine lacked and the corpus does not exercise: crc32, TRUNCATE
TABLE ... PARTITION (the partitions stay listed, emptied), get_json_object with `[*]` in its
path or a path not starting with `$`.

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


def _partitions(jobs: Jobs, table: str) -> list[str]:
    return [row[0] for row in jobs.rows(f"SHOW PARTITIONS {table}")]


def test_truncate_partition_deletes_its_rows_and_keeps_it_listed(jobs: Jobs) -> None:
    jobs("CREATE TABLE tp (a INT, p INT) USING parquet PARTITIONED BY (p)")
    jobs("INSERT INTO tp VALUES (1, 1), (2, 1), (3, 2), (4, 3)")
    jobs("TRUNCATE TABLE tp PARTITION (p = 1)")
    assert jobs.rows("SELECT * FROM tp ORDER BY a") == [[3, 2], [4, 3]]
    assert _partitions(jobs, "tp") == ["p=1", "p=2", "p=3"]
    jobs("TRUNCATE TABLE tp")
    assert jobs.rows("SELECT count(*) FROM tp") == [[0]]
    assert _partitions(jobs, "tp") == ["p=1", "p=2", "p=3"]


def test_truncate_partition_by_a_prefix_of_the_partition_columns(jobs: Jobs) -> None:
    jobs("CREATE TABLE tp2 (a INT, p INT, q STRING) USING parquet PARTITIONED BY (p, q)")
    jobs("INSERT INTO tp2 VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'x')")
    jobs("TRUNCATE TABLE tp2 PARTITION (p = 1)")
    assert jobs.rows("SELECT * FROM tp2") == [[3, 2, "x"]]
    assert _partitions(jobs, "tp2") == ["p=1/q=x", "p=1/q=y", "p=2/q=x"]


def test_truncate_partition_refusals_are_sparks(jobs: Jobs) -> None:
    jobs("CREATE TABLE tp (a INT, p INT) USING parquet PARTITIONED BY (p)")
    jobs("INSERT INTO tp VALUES (1, 1)")
    jobs("CREATE TABLE tnp (a INT) USING parquet")
    assert jobs.failed("TRUNCATE TABLE tp PARTITION (p = 9)") == (
        "[PARTITIONS_NOT_FOUND] The partition(s) PARTITION (`p` = 9) cannot be found in table "
        "`default`.`tp`."
    )
    assert jobs.failed("TRUNCATE TABLE tp PARTITION (q = 9)") == (
        "[PARTITIONS_NOT_FOUND] The partition(s) `q` cannot be found in table "
        "`spark_catalog`.`default`.`tp`."
    )
    assert jobs.failed("TRUNCATE TABLE tnp PARTITION (a = 1)") == (
        "Operation not allowed: TRUNCATE TABLE ... PARTITION is not supported for tables that "
        "are not partitioned: `spark_catalog`.`default`.`tnp`."
    )
    assert jobs.rows("SELECT * FROM tp") == [[1, 1]]


def test_get_json_object_with_an_array_wildcard_answers_one_json_text(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        'SELECT get_json_object(\'{"a":[{"b":1},{"b":2}]}\', \'$.a[*].b\'),'
        ' get_json_object(\'{"a":[{"b":"x"},{"b":"y"}]}\', \'$.a[*].b\'),'
        " get_json_object('{\"a\":[\"x\"]}', '$.a[*]'),"
        ' get_json_object(\'{"a":[{"b":1},{"c":2}]}\', \'$.a[*].b\'),'
        " get_json_object('{\"a\":[]}', '$.a[*]'),"
        " get_json_object('{\"a\":[null, 1]}', '$.a[*]'),"
        ' get_json_object(\'{"a":[{"b":null},{"b":2}]}\', \'$.a[*].b\'),'
        " get_json_object('{\"a\":{\"b\":1}}', '$.a[*]'),"
        " get_json_object('[1,2]', '$[*]')"
    )
    assert [t for _, t in columns] == ["string"] * 9
    assert columns[0][0] == 'get_json_object({"a":[{"b":1},{"b":2}]}, $.a[*].b)'
    assert rows == [["[1,2]", '["x","y"]', '"x"', "1", None, "[null,1]", "2", None, "[1,2]"]]


def test_get_json_object_nested_wildcards_keep_or_flatten_arrays_as_spark(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT get_json_object('{\"a\":[[1,2],[3]]}', '$.a[*]'),"
        " get_json_object('{\"a\":[[1,2],[3]]}', '$.a[*][*]'),"
        " get_json_object('{\"a\":[[1,[2,3]],[4]]}', '$.a[*][*]'),"
        ' get_json_object(\'{"a":[{"b":[1,2]},{"b":[3]}]}\', \'$.a[*].b[*]\'),'
        ' get_json_object(\'{"a":[{"b":[1,2]},{"b":[3]}]}\', \'$.a[*].b[0]\'),'
        " get_json_object('{\"a\":[[5]]}', '$.a[0][*]'),"
        ' get_json_object(\'{"a":[{"b":{"c": 1}},{"b":2}]}\', \'$.a[*].b\')'
    )
    assert [t for _, t in columns] == ["string"] * 7
    assert rows == [
        ["[[1,2],[3]]", "[1,2,3]", "[1,2,3,4]", "[[1,2],[3]]", "[1,3]", "[5]", '[{"c":1},2]']
    ]


def test_get_json_object_of_a_wildcard_path_per_row(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        'SELECT get_json_object(j, \'$.a[*].b\') AS x FROM VALUES (\'{"a":[{"b":"x"}]}\'),'
        " ('{\"a\":[]}'), ('nope'), (NULL) t(j)"
    )
    assert columns == [("x", "string")]
    assert rows == [['"x"'], [None], [None], [None]]


def test_get_json_object_path_not_starting_with_dollar_is_null(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT get_json_object('{\"a\":1}', 'a'), get_json_object('{\"a\":1}', '.a'),"
        " get_json_object('{\"a\":1}', ''), get_json_object('{\"a\":1}', ' $.a'),"
        " get_json_object('{\"a\":1}', '$.a')"
    )
    assert columns == [
        ('get_json_object({"a":1}, a)', "string"),
        ('get_json_object({"a":1}, .a)', "string"),
        ('get_json_object({"a":1}, )', "string"),
        ('get_json_object({"a":1},  $.a)', "string"),
        ('get_json_object({"a":1}, $.a)', "string"),
    ]
    assert rows == [[None, None, None, None, "1"]]
