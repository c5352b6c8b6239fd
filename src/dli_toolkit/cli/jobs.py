"""Commands about jobs: submit, follow and list them, check SQL."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from dli_client.models.job_mode import JobMode
from dli_client.models.job_status import JobStatus
from dli_client.models.job_type_filter import JobTypeFilter
from dli_client.types import Unset

from dli_toolkit import paging, pipelines
from dli_toolkit.cli import output
from dli_toolkit.cli.common import (
    EXIT_CODES,
    ConfOption,
    CsvOption,
    DatabaseOption,
    JobArgument,
    JsonOption,
    QueueOption,
    WaitOption,
    WaitTimeoutOption,
    WholeJsonOption,
    app,
    client,
    fetch_or_json,
    parse_conf,
    print_json,
    read_file,
    wait_for,
)
from dli_toolkit.cli.group import CommandFailed, ExitCode
from dli_toolkit.errors import InvalidSql
from dli_toolkit.results import QueryResult
from dli_toolkit.waiting import DEFAULT_WAIT_TIMEOUT

# What `status` and `detail` show of their answers, in order (see `output.print_answer`).
_STATUS_FIELDS = (
    "job_id status job_type job_mode queue_name owner start_time duration result_count"
    " statement message"
)
_DETAIL_FIELDS = (
    "job_id owner start_time duration database_name table_name data_path data_type export_mode"
    " compress with_column_header delimiter quote_char escape_char date_format timestamp_format"
    " tags message"
)


def _show(answer: object | None, names: str) -> None:
    """The answer's fields `names`; nothing when it was printed whole (--json)."""
    if answer is not None:
        output.print_answer(answer, names)


def _read_sql(sql: str | None, file: Path | None) -> str:
    """The SQL of `submit`: the argument, `-` for standard input, or --file."""
    if sql is not None and file is not None:
        raise typer.BadParameter("give the SQL or --file, not both")
    if file is not None:
        text = read_file(file)
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
    wait: WaitOption = False,
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
    form = output.output_format(as_json, as_csv)
    statement = _read_sql(sql, file)
    settings = parse_conf(conf)
    with client(ctx) as dli:
        job = pipelines.submit(dli, statement, queue=queue, database=db, conf=settings or None)
        if not wait:
            typer.echo(job.job_id)
            if job.job_mode == JobMode.SYNC and not isinstance(job.rows, Unset):
                output.print_result(QueryResult.from_response(job), form)
            return
        typer.echo(f"submitted job {job.job_id} ({job.job_type})", err=True)
        wait_for(dli, job.job_id, timeout)
        result = pipelines.job_result(dli, job)
        if result.columns:
            output.print_result(result, form)
        else:
            typer.echo(f"{job.job_id} {output.status_text(JobStatus.FINISHED)}")


@app.command()
def status(ctx: typer.Context, job_id: JobArgument, as_json: WholeJsonOption = False) -> None:
    """Show a job's status."""
    _show(fetch_or_json(ctx, lambda dli: dli.status(job_id), as_json=as_json), _STATUS_FIELDS)


@app.command()
def detail(ctx: typer.Context, job_id: JobArgument, as_json: WholeJsonOption = False) -> None:
    """Show what an import or export job moved: paths, format, table."""
    _show(fetch_or_json(ctx, lambda dli: dli.detail(job_id), as_json=as_json), _DETAIL_FIELDS)


@app.command()
def progress(ctx: typer.Context, job_id: JobArgument, as_json: WholeJsonOption = False) -> None:
    """Show how far a running job is, with its Spark sub-jobs."""
    report = fetch_or_json(ctx, lambda dli: dli.progress(job_id), as_json=as_json)
    if report is None:
        return
    _show(report, "job_id status progress message")
    if not isinstance(report.sub_jobs, Unset) and report.sub_jobs:
        output.print_sub_jobs(report.sub_jobs)


@app.command(name="wait", epilog=EXIT_CODES)
def wait_command(
    ctx: typer.Context, job_id: JobArgument, timeout: WaitTimeoutOption = DEFAULT_WAIT_TIMEOUT
) -> None:
    """Wait until a job ends; the exit code tells how it ended."""
    with client(ctx) as dli:
        final = wait_for(dli, job_id, timeout)
    typer.echo(f"{final.job_id} {output.status_text(final.status)}")


@app.command()
def jobs(
    ctx: typer.Context,
    status: Annotated[
        JobStatus | None, typer.Option(case_sensitive=False, help="Only jobs in this state.")
    ] = None,
    job_type: Annotated[
        JobTypeFilter | None,
        typer.Option("--type", case_sensitive=False, help="Only jobs of this type."),
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
    with client(ctx) as dli:
        page_size = min(limit, paging.MAX_PAGE_SIZE)
        found = list(dli.iter_jobs(page_size=page_size, limit=limit, **filters))
    if as_json:
        print_json([job.to_dict() for job in found])
        return
    headers = ["JOB ID", "STATUS", "TYPE", "QUEUE", "STARTED", "DURATION", "STATEMENT"]
    rows = [
        [
            job.job_id,
            str(job.status),
            str(job.job_type),
            job.queue_name,
            output.when(job.start_time),
            output.seconds(job.duration),
            job.statement,
        ]
        for job in found
    ]
    output.print_table(headers, rows, squeeze=True, status_column=1)


@app.command()
def cancel(ctx: typer.Context, job_id: JobArgument) -> None:
    """Cancel a launching or running job."""
    with client(ctx) as dli:
        dli.cancel(job_id)
    typer.echo(f"{job_id} cancel requested")


@app.command(name="check-sql")
def check_sql(
    ctx: typer.Context,
    sql: Annotated[str, typer.Argument(metavar="SQL", help="The statement to check.")],
    db: DatabaseOption = None,
) -> None:
    """Check a statement's syntax without running it."""
    with client(ctx) as dli:
        try:
            checked = dli.check_sql(sql, database=db)
        except InvalidSql as error:
            raise CommandFailed(f"invalid SQL: {error}", ExitCode.JOB_FAILED) from None
    typer.echo(f"OK {checked.job_type}" if not isinstance(checked.job_type, Unset) else "OK")
