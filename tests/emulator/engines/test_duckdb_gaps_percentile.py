"""percentile(col, p[, frequency]) on the DuckDB engine: each row counted `frequency` times,
Spark 4's interpolation arithmetic, NULL when no value is left.

Every expected answer (value, Spark type name, column name) is real Spark 4.3.0's (local
session, non-ANSI, UTC), asked of pyspark with the same table and data.
"""

from collections.abc import Iterator

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

SETUP = (
    "CREATE TABLE pf (g STRING, x INT, f INT, d DOUBLE) USING parquet",
    "INSERT INTO pf VALUES ('a', 1, 1, 1.5), ('a', 2, 3, 2.5), ('a', 10, 0, 3.5),"
    " ('a', 4, NULL, 4.5), ('a', NULL, 5, NULL), ('b', 7, 2, 0.5), ('b', 3, 1, 1.0),"
    " ('c', 5, 0, 2.0)",
)


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("percentile"), *SETUP) as jobs:
        yield jobs


def test_a_frequency_counts_each_row_that_many_times(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT g, percentile(x, 0.5, f), percentile(x, 0.25, f),"
        " percentile(x, array(0.1, 0.5, 0.9), f), percentile(x, 0.5), percentile(d, 0.5, f)"
        " FROM pf GROUP BY g ORDER BY g"
    )
    assert columns == [
        ("g", "string"),
        ("percentile(x, 0.5, f)", "double"),
        ("percentile(x, 0.25, f)", "double"),
        ("percentile(x, array(0.1, 0.5, 0.9), f)", "array<double>"),
        ("percentile(x, 0.5, 1)", "double"),
        ("percentile(d, 0.5, f)", "double"),
    ]
    assert rows == [
        ["a", 2.0, 1.75, [1.3, 2.0, 2.0], 3.0, 2.5],
        ["b", 7.0, 5.0, [3.8, 7.0, 7.0], 5.0, 0.5],
        # every row counted 0 times: no value, NULL (the array too)
        ["c", None, None, None, 5.0, None],
    ]


def test_a_constant_or_filtered_frequency(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT percentile(x, 0.5, 2), percentile(x, 0.3, CAST(2 AS BIGINT)) FROM pf"
    )
    assert columns == [
        ("percentile(x, 0.5, 2)", "double"),
        ("percentile(x, 0.3, CAST(2 AS BIGINT))", "double"),
    ]
    assert rows == [[4.0, 2.9]]
    columns, rows = jobs.columns("SELECT percentile(x, 0.5, f) FILTER (WHERE g = 'a') FROM pf")
    assert columns == [("percentile(x, 0.5, f) FILTER (WHERE (g = a))", "double")]
    assert rows == [[2.0]]


def test_a_negative_frequency_is_sparks_error(jobs: Jobs) -> None:
    assert (
        '[NEGATIVE_VALUES_IN_FREQUENCY_EXPRESSION] Found the negative value in "-1": -1L, but '
        "expected a positive integral value."
    ) in jobs.failed("SELECT percentile(x, 0.5, -1) FROM pf")


@pytest.mark.parametrize(
    ("values", "fractions", "answers"),
    [
        # low + fraction * (high - low), as Spark 4 computes it, to the last bit
        ("(3), (7)", "0.1", [3.4]),
        ("(3), (7), (7)", "0.1", [3.8]),
        ("(0.1D), (0.3D)", "0.3, 0.35", [0.16, 0.16999999999999998]),
        ("(0.1D), (1.9D)", "0.35", [0.7299999999999999]),
        ("(0.1D), (5.5D)", "0.3, 0.7", [1.7200000000000002, 3.88]),
    ],
)
def test_interpolation_is_bit_for_bit_sparks(
    jobs: Jobs, values: str, fractions: str, answers: list[float]
) -> None:
    calls = ", ".join(f"percentile(v, {q})" for q in fractions.split(", "))
    _, rows = jobs.columns(f"SELECT {calls} FROM VALUES {values} AS t(v)")
    assert rows == [answers]


WHOLE = "ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING"


@pytest.mark.parametrize(
    ("call", "name", "kind", "answers"),
    [
        (
            "percentile(x, 0.5) OVER (PARTITION BY g)",
            f"percentile(x, 0.5, 1) OVER (PARTITION BY g {WHOLE})",
            "double",
            [3.0] * 5 + [5.0, 5.0, 5.0],
        ),
        (
            "percentile(x, 0.5, f) OVER (PARTITION BY g)",
            f"percentile(x, 0.5, f) OVER (PARTITION BY g {WHOLE})",
            "double",
            [2.0] * 5 + [7.0, 7.0, None],
        ),
        (
            "percentile(x, 0.5) OVER (PARTITION BY g ORDER BY x)",
            "percentile(x, 0.5, 1) OVER (PARTITION BY g ORDER BY x ASC NULLS FIRST"
            " RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
            "double",
            [None, 1.0, 1.5, 2.0, 3.0, 3.0, 5.0, 5.0],
        ),
        (
            "percentile(x, array(0.25, 0.75)) FILTER (WHERE x > 1) OVER (PARTITION BY g)",
            "percentile(x, array(0.25, 0.75), 1) FILTER (WHERE (x > 1))"
            f" OVER (PARTITION BY g {WHOLE})",
            "array<double>",
            [[3.0, 7.0]] * 5 + [[4.0, 6.0], [4.0, 6.0], [5.0, 5.0]],
        ),
        (
            "percentile_approx(x, 0.5) OVER (PARTITION BY g)",
            f"percentile_approx(x, 0.5, 10000) OVER (PARTITION BY g {WHOLE})",
            "int",
            [2] * 5 + [3, 3, 5],
        ),
    ],
)
def test_a_percentile_over_a_window(
    jobs: Jobs, call: str, name: str, kind: str, answers: list[object]
) -> None:
    columns, rows = jobs.columns(f"SELECT g, x, {call} FROM pf ORDER BY g, x")
    assert columns == [("g", "string"), ("x", "int"), (name, kind)]
    assert [row[2] for row in rows] == answers
