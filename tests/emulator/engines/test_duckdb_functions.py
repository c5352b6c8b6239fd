"""Spark's string, date and aggregate functions on the DuckDB engine: each query's rows, Spark
type names and (where the rule is about names) column names.

The expected answers are real Spark 4.3.0's (non-ANSI, UTC): most come from running the SQL
conformance corpus on Spark (tests/sql_conformance, cached with its truth); the others follow
Spark's source for the function (UTF8String.soundex/subStringIndex/substringSQL, Java's
Formatter for format_string, FormatNumber's documented example, DatePart.parseExtractField,
QuantileSummaries.query, Percentile.getPercentile) and are noted as such.
"""

from collections.abc import Iterator
from typing import Any

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs as Runner
from tests.emulator.engines.duckdb_jobs import jobs_in

SETUP = (
    "CREATE TABLE dt_t (id INT, d DATE, ts TIMESTAMP) USING parquet",
    "INSERT INTO dt_t VALUES (1, DATE '2024-01-31', TIMESTAMP '2024-01-31 23:59:58'),"
    " (2, DATE '2023-12-25', TIMESTAMP '2023-12-25 08:00:00'), (3, NULL, NULL)",
    "CREATE TABLE agg_t (g STRING, k INT, x INT, y DOUBLE, z BIGINT) USING parquet",
    "INSERT INTO agg_t VALUES ('a', 1, 1, 1.5, 100), ('a', 2, 2, 2.5, 200),"
    " ('a', 2, NULL, NULL, 300), ('b', 1, 4, 4.0, NULL), ('b', 1, 4, 0.5, 500),"
    " ('c', 3, NULL, NULL, NULL)",
    "CREATE TABLE sales_t (region STRING, product STRING, yr INT, amount INT) USING parquet",
    "INSERT INTO sales_t VALUES ('east', 'pen', 2023, 10), ('east', 'ink', 2023, 5),"
    " ('east', 'pen', 2024, 7), ('west', 'pen', 2023, 3), ('west', 'ink', 2024, 8),"
    " ('west', 'ink', 2024, 2)",
)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    with jobs_in(tmp_path_factory.mktemp("functions"), *SETUP) as runner:
        yield runner


@pytest.mark.parametrize(
    ("sql", "types", "rows"),
    [
        # corpus: position 0 reads as 1
        ("SELECT substr('Spark SQL', 0, 2)", ["string"], [["Sp"]]),
        # substringSQL: a negative length is empty; a negative position counts from the end
        ("SELECT substr('hello', 2, -1), substr('hello', -3, 2)", ["string"] * 2, [["", "ll"]]),
        ("SELECT char_length('abc'), octet_length('abc')", ["int", "int"], [[3, 3]]),
        ("SELECT repeat(NULL, 2), repeat('ab', 3)", ["string", "string"], [[None, "ababab"]]),
        ("SELECT concat('a', NULL)", ["string"], [[None]]),
        ("SELECT format_string('%s-%03d', 'x', 7)", ["string"], [["x-007"]]),
        # Java's Formatter prints any value for %s, null as "null"; printf is the same function
        ("SELECT format_string('%s|%s', 1.5, NULL)", ["string"], [["1.5|null"]]),
        ("SELECT printf('%05.2f%%', 3.14159)", ["string"], [["03.14%"]]),
        ("SELECT soundex('Robert')", ["string"], [["R163"]]),
        # UTF8String.soundex: H and W between equal codes are skipped, a repeat of the first
        # letter's code is left out, a string not starting with a letter is returned as it is
        (
            "SELECT soundex('Ashcraft'), soundex('Pfister'), soundex('Tymczak'), soundex('Lee'),"
            " soundex('1abc'), soundex(''), soundex(NULL)",
            ["string"] * 7,
            [["A261", "P236", "T522", "L000", "1abc", "", None]],
        ),
        ("SELECT substring_index('a.b.c', '.', 2)", ["string"], [["a.b"]]),
        # UTF8String.subStringIndex: from the right for a negative count, all for too few
        (
            "SELECT substring_index('a.b.c', '.', -2), substring_index('a.b.c', '.', 0),"
            " substring_index('a.b.c', '.', 9), substring_index('a.b.c', '', 1)",
            ["string"] * 4,
            [["b.c", "", "a.b.c", ""]],
        ),
        ("SELECT format_number(1234567.891, 2)", ["string"], [["1,234,567.89"]]),
        # FormatNumber's documented example; a negative number of places is NULL
        (
            "SELECT format_number(12332.123456, 4), format_number(12345, 0),"
            " format_number(1.5, -1)",
            ["string"] * 3,
            [["12,332.1235", "12,345", None]],
        ),
    ],
)
def test_string_functions_answer_as_spark(
    runner: Runner, sql: str, types: list[str], rows: list[list[Any]]
) -> None:
    _, got_types, got_rows = runner.answer(sql)
    assert (got_types, got_rows) == (types, rows)


