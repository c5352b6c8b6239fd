"""Job records as the service's response bodies: snake_case keys, absent fields left out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..model import JobRecord

# `detail` is mandatory in a listed job; a job without result columns has an empty struct
# (the contract's SqlJob example).
EMPTY_DETAIL = '{"type":"struct","fields":[]}'
RESULT_FORMAT = "csv"
# Import/export parameters in ShowSqlJobDetail's order (reference 3.3).
TRANSFER_FIELDS = (
    "export_mode",
    "data_path",
    "data_type",
    "database_name",
    "table_name",
    "with_column_header",
    "delimiter",
    "quote_char",
    "escape_char",
    "date_format",
    "timestamp_format",
    "compress",
)
# The fields each answer starts with, in the order the reference lists them.
_STATUS_HEAD = ("job_id", "job_type", "job_mode", "queue_name", "owner", "start_time", "duration")
_LIST_HEAD = ("job_id", "job_type", "queue_name", "owner", "start_time", "duration", "status")
_DETAIL_HEAD = ("job_id", "owner", "start_time", "duration")


def envelope(message: str = "", success: bool = True) -> dict[str, Any]:
    return {"is_success": success, "message": message}


def status_body(record: JobRecord, now_ms: int) -> dict[str, Any]:
    """ShowSqlJobStatus; `message` carries the failure text of a FAILED job."""
    body = envelope(record.message)
    body.update(_fields(record, now_ms, _STATUS_HEAD), status=record.status)
    _put_counts(body, record)
    body.update(detail=record.detail or EMPTY_DETAIL, statement=record.statement)
    _put(body, "tags", record.tags)
    _put(body, "user_conf", record.user_conf)
    _put_paths(body, record)
    return body


def list_item(record: JobRecord, now_ms: int) -> dict[str, Any]:
    """One SqlJob of ListSqlJobs, fields in the reference's order."""
    item = _fields(record, now_ms, _LIST_HEAD)
    _put_counts(item, record)
    _put(item, "with_column_header", (record.transfer or {}).get("with_column_header"))
    item.update(
        detail=record.detail or EMPTY_DETAIL,
        engine_type=record.engine_type,
        statement=record.statement,
        message=record.message,
    )
    _put(item, "end_time", record.end_time)
    _put(item, "tags", record.tags)
    _put_paths(item, record)
    return item


def detail_body(record: JobRecord, now_ms: int) -> dict[str, Any]:
    """ShowSqlJobDetail: the import/export parameters a job has."""
    body = envelope(record.message)
    body.update(_fields(record, now_ms, _DETAIL_HEAD))
    transfer = record.transfer or {}
    for name in TRANSFER_FIELDS:
        value = getattr(record, name) if name in ("database_name", "table_name") else None
        _put(body, name, transfer.get(name, value))
    _put(body, "tags", record.tags)
    return body


def java_date(epoch_ms: int) -> str:
    """Java's `Date.toString()` in UTC, as Spark reports sub-job submission times."""
    moment = dt.datetime.fromtimestamp(epoch_ms / 1000, dt.UTC)
    return moment.strftime("%a %b %d %H:%M:%S UTC %Y")


def _fields(record: JobRecord, now_ms: int, names: tuple[str, ...]) -> dict[str, Any]:
    """The record's fields `names`, in that order; a running job's `duration` is its time so far."""
    return {
        name: record.live_duration(now_ms) if name == "duration" else getattr(record, name)
        for name in names
    }


def _put(body: dict[str, Any], name: str, value: Any) -> None:
    if value is not None:
        body[name] = value


def _put_counts(body: dict[str, Any], record: JobRecord) -> None:
    """The counters and the table a job is about, in the order of both status and listing."""
    _put(body, "input_row_count", record.input_row_count)
    _put(body, "bad_row_count", record.bad_row_count)
    body.update(input_size=record.input_size, result_count=record.result_count)
    _put(body, "database_name", record.database_name)
    _put(body, "table_name", record.table_name)


def _put_paths(body: dict[str, Any], record: JobRecord) -> None:
    if record.result_path is not None:
        body.update(result_format=RESULT_FORMAT, result_path=record.result_path)
    _put(body, "execution_details_path", record.execution_details_path)
