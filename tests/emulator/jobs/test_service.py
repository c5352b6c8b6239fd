"""The service facade with real threads, DuckDB and SQLite: the job lifecycle end to end.

Requests reach the service as the HTTP layer hands them over: checked by the spec's validator
(defaults filled in) and converted to typed requests; the bad-input cases live in
tests/emulator/http/test_validation.py.
"""

import bz2
import gzip
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dli_emulator.errors import DliError
from dli_emulator.http import requests
from dli_emulator.http.app import DEFAULT_SPEC
from dli_emulator.http.validation import spec_operations
from dli_emulator.jobs.service import EmulatorService
from dli_emulator.testing import TERMINAL_STATES

A = "projecta"
B = "projectb"

# Runs for minutes in DuckDB unless interrupted (10^10 joined rows).
LONG_SQL = "SELECT sum(a.id * b.id) AS s FROM range(100000) a CROSS JOIN range(100000) b"


OPERATIONS = {operation.operation_id: operation for operation in spec_operations(DEFAULT_SPEC)}
Params = dict[str, Any]


def checked(operation_id: str, path: dict[str, str], query: Params | None, body: Any) -> Any:
    """The ValidRequest the HTTP layer would build from these values."""
    pairs = [
        (name, str(item))
        for name, value in (query or {}).items()
        for item in (value if isinstance(value, list) else [value])
    ]
    raw = b"" if body is None else json.dumps(body).encode()
    return OPERATIONS[operation_id].validate(path, pairs, raw)


class Service:
    """An EmulatorService called with wire dicts, the way the HTTP layer calls it."""

    def __init__(self, data_dir: Path, queues: set[str] | None = None, workers: int = 4) -> None:
        self.inner = EmulatorService(data_dir, queues, workers)
        self.data_dir = data_dir

    def submit(self, project: str, owner: str, body: Params) -> Params:
        valid = checked("createSqlJob", {"project_id": project}, None, body)
        return self.inner.submit(project, owner, requests.submit(valid.body))

    def check_sql(self, project: str, body: Params) -> Params:
        valid = checked("checkSql", {"project_id": project}, None, body)
        return self.inner.check_sql(project, requests.check_sql(valid.body))

    def list_jobs(self, project: str, query: Params) -> Params:
        valid = checked("listSqlJobs", {"project_id": project}, query, None)
        return self.inner.list_jobs(project, requests.list_query(valid.query))

    def preview(self, project: str, job_id: str, query: Params) -> Params:
        path = {"project_id": project, "job_id": job_id}
        valid = checked("previewSqlJobResult", path, query, None)
        return self.inner.preview(project, job_id, requests.preview_query(valid.query))

    def export_result(self, project: str, job_id: str, body: Params) -> Params:
        path = {"project_id": project, "job_id": job_id}
        valid = checked("exportSqlJobResult", path, None, body)
        return self.inner.export_result(project, job_id, requests.export_result(valid.body))

    def export_table(self, project: str, owner: str, body: Params) -> Params:
        valid = checked("exportTable", {"project_id": project}, None, body)
        return self.inner.export_table(project, owner, requests.export_table(valid.body))

    def import_table(self, project: str, owner: str, body: Params) -> Params:
        valid = checked("importTable", {"project_id": project}, None, body)
        return self.inner.import_table(project, owner, requests.import_table(valid.body))

    def status(self, project: str, job_id: str) -> Params:
        return self.inner.status(project, job_id)

    def detail(self, project: str, job_id: str) -> Params:
        return self.inner.detail(project, job_id)

    def progress(self, project: str, job_id: str) -> Params:
        return self.inner.progress(project, job_id)

    def cancel(self, project: str, job_id: str) -> Params:
        return self.inner.cancel(project, job_id)

    def reset(self) -> None:
        self.inner.reset()

    def close(self) -> None:
        self.inner.close()


