"""UPDATE, DELETE and MERGE INTO refused as Spark 4 refuses them on the engine's tables.

Spark's file-based tables (parquet, orc, csv, json: its v1 sources, the only kind the engine
makes) support no row-level change, and neither do RENAME COLUMN and DROP COLUMN: the analyzer
refuses each with UNSUPPORTED_FEATURE.TABLE_OPERATION naming the table, before anything is
written. Through a view Spark names the table the view reads; a missing table keeps its
TABLE_OR_VIEW_NOT_FOUND (DuckDB's error, in Spark's words).
"""

from __future__ import annotations

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.dialects.dialect import Dialect
from sqlglot.errors import SqlglotError

from ....errors import semantic_error
from ..analyzer import tables_read
from ..statements import SPARK
from ..translate import to_duckdb
from . import tablemeta

_OPERATIONS: tuple[tuple[type[exp.Expr], str], ...] = (
    (exp.Update, "UPDATE TABLE"),
    (exp.Delete, "DELETE"),
    (exp.Merge, "MERGE INTO TABLE"),
)
_VIEW_DEPTH = 16  # views of views followed at most this deep


def unsupported_operation(qualified: str, operation: str) -> str:
    """Spark's UNSUPPORTED_FEATURE.TABLE_OPERATION message for `qualified` (`a`.`b`.`c`)."""
    return (
        f"[UNSUPPORTED_FEATURE.TABLE_OPERATION] The feature is not supported: Table {qualified} "
        f"does not support {operation}. Please check the current catalog and namespace to make "
        "sure the qualified table name is expected, and also check the catalog implementation "
        'which is configured by "spark.sql.catalog".'
    )


def refuse_row_changes(
    cursor: duckdb.DuckDBPyConnection, expression: exp.Expr, currentdb: str
) -> None:
    """Raises Spark's refusal when `expression` is an UPDATE, DELETE or MERGE INTO of a table
    (or a view) that exists; returns for anything else."""
    operation = next((o for kind, o in _OPERATIONS if isinstance(expression, kind)), None)
    target = expression.this
    if operation is None or not isinstance(target, exp.Table):
        return
    table = _table_behind(cursor, target.db or None, target.name, currentdb, _VIEW_DEPTH)
    if table is None:
        return
    if not isinstance(expression, exp.Merge) and _is_table(cursor, target, currentdb):
        # Spark resolves the statement's columns first: DuckDB's binder names a missing one in
        # Spark's words (EXPLAIN runs nothing). DuckDB binds no change of a view.
        cursor.execute(f"EXPLAIN {to_duckdb(expression)}")
    database, name = table
    raise semantic_error(unsupported_operation(f"`spark_catalog`.`{database}`.`{name}`", operation))


def _is_table(cursor: duckdb.DuckDBPyConnection, target: exp.Table, currentdb: str) -> bool:
    if not target.db and tablemeta.is_temporary_view(cursor, target.name):
        return False
    known = tablemeta.lookup(cursor, target.db or currentdb, target.name)
    return known is not None and known[0] == "TABLE"


def _table_behind(
    cursor: duckdb.DuckDBPyConnection, database: str | None, name: str, currentdb: str, depth: int
) -> tuple[str, str] | None:
    """(database, table) of the table a name stands for, through views; None when missing."""
    query: exp.Expr | None = None
    if database is None and tablemeta.is_temporary_view(cursor, name):
        row = cursor.execute(
            "SELECT sql FROM duckdb_views() WHERE temporary AND lower(view_name) = lower(?)",
            [name],
        ).fetchone()
        query = _view_query(str(row[0]) if row else "", "duckdb")
        database = currentdb
    else:
        database = database or currentdb
        known = tablemeta.lookup(cursor, database, name)
        if known is None:
            return None
        kind, schema, stored, meta = known
        if kind == "TABLE":
            return schema, stored
        query = _view_query(meta.view_text or "", SPARK)
        database, name = schema, stored
    read = tables_read(query, database) if query is not None else set()
    if len(read) == 1 and depth > 0:
        (inner_db, inner) = next(iter(read))
        found = _table_behind(cursor, inner_db, inner, currentdb, depth - 1)
        if found is not None:
            return found
    return database, name  # a view of no table or of several: Spark cannot say which


def _view_query(text: str, dialect: str | Dialect) -> exp.Expr | None:
    try:
        parsed = sqlglot.parse_one(text, read=dialect)
    except SqlglotError:
        return None
    if isinstance(parsed, exp.Create):
        query = parsed.expression
        return query if isinstance(query, exp.Expr) else None
    return parsed
