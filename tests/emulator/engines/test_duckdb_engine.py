"""The DuckDB engine through the engine protocol, on real DuckDB files: results, Spark schemas,
row-returning DDL, catalog answers and the confinement of user SQL to the OBS folder."""

import json
from pathlib import Path

import duckdb
import pytest

from dli_emulator.engines import EngineSettings
from dli_emulator.engines.duckdb.warehouse import Warehouse
from dli_emulator.engines.protocol import ExecutionFailed, RunRequest
from dli_emulator.engines.sparktypes import preview_schema, schema_detail
from dli_emulator.errors import DliError
from tests.emulator.engines.duckdb_jobs import PROJECT, Jobs


def test_explode_nvl_and_date_sub_return_sparks_rows(jobs: Jobs) -> None:
    jobs("create table orders (id int, items array<string>, note string, placed date)")
    jobs(
        "insert into orders values (1, array('tea', 'cake'), null, date '2024-03-01'),"
        " (2, array('coffee'), 'rush', date '2024-01-15')"
    )
    outcome, result = jobs(
        "select id, explode(items) as item, nvl(note, 'none') as note,"
        " date_sub(placed, 1) as day_before from orders order by id, item"
    )
    assert outcome.result_count == 3
    assert outcome.fields is not None
    assert preview_schema(outcome.fields) == [
        {"id": "int"},
        {"item": "string"},
        {"note": "string"},
        {"day_before": "date"},
    ]
    assert jobs.engine.read_result(result, 10) == [
        [1, "cake", "none", "2024-02-29"],
        [1, "tea", "none", "2024-02-29"],
        [2, "coffee", "rush", "2024-01-14"],
    ]


def test_range_names_its_column_id_as_spark_does(jobs: Jobs) -> None:
    assert jobs.rows("select id, id * 2 as twice from range(3)") == [[0, 0], [1, 2], [2, 4]]
    assert jobs.rows("select r.id from range(1, 3) r") == [[1], [2]]
    assert jobs.rows("select t.x from range(2) as t(x)") == [[0], [1]]


def test_unaliased_columns_are_named_as_spark_names_them(jobs: Jobs) -> None:
    # The expected names are real Spark 4.3.0's (tests/sql_conformance, non-ANSI).
    jobs("create table w (emp string, dept string, salary int)")
    jobs("insert into w values ('ann', 'a', 10), ('bob', 'a', 20), ('cy', 'b', 5)")
    outcome, _ = jobs(
        "select emp, count(*) over (partition by dept), salary + 1, cast(salary as string),"
        " upper(emp), 'abc', 10L, date '2024-02-29', substr(emp, 2), round(salary)"
        " from w order by emp"
    )
    assert outcome.fields is not None
    assert [next(iter(column)) for column in preview_schema(outcome.fields)] == [
        "emp",
        "count(1) OVER (PARTITION BY dept ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED "
        "FOLLOWING)",
        "(salary + 1)",
        "salary",
        "upper(emp)",
        "abc",
        "10",
        "DATE '2024-02-29'",
        "substr(emp, 2, 2147483647)",
        "round(salary, 0)",
    ]
    # A name that is also a column's keeps DuckDB's: ORDER BY a must still mean the column.
    assert jobs.rows("select 'salary', salary from w order by salary") == [
        ["salary", 5],
        ["salary", 10],
        ["salary", 20],
    ]


def test_a_doubled_quote_inside_a_string_literal_is_one_quote(jobs: Jobs) -> None:
    outcome, result = jobs("select 'it''s', 'a\\'b'")
    assert outcome.fields is not None
    assert [next(iter(column)) for column in preview_schema(outcome.fields)] == ["it's", "a'b"]
    assert jobs.engine.read_result(result, 10) == [["it's", "a'b"]]


def test_detail_is_sparks_struct_json_for_every_type(jobs: Jobs) -> None:
    outcome, _ = jobs(
        "select cast(1 as int) i, cast(2 as bigint) l, 'x' s, 1.5d d, cast(1 as float) f,"
        " true b, date '2024-01-02' dt, timestamp '2024-01-02 03:04:05' ts,"
        " cast(1.25 as decimal(10, 2)) dec, cast(1 as smallint) sh, cast(1 as tinyint) by,"
        " cast('ab' as binary) bin, array(1, 2) arr, map('k', 1) m,"
        " named_struct('x', 1, 'y', 'z') st"
    )
    assert outcome.fields is not None
    detail = schema_detail(outcome.fields)
    assert ": " not in detail and ", " not in detail  # Spark's compact separators
    types = {f["name"]: f["type"] for f in json.loads(detail)["fields"]}
    assert types == {
        "i": "integer",
        "l": "long",
        "s": "string",
        "d": "double",
        "f": "float",
        "b": "boolean",
        "dt": "date",
        "ts": "timestamp",
        "dec": "decimal(10,2)",
        "sh": "short",
        "by": "byte",
        "bin": "binary",
        "arr": {"type": "array", "elementType": "integer", "containsNull": True},
        "m": {
            "type": "map",
            "keyType": "string",
            "valueType": "integer",
            "valueContainsNull": True,
        },
        "st": {
            "type": "struct",
            "fields": [
                {"name": "x", "type": "integer", "nullable": True, "metadata": {}},
                {"name": "y", "type": "string", "nullable": True, "metadata": {}},
            ],
        },
    }
    assert json.loads(detail)["fields"][0] == {
        "name": "i",
        "type": "integer",
        "nullable": True,
        "metadata": {},
    }
    assert preview_schema(outcome.fields)[-3:] == [
        {"arr": "array<int>"},
        {"m": "map<string,int>"},
        {"st": "struct<x:int,y:string>"},
    ]


