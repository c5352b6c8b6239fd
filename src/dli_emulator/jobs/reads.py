"""The operations that read a job: status, detail, list, progress, preview; and cancel."""

from __future__ import annotations

from typing import Any

from ..errors import not_supported
from ..model import JobStatus
from ..storage.store import JobFilter
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
    where = JobFilter(
        status=query.job_status,
        job_types=_job_types(query.job_type, query.job_types),
        queue_name=query.queue_name,
        job_id=query.job_id,
        owner=query.owner,
        start=query.start,
        end=query.end,
        sql_pattern=query.sql_pattern,
        engine_type=query.engine_type,
        tags=query.tags,
        db_name=query.db_name,
        table_name=query.table_name,
    )
    total, records = context.store.list(
        project_id, where, query.order, query.page_size, query.current_page
    )
    now = now_ms()
    answer = wire.envelope()
    answer.update(job_count=total, jobs=[wire.list_item(r, now) for r in records])
    return answer


def _job_types(single: str | None, several: tuple[str, ...]) -> frozenset[str] | None:
    """job-type and job_types together: their intersection; ALL (or nothing) is no filter."""
    chosen: frozenset[str] | None = None
    for given in (frozenset([single] if single else ()), frozenset(several)):
        if given and "ALL" not in given:
            chosen = given if chosen is None else chosen & given
    return chosen


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