def wait_for(
    service: Service,
    project: str,
    job_id: str,
    states: tuple[str, ...] = TERMINAL_STATES,
    timeout: float = 30.0,
) -> dict[str, Any]:
    """The job's status once it is in one of `states`; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        status = service.status(project, job_id)
        if status["status"] in states:
            return status
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {status['status']} after {timeout} s")
        time.sleep(0.02)


def run(service: Service, project: str, sql: str, **body: Any) -> dict[str, Any]:
    """Submit `sql` and wait for the job to end; its final status."""
    answer = service.submit(project, "tester", {"sql": sql, **body})
    assert answer["is_success"], answer
    return wait_for(service, project, answer["job_id"])


def finished(service: Service, project: str, sql: str, **body: Any) -> dict[str, Any]:
    status = run(service, project, sql, **body)
    assert status["status"] == "FINISHED", status
    return status


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    service = Service(tmp_path / "data", {"default", "etl"}, workers=2)
    try:
        yield service
    finally:
        service.close()


def refused(call: object, *args: object) -> DliError:
    assert callable(call)
    with pytest.raises(DliError) as caught:
        call(*args)
    assert caught.value.http_status == 400
    return caught.value


def test_a_query_job_reports_every_status_field(service: Service) -> None:
    finished(service, A, "create table t1 (id int, name string)")
    finished(service, A, "insert into t1 values (1, 'a'), (2, 'b'), (3, 'c')")
    submitted = service.submit(
        A,
        "alice",
        {
            "sql": "select * from t1 order by id",
            "queue_name": "etl",
            "conf": ["spark.sql.shuffle.partitions = 10"],
            "tags": [{"key": "team", "value": "bi"}],
        },
    )
    assert submitted == {
        "is_success": True,
        "message": "",
        "job_id": submitted["job_id"],
        "job_type": "QUERY",
        "job_mode": "async",
    }
    status = wait_for(service, A, submitted["job_id"])
    job_id = submitted["job_id"]
    assert status["status"] == "FINISHED"
    assert {k: status[k] for k in ("is_success", "message", "job_id", "job_type", "job_mode")} == {
        "is_success": True,
        "message": "",
        "job_id": job_id,
        "job_type": "QUERY",
        "job_mode": "async",
    }
    assert (status["queue_name"], status["owner"]) == ("etl", "alice")
    assert status["start_time"] > 1_600_000_000_000 and status["duration"] >= 0
    assert status["result_count"] == 3 and status["input_size"] > 0
    assert (status["database_name"], status["table_name"]) == ("default", "t1")
    assert json.loads(status["detail"])["fields"][1]["name"] == "name"
    assert status["statement"] == "select * from t1 order by id"
    assert status["tags"] == [{"key": "team", "value": "bi"}]
    assert json.loads(status["user_conf"]) == {"spark.sql.shuffle.partitions": "10"}
    assert status["result_format"] == "csv"
    assert status["result_path"].startswith("obs://") and status["result_path"].endswith(job_id)
    assert status["execution_details_path"].endswith(job_id)
    assert "input_row_count" not in status  # absent optional fields are left out, not null

    preview = service.preview(A, job_id, {"page-size": 2})
    assert preview == {
        "is_success": True,
        "message": "",
        "job_id": job_id,
        "job_type": "QUERY",
        "row_count": 3,
        "input_size": status["input_size"],
        "schema": [{"id": "int"}, {"name": "string"}],
        "rows": [[1, "a"], [2, "b"]],
    }
    assert len(service.preview(A, job_id, {})["rows"]) == 3
    assert service.progress(A, job_id) == {
        "is_success": True,
        "message": "",
        "job_id": job_id,
        "status": "FINISHED",
        "progress": 1.0,
    }


def test_ddl_runs_inline_when_async_is_off_and_dcl_always(service: Service) -> None:
    finished(service, A, "create table t1 (c1 int, c2 string)")
    answer = service.submit(
        A, "alice", {"sql": "desc t1", "conf": ["dli.sql.sqlasync.enabled = false"]}
    )
    assert answer == {
        "is_success": True,
        "message": "",
        "job_id": answer["job_id"],
        "job_type": "DDL",
        "job_mode": "sync",
        "schema": [{"col_name": "string"}, {"data_type": "string"}, {"comment": "string"}],
        "rows": [["c1", "int", None], ["c2", "string", None]],
    }
    assert service.status(A, answer["job_id"])["status"] == "FINISHED"
    grant = service.submit(A, "alice", {"sql": "grant select on table t1 to user bob"})
    assert (grant["job_type"], grant["job_mode"], grant["is_success"]) == ("DCL", "sync", True)
    assert service.status(A, grant["job_id"])["status"] == "FINISHED"

    failed = service.submit(
        A, "alice", {"sql": "drop table nosuch", "conf": ["dli.sql.sqlasync.enabled=false"]}
    )
    assert failed["is_success"] is False
    assert "nosuch" in failed["message"]
    assert service.status(A, failed["job_id"])["status"] == "FAILED"


def test_a_failed_job_carries_the_error_text(service: Service) -> None:
    status = run(service, A, "select nosuchcolumn from range(3)")
    assert status["status"] == "FAILED"
    assert "nosuchcolumn" in status["message"]
    assert "result_path" not in status
    listed = service.list_jobs(A, {"job-status": "FAILED"})
    assert listed["jobs"][0]["message"] == status["message"]
    assert listed["jobs"][0]["end_time"] >= status["start_time"]
    error = refused(service.preview, A, status["job_id"], {})
    assert error.error_code == "DLI.0007" and "FAILED" in error.error_msg


def test_cancel_interrupts_a_running_query(tmp_path: Path) -> None:
    service = Service(tmp_path / "data", workers=1)
    try:
        long_job = service.submit(A, "alice", {"sql": LONG_SQL})["job_id"]
        queued = service.submit(A, "alice", {"sql": "select 1 as one"})["job_id"]
        wait_for(service, A, long_job, states=("RUNNING",))
        progress = service.progress(A, long_job)
        assert progress["status"] == "RUNNING" and 0.0 <= progress["progress"] <= 1.0
        assert progress["sub_job_id"] == 0
        assert progress["sub_jobs"][0]["job_group"] == long_job

        assert service.cancel(A, long_job) == {"is_success": True, "message": ""}
        cancelled = wait_for(service, A, long_job, timeout=10)
        assert cancelled["status"] == "CANCELLED"
        assert "cancelled by the user" in cancelled["message"]
        # The only worker is free again: the queued job runs to the end.
        assert wait_for(service, A, queued)["status"] == "FINISHED"

        error = refused(service.cancel, A, long_job)
        assert error.error_code == "DLI.0007" and "CANCELLED" in error.error_msg
        assert "FINISHED" in refused(service.cancel, A, queued).error_msg
        assert "progress" not in service.progress(A, long_job)
    finally:
        service.close()


def test_a_launching_job_is_cancelled_before_it_runs(tmp_path: Path) -> None:
    service = Service(tmp_path / "data", workers=1)
    try:
        blocker = service.submit(A, "alice", {"sql": LONG_SQL})["job_id"]
        waiting = service.submit(A, "alice", {"sql": "create table never (a int)"})["job_id"]
        wait_for(service, A, blocker, states=("RUNNING",))
        assert service.progress(A, waiting)["progress"] == 0.0
        service.cancel(A, waiting)
        assert service.status(A, waiting)["status"] == "CANCELLED"
        service.cancel(A, blocker)
        wait_for(service, A, blocker, timeout=10)
        status = run(service, A, "select * from never")
        assert status["status"] == "FAILED"  # the cancelled DDL never ran
    finally:
        service.close()


def test_the_job_timeout_cancels_a_long_query(service: Service) -> None:
    submitted = service.submit(A, "alice", {"sql": LONG_SQL, "conf": ["dli.sql.job.timeout=1"]})
    status = wait_for(service, A, submitted["job_id"], timeout=15)
    assert status["status"] == "CANCELLED"
    assert "dli.sql.job.timeout (1 s)" in status["message"]


def test_a_restart_fails_jobs_in_flight_and_keeps_the_rest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = Service(data, workers=1)
    finished(first, A, "create table kept as select 42 as answer")
    done = finished(first, A, "select answer from kept")["job_id"]
    running = first.submit(A, "alice", {"sql": LONG_SQL})["job_id"]
    queued = first.submit(A, "alice", {"sql": "select 2"})["job_id"]
    wait_for(first, A, running, states=("RUNNING",))
    first.close()

    second = Service(data, workers=1)
    try:
        failed = second.status(A, running)
        assert failed["status"] == "FAILED"
        assert "stopped while this job was RUNNING" in failed["message"]
        assert second.status(A, queued)["status"] == "FAILED"
        assert second.preview(A, done, {})["rows"] == [[42]]
        assert finished(second, A, "select count(*) from kept")["result_count"] == 1
    finally:
        second.close()


def test_fifty_jobs_from_several_threads_are_all_kept(service: Service) -> None:
    start = threading.Barrier(5)

    def submit_ten(thread: int) -> list[tuple[int, str]]:
        start.wait()
        numbers = range(thread * 10, thread * 10 + 10)
        return [
            (n, service.submit(A, "alice", {"sql": f"select {n} as n"})["job_id"]) for n in numbers
        ]

    with ThreadPoolExecutor(max_workers=5) as pool:
        jobs = [job for batch in pool.map(submit_ten, range(5)) for job in batch]
    assert len({job_id for _, job_id in jobs}) == 50
    for n, job_id in jobs:
        assert wait_for(service, A, job_id)["status"] == "FINISHED"
        assert service.preview(A, job_id, {})["rows"] == [[n]]
    assert service.list_jobs(A, {"page-size": 100})["job_count"] == 50


def test_list_jobs_takes_wire_names(service: Service) -> None:
    finished(service, A, "create table t (a int)", tags=[{"key": "team", "value": "a"}])
    finished(service, A, "insert into t values (1)", tags=[{"key": "team", "value": "a"}])
    query_job = finished(service, A, "select * from t", queue_name="etl")
    everything = service.list_jobs(A, {})
    assert everything["job_count"] == 3
    assert everything["jobs"][0]["job_id"] == query_job["job_id"]
    assert set(everything["jobs"][0]) >= {
        "job_id",
        "job_type",
        "queue_name",
        "owner",
        "start_time",
        "duration",
        "status",
        "input_size",
        "result_count",
        "detail",
        "statement",
        "engine_type",
        "message",
        "end_time",
    }
    both = service.list_jobs(A, {"job-type": "INSERT", "job_types": ["DDL", "INSERT"]})
    assert [j["job_type"] for j in both["jobs"]] == ["INSERT"]
    assert service.list_jobs(A, {"job-type": "ALL", "job_types": ["QUERY"]})["job_count"] == 1
    assert service.list_jobs(A, {"tags": "team=a"})["job_count"] == 2
    # Valid by the contract's pattern, and matched by no tag (keys are trimmed).
    assert service.list_jobs(A, {"tags": "team=a, \t=x"})["job_count"] == 0
    assert service.list_jobs(A, {"queue_name": "etl"})["job_count"] == 1
    assert service.list_jobs(A, {"sql_pattern": "INSERT INTO"})["job_count"] == 1
    page = service.list_jobs(A, {"page-size": 2, "current-page": 2, "order": "start_time_asc"})
    assert (page["job_count"], [j["job_id"] for j in page["jobs"]]) == (3, [query_job["job_id"]])


def test_projects_do_not_see_each_other(service: Service) -> None:
    finished(service, A, "create table private as select 1 as x")
    job_id = finished(service, A, "select * from private")["job_id"]
    for call, args in (
        (service.status, (B, job_id)),
        (service.detail, (B, job_id)),
        (service.progress, (B, job_id)),
        (service.cancel, (B, job_id)),
        (service.preview, (B, job_id, {})),
        (service.export_result, (B, job_id, {"data_path": "obs://b1/x", "data_type": "csv"})),
    ):
        error = refused(call, *args)
        assert error.to_body() == {
            "error_code": "DLI.0002",
            "error_msg": f"The job {job_id} does not exist",
        }
    assert service.list_jobs(B, {})["job_count"] == 0
    assert run(service, B, "select * from private")["status"] == "FAILED"


def test_an_unknown_queue_is_dli_0002_as_documented(service: Service) -> None:
    error = refused(service.submit, A, "alice", {"sql": "select 1", "queue_name": "testqueue"})
    assert error.to_body() == {
        "error_code": "DLI.0002",
        "error_msg": "There is no queue named testqueue",
    }
    job_id = finished(service, A, "select 1")["job_id"]
    assert refused(service.preview, A, job_id, {"queue-name": "nope"}).error_code == "DLI.0002"
    assert service.list_jobs(A, {})["job_count"] == 1  # nothing stored for the refused submit


def test_check_sql_parses_and_names_without_running(service: Service) -> None:
    finished(service, A, "create database db1")
    finished(service, A, "create table db1.t1 (a int)")
    assert service.check_sql(A, {"sql": "select * from t1", "currentdb": "db1"}) == {
        "is_success": True,
        "message": "the sql is ok",
        "job_type": "QUERY",
    }
    assert service.check_sql(A, {"sql": "insert into db1.t1 select 1"})["job_type"] == "INSERT"
    assert service.check_sql(A, {"sql": "drop table db1.t1"})["job_type"] == "DDL"
    syntax = refused(service.check_sql, A, {"sql": "select a,\n  b from t1 where"})
    assert syntax.error_code == "DLI.0004" and "line 2, column 13" in syntax.error_msg
    missing = refused(service.check_sql, A, {"sql": "select * from t1"})
    assert missing.error_code == "DLI.0005" and "t1" in missing.error_msg
    assert service.list_jobs(A, {"job-type": "INSERT"})["job_count"] == 0
    assert run(service, A, "select count(*) from db1.t1")["result_count"] == 1


def test_preview_refuses_what_has_no_result(service: Service) -> None:
    query = finished(service, A, "select 1")["job_id"]
    reserved = {"data_path": "obs://dli-job-bucket/jobs", "data_type": "csv"}
    assert refused(service.export_result, A, query, reserved).error_code == "DLI.0001"
    ddl = finished(service, A, "create table t (a int)")["job_id"]
    error = refused(service.preview, A, ddl, {})
    assert error.error_code == "DLI.0007" and "QUERY" in error.error_msg
    assert refused(service.preview, A, "no-such-job", {}).error_code == "DLI.0002"


def test_reset_drops_jobs_tables_and_files(service: Service) -> None:
    finished(service, A, "create table t as select 1 as a")
    service.reset()
    assert service.list_jobs(A, {})["job_count"] == 0
    assert run(service, A, "select * from t")["status"] == "FAILED"
    assert finished(service, A, "select 5 as five")["result_count"] == 1


def obs_file(service: Service, folder: str) -> Path:
    """The single data file an export wrote into obs://<folder>."""
    (path,) = (service.data_dir / "obs" / folder).iterdir()
    return path


