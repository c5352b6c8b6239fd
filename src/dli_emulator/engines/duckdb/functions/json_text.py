"""Spark's JSON functions where DuckDB's answer differs (`jsonExpressions.scala`,
`JacksonGenerator`).

- `get_json_object` of a string that is not JSON is NULL (DuckDB's `->>` raises an error); of
  a path with `[*]` or without `$` first, see `json_paths`;
- `to_json` writes what Spark's JacksonGenerator writes, driven by the Spark type of its
  argument (known from the syntax tree and the catalog, see `annotate_to_json`): a struct field
  that is NULL is left out, a timestamp is `yyyy-MM-dd'T'HH:mm:ss.SSS` and `Z` (the session
  time zone is UTC), a decimal keeps its scale (`5.00`), a double is Java's text (`1.0E10`),
  binary is base64. An argument of unknown type keeps DuckDB's TO_JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count
from typing import Any

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

from ...sparktypes import SparkType
from ..typerules.intervals import interval_fields
from ..typerules.javatext import java_double_sql
from .binding import bound_sql
from .intervals import interval_text_sql
from .json_paths import null_by_index_sql, wildcard_sql

SPARK_TYPE = "spark_type"  # the meta key under which a to_json node carries its argument's type

_PLAIN = {"byte", "short", "integer", "long", "boolean"}  # Spark's JSON type names


def annotate_to_json(node: exp.JSONFormat, kind: SparkType | None) -> None:
    """Record the Spark type of to_json's argument for the generator."""
    if kind is not None:
        node.meta[SPARK_TYPE] = kind


def json_value_sql(value: str, kind: SparkType, names: Any) -> str | None:
    """DuckDB SQL for the JSON text Spark writes for `value` of type `kind` (NULL for NULL);
    None for a type this does not know. `names` yields fresh lambda variable names."""
    name = kind.name
    if name == "void":
        return "CAST(NULL AS VARCHAR)"
    if name in _PLAIN or name.startswith("decimal("):
        return f"CAST({value} AS VARCHAR)"
    if name == "string":
        return f"CAST(to_json({value}) AS VARCHAR)"
    if name in ("double", "float"):
        variable = next(names)
        text = java_double_sql(exp.column(variable)).sql(dialect="duckdb")
        # Jackson writes a number bare, NaN and the infinities quoted
        return bound_sql(
            value,
            variable,
            f"CASE WHEN isfinite({variable}) THEN {text} ELSE '\"' || {text} || '\"' END",
        )
    if name in ("timestamp", "timestamp_ntz"):
        zone = "Z" if name == "timestamp" else ""
        local = f"timezone('UTC', {value})" if name == "timestamp" else value
        return f"'\"' || strftime({local}, '%Y-%m-%dT%H:%M:%S.%g') || '{zone}\"'"
    if name == "date":
        return f"'\"' || strftime({value}, '%Y-%m-%d') || '\"'"
    if name == "binary":
        return f"'\"' || base64({value}) || '\"'"
    if interval_fields(kind) is not None:  # its ANSI text has no character JSON escapes
        return f"'\"' || {interval_text_sql(value, kind)} || '\"'"
    if name == "array" and kind.element is not None:
        variable = next(names)
        element = json_value_sql(variable, kind.element, names)
        if element is None:
            return None
        items = f"list_transform({value}, lambda {variable}: coalesce({element}, 'null'))"
        return f"'[' || array_to_string({items}, ',') || ']'"
    if name == "map" and kind.key is not None and kind.value is not None:
        variable = next(names)
        item = json_value_sql(f"{variable}.value", kind.value, names)
        if item is None:
            return None
        key = f"CAST(to_json(CAST({variable}.key AS VARCHAR)) AS VARCHAR)"
        pair = f"{key} || ':' || coalesce({item}, 'null')"
        pairs = f"list_transform(map_entries({value}), lambda {variable}: {pair})"
        return f"'{{' || array_to_string({pairs}, ',') || '}}'"
    if name == "struct":
        variable = next(names)
        parts = []
        for field in kind.fields:
            quoted = field.name.replace('"', '""')
            member = json_value_sql(f'{variable}."{quoted}"', field.type, names)
            if member is None:
                return None
            label = field.name.replace("\\", "\\\\").replace('"', '\\"').replace("'", "''")
            parts.append(f"'\"{label}\":' || {member}")  # NULL (left out) when the field is
        body = f"concat_ws(',', {', '.join(parts)}, NULL)" if parts else "''"
        return bound_sql(value, variable, f"'{{' || {body} || '}}'")
    return None


def _to_json(self: DuckDBGenerator, expression: exp.JSONFormat) -> str:
    kind = expression.meta.get(SPARK_TYPE)
    value = self.sql(expression, "this")
    names = (f"__json{n}" for n in count())
    text = json_value_sql(value, kind, names) if kind is not None else None
    if text is None or expression.args.get("options") is not None:
        options = expression.args.get("options")
        return f"CAST({self.func('TO_JSON', expression.this, options)} AS TEXT)"
    return text


class JsonFunctions(DuckDBGenerator):
    """Generator methods for Spark's JSON functions (mixed into the engine's generator)."""

    def jsonextractscalar_sql(self, expression: exp.JSONExtractScalar) -> str:
        document, path = self.sql(expression, "this"), expression.expression
        if isinstance(path, exp.Literal) and path.is_string:  # no `$` first (json_paths.py)
            return "CAST(NULL AS VARCHAR)"
        wildcard = (
            wildcard_sql(document, path, self.sql) if isinstance(path, exp.JSONPath) else None
        )
        found = wildcard or super().jsonextractscalar_sql(expression)
        if wildcard is None and isinstance(path, exp.JSONPath):
            found = null_by_index_sql(document, path, self.sql, found)
        return f"CASE WHEN json_valid({document}) THEN {found} END"


# Nodes sqlglot's DuckDB generator renders through its TRANSFORMS table (ahead of *_sql methods).
JSON_TRANSFORMS: dict[type[exp.Expr], Callable[..., str]] = {exp.JSONFormat: _to_json}
