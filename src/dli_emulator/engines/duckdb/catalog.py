"""Row-returning DDL answered from DuckDB's catalog in Spark's shape: SHOW, DESCRIBE, EXPLAIN.

Column names follow Spark 3: `namespace` for SHOW DATABASES, `namespace, tableName, isTemporary`
for SHOW TABLES, `col_name, data_type, comment` for DESCRIBE (the DOC submit example), `plan`
for EXPLAIN, `createtab_stmt` for SHOW CREATE TABLE.
"""

from __future__ import annotations

import re
from typing import Any

import duckdb
import sqlglot
from sqlglot import exp

from ...errors import not_found, not_supported, semantic_error
from ..protocol import Outcome
from ..sparktypes import BOOLEAN, STRING, Field
from .ddl import showcreate, tablemeta
from .ddl.tablemeta import TableMeta
from .sqltypes import fields_of, quote_identifier
from .translate import to_duckdb

_HIDDEN_SCHEMAS = ("main", "information_schema", "pg_catalog")
_LIKE = r"(?:\s+(?:like\s+)?'(?P<like>[^']*)')?"
_SHOW_DATABASES = re.compile(rf"^(?:databases|schemas|namespaces){_LIKE}\s*$", re.I)
_SHOW_TABLES = re.compile(
    rf"^(?P<what>tables|views)(?:\s+(?:in|from)\s+(?P<db>\S+))?{_LIKE}\s*$", re.I
)
_SHOW_COLUMNS = re.compile(
    r"^columns\s+(?:in|from)\s+(?P<table>\S+)(?:\s+(?:in|from)\s+(?P<db>\S+))?\s*$", re.I
)
_SHOW_PARTITIONS = re.compile(
    r"^partitions\s+(?P<table>[^\s(]+)(?:\s+partition\s*\((?P<spec>.*)\))?\s*$", re.I | re.S
)
_COLUMN_STATISTICS = (
    "min",
    "max",
    "num_nulls",
    "distinct_count",
    "avg_col_len",
    "max_col_len",
    "histogram",
)
_SHOW_CURRENT = re.compile(r"^current\s+namespace\s*$", re.I)
_SHOW_PROPERTIES = re.compile(
    r"^tblproperties\s+(?P<table>[^\s(]+)(?:\s*\(\s*'(?P<key>(?:[^']|'')*)'\s*\))?\s*$", re.I
)
_SHOW_CREATE = re.compile(r"^create\s+table\s+(?P<table>\S+)(?:\s+as\s+serde)?\s*$", re.I)
_EXPLAIN_MODES = re.compile(r"^\s*(?:extended|formatted|codegen|cost)\s+", re.I)

_DESCRIBE_FIELDS = (Field("col_name", STRING), Field("data_type", STRING), Field("comment", STRING))