def test_preview_values_are_json_safe_in_sparks_text_forms(jobs: Jobs) -> None:
    rows = jobs.rows(
        "select date '2024-01-02' dt, timestamp '2024-01-02 03:04:05.25' ts,"
        " cast(1.50 as decimal(5, 2)) dec, double('nan') nan, cast('ab' as binary) bin,"
        " map('k', array(1)) m, named_struct('x', 1) st, null n, 2 dup, 3 dup"
    )
    assert rows == [
        [
            "2024-01-02",
            "2024-01-02 03:04:05.25",
            "1.50",
            "NaN",
            "YWI=",
            {"k": [1]},
            {"x": 1},
            None,
            2,
            3,
        ]
    ]
    json.dumps(rows, allow_nan=False)


def test_a_big_result_is_stored_whole_and_read_in_part(jobs: Jobs) -> None:
    outcome, result = jobs(
        "select id, cast(id as string) s from range(300000) t(id) order by id desc"
    )
    assert outcome.result_count == 300000
    assert result.is_dir()
    with duckdb.connect() as db:
        assert db.execute(f"select count(*) from '{result}/*.parquet'").fetchone() == (300000,)
    assert jobs.engine.read_result(result, 3) == [
        [299999, "299999"],
        [299998, "299998"],
        [299997, "299997"],
    ]


def test_input_size_reflects_the_bytes_scanned(jobs: Jobs) -> None:
    jobs("create table wide as select id, repeat('x', 100) pad from range(10000) t(id)")
    narrow, _ = jobs("select count(*) from wide where id < 10")
    full, _ = jobs("select max(pad) from wide")
    assert narrow.input_size > 0
    assert full.input_size > narrow.input_size  # the pad column is about 100 bytes a row
    assert full.profile is not None and "TABLE_SCAN" in full.profile


def test_desc_and_show_answer_in_sparks_shape(jobs: Jobs) -> None:
    jobs("create database sales")
    jobs(
        "create table sales.orders (id int comment 'order id', amount decimal(10,2)) "
        "partitioned by (day string)"
    )
    desc, _ = jobs("desc sales.orders")
    assert desc.fields is not None
    assert preview_schema(desc.fields) == [
        {"col_name": "string"},
        {"data_type": "string"},
        {"comment": "string"},
    ]
    assert desc.rows == [  # Spark 4.3.0 repeats the partition columns under a heading
        ["id", "int", "order id"],
        ["amount", "decimal(10,2)", None],
        ["day", "string", None],
        ["# Partition Information", "", ""],
        ["# col_name", "data_type", "comment"],
        ["day", "string", None],
    ]
    databases, _ = jobs("show databases")
    assert databases.rows == [["default"], ["sales"]]
    tables, _ = jobs("show tables in sales like 'ord*|x'")
    assert tables.rows == [["sales", "orders", False]]
    current, _ = jobs("show tables", currentdb="sales")
    assert current.rows == tables.rows


def test_insert_with_partitions_and_overwrite(jobs: Jobs) -> None:
    jobs("create table events (id int, kind string) partitioned by (day string)")
    appended, _ = jobs("insert into events partition (day='d1') select 1, 'a'")
    assert (appended.result_count, appended.input_row_count) == (1, 1)
    jobs("insert into events partition (day) values (2, 'b', 'd2'), (3, 'c', 'd1')")
    jobs("insert overwrite table events partition (day='d1') select 9, 'z'")
    assert jobs.rows("select * from events order by id") == [[2, "b", "d2"], [9, "z", "d1"]]
    jobs("insert overwrite table events select 7, 'q', 'd3'")
    assert jobs.rows("select * from events") == [[7, "q", "d3"]]


