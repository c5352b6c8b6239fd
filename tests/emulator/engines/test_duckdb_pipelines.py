"""Spark semantics that data-pipeline SQL leans on (corpus category 24, `24_pipelines.sql`), on
the DuckDB engine: timestamps cast to and from numbers and strings, patterns parsed from a
split part, initcap, get_json_object of text that is not JSON, to_json as Spark writes it,
interval literals over a range of units, typeof of collections, JSON and date differences,
timestampdiff's name, ranking types through subqueries and CTEs, strings that are no dates in
date functions, from_utc_timestamp/to_utc_timestamp, timestamps in concat, split with a limit,
ISO patterns with quoted text and zones, and a date spine from aggregates.

The expected names, types and rows are real Spark 4.3.0's (pyspark, local, non-ANSI, session
time zone UTC, as scripts/sqlconf/spark.py configures it): each query here was run on it.
"""

from collections.abc import Iterator

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs as Runner
from tests.emulator.engines.duckdb_jobs import jobs_in

SETUP = (
    "CREATE TABLE tc (id INT, ts TIMESTAMP, d DATE, n BIGINT, x DOUBLE, m DECIMAL(12,2),"
    " s STRING, p STRING) USING parquet",
    "INSERT INTO tc VALUES (1, TIMESTAMP '2100-01-01 00:00:00.25', DATE '2024-05-01', 4102444800,"
    " -1.5, 1714550400.5, '05/02/2024 13:45|x', '{\"a\":1,\"b\":[1,2]}'),"
    " (2, TIMESTAMP '1969-12-31 23:59:59.5', DATE '2024-03-01', -1, 1.0E10, 0.01, 'bad|y',"
    " 'not json'), (3, NULL, NULL, NULL, NULL, NULL, NULL, NULL)",
)


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runner]:
    with jobs_in(tmp_path_factory.mktemp("pipelines"), *SETUP) as runner:
        yield runner


def test_a_timestamp_casts_to_epoch_seconds_and_to_text_without_a_zone(runner: Runner) -> None:
    # Cast.scala: floorDiv(micros, 1e6) for bigint, NULL when it does not fit an int or smaller;
    # micros / 1e6 for a double; via that double, rounded half up, for a decimal
    _, types, rows = runner.answer(
        "SELECT id, cast(ts AS BIGINT), cast(ts AS INT), cast(ts AS SMALLINT), cast(ts AS DOUBLE),"
        " cast(ts AS DECIMAL(14,1)), cast(ts AS BOOLEAN), cast(ts AS STRING) FROM tc ORDER BY id",
    )
    assert types == [
        "int",
        "bigint",
        "int",
        "smallint",
        "double",
        "decimal(14,1)",
        "boolean",
        "string",
    ]
    assert rows == [
        [1, 4102444800, None, None, 4102444800.25, "4102444800.3", True, "2100-01-01 00:00:00.25"],
        [2, -1, -1, -1, -0.5, "-0.5", True, "1969-12-31 23:59:59.5"],
        [3, None, None, None, None, None, None, None],
    ]


def test_a_number_casts_to_a_timestamp_as_epoch_seconds(runner: Runner) -> None:
    _, types, rows = runner.answer(
        "SELECT id, cast(n AS TIMESTAMP), cast(x AS TIMESTAMP), cast(m AS TIMESTAMP),"
        " cast(id AS TIMESTAMP) FROM tc ORDER BY id",
    )
    assert types == ["int"] + ["timestamp"] * 4
    assert rows == [
        [
            1,
            "2100-01-01 00:00:00",
            "1969-12-31 23:59:58.5",
            "2024-05-01 08:00:00.5",
            "1970-01-01 00:00:01",
        ],
        [
            2,
            "1969-12-31 23:59:59",
            "2286-11-20 17:46:40",
            "1970-01-01 00:00:00.01",
            "1970-01-01 00:00:02",
        ],
        [3, None, None, None, "1970-01-01 00:00:03"],
    ]


def test_patterns_and_initcap_read_the_split_part_they_are_given(runner: Runner) -> None:
    # sqlglot's own DuckDB output of these re-read `a[i]`, shifting the index once more
    _, types, rows = runner.answer(
        "SELECT id, to_timestamp(split(s, '\\\\|')[0], 'MM/dd/yyyy HH:mm') AS t,"
        " to_date(split(s, '\\\\|')[0], 'MM/dd/yyyy HH:mm') AS d, initcap(split(s, '\\\\|')[1])"
        " AS w FROM tc ORDER BY id",
    )
    assert types == ["int", "timestamp", "date", "string"]
    assert rows == [
        [1, "2024-05-02 13:45:00", "2024-05-02", "X"],
        [2, None, None, "Y"],
        [3, None, None, None],
    ]