@pytest.mark.parametrize(
    ("sql", "types", "rows"),
    [
        (
            "SELECT unix_timestamp('2024-01-01 00:00:00', 'yyyy-MM-dd HH:mm:ss')",
            ["bigint"],
            [[1704067200]],
        ),
        (
            "SELECT unix_timestamp(ts) FROM dt_t ORDER BY id",
            ["bigint"],
            [[1706745598], [1703491200], [None]],
        ),
        ("SELECT to_unix_timestamp(TIMESTAMP '1970-01-02 00:00:00')", ["bigint"], [[86400]]),
        # a date column is taken at midnight UTC; a string that does not match is NULL
        (
            "SELECT unix_timestamp(d), unix_timestamp('garbage') FROM dt_t WHERE id = 1",
            ["bigint", "bigint"],
            [[1706659200, None]],
        ),
        ("SELECT trunc(DATE '2024-08-15', 'MM')", ["date"], [["2024-08-01"]]),
        ("SELECT trunc(DATE '2024-08-15', 'YEAR')", ["date"], [["2024-01-01"]]),
        # parseTruncLevel: trunc knows week and above (Monday weeks); date_trunc also 'MM'
        (
            "SELECT trunc(DATE '2024-08-15', 'week'), trunc(DATE '2024-08-15', 'dd'),"
            " date_trunc('MM', TIMESTAMP '2024-08-15 10:45:30')",
            ["date", "date", "timestamp"],
            [["2024-08-12", None, "2024-08-01 00:00:00"]],
        ),
        # a level read from a column applies row by row (sqlglot reads it as a level's name)
        (
            "SELECT trunc(DATE '2024-08-15', f), date_trunc(f, TIMESTAMP '2024-08-15 10:45:30')"
            " FROM VALUES ('MM'), ('dd') AS t(f)",
            ["date", "timestamp"],
            [["2024-08-01", "2024-08-01 00:00:00"], [None, "2024-08-15 00:00:00"]],
        ),
        ("SELECT make_date(2023, 2, 29)", ["date"], [[None]]),
        ("SELECT extract(YEAR FROM DATE '2024-08-15')", ["int"], [[2024]]),
        ("SELECT extract(MONTH FROM TIMESTAMP '2024-08-15 10:45:30')", ["int"], [[8]]),
        # DatePart: seconds with their fraction as decimal(8,6); DOW counts Sunday as 1
        (
            "SELECT extract(SECOND FROM TIMESTAMP '2024-08-15 10:45:30.5'),"
            " extract(DOW FROM DATE '2024-02-11'), date_part('DOY', DATE '2024-02-11')",
            ["decimal(8,6)", "int", "int"],
            [["30.500000", 1, 42]],
        ),
        ("SELECT DATE '2024-02-29' + INTERVAL 1 YEAR", ["date"], [["2025-02-28"]]),
        # a whole-day interval keeps the date a date, an hour makes it a timestamp
        (
            "SELECT DATE '2024-01-01' - INTERVAL 1 DAY, DATE '2024-01-01' + INTERVAL 3 HOURS",
            ["date", "timestamp"],
            [["2023-12-31", "2024-01-01 03:00:00"]],
        ),
        ("SELECT date_from_unix_date(19000)", ["date"], [["2022-01-08"]]),
        # DateTimeUtils.timestampDiff: ChronoUnit.between, whole months only once the day and
        # time of day are reached (Jan 31 to Feb 29 is no month; Feb 29 to Feb 28 no year)
        (
            "SELECT timestampdiff(MONTH, TIMESTAMP '2024-01-31 00:00:00',"
            " TIMESTAMP '2024-03-01 00:00:00'), timestampdiff(MONTH, DATE '2024-01-31',"
            " DATE '2024-02-29'), timestampdiff(YEAR, DATE '2024-02-29', DATE '2025-02-28'),"
            " timestampdiff(MONTH, TIMESTAMP '2024-01-15 10:00:00',"
            " TIMESTAMP '2024-02-15 09:59:59'), timestampdiff(HOUR,"
            " TIMESTAMP '2024-01-03 09:00:00', TIMESTAMP '2024-01-01 10:00:00')",
            ["bigint"] * 5,
            [[1, 0, 0, 0, -47]],
        ),
        # to_timestamp/to_date (non-ANSI): NULL for a string the pattern does not match, a
        # timestamp of the session time zone, fractions of a second read (SSS)
        (
            "SELECT to_timestamp('garbage', 'yyyy-MM-dd'), to_date('xx', 'yyyy/MM/dd'),"
            " to_timestamp('2024-02-29 13:04:05.123', 'yyyy-MM-dd HH:mm:ss.SSS'),"
            " typeof(to_timestamp('2024-02-29', 'yyyy-MM-dd'))",
            ["timestamp", "date", "timestamp", "string"],
            [[None, None, "2024-02-29 13:04:05.123", "timestamp"]],
        ),
        (
            "SELECT from_unixtime(1704067200, 'yyyy-MM-dd''T''HH:mm')",
            ["string"],
            [["2024-01-01T00:00"]],
        ),
    ],
)
def test_date_functions_answer_as_spark(
    runner: Runner, sql: str, types: list[str], rows: list[list[Any]]
) -> None:
    _, got_types, got_rows = runner.answer(sql)
    assert (got_types, got_rows) == (types, rows)


