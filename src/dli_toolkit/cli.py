"""The `dli` command line: submit SQL, follow jobs, read results."""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum, StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

import typer
from dli_client.models.job_mode import JobMode
from dli_client.models.job_status import JobStatus
from dli_client.models.job_type_filter import JobTypeFilter
from dli_client.models.show_sql_job_status_response import ShowSqlJobStatusResponse
from dli_client.types import Unset
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from typer.core import TyperGroup

from dli_toolkit import paging, pipelines, scripts
from dli_toolkit.errors import (
    ConfigurationError,
    DliToolkitError,
    InvalidSql,
    JobCancelled,
    JobFailed,
    WaitTimeout,
)
from dli_toolkit.factory import DliClient
from dli_toolkit.objectstore import LocalObjectStore
from dli_toolkit.results import Format, QueryResult
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
- 1: the job FAILED, the service refused the SQL (DLI.0003-0006, DLI.0008), or check-sql
  found it invalid; for `dli run`, a statement failed
- 2: bad usage or configuration (missing credentials, project, endpoint; an unreadable file)
- 3: the job was CANCELLED
- 4: the wait timed out (the job goes on running)
- 5: API, authentication or connection error
- 130: interrupted (Ctrl-C); a job being waited for goes on running
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
        case DliToolkitError() if pipelines.refuses_sql(error):
            # The SQL is wrong, not the service: a pipeline must tell the two apart.
            return ExitCode.JOB_FAILED, f"invalid SQL: {error}"
        case scripts.ScriptError():
            return ExitCode.USAGE, f"error: {error}"
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


def _print_result(result: QueryResult, output: Output) -> None:
    if output == "json":
        result.write_json(sys.stdout)
    elif output == "csv":
        result.write_csv(sys.stdout)
    else:
        _print_table(result.column_names, result.text_rows(null="NULL"))
    if result.truncated:
        # On stderr, so that a pipe of the rows stays clean, but never silent.
        typer.echo(
            f"showing {result.shown_rows} of {result.total_rows} rows; "
            f"dli fetch {result.job_id} gets all",
            err=True,
        )


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
    try:
        with _Follow(job_id, live=sys.stdout.isatty()) as follow:
            return client.wait(job_id, timeout=timeout or None, on_progress=follow)
    except KeyboardInterrupt:
        raise _interrupted(job_id) from None


def _interrupted(job_id: str | None) -> CommandFailed:
    if job_id is None:
        return CommandFailed("interrupted", ExitCode.INTERRUPTED)
    return CommandFailed(
        f"interrupted: job {job_id} goes on running on the service; `dli cancel {job_id}` stops it",
        ExitCode.INTERRUPTED,
    )


def _read_sql(sql: str | None, file: Path | None) -> str:
    """The SQL of `submit`: the argument, `-` for standard input, or --file."""
    if sql is not None and file is not None:
        raise typer.BadParameter("give the SQL or --file, not both")
    if file is not None:
        text = _read_file(file)
    elif sql == "-":
        text = sys.stdin.read()
    elif sql is not None:
        text = sql
    else:
        raise typer.BadParameter(
            "give the SQL, - to read it from standard input, or --file FILE", param_hint="SQL"
        )
    if not text.strip():
        raise typer.BadParameter("the SQL is empty")
    return text


def _read_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise typer.BadParameter(f"cannot read {path}: {error}") from None


