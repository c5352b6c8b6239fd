"""CreateSqlJob and CheckSql: statements parsed by the engine, run as jobs or only checked."""

from __future__ import annotations

import uuid
from typing import Any

from ..engines.protocol import (
    DEFAULT_DATABASE,
    Checkpoint,
    Outcome,
    RunRequest,
    Session,
    Statement,
)
from ..engines.sparktypes import json_safe, preview_schema
from ..model import JobRecord, JobStatus, JobType
from . import layout, wire
from .conf import parse_conf
from .context import ENGINE_TYPE, JobContext, accepted
from .requests import CheckSqlRequest, SubmitRequest
from .runner import Job, Work, now_ms

MAX_INLINE_ROWS = 1000
SQL_OK = "the sql is ok"


def submit(
    context: JobContext, project_id: str, owner: str, request: SubmitRequest
) -> dict[str, Any]:
    """CreateSqlJob. DCL, and DDL with dli.sql.sqlasync.enabled=false, run synchronously."""
    queue = context.queue(request.queue_name)
    conf = parse_conf(request.conf)
    statement = context.engine.parse(request.sql)
    currentdb = request.currentdb or DEFAULT_DATABASE
    job_type = statement.job_type
    sync = job_type == JobType.DCL or (job_type == JobType.DDL and not conf.sql_async)
    job_id, start = str(uuid.uuid4()), now_ms()
    database_name = statement.database_name
    if statement.table_name is not None:
        database_name = database_name or currentdb
    record = context.new_record(
        project_id,
        owner,
        job_type,
        statement.text,
        queue,
        sync=sync,
        conf=conf,
        tags=[{"key": tag.key, "value": tag.value} for tag in request.tags],
        engine_type=request.engine_type or ENGINE_TYPE,
        job_id=job_id,
        start_time=start,
        currentdb=currentdb,
        database_name=database_name,
        table_name=statement.table_name,
        result_path=(
            layout.result_uri(project_id, job_id, start) if job_type == JobType.QUERY else None
        ),
        execution_details_path=layout.details_uri(project_id, job_id, start),
    )
    work = _statement_work(context, record, statement)
    job = Job(record, work, conf.timeout_seconds, conf.engine_settings)
    if not sync:
        context.runner.launch(job)
        return accepted(record, "")
    outcome = context.runner.run_inline(job)
    final = context.job(project_id, record.job_id)
    answer = wire.envelope(final.message, final.status == JobStatus.FINISHED)
    answer.update(job_id=record.job_id, job_type=record.job_type, job_mode="sync")
    if outcome is not None and outcome.fields is not None:
        answer["schema"] = preview_schema(outcome.fields)
        rows = (outcome.rows or [])[:MAX_INLINE_ROWS]
        answer["rows"] = [[json_safe(v) for v in row] for row in rows]
    return answer


def check_sql(context: JobContext, project_id: str, request: CheckSqlRequest) -> dict[str, Any]:
    """CheckSql: syntax (DLI.0004) and, for queries and DML, names (DLI.0005); runs nothing."""
    statement = context.engine.parse(request.sql)
    context.engine.check(project_id, statement, request.currentdb or DEFAULT_DATABASE)
    answer = wire.envelope(SQL_OK)
    answer["job_type"] = statement.job_type
    return answer


def _statement_work(context: JobContext, record: JobRecord, statement: Statement) -> Work:
    currentdb = record.currentdb or DEFAULT_DATABASE
    result = None
    if record.result_path is not None:
        result = layout.result_dir(context.obs, record.result_path)

    def work(session: Session, checkpoint: Checkpoint) -> Outcome:
        return session.run(RunRequest(statement, currentdb, result), checkpoint)

    return work
