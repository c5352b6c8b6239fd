"""Spark's result types and non-ANSI numeric semantics on the DuckDB engine.

Every expected answer (value and Spark type name) is real Spark 4.3.0's (non-ANSI, the service's
default): the corpus queries' answers come from the cached run of Spark on the conformance
corpus; the others follow from Spark's rules for the same operations (DecimalPrecision,
Literal typing, non-ANSI Cast), worked out by hand from the Spark source.
"""

import random
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest

from dli_emulator.engines.protocol import ExecutionFailed
from dli_emulator.engines.sparktypes import preview_schema
from tests.emulator.engines.duckdb_jobs import Jobs as Runner
from tests.emulator.engines.duckdb_jobs import jobs_in

SETUP = (
    "create table dec_t (id int, a decimal(10,2), b decimal(5,3), c decimal(38,10))",
    "insert into dec_t values (1, 12.34, 1.234, 1234567.1234567891),"
    " (2, -5.50, 0.001, 0.0000000001), (3, null, 99.999, null)",
    "create table num_t (i int, l bigint, d double, s string)",
    "insert into num_t values (2147483647, 9223372036854775807, 1e10, ' 12.7 '),"
    " (-7, -3, double('NaN'), '-.5')",
)


@pytest.fixture
def run(tmp_path: Path) -> Iterator[Runner]:
    with jobs_in(tmp_path, *SETUP) as runner:
        yield runner


def answer(runner: Runner, sql: str) -> tuple[list[str], list[list[Any]]]:
    """The Spark type names and the rows of a query; decimals as Decimal values."""
    _, types, rows = runner.answer(sql)
    decimals = [t.startswith("decimal") for t in types]
    return types, [
        [Decimal(v) if exact and v is not None else v for v, exact in zip(r, decimals, strict=True)]
        for r in rows
    ]


@pytest.mark.parametrize(
    ("sql", "types", "row"),
    [
        ("SELECT .5, 0.000001, -0.0", ["decimal(1,1)", "decimal(6,6)", "decimal(1,1)"], None),
        ("SELECT -2147483648, 2147483648", ["int", "bigint"], [-2147483648, 2147483648]),
        ("SELECT 0.1 + 0.2", ["decimal(2,1)"], [Decimal("0.3")]),
        ("SELECT 1.23 * 4.567", ["decimal(8,5)"], [Decimal("5.61741")]),
        ("SELECT 1.0 / 3, 10 / 4.0", ["decimal(7,6)", "decimal(9,6)"], None),
        ("SELECT 10.00 / 3", ["decimal(8,6)"], [Decimal("3.333333")]),
        (
            "SELECT 2.0 / 3, -2.0 / 3",
            ["decimal(7,6)"] * 2,
            [Decimal("0.666667"), Decimal("-0.666667")],
        ),
        ("SELECT 1 / 2", ["double"], [0.5]),
        ("SELECT 12345678901234567890.123456789 * 10", ["decimal(32,9)"], None),
        ("SELECT round(1.2345, 2)", ["decimal(4,2)"], [Decimal("1.23")]),
        ("SELECT ceil(5), floor(5), ceil(1.5)", ["bigint", "bigint", "decimal(2,0)"], [5, 5, 2]),
        ("SELECT sign(-4), signum(3.0)", ["double", "double"], [-1.0, 1.0]),
        ("SELECT 2147483647 + 1", ["int"], [-2147483648]),
        ("SELECT 9223372036854775807 + 1", ["bigint"], [-9223372036854775808]),
        ("SELECT '5' + 1, '5' * '2', 'a' + 1", ["double"] * 3, [6.0, 10.0, None]),
        ("SELECT cast('12.7' AS INT), cast(-12.7 AS INT)", ["int", "int"], [12, -12]),
        ("SELECT cast(3000000000 AS INT), cast(300 AS TINYINT)", ["int", "tinyint"], None),
        ("SELECT cast(1.0E10 AS INT)", ["int"], [2147483647]),
        ("SELECT int('42'), bigint('42'), double('4.2')", ["int", "bigint", "double"], None),
        ("SELECT typeof(cast(5 AS DECIMAL))", ["string"], ["decimal(10,0)"]),
        (
            "SELECT typeof(array(1)), typeof(map('a', 1)), typeof(named_struct('a', 1))",
            ["string"] * 3,
            ["array<int>", "map<string,int>", "struct<a:int>"],
        ),
        ("SELECT typeof(array()), typeof(INTERVAL 1 DAY)", ["string"] * 2, None),
    ],
)
def test_literals_arithmetic_and_casts_have_sparks_types_and_values(
    run: Runner, sql: str, types: list[str], row: list[Any] | None
) -> None:
    got_types, rows = answer(run, sql)
    assert got_types == types
    if row is not None:
        assert rows == [row]


