"""Spark's schema_of_json, computed at translation time: Spark requires a constant argument, so
the schema is inferred here from the literal, as `JsonInferSchema` does, and the call becomes a
string literal (which `from_json` then reads like a schema written by hand).

The text is read as Spark's Jackson parser reads it with Spark's default options: single quotes
allowed, NaN and the infinities allowed, no comments, no unquoted names, no leading zeros; only
the first value counts (what follows it is not read). Inference: an integer is a bigint, or a
decimal(digits, 0) past the bigint range, or a double past 38 digits; any other number is a
double; a string is a string (no date or timestamp inference by default); an object is a struct
with its fields sorted by name; an array's element types are merged (Spark's `compatibleType`);
NULL alone is a string and empty structs are dropped (`canonicalizeType`).

A column argument is refused in Spark's words (NON_FOLDABLE_INPUT), and so is NULL; a constant
other than a literal (or a concat of literals), options, and nesting deeper than Python recurses
are refused as not supported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot import exp

from ....errors import not_supported, semantic_error


@dataclass(frozen=True)
class Decimal:
    """An integer past the bigint range: decimal(digits, 0)."""

    precision: int
    scale: int


@dataclass(frozen=True)
class Array:
    """A JSON array: its elements' types merged."""

    element: Kind


@dataclass(frozen=True)
class Struct:
    """A JSON object: its fields sorted by name."""

    fields: tuple[Field, ...]


# An inferred type: "null", "string", "boolean", "bigint", "double", or one of the above.
Kind = str | Decimal | Array | Struct
Field = tuple[str, Kind]

_MAX_PRECISION = 38
_LONG_DIGITS = 20  # a bigint as a decimal: decimal(20,0)
_LONG_RANGE = range(-(2**63), 2**63)
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_NON_NUMERIC = ("NaN", "Infinity", "+Infinity", "-Infinity", "+INF", "-INF")
_ESCAPES = set('"\\/bfnrtu')
_WORDS = {"true": "boolean", "false": "boolean", "null": "null"}


class _JsonError(ValueError):
    pass


class _Reader:
    """A JSON reader that infers the type of each value instead of building it."""

    def __init__(self, text: str) -> None:
        self.text, self.at = text, 0

    def blank(self) -> None:
        while self.at < len(self.text) and self.text[self.at] in " \t\r\n":
            self.at += 1

    def peek(self) -> str:
        self.blank()
        return self.text[self.at] if self.at < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise _JsonError(f"Unexpected character at {self.at + 1}: was expecting '{char}'")
        self.at += 1

    def value(self) -> Kind:
        char = self.peek()
        if char == "{":
            return self.struct()
        if char == "[":
            self.at += 1
            element: Kind = "null"
            if self.peek() == "]":
                self.at += 1
                return Array(element)
            while True:
                element = _compatible(element, self.value())
                if self.peek() == "]":
                    self.at += 1
                    return Array(element)
                self.expect(",")
        if char in "\"'":
            self.string()
            return "string"
        for word in (*_NON_NUMERIC, *_WORDS):
            if self.text.startswith(word, self.at):
                self.at += len(word)
                return _WORDS.get(word, "double")
        number = _NUMBER.match(self.text, self.at)
        after = self.text[number.end() : number.end() + 1] if number else ""
        if number is None or after.isalnum() or after in (".", "_"):
            raise _JsonError(f"Unrecognized token at {self.at + 1}")
        self.at = number.end()
        if number.group(2) or number.group(3):
            return "double"
        return _integer_type(number.group(0))

    def struct(self) -> Kind:
        self.at += 1
        fields: list[tuple[str, Kind]] = []
        if self.peek() == "}":
            self.at += 1
            return Struct(())
        while True:
            if self.peek() not in ('"', "'"):
                raise _JsonError(f"Unexpected character at {self.at + 1}: expecting a field name")
            name = self.string()
            self.expect(":")
            fields.append((name, self.value()))
            if self.peek() == "}":
                self.at += 1
                # stable, in Java's String order (UTF-16 code units)
                return Struct(tuple(sorted(fields, key=lambda f: _java_order(f[0]))))
            self.expect(",")

    def string(self) -> str:
        quote, self.at = self.text[self.at], self.at + 1
        start, parts = self.at, []
        while self.at < len(self.text):
            char = self.text[self.at]
            if char == quote:
                parts.append(self.text[start : self.at])
                self.at += 1
                return _unescape("".join(parts))
            if char < " ":
                raise _JsonError("Illegal unquoted character in a string")
            if char == "\\":
                follower = self.text[self.at + 1 : self.at + 2]
                if follower not in _ESCAPES and not (follower == "'" and quote == "'"):
                    raise _JsonError(f"Unrecognized character escape '{follower}'")
                self.at += 1
            self.at += 1
        raise _JsonError("Unexpected end-of-input in a string")


