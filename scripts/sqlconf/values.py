"""Result values in one comparable form, driven by Spark's type of the column.

Both engines' values go through `canonical(value, spark_type_json)`: Spark's Python objects and
the emulator's preview JSON (decimals as strings, dates and timestamps as Spark's text,
NaN/Infinity as strings, binary as base64, map keys as strings, structs as objects) end up as the
same JSON-ready value when they mean the same thing. Floats are compared to 10 significant
digits (6 for 32-bit floats): the digits beyond are printing, not meaning.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import math
from decimal import Decimal, InvalidOperation
from typing import Any

_INTEGRAL = {"byte", "short", "integer", "long"}
_FRACTIONAL = {"float": 6, "double": 10}


def canonical(value: Any, spark_type: Any) -> Any:
    if value is None:
        return None
    if isinstance(spark_type, dict):
        kind = spark_type.get("type")
        if kind == "array" and isinstance(value, list | tuple):
            return [canonical(v, spark_type["elementType"]) for v in value]
        if kind == "map" and isinstance(value, dict):
            key_type, value_type = spark_type["keyType"], spark_type["valueType"]
            return {
                _key(canonical(k, key_type)): canonical(v, value_type) for k, v in value.items()
            }
        if kind == "struct":
            return _struct(value, spark_type["fields"])
        return _plain(value)
    name = str(spark_type)
    if name in _INTEGRAL:
        return _number(value, integral=True)
    if name in _FRACTIONAL:
        return _fraction(value, _FRACTIONAL[name])
    if name.startswith("decimal"):
        return _decimal(value)
    if name in ("timestamp", "timestamp_ntz"):
        return timestamp_text(value) if isinstance(value, dt.datetime) else _plain(value)
    if name == "date":
        return value.isoformat() if isinstance(value, dt.date) else _plain(value)
    if name == "binary" and isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return _plain(value)


def row_key(row: list[Any]) -> str:
    """A total order for rows of mixed values (for comparing unordered results)."""
    return json.dumps(row, sort_keys=True, default=str)


def timestamp_text(value: dt.datetime) -> str:
    """Spark's timestamp-to-string: seconds always, a fraction only when non-zero."""
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    if value.microsecond:
        text += f".{value.microsecond:06d}".rstrip("0")
    return text


def _struct(value: Any, fields: list[dict[str, Any]]) -> Any:
    if hasattr(value, "asDict"):  # a pyspark Row
        items = list(zip(value.__fields__, tuple(value), strict=True))
    elif isinstance(value, dict):
        items = list(value.items())
    else:
        return _plain(value)
    if len(items) != len(fields):
        return {str(k): _plain(v) for k, v in items}
    return {str(k): canonical(v, f["type"]) for (k, v), f in zip(items, fields, strict=True)}


def _number(value: Any, integral: bool) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            parsed = Decimal(value)
        except InvalidOperation:
            return value
        return int(parsed) if parsed == parsed.to_integral_value() else _decimal(parsed)
    if isinstance(value, float | Decimal) and integral and value == int(value):
        return int(value)
    return _plain(value)


def _fraction(value: Any, digits: int) -> Any:
    if isinstance(value, str):
        if value in ("NaN", "Infinity", "-Infinity"):
            return value
        try:
            value = float(value)
        except ValueError:
            return value
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return _plain(value)
    number = float(value)
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    return float(f"{number:.{digits}g}")


def _decimal(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return _plain(value)
    if not number.is_finite():
        return str(number)
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def _key(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, sort_keys=True, default=str)


def _plain(value: Any) -> Any:
    """Anything else: JSON's own types stay, other objects become their text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return _fraction(value, 10)
    if isinstance(value, Decimal):
        return _decimal(value)
    if isinstance(value, dt.datetime):
        return timestamp_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if hasattr(value, "asDict"):
        return {str(k): _plain(v) for k, v in zip(value.__fields__, tuple(value), strict=True)}
    return str(value)
