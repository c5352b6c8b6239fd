"""Runs one parsed Spark statement on a project's DuckDB connection.

Query results are written in full to a Parquet file with DuckDB's streaming `COPY ... TO`, never
held in memory: a preview then reads only the first row group(s) of that file, so previewing
1000 rows of a 10-million-row result costs what previewing 1000 rows of a small one does. Parquet
files rather than tables in a results database because a file per job needs no shared writer,
no catalog growth and is deleted or exported on its own. Columns are stored as the DuckDB type of
their Spark type (see `sqltypes`), under positional names, so duplicate or odd column names
survive; the real names are kept in the job record.

input_size is an approximation from DuckDB's profile of the statement: for each table scan, the
in-memory bytes of the columns it produced scaled up to the rows it scanned (so a selective filter
does not hide what was read), or the bytes DuckDB read from files if that is larger.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
from sqlglot import exp

from ...errors import not_found, not_supported, semantic_error
from ..protocol import DEFAULT_DATABASE, Checkpoint, Outcome
from ..sparktypes import Field, SparkType, json_safe
from . import catalog
from .ddl import command_forms, commands, tablemeta
from .ddl.alter import alter_statements
from .ddl.create import create_table_statements, create_view_statements, like_statements
from .ddl.rowlevel import refuse_row_changes
from .ddl.truncate import truncate_statements
from .ddl.writes import checked_insert, drop_statements
from .functions.intervals import interval_text_sql
from .sqltypes import WRAP_HUGEINT, fields_of, quote_identifier, quote_literal, storage_sql
from .statements import DCL, DDL, DELETE, INSERT, QUERY, UPDATE, SparkStatement, database_of
from .translate import database_statements, insert_plan, to_duckdb, translate
from .typerules.inference import ColumnTypes
from .typerules.intervals import interval_fields

_DATABASE_KINDS = {"DATABASE", "SCHEMA", "NAMESPACE"}
# Spark cache and statistics commands: DuckDB has nothing to cache or analyse per table.
_NO_OP_DDL = (exp.Cache, exp.Uncache, exp.Refresh, exp.Analyze)


def use_database(cursor: duckdb.DuckDBPyConnection, database: str) -> None:
    try:
        cursor.execute(f"USE {quote_identifier(database)}")
    except duckdb.CatalogException as error:
        raise not_found(f"Database '{database}' not found") from error


def run_statement(
    cursor: duckdb.DuckDBPyConnection,
    statement: SparkStatement,
    currentdb: str,
    result_file: Path | None,
    checkpoint: Checkpoint,
) -> Outcome:
    """Execute `statement` in `currentdb`; a QUERY's rows go to `result_file`."""
    use_database(cursor, currentdb)
    checkpoint()
    expression = statement.expression
    if statement.job_type == QUERY:
        assert result_file is not None, "a QUERY job needs a result file"
        sql, result_types = translate(expression, statement.text, column_types(cursor))
        return run_query(cursor, sql, result_file, result_types)
    refuse_row_changes(cursor, expression, currentdb)
    if statement.job_type == INSERT and isinstance(expression, exp.Insert):
        return _run_insert(cursor, expression, currentdb, checkpoint)
    if statement.job_type in (INSERT, UPDATE, DELETE):  # MERGE INTO is an INSERT job
        count = first_value(cursor.execute(to_duckdb(expression)))
        return profiled(cursor, Outcome(result_count=count))
    if statement.job_type == DCL:
        # The emulator has one user per project: grants are accepted, never enforced.
        return Outcome()
    assert statement.job_type == DDL
    return _run_ddl(cursor, expression, currentdb, checkpoint, statement.text)


def column_types(cursor: duckdb.DuckDBPyConnection) -> ColumnTypes:
    """The Spark types of a table's columns, for typing the expressions over them."""

    def lookup(table: exp.Table) -> dict[str, SparkType] | None:
        try:
            relation = cursor.sql("SELECT * FROM " + to_duckdb(table))
        except duckdb.Error:
            return None
        return {f.name.lower(): f.type for f in fields_of(relation.columns, relation.types)}

    return lookup


