"""Spark functions the DuckDB engine lacked: try_add, try_subtract, try_multiply, try_divide,
try_mod and try_sum (NULL where an integer overflows), try_avg, width_bucket, get and
array_insert (Spark 3.4+ positions, negative ones included), url_encode, url_decode,
try_url_decode and parse_url (Java's URLEncoder, URLDecoder and java.net.URI).

The expected names, Spark types, rows and errors are real Spark 4.3.0's (pyspark, local,
non-ANSI, session time zone UTC, as scripts/sqlconf/spark.py configures it): each query here was
run on it, and corpus category 28 (tests/sql_conformance/corpus/28_functions_more.sql) holds most
of them, so every conformance run checks them against Spark again.
"""

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs

_URL = "http://user:pw@www.example.com:8080/a/b.html?x=1&y=2#frag"


def test_try_arithmetic_is_null_where_an_integer_overflows(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT try_add(2147483647, 1), try_add(1, 2), try_subtract(-2147483648, 1),"
        " try_multiply(2147483647, 2), try_add(9223372036854775807, 1), try_add(2147483647, 1L)"
    )
    assert columns == [
        ("try_add(2147483647, 1)", "int"),
        ("try_add(1, 2)", "int"),
        ("try_subtract(-2147483648, 1)", "int"),
        ("try_multiply(2147483647, 2)", "int"),
        ("try_add(9223372036854775807, 1)", "bigint"),
        ("try_add(2147483647, 1)", "bigint"),
    ]
    assert rows == [[None, 3, None, None, None, 2147483648]]


def test_try_arithmetic_keeps_sparks_types(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT try_add(CAST(1 AS TINYINT), CAST(127 AS TINYINT)), try_add(1.5, 2),"
        " try_add(99999999999999999999999999999999999999, 1), try_multiply(1e308, 10),"
        " try_add('1', 2)"
    )
    assert columns == [
        ("try_add(CAST(1 AS TINYINT), CAST(127 AS TINYINT))", "tinyint"),
        ("try_add(1.5, 2)", "decimal(3,1)"),
        ("try_add(99999999999999999999999999999999999999, 1)", "decimal(38,0)"),
        ("try_multiply(1.0E308, 10)", "double"),
        ("try_add(1, 2)", "double"),
    ]
    assert rows == [[None, "3.5", None, "Infinity", 3.0]]


def test_try_arithmetic_of_columns(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT try_add(a, b), try_multiply(a, b) FROM VALUES (2147483647, 1), (46341, 46341),"
        " (7, -3) AS t(a, b)"
    )
    assert rows == [[None, 2147483647], [92682, None], [4, -21]]


def test_try_arithmetic_of_dates_and_intervals(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT try_add(DATE '2024-01-31', 1), try_add(DATE '2024-01-31', INTERVAL 1 MONTH),"
        " try_add(INTERVAL 1 DAY, INTERVAL 2 HOUR),"
        " try_subtract(DATE '2024-03-01', DATE '2024-01-01')"
    )
    assert columns == [
        ("try_add(DATE '2024-01-31', 1)", "date"),
        ("try_add(DATE '2024-01-31', INTERVAL '1' MONTH)", "date"),
        ("try_add(INTERVAL '1' DAY, INTERVAL '02' HOUR)", "interval day to hour"),
        ("try_subtract(DATE '2024-03-01', DATE '2024-01-01')", "interval day"),
    ]
    assert [str(v) for v in rows[0]] == [
        "2024-02-01",
        "2024-02-29",
        "INTERVAL '1 02' DAY TO HOUR",
        "INTERVAL '60' DAY",
    ]


def test_try_divide_and_try_mod_are_null_for_a_zero_divisor(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT try_divide(1, 0), try_divide(7, 2), try_divide(7.0, 2), try_mod(7, 0),"
        " try_mod(7, 3)"
    )
    assert columns == [
        ("try_divide(1, 0)", "double"),
        ("try_divide(7, 2)", "double"),
        ("try_divide(7.0, 2)", "decimal(7,6)"),
        ("try_mod(7, 0)", "int"),
        ("try_mod(7, 3)", "int"),
    ]
    assert rows == [[None, 3.5, "3.500000", None, 1]]


