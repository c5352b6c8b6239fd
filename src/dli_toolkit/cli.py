"""The `dli` command line: submit SQL, follow jobs, read results."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Annotated, Any, Literal

import typer
from dli_client.models.create_sql_job_response import CreateSqlJobResponse
from dli_client.models.job_mode import JobMode
from dli_client.models.job_status import JobStatus
from dli_client.models.job_type import JobType
from dli_client.models.job_type_filter import JobTypeFilter
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse
from dli_client.types import Unset
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from dli_toolkit import paging
from dli_toolkit.errors import (
    ConfigurationError,
    DliToolkitError,
    InvalidSql,
    JobCancelled,
    JobFailed,
    OperationFailed,
    WaitTimeout,
)
from dli_toolkit.factory import DliClient
from dli_toolkit.results import ResultTable
from dli_toolkit.waiting import DEFAULT_WAIT_TIMEOUT, JobUpdate


class ExitCode(IntEnum):
    """The documented exit codes (see EXIT_CODES); every command ends with one of them."""

    OK = 0
    JOB_FAILED = 1
    USAGE = 2
    JOB_CANCELLED = 3
    WAIT_TIMEOUT = 4
    API_ERROR = 5
    INTERRUPTED = 130


class CommandFailed(typer.TyperException):
    """A command's own verdict with its exit code, e.g. check-sql finding the SQL invalid."""

    def __init__(self, message: str, code: ExitCode) -> None:
        super().__init__(message)
        self.exit_code = code


HELP = """Submit Spark SQL to Huawei Cloud DLI, follow the jobs and read their results.

Credentials come from the environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (AK/SK
signing) or DLI_AUTH_TOKEN (an IAM token); the project from HUAWEICLOUD_SDK_PROJECT_ID or
--project-id; the endpoint from --endpoint / DLI_ENDPOINT or --region / DLI_REGION.
"""

EXIT_CODES = """Exit codes:

- 0: the command worked (the job FINISHED)
- 1: the job FAILED, or check-sql found the SQL invalid
- 2: bad usage or configuration (missing credentials, project, endpoint)
- 3: the job was CANCELLED
- 4: the wait timed out (the job goes on running)
- 5: API, authentication or connection error
"""

Output = Literal["table", "json", "csv"]


@dataclass(frozen=True)
class _Options:
    endpoint: str | None
    region: str | None
    project_id: str | None


def exit_for(error: BaseException) -> tuple[ExitCode, str]:
    """The exit code and the one line to print for a failure: the CLI's only error mapping."""
    match error:
        case ConfigurationError():
            return ExitCode.USAGE, f"error: {error}"
        case JobFailed():
            return ExitCode.JOB_FAILED, str(error)
        case JobCancelled():
            return ExitCode.JOB_CANCELLED, str(error)
        case WaitTimeout():
            return ExitCode.WAIT_TIMEOUT, str(error)
        case DliToolkitError():
            return ExitCode.API_ERROR, f"error: {error}"
        case CommandFailed():
            return ExitCode(error.exit_code), error.format_message()
        case typer.TyperException():  # usage errors: a bad option, a missing argument
            return ExitCode.USAGE, f"error: {error.format_message()}"
        case KeyboardInterrupt() | typer.Abort():
            return ExitCode.INTERRUPTED, "interrupted"
        case _:
            # A bug of ours still gets one line, not a traceback on a user's terminal.
            return ExitCode.API_ERROR, f"unexpected {type(error).__name__}: {error}"