def test_initcap_capitalizes_after_a_space_only(runner: Runner) -> None:
    names, _, rows = runner.answer(
        "SELECT initcap('bob  o''neil'), initcap(' aLIce smITH '), initcap('élan ÉTÉ'),"
        " initcap('a-b c_d'), initcap('hello\tworld'), initcap('')",
    )
    assert names[0] == "initcap(bob  o'neil)"
    assert rows == [["Bob  O'neil", " Alice Smith ", "Élan Été", "A-b C_d", "Hello\tworld", ""]]


def test_get_json_object_of_text_that_is_not_json_is_null(runner: Runner) -> None:
    _, types, rows = runner.answer(
        "SELECT id, get_json_object(p, '$.a') AS a, get_json_object(p, '$.b') AS b,"
        " get_json_object(p, '$.b[1]') AS b1 FROM tc ORDER BY id",
    )
    assert types == ["int", "string", "string", "string"]
    assert rows == [[1, "1", "[1,2]", "2"], [2, None, None, None], [3, None, None, None]]
    _, _, rows = runner.answer(
        "SELECT get_json_object('not json', '$.a'), get_json_object('', '$.a'),"
        " get_json_object('{\"a\":null}', '$.a'), get_json_object('{\"a\":{\"b\":1}}', '$.a')",
    )
    assert rows == [[None, None, None, '{"b":1}']]


def test_to_json_writes_what_sparks_jackson_generator_writes(runner: Runner) -> None:
    # NULL fields left out, timestamps with milliseconds and Z, decimals with their scale,
    # doubles as Java prints them
    _, types, rows = runner.answer(
        "SELECT id, to_json(named_struct('ts', ts, 'm', m, 'x', x, 'd', d, 'n', n)) AS j"
        " FROM tc ORDER BY id",
    )
    assert types == ["int", "string"]
    assert rows == [
        [
            1,
            '{"ts":"2100-01-01T00:00:00.250Z","m":1714550400.50,"x":-1.5,"d":"2024-05-01",'
            '"n":4102444800}',
        ],
        [2, '{"ts":"1969-12-31T23:59:59.500Z","m":0.01,"x":1.0E10,"d":"2024-03-01","n":-1}'],
        [3, "{}"],
    ]
    _, _, rows = runner.answer(
        "SELECT to_json(map('a', cast(NULL AS INT), 'b', 2)) AS m, to_json(named_struct('d',"
        " cast('NaN' AS DOUBLE), 'f', cast(0.1 AS FLOAT), 'e', 'é/\\\\\"')) AS k,"
        " to_json(array(named_struct('y', cast(NULL AS STRING)))) AS a,"
        " to_json(named_struct('c', NULL, 'b', true, 'bin', cast('ab' AS BINARY))) AS o",
    )
    assert rows == [
        [
            '{"a":null,"b":2}',
            '{"d":"NaN","f":0.1,"e":"é/\\\\\\""}',
            "[{}]",
            '{"b":true,"bin":"YWI="}',
        ]
    ]


def test_interval_literals_over_a_range_of_units(runner: Runner) -> None:
    names, types, rows = runner.answer(
        "SELECT typeof(INTERVAL '1 02:00:00' DAY TO SECOND), typeof(INTERVAL '1-2' YEAR TO MONTH),"
        " typeof(INTERVAL '10:30' HOUR TO MINUTE)",
    )
    assert names[0] == "typeof(INTERVAL '1 02:00:00' DAY TO SECOND)"
    assert rows == [["interval day to second", "interval year to month", "interval hour to minute"]]
    _, types, rows = runner.answer(
        "SELECT id, ts + INTERVAL '1 02:00:00' DAY TO SECOND AS a, ts - INTERVAL '1-2' YEAR TO"
        " MONTH AS b, ts + INTERVAL '-10:30.5' MINUTE TO SECOND AS c FROM tc ORDER BY id",
    )
    assert types == ["int", "timestamp", "timestamp", "timestamp"]
    assert rows == [
        [1, "2100-01-02 02:00:00.25", "2098-11-01 00:00:00.25", "2099-12-31 23:49:29.75"],
        [2, "1970-01-02 01:59:59.5", "1968-10-31 23:59:59.5", "1969-12-31 23:49:29"],
        [3, None, None, None],
    ]
    _, _, rows = runner.answer(
        "SELECT TIMESTAMP '2024-05-01 09:15:00' + INTERVAL '10:30' HOUR TO MINUTE,"
        " TIMESTAMP '2024-05-01 09:15:00' + INTERVAL '1 02' DAY TO HOUR,"
        " TIMESTAMP '2024-05-01 09:15:00' - INTERVAL '-1-1' YEAR TO MONTH,"
        " TIMESTAMP '2024-05-01 09:15:00' + INTERVAL '01:02:03' HOUR TO SECOND",
    )
    assert rows == [
        ["2024-05-01 19:45:00", "2024-05-02 11:15:00", "2025-06-01 09:15:00", "2024-05-01 10:17:03"]
    ]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        (
            "SELECT typeof(ts - ts), typeof(d - d), typeof(split(s, ',')),"
            " typeof(from_json(p, 'a INT, b ARRAY<INT>')) FROM tc WHERE id = 1",
            [
                "interval day to second",
                "interval day",
                "array<string>",
                "struct<a:int,b:array<int>>",
            ],
        ),
        (
            "SELECT typeof(collect_list(id)), typeof(collect_set(m)),"
            " typeof(array_sort(collect_list(s))) FROM tc",
            ["array<int>", "array<decimal(12,2)>", "array<string>"],
        ),
        (
            "SELECT typeof(from_json('{}', 'MAP<STRING,STRING>')),"
            " typeof(from_json('[]', 'ARRAY<INT>')), typeof(collect_list(DISTINCT 1))",
            ["map<string,string>", "array<int>", "array<int>"],
        ),
    ],
)
def test_typeof_of_collections_json_and_date_differences(
    runner: Runner, sql: str, expected: list[str]
) -> None:
    assert runner.answer(sql)[2] == [expected]


