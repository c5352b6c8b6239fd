"""Checks Spark's analyzer makes on a statement that writes or drops a table.

The target of INSERT or TRUNCATE must be a table, not a view; a PARTITION clause may name
only the table's partition columns (and is matched to them by name, not by position); INSERT
OVERWRITE may not read the table it replaces, through a view neither; DROP TABLE also drops a
view, DROP VIEW refuses a table.
"""

from __future__ import annotations

from contextlib import suppress

import duckdb
import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from ....errors import semantic_error
from ..analyzer import refuse_overwrite_of_source, tables_read
from ..translate import InsertPlan, to_duckdb
from . import tablemeta


def require_table(
    cursor: duckdb.DuckDBPyConnection, table: exp.Table, currentdb: str, operation: str
) -> None:
    database = table.db or currentdb
    known = tablemeta.lookup(cursor, database, table.name)
    if known is not None and known[0] == "VIEW":
        raise semantic_error(
            f"[EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE] '{operation}' expects a table but "
            f"`spark_catalog`.`{database}`.`{table.name}` is a view."
        )


def checked_insert(
    cursor: duckdb.DuckDBPyConnection, insert: exp.Insert, plan: InsertPlan, currentdb: str
) -> InsertPlan:
    """`plan` once Spark's checks pass, its PARTITION clause in the table's partition order."""
    target = insert.this.this if isinstance(insert.this, exp.Schema) else insert.this
    if not isinstance(target, exp.Table):
        return plan
    database = target.db or currentdb
    require_table(cursor, target, currentdb, "INSERT")
    if plan.overwrite:
        sources = _sources(cursor, insert.expression, currentdb)
        refuse_overwrite_of_source((database, target.name), sources)
    if not plan.partitions:
        return plan
    known = tablemeta.lookup(cursor, database, target.name)
    if known is None:
        return plan
    order = {name.lower(): index for index, name in enumerate(known[3].partitioned_by)}
    for column, _ in plan.partitions:
        if column.lower() not in order:
            raise semantic_error(
                f"[PARTITIONS_NOT_FOUND] The partition(s) `{column}` cannot be found in table "
                f"`spark_catalog`.`{database}`.`{target.name}`."
            )
    partitions = tuple(sorted(plan.partitions, key=lambda item: order[item[0].lower()]))
    return InsertPlan(plan.table_sql, plan.columns_sql, plan.query_sql, plan.overwrite, partitions)


def _sources(
    cursor: duckdb.DuckDBPyConnection, query: exp.Expr, currentdb: str
) -> set[tuple[str, str]]:
    """The tables a query reads, through the views it names (as Spark's analyzed plan has)."""
    found: set[tuple[str, str]] = set()
    pending = list(tables_read(query, currentdb))
    while pending:
        database, name = pending.pop()
        if (database.lower(), name.lower()) in {(d.lower(), n.lower()) for d, n in found}:
            continue
        found.add((database, name))
        known = tablemeta.lookup(cursor, database, name)
        if known is None or known[0] != "VIEW":
            continue
        row = cursor.execute(
            "SELECT sql FROM duckdb_views() WHERE database_name = current_database() "
            "AND schema_name = ? AND view_name = ?",
            [known[1], known[2]],
        ).fetchone()
        if row and row[0]:
            with suppress(SqlglotError):
                view = sqlglot.parse_one(str(row[0]), read="duckdb")
                pending.extend(tables_read(view, known[1]))
    return found


def drop_statements(cursor: duckdb.DuckDBPyConnection, drop: exp.Drop, currentdb: str) -> list[str]:
    """DROP TABLE of a view drops the view (Spark does); DROP VIEW of a table is refused."""
    kind = str(drop.args.get("kind") or "").upper()
    statements: list[str] = []
    for table in drop.args.get("tables") or [drop.this]:
        single = drop.copy()
        single.set("tables", [table.copy()])
        if not isinstance(table, exp.Table):
            statements.append(to_duckdb(single))
            continue
        database = table.db or currentdb
        known = tablemeta.lookup(cursor, database, table.name)
        found = known[0] if known is not None else None
        if found is None and not table.db and tablemeta.is_temporary_view(cursor, table.name):
            found = "VIEW"
        if kind == "VIEW" and found == "TABLE":
            raise semantic_error(
                "[WRONG_COMMAND_FOR_OBJECT_TYPE] The operation DROP VIEW requires a VIEW or "
                f"METRIC_VIEW. But spark_catalog.{database}.{table.name} is a MANAGED. Use DROP "
                "TABLE instead."
            )
        if found is not None:
            single.set("kind", found)
        statements.append(to_duckdb(single))
    return statements
