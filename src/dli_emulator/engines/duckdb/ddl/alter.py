"""ALTER TABLE and ALTER VIEW as Spark 4 runs them on its (file-based) tables.

Spark keeps the partition columns last when ADD COLUMNS adds data columns (DuckDB appends, so
the table is rebuilt in Spark's order), records ADD PARTITION even for a partition with no row,
deletes a partition's rows on DROP PARTITION, keeps TBLPROPERTIES and column comments, and
refuses RENAME COLUMN and DROP COLUMN on these tables.
"""

from __future__ import annotations

import dataclasses

import duckdb
from sqlglot import exp

from ....errors import semantic_error
from ..sqltypes import fields_of, quote_identifier, quote_literal
from ..translate import alter_statements as plain_alter_statements
from ..typerules.rules import spark_type_of_datatype
from . import tablemeta
from .create import create_view_statements
from .partition_specs import (
    named_spec,
    names,
    partitions_not_found,
    short_name,
    spec_text,
    spec_where,
)
from .rowlevel import unsupported_operation
from .tablemeta import TableMeta

_REBUILD_PREFIX = "__dli_rebuild_"


def alter_statements(
    cursor: duckdb.DuckDBPyConnection, alter: exp.Alter, currentdb: str, text: str | None
) -> list[str]:
    table = alter.this
    assert isinstance(table, exp.Table)
    database = table.db or currentdb
    known = tablemeta.lookup(cursor, database, table.name)
    qualified = f"`spark_catalog`.`{database}`.`{table.name}`"
    actions = alter.args.get("actions") or []
    if str(alter.args.get("kind") or "").upper() == "VIEW":
        return _alter_view(alter, known, qualified, currentdb, text)
    if known is None:
        return plain_alter_statements(alter)  # DuckDB's error names the missing table
    kind, schema, name, meta = known
    if kind == "VIEW" and any(isinstance(a, exp.AlterSet) for a in actions):
        operation = "ALTER TABLE ... SET TBLPROPERTIES"
        raise semantic_error(table_expected(qualified, operation, alter_view=True))
    target = f"{quote_identifier(schema)}.{quote_identifier(name)}"
    statements: list[str] = []
    original = meta
    for action in actions:
        if isinstance(action, exp.RenameColumn) or (
            isinstance(action, exp.Drop) and str(action.args.get("kind")).upper() == "COLUMN"
        ):
            operation = "RENAME COLUMN" if isinstance(action, exp.RenameColumn) else "DROP COLUMN"
            raise semantic_error(unsupported_operation(qualified, operation))
        unchanged = _refuse_column_change(cursor, target, qualified, action)
        comment = action.args.get("comment") if isinstance(action, exp.AlterColumn) else None
        if isinstance(comment, exp.Expr):
            remark = quote_literal(comment.name)
            column = f"{target}.{quote_identifier(action.name)}"
            statements.append(f"COMMENT ON COLUMN {column} IS {remark}")
        elif unchanged:
            continue  # CHANGE COLUMN to the type it has: nothing changes
        elif isinstance(action, exp.AlterSet):
            meta = _set_properties(meta, action, table=True)
        elif isinstance(action, exp.AddPartition):
            meta = _add_partition(cursor, target, qualified, meta, action)
        elif isinstance(action, exp.DropPartition):
            meta, deletes = _drop_partition(cursor, target, qualified, meta, action)
            statements.extend(deletes)
        else:
            single = alter.copy()
            single.set("actions", [action.copy()])
            for position in list(single.find_all(exp.ColumnPosition)):
                position.pop()  # ADD COLUMNS (c INT FIRST): Spark appends on its file tables
            statements.extend(plain_alter_statements(single))
            if isinstance(action, exp.Schema | exp.ColumnDef) and meta.partitioned_by:
                statements.extend(_partitions_last(cursor, schema, name, meta, action))
    if meta != original:
        statements.append(tablemeta.comment_statement(kind, target, meta))
    return statements


def _refuse_column_change(
    cursor: duckdb.DuckDBPyConnection, target: str, qualified: str, action: exp.Expr
) -> bool:
    """What Spark refuses of a change to its file tables' columns: REPLACE COLUMNS, SET or DROP
    NOT NULL, and a new type (ALTER COLUMN ... TYPE, CHANGE COLUMN). True when `action` gives
    a column the type it has (no change but its comment, if any)."""
    if isinstance(action, exp.ReplaceColumns):
        raise semantic_error(unsupported_operation(qualified, "REPLACE COLUMNS"))
    if not isinstance(action, exp.AlterColumn):
        return False
    if action.args.get("allow_null") is not None:
        raise semantic_error(unsupported_operation(qualified, "ALTER COLUMN ... SET NOT NULL"))
    dtype = action.args.get("dtype")
    if not isinstance(dtype, exp.DataType):
        return False
    relation = cursor.sql(f"SELECT * FROM {target}")
    types = {f.name.lower(): f.type for f in fields_of(relation.columns, relation.types)}
    current, wanted = types.get(action.name.lower()), spark_type_of_datatype(dtype)
    if current is not None and wanted is not None and current != wanted:
        renamed = action.args.get("rename_to")
        new_name = renamed.name if isinstance(renamed, exp.Expr) else action.name
        raise semantic_error(
            "[NOT_SUPPORTED_CHANGE_COLUMN] ALTER TABLE ALTER/CHANGE COLUMN is not supported for "
            f"changing {qualified}'s column `{action.name}` with type "
            f'"{current.simple.upper()}" to `{new_name}` with type "{wanted.simple.upper()}".'
        )
    return current is not None and current == wanted