def run_query(
    cursor: duckdb.DuckDBPyConnection,
    sql: str,
    result_file: Path,
    result_types: Sequence[SparkType | None] = (),
) -> Outcome:
    """Run `sql` into `result_file`; `result_types`, the Spark types of its columns as far as
    the translation knows them, type the intervals, which are stored as Spark's text of them."""
    relation = cursor.sql(sql)
    fields = list(fields_of(relation.columns, relation.types))
    aliases = [f"c{i}" for i in range(len(fields))]
    stored = []
    for index, (alias, kind) in enumerate(zip(aliases, relation.types, strict=True)):
        spark_kind = result_types[index] if index < len(result_types) else None
        if spark_kind is not None and interval_fields(spark_kind) and str(kind) == "INTERVAL":
            fields[index] = Field(fields[index].name, spark_kind)
            stored.append(interval_text_sql(alias, spark_kind))
        elif str(kind) == "HUGEINT":
            stored.append(WRAP_HUGEINT.format(alias))
        else:
            stored.append(f"CAST({alias} AS {storage_sql(fields[index].type)})")
    projection = ", ".join(
        f"{value} AS {alias}" for value, alias in zip(stored, aliases, strict=True)
    )
    result_file.parent.mkdir(parents=True, exist_ok=True)
    count = first_value(
        cursor.execute(
            f"COPY (SELECT {projection} FROM ({sql}) AS q({', '.join(aliases)})) "
            f"TO {quote_literal(str(result_file))} (FORMAT parquet)"
        )
    )
    return profiled(cursor, Outcome(result_count=count, fields=tuple(fields)))


def read_rows(
    cursor: duckdb.DuckDBPyConnection, result_file: Path, limit: int, max_bytes: int
) -> list[list[Any]]:
    """The first `limit` rows of a stored result, JSON-safe (see `sqltypes.json_safe`), cut
    before the rows' text passes `max_bytes`: DuckDB sizes each row (as text) and keeps the
    running total, so a huge value is never handed to Python."""
    source = f"read_parquet({quote_literal(str(result_file))}, file_row_number = true)"
    rows = cursor.execute(
        "SELECT * EXCLUDE (file_row_number, dli_bytes) FROM ("
        "SELECT *, sum(strlen(CAST(r AS VARCHAR))) OVER (ORDER BY file_row_number) AS dli_bytes "
        f"FROM (SELECT * FROM {source} LIMIT {int(limit)}) AS r) "
        f"WHERE dli_bytes <= {int(max_bytes)} ORDER BY file_row_number"
    ).fetchall()
    return [[json_safe(value) for value in row] for row in rows]


def scanned_bytes(profile: str) -> int:
    """input_size from a DuckDB JSON profile (see the module docstring)."""
    tree = json.loads(profile)
    scans = 0
    pending: list[Any] = list(tree.get("operator") or tree.get("children") or [])
    while pending:
        node = pending.pop()
        pending.extend(node.get("children") or [])
        if node.get("type") != "TABLE_SCAN":
            continue
        produced = int(node.get("intermediate_size_bytes") or 0)
        rows_out = int(node.get("intermediate_rows") or 0)
        rows_scanned = int(node.get("rows_scanned") or 0)
        if rows_out and rows_scanned > rows_out:
            produced = produced * rows_scanned // rows_out
        scans += produced
    read = int((tree.get("io") or {}).get("total_bytes_read") or 0)
    return max(scans, read)


def profiled(cursor: duckdb.DuckDBPyConnection, outcome: Outcome) -> Outcome:
    """`outcome` with the profile of the cursor's last statement and the input_size from it."""
    profile = cursor.get_profiling_information(format="json")
    outcome.profile = profile
    outcome.input_size = scanned_bytes(profile)
    return outcome


def first_value(result: duckdb.DuckDBPyConnection) -> int:
    row = result.fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _run_insert(
    cursor: duckdb.DuckDBPyConnection, insert: exp.Insert, currentdb: str, checkpoint: Checkpoint
) -> Outcome:
    plan = checked_insert(cursor, insert, insert_plan(insert, column_types(cursor)), currentdb)
    query = plan.query_sql
    columns_sql = plan.columns_sql
    if plan.partitions:
        if columns_sql:
            if any(value is None for _, value in plan.partitions):
                raise not_supported(
                    "INSERT with both a column list and a dynamic PARTITION is not supported"
                )
            # The static partition values fill their columns after the ones listed.
            listed = ", ".join(quote_identifier(column) for column, _ in plan.partitions)
            columns_sql = f"{columns_sql[:-1]}, {listed})"
        width = len(cursor.sql(query).columns)
        dynamic = sum(1 for _, value in plan.partitions if value is None)
        if width < dynamic:
            raise semantic_error(
                f"the query gives {width} columns but the PARTITION clause needs {dynamic}"
            )
        aliases = [f"c{i}" for i in range(width)]
        items, taken = aliases[: width - dynamic], width - dynamic
        for _, value in plan.partitions:
            if value is None:
                items.append(aliases[taken])
                taken += 1
            else:
                items.append(value)
        query = f"SELECT {', '.join(items)} FROM ({query}) AS q({', '.join(aliases)})"
    insert_sql = f"INSERT INTO {plan.table_sql} {columns_sql} {query}"
    static = [(column, value) for column, value in plan.partitions if value is not None]
    outcome = write_rows(cursor, plan.table_sql, insert_sql, plan.overwrite, static, checkpoint)
    outcome.input_row_count = outcome.result_count
    return outcome


