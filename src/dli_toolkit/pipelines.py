"""Pipelines over the SQL-job API: `run` a statement to its result, `fetch` every row of a
query, `run_script` a file of statements in order.

`fetch` takes the preview when it holds the whole result (at most 1000 rows). Otherwise it asks
the service to export the result to OBS as JSON lines (ExportSqlJobResult), waits for that
EXPORT job and streams the exported files back through an `ObjectStore`: the rows are read as
they are iterated, never all at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypedDict, Unpack

from dli_client.models.async_job_response import AsyncJobResponse
from dli_client.models.create_sql_job_response import CreateSqlJobResponse
from dli_client.models.engine_type import EngineType
from dli_client.models.export_sql_job_result_request import ExportSqlJobResultRequest
from dli_client.models.export_sql_job_result_request_data_type import (
    ExportSqlJobResultRequestDataType,
)
from dli_client.models.export_sql_job_result_request_export_mode import (
    ExportSqlJobResultRequestExportMode,
)
from dli_client.models.job_mode import JobMode
from dli_client.models.job_status import JobStatus
from dli_client.models.job_type import JobType
from dli_client.models.preview_sql_job_result_response import PreviewSqlJobResultResponse
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse
from dli_client.types import UNSET, Unset

from dli_toolkit import scripts, waiting
from dli_toolkit.errors import (
    BadRequest,
    ConfigurationError,
    DliToolkitError,
    InvalidSql,
    JobCancelled,
    JobFailed,
    OperationFailed,
)
from dli_toolkit.exports import JsonLinesExport
from dli_toolkit.objectstore import ObjectStore, object_store_from_env
from dli_toolkit.results import Column, QueryResult

ENV_EXPORT_PATH = "DLI_EXPORT_PATH"
# An export's end is noticed within a tenth of its run time rather than after the next of the
# default waits (0.2, 0.4, 0.8, ... s): most of them take seconds, not minutes.
EXPORT_BACKOFF = waiting.Backoff(initial=0.05, multiplier=1.5, cap=2.0)
# 400 codes by which the service refuses the statement itself (the API reference's table):
# SQL permission (0003), syntax (0004), semantics (0005), object already exists (0006),
# metadata (0008). Fixing the SQL fixes them; retrying does not.
SQL_REFUSALS = frozenset({"DLI.0003", "DLI.0004", "DLI.0005", "DLI.0006", "DLI.0008"})


def refuses_sql(error: BaseException) -> bool:
    """True for an error that says the statement is wrong rather than the call or the service."""
    return isinstance(error, InvalidSql) or (
        isinstance(error, BadRequest) and error.error_code in SQL_REFUSALS
    )


Conf = Sequence[str] | Mapping[str, str]


class SubmitOptions(TypedDict, total=False):
    """Keyword arguments of the clients' `submit`: `conf` is `["k=v", ...]` or `{"k": "v"}`."""

    queue: str | None
    database: str | None
    conf: Conf | None
    tags: Mapping[str, str] | None
    engine: EngineType | None
    catalog: str | None


class JobApi(Protocol):
    """The `DliClient` calls a pipeline makes."""

    def submit(self, sql: str, **options: Unpack[SubmitOptions]) -> CreateSqlJobResponse: ...

    def status(self, job_id: str) -> ShowSqlJobStatusResponse: ...

    def preview(
        self, job_id: str, *, queue: str | None = ..., page_size: int | None = ...
    ) -> PreviewSqlJobResultResponse: ...

    def export_result(
        self, job_id: str, request: ExportSqlJobResultRequest
    ) -> AsyncJobResponse: ...

    def wait(
        self, job_id: str, **options: Unpack[waiting.WaitOptions]
    ) -> ShowSqlJobStatusResponse: ...


