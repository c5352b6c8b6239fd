"""Spark SQL types for DuckDB results: schema JSON, simple type strings and JSON-safe values.

A result column gets the Spark type the real service would report for it, and is stored as the
DuckDB type that holds exactly that Spark type (`storage_sql`), so what is stored, described and
previewed agree. DuckDB types Spark lacks are widened the way Spark reads them from other
engines: unsigned integers to the next signed width (UBIGINT to decimal(20,0)), HUGEINT to
decimal(38,0), every timestamp flavour to `timestamp` (stored as TIMESTAMPTZ, rendered in UTC),
and TIME, INTERVAL, UUID, ENUM, BIT, UNION, BIGNUM to `string` (their DuckDB text form).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol


class DuckType(Protocol):
    """The part of `duckdb.DuckDBPyType` used here (typed structurally: the stub is incomplete)."""

    @property
    def id(self) -> str: ...

    @property
    def children(self) -> list[tuple[str, Any]]: ...


@dataclass(frozen=True)
class SparkType:
    """A Spark data type: `name` is the JSON/simple name of an atomic type, or array/map/struct."""

    name: str
    simple: str
    storage_sql: str
    element: SparkType | None = None
    key: SparkType | None = None
    value: SparkType | None = None
    fields: tuple[Field, ...] = ()

    def json_value(self) -> Any:
        """The value Spark's `DataType.jsonValue` gives: a string for atomic types."""
        if self.name == "array":
            assert self.element is not None
            return {"type": "array", "elementType": self.element.json_value(), "containsNull": True}
        if self.name == "map":
            assert self.key is not None and self.value is not None
            return {
                "type": "map",
                "keyType": self.key.json_value(),
                "valueType": self.value.json_value(),
                "valueContainsNull": True,
            }
        if self.name == "struct":
            return struct_json_value(self.fields)
        return self.name


@dataclass(frozen=True)
class Field:
    name: str
    type: SparkType

    def json_value(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.type.json_value(), "nullable": True, "metadata": {}}


def _atomic(name: str, simple: str, storage_sql: str) -> SparkType:
    return SparkType(name=name, simple=simple, storage_sql=storage_sql)


BOOLEAN = _atomic("boolean", "boolean", "BOOLEAN")
BYTE = _atomic("byte", "tinyint", "TINYINT")
SHORT = _atomic("short", "smallint", "SMALLINT")
INTEGER = _atomic("integer", "int", "INTEGER")
LONG = _atomic("long", "bigint", "BIGINT")
FLOAT = _atomic("float", "float", "FLOAT")
DOUBLE = _atomic("double", "double", "DOUBLE")
STRING = _atomic("string", "string", "VARCHAR")
BINARY = _atomic("binary", "binary", "BLOB")
DATE = _atomic("date", "date", "DATE")
TIMESTAMP = _atomic("timestamp", "timestamp", "TIMESTAMPTZ")
# Spark's NullType: `select null` has it. Stored as VARCHAR because Parquet has no null type.
VOID = _atomic("void", "void", "VARCHAR")


def decimal(precision: int, scale: int) -> SparkType:
    text = f"decimal({precision},{scale})"
    return _atomic(text, text, f"DECIMAL({precision},{scale})")


def array(element: SparkType) -> SparkType:
    return SparkType(
        name="array",
        simple=f"array<{element.simple}>",
        storage_sql=f"{element.storage_sql}[]",
        element=element,
    )


def map_of(key: SparkType, value: SparkType) -> SparkType:
    return SparkType(
        name="map",
        simple=f"map<{key.simple},{value.simple}>",
        storage_sql=f"MAP({key.storage_sql}, {value.storage_sql})",
        key=key,
        value=value,
    )


def struct(fields: Sequence[Field]) -> SparkType:
    simple = ",".join(f"{f.name}:{f.type.simple}" for f in fields)
    storage = ", ".join(f"{quote_identifier(f.name)} {f.type.storage_sql}" for f in fields)
    return SparkType(
        name="struct",
        simple=f"struct<{simple}>",
        storage_sql=f"STRUCT({storage})",
        fields=tuple(fields),
    )


_ATOMIC_BY_DUCK_ID: dict[str, SparkType] = {
    "boolean": BOOLEAN,
    "tinyint": BYTE,
    "smallint": SHORT,
    "integer": INTEGER,
    "bigint": LONG,
    "utinyint": SHORT,
    "usmallint": INTEGER,
    "uinteger": LONG,
    "ubigint": decimal(20, 0),
    "hugeint": decimal(38, 0),
    "uhugeint": decimal(38, 0),
    "float": FLOAT,
    "double": DOUBLE,
    "varchar": STRING,
    "blob": BINARY,
    "date": DATE,
    "timestamp": TIMESTAMP,
    "timestamp_s": TIMESTAMP,
    "timestamp_ms": TIMESTAMP,
    "timestamp_ns": TIMESTAMP,
    "timestamp with time zone": TIMESTAMP,
    "null": VOID,
}


def spark_type(duck: DuckType) -> SparkType:
    """The Spark type of a DuckDB type; types Spark has no counterpart for become `string`."""
    kind = duck.id
    if kind in _ATOMIC_BY_DUCK_ID:
        return _ATOMIC_BY_DUCK_ID[kind]
    children = dict(duck.children) if kind in {"decimal", "list", "array", "map"} else {}
    if kind == "decimal":
        return decimal(int(children["precision"]), int(children["scale"]))
    if kind in {"list", "array"}:
        return array(spark_type(children["child"]))
    if kind == "map":
        return map_of(spark_type(children["key"]), spark_type(children["value"]))
    if kind == "struct":
        return struct([Field(name, spark_type(child)) for name, child in duck.children])
    return STRING


def quote_identifier(name: str) -> str:
    """A DuckDB identifier in double quotes, safe for any column, table or schema name."""
    return '"' + name.replace('"', '""') + '"'


def quote_literal(text: str) -> str:
    """A DuckDB string literal."""
    return "'" + text.replace("'", "''") + "'"


def struct_json_value(fields: Sequence[Field]) -> dict[str, Any]:
    return {"type": "struct", "fields": [f.json_value() for f in fields]}


def schema_detail(fields: Sequence[Field]) -> str:
    """The `detail` string: Spark's compact StructType JSON (`StructType.json`)."""
    return json.dumps(struct_json_value(fields), separators=(",", ":"), ensure_ascii=False)


def preview_schema(fields: Sequence[Field]) -> list[dict[str, str]]:
    """The preview/submit `schema` list: one single-key map per column, Spark simple strings."""
    return [{f.name: f.type.simple} for f in fields]


def json_safe(value: Any) -> Any:
    """A result value as the preview shows it.

    Dates and timestamps become Spark's text form (`2024-01-01`, `2024-01-01 10:00:00.12`;
    timestamps in UTC), decimals become strings so no digit or trailing scale is lost, NaN and
    infinities become Spark's `NaN`/`Infinity`/`-Infinity` strings (JSON has no such numbers),
    binary becomes base64 (as Spark's JSON writer does) and map keys become strings.
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return format_timestamp(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    return str(value)


def format_timestamp(value: dt.datetime) -> str:
    """Spark's timestamp-to-string: seconds always, fraction only when non-zero, no zeros kept."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text