def test_a_table_round_trips_through_csv_files(service: Service) -> None:
    finished(service, A, "create table src (id int, name string, day date, amount decimal(8,2))")
    finished(
        service,
        A,
        "insert into src values (1, 'plain', date '2024-01-02', 1.50),"
        " (2, 'a \"quoted\", text', date '2024-02-03', null), (3, null, null, 10.00)",
    )
    export = service.export_table(
        A,
        "alice",
        {
            "data_path": "obs://bucket-1/exports/src",
            "data_type": "csv",
            "database_name": "default",
            "table_name": "src",
            "compress": "gzip",
            "with_column_header": True,
        },
    )
    assert export["message"] == (
        "export all data from table default.src to path obs://bucket-1/exports/src started"
    )
    assert export["job_mode"] == "async"
    status = wait_for(service, A, export["job_id"])
    assert (status["status"], status["job_type"], status["result_count"]) == (
        "FINISHED",
        "EXPORT",
        3,
    )
    written = obs_file(service, "bucket-1/exports/src")
    assert written.name == "part-00000.csv.gz"
    lines = gzip.decompress(written.read_bytes()).decode().splitlines()
    assert lines[0] == "id,name,day,amount"
    assert lines[2] == '2,"a \\"quoted\\", text",2024-02-03,'
    detail = service.detail(A, export["job_id"])
    assert {k: detail[k] for k in ("data_path", "data_type", "compress", "export_mode")} == {
        "data_path": "obs://bucket-1/exports/src",
        "data_type": "csv",
        "compress": "gzip",
        "export_mode": "ErrorIfExists",
    }

    finished(service, A, "create table dst (id int, name string, day date, amount decimal(8,2))")
    imported = service.import_table(
        A,
        "alice",
        {
            "data_path": "s3a://bucket-1/exports/src",
            "data_type": "csv",
            "database_name": "default",
            "table_name": "dst",
            "with_column_header": True,
        },
    )
    assert imported["message"] == "import data to table dst started"
    status = wait_for(service, A, imported["job_id"])
    assert (status["status"], status["input_row_count"]) == ("FINISHED", 3), status
    detail = service.detail(A, imported["job_id"])
    assert (detail["with_column_header"], detail["delimiter"], detail["data_type"]) == (
        True,
        ",",
        "csv",
    )
    copy = finished(service, A, "select * from dst order by id")["job_id"]
    original = finished(service, A, "select * from src order by id")["job_id"]
    assert service.preview(A, copy, {})["rows"] == service.preview(A, original, {})["rows"]