class AsyncJobApi(Protocol):
    """The `AsyncDliClient` calls a pipeline makes."""

    async def submit(self, sql: str, **options: Unpack[SubmitOptions]) -> CreateSqlJobResponse: ...

    async def preview(
        self, job_id: str, *, queue: str | None = ..., page_size: int | None = ...
    ) -> PreviewSqlJobResultResponse: ...

    async def export_result(
        self, job_id: str, request: ExportSqlJobResultRequest
    ) -> AsyncJobResponse: ...

    async def wait(
        self, job_id: str, **options: Unpack[waiting.WaitOptions]
    ) -> ShowSqlJobStatusResponse: ...


@dataclass(frozen=True)
class FetchOptions:
    """Where `fetch` exports a result too large for the preview, and how it reads it back.

    `export_path` is an OBS folder (`obs://bucket/prefix`; else $DLI_EXPORT_PATH): the result of
    job J goes to `<export_path>/J`, replacing an earlier fetch of J. `store` reads it (else the
    one $DLI_OBS_DIR or $DLI_OBS_ENDPOINT names).
    """

    export_path: str | None = None
    store: ObjectStore | None = None
    queue: str | None = None
    timeout: float | None = waiting.DEFAULT_WAIT_TIMEOUT
    environ: Mapping[str, str] | None = field(default=None, repr=False)

    def resolved(self) -> tuple[str, ObjectStore]:
        env = os.environ if self.environ is None else self.environ
        path = self.export_path or env.get(ENV_EXPORT_PATH)
        store = self.store or object_store_from_env(env)
        if not path or store is None:
            raise ConfigurationError(
                "reading more than the preview's 1000 rows exports the result to OBS: give an "
                f"export path (${ENV_EXPORT_PATH}, e.g. obs://bucket/dli-results) and where to "
                "read it ($DLI_OBS_ENDPOINT with AK/SK, or $DLI_OBS_DIR for the emulator's "
                "<data dir>/obs)"
            )
        return path.rstrip("/"), store


def submit(client: JobApi, sql: str, **options: Unpack[SubmitOptions]) -> CreateSqlJobResponse:
    """Submit one statement; a synchronous job that failed raises `JobFailed` with its ID."""
    try:
        return client.submit(sql, **options)
    except OperationFailed as error:
        raise _failed_job(error) from error


def _failed_job(error: OperationFailed) -> DliToolkitError:
    # A synchronous statement that failed answers is_success=false with its job's ID.
    if isinstance(error.result, CreateSqlJobResponse):
        return JobFailed(error.result.job_id, "FAILED", error.error_msg)
    return error


class RunOptions(TypedDict, total=False):
    """Keyword arguments of `run`, `arun` and the clients' `run` (defaults: `RunPlan`)."""

    queue: str | None
    database: str | None
    conf: Conf | None
    timeout: float | None
    on_progress: waiting.ProgressCallback | None
    all_rows: bool
    fetch_options: FetchOptions | None


@dataclass(frozen=True)
class RunPlan:
    """`RunOptions` with their defaults: where the job runs (`queue`, `database`, `conf`), how
    long to wait for it (`timeout`, `on_progress`), and which rows to return."""

    queue: str | None = None
    database: str | None = None
    conf: Conf | None = None
    timeout: float | None = waiting.DEFAULT_WAIT_TIMEOUT
    on_progress: waiting.ProgressCallback | None = None
    all_rows: bool = False
    fetch_options: FetchOptions | None = None


def run(client: JobApi, sql: str, **options: Unpack[RunOptions]) -> QueryResult:
    """Submit one statement, wait for it, and return its result.

    A query gives its preview (see `QueryResult.truncated`), or every row with `all_rows`;
    a statement that returns rows inline (SHOW ...) gives those; any other an empty result.
    Raises `JobFailed`/`JobCancelled`/`WaitTimeout` as `DliClient.wait` does.
    """
    plan = RunPlan(**options)
    job = submit(client, sql, queue=plan.queue, database=plan.database, conf=plan.conf)
    if job.job_mode != JobMode.SYNC:
        client.wait(job.job_id, timeout=plan.timeout, on_progress=plan.on_progress)
    return job_result(client, job, all_rows=plan.all_rows, fetch_options=plan.fetch_options)


