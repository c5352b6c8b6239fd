"""What every operation of the job layer works with: the stores, the engine, the runner, queues,
and the lookups they share (a project's job, a queue by name, a new job record)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engines import files
from ..engines.protocol import Checkpoint, Engine, Outcome, Session
from ..errors import (
    job_not_found,
    not_supported,
    parameter_invalid,
    queue_not_found,
    result_expired,
)
from ..model import JobRecord, JobStatus, JobType
from ..storage.obs import ObsStore
from ..storage.store import JobStore
from . import layout, wire
from .conf import JobConf
from .runner import JobRunner, Work, now_ms

ENGINE_TYPE = "spark"
# An export's writing: into the (staging) folder it is given.
ExportWork = Callable[[Session, Path, Checkpoint], Outcome]
# Status answers of terminal jobs kept (they never change); dropped whole when full.
STATUS_CACHE_SIZE = 10_000


@dataclass
class JobContext:
    store: JobStore
    engine: Engine
    obs: ObsStore
    runner: JobRunner
    queues: frozenset[str]
    default_queue: str
    # (project_id, job_id) -> ShowSqlJobStatus answer of a terminal job (see reads.status).
    terminal_status: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def queue(self, name: object) -> str:
        if name is None or name == "":
            return self.default_queue
        if not isinstance(name, str) or name not in self.queues:
            raise queue_not_found(str(name))
        return name

    def job(self, project_id: str, job_id: str) -> JobRecord:
        record = self.store.get(project_id, job_id)
        if record is None:
            raise job_not_found(job_id)
        return record

    def finished_query(self, project_id: str, job_id: str, action: str) -> JobRecord:
        """A FINISHED QUERY job whose result is still stored (for preview and export)."""
        record = self.job(project_id, job_id)
        if record.job_type != JobType.QUERY:
            raise not_supported(
                f"Only the results of QUERY jobs can be {action}; job {job_id} is a "
                f"{record.job_type} job"
            )
        if record.status != JobStatus.FINISHED:
            raise not_supported(
                f"The job {job_id} is {record.status}; only a FINISHED job's result can be {action}"
            )
        if not self.result_dir(record).is_dir():
            raise result_expired(f"The result of job {job_id} is no longer available")
        return record

    def export(self, target: Path, target_uri: str, mode: str, write: ExportWork) -> Work:
        """Work that runs `write` into a staging folder and puts it in place of `target` only
        when it succeeded: nothing at `target` is deleted before its replacement exists."""

        def work(session: Session, checkpoint: Checkpoint) -> Outcome:
            files.check_target(target, target_uri, mode)
            staged = self.obs.staging(target)
            try:
                outcome = write(session, staged, checkpoint)
                checkpoint()
                self.obs.swap_in(staged, target)
            except BaseException:
                self.obs.discard(staged)
                raise
            return outcome

        return work

    def result_dir(self, record: JobRecord) -> Path:
        if record.result_path is None:
            raise result_expired(f"The job {record.job_id} has no stored result")
        return layout.result_dir(self.obs, record.result_path)

    def export_target(self, project_id: str, uri: str) -> Path:
        """The folder an export of `project_id` writes: DLI.0011 in another project's bucket."""
        target = self.obs.writable(project_id, uri)
        if target.is_relative_to(self.obs.root / layout.JOB_BUCKET):
            # An Overwrite export there could delete other jobs' results.
            raise parameter_invalid(f"data_path must not be in the job bucket: {uri}")
        return target

    def new_record(
        self,
        project_id: str,
        owner: str,
        job_type: JobType,
        statement: str,
        queue: str,
        *,
        sync: bool = False,
        conf: JobConf | None = None,
        tags: list[dict[str, str]] | None = None,
        engine_type: str = ENGINE_TYPE,
        **fields: Any,
    ) -> JobRecord:
        fields.setdefault("job_id", str(uuid.uuid4()))
        fields.setdefault("start_time", now_ms())
        return JobRecord(
            project_id=project_id,
            job_type=job_type,
            job_mode="sync" if sync else "async",
            queue_name=queue,
            owner=owner,
            statement=statement,
            engine_type=engine_type,
            tags=tags or None,
            user_conf=conf.user_conf() if conf else None,
            **fields,
        )


def accepted(record: JobRecord, message: str) -> dict[str, Any]:
    """The answer to a submitted asynchronous job."""
    answer = wire.envelope(message)
    answer.update(job_id=record.job_id)
    if record.job_type not in (JobType.IMPORT, JobType.EXPORT):
        answer.update(job_type=record.job_type)
    answer.update(job_mode=record.job_mode)
    return answer
