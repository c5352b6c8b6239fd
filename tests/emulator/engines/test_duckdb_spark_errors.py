"""Statements Spark refuses fail in the DuckDB engine with Spark's error class and words.

The expected messages are what real Spark 4.3.0 raised for the same statements (pyspark, local,
non-ANSI, UTC: the conformance truth's settings) on the same tables; the engine may add
DuckDB's own line after them, in parentheses.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

SETUP = ("CREATE TABLE t (a INT, s STRING) USING parquet",)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Jobs]:
    with jobs_in(tmp_path, *SETUP) as engine:
        yield engine


VERIFY = "Verify the spelling and correctness of the schema and catalog."


@pytest.mark.parametrize(
    ("sql", "spark"),
    [
        (
            "SELECT * FROM missing",
            f"[TABLE_OR_VIEW_NOT_FOUND] The table or view `missing` cannot be found. {VERIFY}",
        ),
        (
            "SELECT * FROM nos.q",
            f"[TABLE_OR_VIEW_NOT_FOUND] The table or view `nos`.`q` cannot be found. {VERIFY}",
        ),
        (
            "SELECT nope FROM t",
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with "
            "name `nope` cannot be resolved. Did you mean one of the following? [`a`",
        ),
        (
            "SELECT t.nope FROM t",
            "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with "
            "name `t`.`nope` cannot be resolved. Did you mean one of the following? [`t`.`a`, "
            "`t`.`s`].",
        ),
        (
            "SELECT no_such_function(1)",
            "[UNRESOLVED_ROUTINE] Cannot resolve routine `no_such_function` on search path "
            "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`].",
        ),
        (
            "SELECT a, s FROM t GROUP BY a",
            '[MISSING_AGGREGATION] The non-aggregating expression "s" is based on columns which '
            "are not participating in the GROUP BY clause.",
        ),
        (
            "SELECT max(count(a)) FROM t",
            "[NESTED_AGGREGATE_FUNCTION] It is not allowed to use an aggregate function in the "
            "argument of another aggregate function. Please use the inner aggregate function in "
            "a sub-query.",
        ),
        (
            "SELECT a FROM t JOIN t AS u USING (nope)",
            "[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column `nope` cannot be resolved on the "
            "left side of the join.",
        ),
        (
            "SELECT a FROM t ORDER BY 0",
            "[ORDER_BY_POS_OUT_OF_RANGE] ORDER BY position 0 is not in select list (valid range "
            "is [1, 1]).",
        ),
        (
            "SELECT a FROM t ORDER BY -1",
            "[ORDER_BY_POS_OUT_OF_RANGE] ORDER BY position -1 is not in select list (valid "
            "range is [1, 1]).",
        ),
        (
            "SELECT count(*) FROM t ORDER BY 2",
            "[ORDER_BY_POS_OUT_OF_RANGE] ORDER BY position 2 is not in select list (valid range "
            "is [1, 1]).",
        ),
        (
            "SELECT 1 UNION SELECT 2 ORDER BY 3",
            "[ORDER_BY_POS_OUT_OF_RANGE] ORDER BY position 3 is not in select list (valid range "
            "is [1, 1]).",
        ),
        (
            "SELECT a, s FROM t EXCEPT SELECT 1",
            "[NUM_COLUMNS_MISMATCH] EXCEPT can only be performed on inputs with the same number "
            "of columns, but the first input has 2 columns and the second input has 1 columns.",
        ),
        (
            "SELECT lag(a) FROM t",
            '[WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE] Window function "lag(a',
        ),
        (
            "SELECT row_number() FROM t",
            '[WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE] Window function "row_number()" requires an '
            "OVER clause.",
        ),
    ],
)
def test_queries_spark_refuses_are_refused_at_submit_in_its_words(
    engine: Jobs, sql: str, spark: str
) -> None:
    assert engine.checked(sql).startswith(spark)


@pytest.mark.parametrize(
    ("sql", "spark"),
    [
        (
            "INSERT INTO t VALUES (1, 'a', 'extra')",
            "[INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS] Cannot write to "
            "`spark_catalog`.`default`.`t`, the reason is too many data columns:",
        ),
        (
            "INSERT INTO t VALUES (3)",
            "[INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS] Cannot write to "
            "`spark_catalog`.`default`.`t`, the reason is not enough data columns:",
        ),
        (
            "CREATE TABLE t (a INT) USING parquet",
            "[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view "
            "`spark_catalog`.`default`.`t` because it already exists.",
        ),
        (
            "CREATE VIEW t AS SELECT 1 AS one",
            "[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view "
            "`spark_catalog`.`default`.`t` because it already exists.",
        ),
        (
            "CREATE DATABASE default",
            "[SCHEMA_ALREADY_EXISTS] Cannot create schema `default` because it already exists.",
        ),
        (
            "CREATE TABLE nos.q (a INT)",
            f"[SCHEMA_NOT_FOUND] The schema `spark_catalog`.`nos` cannot be found. {VERIFY}",
        ),
        (
            "CREATE TABLE c2 (a INT, A INT) USING parquet",
            "[COLUMN_ALREADY_EXISTS] The column `a` already exists. Choose another name or "
            "rename the existing column.",
        ),
        (
            "CREATE TABLE c1 USING parquet AS SELECT a, a FROM t",
            "[COLUMN_ALREADY_EXISTS] The column `a` already exists. Choose another name or "
            "rename the existing column.",
        ),
        (
            "CREATE VIEW v1 AS SELECT a, a FROM t",
            "[COLUMN_ALREADY_EXISTS] The column `a` already exists. Choose another name or "
            "rename the existing column.",
        ),
        (
            "INSERT INTO t (a, a) VALUES (1, 2)",
            "[COLUMN_ALREADY_EXISTS] The column `a` already exists. Choose another name or "
            "rename the existing column.",
        ),
        (
            "CREATE TABLE c4 (a INT) USING parquet PARTITIONED BY (a)",
            "[ALL_PARTITION_COLUMNS_NOT_ALLOWED] Cannot use all columns for partition columns.",
        ),
        (
            "CREATE TABLE c5 (a INT, b INT) USING parquet PARTITIONED BY (zz)",
            "[COLUMN_NOT_DEFINED_IN_TABLE] partition column `zz` is not defined in table "
            "`spark_catalog`.`default`.`c5`, defined table columns are: `a`, `b`.",
        ),
        (
            "CREATE TABLE c6 USING parquet PARTITIONED BY (zz) AS SELECT a, s FROM t",
            "[COLUMN_NOT_DEFINED_IN_TABLE] partition column `zz` is not defined in table "
            "`spark_catalog`.`default`.`c6`, defined table columns are: `a`, `s`.",
        ),
        (
            "DESCRIBE missing",
            f"[TABLE_OR_VIEW_NOT_FOUND] The table or view `missing` cannot be found. {VERIFY}",
        ),
        (
            "ALTER TABLE missing ADD COLUMNS (x INT)",
            f"[TABLE_OR_VIEW_NOT_FOUND] The table or view `missing` cannot be found. {VERIFY}",
        ),
    ],
)
def test_jobs_spark_refuses_fail_in_its_words(engine: Jobs, sql: str, spark: str) -> None:
    message = engine.failed(sql)
    assert message.startswith(spark)
    assert "LINE 1" not in message and "EXPLAIN" not in message  # DuckDB's context is left out


def test_a_database_with_tables_is_dropped_only_with_cascade(engine: Jobs) -> None:
    engine.run("CREATE DATABASE x")
    engine.run("CREATE TABLE x.q (a INT)")
    assert engine.failed("DROP DATABASE x").startswith(
        "[SCHEMA_NOT_EMPTY] Cannot drop a schema `x` because it contains objects."
    )
    engine.run("DROP DATABASE x CASCADE")


def test_duckdbs_own_words_follow_for_what_it_saw(engine: Jobs) -> None:
    message = engine.failed("SELECT * FROM leftover")
    assert message.endswith("(Catalog Error: Table with name leftover does not exist!)")


@pytest.mark.parametrize(
    ("sql", "shown", "function"),
    [
        (
            "SELECT array_contains(array(1, NULL), NULL)",
            "array_contains(array(1, NULL), NULL)",
            "array_contains",
        ),
        ("SELECT array_contains(NULL, 1)", "array_contains(NULL, 1)", "array_contains"),
        (
            "SELECT map_contains_key(map(1, 2), NULL)",
            "map_contains_key(map(1, 2), NULL)",
            "map_contains_key",
        ),
    ],
)
def test_an_untyped_null_argument_is_refused(
    engine: Jobs, sql: str, shown: str, function: str
) -> None:
    assert engine.checked(sql) == (
        f'[DATATYPE_MISMATCH.NULL_TYPE] Cannot resolve "{shown}" due to data type mismatch: '
        f"Null typed values cannot be used as arguments of `{function}`."
    )


def test_a_typed_null_argument_is_accepted(engine: Jobs) -> None:
    engine.run("SELECT array_contains(array(1), CAST(NULL AS INT))")
