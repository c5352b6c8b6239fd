"""Date arithmetic on the DuckDB engine: a date (a DATE column, a date from a subquery or CTE, a
DATE literal, a cast) plus or minus an interval or a number of days.

Every expected answer (value, Spark type name, column name) is real Spark 4.3.0's (local
session, non-ANSI, UTC), asked of pyspark with the same table and data.
"""

from collections.abc import Iterator

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

SETUP = (
    "CREATE TABLE dt (d DATE, ts TIMESTAMP, n INT, b BIGINT, s STRING) USING parquet",
    "INSERT INTO dt VALUES (DATE'2024-01-31', TIMESTAMP'2024-01-31 10:00:00', 3, 4, '2024-03-01')",
)
ADD_DAY = "date_add(d, extractansiintervaldays(INTERVAL '1' DAY))"


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("dates"), *SETUP) as jobs:
        yield jobs


@pytest.mark.parametrize(
    ("expression", "name", "kind", "value"),
    [
        ("d + INTERVAL 1 DAY", ADD_DAY, "date", "2024-02-01"),
        ("INTERVAL 1 DAY + d", ADD_DAY, "date", "2024-02-01"),
        ("d + (INTERVAL 1 DAY)", ADD_DAY, "date", "2024-02-01"),
        (
            "d - INTERVAL 2 DAY",
            "date_add(d, (- extractansiintervaldays(INTERVAL '2' DAY)))",
            "date",
            "2024-01-29",
        ),
        (
            "d + INTERVAL '-3' DAY",
            "date_add(d, extractansiintervaldays(INTERVAL '-3' DAY))",
            "date",
            "2024-01-28",
        ),
        (
            "d + INTERVAL 2 WEEKS",
            "date_add(d, extractansiintervaldays(INTERVAL '14' DAY))",
            "date",
            "2024-02-14",
        ),
        (
            "d - INTERVAL 1 WEEK",
            "date_add(d, (- extractansiintervaldays(INTERVAL '7' DAY)))",
            "date",
            "2024-01-24",
        ),
        ("d + INTERVAL 1 MONTH", "d + INTERVAL '1' MONTH", "date", "2024-02-29"),
        ("INTERVAL 1 MONTH + d", "d + INTERVAL '1' MONTH", "date", "2024-02-29"),
        ("d - INTERVAL 1 YEAR", "d - INTERVAL '1' YEAR", "date", "2023-01-31"),
        ("d + INTERVAL 3 HOUR", "d + INTERVAL '03' HOUR", "timestamp", "2024-01-31 03:00:00"),
        ("INTERVAL 3 HOUR + d", "d + INTERVAL '03' HOUR", "timestamp", "2024-01-31 03:00:00"),
        ("INTERVAL 1 DAY + ts", "ts + INTERVAL '1' DAY", "timestamp", "2024-02-01 10:00:00"),
        ("d + 1", "date_add(d, 1)", "date", "2024-02-01"),
        ("1 + d", "date_add(d, 1)", "date", "2024-02-01"),
        ("d + n", "date_add(d, n)", "date", "2024-02-03"),
        ("n + d", "date_add(d, n)", "date", "2024-02-03"),
        ("d - n", "date_sub(d, n)", "date", "2024-01-28"),
        (
            "d + INTERVAL 1 DAY + INTERVAL 1 MONTH",
            f"{ADD_DAY} + INTERVAL '1' MONTH",
            "date",
            "2024-03-01",
        ),
        (
            "(d + INTERVAL 1 DAY) - INTERVAL 1 DAY",
            f"date_add({ADD_DAY}, (- extractansiintervaldays(INTERVAL '1' DAY)))",
            "date",
            "2024-01-31",
        ),
        ("typeof(d + INTERVAL 1 DAY)", f"typeof({ADD_DAY})", "string", "date"),
        (
            "CAST(d + INTERVAL 1 DAY AS STRING)",
            f"CAST({ADD_DAY} AS STRING)",
            "string",
            "2024-02-01",
        ),
        ("max(d) + INTERVAL 1 DAY", ADD_DAY.replace("(d,", "(max(d),"), "date", "2024-02-01"),
        ("max(d + INTERVAL 1 DAY)", f"max({ADD_DAY})", "date", "2024-02-01"),
        # literals and casts: the same rules
        (
            "DATE'2024-01-31' + INTERVAL 1 DAY",
            "date_add(DATE '2024-01-31', extractansiintervaldays(INTERVAL '1' DAY))",
            "date",
            "2024-02-01",
        ),
        (
            "DATE'2024-01-31' - INTERVAL 1 MONTH",
            "DATE '2024-01-31' - INTERVAL '1' MONTH",
            "date",
            "2023-12-31",
        ),
        (
            "CAST('2024-01-01' AS DATE) + INTERVAL 1 DAY",
            "date_add(CAST(2024-01-01 AS DATE), extractansiintervaldays(INTERVAL '1' DAY))",
            "date",
            "2024-01-02",
        ),
        (
            "to_date('2024-01-01') + INTERVAL 1 MONTH",
            "to_date(2024-01-01) + INTERVAL '1' MONTH",
            "date",
            "2024-02-01",
        ),
    ],
)
def test_date_arithmetic_of_a_column_stays_a_date(
    jobs: Jobs, expression: str, name: str, kind: str, value: str
) -> None:
    columns, rows = jobs.columns(f"SELECT {expression} FROM dt")
    assert columns == [(name, kind)]
    assert rows == [[value]]


