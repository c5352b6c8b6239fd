"""What each operation of the job layer takes: typed requests, already valid.

The HTTP layer builds these from requests that openapi.yaml's validator has accepted (see
`http.requests`), with the spec's defaults filled in; nothing below re-checks a value the spec
constrains. Fields the spec leaves optional without a default are None when not sent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The HTTP layer builds these options and filters through this module: it speaks to the job
# layer only.
from ..engines.protocol import ExportOptions, ImportOptions
from ..storage.store import JobFilter

__all__ = [
    "CheckSqlRequest",
    "ExportOptions",
    "ExportResultRequest",
    "ExportTableRequest",
    "ImportOptions",
    "ImportTableRequest",
    "JobFilter",
    "ListQuery",
    "PreviewQuery",
    "SubmitRequest",
    "Tag",
    "job_types",
]


@dataclass(frozen=True)
class Tag:
    key: str
    value: str


@dataclass(frozen=True)
class SubmitRequest:
    """CreateSqlJob."""

    sql: str
    currentdb: str | None = None
    queue_name: str | None = None
    conf: tuple[str, ...] = ()
    tags: tuple[Tag, ...] = ()
    engine_type: str | None = None


@dataclass(frozen=True)
class CheckSqlRequest:
    """CheckSql: a statement to parse and, for queries and DML, resolve against the tables of
    `currentdb` (else `default`), without running it."""

    sql: str
    currentdb: str | None = None


@dataclass(frozen=True)
class ListQuery:
    """ListSqlJobs: paging and order (the spec's defaults filled in) and the filters sent."""

    page_size: int
    current_page: int
    order: str
    where: JobFilter


def job_types(single: str | None, several: Sequence[str]) -> frozenset[str] | None:
    """job-type and job_types together: their intersection; ALL (or nothing) is no filter."""
    chosen: frozenset[str] | None = None
    for given in (frozenset([single] if single else ()), frozenset(several)):
        if given and "ALL" not in given:
            chosen = given if chosen is None else chosen & given
    return chosen


@dataclass(frozen=True)
class PreviewQuery:
    """PreviewSqlJobResult: at most `page_size` rows of a finished query's result; a
    `queue_name`, when given, must name a queue."""

    page_size: int
    queue_name: str | None = None


@dataclass(frozen=True)
class ExportResultRequest:
    """ExportSqlJobResult: a finished query's result, written to the OBS folder `data_path` as
    `options` say, by a new EXPORT job on `queue_name`."""

    data_path: str
    options: ExportOptions
    queue_name: str | None = None


@dataclass(frozen=True)
class ExportTableRequest:
    """ExportTable: every row of `database_name.table_name`, written to the OBS folder
    `data_path` as `options` say, by a new EXPORT job on `queue_name`."""

    data_path: str
    database_name: str
    table_name: str
    options: ExportOptions
    queue_name: str | None = None


@dataclass(frozen=True)
class ImportTableRequest:
    """ImportTable: the OBS files at `data_path`, read as `options` say, into an existing table by
    a new IMPORT job on `queue_name`; `conf` as for CreateSqlJob."""

    data_path: str
    database_name: str
    table_name: str
    options: ImportOptions
    queue_name: str | None = None
    conf: tuple[str, ...] = ()
    bad_records_path: str | None = None
