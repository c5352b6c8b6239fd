"""Spark's own schema (its StructType JSON) as the emulator's `sparktypes`: nothing is mapped."""

from __future__ import annotations

from typing import Any

from .. import sparktypes as st


def fields_of(schema_json: dict[str, Any]) -> tuple[st.Field, ...]:
    """Fields from `StructType.jsonValue()`: the types are Spark's own, nothing is mapped."""
    return tuple(
        st.Field(f["name"], type_of(f["type"]), bool(f.get("nullable", True)))
        for f in schema_json["fields"]
    )


def type_of(value: Any) -> st.SparkType:
    if isinstance(value, str):
        return st.atomic(value)
    kind = value["type"]
    if kind == "array":
        return st.array(type_of(value["elementType"]), bool(value.get("containsNull", True)))
    if kind == "map":
        key, item = type_of(value["keyType"]), type_of(value["valueType"])
        return st.map_of(key, item, bool(value.get("valueContainsNull", True)))
    if kind == "struct":
        return st.struct(fields_of(value))
    # user-defined types and the like: Spark names them itself
    return st.atomic(str(kind))