@pytest.mark.parametrize(
    ("sql", "name"),
    [
        (
            "SELECT date_format(DATE '2024-02-29', 'dd/MM/yyyy')",
            "date_format(DATE '2024-02-29', dd/MM/yyyy)",
        ),
        (
            "SELECT date_format(TIMESTAMP '2024-02-29 13:04:05', 'hh:mm a')",
            "date_format(TIMESTAMP '2024-02-29 13:04:05', hh:mm a)",
        ),
        ("SELECT DATE '2024-01-31' + 1", "date_add(DATE '2024-01-31', 1)"),
        ("SELECT trunc(DATE '2024-08-15', 'mm')", "trunc(DATE '2024-08-15', mm)"),
        (
            "SELECT TIMESTAMP '2024-01-01 00:00:00' - INTERVAL 2 HOURS",
            "TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '02' HOUR",
        ),
        ("SELECT unix_timestamp(ts) FROM dt_t", "unix_timestamp(ts, yyyy-MM-dd HH:mm:ss)"),
        ("SELECT count(x, y) FROM agg_t", "count(x, y)"),
        ("SELECT any(k > 5) FROM agg_t", "any((k > 5))"),
        ("SELECT percentile_approx(x, 0.5, 100) FROM agg_t", "percentile_approx(x, 0.5, 100)"),
    ],
)
def test_result_columns_carry_sparks_names(runner: Runner, sql: str, name: str) -> None:
    names, _, _ = runner.answer(sql)
    assert names == [name]


@pytest.mark.parametrize(
    ("sql", "types", "rows"),
    [
        ("SELECT count(x, y) FROM agg_t", ["bigint"], [[4]]),
        ("SELECT percentile_approx(x, 0.5) FROM agg_t", ["int"], [[2]]),
        (
            "SELECT percentile_approx(y, array(0.25, 0.75)) FROM agg_t",
            ["array<double>"],
            [[[0.5, 2.5]]],
        ),
        ("SELECT percentile(x, 0.5) FROM agg_t", ["double"], [[3.0]]),
        # Percentile.getPercentile at position (4 - 1) * 0.1, in doubles as Spark computes it;
        # FILTER narrows the values of either percentile
        (
            "SELECT percentile(y, array(0.1, 0.5)) FROM agg_t",
            ["array<double>"],
            [[[(1 - 3 * 0.1) * 0.5 + (3 * 0.1 - 0) * 1.5, 2.0]]],
        ),
        (
            "SELECT g, percentile_approx(x, 0.5) FILTER (WHERE x > 1) FROM agg_t GROUP BY g"
            " ORDER BY g",
            ["string", "int"],
            [["a", 2], ["b", 4], ["c", None]],
        ),
        (
            "SELECT every(k > 0), some(k > 2), any(k > 5) FROM agg_t",
            ["boolean"] * 3,
            [[True, True, False]],
        ),
        (
            "SELECT region, sum(amount) FROM sales_t GROUP BY region WITH ROLLUP ORDER BY region",
            ["string", "bigint"],
            [[None, 35], ["east", 22], ["west", 13]],
        ),
        (
            "SELECT region, product, sum(amount) FROM sales_t GROUP BY region, product WITH CUBE"
            " ORDER BY region, product",
            ["string", "string", "bigint"],
            [
                [None, None, 35],
                [None, "ink", 15],
                [None, "pen", 20],
                ["east", None, 22],
                ["east", "ink", 5],
                ["east", "pen", 17],
                ["west", None, 13],
                ["west", "ink", 10],
                ["west", "pen", 3],
            ],
        ),
    ],
)
def test_aggregates_answer_as_spark(
    runner: Runner, sql: str, types: list[str], rows: list[list[Any]]
) -> None:
    _, got_types, got_rows = runner.answer(sql)
    assert (got_types, got_rows) == (types, rows)


