"""Spark type strings (`int`, `decimal(10,2)`, `array<map<string,int>>`, `struct<a:int,b:date>`)
and the Python values of a result column of each type.

The service reports each result column as Spark's `simpleString` of its type. That format is
Spark's own, not SQL: struct field names are written bare, so `struct<a b:int>` is a field `a b`.
SQL parsers (sqlglot included) read such a name as two tokens, hence this small reader of it.

Values arrive as JSON from the preview (decimals as strings, binary as base64, NaN as `"NaN"`) or
from an exported JSON file (decimals as numbers, timestamps with a UTC offset); `converter()`
accepts both forms.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Context, Decimal
from typing import Any

Convert = Callable[[Any], Any]

# Type names by family, Spark's and their SQL synonyms alike (`int` and `integer`).
INTEGERS = frozenset({"tinyint", "smallint", "int", "bigint", "byte", "short", "integer", "long"})
FLOATS = frozenset({"float", "double", "real"})
TEXTS = frozenset({"string", "char", "varchar"})
_SPECIAL_FLOATS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


@dataclass(frozen=True)
class SparkType:
    """A parsed Spark type: `name` is lower case (`int`, `decimal`, `array`, `map`, `struct`)."""

    name: str
    params: tuple[int, ...] = ()
    children: tuple[SparkType, ...] = ()  # array: element; map: key, value; struct: fields
    field_names: tuple[str, ...] = ()

    @property
    def precision(self) -> int | None:
        return self.params[0] if self.params else None

    @property
    def scale(self) -> int | None:
        return self.params[1] if len(self.params) > 1 else None


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def fail(self, what: str) -> ValueError:
        return ValueError(f"bad Spark type {self.text!r} at {self.at}: {what}")

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.fail(f"expected {char!r}")
        self.at += 1

    def word(self) -> str:
        start = self.at
        while self.peek().isalnum() or self.peek() == "_":
            self.at += 1
        if start == self.at:
            raise self.fail("expected a type name")
        return self.text[start : self.at].lower()

    def field_name(self) -> str:
        # Everything up to the ':' that ends it at this nesting level; backticks quote.
        if self.peek() == "`":
            end = self.text.index("`", self.at + 1)
            name = self.text[self.at + 1 : end]
            self.at = end + 1
            return name
        end = self.text.find(":", self.at)
        if end < 0:
            raise self.fail("expected ':' after a struct field name")
        name = self.text[self.at : end]
        self.at = end
        return name

    def type(self) -> SparkType:
        name = self.word()
        if name == "array":
            self.expect("<")
            element = self.type()
            self.expect(">")
            return SparkType(name, children=(element,))
        if name == "map":
            self.expect("<")
            key = self.type()
            self.expect(",")
            value = self.type()
            self.expect(">")
            return SparkType(name, children=(key, value))
        if name == "struct":
            self.expect("<")
            names: list[str] = []
            types: list[SparkType] = []
            while self.peek() != ">":
                if names:
                    self.expect(",")
                names.append(self.field_name())
                self.expect(":")
                types.append(self.type())
            self.expect(">")
            return SparkType(name, children=tuple(types), field_names=tuple(names))
        params: list[int] = []
        if self.peek() == "(":
            self.at += 1
            while True:
                start = self.at
                while self.peek().isdigit():
                    self.at += 1
                if start == self.at:
                    raise self.fail("expected a number")
                params.append(int(self.text[start : self.at]))
                if self.peek() != ",":
                    break
                self.at += 1
            self.expect(")")
        return SparkType(name, params=tuple(params))


def parse(text: str) -> SparkType:
    """The `SparkType` of a simple string; `ValueError` when it is not one."""
    reader = _Reader(text.strip())
    parsed = reader.type()
    if reader.at != len(reader.text):
        raise reader.fail("unexpected text after the type")
    return parsed


def converter(spark: SparkType) -> Convert:
    """A function from a JSON value of this type to its Python value (None stays None)."""
    name = spark.name
    if name in INTEGERS or name == "boolean":
        return identity  # JSON numbers and booleans are these already
    if name in FLOATS:
        return _nullable(_float)
    if name == "decimal":
        return _nullable(_decimal(spark.precision, spark.scale))
    if name == "date":
        return _nullable(_date)
    if name in ("timestamp", "timestamp_ntz", "timestamp_ltz"):
        return _nullable(_timestamp)
    if name == "binary":
        return _nullable(_binary)
    if name == "void":
        return lambda value: None
    if name == "array":
        element = converter(spark.children[0])
        return _nullable(lambda value: [element(item) for item in value])
    if name == "map":
        key, item = converter(spark.children[0]), converter(spark.children[1])
        return _nullable(lambda value: {key(k): item(v) for k, v in value.items()})
    if name == "struct":
        fields = list(zip(spark.field_names, map(converter, spark.children), strict=True))
        return _nullable(lambda value: {n: convert(value.get(n)) for n, convert in fields})
    return identity  # string, char/varchar and types this reader does not know: as sent


def column_converter(type_text: str) -> Convert:
    """`converter(parse(type_text))`, or the identity for a type string that does not parse."""
    try:
        return converter(parse(type_text))
    except ValueError:
        return identity


def identity(value: Any) -> Any:
    return value


def _nullable(convert: Convert) -> Convert:
    def run(value: Any) -> Any:
        return None if value is None else convert(value)

    return run


def _float(value: Any) -> float:
    if isinstance(value, str):
        return _SPECIAL_FLOATS.get(value) or float(value)
    return float(value)


def _decimal(precision: int | None, scale: int | None) -> Convert:
    exponent = Decimal(1).scaleb(-scale) if scale is not None else None
    # Spark's decimals reach 38 digits; Python's default context keeps 28.
    context = Context(prec=max(precision or 0, 38))

    def run(value: Any) -> Decimal:
        # Exported JSON writes decimals as numbers (1.50 -> 1.5): the scale puts the zero back.
        number = (
            value
            if isinstance(value, Decimal)
            else Decimal(value if isinstance(value, str) else repr(value))
        )
        return number.quantize(exponent, context=context) if exponent is not None else number

    return run


def _date(value: Any) -> dt.date:
    return dt.date.fromisoformat(value)


def _timestamp(value: Any) -> dt.datetime:
    # The preview shows UTC wall time without an offset; exported files add `+00`. Both become
    # the same naive datetime.
    parsed = dt.datetime.fromisoformat(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    return parsed


def _binary(value: Any) -> bytes:
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        # The emulator's JSON export writes the bytes as text rather than base64.
        return str(value).encode()