def _unescape(raw: str) -> str:
    simple = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code.startswith("u"):
            return chr(int(code[1:], 16))
        return simple.get(code, code)

    return re.sub(r"\\(u[0-9a-fA-F]{4}|.)", one, raw)


def _java_order(name: str) -> bytes:
    return name.encode("utf-16-be", "surrogatepass")


def _integer_type(digits: str) -> Kind:
    if int(digits) in _LONG_RANGE:
        return "bigint"
    precision = len(digits.lstrip("-"))
    return Decimal(precision, 0) if precision <= _MAX_PRECISION else "double"


def _tightest(one: Kind, other: Kind) -> Kind | None:
    """Spark's findTightestCommonType on the inferred kinds."""
    if one == other or other == "null":
        return one
    match one, other:
        case "null", _:
            return other
        case ("bigint", Decimal() as decimal) | (Decimal() as decimal, "bigint"):
            return decimal if decimal.precision - decimal.scale >= _LONG_DIGITS else None
        case ("bigint", "double") | ("double", "bigint"):
            return "double"
        case Array(), Array():
            element = _tightest(one.element, other.element)
            return None if element is None else Array(element)
        case Struct(), Struct() if len(one.fields) == len(other.fields):
            fields = []
            for (name, kind), (other_name, other_kind) in zip(
                one.fields, other.fields, strict=True
            ):
                merged = _tightest(kind, other_kind)
                if name.lower() != other_name.lower() or merged is None:
                    return None
                fields.append((name, merged))
            return Struct(tuple(fields))
    return None


def _compatible(one: Kind, other: Kind) -> Kind:
    """Spark's JsonInferSchema.compatibleType on the inferred kinds."""
    tightest = _tightest(one, other)
    if tightest is not None:
        return tightest
    match one, other:
        case ("double", Decimal()) | (Decimal(), "double"):
            return "double"
        case ("bigint", Decimal()):
            return _compatible(Decimal(_LONG_DIGITS, 0), other)
        case (Decimal(), "bigint"):
            return _compatible(one, Decimal(_LONG_DIGITS, 0))
        case Decimal(), Decimal():
            scale = max(one.scale, other.scale)
            whole = max(one.precision - one.scale, other.precision - other.scale)
            return "double" if whole + scale > _MAX_PRECISION else Decimal(whole + scale, scale)
        case Array(), Array():
            return Array(_compatible(one.element, other.element))
        case Struct(), Struct():
            return Struct(_merge_fields(list(one.fields), list(other.fields)))
    return "string"


def _merge_fields(left: list[Field], right: list[Field]) -> tuple[Field, ...]:
    """Both sorted by name: merged in order, a name in both taking the compatible type."""
    merged = []
    while left and right:
        one, other = _java_order(left[0][0]), _java_order(right[0][0])
        if one == other:
            merged.append((left[0][0], _compatible(left.pop(0)[1], right.pop(0)[1])))
        else:
            merged.append((left if one < other else right).pop(0))
    return tuple(merged + left + right)


