"""Spark's CSV functions with their default options (`csvExpressions.scala`, univocity's writer
and parser as Spark configures them: separator `,`, quote `"`, escape `\\`).

- `to_csv(struct)`: each field as Spark's `UnivocityGenerator` writes it, driven by the struct's
  Spark type (`annotate_to_csv`): a NULL field is empty, a string is trimmed of whitespace
  (characters up to the space) and quoted when it holds the separator, a quote or a line break,
  a quote or a backslash inside it then escaped with a backslash; an empty string is `""`; a
  double is Java's text, a timestamp `yyyy-MM-dd'T'HH:mm:ss.SSS` and `Z` (the session time zone
  is UTC). Field types whose text this does not know (float, binary, arrays, maps, structs) and
  options (`sep`, ...) are refused.
- `from_csv(text, schema)`: the fields split at the separators outside quotes, a field quoted
  whole unquoted (another quoted field, with escaped or unbalanced quotes, is refused); an
  empty field, a missing one or one that does not convert is NULL (PERMISSIVE mode keeps the
  other fields); extra fields are ignored. Numbers are read as
  Java reads them (no spaces around an integer; a double may have them, and NaN, Inf, -Inf).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp, parse_one
from sqlglot.generators.duckdb import DuckDBGenerator

from ....errors import not_supported
from ...sparktypes import SparkType
from ..typerules.containers import schema_type
from ..typerules.javatext import java_double_sql
from .binding import bind, bound_sql, fresh
from .json_text import SPARK_TYPE

_INTEGRALS = {"byte", "short", "integer", "long", "boolean"}  # Spark's type names
_INTEGER_TEXT = "'^[+-]?[0-9]+$'"
_DOUBLE_TEXT = r"'^\s*[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[dDfF]?\s*$'"
_DECIMAL_TEXT = r"'^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$'"
_DATE_TEXT = r"'^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}$'"
_TIMESTAMP_TEXT = r"'^[0-9]{4}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?)?$'"
# Text Spark's lenient date and timestamp reading may take (a year first): beyond the forms above
# (a year alone, a zone, an offset, spaces, a sign ...), refused rather than read as NULL.
_DATELIKE_TEXT = r"'^\s*[+-]?[0-9]{4,}([-T ]|\s*$)'"
# A field quoted whole (escaped quotes inside), then the separator or the end.
_FIELD = r"""'("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)'"""


def annotate_to_csv(node: exp.Anonymous, kind: SparkType | None) -> None:
    """Record the Spark type of to_csv's argument for the generator."""
    if kind is not None:
        node.meta[SPARK_TYPE] = kind


def _refused(what: str) -> Exception:
    return not_supported(f"{what} is not supported by the DuckDB engine")


def _field_text(value: str, kind: SparkType) -> str:
    """DuckDB SQL for the CSV text of one non-NULL field."""
    name = kind.name
    if name in _INTEGRALS or name.startswith("decimal("):
        return f"CAST({value} AS VARCHAR)"
    if name == "double":
        return java_double_sql(parse_one(value, read="duckdb")).sql(dialect="duckdb")
    if name == "date":
        return f"strftime({value}, '%Y-%m-%d')"
    if name in ("timestamp", "timestamp_ntz"):
        local = f"timezone('UTC', {value})" if name == "timestamp" else value
        zone = "Z" if name == "timestamp" else ""
        return f"strftime({local}, '%Y-%m-%dT%H:%M:%S.%g') || '{zone}'"
    if name == "string":
        text = rf"regexp_replace({value}, '^[\x00-\x20]+|[\x00-\x20]+$', '', 'g')"
        # a quoted field escapes the escape character too (an unquoted one is written as is)
        quoted = "'\"' || replace(replace(__t, '\\', '\\\\'), '\"', '\\\"') || '\"'"
        # whether to quote is read between the two trimmings: `y` and a line break is `"y"`,
        # a line break and `y` is `y`
        leading = rf"regexp_replace({value}, '^[\x00-\x20]+', '')"
        body = (
            f"CASE WHEN __t = '' THEN '\"\"' WHEN regexp_matches({leading}, '[,\"\\n\\r]') "
            f"THEN {quoted} ELSE __t END"
        )
        return bind(text, "__t", body)
    raise _refused(f"to_csv of a {kind.simple} field")


