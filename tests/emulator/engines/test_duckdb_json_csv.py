"""schema_of_json (Spark's JSON schema inference, at translation time) and from_json with its
result, to_csv and from_csv with the default options, xxhash64, sha1/sha2, and what the DuckDB
engine refuses of them (schema_of_csv, sha2 of 224/384/512 bits).

The expected names, Spark types, rows and refusals are real Spark 4.3.0's (pyspark, local,
non-ANSI, session time zone UTC, as scripts/sqlconf/spark.py configures it): each query here was
run on it, and corpus category 29 (tests/sql_conformance/corpus/29_json_csv.sql) holds most of
them, so every conformance run checks them against Spark again.
"""

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs


@pytest.mark.parametrize(
    ("document", "schema"),
    [
        ('{"a":1,"b":[1.5,2],"c":null}', "STRUCT<a: BIGINT, b: ARRAY<DOUBLE>, c: STRING>"),
        (
            '{"b":1,"a":{"z":true,"y":[]}}',
            "STRUCT<a: STRUCT<y: ARRAY<STRING>, z: BOOLEAN>, b: BIGINT>",
        ),
        ("[1, 2, 3]", "ARRAY<BIGINT>"),
        ('[1, "a", null]', "ARRAY<STRING>"),
        ("[1, 2.5]", "ARRAY<DOUBLE>"),
        ("[]", "ARRAY<STRING>"),
        ("12345678901234567890", "DECIMAL(20,0)"),
        ("123456789012345678901234567890123456789012", "DOUBLE"),
        ("[1, 12345678901234567890]", "ARRAY<DECIMAL(20,0)>"),
        ("[1.5, 12345678901234567890]", "ARRAY<DOUBLE>"),
        ("[12345678901234567890, 123456789012345678901234567890]", "ARRAY<DECIMAL(30,0)>"),
        ("null", "STRING"),
        ("", "STRING"),
        ("-0", "BIGINT"),
        ("1e3", "DOUBLE"),
        ('[{"a":1},{"b":"x"}]', "ARRAY<STRUCT<a: BIGINT, b: STRING>>"),
        ('[{"a":1},{"a":{"b":1}}]', "ARRAY<STRUCT<a: STRING>>"),
        ('[{"A":1},{"a":2}]', "ARRAY<STRUCT<A: BIGINT>>"),
        ('{"A":1,"a":2}', "STRUCT<A: BIGINT, a: BIGINT>"),
        ('{"a":1, "a":"x"}', "STRUCT<a: BIGINT, a: STRING>"),
        ("{}", "STRUCT<>"),
        ("[{}]", "ARRAY<STRUCT<>>"),
        ('{"a":[{}]}', "STRUCT<>"),
        ('{"":1}', "STRUCT<>"),
        ('{"a":[1,[2]],"b":[{"a":1}, 5]}', "STRUCT<a: ARRAY<STRING>, b: ARRAY<STRING>>"),
        ('{"a":NaN,"b":-Infinity,"c":1.5e400}', "STRUCT<a: DOUBLE, b: DOUBLE, c: DOUBLE>"),
        ("{'a':1}", "STRUCT<a: BIGINT>"),
        ('{"a":1} {"b":2}', "STRUCT<a: BIGINT>"),
        ('{"a":"2024-01-01"}', "STRUCT<a: STRING>"),
        (
            '{"a b":1,"c`d":2,"_g":4,"H":5,"1a":6,"123":7,"é":8,"from":9}',
            "STRUCT<`123`: BIGINT, `1a`: BIGINT, H: BIGINT, _g: BIGINT, `a b`: BIGINT, "
            "`c``d`: BIGINT, from: BIGINT, `é`: BIGINT>",
        ),
    ],
)  # fmt: skip
def test_schema_of_json_infers_as_spark(jobs: Jobs, document: str, schema: str) -> None:
    literal = document.replace("'", "''")
    assert jobs.rows(f"SELECT schema_of_json('{literal}')") == [[schema]]


def test_schema_of_json_is_a_string_column_named_after_its_text(jobs: Jobs) -> None:
    names, types, rows = jobs.answer("SELECT schema_of_json('{\"a\":1}'), schema_of_json('[1]')")
    assert names == ['schema_of_json({"a":1})', "schema_of_json([1])"]
    assert types == ["string", "string"]
    assert rows == [["STRUCT<a: BIGINT>", "ARRAY<BIGINT>"]]


@pytest.mark.parametrize("document", ["not json", '{"a":01}', "{a:1}", "[1,]", "1abc"])
def test_schema_of_json_of_text_that_is_not_json_fails(jobs: Jobs, document: str) -> None:
    assert "JsonParseException" in jobs.failed(f"SELECT schema_of_json('{document}')")