def test_overflowing_casts_wrap_around_as_java_does(run: Runner) -> None:
    _, rows = answer(run, "SELECT cast(3000000000 AS INT), cast(300 AS TINYINT)")
    assert rows == [[-1294967296, 44]]
    _, rows = answer(run, "SELECT typeof(array()), typeof(INTERVAL 1 DAY)")
    assert rows == [["array<void>", "interval day"]]


def test_decimal_columns_follow_sparks_precision_rules(run: Runner) -> None:
    types, rows = answer(run, "SELECT a * b, a / b, a + 1 FROM dec_t ORDER BY id")
    assert types == ["decimal(16,5)", "decimal(19,8)", "decimal(11,2)"]
    assert rows == [
        [Decimal("15.22756"), Decimal("10"), Decimal("13.34")],
        [Decimal("-0.0055"), Decimal("-5500"), Decimal("-4.5")],
        [None, None, None],
    ]
    types, rows = answer(run, "SELECT typeof(a * b), typeof(a / b) FROM dec_t WHERE id = 1")
    assert rows == [["decimal(16,5)", "decimal(19,8)"]]


def test_decimal_sum_and_avg_are_exact_at_sparks_scale(run: Runner) -> None:
    types, rows = answer(run, "SELECT sum(a), avg(a), sum(c), avg(c) FROM dec_t")
    assert types == ["decimal(20,2)", "decimal(14,6)", "decimal(38,10)", "decimal(38,14)"]
    # 617283.5617283946 has 16 digits: a double would not hold it.
    assert rows == [
        [
            Decimal("6.84"),
            Decimal("3.42"),
            Decimal("1234567.1234567892"),
            Decimal("617283.5617283946"),
        ]
    ]
    _, rows = answer(run, "SELECT typeof(sum(a)), typeof(avg(a)) FROM dec_t")
    assert rows == [["decimal(20,2)", "decimal(14,6)"]]  # still one row: an aggregate query


def test_column_casts_truncate_wrap_and_clamp(run: Runner) -> None:
    types, rows = answer(
        run,
        "SELECT cast(a AS INT), cast(s AS INT), cast(d AS INT), cast(d AS TINYINT),"
        " cast(l AS INT), i + 1, l * 2 FROM dec_t, num_t WHERE id = 2 ORDER BY i DESC",
    )
    assert types == ["int", "int", "int", "tinyint", "int", "int", "bigint"]
    # 1e10 clamps to 2147483647 as an int, whose low byte is -1; NaN is 0.
    assert rows == [
        [-5, 12, 2147483647, -1, -1, -2147483648, -2],
        [-5, 0, 0, 0, -3, -6, -6],
    ]


def test_ranking_and_grouping_functions_are_int_and_tinyint(run: Runner) -> None:
    types, rows = answer(
        run,
        "SELECT id, row_number() OVER (ORDER BY id), rank() OVER (ORDER BY id),"
        " typeof(dense_rank() OVER (ORDER BY id)) FROM dec_t ORDER BY id",
    )
    assert types == ["int", "int", "int", "string"]
    assert rows == [[1, 1, 1, "int"], [2, 2, 2, "int"], [3, 3, 3, "int"]]
    types, rows = answer(
        run,
        "SELECT id > 1 AS big, grouping(id > 1) FROM dec_t"
        " GROUP BY id > 1 WITH ROLLUP ORDER BY 2, 1",
    )
    assert types == ["boolean", "tinyint"]
    assert rows == [[False, 0], [True, 0], [None, 1]]


