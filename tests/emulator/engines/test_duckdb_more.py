"""Spark semantics the DuckDB engine lacked: crc32, TRUNCATE
TABLE ... PARTITION (the partitions stay listed, emptied), get_json_object with `[*]` in its
path or a path not starting with `$`, hash (Murmur3 x86_32, seed 42) over Spark's encodings,
tumbling time windows (window(ts, '1 hour')), CAST(... AS BINARY) of strings and integers.

The expected names, Spark types and rows are real Spark 4.3.0's (pyspark, local, non-ANSI,
session time zone UTC, as scripts/sqlconf/spark.py configures it): each query here was run on it,
and corpus category 25 (tests/sql_conformance/corpus) holds most of them, so every conformance run
checks them against Spark again.
"""

from tests.emulator.engines.duckdb_jobs import Jobs


def test_crc32_of_strings_and_binaries_is_zlibs_crc_as_bigint(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT crc32('Spark'), crc32(''), crc32(NULL), crc32(X'00FF'),"
        " crc32(CAST('abc' AS BINARY))"
    )
    assert columns == [
        ("crc32(Spark)", "bigint"),
        ("crc32()", "bigint"),
        ("crc32(NULL)", "bigint"),
        ("crc32(X'00FF')", "bigint"),
        ("crc32(CAST(abc AS BINARY))", "bigint"),
    ]
    assert rows == [[1557323817, 0, None, 1826356594, 891568578]]


def test_crc32_of_a_string_column_reads_its_utf8_bytes(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT crc32(s) FROM VALUES ('a'), (NULL), ('日本'), ('héllo') t(s)"
    )
    assert columns == [("crc32(s)", "bigint")]
    assert rows == [[3904355907], [None], [3350711756], [2654700086]]


def _partitions(jobs: Jobs, table: str) -> list[str]:
    return [row[0] for row in jobs.rows(f"SHOW PARTITIONS {table}")]


def test_truncate_partition_deletes_its_rows_and_keeps_it_listed(jobs: Jobs) -> None:
    jobs("CREATE TABLE tp (a INT, p INT) USING parquet PARTITIONED BY (p)")
    jobs("INSERT INTO tp VALUES (1, 1), (2, 1), (3, 2), (4, 3)")
    jobs("TRUNCATE TABLE tp PARTITION (p = 1)")
    assert jobs.rows("SELECT * FROM tp ORDER BY a") == [[3, 2], [4, 3]]
    assert _partitions(jobs, "tp") == ["p=1", "p=2", "p=3"]
    jobs("TRUNCATE TABLE tp")
    assert jobs.rows("SELECT count(*) FROM tp") == [[0]]
    assert _partitions(jobs, "tp") == ["p=1", "p=2", "p=3"]


def test_truncate_partition_by_a_prefix_of_the_partition_columns(jobs: Jobs) -> None:
    jobs("CREATE TABLE tp2 (a INT, p INT, q STRING) USING parquet PARTITIONED BY (p, q)")
    jobs("INSERT INTO tp2 VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'x')")
    jobs("TRUNCATE TABLE tp2 PARTITION (p = 1)")
    assert jobs.rows("SELECT * FROM tp2") == [[3, 2, "x"]]
    assert _partitions(jobs, "tp2") == ["p=1/q=x", "p=1/q=y", "p=2/q=x"]


def test_truncate_partition_refusals_are_sparks(jobs: Jobs) -> None:
    jobs("CREATE TABLE tp (a INT, p INT) USING parquet PARTITIONED BY (p)")
    jobs("INSERT INTO tp VALUES (1, 1)")
    jobs("CREATE TABLE tnp (a INT) USING parquet")
    assert jobs.failed("TRUNCATE TABLE tp PARTITION (p = 9)") == (
        "[PARTITIONS_NOT_FOUND] The partition(s) PARTITION (`p` = 9) cannot be found in table "
        "`default`.`tp`."
    )
    assert jobs.failed("TRUNCATE TABLE tp PARTITION (q = 9)") == (
        "[PARTITIONS_NOT_FOUND] The partition(s) `q` cannot be found in table "
        "`spark_catalog`.`default`.`tp`."
    )
    assert jobs.failed("TRUNCATE TABLE tnp PARTITION (a = 1)") == (
        "Operation not allowed: TRUNCATE TABLE ... PARTITION is not supported for tables that "
        "are not partitioned: `spark_catalog`.`default`.`tnp`."
    )
    assert jobs.rows("SELECT * FROM tp") == [[1, 1]]