def test_try_sum_and_try_avg_are_sum_and_avg_with_null_for_a_bigint_overflow(jobs: Jobs) -> None:
    columns, rows = jobs.columns("SELECT try_sum(x), try_avg(x) FROM VALUES (1.5), (2.25) AS t(x)")
    assert columns == [("try_sum(x)", "decimal(13,2)"), ("try_avg(x)", "decimal(7,6)")]
    assert rows == [["3.75", "1.875000"]]
    columns, rows = jobs.columns(
        "SELECT try_sum(x), try_avg(x) FROM VALUES (9223372036854775807L), (1L) AS t(x)"
    )
    assert columns == [("try_sum(x)", "bigint"), ("try_avg(x)", "double")]
    assert rows == [[None, 4.611686018427388e18]]


def test_try_sum_over_a_window(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT try_sum(x) OVER (ORDER BY x) FROM VALUES (9223372036854775807L), (1L) AS t(x)"
        " ORDER BY x"
    )
    assert rows == [[1], [None]]


def test_width_bucket(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT width_bucket(5.3, 0.2, 10.6, 5), width_bucket(-2.1, 1.3, 3.4, 3),"
        " width_bucket(8.1, 0.0, 5.7, 4), width_bucket(-0.9, 5.2, 0.5, 2),"
        " width_bucket(10, 0, 10, 5), width_bucket(5, 0, 10, 2.7)"
    )
    assert [kind for _, kind in columns] == ["bigint"] * 6
    assert columns[0][0] == "width_bucket(5.3, 0.2, 10.6, 5)"
    assert rows == [[3, 0, 5, 3, 6, 2]]


def test_width_bucket_is_null_for_no_buckets_or_an_empty_range(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT width_bucket(5, 0, 10, 0), width_bucket(NULL, 0, 10, 5),"
        " width_bucket(5, 0, 0, 5), width_bucket(5, 0, 10, -1),"
        " width_bucket(double('nan'), 0, 10, 3), width_bucket(5, 0, double('inf'), 3),"
        " width_bucket(5, 0, 10, 9223372036854775807)"
    )
    assert rows == [[None] * 7]


def test_get_is_zero_based_and_null_outside_the_array(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT get(array(1, 2, 3), 0), get(array(1, 2, 3), 3), get(array(1, 2, 3), -1),"
        " get(array('a', NULL), 1), get(array(1), NULL)"
    )
    assert columns == [
        ("get(array(1, 2, 3), 0)", "int"),
        ("get(array(1, 2, 3), 3)", "int"),
        ("get(array(1, 2, 3), -1)", "int"),
        ("get(array(a, NULL), 1)", "string"),
        ("get(array(1), NULL)", "int"),
    ]
    assert rows == [[1, None, None, None, None]]


def test_get_of_a_map_is_refused(jobs: Jobs) -> None:
    jobs.failed("SELECT get(map('a', 1), 'a')")


def test_array_insert_counts_positions_from_either_end(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT array_insert(array(1, 2, 3), 1, 9), array_insert(array(1, 2, 3), 4, 9),"
        " array_insert(array(1, 2, 3), 6, 9), array_insert(array(1, 2, 3), -1, 9),"
        " array_insert(array(1, 2, 3), -3, 9), array_insert(array(1, 2, 3), -5, 9)"
    )
    assert columns[0] == ("array_insert(array(1, 2, 3), 1, 9)", "array<int>")
    assert rows == [
        [
            [9, 1, 2, 3],
            [1, 2, 3, 9],
            [1, 2, 3, None, None, 9],
            [1, 2, 3, 9],
            [1, 9, 2, 3],
            [9, None, 1, 2, 3],
        ]
    ]


def test_array_insert_widens_and_keeps_nulls(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT array_insert(array(1, 2), 1, 5L), array_insert(array(), 3, 1),"
        " array_insert(array(1, 2, 3), 2, NULL), array_insert(array(1, 2, 3), CAST(NULL AS INT), 9)"
    )
    assert [kind for _, kind in columns] == ["array<bigint>", "array<int>"] + ["array<int>"] * 2
    assert rows == [[[5, 1, 2], [None, None, 1], [1, None, 2, 3], None]]