def test_function_style_casts_are_lenient_and_named_after_their_argument(run: Runner) -> None:
    outcome, result = run("SELECT int('42'), bigint('42'), double('4.2'), int('abc')")
    assert outcome.fields is not None
    assert preview_schema(outcome.fields) == [
        {"42": "int"},
        {"42": "bigint"},
        {"4.2": "double"},
        {"abc": "int"},
    ]
    assert run.engine.read_result(result, 10) == [[42, 42, 4.2, None]]


def test_a_union_has_the_wider_type_of_its_branches(run: Runner) -> None:
    # Spark widens the branches to decimal(max integral digits + max scale, max scale).
    types, rows = answer(
        run, "SELECT a FROM dec_t WHERE id = 1 UNION ALL SELECT id FROM dec_t WHERE id = 2"
    )
    assert types == ["decimal(12,2)"]  # decimal(10,2) and int (decimal(10,0))
    assert sorted(rows) == [[Decimal("2")], [Decimal("12.34")]]
    types, _ = answer(run, "SELECT id FROM dec_t UNION SELECT 2.5")
    assert types == ["decimal(11,1)"]


def test_a_cte_reading_the_table_of_its_own_name_is_typed_from_the_table(run: Runner) -> None:
    run("create table cte_t (id int)")
    run("insert into cte_t values (1), (3), (4)")
    types, rows = answer(
        run, "WITH cte_t AS (SELECT id FROM cte_t WHERE id > 2) SELECT id FROM cte_t ORDER BY id"
    )
    assert (types, rows) == (["int"], [[3], [4]])


def test_strings_are_summed_and_averaged_as_doubles(run: Runner) -> None:
    types, rows = answer(run, "SELECT sum(s), avg(s), sum(DISTINCT s) FROM num_t")
    assert types == ["double", "double", "double"]
    assert rows == [[12.2, 6.1, 12.2]]  # ' 12.7 ' and '-.5'


def test_a_double_literal_is_named_as_java_writes_it(run: Runner) -> None:
    outcome, result = run("SELECT cast(1.0E10 AS INT), 1.5E-5, 2.5E3")
    assert outcome.fields is not None
    assert preview_schema(outcome.fields) == [
        {"CAST(1.0E10 AS INT)": "int"},
        {"1.5E-5": "double"},
        {"2500.0": "double"},
    ]
    assert run.engine.read_result(result, 10) == [[2147483647, 1.5e-05, 2500.0]]


def test_create_table_as_select_keeps_sparks_types_where_they_are_known(run: Runner) -> None:
    run(
        "create table ranked as"
        " select id, row_number() over (order by id) as r, 1.0 / 3 as c from dec_t"
    )
    _, rows = answer(run, "SELECT typeof(r), typeof(c), r, c FROM ranked ORDER BY id LIMIT 1")
    assert rows == [["int", "decimal(7,6)", 1, Decimal("0.333333")]]


def test_negating_the_smallest_integer_wraps_around_as_java_does(run: Runner) -> None:
    types, rows = answer(run, "SELECT -i, abs(i), -l FROM num_t WHERE i = -7")
    assert (types, rows) == (["int", "int", "bigint"], [[7, 7, 3]])
    run("create table low (i int, l bigint)")
    run("insert into low values (-2147483648, -9223372036854775808)")
    _, rows = answer(run, "SELECT -i, abs(i), -l, abs(l) FROM low")
    assert rows == [[-2147483648, -2147483648, -9223372036854775808, -9223372036854775808]]


def test_a_double_cast_to_a_string_is_written_as_java_writes_it(run: Runner) -> None:
    _, rows = answer(
        run,
        "SELECT cast(1.0E10 AS STRING), cast(1.5E-5 AS STRING), string(12345678.9D),"
        " cast(1234.5D AS STRING), cast(-2.5E20 AS STRING), cast(d AS STRING)"
        " FROM num_t ORDER BY i",
    )
    assert rows == [
        ["1.0E10", "1.5E-5", "1.23456789E7", "1234.5", "-2.5E20", "NaN"],
        ["1.0E10", "1.5E-5", "1.23456789E7", "1234.5", "-2.5E20", "1.0E10"],
    ]