class _DliGroup(TyperGroup):
    """The `dli` group: every command runs inside `main`, whose one handler maps failures."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            outcome = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
            code = ExitCode.OK if outcome is None else outcome
        except Exception as error:
            code, message = exit_for(error)
            # One line, never wrapped: plain typer.echo, not the rich console.
            typer.echo(f"dli: {' '.join(message.split())}", err=True)
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    name="dli",
    cls=_DliGroup,
    help=HELP,
    epilog=EXIT_CODES,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="markdown",
)


# No `envvar=` here: ClientSettings.resolve reads the environment itself, so that a --region
# given on the command line wins over a DLI_ENDPOINT left in the environment.
@app.callback()
def _global_options(
    ctx: typer.Context,
    endpoint: Annotated[
        str | None,
        typer.Option(help="DLI endpoint URL; else $DLI_ENDPOINT. Wins over --region."),
    ] = None,
    region: Annotated[
        str | None,
        typer.Option(help="Region ID, e.g. cn-north-4; else $DLI_REGION."),
    ] = None,
    project_id: Annotated[
        str | None,
        typer.Option(help="Project ID of the region; else $HUAWEICLOUD_SDK_PROJECT_ID."),
    ] = None,
) -> None:
    ctx.obj = _Options(endpoint=endpoint, region=region, project_id=project_id)


def _client(ctx: typer.Context) -> DliClient:
    options: _Options = ctx.obj
    return DliClient.create(
        endpoint=options.endpoint, region=options.region, project_id=options.project_id
    )


def _parse_conf(values: list[str] | None) -> list[str]:
    for value in values or []:
        key, equals, _ = value.partition("=")
        if not equals or not key.strip():
            raise typer.BadParameter(f"{value!r} is not key=value", param_hint="--conf")
    return list(values or [])


def _output_format(as_json: bool, as_csv: bool) -> Output:
    if as_json and as_csv:
        raise typer.BadParameter("give --json or --csv, not both")
    return "json" if as_json else "csv" if as_csv else "table"


def _print_result(result: ResultTable, output: Output) -> None:
    if output == "json":
        result.write_json(sys.stdout)
    elif output == "csv":
        result.write_csv(sys.stdout)
    else:
        _print_table(result.columns, result.text_rows(null="NULL"))


def _print_table(headers: list[str], rows: list[list[str]], *, squeeze: bool = False) -> None:
    """A boxed table on a terminal; tab-separated lines (header first) for a pipe or a file.

    With `squeeze`, every cell stays on one line and the last column is cut with an ellipsis
    to fit the terminal (rich would otherwise narrow the short columns first).
    """
    if not sys.stdout.isatty():
        for line in [headers, *rows]:
            typer.echo("\t".join(" ".join(cell.split()) for cell in line))
        return
    console = Console(highlight=False)
    table = Table(*headers)
    for row in rows:
        table.add_row(*row)
    if squeeze:
        for column in table.columns:
            column.no_wrap = True
        widths = [max(len(line[i]) for line in [headers, *rows]) for i in range(len(headers))]
        # Each column takes its width plus 3 (padding and a rule), the table one more rule.
        room = console.width - sum(widths[:-1]) - (3 * len(headers) + 1)
        table.columns[-1].overflow = "ellipsis"
        table.columns[-1].max_width = max(room, len(headers[-1]))
    console.print(table)


class _Follow:
    """Shows a wait on stderr: a live bar when stdout is a terminal, a line per change otherwise."""

    def __init__(self, job_id: str, *, live: bool) -> None:
        self._job_id = job_id
        self._last: tuple[str, int | None] | None = None
        self._progress = (
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            if live
            else None
        )
        self._task: TaskID | None = None

    def __enter__(self) -> _Follow:
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task(self._job_id, total=None)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, update: JobUpdate) -> None:
        percent = None if update.fraction is None else round(update.fraction * 100)
        if self._progress is not None and self._task is not None:
            self._progress.update(
                self._task,
                description=f"{self._job_id} {update.status}",
                total=None if percent is None else 100,
                completed=percent or 0,
            )
            return
        if (str(update.status), percent) != self._last:
            self._last = (str(update.status), percent)
            shown = "" if percent is None else f" {percent}%"
            typer.echo(f"job {self._job_id}: {update.status}{shown}", err=True)


def _wait(client: DliClient, job_id: str, timeout: float) -> ShowSqlJobStatusResponse:
    with _Follow(job_id, live=sys.stdout.isatty()) as follow:
        return client.wait(job_id, timeout=timeout or None, on_progress=follow)


WaitTimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout", min=0, help="Seconds to wait for the job to end; 0 waits without limit."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Rows as a JSON array of objects.")]
CsvOption = Annotated[bool, typer.Option("--csv", help="Rows as CSV with a header line.")]


@app.command(epilog=EXIT_CODES)
def submit(
    ctx: typer.Context,
    sql: Annotated[str, typer.Argument(metavar="SQL", help="One Spark SQL statement.")],
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for the job; print a query's rows.")
    ] = False,
    queue: Annotated[str | None, typer.Option(help="Queue to run on.")] = None,
    db: Annotated[str | None, typer.Option(help="Database of unqualified table names.")] = None,
    conf: Annotated[
        list[str] | None,
        typer.Option(help="A setting key=value, e.g. dli.sql.job.timeout=60; repeatable."),
    ] = None,
    timeout: WaitTimeoutOption = DEFAULT_WAIT_TIMEOUT,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Submit SQL; print the job ID, or with --wait the query's rows once it finished."""
    output = _output_format(as_json, as_csv)
    settings = _parse_conf(conf)
    with _client(ctx) as client:
        try:
            job = client.submit(sql, queue=queue, database=db, conf=settings or None)
        except OperationFailed as error:
            if isinstance(error.result, CreateSqlJobResponse):
                raise JobFailed(error.result.job_id, "FAILED", error.error_msg) from error
            raise
        if not wait:
            typer.echo(job.job_id)
            if job.job_mode == JobMode.SYNC and not isinstance(job.rows, Unset):
                _print_result(ResultTable.from_response(job), output)
            return
        typer.echo(f"submitted job {job.job_id} ({job.job_type})", err=True)
        _wait(client, job.job_id, timeout)
        if not isinstance(job.rows, Unset):
            _print_result(ResultTable.from_response(job), output)
        elif job.job_type == JobType.QUERY:
            _print_result(ResultTable.from_response(client.preview(job.job_id)), output)
        else:
            typer.echo(f"{job.job_id} {JobStatus.FINISHED}")