def test_a_result_exports_as_json_bzip2_and_gbk(service: Service) -> None:
    query = finished(service, A, "select id, '名' || id as label from range(5) t(id) order by id")
    job_id = query["job_id"]
    as_json = service.export_result(
        A, job_id, {"data_path": "obs://bucket-1/json", "data_type": "json", "limit_num": 2}
    )
    assert as_json == {
        "is_success": True,
        "message": "",
        "job_id": as_json["job_id"],
        "job_mode": "async",
    }
    assert wait_for(service, A, as_json["job_id"])["result_count"] == 2
    lines = obs_file(service, "bucket-1/json").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": 0, "label": "名0"},
        {"id": 1, "label": "名1"},
    ]

    packed = service.export_result(
        A,
        job_id,
        {
            "data_path": "obs://bucket-1/bz",
            "data_type": "csv",
            "compress": "bzip2",
            "encoding_type": "gbk",
            "quote_char": "'",
        },
    )
    assert wait_for(service, A, packed["job_id"])["status"] == "FINISHED"
    written = obs_file(service, "bucket-1/bz")
    assert written.name == "part-00000.csv.bz2"
    assert bz2.decompress(written.read_bytes()).decode("gbk").splitlines()[4] == "4,名4"


def test_export_mode_protects_or_replaces_the_folder(service: Service) -> None:
    job_id = finished(service, A, "select 1 as one")["job_id"]
    body = {"data_path": "obs://bucket-1/out", "data_type": "csv"}
    assert run_export(service, job_id, body)["status"] == "FINISHED"
    again = run_export(service, job_id, body)
    assert again["status"] == "FAILED"
    assert "obs://bucket-1/out already exists" in again["message"]
    replaced = run_export(service, job_id, {**body, "export_mode": "Overwrite"})
    assert replaced["status"] == "FINISHED"
    assert obs_file(service, "bucket-1/out").read_text() == "1\n"


