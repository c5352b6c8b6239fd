"""DuckDB types as Spark types, and the DuckDB type that stores each Spark type exactly.

A result column gets the Spark type the real service would report for it, and is stored as the
DuckDB type that holds exactly that Spark type (`storage_sql`), so what is stored, described and
previewed agree. DuckDB types Spark lacks are widened the way Spark reads them from other
engines: unsigned integers to the next signed width (UBIGINT to decimal(20,0)), UHUGEINT to
decimal(38,0), every timestamp flavour to `timestamp` (stored as TIMESTAMPTZ, rendered in UTC),
and TIME, INTERVAL, UUID, ENUM, BIT, UNION, BIGNUM to `string` (their DuckDB text form).
HUGEINT is what DuckDB makes of `sum` over integers, which Spark types bigint: it is a bigint,
stored wrapped around beyond 64 bits as Spark's non-ANSI sum overflows (`WRAP_HUGEINT`).
"""

from __future__ import annotations

from typing import Any, Protocol

from .. import sparktypes as st


class DuckType(Protocol):
    """The part of `duckdb.DuckDBPyType` used here (typed structurally: the stub is incomplete)."""

    @property
    def id(self) -> str: ...

    @property
    def children(self) -> list[tuple[str, Any]]: ...


# DuckDB's types by their ids, as the Spark atomic types (by JSON name) that hold their values;
# Spark's `void` (NullType) is what `select null` has.
_ATOMIC_BY_DUCK_ID: dict[str, st.SparkType] = {
    duck: st.atomic(name)
    for duck, name in {
        "boolean": "boolean",
        "tinyint": "byte",
        "smallint": "short",
        "integer": "integer",
        "bigint": "long",
        "utinyint": "short",
        "usmallint": "integer",
        "uinteger": "long",
        "ubigint": "decimal(20,0)",
        "hugeint": "long",
        "uhugeint": "decimal(38,0)",
        "float": "float",
        "double": "double",
        "varchar": "string",
        "blob": "binary",
        "date": "date",
        "timestamp": "timestamp",
        "timestamp_s": "timestamp",
        "timestamp_ms": "timestamp",
        "timestamp_ns": "timestamp",
        "timestamp with time zone": "timestamp",
        "null": "void",
    }.items()
}

_STORAGE_BY_NAME = {
    "boolean": "BOOLEAN",
    "byte": "TINYINT",
    "short": "SMALLINT",
    "integer": "INTEGER",
    "long": "BIGINT",
    "float": "FLOAT",
    "double": "DOUBLE",
    "string": "VARCHAR",
    "binary": "BLOB",
    "date": "DATE",
    "timestamp": "TIMESTAMPTZ",
    # Parquet has no null type.
    "void": "VARCHAR",
}


def spark_type(duck: DuckType) -> st.SparkType:
    """The Spark type of a DuckDB type; types Spark has no counterpart for become `string`."""
    kind = duck.id
    if kind in _ATOMIC_BY_DUCK_ID:
        return _ATOMIC_BY_DUCK_ID[kind]
    children = dict(duck.children) if kind in {"decimal", "list", "array", "map"} else {}
    if kind == "decimal":
        return st.decimal(int(children["precision"]), int(children["scale"]))
    if kind in {"list", "array"}:
        return st.array(spark_type(children["child"]))
    if kind == "map":
        return st.map_of(spark_type(children["key"]), spark_type(children["value"]))
    if kind == "struct":
        return st.struct([st.Field(name, spark_type(child)) for name, child in duck.children])
    return st.STRING


def storage_sql(kind: st.SparkType) -> str:
    """The DuckDB type that holds values of a Spark type exactly."""
    if kind.name == "array":
        assert kind.element is not None
        return f"{storage_sql(kind.element)}[]"
    if kind.name == "map":
        assert kind.key is not None and kind.value is not None
        return f"MAP({storage_sql(kind.key)}, {storage_sql(kind.value)})"
    if kind.name == "struct":
        members = ", ".join(
            f"{quote_identifier(f.name)} {storage_sql(f.type)}" for f in kind.fields
        )
        return f"STRUCT({members})"
    if kind.name.startswith("decimal("):
        return kind.name.upper()
    return _STORAGE_BY_NAME[kind.name]


# Two's-complement wrap of a HUGEINT into BIGINT's range: Spark's long arithmetic overflows so.
WRAP_HUGEINT = (
    "CAST(((({0} + 9223372036854775808) % 18446744073709551616 + 18446744073709551616) "
    "% 18446744073709551616) - 9223372036854775808 AS BIGINT)"
)


def fields_of(columns: list[str], types: list[Any]) -> tuple[st.Field, ...]:
    """The Spark fields of a DuckDB relation's columns and types."""
    return tuple(
        st.Field(name, spark_type(kind)) for name, kind in zip(columns, types, strict=True)
    )


def quote_identifier(name: str) -> str:
    """A DuckDB identifier in double quotes, safe for any column, table or schema name."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """A DuckDB string literal."""
    return "'" + text.replace("'", "''") + "'"
