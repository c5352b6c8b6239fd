"""The Spark engine over HTTP, against local Spark (`--engine spark`) and against a Spark
Connect server on loopback (`--spark-remote`). The expected answers are Spark 3.x's non-ANSI
ones (DLI's), which differ from DuckDB's: `7 / 2` is a double, `sum` of ints a bigint, a bad
cast NULL, and result columns carry Spark's own names."""

import json
import time
from pathlib import Path

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dli_emulator.testing import EmulatorInstance, submit, wait_for_status
from tests.support.spark_http import JOB_TIMEOUT, preview, run

pytestmark = pytest.mark.spark

SYNC = ["dli.sql.sqlasync.enabled=false"]


def test_a_query_answers_as_spark_does(spark: EmulatorInstance, http: httpx.Client) -> None:
    sql = (
        "SELECT 7 / 2 AS q, 7 DIV 2, cast('x' AS INT) AS bad, map('k', x) AS m "
        "FROM VALUES (1), (2) AS t(x) ORDER BY x"
    )
    status = run(http, spark.project_id, sql)
    assert status["status"] == "FINISHED", status
    assert status["job_type"] == "QUERY"
    assert status["result_count"] == 2
    detail = json.loads(status["detail"])
    assert [f["name"] for f in detail["fields"]] == ["q", "(7 div 2)", "bad", "m"]
    # Spark's own nullability (divisions and casts may give NULL, the map itself may not)
    assert [f["nullable"] for f in detail["fields"]] == [True, True, True, False]
    assert detail["fields"][3]["type"] == {
        "type": "map", "keyType": "string", "valueType": "integer", "valueContainsNull": False,
    }  # fmt: skip

    result = preview(http, spark.project_id, status["job_id"])
    assert result["schema"] == [
        {"q": "double"}, {"(7 div 2)": "bigint"}, {"bad": "int"}, {"m": "map<string,int>"},
    ]  # fmt: skip
    assert result["rows"] == [[3.5, 3, None, {"k": 1}], [3.5, 3, None, {"k": 2}]]


def test_aggregates_have_sparks_types_and_names(
    spark: EmulatorInstance, http: httpx.Client
) -> None:
    sql = "SELECT count(1), sum(x), typeof(sum(x)), avg(x) FROM VALUES (1), (2) AS t(x)"
    status = run(http, spark.project_id, sql)
    assert status["status"] == "FINISHED", status
    result = preview(http, spark.project_id, status["job_id"])
    assert result["schema"] == [
        {"count(1)": "bigint"}, {"sum(x)": "bigint"}, {"typeof(sum(x))": "string"},
        {"avg(x)": "double"},
    ]  # fmt: skip
    assert result["rows"] == [[2, 3, "bigint", 1.5]]


