"""Result names of a window function over a named window (`OVER w`, `WINDOW w AS (...)`):
Spark spells out the definition, with its frame.

The expected names, types and rows are real Spark 4.3.0's (local session, non-ANSI, UTC),
asked of pyspark with the same table and data.
"""

from collections.abc import Iterator

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

WHOLE = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"


SETUP = (
    "CREATE TABLE win_t (emp STRING, dept STRING, salary INT) USING parquet",
    "INSERT INTO win_t VALUES ('a', 'x', 10), ('b', 'x', 20), ('c', 'y', 5)",
)


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("names"), *SETUP) as jobs:
        yield jobs


def test_a_named_window_is_spelled_out(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT emp, min(salary) OVER w FROM win_t WINDOW w AS (PARTITION BY dept) ORDER BY emp"
    )
    assert columns == [
        ("emp", "string"),
        (f"min(salary) OVER (PARTITION BY dept {WHOLE})", "int"),
    ]
    assert rows == [["a", 10], ["b", 10], ["c", 5]]
    columns, rows = jobs.columns(
        "SELECT emp, count(*) OVER w, max(salary) OVER w FROM win_t"
        " WINDOW w AS (PARTITION BY dept) ORDER BY emp"
    )
    assert columns == [
        ("emp", "string"),
        (f"count(1) OVER (PARTITION BY dept {WHOLE})", "bigint"),
        (f"max(salary) OVER (PARTITION BY dept {WHOLE})", "int"),
    ]
    assert rows == [["a", 2, 20], ["b", 2, 20], ["c", 1, 5]]


def test_a_cast_to_an_array_map_or_struct_is_named_after_its_argument(jobs: Jobs) -> None:
    columns, _ = jobs.columns(
        "SELECT cast(array(1, 2) AS ARRAY<STRING>), cast(map(1, 2) AS MAP<STRING, STRING>),"
        " cast(named_struct('a', 1) AS STRUCT<a: STRING>), cast(1 AS STRING),"
        " try_cast(array(1, 2) AS ARRAY<STRING>), size(cast(array(1, 2) AS ARRAY<STRING>)),"
        " try_cast('1' AS INT)"
    )
    assert columns == [
        ("array(1, 2)", "array<string>"),
        ("map(1, 2)", "map<string,string>"),
        ("named_struct(a, 1)", "struct<a:string>"),
        ("CAST(1 AS STRING)", "string"),
        ("array(1, 2)", "array<string>"),
        ("size(array(1, 2))", "int"),
        ("TRY_CAST(1 AS INT)", "int"),
    ]


def test_a_date_function_inside_another_is_named_as_written(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT from_unixtime(unix_timestamp(TIMESTAMP'2024-01-01 10:00:00'), 'yyyy-MM-dd'),"
        " date_format(to_date('2024-01-01'), 'yyyy'),"
        " from_unixtime(unix_timestamp('2024-01-01', 'yyyy-MM-dd'))"
    )
    assert columns == [
        (
            "from_unixtime(unix_timestamp(TIMESTAMP '2024-01-01 10:00:00',"
            " yyyy-MM-dd HH:mm:ss), yyyy-MM-dd)",
            "string",
        ),
        ("date_format(to_date(2024-01-01), yyyy)", "string"),
        ("from_unixtime(unix_timestamp(2024-01-01, yyyy-MM-dd), yyyy-MM-dd HH:mm:ss)", "string"),
    ]
    assert rows == [["2024-01-01", "2024", "2024-01-01 00:00:00"]]