def _canonical(kind: Kind) -> Kind | None:
    """Spark's canonicalizeType: NULL is a string, structs left empty are dropped."""
    if kind == "null":
        return "string"
    if isinstance(kind, Array):
        element = _canonical(kind.element)
        return None if element is None else Array(element)
    if isinstance(kind, Struct):
        fields = tuple(
            (name, canonical)
            for name, field in kind.fields
            if name and (canonical := _canonical(field)) is not None
        )
        return Struct(fields) if fields else None
    return kind


def _root(kind: Kind) -> Kind:
    """SchemaOfJson's top level: an object or an array of objects left empty stays a struct."""
    if isinstance(kind, Struct):
        return _canonical(kind) or Struct(())
    if isinstance(kind, Array) and isinstance(kind.element, Struct):
        return Array(_canonical(kind.element) or Struct(()))
    return _canonical(kind) or "string"


def _quoted(name: str) -> str:
    if re.fullmatch(r"[a-zA-Z_][a-zA-Z0-9_]*", name):
        return name
    return "`" + name.replace("`", "``") + "`"


def type_text(kind: Kind) -> str:
    """Spark's DataType.sql of an inferred kind: `STRUCT<a: BIGINT, b: ARRAY<DOUBLE>>`."""
    if isinstance(kind, Decimal):
        return f"DECIMAL({kind.precision},{kind.scale})"
    if isinstance(kind, Array):
        return f"ARRAY<{type_text(kind.element)}>"
    if isinstance(kind, Struct):
        return "STRUCT<" + ", ".join(f"{_quoted(n)}: {type_text(k)}" for n, k in kind.fields) + ">"
    return kind.upper()


def schema_of_json(text: str) -> str:
    """The schema Spark infers for a JSON text, as Spark writes it."""
    reader = _Reader(text)
    if not reader.peek():
        return "STRING"  # no token at all
    try:
        kind = reader.value()
    except (_JsonError, IndexError) as error:
        raise semantic_error(f"com.fasterxml.jackson.core.JsonParseException: {error}") from None
    except RecursionError:
        raise not_supported(
            "schema_of_json of JSON nested this deep is not supported by the DuckDB engine"
        ) from None
    return type_text(_root(kind))


def _constant_text(node: exp.Expr) -> str | None:
    """The text of a constant string argument (a literal, or a concat of literals)."""
    if isinstance(node, exp.Literal) and node.is_string:
        return str(node.this)
    if isinstance(node, exp.Concat | exp.DPipe):
        parts = [node.this, node.expression] if isinstance(node, exp.DPipe) else node.expressions
        texts = [_constant_text(part) for part in parts]
        return None if any(t is None for t in texts) else "".join(t or "" for t in texts)
    return None


def fold_schema_of_json(tree: exp.Expr) -> None:
    """Each `schema_of_json(constant)` replaced by the schema's text (after the projections were
    named, so the column keeps Spark's name)."""
    for call in list(tree.find_all(exp.Anonymous)):
        if call.name.lower() != "schema_of_json" or not 1 <= len(call.expressions) <= 2:
            continue
        argument = call.expressions[0]
        if len(call.expressions) == 2:
            raise not_supported("schema_of_json with options is not supported by the DuckDB engine")
        if isinstance(argument, exp.Null):
            raise semantic_error(
                '[DATATYPE_MISMATCH.UNEXPECTED_NULL] Cannot resolve "schema_of_json(NULL)" due '
                "to data type mismatch: The json must not be null. SQLSTATE: 42K09"
            )
        text = _constant_text(argument)
        if text is None and argument.find(exp.Column) is not None:
            raise semantic_error(
                "[DATATYPE_MISMATCH.NON_FOLDABLE_INPUT] Cannot resolve "
                f'"schema_of_json({argument.sql("spark")})" '
                'due to data type mismatch: the input `json` should be a foldable "STRING" '
                f'expression; however, got "{argument.sql("spark")}". SQLSTATE: 42K09'
            )
        if text is None:
            raise not_supported(
                "schema_of_json of a computed argument is not supported by the DuckDB engine"
            )
        call.replace(exp.Literal.string(schema_of_json(text)))
