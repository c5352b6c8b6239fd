"""Requests the spec has accepted, as the typed requests of the job layer (`jobs.requests`).

By the time these run, openapi.yaml's validator has checked every value and filled in the
spec's defaults, so they only rename wire names and read the two text forms the spec cannot
take apart: the `tags` filter (`k1=v1,k2=v2`) and the SDK's `partition_spec` string.
"""

from __future__ import annotations

from typing import Any

from ..errors import parameter_invalid
from ..jobs.requests import (
    CheckSqlRequest,
    ExportOptions,
    ExportResultRequest,
    ExportTableRequest,
    ImportOptions,
    ImportTableRequest,
    JobFilter,
    ListQuery,
    PreviewQuery,
    SubmitRequest,
    Tag,
    job_types,
)

JsonObject = dict[str, Any]


def submit(body: JsonObject) -> SubmitRequest:
    return SubmitRequest(
        sql=body["sql"],
        currentdb=body.get("currentdb") or None,
        queue_name=body.get("queue_name"),
        conf=tuple(body.get("conf", ())),
        tags=tuple(Tag(tag["key"], tag["value"]) for tag in body.get("tags", ())),
        engine_type=body.get("engine_type"),
    )


def check_sql(body: JsonObject) -> CheckSqlRequest:
    return CheckSqlRequest(sql=body["sql"], currentdb=body.get("currentdb") or None)


def list_query(query: JsonObject) -> ListQuery:
    where = JobFilter(
        equal={
            column: query[name]
            for name, column in _EQUAL_FILTERS.items()
            if query.get(name) is not None
        },
        job_types=job_types(query.get("job-type"), query.get("job_types", ())),
        start=query.get("start"),
        end=query.get("end"),
        sql_pattern=query.get("sql_pattern") or None,
        tags=_tag_filter(query.get("tags")),
    )
    return ListQuery(query["page-size"], query["current-page"], query["order"], where)


def preview_query(query: JsonObject) -> PreviewQuery:
    return PreviewQuery(page_size=query["page-size"], queue_name=query.get("queue-name"))


def export_result(body: JsonObject) -> ExportResultRequest:
    return ExportResultRequest(
        data_path=body["data_path"],
        options=_export_options(body),
        queue_name=body.get("queue_name"),
    )


def export_table(body: JsonObject) -> ExportTableRequest:
    return ExportTableRequest(
        data_path=body["data_path"],
        database_name=body["database_name"],
        table_name=body["table_name"],
        options=_export_options(body),
        queue_name=body.get("queue_name"),
    )


def import_table(body: JsonObject) -> ImportTableRequest:
    given = {name: body[name] for name in _IMPORT_OPTIONAL if name in body}
    options = ImportOptions(
        data_type=body["data_type"],
        with_column_header=body["with_column_header"],
        delimiter=body["delimiter"],
        overwrite=body["overwrite"],
        partition_spec=_partition_spec(body.get("partition_spec")),
        **given,
    )
    return ImportTableRequest(
        data_path=body["data_path"],
        database_name=body["database_name"],
        table_name=body["table_name"],
        options=options,
        queue_name=body.get("queue_name"),
        conf=tuple(body.get("conf", ())),
        bad_records_path=body.get("bad_records_path") or None,
    )


# ListSqlJobs' query parameters that a job's column must equal, and that column.
_EQUAL_FILTERS = {
    "job-status": "status",
    "queue_name": "queue_name",
    "job-id": "job_id",
    "owner": "owner",
    "engine-type": "engine_type",
    "db_name": "database_name",
    "table_name": "table_name",
}
# Body fields that fill an option only when sent (the service's own default otherwise).
_EXPORT_OPTIONAL = ("quote_char", "escape_char", "limit_num", "encoding_type")
_IMPORT_OPTIONAL = ("quote_char", "escape_char", "date_format", "timestamp_format")


def _export_options(body: JsonObject) -> ExportOptions:
    given = {name: body[name] for name in _EXPORT_OPTIONAL if name in body}
    return ExportOptions(
        data_type=body["data_type"],
        compress=body["compress"],
        export_mode=body["export_mode"],
        with_column_header=body["with_column_header"],
        **given,
    )


def _tag_filter(text: str | None) -> tuple[tuple[str, str], ...]:
    """`k1=v1,k2=v2` (the spec's pattern guarantees the shape) as trimmed pairs.

    A key that is blank once trimmed is valid input (the pattern allows it) that no tag can
    match: tag keys have no leading or trailing space.
    """
    if not text:
        return ()
    pairs = (item.partition("=") for item in text.split(","))
    return tuple((key.strip(), value.strip()) for key, _, value in pairs)


def _partition_spec(spec: dict[str, str] | str | None) -> dict[str, str]:
    """The DOC's object form, or the SDK's string form `col1=v1,col2=v2` (quotes trimmed)."""
    if not spec:
        return {}
    if isinstance(spec, dict):
        return dict(spec)
    pairs = {}
    for item in spec.split(","):
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise parameter_invalid(
                f"Invalid parameter partition_spec: {spec!r} is not col=value pairs"
            )
        pairs[key.strip()] = value.strip().strip("'\"")
    return pairs
