"""Job records in SQLite (WAL mode, one connection per thread), surviving restarts.

Listing filters, orders and pages in SQL over indexes on (project_id, start_time),
(project_id, duration), (project_id, status, ...) and (project_id, job_type, ...), and the
job_count of a listing filtered at most by status and type comes from per-group counters kept by
triggers: such a page costs about the same with 100 000 jobs stored as with 100 (about 1 ms).
Filters on owner, queue or SQL text count by scanning the project's jobs (tens of ms at
100 000); tag filters go through the tags' own index.
Ordering by duration puts jobs still running last (desc) or first (asc): their duration is not
known yet. Reading one job is a lookup on the unique (project_id, job_id) index, or a dictionary
hit for a terminal job, whose record never changes again.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..model import JobRecord, JobStatus, JobType

# The store's file in the emulator's data directory.
JOBS_FILE = "jobs.sqlite3"

LAUNCHING = JobStatus.LAUNCHING
RUNNING = JobStatus.RUNNING
FAILED = JobStatus.FAILED

RESTARTED_MESSAGE = (
    "The DLI emulator restarted: it stopped while this job was {status}, so the job did not "
    "complete. Submit it again."
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    seq INTEGER PRIMARY KEY,
    project_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    job_type TEXT NOT NULL,
    job_mode TEXT NOT NULL,
    queue_name TEXT NOT NULL,
    owner TEXT NOT NULL,
    engine_type TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    statement TEXT NOT NULL,
    statement_folded TEXT NOT NULL,
    currentdb TEXT,
    database_name TEXT,
    table_name TEXT,
    start_time INTEGER NOT NULL,
    end_time INTEGER,
    duration INTEGER,
    input_row_count INTEGER,
    bad_row_count INTEGER,
    input_size INTEGER NOT NULL,
    result_count INTEGER NOT NULL,
    detail TEXT,
    result_schema TEXT,
    tags TEXT,
    user_conf TEXT,
    result_path TEXT,
    execution_details_path TEXT,
    transfer TEXT,
    UNIQUE (project_id, job_id)
);
CREATE INDEX IF NOT EXISTS jobs_by_start ON jobs (project_id, start_time, seq);
CREATE INDEX IF NOT EXISTS jobs_by_duration ON jobs (project_id, duration, seq);
CREATE INDEX IF NOT EXISTS jobs_by_status ON jobs (project_id, status, start_time, seq);
CREATE INDEX IF NOT EXISTS jobs_by_type ON jobs (project_id, job_type, start_time, seq);
CREATE INDEX IF NOT EXISTS jobs_active ON jobs (status) WHERE status IN ('LAUNCHING', 'RUNNING');
CREATE TABLE IF NOT EXISTS job_tags (
    project_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (project_id, job_id, key)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS job_tags_by_pair ON job_tags (project_id, key, value);
-- Job counts per (project, status, type), kept by triggers: the job_count of a listing filtered
-- by nothing else is a sum over a handful of rows instead of a count over every job.
CREATE TABLE IF NOT EXISTS job_counts (
    project_id TEXT NOT NULL,
    status TEXT NOT NULL,
    job_type TEXT NOT NULL,
    jobs INTEGER NOT NULL,
    PRIMARY KEY (project_id, status, job_type)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS job_counts_insert AFTER INSERT ON jobs BEGIN
    INSERT INTO job_counts VALUES (NEW.project_id, NEW.status, NEW.job_type, 1)
    ON CONFLICT DO UPDATE SET jobs = jobs + 1;
END;
CREATE TRIGGER IF NOT EXISTS job_counts_update AFTER UPDATE OF status, job_type ON jobs BEGIN
    UPDATE job_counts SET jobs = jobs - 1 WHERE project_id = OLD.project_id
        AND status = OLD.status AND job_type = OLD.job_type;
    INSERT INTO job_counts VALUES (NEW.project_id, NEW.status, NEW.job_type, 1)
    ON CONFLICT DO UPDATE SET jobs = jobs + 1;
END;
CREATE TRIGGER IF NOT EXISTS job_counts_delete AFTER DELETE ON jobs BEGIN
    UPDATE job_counts SET jobs = jobs - 1 WHERE project_id = OLD.project_id
        AND status = OLD.status AND job_type = OLD.job_type;
END;
"""