def show(cursor: duckdb.DuckDBPyConnection, text: str, currentdb: str) -> Outcome:
    """SHOW <text>; `text` is what follows the SHOW keyword."""
    if match := _SHOW_DATABASES.match(text):
        names = databases(cursor)
        rows = [[n] for n in names if _matches(match["like"], n)]
        return _rows((Field("namespace", STRING),), rows)
    if match := _SHOW_TABLES.match(text):
        database = _unquote(match["db"]) if match["db"] else currentdb
        views_only = match["what"].lower() == "views"
        tables: list[list[Any]] = [
            [database, name, temporary]
            for name, temporary, is_view in relations(cursor, database)
            if (is_view or not views_only) and _matches(match["like"], name)
        ]
        # Spark lists the session's temporary views in every database, namespace empty.
        tables += [
            ["", name, True]
            for name in tablemeta.temporary_views(cursor)
            if _matches(match["like"], name)
        ]
        name_column = "viewName" if views_only else "tableName"
        fields = (Field("namespace", STRING), Field(name_column, STRING))
        return _rows((*fields, Field("isTemporary", BOOLEAN)), tables)
    if match := _SHOW_COLUMNS.match(text):
        table = exp.to_table(match["table"], dialect="spark")
        if match["db"]:
            table.set("db", exp.to_identifier(_unquote(match["db"])))
        columns = _columns(cursor, table)
        return _rows((Field("col_name", STRING),), [[f.name] for f in columns])
    if match := _SHOW_CREATE.match(text):
        table = exp.to_table(match["table"], dialect="spark")
        return _rows(
            (Field("createtab_stmt", STRING),), [[_create_statement(cursor, table, currentdb)]]
        )
    if _SHOW_CURRENT.match(text):
        fields = (Field("catalog", STRING), Field("namespace", STRING))
        return _rows(fields, [["spark_catalog", currentdb]])
    if match := _SHOW_PROPERTIES.match(text):
        table = exp.to_table(match["table"], dialect="spark")
        key = match["key"].replace("''", "'") if match["key"] is not None else None
        return _show_properties(cursor, table, currentdb, key)
    if match := _SHOW_PARTITIONS.match(text):
        table = exp.to_table(match["table"], dialect="spark")
        return _show_partitions(cursor, table, currentdb, match["spec"])
    keyword = text.split(maxsplit=1)[0].upper() if text.strip() else ""
    raise not_supported(f"SHOW {keyword} is not supported by the DLI emulator")


def describe(cursor: duckdb.DuckDBPyConnection, describe: exp.Describe, currentdb: str) -> Outcome:
    target = describe.this
    if str(describe.args.get("kind") or "").upper() in {"DATABASE", "SCHEMA", "NAMESPACE"}:
        name = target.name if isinstance(target, exp.Expr) else ""
        return _describe_database(cursor, name)
    if isinstance(target, exp.Query):
        relation = cursor.sql(to_duckdb(target))
        columns = fields_of(relation.columns, relation.types)
        return _rows(_DESCRIBE_FIELDS, [[f.name, f.type.simple, None] for f in columns])
    assert isinstance(target, exp.Table)
    comments = _comments(cursor, target, currentdb)
    columns = _columns(cursor, target)
    if describe.expressions:
        extended = describe.args.get("style") is not None
        return _describe_column(columns, comments, describe.expressions[0].name, extended)
    rows: list[list[Any]] = [[f.name, f.type.simple, comments.get(f.name)] for f in columns]
    partitioned_by = _partitioned_by(cursor, target, currentdb)
    if partitioned_by:
        # Spark's DESCRIBE lists the partition columns again under a heading.
        rows += [["# Partition Information", "", ""], ["# col_name", "data_type", "comment"]]
        by_name = {f.name.lower(): f for f in columns}
        for name in partitioned_by:
            column = by_name.get(name.lower())
            if column is not None:
                rows.append([column.name, column.type.simple, comments.get(column.name)])
    return _rows(_DESCRIBE_FIELDS, rows)


def _describe_column(
    columns: tuple[Field, ...], comments: dict[str, str], name: str, extended: bool
) -> Outcome:
    for field in columns:
        if field.name.lower() == name.lower():
            comment = comments.get(field.name) or "NULL"
            rows = [
                ["col_name", field.name],
                ["data_type", field.type.simple],
                ["comment", comment],
            ]
            if extended:  # column statistics: ANALYZE computes none here, Spark shows NULL then
                rows += [[statistic, "NULL"] for statistic in _COLUMN_STATISTICS]
            return _rows((Field("info_name", STRING), Field("info_value", STRING)), rows)
    raise semantic_error(
        f"[COLUMN_NOT_FOUND] The column `{name}` cannot be found. Verify the spelling and "
        'correctness of the column name according to the SQL config "spark.sql.caseSensitive".'
    )


def _meta(cursor: duckdb.DuckDBPyConnection, table: exp.Table, currentdb: str) -> TableMeta:
    known = tablemeta.lookup(cursor, table.db or currentdb, table.name)
    return known[3] if known is not None and known[0] == "TABLE" else TableMeta()


def _partitioned_by(
    cursor: duckdb.DuckDBPyConnection, table: exp.Table, currentdb: str
) -> tuple[str, ...]:
    return _meta(cursor, table, currentdb).partitioned_by


