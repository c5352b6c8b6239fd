"""Spark SQL types as the API reports them: schema JSON, simple type strings, JSON-safe values.

DLI speaks Spark's type system whatever engine runs the SQL: a result column's `detail` is
Spark's StructType JSON and its preview `schema` Spark's simple strings. An engine describes
its result columns as `Field`s of these types (`engines.duckdb.sqltypes` maps DuckDB's types).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any


@dataclass(frozen=True)
class SparkType:
    """A Spark data type: `name` is the JSON/simple name of an atomic type, or array/map/struct."""

    name: str
    simple: str
    element: SparkType | None = None
    key: SparkType | None = None
    value: SparkType | None = None
    fields: tuple[Field, ...] = ()
    # An array's containsNull, a map's valueContainsNull. Only the Spark engine knows them; an
    # engine that cannot tell says True, as Spark does for what it cannot prove non-null.
    contains_null: bool = True

    def json_value(self) -> Any:
        """The value Spark's `DataType.jsonValue` gives: a string for atomic types."""
        if self.name == "array":
            assert self.element is not None
            return {
                "type": "array",
                "elementType": self.element.json_value(),
                "containsNull": self.contains_null,
            }
        if self.name == "map":
            assert self.key is not None and self.value is not None
            return {
                "type": "map",
                "keyType": self.key.json_value(),
                "valueType": self.value.json_value(),
                "valueContainsNull": self.contains_null,
            }
        if self.name == "struct":
            return struct_json_value(self.fields)
        return self.name


@dataclass(frozen=True)
class Field:
    name: str
    type: SparkType
    nullable: bool = True  # as for `SparkType.contains_null`

    def json_value(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type.json_value(),
            "nullable": self.nullable,
            "metadata": {},
        }


def atomic(name: str) -> SparkType:
    """An atomic type by its JSON name (`integer`, `decimal(10,2)`, ...)."""
    return SparkType(name=name, simple=_SIMPLE_NAMES.get(name, name))


_SIMPLE_NAMES = {"byte": "tinyint", "short": "smallint", "integer": "int", "long": "bigint"}

# The atomic types, by kind, from their JSON names.
BYTE, SHORT, INTEGER, LONG = map(atomic, ("byte", "short", "integer", "long"))
FLOAT, DOUBLE = map(atomic, ("float", "double"))
BOOLEAN, STRING, BINARY = map(atomic, ("boolean", "string", "binary"))
DATE, TIMESTAMP = map(atomic, ("date", "timestamp"))
# Spark's NullType: `select null` has it.
VOID = atomic("void")


def decimal(precision: int, scale: int) -> SparkType:
    return atomic(f"decimal({precision},{scale})")


def array(element: SparkType, contains_null: bool = True) -> SparkType:
    simple = f"array<{element.simple}>"
    return SparkType("array", simple, element=element, contains_null=contains_null)


def map_of(key: SparkType, value: SparkType, contains_null: bool = True) -> SparkType:
    simple = f"map<{key.simple},{value.simple}>"
    return SparkType("map", simple, key=key, value=value, contains_null=contains_null)


def struct(fields: Sequence[Field]) -> SparkType:
    simple = ",".join(f"{f.name}:{f.type.simple}" for f in fields)
    return SparkType(name="struct", simple=f"struct<{simple}>", fields=tuple(fields))


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