def test_a_date_from_a_subquery_or_cte_is_a_date(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT x + INTERVAL 1 DAY, x - INTERVAL 1 MONTH FROM (SELECT d AS x FROM dt)"
    )
    assert columns == [
        ("date_add(x, extractansiintervaldays(INTERVAL '1' DAY))", "date"),
        ("x - INTERVAL '1' MONTH", "date"),
    ]
    assert rows == [["2024-02-01", "2023-12-31"]]
    columns, rows = jobs.columns(
        "WITH c AS (SELECT date_add(d, 3) AS e FROM dt) SELECT e + INTERVAL 1 DAY, e - 1 FROM c"
    )
    assert columns == [
        ("date_add(e, extractansiintervaldays(INTERVAL '1' DAY))", "date"),
        ("date_sub(e, 1)", "date"),
    ]
    assert rows == [["2024-02-04", "2024-02-02"]]


def test_date_arithmetic_in_a_filter_compares_dates(jobs: Jobs) -> None:
    columns, rows = jobs.columns("SELECT d FROM dt WHERE d + INTERVAL 1 DAY = DATE'2024-02-01'")
    assert columns == [("d", "date")]
    assert rows == [["2024-01-31"]]


def test_an_aliased_date_sum_keeps_its_alias(jobs: Jobs) -> None:
    assert jobs.columns("SELECT d + INTERVAL 1 DAY AS a FROM dt") == (
        [("a", "date")],
        [["2024-02-01"]],
    )