def test_insert_and_create_as_select_type_the_columns_they_read(run: Runner) -> None:
    run("create table typed as select a / b as q, i + 1 as j, s + 1 as t from dec_t, num_t")
    _, rows = answer(run, "SELECT DISTINCT typeof(q), typeof(j), typeof(t) FROM typed")
    assert rows == [["decimal(19,8)", "int", "double"]]
    run("create table wide (x int, y double)")
    run("insert into wide select i * 2, s * 2 from num_t")
    _, rows = answer(run, "SELECT x, y FROM wide ORDER BY x")
    assert rows == [[-14, -1.0], [-2, 25.4]]  # 2147483647 * 2 wraps to -2


def test_decimal_division_is_exact_beyond_a_doubles_digits_and_null_on_overflow(
    run: Runner,
) -> None:
    run("create table wide_dec (a decimal(20,2), b decimal(17,16))")
    run(
        "insert into wide_dec values (120252370770789789.76, 0.0000000000000001),"
        " (12345678901234567.89, 0.3)"
    )
    types, rows = answer(run, "SELECT a / b FROM wide_dec ORDER BY b")
    # decimal(20,2) / decimal(17,16) is decimal(38,6) after Spark cuts the scale: 1.2e33 does
    # not fit its 32 integral digits (NULL); 12345678901234567.89 / 0.3 has 23 digits.
    assert types == ["decimal(38,6)"]
    assert rows == [[None], [Decimal("41152263004115226.300000")]]


@pytest.mark.parametrize(
    ("dividend", "divisor", "quotient"),
    [((10, 2), (10, 2), (23, 13)), ((17, 5), (17, 5), (38, 21)), ((20, 0), (12, 6), (38, 12))],
)
def test_decimal_quotients_round_half_up_at_sparks_scale(
    run: Runner, dividend: tuple[int, int], divisor: tuple[int, int], quotient: tuple[int, int]
) -> None:
    """Random quotients against Spark's rule worked in Python's decimals: the exact quotient,
    rounded half up to the result's scale, NULL when it has more digits than its precision."""
    (pa, sa), (pb, sb), (p, s) = dividend, divisor, quotient
    pick = random.Random(7)
    pairs = [
        (
            Decimal(pick.randint(-(10**pa) + 1, 10**pa - 1)).scaleb(-sa),
            Decimal(pick.randint(-(10 ** pick.randint(1, pb)) + 1, 10**pb - 1)).scaleb(-sb),
        )
        for _ in range(40)
    ]
    run(f"create table q (a decimal({pa},{sa}), b decimal({pb},{sb}))")
    run("insert into q values " + ", ".join(f"({a}, {b})" for a, b in pairs))
    types, rows = answer(run, "SELECT a, b, a / b FROM q")
    assert types[2] == f"decimal({p},{s})"
    with localcontext() as exact:
        exact.prec = 100
        for a, b, got in rows:
            expected = None if b == 0 else (a / b).quantize(Decimal(1).scaleb(-s), ROUND_HALF_UP)
            if expected is not None and abs(expected) >= Decimal(10) ** (p - s):
                expected = None
            assert got == expected, (a, b)


def test_typeof_of_a_column_next_to_an_aggregate_needs_a_group_by(run: Runner) -> None:
    """Spark refuses it (MISSING_GROUP_BY) although typeof's answer is known before the query
    runs; grouped, it is one row per group."""
    with pytest.raises(ExecutionFailed):
        run("SELECT typeof(a * b), sum(a) FROM dec_t")
    _, rows = answer(run, "SELECT typeof(a * b), sum(a) FROM dec_t GROUP BY a * b ORDER BY 2")
    # Spark sorts NULL first in ascending order
    assert rows == [["decimal(16,5)", None], ["decimal(16,5)", Decimal("-5.50")],
                    ["decimal(16,5)", Decimal("12.34")]]  # fmt: skip
