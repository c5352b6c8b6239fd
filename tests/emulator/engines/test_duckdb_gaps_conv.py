"""conv(num, from_base, to_base) on the DuckDB engine.

Every expected answer (value, Spark type name, column name) is real Spark 4.3.0's (local
session, non-ANSI, UTC), asked of pyspark; the cases follow Spark's NumberConverter: valid
prefix, unsigned 64-bit overflow, two's complement for a positive to_base, a signed answer for
a negative one, NULL for a bad base.
"""

from collections.abc import Iterator

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

ONES = "1" * 64


SETUP = (
    "CREATE TABLE nt (s STRING, i INT, dbl DOUBLE, f INT, t INT) USING parquet",
    "INSERT INTO nt VALUES ('ff', 255, 1.5, 16, -10), ('-15', -1, 1e20, 10, 16),"
    " (NULL, NULL, NULL, 1, 2)",
)


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("conv"), *SETUP) as jobs:
        yield jobs


@pytest.mark.parametrize(
    ("arguments", "value"),
    [
        ("'100', 2, 10", "4"),
        ("'ff', 16, 2", "11111111"),
        ("'FF', 16, 2", "11111111"),
        ("'zz', 36, 10", "1295"),
        ("'10', 10, 2", "1010"),
        ("'0', 10, 2", "0"),
        # the digits up to the first that is not one of the base; spaces trimmed, nothing else
        ("'12x', 10, 2", "1100"),
        ("' 12', 10, 2", "1100"),
        ("'12 ', 10, 2", "1100"),
        ("concat(char(9), '12'), 10, 2", "0"),
        ("'+12', 10, 2", "0"),
        ("'x12', 10, 2", "0"),
        ("'ä1', 16, 10", "0"),
        ("'1ä', 16, 10", "1"),
        ("'-', 10, 2", "0"),
        ("'- 12', 10, -10", "-0"),
        ("'--12', 10, -10", "-0"),
        # signs: two's complement for a positive to_base, a signed answer for a negative one
        ("'-1', 10, 16", "FFFFFFFFFFFFFFFF"),
        ("'-15', 10, -16", "-F"),
        ("' -12 ', 10, -10", "-12"),
        ("'-0', 10, -16", "-0"),
        ("'FFFFFFFFFFFFFFFF', 16, -10", "-1"),
        ("'8000000000000000', 16, -10", "-9223372036854775808"),
        ("'-8000000000000000', 16, -10", "-9223372036854775808"),
        ("'-8000000000000000', 16, 10", "18446744073709551615"),
        ("'9999999999999999999', 10, 10", "9999999999999999999"),
        ("'9999999999999999999', 10, -10", "-8446744073709551617"),
        ("'-9999999999999999999', 10, 10", "18446744073709551615"),
        ("'-9999999999999999999', 10, -10", "-8446744073709551617"),
        # beyond 64 bits: 2^64 - 1
        ("'18446744073709551615', 10, 16", "FFFFFFFFFFFFFFFF"),
        ("'18446744073709551616', 10, 16", "FFFFFFFFFFFFFFFF"),
        ("'99999999999999999990', 10, 10", "18446744073709551615"),
        (f"'{ONES}0', 2, 16", "FFFFFFFFFFFFFFFF"),
        (f"'{ONES}111111', 2, 16", "FFFFFFFFFFFFFFFF"),
        ("'zzzzzzzzzzzzzz', 36, 10", "18446744073709551615"),
        ("'-18446744073709551615', 10, -10", "-1"),
        ("'-18446744073709551616', 10, -10", "-1"),
        ("'-18446744073709551616', 10, 10", "18446744073709551615"),
        # NULL: a NULL argument, an empty text, a base outside 2..36
        ("NULL, 10, 2", None),
        ("'10', NULL, 2", None),
        ("'10', 10, NULL", None),
        ("'', 10, 2", None),
        ("'  ', 10, 2", None),
        ("'7', 10, 1", None),
        ("'7', 37, 10", None),
        ("'7', 10, -1", None),
        ("'7', 10, -37", None),
        # Spark's implicit casts: the number to a string, the bases to int
        ("100, 2, 10", "4"),
        ("-1, 10, 16", "FFFFFFFFFFFFFFFF"),
        ("-5, 10, -10", "-5"),
        ("1.5, 10, 2", "1"),
        ("1e20, 10, 10", "1"),
        ("true, 10, 2", "0"),
        ("CAST(255 AS BIGINT), 10, -16", "FF"),
        ("CAST(10 AS DECIMAL(5,2)), 10, 2", "1010"),
        ("'255', '10', '16'", "FF"),
        ("'7', 10.5, 2", "111"),
        ("'7', 10, 2.9", "111"),
    ],
)
def test_conv_converts_as_spark_does(jobs: Jobs, arguments: str, value: str | None) -> None:
    columns, rows = jobs.columns(f"SELECT conv({arguments}) AS c")
    assert columns == [("c", "string")]
    assert rows == [[value]]


def test_conv_of_columns_is_named_as_spark_names_it(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT conv(s, 16, 10), conv(i, 10, 16), conv(dbl, 10, 2), conv(s, f, t),"
        " upper(conv('ff', 16, 36)) FROM nt ORDER BY i"
    )
    assert columns == [
        ("conv(s, 16, 10)", "string"),
        ("conv(i, 10, 16)", "string"),
        ("conv(dbl, 10, 2)", "string"),
        ("conv(s, f, t)", "string"),
        ("upper(conv(ff, 16, 36))", "string"),
    ]
    assert rows == [
        [None, None, None, None, "73"],
        ["18446744073709551595", "FFFFFFFFFFFFFFFF", "1", "FFFFFFFFFFFFFFF1", "73"],
        ["255", "FF", "1", "255", "73"],
    ]


def test_conv_literal_names(jobs: Jobs) -> None:
    columns, _ = jobs.columns(
        "SELECT conv('100', 2, 10), conv(-1, 10, 16), typeof(conv('1', 10, 2))"
    )
    assert columns == [
        ("conv(100, 2, 10)", "string"),
        ("conv(-1, 10, 16)", "string"),
        ("typeof(conv(1, 10, 2))", "string"),
    ]