def test_array_insert_at_zero_fails_as_spark_does(jobs: Jobs) -> None:
    assert "[INVALID_INDEX_OF_ZERO]" in jobs.failed("SELECT array_insert(array(1, 2, 3), 0, 9)")


def test_url_encode_is_javas_form_encoding(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT url_encode('a b+c%d/é?x=1&y=2'), url_encode('~*-._!''()'), url_encode(''),"
        " url_encode(NULL), url_encode('你好 world')"
    )
    assert columns[0] == ("url_encode(a b+c%d/é?x=1&y=2)", "string")
    assert rows == [
        [
            "a+b%2Bc%25d%2F%C3%A9%3Fx%3D1%26y%3D2",
            "%7E*-._%21%27%28%29",
            "",
            None,
            "%E4%BD%A0%E5%A5%BD+world",
        ]
    ]


def test_url_decode_reads_plus_as_a_space(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT url_decode('a+b%20c%2Bd%C3%A9'), url_decode(NULL), url_decode('%7e%7E'),"
        " try_url_decode('%zz'), try_url_decode('a+b')"
    )
    assert columns[0] == ("url_decode(a+b%20c%2Bd%C3%A9)", "string")
    assert rows == [["a b c+dé", None, "~~", None, "a b"]]


@pytest.mark.parametrize("text", ["100%", "%zz", "a%2"])
def test_url_decode_of_a_bad_escape_fails_as_spark_does(jobs: Jobs, text: str) -> None:
    error = jobs.failed(f"SELECT url_decode('{text}')")
    assert f"[CANNOT_DECODE_URL] The provided URL cannot be decoded: {text}." in error


def test_url_decode_of_bytes_that_are_not_utf8_is_refused(jobs: Jobs) -> None:
    # Spark gives U+FFFD for them (Java's replacement), which the engine does not imitate
    assert "not UTF-8" in jobs.failed("SELECT url_decode('%C3')")


def test_parse_url_parts(jobs: Jobs) -> None:
    parts = ["HOST", "PATH", "QUERY", "REF", "PROTOCOL", "FILE", "AUTHORITY", "USERINFO"]
    columns, rows = jobs.columns(
        "SELECT " + ", ".join(f"parse_url('{_URL}', '{p}')" for p in parts)
    )
    assert columns[0] == (f"parse_url({_URL}, HOST)", "string")
    assert rows == [
        [
            "www.example.com",
            "/a/b.html",
            "x=1&y=2",
            "frag",
            "http",
            "/a/b.html?x=1&y=2",
            "user:pw@www.example.com:8080",
            "user:pw",
        ]
    ]


def test_parse_url_query_keys(jobs: Jobs) -> None:
    columns, rows = jobs.columns(
        "SELECT parse_url('http://www.example.com/a?x=1&y=2&x=3', 'QUERY', 'x'),"
        " parse_url('http://www.example.com/a?x=1&y=2', 'QUERY', 'z'),"
        " parse_url('http://www.example.com/a?xx=1&x=2', 'QUERY', 'x'),"
        " parse_url('http://www.example.com/a?x=&y=2', 'QUERY', 'x'),"
        " parse_url('http://www.example.com/a', 'QUERY', 'y'),"
        " parse_url('http://www.example.com/a?x=1', 'HOST', 'x')"
    )
    assert columns[0] == ("parse_url(http://www.example.com/a?x=1&y=2&x=3, QUERY, x)", "string")
    assert rows == [["1", None, "2", "", None, None]]


def test_parse_url_of_what_java_net_uri_refuses_is_null(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT parse_url('not a url', 'HOST'), parse_url('http://a b.com/', 'HOST'),"
        " parse_url('http://x.com/a%zz', 'PATH'), parse_url('', 'HOST'), parse_url('', 'PATH'),"
        " parse_url('http://www.example.com/a?x=1', 'host'), parse_url(NULL, 'HOST')"
    )
    assert rows == [[None, None, None, None, "", None, None]]