WaitTimeoutOption = Annotated[
    float,
    typer.Option(
        "--timeout", min=0, help="Seconds to wait for the job to end; 0 waits without limit."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Rows as a JSON array of objects.")]
QueueOption = Annotated[str | None, typer.Option(help="Queue to run on.")]
DatabaseOption = Annotated[str | None, typer.Option(help="Database of unqualified table names.")]
ConfOption = Annotated[
    list[str] | None,
    typer.Option(help="A setting key=value, e.g. dli.sql.job.timeout=60; repeatable."),
]
CsvOption = Annotated[bool, typer.Option("--csv", help="Rows as CSV with a header line.")]


@app.command(epilog=EXIT_CODES)
def submit(
    ctx: typer.Context,
    sql: Annotated[
        str | None,
        typer.Argument(metavar="SQL", help="One Spark SQL statement; - reads standard input."),
    ] = None,
    file: Annotated[
        Path | None, typer.Option("--file", "-f", help="Read the statement from this file.")
    ] = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait for the job; print a query's rows.")
    ] = False,
    queue: QueueOption = None,
    db: DatabaseOption = None,
    conf: ConfOption = None,
    timeout: WaitTimeoutOption = DEFAULT_WAIT_TIMEOUT,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> None:
    """Submit SQL; print the job ID, or with --wait the query's rows once it finished.

    A query's rows are its preview (at most 1000): when the job made more, stderr says so and
    `dli fetch JOB` gets them all.
    """
    output = _output_format(as_json, as_csv)
    statement = _read_sql(sql, file)
    settings = _parse_conf(conf)
    with _client(ctx) as client:
        job = pipelines.submit(client, statement, queue=queue, database=db, conf=settings or None)
        if not wait:
            typer.echo(job.job_id)
            if job.job_mode == JobMode.SYNC and not isinstance(job.rows, Unset):
                _print_result(QueryResult.from_response(job), output)
            return
        typer.echo(f"submitted job {job.job_id} ({job.job_type})", err=True)
        _wait(client, job.job_id, timeout)
        result = pipelines.job_result(client, job)
        if result.columns:
            _print_result(result, output)
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
    _print_result(QueryResult.from_response(result, job_id=job_id), output)


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


@app.command(name="run", epilog=EXIT_CODES)
def run_command(
    ctx: typer.Context,
    script: Annotated[
        str, typer.Argument(metavar="FILE", help="A file of SQL statements; - reads stdin.")
    ],
    var: Annotated[
        list[str] | None,
        typer.Option("--var", help="NAME=VALUE: replaces ${NAME} in the script; repeatable."),
    ] = None,
    continue_on_error: Annotated[
        bool,
        typer.Option(help="Run the statements after a failed one too (the exit code is still 1)."),
    ] = False,
    queue: QueueOption = None,
    db: DatabaseOption = None,
    conf: ConfOption = None,
    timeout: WaitTimeoutOption = DEFAULT_WAIT_TIMEOUT,
    as_json: JsonOption = False,
    as_csv: CsvOption = False,
) -> ExitCode:
    """Run a script: each statement (cut at `;`, not inside quotes or comments) is its own job,
    in order, with the same queue, database and conf. Progress goes to stderr, query rows to
    stdout. The first failure stops the script unless --continue-on-error; a summary ends it.
    """
    output = _output_format(as_json, as_csv)
    text = sys.stdin.read() if script == "-" else _read_file(Path(script))
    variables = _parse_pairs(var, "--var")
    settings = _parse_conf(conf)
    statements = scripts.split(scripts.substitute(text, variables))
    if not statements:
        raise typer.BadParameter(f"{script} holds no SQL statement", param_hint="FILE")
    total = len(statements)
    started = time.monotonic()
    current: dict[str, Any] = {}

    def announce(job_id: str | None) -> None:
        # Once the statement became a job (or was refused): a script that cannot reach the
        # service at all ends with its one error line.
        if current.get("announced"):
            return
        current["announced"] = True
        index, statement = current["index"], current["statement"]
        flat = " ".join(statement.sql.split())
        shown = flat if len(flat) <= 60 else flat[:59] + "…"
        job = f" job {job_id}" if job_id else ""
        typer.echo(f"[{index + 1}/{total}] line {statement.line}{job}: {shown}", err=True)

    def on_start(index: int, statement: scripts.Statement) -> None:
        current.update(index=index, statement=statement, job=None, announced=False)
        current["since"] = time.monotonic()

    def on_progress(update: JobUpdate) -> None:
        current["job"] = update.job_id
        announce(update.job_id)

    def on_done(index: int, outcome: pipelines.StatementOutcome) -> None:
        announce(outcome.job_id)
        took = time.monotonic() - current["since"]
        reason = f": {outcome.error}" if outcome.error is not None else ""
        typer.echo(f"[{index + 1}/{total}] {outcome.status} ({took:.1f} s){reason}", err=True)
        if outcome.result is not None and outcome.result.columns:
            _print_result(outcome.result, output)

    with _client(ctx) as client:
        try:
            outcomes = pipelines.run_script(
                client,
                text,
                variables=variables,
                queue=queue,
                database=db,
                conf=settings or None,
                timeout=timeout or None,
                continue_on_error=continue_on_error,
                on_start=on_start,
                on_done=on_done,
                on_progress=on_progress,
            )
        except KeyboardInterrupt:
            raise _interrupted(current.get("job")) from None
    counts = {state: sum(o.status == state for o in outcomes) for state in _STATES}
    summary = ", ".join(f"{n} {state}" for state, n in counts.items() if n)
    typer.echo(f"{total} statements: {summary} ({time.monotonic() - started:.1f} s)", err=True)
    if counts["FAILED"]:
        return ExitCode.JOB_FAILED
    if counts["CANCELLED"]:
        return ExitCode.JOB_CANCELLED
    return ExitCode.OK


_STATES = ("FINISHED", "FAILED", "CANCELLED", "SKIPPED")


class FetchFormat(StrEnum):
    csv = "csv"
    json = "json"
    parquet = "parquet"


_SUFFIXES = {
    ".csv": FetchFormat.csv,
    ".json": FetchFormat.json,
    ".jsonl": FetchFormat.json,
    ".parquet": FetchFormat.parquet,
}


@app.command(name="fetch", epilog=EXIT_CODES)
def fetch_command(
    ctx: typer.Context,
    job_id: Annotated[str, typer.Argument(metavar="JOB", help="Job ID of a finished query.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (replaced once complete); else stdout."),
    ] = None,
    fmt: Annotated[
        FetchFormat | None,
        typer.Option(
            "--format",
            help="csv (header line first), json (one object a line) or parquet; "
            "else from the --output suffix, else csv.",
        ),
    ] = None,
    export_path: Annotated[
        str | None,
        typer.Option(
            help="OBS folder for the export when the preview does not hold every row, "
            "e.g. obs://bucket/dli-results; else $DLI_EXPORT_PATH.",
        ),
    ] = None,
    obs_dir: Annotated[
        Path | None,
        typer.Option(
            help="Read OBS from this folder (the emulator's <data dir>/obs); else "
            "$DLI_OBS_DIR, or OBS itself at $DLI_OBS_ENDPOINT with the AK/SK.",
        ),
    ] = None,
    queue: QueueOption = None,
    timeout: WaitTimeoutOption = DEFAULT_WAIT_TIMEOUT,
) -> None:
    """Write every row of a finished query: the preview when it holds them all, else through
    an export of the result to OBS, streamed to the output."""
    chosen = fmt or (_SUFFIXES.get(output.suffix.lower()) if output else None) or FetchFormat.csv
    form: Format = chosen.value
    options = pipelines.FetchOptions(
        export_path=export_path,
        store=LocalObjectStore(obs_dir) if obs_dir is not None else None,
        queue=queue,
        timeout=timeout or None,
    )
    with _client(ctx) as client:
        try:
            result = client.fetch(job_id, options)
        except KeyboardInterrupt:
            raise CommandFailed(
                f"interrupted: an export of job {job_id} may go on running", ExitCode.INTERRUPTED
            ) from None
        if output is None:
            written = result.write(sys.stdout.buffer, form)
            sys.stdout.buffer.flush()
        else:
            written = _write_replacing(output, result, form)
    if result.total_rows is not None and written != result.total_rows:
        raise CommandFailed(
            f"wrote {written} rows but job {job_id} made {result.total_rows}", ExitCode.API_ERROR
        )
    where = "stdout" if output is None else str(output)
    typer.echo(f"wrote {written} rows of job {job_id} to {where} ({chosen.value})", err=True)


def _write_replacing(path: Path, result: QueryResult, fmt: Format) -> int:
    """Write into a new file beside `path` and move it there once complete: an earlier file
    stays whole until its replacement is."""
    folder = path.resolve().parent
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            written = result.write(stream, fmt)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return written


def _parse_pairs(values: list[str] | None, option: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for value in values or []:
        key, equals, rest = value.partition("=")
        if not equals or not key.strip():
            raise typer.BadParameter(f"{value!r} is not NAME=VALUE", param_hint=option)
        pairs[key.strip()] = rest
    return pairs


def _when(epoch_ms: int | Unset) -> str:
    if isinstance(epoch_ms, Unset):
        return ""
    return datetime.fromtimestamp(epoch_ms / 1000).strftime("%Y-%m-%d %H:%M:%S")


def _seconds(milliseconds: int | Unset) -> str:
    return "" if isinstance(milliseconds, Unset) else f"{milliseconds / 1000:.1f}s"


def main() -> None:
    """Entry point of the `dli` script."""
    app(prog_name="dli")
