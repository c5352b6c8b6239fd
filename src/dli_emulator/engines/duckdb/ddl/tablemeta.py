"""What Spark's catalog knows about a table that a DuckDB table does not: its partition columns,
its data source (`USING parquet`), and a view's query text as written.

It is kept as JSON in the DuckDB comment of the table or view (`COMMENT ON TABLE`): a comment
follows its table through ALTER TABLE ... RENAME and goes with it on DROP, so nothing has to be
kept in step by hand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
from sqlglot import exp

from ....errors import DliError, semantic_error
from ..sqltypes import quote_literal

_MARK = "dli-spark-catalog"
# One `column = value` of a written partition spec (`PARTITION (day = 'd1', h = 1)`).
_SPEC_ITEM = re.compile(
    r"\s*(?P<column>`[^`]+`|\w+)\s*=\s*(?P<value>'(?:[^']|'')*'|[^,]+?)\s*(?:,|$)"
)


# The table properties Spark keeps to itself and refuses in TBLPROPERTIES, SET and UNSET
# (`TABLE_RESERVED_PROPERTIES`, Spark 3.4 and later), with its advice for each.
_RESERVED = {
    "owner": "it will be set to the current user",
    "location": "please use the LOCATION clause to specify it",
    "provider": "please use the USING clause to specify it",
    "external": "please use CREATE EXTERNAL TABLE",
    "is_managed_location": "please remove it from the TBLPROPERTIES list.",
}


def written_properties(nodes: Iterable[exp.Expr]) -> list[tuple[str, str]]:
    """The `'key' = 'value'` pairs of TBLPROPERTIES among `nodes`, in their order."""
    return [
        (node.this.name, node.args["value"].name)
        for node in nodes
        if type(node) is exp.Property and isinstance(node.this, exp.Literal)
    ]


def table_not_found(table: exp.Table) -> DliError:
    """Spark's error for a table or view the catalog does not have, named as written."""
    written = ".".join(f"`{part.name}`" for part in table.parts)
    return semantic_error(
        f"[TABLE_OR_VIEW_NOT_FOUND] The table or view {written} cannot be found. Verify the "
        "spelling and correctness of the schema and catalog."
    )


def refuse_reserved(keys: Iterable[str]) -> None:
    """Spark's error for the first reserved key among a table's `keys` (case matters)."""
    for key in keys:
        if key in _RESERVED:
            raise semantic_error(
                "[UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY] The feature is not supported: "
                f"{key} is a reserved table property, {_RESERVED[key]}."
            )


@dataclass(frozen=True)
class TableMeta:
    partitioned_by: tuple[str, ...] = ()
    provider: str = "parquet"
    view_text: str | None = None
    comment: str | None = None
    properties: tuple[tuple[str, str], ...] = ()
    # Partitions made by ALTER TABLE ... ADD PARTITION, which may hold no row: (column,
    # value) pairs in PARTITIONED BY order.
    added_partitions: tuple[tuple[tuple[str, str], ...], ...] = ()

    def encode(self) -> str:
        value: dict[str, object] = {"format": _MARK, "provider": self.provider}
        if self.partitioned_by:
            value["partitioned_by"] = list(self.partitioned_by)
        if self.view_text is not None:
            value["view_text"] = self.view_text
        if self.comment is not None:
            value["comment"] = self.comment
        if self.properties:
            value["properties"] = [list(p) for p in self.properties]
        if self.added_partitions:
            value["added_partitions"] = [[list(i) for i in p] for p in self.added_partitions]
        return json.dumps(value, ensure_ascii=False)


def comment_statement(kind: str, relation_sql: str, meta: TableMeta) -> str:
    """`COMMENT ON TABLE|VIEW <relation> IS '<meta>'`; `relation_sql` is the DuckDB name."""
    return f"COMMENT ON {kind} {relation_sql} IS {quote_literal(meta.encode())}"


def decode(comment: str | None) -> TableMeta:
    if not comment:
        return TableMeta()
    try:
        value = json.loads(comment)
    except ValueError:
        return TableMeta()
    if not isinstance(value, dict) or value.get("format") != _MARK:
        return TableMeta()
    view_text, remark = value.get("view_text"), value.get("comment")
    return TableMeta(
        partitioned_by=tuple(str(c) for c in value.get("partitioned_by") or ()),
        provider=str(value.get("provider") or "parquet"),
        view_text=view_text if isinstance(view_text, str) else None,
        comment=remark if isinstance(remark, str) else None,
        properties=tuple((str(k), str(v)) for k, v in value.get("properties") or ()),
        added_partitions=tuple(
            tuple((str(c), str(v)) for c, v in spec) for spec in value.get("added_partitions") or ()
        ),
    )


def lookup(
    cursor: duckdb.DuckDBPyConnection, database: str, name: str
) -> tuple[str, str, str, TableMeta] | None:
    """(kind TABLE or VIEW, schema, name as stored, metadata) of a relation, or None."""
    row = cursor.execute(
        "SELECT 'TABLE', schema_name, table_name, comment FROM duckdb_tables() "
        "WHERE database_name = current_database() AND lower(schema_name) = lower(?) "
        "AND lower(table_name) = lower(?) "
        "UNION ALL SELECT 'VIEW', schema_name, view_name, comment FROM duckdb_views() "
        "WHERE database_name = current_database() AND lower(schema_name) = lower(?) "
        "AND lower(view_name) = lower(?) AND NOT internal",
        [database, name, database, name],
    ).fetchone()
    if row is None:
        return None
    return str(row[0]), str(row[1]), str(row[2]), decode(row[3])


def require(
    cursor: duckdb.DuckDBPyConnection, table: exp.Table, currentdb: str
) -> tuple[str, str, str, TableMeta]:
    """`lookup` of a table as written, or Spark's error when the catalog does not have it."""
    known = lookup(cursor, table.db or currentdb, table.name)
    if known is None:
        raise table_not_found(table)
    return known


def temporary_views(cursor: duckdb.DuckDBPyConnection) -> list[str]:
    """The temporary views of this connection (a job's session), by name."""
    rows = cursor.execute(
        "SELECT view_name FROM duckdb_views() WHERE temporary AND NOT internal "
        "AND database_name = 'temp' ORDER BY 1"
    ).fetchall()
    return [str(row[0]) for row in rows]


def is_temporary_view(cursor: duckdb.DuckDBPyConnection, name: str) -> bool:
    return name.lower() in {view.lower() for view in temporary_views(cursor)}


def partition_spec(text: str) -> list[tuple[str, str]]:
    """The (column, value) pairs of a partition spec's text (inside its parentheses)."""
    pairs = []
    for item in _SPEC_ITEM.finditer(text):
        column, value = item["column"].strip("`"), item["value"]
        if value.startswith("'"):
            value = value[1:-1].replace("''", "'")
        pairs.append((column, value))
    return pairs
