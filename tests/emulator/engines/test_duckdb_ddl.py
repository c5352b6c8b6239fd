"""DDL, DML and the analyzer's refusals in the DuckDB engine, against real Spark's answers.

Every expected answer here (rows, Spark type names, column names, error classes) is what real
Spark 4.3.0 gave for the same statements (pyspark, local, non-ANSI, UTC: the conformance
truth's settings), run on the same tables.
"""

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from dli_emulator.engines.protocol import Outcome
from dli_emulator.engines.sparktypes import preview_schema, schema_detail
from dli_emulator.errors import DliError
from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

SETUP = (
    "CREATE TABLE t (a INT, s STRING) USING parquet",
    "INSERT INTO t VALUES (1, 'x'), (2, NULL)",
)


@pytest.fixture
def jobs(tmp_path: Path) -> Iterator[Jobs]:
    with jobs_in(tmp_path, *SETUP) as jobs:
        yield jobs


def _names_and_types(outcome: Outcome) -> list[dict[str, str]]:
    assert outcome.fields is not None
    return preview_schema(outcome.fields)


def test_ctas_columns_have_sparks_names_in_describe_select_and_detail(jobs: Jobs) -> None:
    jobs.run(
        "CREATE TABLE c2 USING parquet AS SELECT a + 1, count(*), upper(s), CAST(a AS STRING) "
        "FROM t GROUP BY a, s"
    )
    assert jobs.rows("DESCRIBE c2") == [
        ["(a + 1)", "int", None],
        ["count(1)", "bigint", None],
        ["upper(s)", "string", None],
        ["a", "string", None],
    ]
    selected = jobs.run("SELECT * FROM c2")
    expected = [{"(a + 1)": "int"}, {"count(1)": "bigint"}, {"upper(s)": "string"}]
    assert _names_and_types(selected) == [*expected, {"a": "string"}]
    assert selected.fields is not None
    detail = json.loads(schema_detail(selected.fields))
    assert [f["name"] for f in detail["fields"]] == ["(a + 1)", "count(1)", "upper(s)", "a"]
    assert sorted(jobs.rows("SELECT * FROM c2"), key=str) == [[2, 1, "X", "1"], [3, 1, None, "2"]]


def test_a_temporary_view_over_expressions_has_sparks_names(jobs: Jobs) -> None:
    create_view = "CREATE TEMPORARY VIEW tv AS SELECT a + 1, upper(s) FROM t"
    assert jobs.rows(create_view, "DESCRIBE tv") == [
        ["(a + 1)", "int", None],
        ["upper(s)", "string", None],
    ]
    tables = jobs.rows(create_view, "SHOW TABLES")
    assert tables == [["default", "t", False], ["", "tv", True]]


def test_a_permanent_view_needs_an_alias_for_computed_columns(jobs: Jobs) -> None:
    error = jobs.refused("CREATE VIEW v1 AS SELECT a + 1 FROM t")
    assert error.error_msg == (
        "[CREATE_PERMANENT_VIEW_WITHOUT_ALIAS] Not allowed to create the permanent view "
        "`spark_catalog`.`default`.`v1` without explicitly assigning an alias for the "
        'expression "(a + 1)".'
    )
    through_star = jobs.refused("CREATE VIEW vd AS SELECT * FROM (SELECT a + 1 FROM t)")
    assert through_star.error_msg.endswith('for the expression "(a + 1)".')
    jobs.run("CREATE VIEW ve AS SELECT * FROM (SELECT a + 1 AS b FROM t)")
    cast_literal = jobs.refused("CREATE VIEW v6 AS SELECT CAST(1 AS STRING) FROM t")
    assert cast_literal.error_msg.startswith("[CREATE_PERMANENT_VIEW_WITHOUT_ALIAS]")
    jobs.run("CREATE VIEW v3 AS SELECT -1, DATE '2024-01-01', true, NULL FROM t")
    jobs.run("CREATE VIEW v4 AS SELECT a + 1 AS b FROM t UNION SELECT a * 2 FROM t")
    # Spark names a cast column and a literal itself: these views are accepted.
    jobs.run("CREATE VIEW v2 AS SELECT CAST(a AS STRING), 1, upper('x') AS u FROM t")
    assert _names_and_types(jobs.run("SELECT * FROM v2")) == [
        {"a": "string"},
        {"1": "int"},
        {"u": "string"},
    ]


