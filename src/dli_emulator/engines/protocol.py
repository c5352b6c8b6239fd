"""The engine boundary: everything the job layer asks of a SQL engine, and what it gets back.

The job layer (`dli_emulator.jobs`) never imports an engine's libraries: it parses, checks and
runs Spark SQL, imports and exports data, and reads results only through `Engine` and
`Session`. An engine is chosen by name (`Settings.engine`, see `dli_emulator.engines.create`);
`engines/duckdb` is the default, and a second engine (Spark: local or through Spark Connect)
implements the same two protocols without a change to the job layer.

The life of a job, as the job layer drives it:

1. `Engine.parse(sql)` classifies the statement (its `JobType`, the database and table it is
   about) without running anything. Bad SQL is refused here with a `DliError` (DLI.0004 syntax,
   with line and column; DLI.0007 a statement the engine cannot run; DLI.0001 empty or several
   statements), so a submit is answered 400 before any job exists.
2. `Engine.check(project_id, statement, currentdb)` (check-sql only) resolves names against the
   project's catalog without running anything: DLI.0005 for unknown tables or columns.
3. A worker thread opens `Engine.session(project_id, conf)` with the job's engine settings
   (`conf`: the `spark.*` items of the job's conf list) and calls one work method on it
   (`run`, `export_result`, `export_table`, `import_files`) with its request (`RunRequest`,
   `ResultExport`, `TableExport`, `FileImport`) and a `Checkpoint`. The work
   calls the checkpoint between steps; it raises once the job is cancelled or timed out, and
   the work must let that exception through. While the work runs, other threads may call
   `Session.interrupt()` (to stop the statement in flight; called repeatedly until the work
   returns or raises) and `Session.progress()`.
4. The work returns an `Outcome` (counters, result columns, inline rows, execution details), or
   raises: `DliError` (its `error_msg` becomes the job's message), `ExecutionFailed` (the
   engine's own error text for a statement that failed), `Interrupted` (the engine stopped
   because of `interrupt()`). Anything else is logged as a fault of the emulator.
5. Later, `Engine.read_result` serves previews and `Session.export_result` exports a QUERY
   job's stored result.

Files. The job layer hands the engine local paths inside the emulated OBS folder
(`EngineSettings.files_root`); user SQL must not reach any file outside it. A QUERY job's
result goes into a folder (`result_dir`) the job layer names and owns: the engine writes the
rows there as Parquet, one or more files, with positional column names `c0, c1, ...` (so
duplicate or odd names survive; the real names are in `Outcome.fields`) and each column in the
Parquet type that holds its Spark type exactly. Only the same engine reads that folder back.
Exports write one `part-00000.<ext>` file into the target folder (see `engines.files`).

Threads. `parse`, `check`, `read_result`, `databases` and `tables` are called from many threads
at once; each `Session` is used by one worker thread, except `interrupt()` and `progress()`.

Errors. Messages must never contain a host path outside `files_root` (the job layer rewrites
paths inside it to obs:// URIs) or a secret.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ..model import JobType
from .sparktypes import Field

Checkpoint = Callable[[], None]
"""Called by work between steps; raises (an exception the work must not catch) once cancelled."""

PREVIEW_MAX_BYTES = 8 * 1024 * 1024
"""The most text a preview holds: `Engine.read_result` stops before its rows pass it."""

DEFAULT_DATABASE = "default"
"""The database a project starts with; it cannot be dropped."""


class ExecutionFailed(Exception):
    """A statement failed in the engine; the message (the engine's own words) goes to the job."""


class Interrupted(Exception):
    """The engine stopped a statement because `Session.interrupt()` was called."""


@dataclass
class Outcome:
    """Counters and result description of a job; fields left None are omitted from answers."""

    result_count: int = 0
    # Bytes read, as well as the engine can tell (the service's input_size).
    input_size: int = 0
    input_row_count: int | None = None
    bad_row_count: int | None = None
    # Result columns (QUERY results and row-returning DDL such as DESC or SHOW).
    fields: tuple[Field, ...] | None = None
    # Rows of row-returning DDL, answered inline by synchronous submits (<= 1000 kept); values
    # as `sparktypes.json_safe` renders them or plain Python values it accepts.
    rows: list[list[Any]] | None = None
    # The engine's execution details (JSON text), stored at the job's execution_details_path;
    # None for statements that have none (the path is then left out of answers).
    profile: str | None = None


@dataclass(frozen=True)
class Statement:
    """One parsed statement. Engines subclass it to carry their own parse tree."""

    text: str
    job_type: JobType
    # The DOC's database_name/table_name of the job: what the statement is about, if anything.
    database_name: str | None
    table_name: str | None


@dataclass(frozen=True)
class ExportOptions:
    """How to write exported rows (ExportTable, ExportSqlJobResult).

    Values the spec defaults come filled in from the request; the defaults here are the
    service's behaviour for what the spec leaves unsaid or an operation does not carry.
    """

    data_type: str  # csv | json
    compress: str  # none | gzip | bzip2 | deflate
    export_mode: str  # ErrorIfExists | Overwrite
    with_column_header: bool
    quote_char: str = '"'
    escape_char: str = "\\"
    limit_num: int | None = None  # None or 0: every row
    encoding_type: str = "utf-8"  # utf-8 | gb2312 | gbk


@dataclass(frozen=True)
class ImportOptions:
    """How to read imported files (ImportTable); defaults as for `ExportOptions`."""

    data_type: str  # one of Engine.import_data_types
    with_column_header: bool
    delimiter: str
    overwrite: bool
    quote_char: str = '"'
    escape_char: str = "\\"
    date_format: str | None = None  # Java/Spark pattern, e.g. yyyy-MM-dd; None: the type's own
    timestamp_format: str | None = None
    # Static partition values: column -> value as text.
    partition_spec: dict[str, str] = field(default_factory=dict)


# What each work method of `Session` is asked to do (the job layer builds them).


@dataclass(frozen=True)
class RunRequest:
    """A parsed statement to run in database `currentdb`; `result_dir` only for QUERY jobs."""

    statement: Statement
    currentdb: str
    result_dir: Path | None


@dataclass(frozen=True)
class ResultExport:
    """A stored QUERY result (in `result_dir`, its column names `columns`) to write to `target`.

    `target` is an empty folder (the job layer's staging folder, see `ObsStore.staging`).
    """

    result_dir: Path
    columns: list[str]
    target: Path
    options: ExportOptions


@dataclass(frozen=True)
class TableExport:
    """Every row of `database.table` to write to `target`, a folder as for `ResultExport`."""

    database: str
    table: str
    target: Path
    options: ExportOptions


@dataclass(frozen=True)
class FileImport:
    """Local `files` (inside the emulated OBS folder) to load into `database.table`."""

    files: list[Path]
    database: str
    table: str
    options: ImportOptions


@dataclass(frozen=True)
class EngineSettings:
    """What an engine is built from (see `dli_emulator.engines.create`)."""

    # A folder of the engine's own (its databases); nothing else writes there.
    warehouse: Path
    # The emulated OBS folder: the only place user SQL may read or write files.
    files_root: Path
    threads: int | None = None
    memory_limit: str | None = None  # e.g. "2GB"
    # Engine-specific settings (a Spark Connect URL, ...), as text.
    options: Mapping[str, str] = field(default_factory=dict)


class Session(Protocol):
    """One job's connection to a project's data; `Engine.session` opens and closes it."""

    def run(self, request: RunRequest, checkpoint: Checkpoint) -> Outcome:
        """Execute `request.statement` in database `request.currentdb`.

        A QUERY writes its rows into `request.result_dir` (given for QUERY jobs only, see the
        module docstring) and reports `fields`; row-returning DDL (SHOW, DESCRIBE, EXPLAIN)
        reports `fields` and `rows` instead; DML reports the rows written in `result_count`.
        """
        ...

    def export_result(self, request: ResultExport, checkpoint: Checkpoint) -> Outcome:
        """Write a stored QUERY result into the folder `request.target`; `result_count` is the
        number of rows written."""
        ...

    def export_table(self, request: TableExport, checkpoint: Checkpoint) -> Outcome:
        """Write every row of a table into the folder `request.target`."""
        ...

    def import_files(self, request: FileImport, checkpoint: Checkpoint) -> Outcome:
        """Append (or with `options.overwrite` replace) rows read from files into a table.

        Values are converted to the column types the way Spark's PERMISSIVE mode does
        (unparsable values become null); CSV columns map by position, JSON and Parquet ones by
        name; `partition_spec` values fill their columns. `result_count` and `input_row_count`
        are the rows written.
        """
        ...

    def interrupt(self) -> None:
        """Stop the statement in flight (from another thread); a no-op between statements."""
        ...

    def progress(self) -> float | None:
        """Fraction done (0..1) of the statement in flight as the engine estimates it (from
        another thread); None when it cannot tell."""
        ...


class Engine(Protocol):
    """A SQL engine serving every project of one emulator."""

    # The engine's name as users see it (progress names its sub-jobs after it): "DuckDB".
    name: str
    # The ImportTable data_type values this engine reads; others are refused with DLI.0007.
    import_data_types: frozenset[str]

    def parse(self, sql: str) -> Statement:
        """One Spark SQL statement, parsed and classified; DliError when it cannot be run.

        Returns the engine's own subclass of `Statement`; only the same engine's `check` and
        `Session.run` receive it back.
        """
        ...

    def check(self, project_id: str, statement: Statement, currentdb: str) -> None:
        """CheckSql: resolve a QUERY/INSERT/UPDATE/DELETE's names in `currentdb` without
        running or writing anything; other job types pass unchecked.

        DLI.0005 (semantic: an unknown table, column or database) or DLI.0004 (syntax the
        engine's planner refuses) as `DliError`.
        """
        ...

    def session(
        self, project_id: str, conf: Mapping[str, str] | None = None
    ) -> AbstractContextManager[Session]:
        """A fresh session on the project's data (its databases exist only for it).

        `conf` holds the job's Spark settings (`spark.sql.shuffle.partitions` -> `10`): they
        apply to this session only, never to the next job's. An engine applies those it can
        and ignores the rest (and any that would reach outside the project); a value the
        engine refuses is `ExecutionFailed` in its own words.
        """
        ...

    def read_result(self, result_dir: Path, limit: int) -> list[list[Any]]:
        """The first `limit` rows of a stored QUERY result, values `json_safe`, fewer when
        more would hold over `PREVIEW_MAX_BYTES` of text (the values rendered as text)."""
        ...

    def databases(self, project_id: str) -> list[str]:
        """The project's databases, sorted."""
        ...

    def tables(self, project_id: str, database: str) -> list[str]:
        """The tables and views of a project's database, sorted; DLI.0002 if it is missing."""
        ...

    def reset(self) -> None:
        """Delete every project's data (no session may be open)."""
        ...

    def close(self) -> None:
        """Release everything the engine holds (no session may be open)."""
        ...


EngineFactory = Callable[[EngineSettings], Engine]
