"""UPDATE, DELETE and MERGE INTO on the DuckDB engine's tables: refused as Spark refuses them,
with nothing changed.

Every expected message is real Spark 4.3.0's (local session, non-ANSI, UTC), asked of pyspark
with the same tables (parquet, orc, csv; a view and a temporary view over one table); Spark's
closing `SQLSTATE: 0A000` is left out, as for every message the engine gives.
"""

from collections.abc import Iterator

import httpx
import pytest

from dli_emulator.testing import EmulatorInstance, run_job
from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

MERGE = (
    "MERGE INTO {t} t USING (SELECT 1 AS id, 'q' AS v) s ON t.id = s.id"
    " WHEN MATCHED THEN UPDATE SET v = s.v WHEN NOT MATCHED THEN INSERT *"
)


def refusal(table: str, operation: str) -> str:
    return (
        "[UNSUPPORTED_FEATURE.TABLE_OPERATION] The feature is not supported: Table "
        f"`spark_catalog`.{table} does not support {operation}. Please check the current catalog "
        "and namespace to make sure the qualified table name is expected, and also check the "
        'catalog implementation which is configured by "spark.sql.catalog".'
    )


SETUP = (
    "CREATE TABLE ut (id INT, v STRING) USING parquet",
    "INSERT INTO ut VALUES (1, 'a'), (2, 'b')",
    "CREATE TABLE uo (id INT) USING orc",
    "INSERT INTO uo VALUES (1)",
    "CREATE DATABASE udb",
    "CREATE TABLE udb.t2 (id INT) USING csv",
    "INSERT INTO udb.t2 VALUES (1)",
    "CREATE VIEW uv AS SELECT * FROM ut",
    "CREATE VIEW uvv AS SELECT * FROM uv",
)


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("rowlevel"), *SETUP) as jobs:
        yield jobs


@pytest.mark.parametrize(
    ("sql", "table", "operation"),
    [
        ("UPDATE ut SET v = 'z' WHERE id = 1", "`default`.`ut`", "UPDATE TABLE"),
        ("UPDATE default.ut SET v = 'q'", "`default`.`ut`", "UPDATE TABLE"),
        ("DELETE FROM ut WHERE id = 1", "`default`.`ut`", "DELETE"),
        ("DELETE FROM ut", "`default`.`ut`", "DELETE"),
        ("DELETE FROM ut AS x WHERE x.id = 1", "`default`.`ut`", "DELETE"),
        (MERGE.format(t="ut"), "`default`.`ut`", "MERGE INTO TABLE"),
        ("UPDATE uo SET id = 2", "`default`.`uo`", "UPDATE TABLE"),
        ("DELETE FROM udb.t2 WHERE id = 1", "`udb`.`t2`", "DELETE"),
        # through a view (of a view): the table it reads
        ("UPDATE uv SET v = 'z'", "`default`.`ut`", "UPDATE TABLE"),
        ("DELETE FROM uv", "`default`.`ut`", "DELETE"),
        ("UPDATE uvv SET v = 'q'", "`default`.`ut`", "UPDATE TABLE"),
    ],
)
def test_row_changes_are_refused_at_check_and_run_and_change_nothing(
    jobs: Jobs, sql: str, table: str, operation: str
) -> None:
    expected = refusal(table, operation)
    assert jobs.checked(sql) == expected
    assert jobs.refused(sql).error_msg == expected
    assert jobs.rows("SELECT * FROM ut ORDER BY id") == [[1, "a"], [2, "b"]]
    assert jobs.rows("SELECT * FROM uo") == [[1]]
    assert jobs.rows("SELECT * FROM udb.t2") == [[1]]


def test_a_row_change_through_a_temporary_view_names_its_table(jobs: Jobs) -> None:
    with pytest.raises(Exception) as caught:
        jobs.run("CREATE TEMPORARY VIEW utv AS SELECT * FROM ut", "DELETE FROM utv")
    assert getattr(caught.value, "error_msg", None) == refusal("`default`.`ut`", "DELETE")
    assert jobs.rows("SELECT * FROM ut ORDER BY id") == [[1, "a"], [2, "b"]]


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE nosuch SET v = 'z'",
        "DELETE FROM nosuch",
        "MERGE INTO nosuch t USING ut s ON t.id = s.id WHEN MATCHED THEN DELETE",
    ],
)
def test_a_missing_table_is_not_found(jobs: Jobs, sql: str) -> None:
    assert jobs.checked(sql).startswith(
        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `nosuch` cannot be found."
    )


def test_merge_is_an_insert_job(jobs: Jobs) -> None:
    # DLI's job types have no MERGE; the Spark engine classifies it as an INSERT too
    assert jobs.engine.parse(MERGE.format(t="ut")).job_type == "INSERT"


def test_over_http_check_sql_refuses_and_a_submitted_job_fails_with_sparks_words(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    """As for other statements Spark's analyzer refuses: CheckSql answers DLI.0005 (400), a
    submitted job ends FAILED with the message, and the table keeps its rows."""
    project = emulator.project_id
    created = run_job(emulator_http, project, "CREATE TABLE rl_t (id INT) USING parquet")
    assert created["status"] == "FINISHED"
    assert run_job(emulator_http, project, "INSERT INTO rl_t VALUES (7)")["status"] == "FINISHED"
    for sql, operation in (
        ("DELETE FROM rl_t", "DELETE"),
        ("UPDATE rl_t SET id = 8", "UPDATE TABLE"),
        (MERGE.format(t="rl_t"), "MERGE INTO TABLE"),
    ):
        expected = refusal("`default`.`rl_t`", operation)
        checked = emulator_http.post(f"/v1.0/{project}/jobs/check-sql", json={"sql": sql})
        assert checked.status_code == 400
        assert checked.json() == {"error_code": "DLI.0005", "error_msg": expected}
        status = run_job(emulator_http, project, sql)
        assert status["status"] == "FAILED"
        assert expected in status["message"]
    rows = run_job(emulator_http, project, "SELECT * FROM rl_t")
    assert rows["status"] == "FINISHED"
    preview = emulator_http.get(f"/v1.0/{project}/jobs/{rows['job_id']}/preview").json()
    assert preview["rows"] == [[7]]


@pytest.mark.parametrize(
    ("sql", "column"),
    [
        ("DELETE FROM ut WHERE nosuch = 1", "nosuch"),
        ("UPDATE ut SET v = nosuch", "nosuch"),
        ("UPDATE ut SET nosuch = 1", "nosuch"),
        ("UPDATE ut SET vv = 1", "vv"),
    ],
)
def test_an_unknown_column_is_named_before_the_refusal(jobs: Jobs, sql: str, column: str) -> None:
    # Spark resolves the columns first (its suggestions list every column; DuckDB's fewer)
    expected = (
        "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with "
        f"name `{column}` cannot be resolved. Did you mean one of the following? ["
    )
    assert jobs.checked(sql).startswith(expected)
    assert jobs.failed(sql).startswith(expected)
    assert jobs.rows("SELECT * FROM ut ORDER BY id") == [[1, "a"], [2, "b"]]