def answered_result(job: CreateSqlJobResponse) -> QueryResult | None:
    """The result a submit answer settles by itself: its inline rows (SHOW ...), or an empty one
    for a statement that returns no rows; None for a query, whose rows are read afterwards."""
    if not isinstance(job.rows, Unset):
        return QueryResult.from_response(job, job_id=job.job_id)
    if job.job_type != JobType.QUERY:
        return QueryResult([], [], total_rows=0, job_id=job.job_id)
    return None


def job_result(
    client: JobApi,
    job: CreateSqlJobResponse,
    *,
    all_rows: bool = False,
    fetch_options: FetchOptions | None = None,
) -> QueryResult:
    """The result of a finished job as its submit answer describes it."""
    settled = answered_result(job)
    if settled is not None:
        return settled
    if all_rows:
        return fetch(client, job.job_id, fetch_options)
    return QueryResult.from_response(client.preview(job.job_id), job_id=job.job_id)


def fetch(client: JobApi, job_id: str, options: FetchOptions | None = None) -> QueryResult:
    """Every row of a FINISHED query: the preview when it holds them all, else an export to
    OBS read back as the result is iterated (see `FetchOptions`)."""
    options = options or FetchOptions()
    preview = QueryResult.from_response(client.preview(job_id, queue=options.queue), job_id=job_id)
    if not preview.truncated:
        return preview
    export = ExportPlan.make(job_id, options)
    started = client.export_result(job_id, export.request)
    client.wait(export_job_id(started), timeout=options.timeout, backoff=EXPORT_BACKOFF)
    return export.result(preview)


def export_job_id(started: AsyncJobResponse) -> str:
    """The new job of an export answer; the reference lets it leave `job_id` out (dli_02_0024),
    and then there is nothing to wait for."""
    if isinstance(started.job_id, str):
        return started.job_id
    raise DliToolkitError(f"the export answer carried no job_id: {started.message or ''}")


async def arun(client: AsyncJobApi, sql: str, **options: Unpack[RunOptions]) -> QueryResult:
    """`run` for an `AsyncDliClient`."""
    plan = RunPlan(**options)
    try:
        job = await client.submit(sql, queue=plan.queue, database=plan.database, conf=plan.conf)
    except OperationFailed as error:
        raise _failed_job(error) from error
    if job.job_mode != JobMode.SYNC:
        await client.wait(job.job_id, timeout=plan.timeout, on_progress=plan.on_progress)
    settled = answered_result(job)
    if settled is not None:
        return settled
    if plan.all_rows:
        return await afetch(client, job.job_id, plan.fetch_options)
    return QueryResult.from_response(await client.preview(job.job_id), job_id=job.job_id)


async def afetch(
    client: AsyncJobApi, job_id: str, options: FetchOptions | None = None
) -> QueryResult:
    """`fetch` for an `AsyncDliClient`; the exported files are read as the result is iterated."""
    options = options or FetchOptions()
    answer = await client.preview(job_id, queue=options.queue)
    preview = QueryResult.from_response(answer, job_id=job_id)
    if not preview.truncated:
        return preview
    export = ExportPlan.make(job_id, options)
    started = await client.export_result(job_id, export.request)
    await client.wait(export_job_id(started), timeout=options.timeout, backoff=EXPORT_BACKOFF)
    return export.result(preview)


@dataclass(frozen=True)
class ExportPlan:
    """The export `fetch` asks for, and how its files are read back once it finished."""

    job_id: str
    folder: str
    store: ObjectStore
    request: ExportSqlJobResultRequest

    @classmethod
    def make(cls, job_id: str, options: FetchOptions) -> ExportPlan:
        path, store = options.resolved()
        folder = f"{path}/{job_id}"
        request = ExportSqlJobResultRequest(
            data_path=folder,
            data_type=ExportSqlJobResultRequestDataType.JSON,
            export_mode=ExportSqlJobResultRequestExportMode.OVERWRITE,
            queue_name=UNSET if options.queue is None else options.queue,
        )
        return cls(job_id, folder, store, request)

    def result(self, preview: QueryResult) -> QueryResult:
        return exported_result(
            self.store, self.folder, preview.columns, preview.total_rows, self.job_id
        )