def test_timestampdiff_is_named_with_its_unit_first(runner: Runner) -> None:
    names, types, rows = runner.answer(
        "SELECT id, timestampdiff(MINUTE, ts, TIMESTAMP '2024-01-01 00:00:00') FROM tc ORDER BY id",
    )
    assert names == ["id", "timestampdiff(MINUTE, ts, TIMESTAMP '2024-01-01 00:00:00')"]
    assert types == ["int", "bigint"]
    assert rows == [[1, -39972960], [2, 28401120], [3, None]]


def test_a_ranking_from_a_subquery_or_cte_keeps_sparks_types(runner: Runner) -> None:
    # SELECT *, rank() ...: the outer query's column is the CTE's, typed as Spark types it
    _, types, rows = runner.answer(
        "WITH r AS (SELECT *, rank() OVER (ORDER BY id DESC) AS rk, 1.5 * n AS k FROM tc)"
        " SELECT id, rk, k FROM r ORDER BY id",
    )
    assert types == ["int", "int", "decimal(23,1)"]
    assert rows == [[1, 3, "6153667200.0"], [2, 2, "-1.5"], [3, 1, None]]
    _, types, _ = runner.answer(
        "SELECT id, rn FROM (SELECT t.*, row_number() OVER (ORDER BY id) AS rn FROM tc t) q"
        " ORDER BY id",
    )
    assert types == ["int", "int"]


def test_strings_that_are_not_dates_give_null_in_date_functions(runner: Runner) -> None:
    # Spark without ANSI mode: a string argument that is no date or timestamp is NULL, not an error
    names, types, rows = runner.answer(
        "SELECT to_timestamp(t), typeof(to_timestamp(t)), to_date(t), date_add(t, 1),"
        " datediff(t, DATE '2024-05-01') FROM (VALUES (1, '2024-05-01 10:00:00'), (2, 'garbage'),"
        " (3, '2024-05-03'), (4, NULL)) AS v(id, t) ORDER BY id",
    )
    assert names[:2] == ["to_timestamp(t)", "typeof(to_timestamp(t))"]
    assert types == ["timestamp", "string", "date", "date", "int"]
    assert rows == [
        ["2024-05-01 10:00:00", "timestamp", "2024-05-01", "2024-05-02", 0],
        [None, "timestamp", None, None, None],
        ["2024-05-03 00:00:00", "timestamp", "2024-05-03", "2024-05-04", 2],
        [None, "timestamp", None, None, None],
    ]


def test_from_and_to_utc_timestamp_shift_the_wall_clock(runner: Runner) -> None:
    names, types, rows = runner.answer(
        "SELECT to_utc_timestamp(ts, 'Asia/Shanghai'), from_utc_timestamp(ts, 'Asia/Shanghai'),"
        " from_utc_timestamp(ts, 'America/New_York') FROM tc ORDER BY id",
    )
    assert names == [
        "to_utc_timestamp(ts, Asia/Shanghai)",
        "from_utc_timestamp(ts, Asia/Shanghai)",
        "from_utc_timestamp(ts, America/New_York)",
    ]
    assert types == ["timestamp"] * 3
    assert rows == [
        ["2099-12-31 16:00:00.25", "2100-01-01 08:00:00.25", "2099-12-31 19:00:00.25"],
        ["1969-12-31 15:59:59.5", "1970-01-01 07:59:59.5", "1969-12-31 18:59:59.5"],
        [None, None, None],
    ]


