"""The operations that read a job: status, detail, list, progress, preview; and cancel."""

from __future__ import annotations

from typing import Any

from ..engines.protocol import PREVIEW_MAX_BYTES
from ..errors import not_supported
from ..model import JobStatus
from . import wire
from .context import STATUS_CACHE_SIZE, JobContext
from .requests import ListQuery, PreviewQuery
from .runner import now_ms


def status(context: JobContext, project_id: str, job_id: str) -> dict[str, Any]:
    """ShowSqlJobStatus. Clients poll it: a terminal job's answer is built once."""
    key = (project_id, job_id)
    cached = context.terminal_status.get(key)
    if cached is None:
        record = context.job(project_id, job_id)
        body = wire.status_body(record, now_ms())
        if not record.terminal:
            return body
        if len(context.terminal_status) >= STATUS_CACHE_SIZE:
            context.terminal_status.clear()
        cached = context.terminal_status[key] = body
    return dict(cached)  # a copy: callers may add to their answer


def detail(context: JobContext, project_id: str, job_id: str) -> dict[str, Any]:
    """ShowSqlJobDetail."""
    return wire.detail_body(context.job(project_id, job_id), now_ms())


def list_jobs(context: JobContext, project_id: str, query: ListQuery) -> dict[str, Any]:
    """ListSqlJobs: filtered, ordered and paged in the store."""
    total, records = context.store.list(
        project_id, query.where, query.order, query.page_size, query.current_page
    )
    now = now_ms()
    answer = wire.envelope()
    answer.update(job_count=total, jobs=[wire.list_item(r, now) for r in records])
    return answer


def cancel(context: JobContext, project_id: str, job_id: str) -> dict[str, Any]:
    """CancelSqlJob: refused (DLI.0007) once the job is FINISHED, FAILED or CANCELLED."""
    record = context.job(project_id, job_id)
    if record.terminal or not context.runner.cancel(project_id, job_id):
        current = context.job(project_id, job_id).status
        raise not_supported(f"The job {job_id} is {current} and cannot be cancelled")
    return wire.envelope()


def preview(
    context: JobContext, project_id: str, job_id: str, query: PreviewQuery
) -> dict[str, Any]:
    """PreviewSqlJobResult: the first `page-size` rows of a FINISHED QUERY job."""
    if query.queue_name:
        context.queue(query.queue_name)
    record = context.finished_query(project_id, job_id, "previewed")
    rows = context.engine.read_result(context.result_dir(record), query.page_size)
    message = ""
    if len(rows) < min(query.page_size, record.result_count or 0):
        # The contract has no field for it: the message says the answer was cut, and why.
        message = (
            f"The preview was cut to {len(rows)} of {record.result_count} rows: more would "
            f"hold over {PREVIEW_MAX_BYTES} bytes of text. Export the result to read it all."
        )
    answer = wire.envelope(message)
    answer.update(
        job_id=record.job_id,
        job_type=record.job_type,
        row_count=record.result_count,
        input_size=record.input_size,
        schema=record.result_schema or [],
        rows=rows,
    )
    return answer


def progress(context: JobContext, project_id: str, job_id: str) -> dict[str, Any]:
    """ShowSqlJobProgress: 0 while LAUNCHING, the engine's estimate while RUNNING (with one
    sub-job describing the running statement), 1 once FINISHED; none for FAILED/CANCELLED."""
    record = context.job(project_id, job_id)
    answer = wire.envelope()
    answer.update(job_id=job_id, status=record.status)
    if record.status == JobStatus.LAUNCHING:
        answer["progress"] = 0.0
    elif record.status == JobStatus.RUNNING:
        fraction = context.runner.progress(project_id, job_id)
        answer.update(
            sub_job_id=0,
            progress=fraction or 0.0,
            sub_jobs=[
                {
                    "id": 0,
                    "name": f"{context.engine.name} {record.job_type.lower()} of job {job_id}",
                    "description": record.statement,
                    "submission_time": wire.java_date(record.start_time),
                    "job_group": job_id,
                    "status": "RUNNING",
                }
            ],
        )
    elif record.status == JobStatus.FINISHED:
        answer["progress"] = 1.0
    return answer