def test_schema_of_json_needs_a_constant_argument(jobs: Jobs) -> None:
    error = jobs.failed("SELECT schema_of_json(s) FROM VALUES ('{\"a\":1}') t(s)")
    assert "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT]" in error
    assert "[DATATYPE_MISMATCH.UNEXPECTED_NULL]" in jobs.failed("SELECT schema_of_json(NULL)")


def test_from_json_reads_with_the_schema_schema_of_json_gives(jobs: Jobs) -> None:
    names, types, rows = jobs.answer(
        'SELECT from_json(\'{"a":1,"b":[1.5]}\', schema_of_json(\'{"a":1,"b":[1.5]}\')),'
        " from_json('[1,2]', schema_of_json('[0]'))"
    )
    assert names == ['from_json({"a":1,"b":[1.5]})', "from_json([1,2])"]
    assert types == ["struct<a:bigint,b:array<double>>", "array<bigint>"]
    assert rows == [[{"a": 1, "b": [1.5]}, [1, 2]]]


def test_to_csv_writes_and_quotes_as_spark(jobs: Jobs) -> None:
    names, types, rows = jobs.answer(
        "SELECT to_csv(named_struct('a', 1, 'b', 'x,y', 'c', 'q\"z', 'd', CAST(NULL AS STRING),"
        " 'e', '')), to_csv(struct(1, 'a')), to_csv(NULL)"
    )
    assert names == [
        'to_csv(named_struct(a, 1, b, x,y, c, q"z, d, CAST(NULL AS STRING), e, ))',
        "to_csv(struct(1, a))",
        "to_csv(NULL)",
    ]
    assert types == ["string", "string", "string"]
    assert rows == [['1,"x,y","q\\"z",,""', "1,a", None]]