def exported_result(
    store: ObjectStore,
    folder: str,
    columns: Sequence[Column],
    total_rows: int | None,
    job_id: str | None = None,
) -> QueryResult:
    """A result read from the JSON-lines files an export wrote into `folder`."""
    files = [uri for uri in store.list(folder) if _is_data_file(uri)]
    if not files and total_rows:
        raise DliToolkitError(f"the export of job {job_id} wrote no files under {folder}")
    source = JsonLinesExport(store, files, columns)
    return QueryResult(columns, source, total_rows=total_rows, job_id=job_id)


def _is_data_file(uri: str) -> bool:
    # Spark writes _SUCCESS beside the part files; hidden files are temporary.
    name = uri.rsplit("/", 1)[-1]
    return not name.startswith(("_", "."))


# -- scripts -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementOutcome:
    """What became of one statement of a script."""

    statement: scripts.Statement
    job_id: str | None
    status: str  # FINISHED, FAILED, CANCELLED, or SKIPPED (after an earlier failure)
    result: QueryResult | None = None
    error: DliToolkitError | None = None


def run_script(
    client: JobApi,
    script: str,
    *,
    variables: Mapping[str, str] | None = None,
    queue: str | None = None,
    database: str | None = None,
    conf: Conf | None = None,
    timeout: float | None = waiting.DEFAULT_WAIT_TIMEOUT,
    continue_on_error: bool = False,
    on_start: Callable[[int, scripts.Statement], None] | None = None,
    on_done: Callable[[int, StatementOutcome], None] | None = None,
    on_progress: waiting.ProgressCallback | None = None,
) -> list[StatementOutcome]:
    """Run the statements of `script` in order, each as its own job with the same queue,
    database and conf. The first failure stops the rest (SKIPPED) unless `continue_on_error`.

    A failing job or a statement the service refuses (`SQL_REFUSALS` at submit) is a failure
    of that statement; an error of the API itself (auth, connection, a missing queue) is raised.
    """
    statements = scripts.split(scripts.substitute(script, variables or {}))
    outcomes: list[StatementOutcome] = []
    stopped = False
    for index, statement in enumerate(statements):
        if stopped:
            outcomes.append(StatementOutcome(statement, None, "SKIPPED"))
            continue
        if on_start is not None:
            on_start(index, statement)
        outcome = _run_statement(client, statement, queue, database, conf, timeout, on_progress)
        outcomes.append(outcome)
        if on_done is not None:
            on_done(index, outcome)
        stopped = outcome.status != JobStatus.FINISHED and not continue_on_error
    return outcomes


def _run_statement(
    client: JobApi,
    statement: scripts.Statement,
    queue: str | None,
    database: str | None,
    conf: Conf | None,
    timeout: float | None,
    on_progress: waiting.ProgressCallback | None,
) -> StatementOutcome:
    job_id: str | None = None
    try:
        job = submit(client, statement.sql, queue=queue, database=database, conf=conf)
        job_id = job.job_id
        if job.job_mode != JobMode.SYNC:
            client.wait(job.job_id, timeout=timeout, on_progress=on_progress)
        result = job_result(client, job)
    except JobFailed as error:
        return StatementOutcome(statement, error.job_id, str(JobStatus.FAILED), error=error)
    except BadRequest as error:
        if not refuses_sql(error):
            raise
        return StatementOutcome(statement, job_id, str(JobStatus.FAILED), error=error)
    except JobCancelled as error:
        return StatementOutcome(statement, job_id, str(JobStatus.CANCELLED), error=error)
    return StatementOutcome(statement, job_id, str(JobStatus.FINISHED), result=result)