def _alter_view(
    alter: exp.Alter,
    known: tuple[str, str, str, TableMeta] | None,
    qualified: str,
    currentdb: str,
    text: str | None,
) -> list[str]:
    actions = alter.args.get("actions") or []
    action = actions[0] if len(actions) == 1 else None
    if not isinstance(action, exp.Query | exp.AlterSet):
        return plain_alter_statements(alter)
    if known is None:
        raise tablemeta.table_not_found(alter.this)
    kind, schema, name, meta = known
    if kind == "TABLE":
        operation = "AS" if isinstance(action, exp.Query) else "SET TBLPROPERTIES"
        raise semantic_error(view_expected(qualified, operation))
    if isinstance(action, exp.AlterSet):
        meta = _set_properties(meta, action, table=False)
        target = f"{quote_identifier(schema)}.{quote_identifier(name)}"
        return [tablemeta.comment_statement(kind, target, meta)]
    create = exp.Create(
        this=alter.this.copy(), kind="VIEW", replace=True, expression=actions[0].copy()
    )
    return create_view_statements(create, text, currentdb)[0]


def view_expected(qualified: str, operation: str) -> str:
    """Spark's refusal of ALTER VIEW ... `operation` on a table."""
    if operation == "AS":
        return (
            f"[EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE] The table {qualified} does not support "
            "ALTER VIEW ... AS."
        )
    return (
        f"[EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE] The table {qualified} does not support "
        f"ALTER VIEW ... {operation}. Please use ALTER TABLE instead."
    )


def table_expected(qualified: str, operation: str, alter_view: bool) -> str:
    """Spark's refusal of a table's `operation` on a view (`alter_view`: ALTER VIEW can)."""
    alternative, advice = (
        ("USE_ALTER_VIEW", " Please use ALTER VIEW instead.")
        if alter_view
        else ("NO_ALTERNATIVE", "")
    )
    return (
        f"[EXPECT_TABLE_NOT_VIEW.{alternative}] '{operation}' expects a table but "
        f"{qualified} is a view.{advice}"
    )


def _set_properties(meta: TableMeta, action: exp.AlterSet, table: bool) -> TableMeta:
    """`meta` after SET TBLPROPERTIES: Spark takes `comment` for the comment, and refuses its
    reserved keys on a table."""
    given = dict(tablemeta.written_properties(action.find_all(exp.Property)))
    if table:
        tablemeta.refuse_reserved(given)
    comment = given.pop("comment", meta.comment)
    return dataclasses.replace(
        meta, properties=tuple({**dict(meta.properties), **given}.items()), comment=comment
    )


def _checked_spec(
    meta: TableMeta, qualified: str, action: exp.Expr, operation: str
) -> list[tuple[str, str]]:
    if not meta.partitioned_by:
        name = qualified.rsplit(".", 1)[-1].strip("`")
        raise semantic_error(
            f"ALTER TABLE {operation} PARTITION is not allowed on {name} since its partition "
            "metadata is not stored in the Hive metastore."
        )
    return named_spec(meta, qualified, action)


def _rows_in(
    cursor: duckdb.DuckDBPyConnection, target: str, spec: list[tuple[str, str]]
) -> tuple[str, int]:
    where = spec_where(spec)
    row = cursor.execute(f"SELECT count(*) FROM {target} WHERE {where}").fetchone()
    return where, int(row[0]) if row else 0


def _add_partition(
    cursor: duckdb.DuckDBPyConnection,
    target: str,
    qualified: str,
    meta: TableMeta,
    action: exp.AddPartition,
) -> TableMeta:
    spec = _checked_spec(meta, qualified, action, "ADD")
    _, rows = _rows_in(cursor, target, spec)
    key = tuple(spec)
    if rows or key in meta.added_partitions:
        if action.args.get("exists"):
            return meta
        raise semantic_error(
            f"[PARTITIONS_ALREADY_EXIST] Cannot ADD or RENAME TO partition(s) {spec_text(spec)} "
            f"in table {short_name(qualified)} because they already exist."
        )
    return dataclasses.replace(meta, added_partitions=(*meta.added_partitions, key))


