"""SHOW CREATE TABLE and SHOW PARTITIONS in Spark's words.

Spark 4 prints a table as `CREATE TABLE spark_catalog.<db>.<name> (` with one `  <column>
<TYPE>` line per column (strings as `STRING COLLATE UTF8_BINARY`), then `USING <source>` and
`PARTITIONED BY (...)`; a view as `CREATE VIEW <db>.<name> (` with its column names, `WITH
SCHEMA COMPENSATION` and `AS <query as written>`. A partition is `col=value/col=value`, the
value escaped as a Hive path segment and NULL as `__HIVE_DEFAULT_PARTITION__`.
"""

from __future__ import annotations

import re

from ...sparktypes import Field, SparkType
from .tablemeta import TableMeta

_PLAIN_NAME = re.compile(r"^[A-Za-z0-9_]+$")
# Characters Spark escapes (%XX) in a partition value (ExternalCatalogUtils.charToEscape).
_ESCAPED = {chr(c) for c in range(0x01, 0x20)} | set("\"#%'*/:=?\\\x7f{[]^")
DEFAULT_PARTITION = "__HIVE_DEFAULT_PARTITION__"
_SQL_NAMES = {
    "integer": "INT",
    "long": "BIGINT",
    "short": "SMALLINT",
    "byte": "TINYINT",
    "string": "STRING COLLATE UTF8_BINARY",
}


def quote_if_needed(name: str) -> str:
    if _PLAIN_NAME.match(name) and not name.isdigit():
        return name
    return "`" + name.replace("`", "``") + "`"


def type_sql(kind: SparkType) -> str:
    """A Spark type as DDL (`DataType.sql`)."""
    if kind.name == "array" and kind.element is not None:
        return f"ARRAY<{type_sql(kind.element)}>"
    if kind.name == "map" and kind.key is not None and kind.value is not None:
        return f"MAP<{type_sql(kind.key)}, {type_sql(kind.value)}>"
    if kind.name == "struct":
        inner = ", ".join(f"{quote_if_needed(f.name)}: {type_sql(f.type)}" for f in kind.fields)
        return f"STRUCT<{inner}>"
    return _SQL_NAMES.get(kind.name, kind.simple.upper())


def _quoted(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _comment(text: str | None) -> str:
    return "" if text is None else " COMMENT " + _quoted(text)


def table_statement(
    database: str, name: str, columns: tuple[Field, ...], comments: dict[str, str], meta: TableMeta
) -> str:
    lines = [
        f"  {quote_if_needed(f.name)} {type_sql(f.type)}{_comment(comments.get(f.name))}"
        for f in columns
    ]
    text = f"CREATE TABLE spark_catalog.{quote_if_needed(database)}.{quote_if_needed(name)} (\n"
    text += ",\n".join(lines) + f")\nUSING {meta.provider}\n"
    if meta.partitioned_by:
        text += f"PARTITIONED BY ({', '.join(quote_if_needed(p) for p in meta.partitioned_by)})\n"
    if meta.comment is not None:
        text += _comment(meta.comment).lstrip() + "\n"
    if meta.properties:
        pairs = ",\n".join(f"  {_quoted(k)} = {_quoted(v)}" for k, v in sorted(meta.properties))
        text += f"TBLPROPERTIES (\n{pairs})\n"
    return text


def view_statement(database: str, name: str, columns: tuple[Field, ...], query: str) -> str:
    names = ",\n".join(f"  {quote_if_needed(f.name)}" for f in columns)
    return (
        f"CREATE VIEW {quote_if_needed(database)}.{quote_if_needed(name)} (\n{names})\n"
        f"WITH SCHEMA COMPENSATION\nAS {query}\n"
    )


def partition_value(value: str | None) -> str:
    if value is None or value == "":
        return DEFAULT_PARTITION
    return "".join(f"%{ord(c):02X}" if c in _ESCAPED else c for c in value)


def partition_name(columns: tuple[str, ...], values: tuple[str | None, ...]) -> str:
    return "/".join(
        f"{partition_value(c)}={partition_value(v)}" for c, v in zip(columns, values, strict=True)
    )
