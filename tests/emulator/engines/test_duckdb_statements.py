"""Parsing Spark SQL into DLI job types and translating it for DuckDB (no database involved)."""

import pytest

from dli_emulator.engines.duckdb.statements import parse_statement
from dli_emulator.engines.duckdb.translate import to_duckdb
from dli_emulator.errors import DliError


@pytest.mark.parametrize(
    ("sql", "job_type"),
    [
        ("select * from t1", "QUERY"),
        ("SELECT 1 UNION ALL SELECT 2", "QUERY"),
        ("with a as (select 1 x) select * from a", "QUERY"),
        ("values (1, 2)", "QUERY"),
        ("insert into t1 values (1, 'a')", "INSERT"),
        ("insert overwrite table t1 partition (p='x') select 1", "INSERT"),
        ("update t1 set a = 1 where b = 2", "UPDATE"),
        ("delete from t1 where a = 1", "DELETE"),
        ("create table t1 (a int) using parquet", "DDL"),
        ("create database db1", "DDL"),
        ("drop table if exists t1", "DDL"),
        ("alter table t1 add columns (b string)", "DDL"),
        ("desc table1", "DDL"),
        ("describe formatted db.t1", "DDL"),
        ("show tables", "DDL"),
        ("show databases", "DDL"),
        ("use db1", "DDL"),
        ("truncate table t1", "DDL"),
        ("explain select 1", "DDL"),
        ("grant select on table db.t1 to user u1", "DCL"),
        ("revoke select on t1 from u1", "DCL"),
    ],
)
def test_statements_are_classified_into_job_types(sql: str, job_type: str) -> None:
    assert parse_statement(sql).job_type == job_type


def test_the_table_a_statement_touches_is_named() -> None:
    query = parse_statement("with c as (select 1) select * from c join db1.orders o on true")
    assert (query.database_name, query.table_name) == ("db1", "orders")
    insert = parse_statement("insert into sales select * from staging")
    assert (insert.database_name, insert.table_name) == (None, "sales")
    database = parse_statement("create database reports")
    assert (database.database_name, database.table_name) == ("reports", None)


@pytest.mark.parametrize(
    ("sql", "position"),
    [
        ("select from", "line 1, column 8"),
        # A bare trailing `where` is no error: Spark reads it as the table's alias.
        ("select 1,\n  2 from t where and", "line 2, column 18"),
        ("select a,\n 'unclosed", "line 2, column 2"),
    ],
)
def test_a_syntax_error_is_dli_0004_with_its_position(sql: str, position: str) -> None:
    with pytest.raises(DliError) as caught:
        parse_statement(sql)
    assert caught.value.error_code == "DLI.0004"
    assert caught.value.http_status == 400
    assert position in caught.value.error_msg
    assert "<Token" not in caught.value.error_msg


@pytest.mark.parametrize(
    ("sql", "code"),
    [
        ("", "DLI.0001"),
        ("  ;  ", "DLI.0001"),
        ("select 1; select 2", "DLI.0001"),
        ("set spark.sql.shuffle.partitions=10", "DLI.0007"),
        ("alter table t1 clustered by (a) into 4 buckets", "DLI.0007"),
        ("% map( :x", "DLI.0004"),
        ("select " + "(" * 5000 + "1" + ")" * 5000, "DLI.0004"),
    ],
)
def test_what_cannot_run_is_refused_with_a_clear_error(sql: str, code: str) -> None:
    with pytest.raises(DliError) as caught:
        parse_statement(sql)
    assert caught.value.error_code == code


def test_spark_functions_become_duckdb_sql() -> None:
    sql = to_duckdb(
        parse_statement(
            "select explode(array(1, 2)), nvl(a, 0), date_sub(d, 1) from spark_catalog.db.t"
        ).expression
    )
    assert "UNNEST" in sql
    assert "COALESCE" in sql
    assert "spark_catalog" not in sql