def _drop_partition(
    cursor: duckdb.DuckDBPyConnection,
    target: str,
    qualified: str,
    meta: TableMeta,
    action: exp.DropPartition,
) -> tuple[TableMeta, list[str]]:
    spec = _checked_spec(meta, qualified, action, "DROP")
    where, rows = _rows_in(cursor, target, spec)
    kept = tuple(p for p in meta.added_partitions if not names(spec, p))
    if not rows and len(kept) == len(meta.added_partitions) and not action.args.get("exists"):
        raise partitions_not_found(spec, qualified)
    return dataclasses.replace(meta, added_partitions=kept), [f"DELETE FROM {target} WHERE {where}"]


def rename_partition(
    cursor: duckdb.DuckDBPyConnection,
    table: exp.Table,
    currentdb: str,
    old: list[tuple[str, str]],
    new: list[tuple[str, str]],
) -> list[str]:
    """ALTER TABLE t PARTITION (...) RENAME TO PARTITION (...): the rows move to the new values
    (as Spark moves the folder); both specs name every partition column."""
    kind, schema, name, meta = tablemeta.require(cursor, table, currentdb)
    qualified = f"`spark_catalog`.`{table.db or currentdb}`.`{table.name}`"
    target = f"{quote_identifier(schema)}.{quote_identifier(name)}"
    if not meta.partitioned_by:
        raise semantic_error(
            f"ALTER TABLE RENAME PARTITION is not allowed on {table.name} since its partition "
            "metadata is not stored in the Hive metastore. To import this information into the "
            f"metastore, run `msck repair table {table.name}`."
        )
    specs = []
    for written in (old, new):
        spec = _checked_spec(meta, qualified, exp.Tuple(expressions=_eqs(written)), "RENAME")
        if {c.lower() for c, _ in spec} != {c.lower() for c in meta.partitioned_by}:
            raise semantic_error(
                f"Partition spec is invalid. The spec ({', '.join(c for c, _ in spec)}) must "
                f"match the partition spec ({', '.join(meta.partitioned_by)}) defined in table "
                f"'{qualified}'."
            )
        specs.append(spec)
    source, destination = specs
    where, rows = _rows_in(cursor, target, source)
    if not rows and tuple(source) not in meta.added_partitions:
        raise partitions_not_found(source, qualified)
    _, taken = _rows_in(cursor, target, destination)
    if taken or tuple(destination) in meta.added_partitions:
        raise semantic_error(
            f"[PARTITIONS_ALREADY_EXIST] Cannot ADD or RENAME TO partition(s) "
            f"{spec_text(destination)} in table {short_name(qualified)} because they already exist."
        )
    values = ", ".join(f"{quote_identifier(c)} = {quote_literal(v)}" for c, v in destination)
    statements = [f"UPDATE {target} SET {values} WHERE {where}"]
    added = tuple(tuple(destination) if p == tuple(source) else p for p in meta.added_partitions)
    if added != meta.added_partitions:
        renamed = dataclasses.replace(meta, added_partitions=added)
        statements.append(tablemeta.comment_statement(kind, target, renamed))
    return statements


def _eqs(spec: list[tuple[str, str]]) -> list[exp.Expr]:
    return [exp.EQ(this=exp.column(c), expression=exp.Literal.string(v)) for c, v in spec]


def _partitions_last(
    cursor: duckdb.DuckDBPyConnection,
    schema: str,
    name: str,
    meta: TableMeta,
    action: exp.Expr,
) -> list[str]:
    """After ADD COLUMNS on a partitioned table: rebuild it with the partition columns last,
    in one transaction with the ALTER, comments (column and table) carried over."""
    rows = cursor.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = "
        "current_database() AND schema_name = ? AND table_name = ? ORDER BY column_index",
        [schema, name],
    ).fetchall()
    existing = [str(r[0]) for r in rows]
    comments = {str(r[0]): str(r[1]) for r in rows if r[1] is not None}
    added = action.expressions if isinstance(action, exp.Schema) else [action]
    parts = {p.lower() for p in meta.partitioned_by}
    data = [c for c in existing if c.lower() not in parts] + [c.name for c in added]
    order = data + [c for p in meta.partitioned_by for c in existing if c.lower() == p.lower()]
    source = f"{quote_identifier(schema)}.{quote_identifier(name)}"
    scratch = f"{quote_identifier(schema)}.{quote_identifier(_REBUILD_PREFIX + name)}"
    columns = ", ".join(quote_identifier(c) for c in order)
    statements = [
        f"CREATE TABLE {scratch} AS SELECT {columns} FROM {source}",
        f"DROP TABLE {source}",
        f"ALTER TABLE {scratch} RENAME TO {quote_identifier(name)}",
        tablemeta.comment_statement("TABLE", source, meta),
    ]
    for definition in added:
        for constraint in definition.find_all(exp.CommentColumnConstraint):
            comments[definition.name] = constraint.this.name
    for column, remark in comments.items():
        statements.append(
            f"COMMENT ON COLUMN {source}.{quote_identifier(column)} IS {quote_literal(remark)}"
        )
    return statements
