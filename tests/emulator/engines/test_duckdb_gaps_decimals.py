"""Decimals of more than 38 digits on the DuckDB engine: a literal or DECIMAL(p, s) beyond
38 is refused, an exact result beyond 38 digits is NULL (no ANSI mode).

Every expected answer (value, Spark type name, column name, error message) is real Spark
4.3.0's (local session, non-ANSI, UTC), asked of pyspark; Spark's closing `SQLSTATE: 22003` is
left out, as for every message the engine gives.
"""

from collections.abc import Iterator

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

NINES = "9" * 38


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("decimals")) as jobs:
        yield jobs


@pytest.mark.parametrize(
    ("literal", "precision"),
    [
        ("123456789012345678901234567890123456789", 39),
        ("-123456789012345678901234567890123456789", 39),
        ("0.123456789012345678901234567890123456789", 39),
        ("12345678901234567890123456789012345678.5", 39),
        ("1234567890123456789012345678901234567890.5", 41),
        ("0.00000000000000000000000000000000000000001", 41),
        ("1234567890123456789012345678901234567890BD", 40),
        ("CAST(1 AS DECIMAL(40,0))", 40),
    ],
)
def test_a_decimal_beyond_38_digits_is_refused(jobs: Jobs, literal: str, precision: int) -> None:
    expected = (
        f"[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision {precision} exceeds max "
        "precision 38."
    )
    assert jobs.checked(f"SELECT {literal}") == expected
    assert jobs.refused(f"SELECT {literal}").error_msg == expected


def test_literals_within_38_digits_or_with_an_exponent_stay(jobs: Jobs) -> None:
    columns, rows = jobs.columns(f"SELECT 1.0E40, {NINES[:37]}8, 0.5")
    assert columns == [
        ("1.0E40", "double"),
        (f"{NINES[:37]}8", "decimal(38,0)"),
        ("0.5", "decimal(1,1)"),
    ]
    assert rows == [[1e40, f"{NINES[:37]}8", "0.5"]]
    _, rows = jobs.columns("SELECT 000000000000000000000000000000000000000001 AS one")
    assert rows == [[1]]


@pytest.mark.parametrize(
    ("expression", "name", "kind", "value"),
    [
        (f"{NINES} + 1", f"({NINES} + 1)", "decimal(38,0)", None),
        (
            f"12345678901234567890123456789012345678 - (-{NINES})",
            f"(12345678901234567890123456789012345678 - -{NINES})",
            "decimal(38,0)",
            None,
        ),
        (f"{NINES} * {NINES}", f"({NINES} * {NINES})", "decimal(38,0)", None),
        (
            f"CAST({NINES} AS DECIMAL(38,0)) * 10",
            f"(CAST({NINES} AS DECIMAL(38,0)) * 10)",
            "decimal(38,0)",
            None,
        ),
        (
            "CAST(1.5 AS DECIMAL(38,10)) * CAST(2.5 AS DECIMAL(38,10))",
            "(CAST(1.5 AS DECIMAL(38,10)) * CAST(2.5 AS DECIMAL(38,10)))",
            "decimal(38,6)",
            "3.750000",
        ),
    ],
)
def test_a_result_beyond_38_digits_is_null(
    jobs: Jobs, expression: str, name: str, kind: str, value: str | None
) -> None:
    assert jobs.columns(f"SELECT {expression}") == ([(name, kind)], [[value]])


def test_a_number_literal_is_named_by_its_value(jobs: Jobs) -> None:
    columns, _ = jobs.columns(
        "SELECT 007, 0.50, 00.5, 0007.250, 000, -007, 0010000000000, .5, 1., 007L, 12.345BD"
    )
    assert columns == [
        ("7", "int"),
        ("0.50", "decimal(2,2)"),
        ("0.5", "decimal(1,1)"),
        ("7.250", "decimal(4,3)"),
        ("0", "int"),
        ("-7", "int"),
        ("10000000000", "bigint"),
        ("0.5", "decimal(1,1)"),
        ("1", "decimal(1,0)"),
        ("7", "bigint"),
        ("12.345", "decimal(5,3)"),
    ]
