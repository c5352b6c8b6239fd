"""The service with real threads, DuckDB and SQLite: the job lifecycle end to end.

Requests reach the service as the HTTP layer hands them over (`ServiceCalls`): checked by the
spec's validator and converted to typed requests; the bad-input cases live in
tests/emulator/http/test_validation.py.
"""

import json
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dli_emulator.errors import DliError
from dli_emulator.testing import ServiceCalls

Refuse = Callable[..., DliError]

A = "projecta"
B = "projectb"

# Runs for minutes in DuckDB unless interrupted (10^10 joined rows).
LONG_SQL = "SELECT sum(a.id * b.id) AS s FROM range(100000) a CROSS JOIN range(100000) b"


def test_a_terminal_jobs_status_is_the_same_answer_each_time(service: ServiceCalls) -> None:
    running = service.submit(A, "alice", {"sql": LONG_SQL})["job_id"]
    first = service.wait_for(A, running, states=("RUNNING",))
    assert service.status(A, running)["duration"] >= first["duration"]
    service.cancel(A, running)
    done = service.finished(A, "select 1")["job_id"]
    answer = service.status(A, done)
    answer["status"] = "changed by a caller"
    again = service.status(A, done)
    assert again["status"] == "FINISHED"
    assert again == {**answer, "status": "FINISHED"}
    assert service.status(A, running)["status"] == "CANCELLED"


def test_a_query_job_reports_every_status_field(service: ServiceCalls) -> None:
    service.finished(A, "create table t1 (id int, name string)")
    service.finished(A, "insert into t1 values (1, 'a'), (2, 'b'), (3, 'c')")
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
    status = service.wait_for(A, submitted["job_id"])
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


def test_ddl_runs_inline_when_async_is_off_and_dcl_always(service: ServiceCalls) -> None:
    service.finished(A, "create table t1 (c1 int, c2 string)")
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


def test_a_failed_job_carries_the_error_text(service: ServiceCalls, refused: Refuse) -> None:
    status = service.run(A, "select nosuchcolumn from range(3)")
    assert status["status"] == "FAILED"
    assert "nosuchcolumn" in status["message"]
    assert "result_path" not in status
    listed = service.list_jobs(A, {"job-status": "FAILED"})
    assert listed["jobs"][0]["message"] == status["message"]
    assert listed["jobs"][0]["end_time"] >= status["start_time"]
    error = refused(service.preview, A, status["job_id"], {})
    assert error.error_code == "DLI.0007" and "FAILED" in error.error_msg


def test_cancel_interrupts_a_running_query(tmp_path: Path, refused: Refuse) -> None:
    service = ServiceCalls(tmp_path / "data", workers=1)
    try:
        long_job = service.submit(A, "alice", {"sql": LONG_SQL})["job_id"]
        queued = service.submit(A, "alice", {"sql": "select 1 as one"})["job_id"]
        service.wait_for(A, long_job, states=("RUNNING",))
        progress = service.progress(A, long_job)
        assert progress["status"] == "RUNNING" and 0.0 <= progress["progress"] <= 1.0
        assert progress["sub_job_id"] == 0
        assert progress["sub_jobs"][0]["job_group"] == long_job

        assert service.cancel(A, long_job) == {"is_success": True, "message": ""}
        cancelled = service.wait_for(A, long_job, timeout=10)
        assert cancelled["status"] == "CANCELLED"
        assert "cancelled by the user" in cancelled["message"]
        # The only worker is free again: the queued job runs to the end.
        assert service.wait_for(A, queued)["status"] == "FINISHED"

        error = refused(service.cancel, A, long_job)
        assert error.error_code == "DLI.0007" and "CANCELLED" in error.error_msg
        assert "FINISHED" in refused(service.cancel, A, queued).error_msg
        assert "progress" not in service.progress(A, long_job)
    finally:
        service.close()


def test_a_launching_job_is_cancelled_before_it_runs(tmp_path: Path) -> None:
    service = ServiceCalls(tmp_path / "data", workers=1)
    try:
        blocker = service.submit(A, "alice", {"sql": LONG_SQL})["job_id"]
        waiting = service.submit(A, "alice", {"sql": "create table never (a int)"})["job_id"]
        service.wait_for(A, blocker, states=("RUNNING",))
        assert service.progress(A, waiting)["progress"] == 0.0
        service.cancel(A, waiting)
        assert service.status(A, waiting)["status"] == "CANCELLED"
        service.cancel(A, blocker)
        service.wait_for(A, blocker, timeout=10)
        status = service.run(A, "select * from never")
        assert status["status"] == "FAILED"  # the cancelled DDL never ran
    finally:
        service.close()