def test_concat_writes_a_timestamp_as_cast_does(runner: Runner) -> None:
    _, types, rows = runner.answer(
        "SELECT id, concat('at ', ts) AS a, concat_ws('|', s, ts, d) AS b, s || '@' || ts AS c"
        " FROM tc ORDER BY id",
    )
    assert types == ["int", "string", "string", "string"]
    assert rows == [
        [
            1,
            "at 2100-01-01 00:00:00.25",
            "05/02/2024 13:45|x|2100-01-01 00:00:00.25|2024-05-01",
            "05/02/2024 13:45|x@2100-01-01 00:00:00.25",
        ],
        [
            2,
            "at 1969-12-31 23:59:59.5",
            "bad|y|1969-12-31 23:59:59.5|2024-03-01",
            "bad|y@1969-12-31 23:59:59.5",
        ],
        [3, None, "", None],
    ]


def test_split_with_a_limit_keeps_the_rest_in_its_last_part(runner: Runner) -> None:
    names, types, rows = runner.answer(
        "SELECT split(s, '-', 2), split(s, '-', 1), split(s, '-', 0), split(s, '[-: ]+', 3)"
        " FROM (VALUES (1, '2024-05-01 10:00:00'), (2, 'garbage'), (3, '2024-05-03-'), (4, NULL))"
        " AS v(id, s) ORDER BY id",
    )
    assert names[0] == "split(s, -, 2)"
    assert types == ["array<string>"] * 4
    assert rows == [
        [
            ["2024", "05-01 10:00:00"],
            ["2024-05-01 10:00:00"],
            ["2024", "05", "01 10:00:00"],
            ["2024", "05", "01 10:00:00"],
        ],
        [["garbage"], ["garbage"], ["garbage"], ["garbage"]],
        [["2024", "05-03-"], ["2024-05-03-"], ["2024", "05", "03", ""], ["2024", "05", "03-"]],
        [None, None, None, None],
    ]
    _, _, rows = runner.answer(
        "SELECT split('a1b22c333d', '[0-9]+', 3), split('a,b,,', ',', 3), split('abc', '', 2)",
    )
    assert rows == [[["a", "b", "c333d"], ["a", "b", ","], ["a", "bc"]]]


def test_iso_patterns_with_quoted_text_and_zones_parse(runner: Runner) -> None:
    # sqlglot kept 'T' as an unconverted piece; X reads a trailing Z as UTC
    _, types, rows = runner.answer(
        "SELECT to_timestamp(t) AS a, unix_timestamp(t, 'yyyy-MM-dd''T''HH:mm:ss.SSSXXX') AS b,"
        " to_timestamp(t, 'yyyy-MM-dd''T''HH:mm:ssX') AS c FROM (VALUES"
        " (1, '2024-05-01T10:00:00.000+08:00'), (2, '2024-05-01T10:00:00Z')) AS v(id, t)"
        " ORDER BY id",
    )
    assert types == ["timestamp", "bigint", "timestamp"]
    assert rows == [
        ["2024-05-01 02:00:00", 1714528800, None],
        ["2024-05-01 10:00:00", None, "2024-05-01 10:00:00"],
    ]


def test_a_date_spine_from_aggregates(runner: Runner) -> None:
    # sequence(min(d), max(d), ...): DuckDB cannot pick a typed macro for aggregate arguments
    _, types, rows = runner.answer(
        "SELECT k, explode(sequence(min(d), max(d), INTERVAL 1 DAY)) AS day FROM (VALUES"
        " ('a', DATE '2024-05-01'), ('a', DATE '2024-05-03'), ('b', DATE '2024-05-02')) AS v(k, d)"
        " GROUP BY k ORDER BY k, day",
    )
    assert types == ["string", "date"]
    assert rows == [
        ["a", "2024-05-01"],
        ["a", "2024-05-02"],
        ["a", "2024-05-03"],
        ["b", "2024-05-02"],
    ]


def test_a_string_function_result_casts_as_a_string_does(runner: Runner) -> None:
    # trim(x) is known to be a string: CAST to int truncates its number, a double's text is NULL
    _, types, rows = runner.answer(
        "SELECT cast(trim(a) AS INT), cast(lower(a) AS BIGINT), trim(a) + 1 FROM (VALUES"
        " (1, ' 12.50 '), (2, '1e3'), (3, '-7.9')) AS v(id, a) ORDER BY id",
    )
    assert types == ["int", "bigint", "double"]
    assert rows == [[12, 12, 13.5], [None, None, 1001.0], [-7, -7, -6.9]]


def test_a_filtered_aggregate_has_its_aggregates_type(runner: Runner) -> None:
    _, types, rows = runner.answer(
        "SELECT sum(m) FILTER (WHERE id > 1) AS s, avg(m) FILTER (WHERE id > 1) AS a FROM tc",
    )
    assert types == ["decimal(22,2)", "decimal(16,6)"]
    assert rows == [["0.01", "0.010000"]]