def _to_csv(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    kind = node.meta.get(SPARK_TYPE)
    if kind is not None and kind.name == "void":
        return "CAST(NULL AS VARCHAR)"
    if kind is None or kind.name != "struct":
        raise _refused("to_csv of an argument of unknown type")
    value, row = gen.sql(node.expressions[0]), fresh("csv")
    fields = []
    for field in kind.fields:
        if field.type.name == "void":
            fields.append("''")
            continue
        member = f'{row}."{field.name.replace(chr(34), chr(34) * 2)}"'
        fields.append(f"coalesce({_field_text(member, field.type)}, '')")
    joined = " || ',' || ".join(fields) or "''"
    return bound_sql(value, row, joined)


def _converted(text: str, kind: SparkType) -> str:
    """DuckDB SQL for one CSV field `text` read as `kind` (NULL when Spark cannot read it)."""
    name, duck = kind.name, kind.simple.upper()
    guards = {"date": _DATE_TEXT, "timestamp": _TIMESTAMP_TEXT}
    if name == "string":
        return text
    if name in _INTEGRALS - {"boolean"}:
        return (
            f"CASE WHEN regexp_matches({text}, {_INTEGER_TEXT}) THEN TRY_CAST({text} AS {duck}) END"
        )
    if name == "boolean":
        return f"CASE lower({text}) WHEN 'true' THEN true WHEN 'false' THEN false END"
    if name == "double":
        special = "WHEN 'NaN' THEN CAST('NaN' AS DOUBLE) WHEN 'Inf' THEN CAST('Infinity' AS DOUBLE)"
        special += " WHEN '-Inf' THEN CAST('-Infinity' AS DOUBLE)"
        number = f"TRY_CAST(regexp_replace(trim({text}), '[dDfF]$', '') AS DOUBLE)"
        return (
            f"CASE {text} {special} ELSE CASE WHEN regexp_matches({text}, {_DOUBLE_TEXT}) "
            f"THEN {number} END END"
        )
    if name.startswith("decimal("):
        return (
            f"CASE WHEN regexp_matches({text}, {_DECIMAL_TEXT}) THEN TRY_CAST({text} AS {duck}) END"
        )
    if name in guards:
        # (Spark reads a one-digit month or day of a date too)
        read = f"try_strptime({text}, '%Y-%m-%d')" if name == "date" else text
        target = "TIMESTAMPTZ" if name == "timestamp" else "DATE"
        refused = f"from_csv of this {name} text is not supported by the DuckDB engine: "
        return (
            f"CASE WHEN regexp_matches({text}, {guards[name]}) "
            f"THEN TRY_CAST({read} AS {target}) "
            f"WHEN regexp_matches({text}, {_DATELIKE_TEXT}) THEN error('{refused}' || {text}) END"
        )
    raise _refused(f"from_csv of a {kind.simple} field")


def _from_csv(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    text, schema = node.expressions[0], node.expressions[1]
    kind = (
        schema_type(schema.name) if isinstance(schema, exp.Literal) and schema.is_string else None
    )
    if kind is None or kind.name != "struct":
        raise _refused("from_csv without a literal struct schema")
    value, parts = gen.sql(text), fresh("csv")
    fields = []
    for index, field in enumerate(kind.fields):
        raw = f"{parts}[{index + 1}]"
        # A quote opens a quoted field only at its start (elsewhere it is a character); a field
        # quoted whole with no escape inside is read without its quotes; univocity's reading of
        # other quoted fields (escapes, doubled or unbalanced quotes) is not carried over.
        unquoted = (
            f'CASE WHEN regexp_matches({raw}, \'^"[^"\\\\]*"$\') THEN {raw}[2:-2] '
            f"WHEN starts_with({raw}, '\"') THEN error('from_csv of a quoted field with quotes "
            f"or escapes inside is not supported by the DuckDB engine') ELSE {raw} END"
        )
        cell = f"nullif({unquoted}, '')"
        label = field.name.replace("'", "''")
        fields.append(f"'{label}': {_converted(cell, field.type)}")
    split = f"regexp_extract_all({value}, {_FIELD}, 1)"
    return bound_sql(split, parts, f"{{{', '.join(fields)}}}")


def _schema_of_csv(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    raise _refused("schema_of_csv (Spark's CSV type inference)")


def _options(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    raise _refused(f"{node.name.lower()} with options")


ANONYMOUS: dict[tuple[str, int], Callable[[DuckDBGenerator, exp.Anonymous], str]] = {
    ("to_csv", 1): _to_csv,
    ("to_csv", 2): _options,
    ("from_csv", 2): _from_csv,
    ("from_csv", 3): _options,
    ("schema_of_csv", 1): _schema_of_csv,
    ("schema_of_csv", 2): _schema_of_csv,
}