# Examples from Spark's function reference (and Databricks' copy of it for mask).
DOCUMENTED = [
    ("SELECT find_in_set('ab', 'abc,b,ab,c,def')", ["int"], [[3]]),
    (
        "SELECT levenshtein('kitten', 'sitting', 2), bit_length('Spark SQL')",
        ["int", "int"],
        [[-1, 72]],
    ),
    (
        "SELECT regexp_substr('Steven Jones and Stephen Smith are the best players',"
        " 'Ste(v|ph)en'), regexp_substr('Mary had a little lamb', 'Ste(v|ph)en')",
        ["string", "string"],
        [["Steven", None]],
    ),
    (
        "SELECT mask('AaBb123-&^ % 서울 Ä'), mask('AaBb123-&^ % 서울 Ä', 'Z', 'z', '9', 'X'),"
        " mask('AaBb123-&^ % 서울 Ä', NULL, NULL, NULL, NULL)",
        ["string"] * 3,
        [["XxXxnnn-&^ % 서울 X", "ZzZz999XXXXXXXXXZ", "AaBb123-&^ % 서울 Ä"]],
    ),
    ("SELECT weekday('2015-04-08'), weekday(DATE '2024-10-31')", ["int", "int"], [[2, 3]]),
    (
        "SELECT make_timestamp(2014, 12, 28, 6, 30, 45.887),"
        " make_timestamp(2019, 6, 30, 23, 59, 60), make_timestamp(2019, 13, 1, 10, 11, 12)",
        ["timestamp"] * 3,
        [["2014-12-28 06:30:45.887", "2019-07-01 00:00:00", None]],
    ),
    ("SELECT timestamp_millis(1230219000)", ["timestamp"], [["1970-01-15 05:43:39"]]),
    (
        "SELECT months_between('1997-02-28 10:30:00', '1996-10-30'),"
        " months_between('1997-02-28 10:30:00', '1996-10-30', false)",
        ["double", "double"],
        [[3.94959677, 3.9495967741935485]],
    ),
    # an unknown day name is NULL without ANSI mode
    (
        "SELECT next_day('2015-01-14', 'TU'), next_day(DATE '2024-02-10', 'Sunday'),"
        " next_day(DATE '2024-02-10', 'XX')",
        ["date"] * 3,
        [["2015-01-20", "2024-02-11", None]],
    ),
    ("SELECT first(col, true) FROM VALUES (NULL), (5), (20) AS tab(col)", ["int"], [[5]]),
    ("SELECT last(col, true) FROM VALUES (10), (5), (NULL) AS tab(col)", ["int"], [[5]]),
    # date functions cast a string argument as Spark does; DuckDB would not bind them
    (
        "SELECT quarter('2024-11-01'), last_day('2024-02-10'), hour('2024-02-29 13:04:05')",
        ["int", "date", "int"],
        [[4, "2024-02-29", 13]],
    ),
    # Spark's datetime patterns: S is a fraction of a second, one digit per letter; text in
    # quotes is literal ('' is a quote); DDD the day of the year in three digits
    (
        "SELECT date_format(TIMESTAMP '2024-02-29 13:04:05', 'yyyy-MM-dd''T''HH:mm:ss'),"
        " date_format(TIMESTAMP '2024-02-29 13:04:05', 'h ''o''''clock'' a'),"
        " date_format(DATE '2024-02-29', 'D DDD')",
        ["string"] * 3,
        [["2024-02-29T13:04:05", "1 o'clock PM", "60 060"]],
    ),
    # Q is the quarter: 3, 03, Q3, 3rd quarter
    (
        "SELECT date_format(DATE '2024-08-15', 'yyyy-''Q''Q'),"
        " date_format(DATE '2024-08-15', 'QQ'), date_format(DATE '2024-08-15', 'QQQ yyyy'),"
        " date_format(DATE '2024-08-15', 'QQQQ')",
        ["string"] * 4,
        [["2024-Q3", "03", "Q3 2024", "3rd quarter"]],
    ),
    (
        "SELECT date_format(TIMESTAMP '2024-02-29 13:04:05.123456', 'HH:mm:ss.SSS')",
        ["string"],
        [["13:04:05.123"]],
    ),
]


@pytest.mark.parametrize(("sql", "types", "rows"), DOCUMENTED)
def test_documented_examples_answer_as_spark(
    runner: Runner, sql: str, types: list[str], rows: list[list[Any]]
) -> None:
    _, got_types, got_rows = runner.answer(sql)
    assert (got_types, got_rows) == (types, rows)