def _show_partitions(
    cursor: duckdb.DuckDBPyConnection, table: exp.Table, currentdb: str, spec: str | None
) -> Outcome:
    _columns(cursor, table)  # the error for a missing table is DuckDB's, as for DESCRIBE
    database = table.db or currentdb
    meta = _meta(cursor, table, currentdb)
    partitioned_by = meta.partitioned_by
    if not partitioned_by:
        raise semantic_error(
            "[INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY] The partition command is "
            f"invalid. Table `spark_catalog`.`{database}`.`{table.name}` is not partitioned."
        )
    columns = [quote_identifier(c) for c in partitioned_by]
    wanted: dict[str, str] = {}
    written: list[str] = []
    for column, value in tablemeta.partition_spec(spec or ""):
        wanted[column.lower()] = value
        written.append(column)
    unknown = [c for c in written if c.lower() not in {p.lower() for p in partitioned_by}]
    if unknown:
        raise semantic_error(
            f"[PARTITIONS_NOT_FOUND] The partition(s) `{unknown[0]}` cannot be found in table "
            f"`spark_catalog`.`{database}`.`{table.name}`."
        )
    conditions = [f"CAST({quote_identifier(c)} AS VARCHAR) = ?" for c in wanted]
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    rows: set[tuple[str | None, ...]] = set(
        cursor.execute(
            f"SELECT DISTINCT {', '.join(f'CAST({c} AS VARCHAR)' for c in columns)} "
            f"FROM {to_duckdb(table)}{where}",
            list(wanted.values()),
        ).fetchall()
    )
    for added in meta.added_partitions:  # ALTER TABLE ... ADD PARTITION, maybe still empty
        values = {c.lower(): v for c, v in added}
        if all(values.get(c) == v for c, v in wanted.items()):
            rows.add(tuple(values.get(c.lower()) for c in partitioned_by))
    names = sorted(showcreate.partition_name(partitioned_by, row) for row in rows)
    return _rows((Field("partition", STRING),), [[name] for name in names])


def _show_properties(
    cursor: duckdb.DuckDBPyConnection, table: exp.Table, currentdb: str, key: str | None
) -> Outcome:
    _columns(cursor, table)  # the error for a missing table is DuckDB's, as for DESCRIBE
    known = tablemeta.lookup(cursor, table.db or currentdb, table.name)
    properties = dict(known[3].properties) if known is not None else {}
    if key is None:
        rows = [[k, v] for k, v in sorted(properties.items())]  # Spark lists them by key
    elif key in properties:
        rows = [[key, properties[key]]]
    else:
        database = table.db or currentdb
        missing = f"Table spark_catalog.{database}.{table.name} does not have property: {key}"
        rows = [[key, missing]]
    return _rows((Field("key", STRING), Field("value", STRING)), rows)


def explain(cursor: duckdb.DuckDBPyConnection, text: str) -> Outcome:
    inner = sqlglot.parse_one(_EXPLAIN_MODES.sub("", text), read="spark")
    plan = cursor.execute("EXPLAIN " + to_duckdb(inner)).fetchall()
    return _rows((Field("plan", STRING),), [["\n".join(str(row[-1]) for row in plan)]])


def _rows(fields: tuple[Field, ...], rows: list[list[Any]]) -> Outcome:
    return Outcome(result_count=len(rows), fields=fields, rows=rows)


def databases(cursor: duckdb.DuckDBPyConnection) -> list[str]:
    result = cursor.execute(
        "SELECT schema_name FROM duckdb_schemas() WHERE database_name = current_database() "
        "AND NOT internal AND schema_name NOT IN (?, ?, ?) ORDER BY schema_name",
        list(_HIDDEN_SCHEMAS),
    ).fetchall()
    return [row[0] for row in result]


def _require_database(cursor: duckdb.DuckDBPyConnection, database: str) -> str:
    for name in databases(cursor):
        if name.lower() == database.lower():
            return name
    raise not_found(f"Database '{database}' not found")


