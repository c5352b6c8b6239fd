"""The DuckDB engine: Spark SQL translated by sqlglot, run on one DuckDB database per project.

This is the emulator's default engine and, with the modules beside it, the only code that
imports duckdb or sqlglot. It implements `engines.protocol.Engine`; see that module for what
each method promises.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import duckdb
from sqlglot import exp
from sqlglot.errors import SqlglotError

from ...errors import DliError, semantic_error, syntax_error
from ...model import JobType
from ..protocol import (
    PREVIEW_MAX_BYTES,
    Checkpoint,
    EngineSettings,
    ExecutionFailed,
    ExportOptions,
    FileImport,
    Interrupted,
    Outcome,
    ResultExport,
    RunRequest,
    Statement,
    TableExport,
)
from . import catalog, execute, transfer
from .ddl.rowlevel import refuse_row_changes
from .functions.generators import probing
from .sandbox import check_tenant_sql
from .spark_errors import in_sparks_words
from .sqltypes import quote_identifier, quote_literal
from .statements import SparkStatement, parse_statement
from .translate import insert_plan, to_duckdb
from .warehouse import Warehouse

# The one Parquet file of a QUERY result in its result folder.
RESULT_FILE = "part-00000.parquet"
_SEMANTIC_CHECKED = (JobType.QUERY, JobType.INSERT, JobType.UPDATE, JobType.DELETE)
T = TypeVar("T")


class DuckDBEngine:
    name = "DuckDB"
    import_data_types = transfer.DATA_TYPES_IMPORT

    def __init__(self, settings: EngineSettings) -> None:
        self._warehouse = Warehouse(settings)

    @property
    def warehouse(self) -> Warehouse:
        return self._warehouse

    def parse(self, sql: str) -> SparkStatement:
        statement = parse_statement(sql)
        # Every statement a project runs or checks passes here first (see `sandbox`).
        check_tenant_sql(statement.expression)
        return statement

    def check(self, project_id: str, statement: Statement, currentdb: str) -> None:
        expression = _expression(statement)
        if statement.job_type not in _SEMANTIC_CHECKED:
            return
        with self._warehouse.session(project_id) as cursor, probing(cursor):
            try:
                execute.use_database(cursor, currentdb)
                refuse_row_changes(cursor, expression, currentdb)
                # Translated in the job's database: generator arguments are typed there.
                if isinstance(expression, exp.Insert):
                    plan = insert_plan(expression)
                    checks = [f"SELECT * FROM {plan.table_sql} LIMIT 0", plan.query_sql]
                else:  # typed as a run types it: Spark's type checks need the columns' types
                    text = statement.text if isinstance(statement, SparkStatement) else None
                    checks = [to_duckdb(expression, text, execute.column_types(cursor))]
                for sql in checks:
                    cursor.execute(f"EXPLAIN {sql}")
            except SqlglotError as error:
                raise semantic_error(f"The statement cannot be translated: {error}") from error
            except DliError as error:
                raise semantic_error(error.error_msg) from error
            except duckdb.ParserException as error:
                raise syntax_error(str(error)) from error
            except duckdb.Error as error:
                database = statement.database_name or currentdb
                raise semantic_error(in_sparks_words(str(error), database)) from error

    @contextmanager
    def session(
        self, project_id: str, conf: Mapping[str, str] | None = None
    ) -> Iterator[DuckDBSession]:
        # Spark's settings are tuning (partitions, broadcast sizes) DuckDB has no use for, or
        # change semantics its fixed Spark 3.x translation does not follow: all are ignored.
        with self._warehouse.session(project_id) as cursor:
            yield DuckDBSession(cursor)

    def read_result(self, result_dir: Path, limit: int) -> list[list[Any]]:
        with self._warehouse.scratch() as cursor:
            return _engine_errors(
                lambda: execute.read_rows(
                    cursor, result_dir / RESULT_FILE, limit, PREVIEW_MAX_BYTES
                )
            )

    def databases(self, project_id: str) -> list[str]:
        with self._warehouse.session(project_id) as cursor:
            return catalog.databases(cursor)

    def tables(self, project_id: str, database: str) -> list[str]:
        with self._warehouse.session(project_id) as cursor:
            return [name for name, _, _ in catalog.relations(cursor, database)]

    def reset(self) -> None:
        self._warehouse.drop_all()

    def close(self) -> None:
        self._warehouse.close()


class DuckDBSession:
    """One job's DuckDB connection: interrupting it stops the statement it runs."""

    def __init__(self, cursor: duckdb.DuckDBPyConnection) -> None:
        self._cursor = cursor
        # Interrupt and progress come from other threads; the cursor closes when the job ends.
        self._lock = threading.Lock()

    def run(self, request: RunRequest, checkpoint: Checkpoint) -> Outcome:
        spark = _spark(request.statement)
        result = None if request.result_dir is None else request.result_dir / RESULT_FILE
        with probing(self._cursor):
            return _engine_errors(
                lambda: execute.run_statement(
                    self._cursor, spark, request.currentdb, result, checkpoint
                ),
                spark.database_name or request.currentdb,
            )

    def export_result(self, request: ResultExport, checkpoint: Checkpoint) -> Outcome:
        columns = enumerate(request.columns)
        projection = ", ".join(f"c{i} AS {quote_identifier(n)}" for i, n in columns)
        source = quote_literal(str(request.result_dir / RESULT_FILE))
        query = f"SELECT {projection} FROM read_parquet({source})"
        return self._export(query, request.target, request.options, checkpoint)

    def export_table(self, request: TableExport, checkpoint: Checkpoint) -> Outcome:
        query = f"SELECT * FROM {_table_sql(request.database, request.table)}"
        return self._export(query, request.target, request.options, checkpoint)

    def import_files(self, request: FileImport, checkpoint: Checkpoint) -> Outcome:
        table_sql = _table_sql(request.database, request.table)
        return _engine_errors(
            lambda: transfer.import_files(
                self._cursor, request.files, table_sql, request.options, checkpoint
            )
        )

    def _export(
        self, query: str, target: Path, options: ExportOptions, checkpoint: Checkpoint
    ) -> Outcome:
        return _engine_errors(
            lambda: transfer.export_query(self._cursor, query, target, options, checkpoint)
        )

    def interrupt(self) -> None:
        with self._lock:
            self._cursor.interrupt()

    def progress(self) -> float | None:
        with self._lock:
            percentage = self._cursor.query_progress()
        return min(max(percentage, 0.0), 100.0) / 100.0


def _engine_errors(work: Callable[[], T], database: str | None = None) -> T:
    """Run `work`, turning DuckDB's exceptions into the protocol's; a statement's errors in
    Spark's words where Spark has them (`database`: the one its table is in)."""
    try:
        return work()
    except duckdb.InterruptException as error:
        raise Interrupted(str(error)) from error
    except duckdb.Error as error:
        message = str(error) if database is None else in_sparks_words(str(error), database)
        raise ExecutionFailed(message) from error


def _spark(statement: Statement) -> SparkStatement:
    if not isinstance(statement, SparkStatement):
        raise TypeError(f"not a statement parsed by the DuckDB engine: {statement!r}")
    return statement


def _expression(statement: Statement) -> exp.Expr:
    return _spark(statement).expression


def _table_sql(database: str, table: str) -> str:
    return f"{quote_identifier(database)}.{quote_identifier(table)}"
