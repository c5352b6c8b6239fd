"""Spark DDL that sqlglot keeps as an unparsed command, run by the engine itself:
`ALTER TABLE t UNSET TBLPROPERTIES [IF EXISTS] ('k', ...)`, `ALTER TABLE t RECOVER PARTITIONS`,
`MSCK REPAIR TABLE t [ADD|DROP|SYNC PARTITIONS]` and `ALTER TABLE t PARTITION (...) RENAME TO
PARTITION (...)` (which sqlglot cannot read: `statements` makes it a command).

UNSET removes the keys (a missing one is no error, as in Spark 4). Recovering or repairing
partitions finds nothing new: a table's files are written only by the emulator's own jobs, so
its partitions are already known; Spark's refusals are kept (a view, a table that is not
partitioned, a missing table).
"""

from __future__ import annotations

import dataclasses

import duckdb
from sqlglot import exp

from ....errors import semantic_error
from ..sqltypes import quote_identifier
from . import tablemeta
from .alter import rename_partition, table_expected, view_expected
from .command_forms import KEY, RECOVER, RENAME, REPAIR, UNSET, command_text


def command_statements(
    cursor: duckdb.DuckDBPyConnection, command: exp.Command, currentdb: str
) -> list[str]:
    """The DuckDB statements of a command `runs` accepts."""
    keyword, text = str(command.this).upper(), command_text(command)
    rename = RENAME.match(text) if keyword == "ALTER" else None
    if rename is not None:
        table = exp.to_table(rename["table"], dialect="spark")
        old, new = (tablemeta.partition_spec(rename[k]) for k in ("old", "new"))
        return rename_partition(cursor, table, currentdb, old, new)
    unset = UNSET.match(text) if keyword == "ALTER" else None
    match = unset or RECOVER.match(text) or REPAIR.match(text)
    assert match is not None, "a command `runs` refuses"
    table = exp.to_table(match["table"], dialect="spark")
    kind, schema, name, meta = tablemeta.require(cursor, table, currentdb)
    qualified = f"`spark_catalog`.`{table.db or currentdb}`.`{table.name}`"
    on_view = unset is not None and unset["kind"].upper() == "VIEW"
    if on_view and kind == "TABLE":
        raise semantic_error(view_expected(qualified, "UNSET TBLPROPERTIES"))
    operation = (
        "ALTER TABLE ... UNSET TBLPROPERTIES"
        if unset
        else "MSCK REPAIR TABLE"
        if keyword == "MSCK REPAIR"
        else "ALTER TABLE ... RECOVER PARTITIONS"
    )
    if kind == "VIEW" and not on_view:
        raise semantic_error(table_expected(qualified, operation, alter_view=bool(unset)))
    if unset:
        keys = {k.replace("''", "'") for k in KEY.findall(unset["keys"])}
        if not on_view:
            tablemeta.refuse_reserved(sorted(keys))
        kept = tuple((k, v) for k, v in meta.properties if k not in keys)
        target = f"{quote_identifier(schema)}.{quote_identifier(name)}"
        meta = dataclasses.replace(meta, properties=kept)
        return [tablemeta.comment_statement(kind, target, meta)]
    if not meta.partitioned_by:
        done = "MSCK REPAIR TABLE" if keyword == "MSCK REPAIR" else "ALTER TABLE RECOVER PARTITIONS"
        raise semantic_error(
            f"[NOT_A_PARTITIONED_TABLE] Operation {done} is not allowed for {qualified} because "
            "it is not a partitioned table."
        )
    return []