def test_parse_url_of_relative_opaque_and_registry_urls(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT parse_url('www.example.com/a?x=1', 'HOST'),"
        " parse_url('www.example.com/a?x=1', 'PATH'), parse_url('mailto:joe@x.com', 'PROTOCOL'),"
        " parse_url('mailto:joe@x.com', 'PATH'), parse_url('file:///tmp/x.txt', 'AUTHORITY'),"
        " parse_url('http://my_host.com/p', 'HOST'),"
        " parse_url('http://my_host.com/p', 'AUTHORITY'),"
        " parse_url('https://x.com:/p', 'HOST'), parse_url('http://www.example.com', 'PATH')"
    )
    assert rows == [
        [None, "www.example.com/a", "mailto", None, None, None, "my_host.com", "x.com", ""]
    ]


def test_parse_url_host_is_a_dns_name_or_an_ipv4_address(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT parse_url('http://1.2.3.4:80/x', 'HOST'), parse_url('http://1.2.3.256/', 'HOST'),"
        " parse_url('http://a.1/', 'HOST'), parse_url('http://123/', 'HOST'),"
        " parse_url('http://a-.com/', 'HOST'), parse_url('http://x.com./', 'HOST'),"
        " parse_url('http://ex.com:99999999999/', 'HOST'),"
        " parse_url('http://ex.com:99999999999/', 'AUTHORITY'),"
        " parse_url('http://u@h@x.com/', 'USERINFO'), parse_url('http://@x.com/', 'USERINFO')"
    )
    assert rows == [
        ["1.2.3.4", None, None, "123", None, "x.com.", None, "ex.com:99999999999", None, ""]
    ]


def test_parse_url_edge_cases_of_java_net_uri(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT parse_url('http://x.com/a[b]', 'PATH'), parse_url('http://x.com/?a[]=1', 'QUERY'),"
        " parse_url('http://', 'PROTOCOL'), parse_url('http://?x', 'QUERY'),"
        " parse_url('1a:b', 'PROTOCOL'), parse_url(':abc', 'PATH'),"
        " parse_url('mailto:#x', 'REF'), parse_url('mailto:?x', 'PROTOCOL'),"
        " parse_url('http://x.com/#a#b', 'REF'), parse_url('http://üser@x.com/', 'USERINFO'),"
        " parse_url('http://x.cöm/', 'HOST'), parse_url('www.x.com:8080/p', 'PROTOCOL')"
    )
    assert rows == [
        [None, "a[]=1", None, "x", None, None, None, "mailto", None, "üser", None, "www.x.com"]
    ]


def test_parse_url_of_an_ipv6_host_is_refused(jobs: Jobs) -> None:
    assert "IPv6" in jobs.failed("SELECT parse_url('http://[::1]:80/p', 'HOST')")


def test_width_bucket_reads_strings_as_spark_casts_them(jobs: Jobs) -> None:
    rows = jobs.rows(
        "SELECT width_bucket('abc', 0, 10, 2), width_bucket('5', 0, 10, 2),"
        " width_bucket(0.5, 0, 1, 3000000000)"
    )
    assert rows == [[None, 2, 1500000001]]


def test_width_bucket_of_intervals_is_refused(jobs: Jobs) -> None:
    error = jobs.failed("SELECT width_bucket(INTERVAL 5 DAY, INTERVAL 0 DAY, INTERVAL 10 DAY, 4)")
    assert "not supported" in error


def test_array_insert_of_a_value_of_another_type_is_refused_as_spark_does(jobs: Jobs) -> None:
    error = jobs.failed("SELECT array_insert(array(1, 2), 1, 2.5)")
    assert error.startswith(
        '[DATATYPE_MISMATCH.ARRAY_FUNCTION_DIFF_TYPES] Cannot resolve "array_insert(array(1, 2),'
        ' 1, 2.5)" due to data type mismatch: Input to `array_insert` should have been "ARRAY"'
        ' followed by a value with same element type, but it\'s ["ARRAY<INT>", "DECIMAL(2,1)"].'
    )


def test_the_session_time_zone_and_the_partition_of_a_job(jobs: Jobs) -> None:
    # Spark 4.3.0 (local, session time zone UTC): one partition for small data, upper-case name
    names, types, rows = jobs.answer("SELECT current_timezone(), spark_partition_id()")
    assert names == ["current_timezone()", "SPARK_PARTITION_ID()"]
    assert types == ["string", "int"]
    assert rows == [["UTC", 0]]