def test_tables_live_in_the_project(spark: EmulatorInstance, http: httpx.Client) -> None:
    project = spark.project_id
    for sql in [
        "CREATE TABLE IF NOT EXISTS sp_orders (id INT, amount DECIMAL(10,2), day DATE) "
        "USING parquet",
        "INSERT OVERWRITE TABLE sp_orders VALUES (1, 12.50, DATE '2024-02-29'), (2, 7.25, NULL)",
    ]:
        status = run(http, project, sql)
        assert status["status"] == "FINISHED", status
    status = run(http, project, "SELECT id, amount, day FROM sp_orders ORDER BY id")
    assert preview(http, project, status["job_id"])["rows"] == [
        [1, "12.50", "2024-02-29"],
        [2, "7.25", None],
    ]
    # Synchronous DDL: SHOW's rows come with the submit's answer.
    response = http.post(
        f"/v1.0/{project}/jobs/submit-job", json={"sql": "SHOW TABLES", "conf": SYNC}
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["job_type"] == "DDL"
    assert {"tableName": "string"} in body["schema"]
    assert any("sp_orders" in row for row in body["rows"])


def test_failures_are_in_sparks_words(spark: EmulatorInstance, http: httpx.Client) -> None:
    status = run(http, spark.project_id, "SELECT * FROM sp_missing_table")
    assert status["status"] == "FAILED"
    message = status["message"]
    assert message.startswith("[TABLE_OR_VIEW_NOT_FOUND]"), message
    assert "JVM stacktrace" not in message
    assert str(spark.data_dir) not in message


def test_a_jobs_conf_applies_to_that_job_only(spark: EmulatorInstance, http: httpx.Client) -> None:
    project, sql = spark.project_id, "SELECT cast('x' AS INT) AS bad, current_timezone() AS tz"
    conf = ["spark.sql.ansi.enabled = true", "spark.sql.shuffle.partitions=10"]
    ansi = run(http, project, sql, conf=conf)
    assert ansi["status"] == "FAILED", ansi
    assert ansi["message"].startswith("[CAST_INVALID_INPUT]"), ansi["message"]

    zoned = run(http, project, sql, conf=["spark.sql.session.timeZone=Asia/Shanghai"])
    assert zoned["status"] == "FINISHED", zoned
    assert preview(http, project, zoned["job_id"])["rows"] == [[None, "Asia/Shanghai"]]

    # The next job without conf is back on DLI's settings: non-ANSI, UTC.
    plain = run(http, project, sql)
    assert plain["status"] == "FINISHED", plain
    assert preview(http, project, plain["job_id"])["rows"] == [[None, "UTC"]]


def test_a_conf_value_spark_refuses_fails_the_job(
    spark: EmulatorInstance, http: httpx.Client
) -> None:
    status = run(http, spark.project_id, "SELECT 1", conf=["spark.sql.shuffle.partitions=many"])
    assert status["status"] == "FAILED", status
    assert "spark.sql.shuffle.partitions" in status["message"], status["message"]
    assert "JVM stacktrace" not in status["message"]


def test_conf_that_would_reach_files_or_the_cluster_is_not_applied(
    spark: EmulatorInstance, http: httpx.Client, tmp_path: Path
) -> None:
    outside = tmp_path / "outside.parquet"
    pq.write_table(pa.table({"secret": [1]}), outside)
    conf = [
        "spark.sql.runSQLOnFiles=true",
        "spark.executor.memory=1g",
        "spark.sql.badRecordsPath=/x",
    ]
    status = run(http, spark.project_id, f"SELECT * FROM parquet.`{outside}`", conf=conf)
    assert status["status"] == "FAILED", status
    fine = run(http, spark.project_id, "SELECT 1", conf=conf)
    assert fine["status"] == "FINISHED", fine


def test_a_statement_spark_cannot_parse_is_refused(
    spark: EmulatorInstance, http: httpx.Client
) -> None:
    response = http.post(f"/v1.0/{spark.project_id}/jobs/submit-job", json={"sql": "SELEC 1"})
    assert response.status_code == 400
    assert response.json()["error_code"] == "DLI.0004"


def test_cancel_stops_a_running_spark_job(spark: EmulatorInstance, http: httpx.Client) -> None:
    project = spark.project_id
    job_id = submit(http, project, "SELECT sum(a.id * b.id) FROM range(100000) a, range(100000) b")
    wait_for_status(http, project, job_id, states=("RUNNING",), timeout=JOB_TIMEOUT)
    progress = http.get(f"/v1.0/{project}/jobs/{job_id}/progress").json()
    assert 0.0 <= progress.get("progress", 0.0) <= 1.0
    started = time.monotonic()
    response = http.delete(f"/v1.0/{project}/jobs/{job_id}")
    assert response.status_code == 200, response.text
    status = wait_for_status(http, project, job_id, timeout=60)
    assert status["status"] == "CANCELLED"
    assert time.monotonic() - started < 60


def test_the_job_timeout_ends_a_long_job(spark: EmulatorInstance, http: httpx.Client) -> None:
    status = run(
        http,
        spark.project_id,
        "SELECT sum(a.id * b.id) FROM range(100000) a, range(100000) b",
        conf=["dli.sql.job.timeout=3"],
    )
    assert status["status"] in ("FAILED", "CANCELLED"), status


def test_another_project_cannot_see_the_tables(spark_emulator: EmulatorInstance) -> None:
    """Locally each project has its own Spark (its own catalog and warehouse)."""
    owner, other = spark_emulator.projects[0], spark_emulator.projects[1]
    url = spark_emulator.base_url
    with (
        httpx.Client(base_url=url, headers={"X-Auth-Token": owner.tokens[0].value}) as mine,
        httpx.Client(base_url=url, headers={"X-Auth-Token": other.tokens[0].value}) as theirs,
    ):
        mine.timeout = theirs.timeout = httpx.Timeout(60.0)
        status = run(mine, owner.project_id, "CREATE TABLE IF NOT EXISTS sp_secret (v INT)")
        assert status["status"] == "FINISHED", status
        status = run(theirs, other.project_id, "SELECT * FROM sp_secret")
        assert status["status"] == "FAILED"
        assert "TABLE_OR_VIEW_NOT_FOUND" in status["message"]
        response = theirs.post(
            f"/v1.0/{other.project_id}/jobs/submit-job", json={"sql": "SHOW TABLES", "conf": SYNC}
        )
        assert response.status_code == 200, response.text
        assert not any("sp_secret" in row for row in response.json()["rows"])

        # Both JVMs share the host's file system: a table over the owner's warehouse folder
        # would read its files. Every clause naming a path is refused at submit.
        folder = next(iter((spark_emulator.data_dir).rglob("sp_secret")))
        for sql in (
            f"CREATE TABLE stolen USING parquet LOCATION '{folder}'",
            f"CREATE TABLE stolen USING parquet OPTIONS (path '{folder}')",
            f"LOAD DATA LOCAL INPATH '{folder}' INTO TABLE sp_secret",
        ):
            response = theirs.post(f"/v1.0/{other.project_id}/jobs/submit-job", json={"sql": sql})
            assert response.status_code == 400, response.text
            assert response.json()["error_code"] == "DLI.0007"
            assert str(spark_emulator.data_dir) not in response.text


def test_a_remote_cluster_serves_one_project(spark_remote_emulator: EmulatorInstance) -> None:
    """Through --spark-remote every project would share one catalog: a second is refused."""
    other = spark_remote_emulator.projects[1]
    headers = {"X-Auth-Token": other.tokens[0].value}
    with httpx.Client(base_url=spark_remote_emulator.base_url, headers=headers) as theirs:
        theirs.timeout = httpx.Timeout(60.0)
        status = run(theirs, other.project_id, "SELECT 1")
    assert status["status"] == "FAILED"
    assert "serves one project" in status["message"]


def test_empty_collections_of_void_are_stored(spark: EmulatorInstance, http: httpx.Client) -> None:
    """Arrow cannot hold `array()`'s non-nullable void elements; the result still keeps them."""
    status = run(http, spark.project_id, "SELECT array() AS a, map() AS m, array(NULL) AS n")
    assert status["status"] == "FINISHED", status
    result = preview(http, spark.project_id, status["job_id"])
    assert result["schema"] == [{"a": "array<void>"}, {"m": "map<void,void>"}, {"n": "array<void>"}]
    assert result["rows"] == [[[], {}, [None]]]


def test_intervals_are_stored_as_sparks_text_of_them(
    spark: EmulatorInstance, http: httpx.Client
) -> None:
    """Arrow cannot hold a year-month interval from Spark; both kinds are kept as the text
    CAST(... AS STRING) gives, with Spark's own interval types in the schema."""
    sql = (
        "SELECT TIMESTAMP '2024-03-01 00:00:00' - TIMESTAMP '2024-01-01 10:30:00.5' AS d,"
        " INTERVAL '-1-1' YEAR TO MONTH AS ym, DATE '2024-03-01' - DATE '2024-01-01' AS days"
    )
    status = run(http, spark.project_id, sql)
    assert status["status"] == "FINISHED", status
    result = preview(http, spark.project_id, status["job_id"])
    assert result["schema"] == [
        {"d": "interval day to second"}, {"ym": "interval year to month"},
        {"days": "interval day"},
    ]  # fmt: skip
    assert result["rows"] == [
        [
            "INTERVAL '59 13:29:59.5' DAY TO SECOND",
            "INTERVAL '-1-1' YEAR TO MONTH",
            "INTERVAL '60' DAY",
        ]
    ]