def test_get_json_object_with_an_array_wildcard_answers_one_json_text(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        'SELECT get_json_object(\'{"a":[{"b":1},{"b":2}]}\', \'$.a[*].b\'),'
        ' get_json_object(\'{"a":[{"b":"x"},{"b":"y"}]}\', \'$.a[*].b\'),'
        " get_json_object('{\"a\":[\"x\"]}', '$.a[*]'),"
        ' get_json_object(\'{"a":[{"b":1},{"c":2}]}\', \'$.a[*].b\'),'
        " get_json_object('{\"a\":[]}', '$.a[*]'),"
        " get_json_object('{\"a\":[null, 1]}', '$.a[*]'),"
        ' get_json_object(\'{"a":[{"b":null},{"b":2}]}\', \'$.a[*].b\'),'
        " get_json_object('{\"a\":{\"b\":1}}', '$.a[*]'),"
        " get_json_object('[1,2]', '$[*]')"
    )
    assert [t for _, t in columns] == ["string"] * 9
    assert columns[0][0] == 'get_json_object({"a":[{"b":1},{"b":2}]}, $.a[*].b)'
    assert rows == [["[1,2]", '["x","y"]', '"x"', "1", None, "[null,1]", "2", None, "[1,2]"]]


def test_get_json_object_nested_wildcards_keep_or_flatten_arrays_as_spark(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT get_json_object('{\"a\":[[1,2],[3]]}', '$.a[*]'),"
        " get_json_object('{\"a\":[[1,2],[3]]}', '$.a[*][*]'),"
        " get_json_object('{\"a\":[[1,[2,3]],[4]]}', '$.a[*][*]'),"
        ' get_json_object(\'{"a":[{"b":[1,2]},{"b":[3]}]}\', \'$.a[*].b[*]\'),'
        ' get_json_object(\'{"a":[{"b":[1,2]},{"b":[3]}]}\', \'$.a[*].b[0]\'),'
        " get_json_object('{\"a\":[[5]]}', '$.a[0][*]'),"
        ' get_json_object(\'{"a":[{"b":{"c": 1}},{"b":2}]}\', \'$.a[*].b\')'
    )
    assert [t for _, t in columns] == ["string"] * 7
    assert rows == [
        ["[[1,2],[3]]", "[1,2,3]", "[1,2,3,4]", "[[1,2],[3]]", "[1,3]", "[5]", '[{"c":1},2]']
    ]


def test_get_json_object_of_a_wildcard_path_per_row(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        'SELECT get_json_object(j, \'$.a[*].b\') AS x FROM VALUES (\'{"a":[{"b":"x"}]}\'),'
        " ('{\"a\":[]}'), ('nope'), (NULL) t(j)"
    )
    assert columns == [("x", "string")]
    assert rows == [['"x"'], [None], [None], [None]]


def test_get_json_object_path_not_starting_with_dollar_is_null(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT get_json_object('{\"a\":1}', 'a'), get_json_object('{\"a\":1}', '.a'),"
        " get_json_object('{\"a\":1}', ''), get_json_object('{\"a\":1}', ' $.a'),"
        " get_json_object('{\"a\":1}', '$.a')"
    )
    assert columns == [
        ('get_json_object({"a":1}, a)', "string"),
        ('get_json_object({"a":1}, .a)', "string"),
        ('get_json_object({"a":1}, )', "string"),
        ('get_json_object({"a":1},  $.a)', "string"),
        ('get_json_object({"a":1}, $.a)', "string"),
    ]
    assert rows == [[None, None, None, None, "1"]]


def test_hash_of_integers_booleans_and_chains_is_sparks_murmur3(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT hash(1), hash(-1), hash(2147483647), hash(CAST(1 AS BIGINT)),"
        " hash(CAST(-5 AS BIGINT)), hash(CAST(1 AS SMALLINT)), hash(true), hash(false),"
        " hash(NULL), hash(1, 'a'), hash(NULL, 1)"
    )
    assert columns[:2] == [("hash(1)", "int"), ("hash(-1)", "int")]
    assert {t for _, t in columns} == {"int"}
    expected = [-559580957, -1604776387, 133916647, -1712319331, 424949597, -559580957]
    assert rows == [[*expected, -559580957, 933211791, 42, -936062819, -559580957]]