def test_to_csv_trims_strings_and_writes_numbers_dates_and_timestamps(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT to_csv(named_struct('a', 1.5D, 'b', CAST(2.50 AS DECIMAL(5,2)), 'c',"
        " DATE '2024-01-02', 'd', TIMESTAMP '2024-01-02 03:04:05.123456', 'e', true, 'f', 1e10D,"
        " 'g', ' a,b ', 'h', '\\ta', 'i', ' '))"
    )
    assert rows == [['1.5,2.50,2024-01-02,2024-01-02T03:04:05.123Z,true,1.0E10,"a,b",a,""']]


def test_to_csv_escapes_quotes_and_backslashes_in_a_quoted_field_only(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT to_csv(named_struct('a', 'a\\\\b,c', 'b', 'x\\\\', 'c', 'p\\\\q\"', 'd', '\\\\,'))"
    )
    assert rows == [['"a\\\\b,c",x\\,"p\\\\q\\"","\\\\,"']]


def test_from_csv_reads_dates_and_timestamps_in_their_plain_forms(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT from_csv('2024-1-2,2024-02-30,abc,2024-01-02T03:04:05,2024-01-02',"
        " 'a DATE, b DATE, c DATE, d TIMESTAMP, e TIMESTAMP')"
    )
    assert rows == [
        [
            {
                "a": "2024-01-02",
                "b": None,
                "c": None,
                "d": "2024-01-02 03:04:05",
                "e": "2024-01-02 00:00:00",
            }
        ]
    ]


def test_to_csv_decides_quoting_after_trimming_the_leading_whitespace(jobs: Jobs) -> None:
    rows = jobs.rows("SELECT to_csv(named_struct('a', 'y\\n', 'b', '\\n \\ny', 'c', ' a,b '))")
    assert rows == [['"y",y,"a,b"']]


def test_from_csv_reads_a_quote_inside_a_field_as_a_character(jobs: Jobs) -> None:
    rows = jobs.rows("SELECT from_csv('.\",2-,2', 'a INT, b STRING, c DOUBLE, d STRING')")
    assert rows == [[{"a": None, "b": "2-", "c": 2.0, "d": None}]]


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT to_csv(named_struct('a', array(1, 2)))",
        "SELECT to_csv(named_struct('a', 1), map('sep', ';'))",
        "SELECT from_csv('1;2', 'a INT, b INT', map('sep', ';'))",
        # Spark's lenient reading of other date and timestamp forms (a year alone, an offset)
        "SELECT from_csv('2024', 'a DATE')",
        "SELECT from_csv('2024-01-02 03:04:05+01:00', 'a TIMESTAMP')",
        # univocity's reading of a quoted field with quotes inside or no closing quote
        "SELECT from_csv('\"2', 'a INT')",
        "SELECT from_csv('\"a\"\"b\",1', 'a STRING, b INT')",
    ],
)
def test_to_csv_and_from_csv_refuse_what_they_cannot_do_as_spark(jobs: Jobs, sql: str) -> None:
    assert "not supported by the DuckDB engine" in jobs.failed(sql)


def test_from_csv_reads_fields_in_permissive_mode(jobs: Jobs) -> None:
    names, types, rows = jobs.answer(
        "SELECT from_csv('1,abc', 'a INT, b STRING'), from_csv('x,abc', 'a INT, b STRING'),"
        " from_csv('1', 'a INT, b STRING'), from_csv('1,2,3', 'a INT, b INT'),"
        " from_csv(NULL, 'a INT, b STRING'), from_csv('\"x,y\",2', 'a STRING, b INT')"
    )
    assert names == [
        "from_csv(1,abc)",
        "from_csv(x,abc)",
        "from_csv(1)",
        "from_csv(1,2,3)",
        "from_csv(NULL)",
        'from_csv("x,y",2)',
    ]
    assert types[0] == "struct<a:int,b:string>"
    assert rows == [
        [
            {"a": 1, "b": "abc"},
            {"a": None, "b": "abc"},
            {"a": 1, "b": None},
            {"a": 1, "b": 2},
            None,
            {"a": "x,y", "b": 2},
        ]
    ]


def test_from_csv_reads_numbers_as_java(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT from_csv('\"\",1, 2,1.5 ,1e5,TRUE,1d', 'a STRING, b INT, c INT, d DOUBLE,"
        " h DOUBLE, i BOOLEAN, j DOUBLE')"
    )
    assert rows == [[{"a": None, "b": 1, "c": None, "d": 1.5, "h": 100000.0, "i": True, "j": 1.0}]]


def test_xxhash64_is_xxh64_with_seed_42_over_sparks_encodings(jobs: Jobs) -> None:
    names, types, rows = jobs.answer(
        "SELECT xxhash64('Spark'), xxhash64(''), xxhash64(NULL), xxhash64(1), xxhash64(1, 'a'),"
        " xxhash64(CAST(1 AS BIGINT))"
    )
    assert names == [
        "xxhash64(Spark)",
        "xxhash64()",
        "xxhash64(NULL)",
        "xxhash64(1)",
        "xxhash64(1, a)",
        "xxhash64(CAST(1 AS BIGINT))",
    ]
    assert types == ["bigint"] * 6
    assert rows == [
        [
            -4294468057691064905,
            -7444071767201028348,
            42,
            -6698625589789238999,
            8205864924878002737,
            -7001672635703045582,
        ]
    ]


def test_xxhash64_of_binaries_dates_timestamps_doubles_and_long_strings(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT xxhash64(X'00FF80'), xxhash64(DATE '2024-01-01'),"
        " xxhash64(TIMESTAMP '2024-01-01 00:00:00'), xxhash64(1.5D), xxhash64(CAST(1.5 AS FLOAT)),"
        " xxhash64(1.5), xxhash64('abcdefghijklmnopqrstuvwxyz0123456789'), xxhash64('héllo'),"
        " xxhash64(true), xxhash64(CAST(-5 AS SMALLINT))"
    )
    assert rows == [
        [
            7869338589911211550,
            3242891694566951137,
            3859582417520161651,
            7738255526519901366,
            6163473420726370430,
            3132713209420183794,
            2724237963427677065,
            501425390238239234,
            -6698625589789238999,
            9201179564109417620,
        ]
    ]


def test_sha_digests(jobs: Jobs) -> None:
    names, types, rows = jobs.answer(
        "SELECT sha1('a'), sha('a'), sha2('a', 256), sha2('a', 0), sha2('a', 100), sha1(NULL)"
    )
    assert names == [
        "sha1(a)",
        "sha(a)",
        "sha2(a, 256)",
        "sha2(a, 0)",
        "sha2(a, 100)",
        "sha1(NULL)",
    ]
    assert types == ["string"] * 6
    sha256 = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"
    sha1 = "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8"
    assert rows == [[sha1, sha1, sha256, sha256, None, None]]


@pytest.mark.parametrize(
    "sql", ["SELECT sha2('a', 224)", "SELECT sha2('a', 512)", "SELECT schema_of_csv('1,a')"]
)
def test_what_duckdb_cannot_answer_as_spark_is_refused(jobs: Jobs, sql: str) -> None:
    assert "not supported by the DuckDB engine" in jobs.failed(sql)