_COLUMNS = tuple(f.name for f in fields(JobRecord))
_JSON_COLUMNS = frozenset({"result_schema", "tags", "transfer"})
_JSON_POSITIONS = tuple(i for i, name in enumerate(_COLUMNS) if name in _JSON_COLUMNS)
_TYPE_POSITION = _COLUMNS.index("job_type")
_STATUS_POSITION = _COLUMNS.index("status")
_SELECT = f"SELECT {', '.join('j.' + name for name in _COLUMNS)} FROM jobs j"
# Terminal records never change, so reads of them are served from memory (status polling is
# the hot path); the cache is dropped whole when it fills up.
_CACHE_SIZE = 10_000


# The jobs columns ListSqlJobs filters by equality, and how each compares (database and table
# names case-insensitively, as the service does).
EQUAL_FILTERS = {
    "status": "",
    "queue_name": "",
    "job_id": "",
    "owner": "",
    "engine_type": "",
    "database_name": " COLLATE NOCASE",
    "table_name": " COLLATE NOCASE",
}


@dataclass(frozen=True)
class JobFilter:
    """ListSqlJobs filters, already parsed: `equal` holds columns of `EQUAL_FILTERS` and the
    value each must have; `job_types` None means any type; `start`/`end` bound the start time."""

    equal: Mapping[str, str] = field(default_factory=dict)
    job_types: frozenset[str] | None = None
    start: int | None = None
    end: int | None = None
    sql_pattern: str | None = None
    tags: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        # The column names go into the SQL text: only those of EQUAL_FILTERS may.
        unknown = set(self.equal) - EQUAL_FILTERS.keys()
        if unknown:
            raise ValueError(f"not a filter column: {sorted(unknown)}")


ORDERS = {
    "start_time_desc": "j.start_time DESC, j.seq DESC",
    "start_time_asc": "j.start_time ASC, j.seq ASC",
    "duration_desc": "j.duration DESC, j.seq DESC",
    "duration_asc": "j.duration ASC, j.seq ASC",
}


@dataclass
class Completion:
    """The terminal state to record for a job, with the counters the work produced."""

    status: JobStatus
    message: str
    end_time: int
    values: dict[str, Any] = field(default_factory=dict)


class JobStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._terminal: dict[tuple[str, str], JobRecord] = {}
        self._db().executescript(_SCHEMA)

    # -- connections -------------------------------------------------------------------------

    def _db(self) -> sqlite3.Connection:
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA busy_timeout = 10000")
            self._local.db = db
            with self._lock:
                self._connections.append(db)
        return db

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        db = self._db()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            for db in self._connections:
                db.close()
            self._connections.clear()
        self._local = threading.local()

    # -- writes ------------------------------------------------------------------------------

    def insert(self, record: JobRecord) -> None:
        row = _to_row(record)
        row["statement_folded"] = record.statement.casefold()
        names = ", ".join(row)
        marks = ", ".join(f":{name}" for name in row)
        with self._transaction() as db:
            db.execute(f"INSERT INTO jobs ({names}) VALUES ({marks})", row)
            db.executemany(
                "INSERT OR REPLACE INTO job_tags (project_id, job_id, key, value) "
                "VALUES (?, ?, ?, ?)",
                [
                    (record.project_id, record.job_id, tag["key"], tag["value"])
                    for tag in record.tags or ()
                ],
            )

    def set_status(
        self, project_id: str, job_id: str, status: JobStatus, expected: JobStatus
    ) -> bool:
        """Move a job from `expected` to `status`; False when it was not in `expected`."""
        cursor = self._db().execute(
            "UPDATE jobs SET status = ? WHERE project_id = ? AND job_id = ? AND status = ?",
            (status, project_id, job_id, expected),
        )
        return cursor.rowcount == 1

    def finish(self, project_id: str, job_id: str, completion: Completion) -> None:
        values = {name: _encode(name, value) for name, value in completion.values.items()}
        values.update(
            status=completion.status, message=completion.message, end_time=completion.end_time
        )
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        self._db().execute(
            f"UPDATE jobs SET {assignments}, duration = MAX(0, :end_time - start_time) "
            "WHERE project_id = :project_id AND job_id = :job_id",
            {**values, "project_id": project_id, "job_id": job_id},
        )

    def interrupted_files(self) -> list[str]:
        """The result and execution-details URIs of jobs a previous process left LAUNCHING or
        RUNNING: what they may have half-written (call before `fail_interrupted`)."""
        rows = self._db().execute(
            "SELECT result_path, execution_details_path FROM jobs WHERE status IN (?, ?)",
            (LAUNCHING, RUNNING),
        )
        return [uri for row in rows for uri in row if uri]

    def fail_interrupted(self, now_ms: int) -> int:
        """Mark jobs a previous process left LAUNCHING/RUNNING as FAILED; returns how many.

        Like any failed job they keep no result or execution details."""
        with self._transaction() as db:
            count = 0
            for status in (LAUNCHING, RUNNING):
                cursor = db.execute(
                    "UPDATE jobs SET status = ?, message = ?, end_time = ?, "
                    "duration = MAX(0, ? - start_time), result_path = NULL, "
                    "execution_details_path = NULL WHERE status = ?",
                    (FAILED, RESTARTED_MESSAGE.format(status=status), now_ms, now_ms, status),
                )
                count += cursor.rowcount
            return count

    def clear(self) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM jobs")
            db.execute("DELETE FROM job_tags")
            db.execute("DELETE FROM job_counts")
        self._terminal = {}

    # -- reads -------------------------------------------------------------------------------

    def get(self, project_id: str, job_id: str) -> JobRecord | None:
        key = (project_id, job_id)
        cached = self._terminal.get(key)
        if cached is not None:
            return cached
        row = (
            self._db().execute(f"{_SELECT} WHERE j.project_id = ? AND j.job_id = ?", key).fetchone()
        )
        if row is None:
            return None
        record = _from_row(row)
        if record.terminal:
            if len(self._terminal) >= _CACHE_SIZE:
                self._terminal = {}
            self._terminal[key] = record
        return record

    def list(
        self,
        project_id: str,
        where: JobFilter,
        order: str,
        page_size: int,
        page: int,
    ) -> tuple[int, list[JobRecord]]:
        """(number of matching jobs, the requested page of them)."""
        clauses, params = _where(project_id, where)
        condition = " AND ".join(clauses)
        db = self._db()
        total = db.execute(*_count_query(project_id, where, condition, params)).fetchone()[0]
        rows = db.execute(
            f"{_SELECT} WHERE {condition} ORDER BY {ORDERS[order]} LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        ).fetchall()
        return int(total), [_from_row(row) for row in rows]


def _count_query(
    project_id: str, where: JobFilter, condition: str, params: list[Any]
) -> tuple[str, list[Any]]:
    status = where.equal.get("status")
    others = {column: value for column, value in where.equal.items() if column != "status"}
    if replace(where, equal=others, job_types=None) != JobFilter():
        return f"SELECT COUNT(*) FROM jobs j WHERE {condition}", params
    clauses, counted = ["project_id = ?"], [project_id]
    if status is not None:
        clauses.append("status = ?")
        counted.append(status)
    if where.job_types is not None:
        clauses.append(f"job_type IN ({', '.join('?' * len(where.job_types)) or 'NULL'})")
        counted.extend(sorted(where.job_types))
    return f"SELECT COALESCE(SUM(jobs), 0) FROM job_counts WHERE {' AND '.join(clauses)}", counted


def _where(project_id: str, where: JobFilter) -> tuple[list[str], list[Any]]:
    clauses = ["j.project_id = ?"]
    params: list[Any] = [project_id]

    for column, value in where.equal.items():
        clauses.append(f"j.{column} = ?{EQUAL_FILTERS[column]}")
        params.append(value)
    if where.job_types is not None:
        clauses.append(f"j.job_type IN ({', '.join('?' * len(where.job_types)) or 'NULL'})")
        params.extend(sorted(where.job_types))
    if where.start is not None:
        clauses.append("j.start_time >= ?")
        params.append(where.start)
    if where.end is not None:
        clauses.append("j.start_time <= ?")
        params.append(where.end)
    if where.sql_pattern:
        clauses.append("instr(j.statement_folded, ?) > 0")
        params.append(where.sql_pattern.casefold())
    for key, value in where.tags:
        clauses.append(
            "j.job_id IN (SELECT t.job_id FROM job_tags t "
            "WHERE t.project_id = ? AND t.key = ? AND t.value = ?)"
        )
        params.extend((project_id, key, value))
    return clauses, params


def _encode(name: str, value: Any) -> Any:
    if name in _JSON_COLUMNS:
        return None if value is None else json.dumps(value, separators=(",", ":"))
    return value


def _to_row(record: JobRecord) -> dict[str, Any]:
    return {name: _encode(name, getattr(record, name)) for name in _COLUMNS}


def _from_row(row: tuple[Any, ...]) -> JobRecord:
    values = list(row)
    for position in _JSON_POSITIONS:
        text = values[position]
        if text is not None:
            values[position] = json.loads(text)
    values[_TYPE_POSITION] = JobType(values[_TYPE_POSITION])
    values[_STATUS_POSITION] = JobStatus(values[_STATUS_POSITION])
    return JobRecord(*values)