def test_hash_of_strings_binaries_dates_and_timestamps(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT hash('Spark'), hash(''), hash('abcde'), hash('héllo'), hash('日本語'),"
        " hash(X'00FF80'), hash(DATE'2024-01-01'), hash(TIMESTAMP'2024-01-01 00:00:00')"
    )
    assert columns[0] == ("hash(Spark)", "int")
    expected = [228093765, 142593372, 814637928, 1212979866, -1143049834, -2052482636]
    assert rows == [[*expected, -456589419, 1545358984]]


def test_hash_of_fractional_numbers_reads_their_bits_or_unscaled_value(jobs: Jobs) -> None:
    _, rows = jobs.columns(
        "SELECT hash(1.5D), hash(CAST(1.5 AS FLOAT)), hash(CAST(1.50 AS DECIMAL(5,2))),"
        " hash(0.0D), hash(-0.0D), hash(CAST('NaN' AS DOUBLE)), hash(CAST(1e-40 AS FLOAT)),"
        " hash(1.5), hash(CAST(-0.5 AS DECIMAL(3,1)))"
    )
    expected = [1290763749, -221251528, -2056712946, -1670924195, -1670924195, -1281358385]
    assert rows == [[*expected, 1795977418, -18083236, 424949597]]


def test_hash_of_columns_and_aggregates_per_row(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT hash(a), hash(s), hash(a, s) FROM VALUES (1, 'x'), (NULL, NULL), (3, 'zz') t(a, s)"
    )
    assert columns == [("hash(a)", "int"), ("hash(s)", "int"), ("hash(a, s)", "int")]
    assert rows == [
        [-559580957, -80340190, -1305545736],
        [42, 42, 42],
        [-1823081949, -1103238474, -969432306],
    ]
    _, rows = jobs.columns("SELECT hash(sum(a)), hash(avg(a)) FROM VALUES (1), (2) t(a)")
    assert rows == [[519220707, 1290763749]]


def test_hash_of_what_is_not_encoded_here_is_refused_not_answered_wrongly(jobs: Jobs) -> None:
    # Spark hashes arrays element by element; the DuckDB engine says it does not.
    assert "hash() of INTEGER[] is not supported" in jobs.failed("SELECT hash(array(1, 2))")


EVENTS = (
    "CREATE TABLE ev (ts TIMESTAMP, v INT) USING parquet",
    "INSERT INTO ev VALUES (TIMESTAMP'2024-01-01 10:15:00', 1),"
    " (TIMESTAMP'2024-01-01 10:45:00', 2), (TIMESTAMP'2024-01-01 11:05:00', 3),"
    " (TIMESTAMP'1969-12-31 23:30:00', 4), (NULL, 5)",
)
WINDOW = "struct<start:timestamp,end:timestamp>"


def test_tumbling_window_groups_by_epoch_aligned_struct_and_drops_null_times(jobs: Jobs) -> None:
    for statement in EVENTS:
        jobs(statement)
    columns, rows = jobs.columns(
        "SELECT window(ts, '1 hour'), sum(v) FROM ev GROUP BY window(ts, '1 hour') ORDER BY 1"
    )
    assert columns == [("window", WINDOW), ("sum(v)", "bigint")]
    assert rows == [
        [{"start": "1969-12-31 23:00:00", "end": "1970-01-01 00:00:00"}, 4],
        [{"start": "2024-01-01 10:00:00", "end": "2024-01-01 11:00:00"}, 3],
        [{"start": "2024-01-01 11:00:00", "end": "2024-01-01 12:00:00"}, 3],
    ]
    columns, rows = jobs.columns(
        "SELECT w.start, w.end, sum(v) FROM (SELECT window(ts, '7 days') AS w, v FROM ev)"
        " GROUP BY w ORDER BY 1"
    )
    assert columns == [("start", "timestamp"), ("end", "timestamp"), ("sum(v)", "bigint")]
    assert rows == [
        ["1969-12-25 00:00:00", "1970-01-01 00:00:00", 4],
        ["2023-12-28 00:00:00", "2024-01-04 00:00:00", 6],
    ]