def test_the_job_timeout_cancels_a_long_query(service: ServiceCalls) -> None:
    submitted = service.submit(A, "alice", {"sql": LONG_SQL, "conf": ["dli.sql.job.timeout=1"]})
    status = service.wait_for(A, submitted["job_id"], timeout=15)
    assert status["status"] == "CANCELLED"
    assert "dli.sql.job.timeout (1 s)" in status["message"]


def test_a_restart_fails_jobs_in_flight_and_keeps_the_rest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first = ServiceCalls(data, workers=1)
    first.finished(A, "create table kept as select 42 as answer")
    done = first.finished(A, "select answer from kept")["job_id"]
    running = first.submit(A, "alice", {"sql": LONG_SQL})["job_id"]
    queued = first.submit(A, "alice", {"sql": "select 2"})["job_id"]
    first.wait_for(A, running, states=("RUNNING",))
    first.close()

    second = ServiceCalls(data, workers=1)
    try:
        failed = second.status(A, running)
        assert failed["status"] == "FAILED"
        assert "stopped while this job was RUNNING" in failed["message"]
        assert second.status(A, queued)["status"] == "FAILED"
        assert second.preview(A, done, {})["rows"] == [[42]]
        assert second.finished(A, "select count(*) from kept")["result_count"] == 1
    finally:
        second.close()


def test_fifty_jobs_from_several_threads_are_all_kept(service: ServiceCalls) -> None:
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
        assert service.wait_for(A, job_id)["status"] == "FINISHED"
        assert service.preview(A, job_id, {})["rows"] == [[n]]
    assert service.list_jobs(A, {"page-size": 100})["job_count"] == 50


def test_list_jobs_takes_wire_names(service: ServiceCalls) -> None:
    service.finished(A, "create table t (a int)", tags=[{"key": "team", "value": "a"}])
    service.finished(A, "insert into t values (1)", tags=[{"key": "team", "value": "a"}])
    query_job = service.finished(A, "select * from t", queue_name="etl")
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


def test_projects_do_not_see_each_other(service: ServiceCalls, refused: Refuse) -> None:
    service.finished(A, "create table private as select 1 as x")
    job_id = service.finished(A, "select * from private")["job_id"]
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
    assert service.run(B, "select * from private")["status"] == "FAILED"


def test_an_unknown_queue_is_dli_0002_as_documented(service: ServiceCalls, refused: Refuse) -> None:
    error = refused(service.submit, A, "alice", {"sql": "select 1", "queue_name": "testqueue"})
    assert error.to_body() == {
        "error_code": "DLI.0002",
        "error_msg": "There is no queue named testqueue",
    }
    job_id = service.finished(A, "select 1")["job_id"]
    assert refused(service.preview, A, job_id, {"queue-name": "nope"}).error_code == "DLI.0002"
    assert service.list_jobs(A, {})["job_count"] == 1  # nothing stored for the refused submit


def test_check_sql_parses_and_names_without_running(service: ServiceCalls, refused: Refuse) -> None:
    service.finished(A, "create database db1")
    service.finished(A, "create table db1.t1 (a int)")
    assert service.check_sql(A, {"sql": "select * from t1", "currentdb": "db1"}) == {
        "is_success": True,
        "message": "the sql is ok",
        "job_type": "QUERY",
    }
    assert service.check_sql(A, {"sql": "insert into db1.t1 select 1"})["job_type"] == "INSERT"
    assert service.check_sql(A, {"sql": "drop table db1.t1"})["job_type"] == "DDL"
    syntax = refused(service.check_sql, A, {"sql": "select a,\n  b from t1 where and"})
    assert syntax.error_code == "DLI.0004" and "line 2, column 19" in syntax.error_msg
    missing = refused(service.check_sql, A, {"sql": "select * from t1"})
    assert missing.error_code == "DLI.0005" and "t1" in missing.error_msg
    assert service.list_jobs(A, {"job-type": "INSERT"})["job_count"] == 0
    assert service.run(A, "select count(*) from db1.t1")["result_count"] == 1


def test_preview_refuses_what_has_no_result(service: ServiceCalls, refused: Refuse) -> None:
    ddl = service.finished(A, "create table t (a int)")["job_id"]
    error = refused(service.preview, A, ddl, {})
    assert error.error_code == "DLI.0007" and "QUERY" in error.error_msg
    assert refused(service.preview, A, "no-such-job", {}).error_code == "DLI.0002"


def test_reset_drops_jobs_tables_and_files(service: ServiceCalls) -> None:
    service.finished(A, "create table t as select 1 as a")
    service.reset()
    assert service.list_jobs(A, {})["job_count"] == 0
    assert service.run(A, "select * from t")["status"] == "FAILED"
    assert service.finished(A, "select 5 as five")["result_count"] == 1
