"""The operations that read a job: status, detail, list, progress, preview; and cancel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..errors import not_supported, parameter_invalid
from ..model import JobStatus
from ..storage.store import ORDERS, JobFilter
from . import checks, wire
from .context import JobContext
from .runner import now_ms

MAX_PREVIEW_ROWS = 1000
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def status(context: JobContext, project_id: str, job_id: str) -> dict[str, Any]:
    """ShowSqlJobStatus."""
    return wire.status_body(context.job(project_id, job_id), now_ms())


def detail(context: JobContext, project_id: str, job_id: str) -> dict[str, Any]:
    """ShowSqlJobDetail."""
    return wire.detail_body(context.job(project_id, job_id), now_ms())


def list_jobs(context: JobContext, project_id: str, query: Mapping[str, Any]) -> dict[str, Any]:
    """ListSqlJobs: filtered, ordered and paged in the store."""
    page_size = checks.integer(query, "page-size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = checks.integer(query, "current-page", 1, 1, None)
    order = query.get("order") or "start_time_desc"
    if order not in ORDERS:
        raise parameter_invalid(f"order must be one of {', '.join(ORDERS)}, got {order!r}")
    where = JobFilter(
        status=query.get("job-status") or None,
        job_types=checks.job_types(query.get("job-type"), query.get("job_types")),
        queue_name=query.get("queue_name") or None,
        job_id=query.get("job-id") or None,
        owner=query.get("owner") or None,
        start=checks.integer(query, "start", None, 0, None),
        end=checks.integer(query, "end", None, 0, None),
        sql_pattern=query.get("sql_pattern") or None,
        engine_type=query.get("engine-type") or None,
        tags=checks.tag_filter(query.get("tags")),
        db_name=query.get("db_name") or None,
        table_name=query.get("table_name") or None,
    )
    total, records = context.store.list(project_id, where, order, page_size, page)
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
    context: JobContext, project_id: str, job_id: str, query: Mapping[str, Any]
) -> dict[str, Any]:
    """PreviewSqlJobResult: the first `page-size` (<= 1000) rows of a FINISHED QUERY job."""
    limit = checks.integer(query, "page-size", MAX_PREVIEW_ROWS, 1, MAX_PREVIEW_ROWS)
    if query.get("queue-name"):
        context.queue(query["queue-name"])
    record = context.finished_query(project_id, job_id, "previewed")
    rows = context.engine.read_result(context.result_dir(record), limit)
    answer = wire.envelope()
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