def write_rows(
    cursor: duckdb.DuckDBPyConnection,
    table_sql: str,
    insert_sql: str,
    overwrite: bool,
    partition: list[tuple[str, str]],
    checkpoint: Checkpoint,
) -> Outcome:
    """Run an INSERT; with `overwrite`, first delete the rows it replaces, in one transaction.

    Spark's INSERT OVERWRITE replaces the static partition named (column, DuckDB literal) in
    `partition`, or the whole table when there is none.
    """
    if not overwrite:
        return profiled(cursor, Outcome(result_count=first_value(cursor.execute(insert_sql))))
    matches = [f"{quote_identifier(column)} = {value}" for column, value in partition]
    where = f" WHERE {' AND '.join(matches)}" if matches else ""
    with transaction(cursor):
        cursor.execute(f"DELETE FROM {table_sql}{where}")
        checkpoint()
        count = first_value(cursor.execute(insert_sql))
        return profiled(cursor, Outcome(result_count=count))


@contextmanager
def transaction(cursor: duckdb.DuckDBPyConnection) -> Iterator[None]:
    cursor.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        # After an interrupt DuckDB may have ended the transaction already.
        with suppress(duckdb.Error):
            cursor.execute("ROLLBACK")
        raise
    cursor.execute("COMMIT")


def _run_ddl(
    cursor: duckdb.DuckDBPyConnection,
    expression: exp.Expr,
    currentdb: str,
    checkpoint: Checkpoint,
    text: str | None = None,
) -> Outcome:
    if isinstance(expression, exp.Describe):
        return catalog.describe(cursor, expression, currentdb)
    if isinstance(expression, exp.Command) and command_forms.runs(expression):
        with transaction(cursor):
            for statement in commands.command_statements(cursor, expression, currentdb):
                cursor.execute(statement)
        return Outcome()
    if isinstance(expression, exp.Command):
        text = expression.expression.name if expression.expression else ""
        if str(expression.this).upper() == "SHOW":
            return catalog.show(cursor, text, currentdb)
        return catalog.explain(cursor, text)
    if isinstance(expression, exp.Use):
        use_database(cursor, database_of(expression))
        return Outcome()
    if isinstance(expression, _NO_OP_DDL):
        return Outcome()
    if _exists_already(cursor, expression, currentdb):
        return Outcome()  # CREATE TABLE IF NOT EXISTS: the table and its metadata stay
    statements = _ddl_statements(cursor, expression, currentdb, text)
    if len(statements) == 1:
        cursor.execute(statements[0])
        return profiled(cursor, Outcome())
    with transaction(cursor):
        for statement in statements:
            checkpoint()
            cursor.execute(statement)
    return Outcome()


def _exists_already(
    cursor: duckdb.DuckDBPyConnection, expression: exp.Expr, currentdb: str
) -> bool:
    if not isinstance(expression, exp.Create) or not expression.args.get("exists"):
        return False
    if str(expression.args.get("kind") or "").upper() != "TABLE":
        return False
    target = expression.this.this if isinstance(expression.this, exp.Schema) else expression.this
    if not isinstance(target, exp.Table):
        return False
    return tablemeta.lookup(cursor, target.db or currentdb, target.name) is not None


def _ddl_statements(
    cursor: duckdb.DuckDBPyConnection, expression: exp.Expr, currentdb: str, text: str | None
) -> list[str]:
    kind = str(expression.args.get("kind") or "").upper()
    columns = column_types(cursor)
    if isinstance(expression, exp.Create | exp.Drop) and kind in _DATABASE_KINDS:
        if isinstance(expression, exp.Drop) and database_of(expression).lower() == DEFAULT_DATABASE:
            raise not_supported("Can not drop default database")
        return database_statements(expression)
    if isinstance(expression, exp.Create) and kind == "TABLE":
        statements = create_table_statements(expression, text, currentdb, columns)
        return [*statements, *like_statements(cursor, expression, currentdb)]
    if isinstance(expression, exp.Create) and kind == "VIEW":
        return create_view_statements(expression, text, currentdb, columns)[0]
    if isinstance(expression, exp.Alter):
        return alter_statements(cursor, expression, currentdb, text)
    if isinstance(expression, exp.Drop) and kind in ("TABLE", "VIEW"):
        return drop_statements(cursor, expression, currentdb)
    if isinstance(expression, exp.TruncateTable):
        return truncate_statements(cursor, expression, currentdb)
    return [to_duckdb(expression, columns=columns)]