def test_dml_and_ddl_report_counts(jobs: Jobs) -> None:
    jobs("create table t as select id from range(10) r(id)")
    inserted, _ = jobs("insert into t select id + 100 from range(3) r(id)")
    assert inserted.result_count == 3
    # Spark's file tables take no UPDATE or DELETE (test_duckdb_gaps_rowlevel): nothing changes
    for refused in ("update t set id = id + 100 where id < 3", "delete from t where id >= 100"):
        with pytest.raises(DliError, match=r"UNSUPPORTED_FEATURE\.TABLE_OPERATION"):
            jobs(refused)
    assert jobs.rows("select count(*) from t") == [[13]]
    jobs("alter table t add columns (label string comment 'a label')")
    desc, _ = jobs("describe t")
    assert desc.rows == [["id", "bigint", None], ["label", "string", "a label"]]


def test_errors_name_what_is_wrong(jobs: Jobs) -> None:
    with pytest.raises(ExecutionFailed, match=r"Catalog Error.*nosuch"):
        jobs("select * from nosuch")
    with pytest.raises(DliError, match="Database 'missing' not found"):
        jobs("select 1", currentdb="missing")
    with pytest.raises(DliError, match="Can not drop default database"):
        jobs("drop database default")
    with pytest.raises(DliError, match="SHOW FUNCTIONS"):
        jobs("show functions")


def test_user_sql_cannot_touch_files_outside_obs(jobs: Jobs, tmp_path: Path) -> None:
    outside = tmp_path / "secret.csv"
    outside.write_text("a\n1\n")
    # The sandbox refuses user SQL that reads files at all (DLI.0011)...
    with pytest.raises(DliError, match="File permission"):
        jobs(f"select * from read_csv('{outside}')")
    # ...and DuckDB's own wall stops what reaches it outside the OBS folder.
    with (
        jobs.engine.warehouse.session(PROJECT) as cursor,
        pytest.raises(duckdb.PermissionException),
    ):
        cursor.execute(f"select * from read_csv('{outside}')")


def test_tables_persist_in_the_projects_database_file(tmp_path: Path) -> None:
    first = Jobs(tmp_path)
    first("create table kept as select 42 as answer")
    first.engine.close()
    second = Jobs(tmp_path)
    try:
        assert second.rows("select answer from kept") == [[42]]
        assert (tmp_path / "warehouse" / f"{PROJECT}.duckdb").is_file()
    finally:
        second.engine.close()


def test_idle_project_databases_are_closed_beyond_the_limit(tmp_path: Path) -> None:
    warehouse = Warehouse(EngineSettings(tmp_path / "warehouse", tmp_path / "obs"), max_open=1)
    try:
        for project in ("p1", "p2", "p1"):
            with warehouse.session(project) as cursor:
                cursor.execute("create table if not exists seen (project varchar)")
                cursor.execute("insert into seen values (?)", [project])
        with warehouse.session("p1") as cursor, warehouse.session("p2") as other:
            # Both open at once while in use, each still its own file.
            assert cursor.execute("select count(*) from seen").fetchone() == (2,)
            assert other.execute("select count(*) from seen").fetchone() == (1,)
        assert warehouse.open_projects == ("p1",)  # p2 was idle first, so it was closed
    finally:
        warehouse.close()


def test_catalog_questions_are_answered_per_project(jobs: Jobs) -> None:
    jobs("create database sales")
    jobs("create table sales.orders (id int)")
    jobs("create view sales.big_orders as select * from sales.orders where id > 10")
    assert jobs.engine.databases(PROJECT) == ["default", "sales"]
    assert jobs.engine.tables(PROJECT, "sales") == ["big_orders", "orders"]
    assert jobs.engine.tables(PROJECT, "default") == []
    assert jobs.engine.databases("another") == ["default"]
    with pytest.raises(DliError, match="Database 'nope' not found"):
        jobs.engine.tables(PROJECT, "nope")


def test_check_resolves_names_without_running(jobs: Jobs) -> None:
    jobs("create table t (id int)")
    engine = jobs.engine
    engine.check(PROJECT, engine.parse("insert into t select 1"), "default")
    assert jobs.rows("select count(*) from t") == [[0]]
    with pytest.raises(DliError) as caught:
        engine.check(PROJECT, engine.parse("select nosuch from t"), "default")
    assert caught.value.error_code == "DLI.0005"


def test_an_interrupted_statement_raises_interrupted(jobs: Jobs) -> None:
    import threading

    from dli_emulator.engines.protocol import Interrupted

    sql = "select sum(a.id * b.id) from range(100000) a cross join range(100000) b"
    statement = jobs.engine.parse(sql)
    with jobs.engine.session(PROJECT) as session:
        stop = threading.Event()

        def keep_interrupting() -> None:
            while not stop.wait(0.05):
                session.interrupt()

        thread = threading.Thread(target=keep_interrupting)
        thread.start()
        try:
            with pytest.raises(Interrupted):
                long = RunRequest(statement, "default", jobs.root / "obs" / "long")
                session.run(long, lambda: None)
        finally:
            stop.set()
            thread.join()
