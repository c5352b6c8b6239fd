"""What a job is, shared by every layer: its type, its status and the record kept of it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class JobType(StrEnum):
    """The DLI job types (`job_type` on the wire)."""

    QUERY = "QUERY"
    INSERT = "INSERT"
    UPDATE = "UPDATE"
    DELETE = "DELETE"
    DDL = "DDL"
    DCL = "DCL"
    IMPORT = "IMPORT"
    EXPORT = "EXPORT"


class JobStatus(StrEnum):
    """LAUNCHING -> RUNNING -> FINISHED | FAILED | CANCELLED (see `jobs.runner`)."""

    LAUNCHING = "LAUNCHING"
    RUNNING = "RUNNING"
    FINISHED = "FINISHED"
    FAILED = "FAILED"
    CANCELLED = "CANCELLED"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL


TERMINAL = frozenset({JobStatus.FINISHED, JobStatus.FAILED, JobStatus.CANCELLED})


@dataclass(frozen=True)
class JobRecord:
    """One job as stored (a snapshot). JSON columns are decoded: tags, result_schema, transfer."""

    project_id: str
    job_id: str
    job_type: JobType
    job_mode: str
    queue_name: str
    owner: str
    statement: str
    start_time: int
    engine_type: str = "spark"
    status: JobStatus = JobStatus.LAUNCHING
    message: str = ""
    currentdb: str | None = None
    database_name: str | None = None
    table_name: str | None = None
    end_time: int | None = None
    duration: int | None = None
    input_row_count: int | None = None
    bad_row_count: int | None = None
    input_size: int = 0
    result_count: int = 0
    detail: str | None = None
    result_schema: list[dict[str, str]] | None = None
    tags: list[dict[str, str]] | None = None
    user_conf: str | None = None
    result_path: str | None = None
    execution_details_path: str | None = None
    # Import/export parameters shown by ShowSqlJobDetail (data_path, data_type, ...).
    transfer: dict[str, Any] | None = None

    @property
    def terminal(self) -> bool:
        return self.status in TERMINAL

    def live_duration(self, now_ms: int) -> int:
        """Run time in ms: fixed once the job ended, growing while it runs."""
        return self.duration if self.duration is not None else max(0, now_ms - self.start_time)