def test_a_table_made_of_date_arithmetic_has_spark_column_names(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE dt_ctas USING parquet AS SELECT d + INTERVAL 1 DAY, d - 1 FROM dt")
    columns, rows = jobs.columns("SELECT * FROM dt_ctas")
    assert columns == [(ADD_DAY, "date"), ("date_sub(d, 1)", "date")]
    assert rows == [["2024-02-01", "2024-01-30"]]


def test_a_view_refused_for_an_unnamed_column_names_it_as_spark(jobs: Jobs) -> None:
    error = jobs.refused("CREATE VIEW dt_view AS SELECT d + INTERVAL 1 DAY FROM dt")
    assert error.error_msg == (
        "[CREATE_PERMANENT_VIEW_WITHOUT_ALIAS] Not allowed to create the permanent view "
        "`spark_catalog`.`default`.`dt_view` without explicitly assigning an alias for the "
        f'expression "{ADD_DAY}".'
    )


@pytest.mark.parametrize(
    ("expression", "name", "kind", "value"),
    [
        (
            "d + INTERVAL '1 2' DAY TO HOUR",
            "d + INTERVAL '1 02' DAY TO HOUR",
            "timestamp",
            "2024-02-01 02:00:00",
        ),
        (
            "d + INTERVAL '-1 2' DAY TO HOUR",
            "d + INTERVAL '-1 02' DAY TO HOUR",
            "timestamp",
            "2024-01-29 22:00:00",
        ),
        (
            "d + INTERVAL '1-2' YEAR TO MONTH",
            "d + INTERVAL '1-2' YEAR TO MONTH",
            "date",
            "2025-03-31",
        ),
        (
            "d - INTERVAL '1-2' YEAR TO MONTH",
            "d - INTERVAL '1-2' YEAR TO MONTH",
            "date",
            "2022-11-30",
        ),
        (
            "d + INTERVAL '1 2:30' DAY TO MINUTE",
            "d + INTERVAL '1 02:30' DAY TO MINUTE",
            "timestamp",
            "2024-02-01 02:30:00",
        ),
        (
            "d + INTERVAL '1 2:30:15.5' DAY TO SECOND",
            "d + INTERVAL '1 02:30:15.5' DAY TO SECOND",
            "timestamp",
            "2024-02-01 02:30:15.5",
        ),
        (
            "d + INTERVAL '2:30' HOUR TO MINUTE",
            "d + INTERVAL '02:30' HOUR TO MINUTE",
            "timestamp",
            "2024-01-31 02:30:00",
        ),
        (
            "d + INTERVAL '2:30:05' HOUR TO SECOND",
            "d + INTERVAL '02:30:05' HOUR TO SECOND",
            "timestamp",
            "2024-01-31 02:30:05",
        ),
        (
            "d + INTERVAL '30:05' MINUTE TO SECOND",
            "d + INTERVAL '30:05' MINUTE TO SECOND",
            "timestamp",
            "2024-01-31 00:30:05",
        ),
        (
            "ts + INTERVAL '1 2' DAY TO HOUR",
            "ts + INTERVAL '1 02' DAY TO HOUR",
            "timestamp",
            "2024-02-01 12:00:00",
        ),
        (
            "ts - INTERVAL '0-1' YEAR TO MONTH",
            "ts - INTERVAL '0-1' YEAR TO MONTH",
            "timestamp",
            "2023-12-31 10:00:00",
        ),
        (
            "typeof(INTERVAL '1 2' DAY TO HOUR)",
            "typeof(INTERVAL '1 02' DAY TO HOUR)",
            "string",
            "interval day to hour",
        ),
        (
            "typeof(INTERVAL '-0 1:00' DAY TO MINUTE)",
            "typeof(INTERVAL '-0 01:00' DAY TO MINUTE)",
            "string",
            "interval day to minute",
        ),
        (
            "typeof(d + INTERVAL '1-2' YEAR TO MONTH)",
            "typeof(d + INTERVAL '1-2' YEAR TO MONTH)",
            "string",
            "date",
        ),
    ],
)
def test_an_interval_of_a_span_of_units(
    jobs: Jobs, expression: str, name: str, kind: str, value: str
) -> None:
    columns, rows = jobs.columns(f"SELECT {expression} FROM dt")
    assert columns == [(name, kind)]
    assert rows == [[value]]


def test_a_string_plus_a_day_time_interval_is_a_timestamp_written_back(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT s - INTERVAL 1 DAY, '2024-01-31' + INTERVAL 1 DAY, 'x' + INTERVAL 1 DAY,"
        " '2024-01-31 10:00:00.5' + INTERVAL 2 HOURS, INTERVAL 1 DAY + s,"
        " s + INTERVAL '1 2' DAY TO HOUR, typeof(s + INTERVAL 1 DAY) FROM dt"
    )
    assert columns == [
        ("s - INTERVAL '1' DAY", "string"),
        ("2024-01-31 + INTERVAL '1' DAY", "string"),
        ("x + INTERVAL '1' DAY", "string"),
        ("2024-01-31 10:00:00.5 + INTERVAL '02' HOUR", "string"),
        ("s + INTERVAL '1' DAY", "string"),
        ("s + INTERVAL '1 02' DAY TO HOUR", "string"),
        ("typeof(s + INTERVAL '1' DAY)", "string"),
    ]
    assert rows == [
        [
            "2024-02-29 00:00:00",
            "2024-02-01 00:00:00",
            None,
            "2024-01-31 12:00:00.5",
            "2024-03-02 00:00:00",
            "2024-03-02 02:00:00",
            "string",
        ]
    ]


def _unexpected(call: str, argument: str, kind: str) -> str:
    return (
        f'[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "{call}" due to data type '
        'mismatch: The second parameter requires the ("INT" or "SMALLINT" or "TINYINT") type, '
        f'however "{argument}" has the type "{kind}".'
    )


def _different(operation: str, left: str, right: str) -> str:
    return (
        f'[DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES] Cannot resolve "{operation}" due to data type '
        "mismatch: the left and right operands of the binary operator have incompatible types "
        f'("{left}" and "{right}").'
    )


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        ("d - b", _unexpected("date_sub(d, b)", "b", "BIGINT")),
        ("b + d", _unexpected("date_add(d, b)", "b", "BIGINT")),
        ("1.5 + d", _unexpected("date_add(d, 1.5)", "1.5", "DECIMAL(2,1)")),
        ("d + 1.0D", _unexpected("date_add(d, 1.0)", "1.0", "DOUBLE")),
        ("d + '1'", _unexpected("date_add(d, 1)", "1", "DOUBLE")),  # the string read as a double
        ("ts + b", _different("(ts + b)", "TIMESTAMP", "BIGINT")),
        ("ts + 1", _different("(ts + 1)", "TIMESTAMP", "INT")),
        (
            "'x' + INTERVAL 1 MONTH",
            _different("(x + INTERVAL '1' MONTH)", "STRING", "INTERVAL MONTH"),
        ),
        ("s - INTERVAL 1 YEAR", _different("(s - INTERVAL '1' YEAR)", "STRING", "INTERVAL YEAR")),
    ],
)
def test_date_arithmetic_spark_refuses_is_refused_in_its_words(
    jobs: Jobs, expression: str, message: str
) -> None:
    assert jobs.checked(f"SELECT {expression} FROM dt") == message


def test_a_smaller_int_is_a_number_of_days(jobs: Jobs) -> None:
    columns, rows = jobs.columns("SELECT d + CAST(1 AS TINYINT), d + CAST(1 AS SMALLINT) FROM dt")
    assert columns == [
        ("date_add(d, CAST(1 AS TINYINT))", "date"),
        ("date_add(d, CAST(1 AS SMALLINT))", "date"),
    ]
    assert rows == [["2024-02-01", "2024-02-01"]]