@app.command()
def status(
    ctx: typer.Context,
    job_id: Annotated[str, typer.Argument(metavar="JOB", help="Job ID.")],
    as_json: Annotated[bool, typer.Option("--json", help="The whole status as JSON.")] = False,
) -> None:
    """Show a job's status."""
    with _client(ctx) as client:
        job = client.status(job_id)
    if as_json:
        typer.echo(json.dumps(job.to_dict(), ensure_ascii=False))
        return
    fields: list[tuple[str, Any]] = [
        ("job_id", job.job_id),
        ("status", job.status),
        ("job_type", job.job_type),
        ("job_mode", job.job_mode),
        ("queue", job.queue_name),
        ("owner", job.owner),
        ("started", _when(job.start_time)),
        ("duration", _seconds(job.duration)),
        ("result_count", job.result_count),
        ("statement", job.statement),
        ("message", job.message),
    ]
    width = max(len(name) for name, _ in fields)
    for name, value in fields:
        if not isinstance(value, Unset) and value != "":
            typer.echo(f"{name:<{width}}  {value}")


@app.command(name="wait", epilog=EXIT_CODES)
def wait_command(
    ctx: typer.Context,
    job_id: Annotated[str, typer.Argument(metavar="JOB", help="Job ID.")],
    timeout: WaitTimeoutOption = DEFAULT_WAIT_TIMEOUT,
) -> None:
    """Wait until a job ends; the exit code tells how it ended."""
    with _client(ctx) as client:
        final = _wait(client, job_id, timeout)
    typer.echo(f"{final.job_id} {final.status}")


@app.command()
def jobs(
    ctx: typer.Context,
    status: Annotated[JobStatus | None, typer.Option(help="Only jobs in this state.")] = None,
    job_type: Annotated[
        JobTypeFilter | None, typer.Option("--type", help="Only jobs of this type.")
    ] = None,
    queue: Annotated[str | None, typer.Option(help="Only jobs on this queue.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many jobs, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="The jobs as JSON.")] = False,
) -> None:
    """List jobs, newest first."""
    filters: dict[str, Any] = {}
    if status is not None:
        filters["job_status"] = status
    if job_type is not None:
        filters["job_type"] = job_type
    if queue is not None:
        filters["queue_name"] = queue
    with _client(ctx) as client:
        found = list(
            client.iter_jobs(page_size=min(limit, paging.MAX_PAGE_SIZE), limit=limit, **filters)
        )
    if as_json:
        typer.echo(json.dumps([job.to_dict() for job in found], ensure_ascii=False))
        return
    headers = ["JOB ID", "STATUS", "TYPE", "QUEUE", "STARTED", "DURATION", "STATEMENT"]
    rows = [
        [
            job.job_id,
            str(job.status),
            str(job.job_type),
            job.queue_name,
            _when(job.start_time),
            _seconds(job.duration),
            job.statement,
        ]
        for job in found
    ]
    _print_table(headers, rows, squeeze=True)


@app.command()
def preview(
    ctx: typer.Context,
    job_id: Annotated[str, typer.Argument(metavar="JOB", help="Job ID of a finished query.")],
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
    rows: Annotated[
        int | None,
        typer.Option(
            min=1,
            max=paging.MAX_PREVIEW_ROWS,
            help=f"Rows to fetch (the service's limit: {paging.MAX_PREVIEW_ROWS}).",
        ),
    ] = None,
) -> None:
    """Print the first rows of a finished query."""
    output = _output_format(as_json, as_csv)
    with _client(ctx) as client:
        result = client.preview(job_id, page_size=rows)
    _print_result(ResultTable.from_response(result), output)


@app.command()
def cancel(
    ctx: typer.Context, job_id: Annotated[str, typer.Argument(metavar="JOB", help="Job ID.")]
) -> None:
    """Cancel a launching or running job."""
    with _client(ctx) as client:
        client.cancel(job_id)
    typer.echo(f"{job_id} cancel requested")


@app.command(name="check-sql")
def check_sql(
    ctx: typer.Context,
    sql: Annotated[str, typer.Argument(metavar="SQL", help="The statement to check.")],
    db: Annotated[str | None, typer.Option(help="Database of unqualified table names.")] = None,
) -> None:
    """Check a statement's syntax without running it."""
    with _client(ctx) as client:
        try:
            checked = client.check_sql(sql, database=db)
        except InvalidSql as error:
            raise CommandFailed(f"invalid SQL: {error}", ExitCode.JOB_FAILED) from None
    typer.echo(f"OK {checked.job_type}" if not isinstance(checked.job_type, Unset) else "OK")


def _when(epoch_ms: int | Unset) -> str:
    if isinstance(epoch_ms, Unset):
        return ""
    return datetime.fromtimestamp(epoch_ms / 1000).strftime("%Y-%m-%d %H:%M:%S")


def _seconds(milliseconds: int | Unset) -> str:
    return "" if isinstance(milliseconds, Unset) else f"{milliseconds / 1000:.1f}s"


def main() -> None:
    """Entry point of the `dli` script."""
    app(prog_name="dli")
