"""ExportSqlJobResult, ExportTable, ImportTable: asynchronous jobs moving data to and from OBS."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..engines import files
from ..engines.protocol import (
    Checkpoint,
    ExportOptions,
    FileImport,
    Outcome,
    ResultExport,
    Session,
    TableExport,
)
from ..errors import not_supported
from ..model import JobType
from .conf import parse_conf
from .context import JobContext, accepted
from .requests import ExportResultRequest, ExportTableRequest, ImportTableRequest
from .runner import Job


def export_result(
    context: JobContext, project_id: str, job_id: str, request: ExportResultRequest
) -> dict[str, Any]:
    """ExportSqlJobResult: a new async EXPORT job writing a QUERY job's result files."""
    source = context.finished_query(project_id, job_id, "exported")
    queue = context.queue(request.queue_name)
    options, target_uri = request.options, request.data_path
    target = context.export_target(project_id, target_uri)
    columns = [next(iter(column)) for column in source.result_schema or []]
    result = context.result_dir(source)
    record = context.new_record(
        project_id,
        source.owner,
        JobType.EXPORT,
        f"export the result of job {job_id} to path {target_uri}",
        queue,
        transfer=_export_transfer(target_uri, options),
    )

    def write(session: Session, staged: Path, checkpoint: Checkpoint) -> Outcome:
        return session.export_result(ResultExport(result, columns, staged, options), checkpoint)

    work = context.export(target, target_uri, options.export_mode, write)
    context.runner.launch(Job(record, work))
    return accepted(record, "")


def export_table(
    context: JobContext, project_id: str, owner: str, request: ExportTableRequest
) -> dict[str, Any]:
    """ExportTable: a new async EXPORT job writing a table's rows to OBS."""
    queue = context.queue(request.queue_name)
    options, target_uri = request.options, request.data_path
    database, table = request.database_name, request.table_name
    target = context.export_target(project_id, target_uri)
    action = f"export all data from table {database}.{table} to path {target_uri}"
    record = context.new_record(
        project_id,
        owner,
        JobType.EXPORT,
        action,
        queue,
        database_name=database,
        table_name=table,
        transfer=_export_transfer(target_uri, options),
    )

    def write(session: Session, staged: Path, checkpoint: Checkpoint) -> Outcome:
        return session.export_table(TableExport(database, table, staged, options), checkpoint)

    work = context.export(target, target_uri, options.export_mode, write)
    context.runner.launch(Job(record, work))
    return accepted(record, f"{action} started")


def import_table(
    context: JobContext, project_id: str, owner: str, request: ImportTableRequest
) -> dict[str, Any]:
    """ImportTable: a new async IMPORT job loading OBS files into an existing table."""
    queue = context.queue(request.queue_name)
    conf = parse_conf(request.conf)
    options = request.options
    if options.data_type not in context.engine.import_data_types:
        raise not_supported(f"data_type {options.data_type} is not supported by the DLI emulator")
    if request.bad_records_path:
        raise not_supported("bad_records_path is not supported by the DLI emulator")
    database, table = request.database_name, request.table_name
    source_uri = request.data_path
    source = context.obs.readable(project_id, source_uri)
    record = context.new_record(
        project_id,
        owner,
        JobType.IMPORT,
        f"import data to table {database}.{table}",
        queue,
        conf=conf,
        database_name=database,
        table_name=table,
        transfer={
            "data_path": source_uri,
            "data_type": options.data_type,
            "with_column_header": options.with_column_header,
            "delimiter": options.delimiter,
            "quote_char": options.quote_char,
            "escape_char": options.escape_char,
            "date_format": options.date_format,
            "timestamp_format": options.timestamp_format,
        },
    )

    def work(session: Session, checkpoint: Checkpoint) -> Outcome:
        paths = files.data_files(source, source_uri)
        return session.import_files(FileImport(paths, database, table, options), checkpoint)

    context.runner.launch(Job(record, work, conf.timeout_seconds, conf.engine_settings))
    return accepted(record, f"import data to table {table} started")


def _export_transfer(target_uri: str, options: ExportOptions) -> dict[str, Any]:
    """The export parameters ShowSqlJobDetail reports."""
    return {
        "export_mode": options.export_mode,
        "data_path": target_uri,
        "data_type": options.data_type,
        "with_column_header": options.with_column_header,
        "quote_char": options.quote_char,
        "escape_char": options.escape_char,
        "compress": options.compress,
    }
