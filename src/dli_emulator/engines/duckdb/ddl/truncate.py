"""TRUNCATE TABLE as Spark 4 runs it on its (file-based) tables.

`TRUNCATE TABLE t PARTITION (p = v, ...)` deletes the rows of the partitions the spec names (a
spec may name some of the partition columns only) and keeps the rest; the table must be
partitioned and the spec must name its partition columns and an existing partition. Spark keeps
a truncated partition in its catalog, emptied: SHOW PARTITIONS still lists it, after a plain
TRUNCATE TABLE too. Here the emptied partitions are recorded with the table's ADD PARTITION
ones (`TableMeta.added_partitions`), in the same transaction as the delete, so a failure leaves
both rows and catalog as they were.
"""

from __future__ import annotations

import dataclasses

import duckdb
from sqlglot import exp

from ....errors import semantic_error
from ..sqltypes import quote_identifier
from ..translate import to_duckdb
from . import tablemeta
from .partition_specs import Spec, named_spec, names, partitions_not_found, spec_where
from .tablemeta import TableMeta
from .writes import require_table


def truncate_statements(
    cursor: duckdb.DuckDBPyConnection, truncate: exp.TruncateTable, currentdb: str
) -> list[str]:
    """DuckDB statements for a TRUNCATE TABLE, once Spark's checks pass."""
    tables = [t for t in truncate.expressions if isinstance(t, exp.Table)]
    for table in tables:
        require_table(cursor, table, currentdb, "TRUNCATE TABLE")
    partition = truncate.args.get("partition")
    known = tablemeta.lookup(cursor, tables[0].db or currentdb, tables[0].name) if tables else None
    if len(tables) != 1 or known is None or known[0] != "TABLE":
        return [to_duckdb(truncate)]  # DuckDB's error names a missing table
    _, schema, name, meta = known
    target = f"{quote_identifier(schema)}.{quote_identifier(name)}"
    qualified = f"`spark_catalog`.`{tables[0].db or currentdb}`.`{tables[0].name}`"
    if partition is None:
        if not meta.partitioned_by:
            return [to_duckdb(truncate)]
        return _emptied(cursor, target, qualified, meta, [], f"TRUNCATE {target}")
    if not meta.partitioned_by:
        raise semantic_error(
            "Operation not allowed: TRUNCATE TABLE ... PARTITION is not supported for tables "
            f"that are not partitioned: {qualified}."
        )
    spec = named_spec(meta, qualified, partition)
    return _emptied(
        cursor, target, qualified, meta, spec, f"DELETE FROM {target} WHERE {spec_where(spec)}"
    )


def _emptied(
    cursor: duckdb.DuckDBPyConnection,
    target: str,
    qualified: str,
    meta: TableMeta,
    spec: Spec,
    delete: str,
) -> list[str]:
    """`delete`, and the table's metadata recording the partitions it empties as kept."""
    columns = ", ".join(f"CAST({quote_identifier(c)} AS VARCHAR)" for c in meta.partitioned_by)
    found = cursor.execute(
        f"SELECT DISTINCT {columns} FROM {target} WHERE {spec_where(spec)}"
    ).fetchall()
    listed = [p for p in meta.added_partitions if names(spec, p)]
    if spec and not found and not listed:
        raise partitions_not_found(spec, qualified)
    # A NULL partition value has no text to record: such a partition is no longer listed.
    emptied = [
        tuple(zip(meta.partitioned_by, row, strict=True))
        for row in sorted(found, key=str)
        if all(value is not None for value in row)
    ]
    added = meta.added_partitions + tuple(p for p in emptied if p not in meta.added_partitions)
    if added == meta.added_partitions:
        return [delete]
    kept = dataclasses.replace(meta, added_partitions=added)
    return [delete, tablemeta.comment_statement("TABLE", target, kept)]