def relations(cursor: duckdb.DuckDBPyConnection, database: str) -> list[tuple[str, bool, bool]]:
    schema = _require_database(cursor, database)
    return [
        (row[0], bool(row[1]), bool(row[2]))
        for row in cursor.execute(
            "SELECT table_name, temporary, false FROM duckdb_tables() "
            "WHERE database_name = current_database() AND schema_name = ? "
            "UNION ALL SELECT view_name, temporary, true FROM duckdb_views() "
            "WHERE database_name = current_database() AND schema_name = ? AND NOT internal "
            "ORDER BY 1",
            [schema, schema],
        ).fetchall()
    ]


def _columns(cursor: duckdb.DuckDBPyConnection, table: exp.Table) -> tuple[Field, ...]:
    relation = cursor.sql("SELECT * FROM " + to_duckdb(table))
    return fields_of(relation.columns, relation.types)


def _comments(
    cursor: duckdb.DuckDBPyConnection, table: exp.Table, currentdb: str
) -> dict[str, str]:
    rows = cursor.execute(
        "SELECT column_name, comment FROM duckdb_columns() "
        "WHERE database_name = current_database() AND lower(schema_name) = lower(?) "
        "AND lower(table_name) = lower(?) AND comment IS NOT NULL",
        [table.db or currentdb, table.name],
    ).fetchall()
    return {row[0]: row[1] for row in rows}


def _create_statement(cursor: duckdb.DuckDBPyConnection, table: exp.Table, currentdb: str) -> str:
    known = tablemeta.lookup(cursor, table.db or currentdb, table.name)
    if known is None and not table.db and tablemeta.is_temporary_view(cursor, table.name):
        raise semantic_error(
            "[EXPECT_PERMANENT_VIEW_NOT_TEMP] 'SHOW CREATE TABLE' expects a permanent view but "
            f"`{table.name}` is a temp view."
        )
    columns = _columns(cursor, table)  # the error for a missing table is DuckDB's
    if known is None:
        raise not_found(f"Table or view '{table.name}' not found")
    kind, schema, name, meta = known
    if kind == "VIEW":
        query = meta.view_text or _duckdb_view_query(cursor, schema, name)
        return showcreate.view_statement(schema, name, columns, query)
    comments = _comments(cursor, table, currentdb)
    return showcreate.table_statement(schema, name, columns, comments, meta)


def _duckdb_view_query(cursor: duckdb.DuckDBPyConnection, schema: str, name: str) -> str:
    """A view made before its text was kept: DuckDB's query, in Spark syntax."""
    row = cursor.execute(
        "SELECT sql FROM duckdb_views() WHERE database_name = current_database() "
        "AND schema_name = ? AND view_name = ?",
        [schema, name],
    ).fetchone()
    create = sqlglot.parse_one(str(row[0]) if row else "", read="duckdb")
    query = create.expression if isinstance(create, exp.Create) else create
    return query.sql(dialect="spark") if query is not None else ""


def _describe_database(cursor: duckdb.DuckDBPyConnection, database: str) -> Outcome:
    name = _require_database(cursor, database)
    comment = cursor.execute(
        "SELECT comment FROM duckdb_schemas() WHERE database_name = current_database() "
        "AND schema_name = ?",
        [name],
    ).fetchone()
    rows = [["Namespace Name", name], ["Comment", (comment[0] if comment else None) or ""]]
    return _rows((Field("info_name", STRING), Field("info_value", STRING)), rows)


def _matches(pattern: str | None, name: str) -> bool:
    """Spark SHOW ... LIKE: `*` is any text, `|` separates alternatives, case-insensitive."""
    if pattern is None:
        return True
    alternatives = (
        ".*".join(re.escape(piece) for piece in alt.strip().split("*"))
        for alt in pattern.split("|")
    )
    return re.fullmatch("|".join(f"(?:{a})" for a in alternatives), name, re.I) is not None


def _unquote(name: str) -> str:
    return name.strip("`")