def test_window_durations_start_offsets_and_fields(jobs: Jobs) -> None:
    for statement in EVENTS:
        jobs(statement)
    columns, rows = jobs.columns(
        "SELECT window(ts, '10 minutes', '10 minutes', '5 minutes') AS w, v FROM ev ORDER BY v"
    )
    assert columns == [("w", WINDOW), ("v", "int")]
    assert [r[0]["start"] for r in rows] == [
        "2024-01-01 10:15:00",
        "2024-01-01 10:45:00",
        "2024-01-01 11:05:00",
        "1969-12-31 23:25:00",
    ]
    _, rows = jobs.columns("SELECT window(ts, '1 day 2 hours') FROM ev ORDER BY v")
    assert rows[0] == [{"start": "2024-01-01 04:00:00", "end": "2024-01-02 06:00:00"}]
    assert rows[3] == [{"start": "1969-12-30 22:00:00", "end": "1970-01-01 00:00:00"}]
    columns, rows = jobs.columns(
        "SELECT window(CAST('2024-01-01 10:15:00' AS TIMESTAMP), '90 seconds').start"
    )
    assert columns == [("window.start", "timestamp")]
    assert rows == [["2024-01-01 10:15:00"]]


def test_window_refusals(jobs: Jobs) -> None:
    jobs(EVENTS[0])
    assert jobs.failed("SELECT window(ts, '1 month') FROM ev") == (
        "Intervals greater than a month is not supported (1 month)."
    )
    # Spark answers each row once per sliding window it falls in; the DuckDB engine refuses.
    assert "sliding window" in jobs.failed("SELECT window(ts, '1 hour', '30 minutes') FROM ev")


def test_cast_to_binary_takes_utf8_bytes_and_big_endian_integers(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT CAST('héllo' AS BINARY), CAST(s AS BINARY), CAST(X'41' AS BINARY),"
        " CAST(CAST(1 AS INT) AS BINARY), CAST(CAST(1 AS BIGINT) AS BINARY),"
        " CAST(CAST(-2 AS SMALLINT) AS BINARY), CAST(CAST(3 AS TINYINT) AS BINARY)"
        " FROM VALUES ('日本') t(s)"
    )
    assert columns[:2] == [("CAST(héllo AS BINARY)", "binary"), ("s", "binary")]
    assert {t for _, t in columns} == {"binary"}
    # binary values are previewed as base64: b'h\xc3\xa9llo', b'\xe6\x97\xa5\xe6\x9c\xac', ...
    assert rows == [["aMOpbGxv", "5pel5pys", "QQ==", "AAAAAQ==", "AAAAAAAAAAE=", "//4=", "Aw=="]]


def test_get_json_object_of_a_null_found_by_index_is_the_text_null(jobs: Jobs) -> None:
    _, rows = jobs.columns(
        "SELECT get_json_object('[null,1]', '$[0]'), get_json_object('{\"a\":[null]}', '$.a[0]'),"
        " get_json_object('{\"a\":null}', '$.a'), get_json_object('null', '$'),"
        " get_json_object('{\"a\":[1]}', '$.a[5]'), get_json_object('[\"x\"]', '$[0]')"
    )
    assert rows == [["null", "null", None, "null", None, "x"]]


def test_crc32_of_a_number_is_refused_as_sparks_analyzer_refuses_it(jobs: Jobs) -> None:
    assert jobs.failed("SELECT crc32(123)") == (
        '[DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE] Cannot resolve "crc32(123)" due to data type '
        'mismatch: The first parameter requires the "BINARY" type, however "123" has the type '
        '"INT".'
    )
    jobs("CREATE TABLE tn (a DOUBLE) USING parquet")
    assert jobs.failed("SELECT crc32(a) FROM tn").endswith('however "a" has the type "DOUBLE".')


def test_a_negative_number_with_a_type_suffix_is_named_as_one_literal(jobs: Jobs) -> None:
    # Spark reads `-1.5D` as one literal (a parenthesised one is negated); a floating zero
    # keeps its sign in the name, an integral or decimal zero loses it.
    columns, _ = jobs.columns("SELECT -1.5D, -(1.5D), -0.0D, -0L, -1.50BD, -0.0BD, -1e-40F")
    assert [name for name, _ in columns] == [
        "-1.5",
        "(- 1.5)",
        "-0.0",
        "0",
        "-1.50",
        "0.0",
        "-1.0E-40",
    ]


def test_the_smallest_bigint_written_out_is_a_bigint(jobs: Jobs) -> None:
    # Spark's parser reads the minus sign with the digits; in parentheses they stay a decimal
    columns, rows = jobs.columns(
        "SELECT -9223372036854775808, -9223372036854775808 - 1, -(9223372036854775808)"
    )
    assert [kind for _, kind in columns] == ["bigint", "bigint", "decimal(19,0)"]
    assert rows == [[-9223372036854775808, 9223372036854775807, "-9223372036854775808"]]
