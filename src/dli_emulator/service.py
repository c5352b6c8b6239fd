"""The emulator's operations, one method per API operation, below any HTTP concern.

Methods take already-validated inputs (path parameters as strings, query parameters in a dict
keyed by wire names such as "page-size", bodies as parsed JSON) and return the response body
exactly as the service sends it, or raise `DliError`. Jobs are scoped by project: a job of
another project is answered like a missing one.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Any, overload

import duckdb
from sqlglot import exp
from sqlglot.errors import SqlglotError

from . import engine, joblayout, transfer, wire
from .errors import (
    DliError,
    job_not_found,
    not_supported,
    parameter_invalid,
    queue_not_found,
    result_expired,
    semantic_error,
    syntax_error,
)
from .jobconf import JobConf, parse_conf
from .jobs import Job, JobRunner, Work, now_ms
from .obs import ObsStore
from .outcome import Checkpoint, Outcome
from .sqltypes import json_safe, preview_schema, quote_identifier, quote_literal
from .statements import (
    DCL,
    DDL,
    DELETE,
    EXPORT,
    IMPORT,
    INSERT,
    QUERY,
    UPDATE,
    Statement,
    parse_statement,
)
from .store import FINISHED, LAUNCHING, ORDERS, RUNNING, JobFilter, JobRecord, JobStore
from .translate import DEFAULT_DATABASE, insert_plan, to_duckdb
from .warehouse import Warehouse

DEFAULT_QUEUE = "default"
DEFAULT_WORKERS = 4
MAX_INLINE_ROWS = 1000
MAX_PREVIEW_ROWS = 1000
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
SQL_OK = "the sql is ok"
_SEMANTIC_CHECKED = (QUERY, INSERT, UPDATE, DELETE)
_UNSUPPORTED_IMPORT_TYPES = ("orc", "avro")


class EmulatorService:
    def __init__(
        self,
        data_dir: Path,
        queues: set[str] | None = None,
        workers: int = DEFAULT_WORKERS,
        *,
        duckdb_threads: int | None = None,
        duckdb_memory_limit: str | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.queues = frozenset(queues or {DEFAULT_QUEUE})
        self.default_queue = DEFAULT_QUEUE if DEFAULT_QUEUE in self.queues else min(self.queues)
        self._workers = workers
        self._obs = ObsStore(data_dir / "obs")
        self._warehouse = Warehouse(
            data_dir / "warehouse", self._obs.root, duckdb_threads, duckdb_memory_limit
        )
        self._store = JobStore(data_dir / "jobs.sqlite3")
        self._store.fail_interrupted(now_ms())
        self._runner = JobRunner(self._store, self._warehouse, self._obs, workers)

    # -- SQL jobs ----------------------------------------------------------------------------

    def submit(self, project_id: str, owner: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """CreateSqlJob. DCL, and DDL with dli.sql.sqlasync.enabled=false, run synchronously."""
        queue = self._queue(body.get("queue_name"))
        conf = parse_conf(body.get("conf"))
        statement = parse_statement(_text(body, "sql"))
        currentdb = body.get("currentdb") or DEFAULT_DATABASE
        sync = statement.job_type == DCL or (statement.job_type == DDL and not conf.sql_async)
        job_id, start = str(uuid.uuid4()), now_ms()
        database_name = statement.database_name
        if statement.table_name is not None:
            database_name = database_name or currentdb
        record = self._new_record(
            project_id,
            owner,
            statement.job_type,
            statement.text,
            queue,
            sync=sync,
            conf=conf,
            tags=body.get("tags"),
            engine_type=body.get("engine_type") or "spark",
            job_id=job_id,
            start_time=start,
            currentdb=currentdb,
            database_name=database_name,
            table_name=statement.table_name,
            result_path=(
                joblayout.result_uri(project_id, job_id, start)
                if statement.job_type == QUERY
                else None
            ),
            execution_details_path=joblayout.details_uri(project_id, job_id, start),
        )
        job = Job(record, self._statement_work(record, statement), conf.timeout_seconds)
        if not sync:
            self._runner.launch(job)
            return _accepted(record, "")
        outcome = self._runner.run_inline(job)
        final = self._job(project_id, record.job_id)
        answer = wire.envelope(final.message, final.status == FINISHED)
        answer.update(job_id=record.job_id, job_type=record.job_type, job_mode="sync")
        if outcome is not None and outcome.fields is not None:
            answer["schema"] = preview_schema(outcome.fields)
            rows = (outcome.rows or [])[:MAX_INLINE_ROWS]
            answer["rows"] = [[json_safe(v) for v in row] for row in rows]
        return answer

    def check_sql(self, project_id: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """CheckSql: syntax (DLI.0004) and, for queries and DML, names (DLI.0005); runs nothing."""
        statement = parse_statement(_text(body, "sql"))
        if statement.job_type in _SEMANTIC_CHECKED:
            self._check_names(project_id, statement, body.get("currentdb") or DEFAULT_DATABASE)
        answer = wire.envelope(SQL_OK)
        answer["job_type"] = statement.job_type
        return answer

    def status(self, project_id: str, job_id: str) -> dict[str, Any]:
        return wire.status_body(self._job(project_id, job_id), now_ms())

    def detail(self, project_id: str, job_id: str) -> dict[str, Any]:
        return wire.detail_body(self._job(project_id, job_id), now_ms())

    def list_jobs(self, project_id: str, query: Mapping[str, Any]) -> dict[str, Any]:
        page_size = _int(query, "page-size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
        page = _int(query, "current-page", 1, 1, None)
        order = query.get("order") or "start_time_desc"
        if order not in ORDERS:
            raise parameter_invalid(f"order must be one of {', '.join(ORDERS)}, got {order!r}")
        where = JobFilter(
            status=query.get("job-status") or None,
            job_types=_job_types(query.get("job-type"), query.get("job_types")),
            queue_name=query.get("queue_name") or None,
            job_id=query.get("job-id") or None,
            owner=query.get("owner") or None,
            start=_int(query, "start", None, 0, None),
            end=_int(query, "end", None, 0, None),
            sql_pattern=query.get("sql_pattern") or None,
            engine_type=query.get("engine-type") or None,
            tags=_tag_filter(query.get("tags")),
            db_name=query.get("db_name") or None,
            table_name=query.get("table_name") or None,
        )
        total, records = self._store.list(project_id, where, order, page_size, page)
        now = now_ms()
        answer = wire.envelope()
        answer.update(job_count=total, jobs=[wire.list_item(r, now) for r in records])
        return answer

    def cancel(self, project_id: str, job_id: str) -> dict[str, Any]:
        """CancelSqlJob: refused (DLI.0007) once the job is FINISHED, FAILED or CANCELLED."""
        record = self._job(project_id, job_id)
        if record.terminal or not self._runner.cancel(project_id, job_id):
            status = self._job(project_id, job_id).status
            raise not_supported(f"The job {job_id} is {status} and cannot be cancelled")
        return wire.envelope()

    def preview(self, project_id: str, job_id: str, query: Mapping[str, Any]) -> dict[str, Any]:
        """PreviewSqlJobResult: the first `page-size` (<= 1000) rows of a FINISHED QUERY job."""
        limit = _int(query, "page-size", MAX_PREVIEW_ROWS, 1, MAX_PREVIEW_ROWS)
        if query.get("queue-name"):
            self._queue(query["queue-name"])
        record = self._finished_query(project_id, job_id, "previewed")
        with self._warehouse.scratch() as cursor:
            rows = engine.read_rows(cursor, self._result_file(record), limit)
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

    def progress(self, project_id: str, job_id: str) -> dict[str, Any]:
        """ShowSqlJobProgress: 0 while LAUNCHING, DuckDB's estimate while RUNNING (with one
        sub-job describing the running statement), 1 once FINISHED; none for FAILED/CANCELLED."""
        record = self._job(project_id, job_id)
        answer = wire.envelope()
        answer.update(job_id=job_id, status=record.status)
        if record.status == LAUNCHING:
            answer["progress"] = 0.0
        elif record.status == RUNNING:
            fraction = self._runner.progress(project_id, job_id)
            answer.update(
                sub_job_id=0,
                progress=fraction or 0.0,
                sub_jobs=[
                    {
                        "id": 0,
                        "name": f"DuckDB {record.job_type.lower()} of job {job_id}",
                        "description": record.statement,
                        "submission_time": wire.java_date(record.start_time),
                        "job_group": job_id,
                        "status": "RUNNING",
                    }
                ],
            )
        elif record.status == FINISHED:
            answer["progress"] = 1.0
        return answer

    # -- import and export -------------------------------------------------------------------

    def export_result(
        self, project_id: str, job_id: str, body: Mapping[str, Any]
    ) -> dict[str, Any]:
        """ExportSqlJobResult: a new async EXPORT job writing a QUERY job's result files."""
        source = self._finished_query(project_id, job_id, "exported")
        queue = self._queue(body.get("queue_name"))
        options = _export_options(body)
        target_uri = _text(body, "data_path")
        target = self._export_target(target_uri)
        columns = [next(iter(column)) for column in source.result_schema or []]
        projection = ", ".join(f"c{i} AS {quote_identifier(n)}" for i, n in enumerate(columns))
        result = quote_literal(str(self._result_file(source)))
        query_sql = f"SELECT {projection} FROM read_parquet({result})"
        record = self._new_record(
            project_id,
            source.owner,
            EXPORT,
            f"export the result of job {job_id} to path {target_uri}",
            queue,
            transfer=_export_transfer(target_uri, options),
        )

        def work(cursor: duckdb.DuckDBPyConnection, checkpoint: Checkpoint) -> Outcome:
            return transfer.export_query(cursor, query_sql, target, target_uri, options, checkpoint)

        self._runner.launch(Job(record, work))
        return _accepted(record, "")

    def export_table(self, project_id: str, owner: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """ExportTable: a new async EXPORT job writing a table's rows to OBS."""
        queue = self._queue(body.get("queue_name"))
        options = _export_options(body)
        database, table = _text(body, "database_name"), _text(body, "table_name")
        target_uri = _text(body, "data_path")
        target = self._export_target(target_uri)
        table_sql = f"{quote_identifier(database)}.{quote_identifier(table)}"
        action = f"export all data from table {database}.{table} to path {target_uri}"
        record = self._new_record(
            project_id,
            owner,
            EXPORT,
            action,
            queue,
            database_name=database,
            table_name=table,
            transfer=_export_transfer(target_uri, options),
        )

        def work(cursor: duckdb.DuckDBPyConnection, checkpoint: Checkpoint) -> Outcome:
            return transfer.export_query(
                cursor, f"SELECT * FROM {table_sql}", target, target_uri, options, checkpoint
            )

        self._runner.launch(Job(record, work))
        return _accepted(record, f"{action} started")

    def import_table(self, project_id: str, owner: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """ImportTable: a new async IMPORT job loading OBS files into an existing table."""
        queue = self._queue(body.get("queue_name"))
        conf = parse_conf(body.get("conf"))
        options = _import_options(body)
        if body.get("bad_records_path"):
            raise not_supported("bad_records_path is not supported by the DLI emulator")
        database, table = _text(body, "database_name"), _text(body, "table_name")
        source_uri = _text(body, "data_path")
        source = self._obs.local_path(source_uri)
        table_sql = f"{quote_identifier(database)}.{quote_identifier(table)}"
        record = self._new_record(
            project_id,
            owner,
            IMPORT,
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
                "date_format": options.date_format or "yyyy-MM-dd",
                "timestamp_format": options.timestamp_format or "yyyy-MM-dd HH:mm:ss",
            },
        )

        def work(cursor: duckdb.DuckDBPyConnection, checkpoint: Checkpoint) -> Outcome:
            return transfer.import_files(cursor, source, source_uri, table_sql, options, checkpoint)

        self._runner.launch(Job(record, work, conf.timeout_seconds))
        return _accepted(record, f"import data to table {table} started")

    # -- lifecycle ---------------------------------------------------------------------------

    def reset(self) -> None:
        """Drop every job, table and file (for tests); the service stays usable."""
        self._runner.shutdown()
        self._store.clear()
        self._warehouse.drop_all()
        shutil.rmtree(self._obs.root, ignore_errors=True)
        self._obs.root.mkdir(parents=True, exist_ok=True)
        self._runner = JobRunner(self._store, self._warehouse, self._obs, self._workers)

    def close(self) -> None:
        """Stop the workers (jobs in flight are left for the next start to mark FAILED)."""
        self._runner.shutdown()
        self._warehouse.close()
        self._store.close()

    # -- helpers -----------------------------------------------------------------------------

    def _queue(self, name: object) -> str:
        if name is None or name == "":
            return self.default_queue
        if not isinstance(name, str) or name not in self.queues:
            raise queue_not_found(str(name))
        return name

    def _job(self, project_id: str, job_id: str) -> JobRecord:
        record = self._store.get(project_id, job_id)
        if record is None:
            raise job_not_found(job_id)
        return record

    def _finished_query(self, project_id: str, job_id: str, action: str) -> JobRecord:
        record = self._job(project_id, job_id)
        if record.job_type != QUERY:
            raise not_supported(
                f"Only the results of QUERY jobs can be {action}; job {job_id} is a "
                f"{record.job_type} job"
            )
        if record.status != FINISHED:
            raise not_supported(
                f"The job {job_id} is {record.status}; only a FINISHED job's result can be {action}"
            )
        if not self._result_file(record).is_file():
            raise result_expired(f"The result of job {job_id} is no longer available")
        return record

    def _export_target(self, uri: str) -> Path:
        target = self._obs.local_path(uri)
        if target.is_relative_to(self._obs.root / joblayout.JOB_BUCKET):
            # An Overwrite export there could delete other jobs' results.
            raise parameter_invalid(f"data_path must not be in the job bucket: {uri}")
        return target

    def _result_file(self, record: JobRecord) -> Path:
        if record.result_path is None:
            raise result_expired(f"The job {record.job_id} has no stored result")
        return joblayout.result_file(self._obs, record.result_path)

    def _new_record(
        self,
        project_id: str,
        owner: str,
        job_type: str,
        statement: str,
        queue: str,
        *,
        sync: bool = False,
        conf: JobConf | None = None,
        tags: object = None,
        engine_type: str = "spark",
        **fields: Any,
    ) -> JobRecord:
        fields.setdefault("job_id", str(uuid.uuid4()))
        fields.setdefault("start_time", now_ms())
        return JobRecord(
            project_id=project_id,
            job_type=job_type,
            job_mode="sync" if sync else "async",
            queue_name=queue,
            owner=owner,
            statement=statement,
            engine_type=engine_type,
            tags=_tags(tags),
            user_conf=conf.user_conf() if conf else None,
            **fields,
        )

    def _statement_work(self, record: JobRecord, statement: Statement) -> Work:
        currentdb = record.currentdb or DEFAULT_DATABASE
        result = None
        if record.result_path is not None:
            result = joblayout.result_file(self._obs, record.result_path)

        def work(cursor: duckdb.DuckDBPyConnection, checkpoint: Checkpoint) -> Outcome:
            return engine.run_statement(cursor, statement, currentdb, result, checkpoint)

        return work

    def _check_names(self, project_id: str, statement: Statement, currentdb: str) -> None:
        expression = statement.expression
        try:
            if isinstance(expression, exp.Insert):
                plan = insert_plan(expression)
                checks = [f"SELECT * FROM {plan.table_sql} LIMIT 0", plan.query_sql]
            else:
                checks = [to_duckdb(expression)]
        except SqlglotError as error:
            raise semantic_error(f"The statement cannot be translated: {error}") from error
        with self._warehouse.session(project_id) as cursor:
            try:
                engine.use_database(cursor, currentdb)
                for sql in checks:
                    cursor.execute(f"EXPLAIN {sql}")
            except DliError as error:
                raise semantic_error(error.error_msg) from error
            except duckdb.ParserException as error:
                raise syntax_error(str(error)) from error
            except duckdb.Error as error:
                raise semantic_error(str(error)) from error


def _accepted(record: JobRecord, message: str) -> dict[str, Any]:
    answer = wire.envelope(message)
    answer.update(job_id=record.job_id)
    if record.job_type not in (IMPORT, EXPORT):
        answer.update(job_type=record.job_type)
    answer.update(job_mode=record.job_mode)
    return answer


def _text(body: Mapping[str, Any], name: str) -> str:
    value = body.get(name)
    if not isinstance(value, str) or not value.strip():
        raise parameter_invalid(f"{name} is required and must be a non-empty string")
    return value


@overload
def _int(query: Mapping[str, Any], name: str, default: int, low: int, high: int | None) -> int: ...


@overload
def _int(
    query: Mapping[str, Any], name: str, default: None, low: int, high: int | None
) -> int | None: ...


def _int(
    query: Mapping[str, Any], name: str, default: int | None, low: int, high: int | None
) -> int | None:
    value = query.get(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise parameter_invalid(f"{name} must be an integer, got {value!r}") from None
    if number < low or (high is not None and number > high):
        bounds = f"between {low} and {high}" if high is not None else f"at least {low}"
        raise parameter_invalid(f"{name} must be {bounds}, got {number}")
    return number


def _job_types(single: object, several: object) -> frozenset[str] | None:
    """job-type and job_types together: their intersection; ALL (or nothing) is no filter."""
    if isinstance(several, str):
        several = several.split(",")
    chosen: frozenset[str] | None = None
    for types in ([single], several if isinstance(several, list) else []):
        given = frozenset(str(t) for t in types if t)
        if given and "ALL" not in given:
            chosen = given if chosen is None else chosen & given
    return chosen


def _tag_filter(text: object) -> tuple[tuple[str, str], ...]:
    if not text:
        return ()
    pairs = []
    for item in str(text).split(","):
        key, sep, value = item.partition("=")
        if not sep:
            raise parameter_invalid(f"tags must be key=value pairs separated by commas: {text!r}")
        # A key that is blank once trimmed is valid input (the contract's pattern allows it) that
        # no tag can match: tag keys have no leading or trailing space.
        pairs.append((key.strip(), value.strip()))
    return tuple(pairs)


def _tags(tags: object) -> list[dict[str, str]] | None:
    if not tags:
        return None
    if not isinstance(tags, list) or not all(
        isinstance(t, Mapping) and isinstance(t.get("key"), str) and isinstance(t.get("value"), str)
        for t in tags
    ):
        raise parameter_invalid("tags must be a list of {key, value} objects")
    return [{"key": t["key"], "value": t["value"]} for t in tags]


def _choice(body: Mapping[str, Any], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = body.get(name)
    if value is None:
        return default
    text = str(value)
    match = next((a for a in allowed if a.lower() == text.lower()), None)
    if match is None:
        raise parameter_invalid(f"{name} must be one of {', '.join(allowed)}, got {text!r}")
    return match


def _flag(body: Mapping[str, Any], name: str) -> bool:
    value = body.get(name, False)
    if isinstance(value, str) and value.lower() in ("true", "false"):
        return value.lower() == "true"  # the DOC's own example sends "true" as a string
    if not isinstance(value, bool):
        raise parameter_invalid(f"{name} must be a boolean, got {value!r}")
    return value


def _char(body: Mapping[str, Any], name: str, default: str) -> str:
    value = body.get(name)
    if value is None:
        return default
    if not isinstance(value, str) or len(value) != 1:
        raise parameter_invalid(f"{name} must be a single character, got {value!r}")
    return value


def _export_options(body: Mapping[str, Any]) -> transfer.ExportOptions:
    limit = body.get("limit_num", 0)
    if not isinstance(limit, int) or isinstance(limit, bool) or limit < 0:
        raise parameter_invalid(f"limit_num must be an integer of at least 0, got {limit!r}")
    return transfer.ExportOptions(
        data_type=_choice(body, "data_type", "csv", transfer.DATA_TYPES_EXPORT),
        compress=_choice(body, "compress", "none", transfer.COMPRESSIONS),
        export_mode=_choice(body, "export_mode", "ErrorIfExists", transfer.EXPORT_MODES),
        with_column_header=_flag(body, "with_column_header"),
        quote_char=_char(body, "quote_char", '"'),
        escape_char=_char(body, "escape_char", "\\"),
        limit_num=limit,
        encoding_type=_choice(body, "encoding_type", "utf-8", transfer.ENCODINGS),
    )


def _export_transfer(target_uri: str, options: transfer.ExportOptions) -> dict[str, Any]:
    return {
        "export_mode": options.export_mode,
        "data_path": target_uri,
        "data_type": options.data_type,
        "with_column_header": options.with_column_header,
        "quote_char": options.quote_char,
        "escape_char": options.escape_char,
        "compress": options.compress,
    }


def _import_options(body: Mapping[str, Any]) -> transfer.ImportOptions:
    allowed = (*transfer.DATA_TYPES_IMPORT, *_UNSUPPORTED_IMPORT_TYPES)
    data_type = _choice(body, "data_type", "csv", allowed)
    if data_type in _UNSUPPORTED_IMPORT_TYPES:
        raise not_supported(f"data_type {data_type} is not supported by the DLI emulator")
    return transfer.ImportOptions(
        data_type=data_type,
        with_column_header=_flag(body, "with_column_header"),
        delimiter=_char(body, "delimiter", ","),
        quote_char=_char(body, "quote_char", '"'),
        escape_char=_char(body, "escape_char", "\\"),
        date_format=body.get("date_format") or None,
        timestamp_format=body.get("timestamp_format") or None,
        overwrite=_flag(body, "overwrite"),
        partition_spec=_partition_spec(body.get("partition_spec")),
    )


def _partition_spec(spec: object) -> dict[str, str]:
    """The DOC's object form, or the SDK's string form `col1=v1,col2=v2`."""
    if spec is None or spec == "":
        return {}
    if isinstance(spec, Mapping):
        return {str(k): str(v) for k, v in spec.items()}
    if isinstance(spec, str):
        pairs = {}
        for item in spec.split(","):
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                raise parameter_invalid(f"partition_spec must be col=value pairs, got {spec!r}")
            pairs[key.strip()] = value.strip().strip("'\"")
        return pairs
    raise parameter_invalid("partition_spec must be an object or a col=value string")
