"""Interval results on the DuckDB engine: Spark's interval types in the result schema and
Spark's text of each value, and the interval arithmetic DuckDB does its own way.

The expected names, types and values are real Spark 4.3.0's (pyspark, local, non-ANSI, UTC):
corpus category 26 (`tests/sql_conformance/corpus/26_intervals.sql`) holds these queries or
their like, and every conformance run checks them against Spark again.
"""

from collections.abc import Iterator

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

SETUP = (
    "CREATE TABLE iv (id INT, started TIMESTAMP, ended TIMESTAMP, day DATE) USING parquet",
    "INSERT INTO iv VALUES (1, TIMESTAMP '2024-05-01 08:00:00', TIMESTAMP '2024-05-01 08:45:30',"
    " DATE '2024-05-01'), (2, TIMESTAMP '2024-05-03 12:00:00', TIMESTAMP '2024-05-03 11:59:59.5',"
    " DATE '2023-12-25'), (3, NULL, NULL, NULL)",
)


@pytest.fixture(scope="module")
def intervals(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("intervals"), *SETUP) as jobs:
        yield jobs


def test_differences_of_timestamps_and_dates_are_typed_intervals_shown_as_spark_writes_them(
    intervals: Jobs,
) -> None:
    names, types, rows = intervals.answer(
        "SELECT id, ended - started AS dur, day - DATE '2024-01-01' AS since FROM iv ORDER BY id"
    )
    assert names == ["id", "dur", "since"]
    assert types == ["int", "interval day to second", "interval day"]
    assert rows == [
        [1, "INTERVAL '0 00:45:30' DAY TO SECOND", "INTERVAL '121' DAY"],
        [2, "INTERVAL '-0 00:00:00.5' DAY TO SECOND", "INTERVAL '-7' DAY"],
        [3, None, None],
    ]


def test_literals_keep_their_units_in_type_name_and_text(intervals: Jobs) -> None:
    names, types, rows = intervals.answer(
        "SELECT INTERVAL '26' HOUR, INTERVAL 1.5 SECONDS, INTERVAL '-10:30.5' MINUTE TO SECOND,"
        " INTERVAL '-1-1' YEAR TO MONTH, INTERVAL 14 MONTHS"
    )
    assert names == [
        "INTERVAL '26' HOUR",
        "INTERVAL '01.5' SECOND",
        "INTERVAL '-10:30.5' MINUTE TO SECOND",
        "INTERVAL '-1-1' YEAR TO MONTH",
        "INTERVAL '14' MONTH",
    ]
    assert types == [
        "interval hour",
        "interval second",
        "interval minute to second",
        "interval year to month",
        "interval month",
    ]
    assert rows == [names]  # Spark names a literal by its text


def test_arithmetic_rounds_half_up_and_dividing_by_zero_is_sparks_error(intervals: Jobs) -> None:
    _, types, rows = intervals.answer(
        "SELECT INTERVAL '0.000001' SECOND / 2, INTERVAL '-0.000001' SECOND / 2,"
        " INTERVAL '0.000001' SECOND * 1.5, INTERVAL '5' MONTH / 2, 2 * INTERVAL '1' HOUR"
    )
    assert types == ["interval day to second"] * 3 + ["interval year to month"] + [
        "interval day to second"
    ]
    assert rows == [
        [
            "INTERVAL '0 00:00:00.000001' DAY TO SECOND",
            "INTERVAL '-0 00:00:00.000001' DAY TO SECOND",
            "INTERVAL '0 00:00:00.000002' DAY TO SECOND",
            "INTERVAL '0-3' YEAR TO MONTH",
            "INTERVAL '0 02:00:00' DAY TO SECOND",
        ]
    ]
    assert intervals.failed("SELECT INTERVAL '1' HOUR / 0").startswith(
        "[INTERVAL_DIVIDED_BY_ZERO] Division by zero."
    )


def test_sums_averages_and_parts_of_intervals(intervals: Jobs) -> None:
    _, types, rows = intervals.answer(
        "SELECT sum(ended - started), avg(ended - started), sum(day - DATE '2024-01-01'),"
        " extract(HOUR FROM INTERVAL '26' HOUR), extract(SECOND FROM max(ended - started))"
        " FROM iv"
    )
    assert types == [
        "interval day to second",
        "interval day to second",
        "interval day",
        "tinyint",
        "decimal(8,6)",
    ]
    assert rows == [
        [
            "INTERVAL '0 00:45:29.5' DAY TO SECOND",
            "INTERVAL '0 00:22:44.75' DAY TO SECOND",
            "INTERVAL '114' DAY",
            2,
            "30.000000",
        ]
    ]


def test_intervals_written_as_text(intervals: Jobs) -> None:
    _, types, rows = intervals.answer(
        "SELECT CAST(ended - started AS STRING), to_json(named_struct('d', day - day)),"
        " make_dt_interval(0, 25, 61, 61.000001) FROM iv WHERE id = 1"
    )
    assert types == ["string", "string", "interval day to second"]
    assert rows == [
        [
            "INTERVAL '0 00:45:30' DAY TO SECOND",
            '{"d":"INTERVAL \'0\' DAY"}',
            "INTERVAL '1 02:02:01.000001' DAY TO SECOND",
        ]
    ]
