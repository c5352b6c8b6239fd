"""Commands about a finished query's result: preview its first rows, export it to OBS, fetch
every row."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from dli_client.models.export_sql_job_result_request import ExportSqlJobResultRequest
from dli_client.models.export_sql_job_result_request_compress import (
    ExportSqlJobResultRequestCompress,
)
from dli_client.models.export_sql_job_result_request_data_type import (
    ExportSqlJobResultRequestDataType,
)
from dli_client.models.export_sql_job_result_request_export_mode import (
    ExportSqlJobResultRequestExportMode,
)
from dli_client.types import UNSET

from dli_toolkit import paging, pipelines
from dli_toolkit.cli import output
from dli_toolkit.cli.common import (
    EXIT_CODES,
    CsvOption,
    FinishedJobArgument,
    JsonOption,
    QueueOption,
    WaitOption,
    WaitTimeoutOption,
    app,
    client,
    wait_for,
)
from dli_toolkit.cli.group import CommandFailed, ExitCode
from dli_toolkit.objectstore import LocalObjectStore
from dli_toolkit.results import Format, QueryResult
from dli_toolkit.waiting import DEFAULT_WAIT_TIMEOUT


@app.command()
def preview(
    ctx: typer.Context,
    job_id: FinishedJobArgument,
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
    form = output.output_format(as_json, as_csv)
    with client(ctx) as dli:
        result = dli.preview(job_id, page_size=rows)
    output.print_result(QueryResult.from_response(result, job_id=job_id), form)


@app.command(epilog=EXIT_CODES)
def export(
    ctx: typer.Context,
    job_id: FinishedJobArgument,
    to: Annotated[
        str, typer.Option("--to", metavar="OBS_PATH", help="Where to write: obs://bucket/path.")
    ],
    data_format: Annotated[
        ExportSqlJobResultRequestDataType,
        typer.Option("--format", case_sensitive=False, help="File format."),
    ] = ExportSqlJobResultRequestDataType.CSV,
    compress: Annotated[
        ExportSqlJobResultRequestCompress | None,
        typer.Option(case_sensitive=False, help="Compression; default: none."),
    ] = None,
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace what is at the path (else fail).")
    ] = False,
    header: Annotated[
        bool, typer.Option("--header", help="A first line with the column names (CSV).")
    ] = False,
    limit: Annotated[
        int | None, typer.Option(min=1, help="At most this many rows; default: all.")
    ] = None,
    queue: QueueOption = None,
    wait: WaitOption = False,
    timeout: WaitTimeoutOption = DEFAULT_WAIT_TIMEOUT,
) -> None:
    """Export a query's whole result to OBS; print the export job's ID (with --wait, wait)."""
    request = ExportSqlJobResultRequest(
        data_path=to,
        data_type=data_format,
        compress=UNSET if compress is None else compress,
        queue_name=UNSET if queue is None else queue,
        export_mode=ExportSqlJobResultRequestExportMode.OVERWRITE
        if overwrite
        else ExportSqlJobResultRequestExportMode.ERRORIFEXISTS,
        with_column_header=header,
        limit_num=limit or 0,
    )
    with client(ctx) as dli:
        export_job = pipelines.export_job_id(dli.export_result(job_id, request))
        if not wait:
            typer.echo(export_job)
            return
        typer.echo(f"exporting with job {export_job}", err=True)
        final = wait_for(dli, export_job, timeout)
    typer.echo(f"{final.job_id} {output.status_text(final.status)} {to}")


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
    job_id: FinishedJobArgument,
    to_file: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here (replaced once complete); else stdout."),
    ] = None,
    fmt: Annotated[
        FetchFormat | None,
        typer.Option(
            "--format",
            case_sensitive=False,
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
    chosen = fmt or (_SUFFIXES.get(to_file.suffix.lower()) if to_file else None) or FetchFormat.csv
    form: Format = chosen.value
    options = pipelines.FetchOptions(
        export_path=export_path,
        store=LocalObjectStore(obs_dir) if obs_dir is not None else None,
        queue=queue,
        timeout=timeout or None,
    )
    with client(ctx) as dli:
        try:
            result = dli.fetch(job_id, options)
        except KeyboardInterrupt:
            raise CommandFailed(
                f"interrupted: an export of job {job_id} may go on running", ExitCode.INTERRUPTED
            ) from None
        if to_file is None:
            written = result.write(sys.stdout.buffer, form)
            sys.stdout.buffer.flush()
        else:
            written = _write_replacing(to_file, result, form)
    if result.total_rows is not None and written != result.total_rows:
        raise CommandFailed(
            f"wrote {written} rows but job {job_id} made {result.total_rows}", ExitCode.API_ERROR
        )
    where = "stdout" if to_file is None else str(to_file)
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