def test_partition_columns_go_last_and_describe_lists_them(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE p (day STRING, v INT, h INT) USING parquet PARTITIONED BY (day, h)")
    assert jobs.rows("DESCRIBE p") == [
        ["v", "int", None],
        ["day", "string", None],
        ["h", "int", None],
        ["# Partition Information", "", ""],
        ["# col_name", "data_type", "comment"],
        ["day", "string", None],
        ["h", "int", None],
    ]
    jobs.run("INSERT INTO p VALUES (1, '2024-01-01', 3)")
    assert jobs.rows("SELECT * FROM p") == [[1, "2024-01-01", 3]]
    jobs.run("CREATE TABLE c USING parquet PARTITIONED BY (a) AS SELECT a, s, a + 1 FROM t")
    assert jobs.rows("DESCRIBE c") == [
        ["s", "string", None],
        ["(a + 1)", "int", None],
        ["a", "int", None],
        ["# Partition Information", "", ""],
        ["# col_name", "data_type", "comment"],
        ["a", "int", None],
    ]


def test_show_partitions_escapes_values_and_filters_by_spec(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE p (day STRING, v INT, h INT) USING parquet PARTITIONED BY (day, h)")
    jobs.run("INSERT INTO p VALUES (1, '2024-01-01', 3)")
    jobs.run("INSERT INTO p PARTITION (day = 'a*b c', h) VALUES (2, NULL)")
    shown = jobs.run("SHOW PARTITIONS p")
    assert _names_and_types(shown) == [{"partition": "string"}]
    assert shown.rows == [
        ["day=2024-01-01/h=3"],
        ["day=a%2Ab c/h=__HIVE_DEFAULT_PARTITION__"],
    ]
    assert jobs.rows("SHOW PARTITIONS p PARTITION (day = 'a*b c')") == [
        ["day=a%2Ab c/h=__HIVE_DEFAULT_PARTITION__"]
    ]
    assert jobs.rows("SHOW PARTITIONS p PARTITION (h = 3)") == [["day=2024-01-01/h=3"]]
    jobs.run("ALTER TABLE p RENAME TO p2")
    assert len(jobs.rows("SHOW PARTITIONS p2")) == 2
    assert jobs.refused("SHOW PARTITIONS t").error_msg == (
        "[INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY] The partition command is "
        "invalid. Table `spark_catalog`.`default`.`t` is not partitioned."
    )


def test_create_table_if_not_exists_keeps_the_existing_partitioning(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE p (v INT, day STRING) USING parquet PARTITIONED BY (day)")
    jobs.run("CREATE TABLE IF NOT EXISTS p (x INT) USING parquet")
    assert jobs.rows("DESCRIBE p")[-1] == ["day", "string", None]


def test_show_create_table_prints_sparks_ddl(jobs: Jobs) -> None:
    jobs.run(
        "CREATE TABLE ty (a TINYINT, f DECIMAL(9,3), k STRING COMMENT 'it''s k', "
        "l ARRAY<STRING>, m MAP<STRING, INT>, n STRUCT<x: INT, y: STRING>, `odd name` INT) "
        "USING parquet"
    )
    assert jobs.rows("SHOW CREATE TABLE ty") == [
        [
            "CREATE TABLE spark_catalog.default.ty (\n  a TINYINT,\n  f DECIMAL(9,3),\n"
            "  k STRING COLLATE UTF8_BINARY COMMENT 'it\\'s k',\n"
            "  l ARRAY<STRING COLLATE UTF8_BINARY>,\n"
            "  m MAP<STRING COLLATE UTF8_BINARY, INT>,\n"
            "  n STRUCT<x: INT, y: STRING COLLATE UTF8_BINARY>,\n  `odd name` INT)\n"
            "USING parquet\n"
        ]
    ]
    jobs.run("CREATE TABLE p (day STRING, v INT, h INT) USING parquet PARTITIONED BY (day, h)")
    assert jobs.rows("SHOW CREATE TABLE p") == [
        [
            "CREATE TABLE spark_catalog.default.p (\n  v INT,\n  day STRING COLLATE "
            "UTF8_BINARY,\n  h INT)\nUSING parquet\nPARTITIONED BY (day, h)\n"
        ]
    ]
    jobs.run("CREATE VIEW vv AS SELECT a AS `odd x`, a + 1 AS w FROM t WHERE a > 0")
    assert jobs.rows("SHOW CREATE TABLE vv") == [
        [
            "CREATE VIEW default.vv (\n  `odd x`,\n  w)\nWITH SCHEMA COMPENSATION\n"
            "AS SELECT a AS `odd x`, a + 1 AS w FROM t WHERE a > 0\n"
        ]
    ]
    jobs.run("CREATE TEMPORARY VIEW tv AS SELECT 1 AS one")
    with pytest.raises(DliError) as caught:
        jobs.run("CREATE TEMPORARY VIEW tv AS SELECT 1 AS one", "SHOW CREATE TABLE tv")
    assert caught.value.error_msg.startswith("[EXPECT_PERMANENT_VIEW_NOT_TEMP] 'SHOW CREATE")


@pytest.mark.parametrize(
    ("sql", "function"),
    [
        ("SELECT rank() OVER () FROM t", "rank"),
        ("SELECT row_number() OVER (PARTITION BY a) FROM t", "row_number"),
        ("SELECT lag(a) OVER () FROM t", "lag"),
        ("SELECT lead(a, 2) OVER (PARTITION BY s) FROM t", "lead"),
        ("SELECT ntile(2) OVER () FROM t", "ntile"),
        ("SELECT cume_dist() OVER () FROM t", "cume_dist"),
        ("SELECT percent_rank() OVER () FROM t", "percent_rank"),
        ("SELECT DENSE_RANK() OVER (PARTITION BY a) FROM t", "dense_rank"),
        ("SELECT nth_value(a, 1) OVER () FROM t", "nth_value"),
    ],
)
def test_ranking_and_offset_windows_must_be_ordered(jobs: Jobs, sql: str, function: str) -> None:
    error = jobs.refused(sql)
    assert error.error_msg.startswith(
        f"[WINDOW_FUNCTION_FRAME_NOT_ORDERED] Window function {function} requires the window "
        "to be ordered. You need to add an ORDER BY clause."
    )


def test_unordered_aggregate_windows_are_accepted(jobs: Jobs) -> None:
    outcome = jobs.run("SELECT first_value(a) OVER (), sum(a) OVER () FROM t")
    assert _names_and_types(outcome) == [
        {"first_value(a) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)": "int"},
        {"sum(a) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)": "bigint"},
    ]
    assert jobs.rows("SELECT first_value(a) OVER (), sum(a) OVER () FROM t") == [[1, 3], [1, 3]]


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT OVERWRITE TABLE t SELECT a + 1, s FROM t WHERE a > 5",
        "INSERT OVERWRITE TABLE t SELECT * FROM (SELECT * FROM t) x",
        "INSERT OVERWRITE TABLE default.t SELECT a + 1, 'k' FROM v",
    ],
)
def test_insert_overwrite_may_not_read_its_target(jobs: Jobs, sql: str) -> None:
    jobs.run("CREATE VIEW v AS SELECT a, s AS q FROM t WHERE a > 0")
    assert jobs.refused(sql).error_msg == (
        "[UNSUPPORTED_OVERWRITE.TABLE] Can't overwrite the target that is also being read from. "
        "The target table is `spark_catalog`.`default`.`t`."
    )
    assert sorted(jobs.rows("SELECT * FROM t"), key=str) == [[1, "x"], [2, None]]


def test_insert_overwrite_of_a_partition_may_not_read_its_table(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE p (v INT, day STRING, h INT) USING parquet PARTITIONED BY (day, h)")
    error = jobs.refused("INSERT OVERWRITE TABLE p PARTITION (day = 'z', h = 1) SELECT v FROM p")
    assert error.error_msg.startswith("[UNSUPPORTED_OVERWRITE.TABLE]")


def test_insert_reading_its_target_and_overwrite_from_elsewhere_run(jobs: Jobs) -> None:
    jobs.run("INSERT INTO t SELECT * FROM t")
    assert jobs.rows("SELECT count(*) FROM t") == [[4]]
    jobs.run("CREATE TABLE c USING parquet AS SELECT a, s FROM t WHERE a = 1")
    jobs.run("INSERT OVERWRITE TABLE t SELECT a, s FROM c")
    assert jobs.rows("SELECT * FROM t") == [[1, "x"], [1, "x"]]


def test_quantified_comparisons_are_a_syntax_error_in_spark(jobs: Jobs) -> None:
    error = jobs.refused("SELECT a FROM t WHERE a > ALL (SELECT a FROM t)")
    assert error.error_code == "DLI.0004"
    assert "line 1, column 31" in error.error_msg  # Spark: pos 30, counted from 0
    assert "[PARSE_SYNTAX_ERROR] Syntax error at or near '('" in error.error_msg
    assert jobs.refused("SELECT a FROM t WHERE a = SOME (SELECT a FROM t)").error_code == (
        "DLI.0004"
    )
    # After LIKE the quantifier is Spark syntax.
    assert jobs.rows("SELECT s FROM t WHERE s LIKE ANY ('x%', 'y')") == [["x"]]
    assert jobs.rows("SELECT s FROM t WHERE s NOT LIKE ALL ('x%', 'y')") == []


@pytest.mark.parametrize("keyword", ["WHERE", "GROUP", "ORDER", "LIMIT"])
def test_a_clause_keyword_ending_the_statement_is_a_table_alias(jobs: Jobs, keyword: str) -> None:
    outcome = jobs.run(f"SELECT * FROM t {keyword}")
    assert _names_and_types(outcome) == [{"a": "int"}, {"s": "string"}]
    assert sorted(jobs.rows(f"SELECT * FROM t {keyword}"), key=str) == [[1, "x"], [2, None]]


def test_count_distinct_star_counts_rows_without_nulls(jobs: Jobs) -> None:
    jobs.run("INSERT INTO t VALUES (1, 'x'), (3, 'null')")
    outcome = jobs.run("SELECT count(DISTINCT *) FROM t")
    assert _names_and_types(outcome) == [{"count(DISTINCT a, s)": "bigint"}]
    assert jobs.rows("SELECT count(DISTINCT *) FROM t") == [[2]]
    # Over a subquery the columns are not looked up: DuckDB unpacks them itself.
    assert jobs.rows("SELECT count(DISTINCT *) FROM (SELECT a, s FROM t)") == [[2]]


def test_show_current_namespace(jobs: Jobs) -> None:
    shown = jobs.run("SHOW CURRENT NAMESPACE")
    assert _names_and_types(shown) == [{"catalog": "string"}, {"namespace": "string"}]
    assert shown.rows == [["spark_catalog", "default"]]


def test_describe_one_column(jobs: Jobs) -> None:
    jobs.run("ALTER TABLE t ALTER COLUMN a COMMENT 'the a'")
    shown = jobs.run("DESCRIBE t a")
    assert _names_and_types(shown) == [{"info_name": "string"}, {"info_value": "string"}]
    assert shown.rows == [["col_name", "a"], ["data_type", "int"], ["comment", "the a"]]
    assert jobs.rows("DESC TABLE default.t `s`") == [
        ["col_name", "s"],
        ["data_type", "string"],
        ["comment", "NULL"],
    ]
    statistics = ["min", "max", "num_nulls", "distinct_count", "avg_col_len", "max_col_len"]
    assert jobs.rows("DESCRIBE EXTENDED t a")[3:] == [
        *([name, "NULL"] for name in statistics),
        ["histogram", "NULL"],
    ]
    assert jobs.refused("DESCRIBE t nope").error_msg == (
        "[COLUMN_NOT_FOUND] The column `nope` cannot be found. Verify the spelling and "
        'correctness of the column name according to the SQL config "spark.sql.caseSensitive".'
    )


def test_describe_query(jobs: Jobs) -> None:
    assert jobs.rows("DESCRIBE QUERY SELECT a + 1 FROM t") == [["(a + 1)", "int", None]]