def run_export(service: Service, job_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return wait_for(service, A, service.export_result(A, job_id, body)["job_id"])


def test_json_and_parquet_imports_fill_partitions(service: Service) -> None:
    finished(
        service,
        A,
        "create table ev (id int, kind string, at timestamp) partitioned by (day string)",
    )
    folder = service.data_dir / "obs" / "bucket-1" / "in"
    folder.mkdir(parents=True)
    (folder / "a.json").write_text(
        '{"id": 1, "kind": "x", "at": "01/02/2024 03:04"}\n{"id": "bad", "kind": "y"}\n'
    )
    (folder / "_SUCCESS").write_text("")
    body = {
        "data_path": "obs://bucket-1/in",
        "data_type": "json",
        "database_name": "default",
        "table_name": "ev",
        "timestamp_format": "MM/dd/yyyy HH:mm",
        "partition_spec": {"day": "d1"},
    }
    assert (
        wait_for(service, A, service.import_table(A, "alice", body)["job_id"])["status"]
        == "FINISHED"
    )
    parquet = service.data_dir / "obs" / "bucket-1" / "pq" / "p.parquet"
    parquet.parent.mkdir(parents=True)
    with duckdb.connect() as db:
        db.execute(f"copy (select 'z' as kind, 9 as id) to '{parquet}'")
    overwrite = {
        "data_path": "obs://bucket-1/pq/p.parquet",
        "data_type": "parquet",
        "database_name": "default",
        "table_name": "ev",
        "overwrite": True,
        "partition_spec": "day=d2",
    }
    assert (
        wait_for(service, A, service.import_table(A, "alice", overwrite)["job_id"])["status"]
        == "FINISHED"
    )
    rows = service.preview(
        A, finished(service, A, "select * from ev order by day, kind")["job_id"], {}
    )
    assert rows["rows"] == [
        [1, "x", "2024-01-02 03:04:00", "d1"],
        [None, "y", None, "d1"],  # unreadable values become null, as in Spark's PERMISSIVE mode
        [9, "z", None, "d2"],
    ]


def test_import_and_export_requests_are_checked(service: Service) -> None:
    base = {"data_type": "csv", "database_name": "default", "table_name": "t"}
    orc = refused(
        service.import_table, A, "alice", {**base, "data_path": "obs://b1/x", "data_type": "orc"}
    )
    assert orc.error_code == "DLI.0007" and "orc" in orc.error_msg
    escape = refused(service.import_table, A, "alice", {**base, "data_path": "obs://b1/../../etc"})
    assert escape.error_code == "DLI.0001"
    queue = refused(
        service.export_table,
        A,
        "alice",
        {**base, "data_path": "obs://b1/x", "compress": "none", "queue_name": "nope"},
    )
    assert queue.error_code == "DLI.0002"
    query = finished(service, A, "select 1")["job_id"]
    reserved = {"data_path": "obs://dli-job-bucket/jobs", "data_type": "csv"}
    assert refused(service.export_result, A, query, reserved).error_code == "DLI.0001"
    ddl = finished(service, A, "create table t (a int)")["job_id"]
    not_query = refused(
        service.export_result, A, ddl, {"data_path": "obs://b1/x", "data_type": "csv"}
    )
    assert not_query.error_code == "DLI.0007"
    missing = run_import(service, {**base, "data_path": "obs://b1/none"})
    assert missing["status"] == "FAILED" and "obs://b1/none does not exist" in missing["message"]
    long_name = {**base, "data_path": "obs://b1/" + "0" * 300, "compress": "none"}
    assert refused(service.export_table, A, "alice", long_name).error_code == "DLI.0001"
    no_table = {**base, "table_name": "absent", "data_path": "obs://b1/out", "compress": "none"}
    failed = wait_for(service, A, service.export_table(A, "alice", no_table)["job_id"])
    assert failed["status"] == "FAILED" and "absent" in failed["message"]
    assert str(service.data_dir) not in failed["message"]


def run_import(service: Service, body: dict[str, Any]) -> dict[str, Any]:
    return wait_for(service, A, service.import_table(A, "alice", body)["job_id"])
