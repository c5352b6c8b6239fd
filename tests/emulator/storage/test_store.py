"""Job records in SQLite: listing filters, order, paging and counts; recovery after a restart."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dli_emulator.model import JobRecord, JobStatus
from dli_emulator.storage.store import EQUAL_FILTERS, Completion, JobFilter, JobStore

FAILED, FINISHED = JobStatus.FAILED, JobStatus.FINISHED
LAUNCHING, RUNNING = JobStatus.LAUNCHING, JobStatus.RUNNING

PROJECT = "p1"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[JobStore]:
    store = JobStore(tmp_path / "jobs.sqlite3")
    try:
        yield store
    finally:
        store.close()


def add(store: JobStore, number: int, project: str = PROJECT, **fields: Any) -> JobRecord:
    values: dict[str, Any] = {
        "job_type": "QUERY",
        "job_mode": "async",
        "queue_name": "default",
        "owner": "alice",
        "statement": f"select {number} from t",
        "start_time": 1_000_000 + number * 1000,
    }
    values.update(fields)
    record = JobRecord(project_id=project, job_id=f"job-{number}", **values)
    store.insert(record)
    return record


def finish(store: JobStore, record: JobRecord, duration: int, status: JobStatus = FINISHED) -> None:
    store.finish(
        record.project_id,
        record.job_id,
        Completion(status, "", record.start_time + duration, {"result_count": 7}),
    )


def ids(result: tuple[int, list[JobRecord]]) -> list[str]:
    return [r.job_id for r in result[1]]


def durations(result: tuple[int, list[JobRecord]]) -> list[int]:
    done = [r.duration for r in result[1] if r.duration is not None]
    assert len(done) == len(result[1]), "a listed job has no duration: it has not finished"
    return done


def listing(
    store: JobStore, order: str = "start_time_desc", size: int = 50, page: int = 1, **where: Any
) -> tuple[int, list[JobRecord]]:
    equal = {column: where.pop(column) for column in list(where) if column in EQUAL_FILTERS}
    return store.list(PROJECT, JobFilter(equal=equal, **where), order, size, page)


def test_a_record_round_trips_with_its_json_fields(store: JobStore) -> None:
    record = add(
        store,
        1,
        tags=[{"key": "team", "value": "a"}],
        result_schema=[{"c1": "int"}],
        transfer={"data_path": "obs://b/x", "with_column_header": True},
    )
    assert store.get(PROJECT, "job-1") == record
    assert store.get("other-project", "job-1") is None
    finish(store, record, 250)
    done = store.get(PROJECT, "job-1")
    assert done is not None
    assert (done.status, done.duration, done.end_time, done.result_count) == (
        FINISHED,
        250,
        record.start_time + 250,
        7,
    )


def test_listing_orders_and_pages_with_the_total_count(store: JobStore) -> None:
    for n in range(1, 8):
        finish(store, add(store, n), duration=(n * 37) % 11)
    assert ids(listing(store, size=3)) == ["job-7", "job-6", "job-5"]
    assert listing(store, size=3, page=3)[0] == 7  # every matching job, not the page length
    assert ids(listing(store, size=3, page=3)) == ["job-1"]
    assert ids(listing(store, order="start_time_asc", size=2, page=2)) == ["job-3", "job-4"]
    descending = durations(listing(store, order="duration_desc"))
    assert descending == sorted(descending, reverse=True)
    ascending = durations(listing(store, order="duration_asc"))
    assert ascending == sorted(ascending)
    assert listing(store, size=3, page=9) == (7, [])


def test_each_filter_narrows_the_listing(store: JobStore) -> None:
    add(store, 1, job_type="DDL", owner="bob", statement="CREATE TABLE Sales (a int)")
    add(store, 2, job_type="INSERT", queue_name="q2", engine_type="hetuEngine")
    add(store, 3, tags=[{"key": "team", "value": "a"}, {"key": "env", "value": "dev"}])
    add(store, 4, tags=[{"key": "team", "value": "a"}], database_name="db1", table_name="T1")
    finish(store, add(store, 5), 10, status=FAILED)

    assert ids(listing(store, job_types=frozenset({"DDL", "INSERT"}))) == ["job-2", "job-1"]
    assert ids(listing(store, status=FAILED)) == ["job-5"]
    assert ids(listing(store, queue_name="q2")) == ["job-2"]
    assert ids(listing(store, engine_type="hetuEngine")) == ["job-2"]
    assert ids(listing(store, owner="bob")) == ["job-1"]
    assert ids(listing(store, job_id="job-4")) == ["job-4"]
    assert ids(listing(store, sql_pattern="table sALES")) == ["job-1"]
    assert ids(listing(store, tags=(("team", "a"),))) == ["job-4", "job-3"]
    assert ids(listing(store, tags=(("team", "a"), ("env", "dev")))) == ["job-3"]
    assert ids(listing(store, database_name="DB1", table_name="t1")) == ["job-4"]
    assert ids(listing(store, start=1_003_000, end=1_004_000)) == ["job-4", "job-3"]
    assert listing(store, job_types=frozenset()) == (0, [])
    assert listing(store, status=FAILED, job_types=frozenset({"DDL"})) == (0, [])


def test_counts_follow_status_changes(store: JobStore) -> None:
    records = [add(store, n) for n in range(6)]
    assert store.set_status(PROJECT, "job-0", RUNNING, LAUNCHING)
    assert not store.set_status(PROJECT, "job-0", RUNNING, LAUNCHING)
    for record in records[:4]:
        finish(store, record, 5)
    assert listing(store)[0] == 6
    assert listing(store, status=FINISHED)[0] == 4
    assert listing(store, status=LAUNCHING)[0] == 2
    assert listing(store, status=FINISHED, job_types=frozenset({"QUERY", "DDL"}))[0] == 4
    assert store.list("other", JobFilter(), "start_time_desc", 10, 1) == (0, [])


def test_jobs_left_running_by_a_dead_process_become_failed(tmp_path: Path) -> None:
    path = tmp_path / "jobs.sqlite3"
    first = JobStore(path)
    running, waiting, done = add(first, 1), add(first, 2), add(first, 3)
    first.set_status(PROJECT, running.job_id, RUNNING, LAUNCHING)
    finish(first, done, 40)
    first.close()

    second = JobStore(path)
    try:
        assert second.fail_interrupted(now_ms=running.start_time + 5000) == 2
        failed = second.get(PROJECT, running.job_id)
        assert failed is not None and failed.status == FAILED
        assert "stopped while this job was RUNNING" in failed.message
        assert failed.duration == 5000
        queued = second.get(PROJECT, waiting.job_id)
        assert queued is not None and "was LAUNCHING" in queued.message
        kept = second.get(PROJECT, done.job_id)
        assert kept is not None and (kept.status, kept.duration) == (FINISHED, 40)
        assert listing(second, status=FAILED)[0] == 2
    finally:
        second.close()


def test_clear_forgets_everything(store: JobStore) -> None:
    add(store, 1, tags=[{"key": "k", "value": "v"}])
    store.clear()
    assert listing(store) == (0, [])
    assert listing(store, tags=(("k", "v"),)) == (0, [])
