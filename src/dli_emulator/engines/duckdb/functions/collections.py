"""Spark's array, map and JSON functions on DuckDB lists, maps and structs.

Spark keeps first-occurrence order in array_distinct/union/intersect/except (DuckDB's list set
functions do not), counts a NULL collection's size as -1 (non-ANSI legacy), returns 0 from
array_position when nothing matches, names arrays_zip's struct fields after the arguments,
reverses strings and arrays with one function and steps a sequence down when its start is
above its end. Exported for `translate`: `TRANSFORMS` (node type -> renderer), `ANONYMOUS`
(Spark function name -> renderer) and, for the warehouse, `MACROS`: DuckDB macros overloaded by
argument type for what depends on a type only DuckDB knows (string or array, int or date).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, ClassVar

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.generators.duckdb import DuckDBGenerator

from ..naming.functions import as_written
from ..statements import SPARK
from .binding import bind, fresh

Renderer = Callable[[DuckDBGenerator, Any], str]


def _sequence_macros() -> str:
    """spark_sequence(start, stop[, step]): Spark's sequence keeps an integral argument type
    (DuckDB's generate_series is BIGINT), steps by -1 (or -1 day) when start > stop, and
    computes each date or timestamp as start + i * step (month steps never drift)."""
    step = "CASE WHEN a <= b THEN {up} ELSE -{up} END"
    overloads = [
        f"(a {t}, b {t}) AS CAST(generate_series(a, b, {step.format(up=1)}) AS {t}[]), "
        f"(a {t}, b {t}, s {t}) AS CAST(generate_series(a, b, s) AS {t}[])"
        for t in ("TINYINT", "SMALLINT", "INTEGER")
    ]
    for t in ("DATE", "TIMESTAMPTZ"):
        # The stepwise series counts the elements (plus one: month ends make it drift by days).
        length = "len(generate_series(CAST(a AS TIMESTAMPTZ), CAST(b AS TIMESTAMPTZ), {s})) + 1"
        body = (
            f"list_filter(list_transform(range(0, {length}), "
            f"lambda i: CAST(a + i * {{s}} AS {t})), "
            "lambda d: CASE WHEN a <= b THEN d <= b ELSE d >= b END)"
        )
        day = step.format(up="INTERVAL 1 DAY")
        overloads.append(f"(a {t}, b {t}) AS {body.format(s=day)}")
        overloads.append(f"(a {t}, b {t}, s INTERVAL) AS {body.format(s='s')}")
    overloads.append(f"(a, b) AS generate_series(a, b, {step.format(up=1)})")
    overloads.append("(a, b, s) AS generate_series(a, b, s)")
    return "CREATE OR REPLACE MACRO main.spark_sequence" + ", ".join(overloads)


# array_insert(a, pos, v), Spark 3.4+: pos counts from 1, or from the end with -1 the place after
# the last element; a place beyond either end is reached through NULLs; 0 is an error.
_ARRAY_INSERT = (
    "CREATE OR REPLACE MACRO main.spark_array_insert(a, p, v) AS CASE "
    "WHEN a IS NULL OR p IS NULL THEN NULL WHEN p = 0 THEN error('[INVALID_INDEX_OF_ZERO] The "
    "index 0 is invalid. An index shall be either < 0 or > 0 (the first element has index 1). "
    "SQLSTATE: 22003') "
    "WHEN p > 0 AND p <= len(a) + 1 THEN list_concat(a[1:p - 1], [v], a[p:]) "
    "WHEN p > 0 THEN list_concat(a, list_transform(range(p - 1 - len(a)), lambda i: NULL), [v]) "
    "WHEN -p <= len(a) + 1 THEN list_concat(a[1:len(a) + p + 1], [v], a[len(a) + p + 2:]) "
    "ELSE list_concat([v], list_transform(range(-p - 1 - len(a)), lambda i: NULL), a) END"
)
MACROS = (
    "CREATE OR REPLACE MACRO main.spark_reverse(x VARCHAR) AS reverse(x), (x) AS list_reverse(x)",
    _sequence_macros(),
    _ARRAY_INSERT,
)


class DuckTemplate(exp.Expression, exp.Func):
    """DuckDB SQL text (`this`, with `{0}`, `{1}`, ... slots) around Spark subtrees
    (`expressions`): rewrites emit it so that their DuckDB is not read again as Spark."""

    arg_types: ClassVar = {"this": True, "expressions": False}
    is_var_len_args = True


def template(text: str, **parts: exp.Expr) -> DuckTemplate:
    """A DuckTemplate from text whose `{name}` slots are filled by the named subtrees."""
    names = list(parts)
    positional = text.format(**{name: f"{{{index}}}" for index, name in enumerate(names)})
    return DuckTemplate(
        this=exp.Literal.string(positional), expressions=[parts[n].copy() for n in names]
    )


def _template_sql(gen: DuckDBGenerator, node: DuckTemplate) -> str:
    return str(node.this.this).format(*(gen.sql(e) for e in node.expressions))


def distinct_sql(values: str) -> str:
    """The distinct elements of a DuckDB list in first-occurrence order (one NULL kept)."""
    x, i = fresh("x"), fresh("i")
    return f"list_filter({values}, lambda {x}, {i}: list_position({values}, {x}) = {i})"


def _null_if_any(arguments: list[str], body: str) -> str:
    test = " OR ".join(f"({a}) IS NULL" for a in arguments)
    return f"CASE WHEN {test} THEN NULL ELSE {body} END"


def _size(gen: DuckDBGenerator, node: exp.ArraySize) -> str:
    value = gen.sql(node, "this")
    return f"CASE WHEN ({value}) IS NULL THEN -1 ELSE CAST(cardinality({value}) AS INTEGER) END"


def _distinct(gen: DuckDBGenerator, node: exp.ArrayDistinct) -> str:
    return distinct_sql(gen.sql(node, "this"))


def _except(gen: DuckDBGenerator, node: exp.ArrayExcept) -> str:
    a, b = gen.sql(node, "this"), gen.sql(node, "expression")
    x = fresh("x")
    missing = f"list_position({b}, {x}) IS NULL"  # list_position finds a NULL too
    return _null_if_any([a, b], f"list_filter({distinct_sql(a)}, lambda {x}: {missing})")


def _intersect(gen: DuckDBGenerator, node: exp.ArrayIntersect) -> str:
    arguments = [gen.sql(e) for e in node.expressions]
    if len(arguments) != 2:
        return gen.function_fallback_sql(node)
    a, b = arguments
    x = fresh("x")
    body = f"list_filter({distinct_sql(a)}, lambda {x}: list_position({b}, {x}) IS NOT NULL)"
    return _null_if_any([a, b], body)


def _position(gen: DuckDBGenerator, node: exp.ArrayPosition) -> str:
    a, x = gen.sql(node, "this"), gen.sql(node, "expression")
    return f"CAST({_null_if_any([a, x], f'coalesce(list_position({a}, {x}), 0)')} AS BIGINT)"


def _arrays_zip(gen: DuckDBGenerator, node: exp.ArraysZip) -> str:
    inputs = list(node.expressions)
    arguments = [gen.sql(e) for e in inputs]
    if not arguments:
        return "[]"
    i = fresh("i")
    # Spark names a field after a column argument, else after the argument's position.
    names = [e.name if isinstance(e, exp.Column) else str(n) for n, e in enumerate(inputs)]
    fields = ", ".join(
        f"'{name.replace(chr(39), chr(39) * 2)}': ({a})[{i} + 1]"
        for name, a in zip(names, arguments, strict=True)
    )
    longest = f"greatest({', '.join(f'len({a})' for a in arguments)})"
    return _null_if_any(arguments, f"list_transform(range({longest}), lambda {i}: {{{fields}}})")


def _sequence(gen: DuckDBGenerator, node: exp.GenerateSeries) -> str:
    parts = [p for p in (node.args.get(k) for k in ("start", "end", "step")) if p is not None]
    if not any(p.find(exp.AggFunc, exp.Window) for p in parts):
        return f"spark_sequence({', '.join(gen.sql(p) for p in parts)})"
    # DuckDB cannot pick a typed macro overload for an aggregate or window argument (it
    # expands the macro before typing those); bound to a lambda variable first, it can.
    b = fresh("b")
    names = [f"s{n}" for n in range(len(parts))]
    bound = ", ".join(f"'{name}': {gen.sql(p)}" for name, p in zip(names, parts, strict=True))
    call = f"spark_sequence({', '.join(f'{b}.{name}' for name in names)})"
    return bind(f"{{{bound}}}", b, call)


def _str_to_map(gen: DuckDBGenerator, node: exp.StrToMap) -> str:
    text = gen.sql(node, "this")
    pairs = gen.sql(node, "pair_delim") or "','"
    kv = gen.sql(node, "key_value_delim") or "':'"
    e = fresh("e")
    # Spark splits the pairs on a regex, then each pair at its first key-value delimiter.
    matched = f"regexp_matches({e}, {kv})"
    first = f"regexp_extract({e}, '(?s)^(.*?)(?:' || {kv} || ')', 1)"
    key = f"CASE WHEN {matched} THEN {first} ELSE {e} END"
    value = (
        f"CASE WHEN {matched} THEN regexp_extract({e}, '(?s)^.*?(?:' || {kv} || ')(.*)$', 1) END"
    )
    entry = f"{{'key': {key}, 'value': {value}}}"
    split = f"regexp_split_to_array({text}, {pairs})"
    return f"map_from_entries(list_transform({split}, lambda {e}: {entry}))"


def _from_json(gen: DuckDBGenerator, node: exp.FromJson) -> str:
    text = gen.sql(node, "this")
    schema = node.args.get("expression")
    structure = _json_structure(schema.name) if isinstance(schema, exp.Literal) else None
    if structure is None:
        return gen.function_fallback_sql(node)
    quoted = structure.replace("'", "''")
    # Spark reads text that is not JSON as a struct of NULLs (PERMISSIVE mode).
    fallback = f"json_transform('{{}}', '{quoted}')" if structure.startswith("{") else "NULL"
    parsed = f"json_transform({text}, '{quoted}')"
    valid = f"WHEN json_valid({text}) THEN {parsed}"
    return f"CASE WHEN ({text}) IS NULL THEN NULL {valid} ELSE {fallback} END"


def _json_structure(schema: str) -> str | None:
    """DuckDB's json_transform structure for a Spark DDL schema (`a INT, b ARRAY<STRING>`)."""
    try:
        text = schema.strip()
        if text.lower().startswith("struct<") or "<" in text.split(" ", 1)[0]:
            kind = exp.DataType.build(text, dialect="spark")
        else:
            create = SPARK.parse(f"CREATE TABLE t ({text})")[0]
            if create is None or not isinstance(create.this, exp.Schema):
                return None
            columns = create.this.expressions
            kind = exp.DataType(
                this=exp.DataType.Type.STRUCT,
                expressions=[exp.ColumnDef(this=c.this, kind=c.kind) for c in columns],
                nested=True,
            )
    except (SqlglotError, ValueError, AttributeError):  # not a DDL schema: left to DuckDB
        return None
    return _structure(kind)


def _structure(kind: exp.DataType) -> str:
    def walk(node: exp.DataType) -> Any:
        if node.is_type(exp.DataType.Type.STRUCT):
            return {c.name: walk(c.args["kind"]) for c in node.expressions}
        if node.is_type(exp.DataType.Type.ARRAY) and node.expressions:
            return [walk(node.expressions[0])]
        return node.sql("duckdb")

    return json.dumps(walk(kind))


def _contains(gen: DuckDBGenerator, node: exp.ArrayContains) -> str:
    # Spark: NULL when the element is not found but the array holds a NULL.
    a, x = gen.sql(node, "this"), gen.sql(node, "expression")
    body = (
        f"CASE WHEN list_contains({a}, {x}) THEN true "
        f"WHEN list_position({a}, NULL) IS NOT NULL THEN NULL ELSE false END"
    )
    return _null_if_any([a, x], body)


def _remove(gen: DuckDBGenerator, node: exp.ArrayRemove) -> str:
    # Spark keeps the NULL elements; removing NULL gives NULL.
    a, x = gen.sql(node, "this"), gen.sql(node, "expression")
    v = fresh("v")
    return _null_if_any([a, x], f"list_filter({a}, lambda {v}: {v} IS NULL OR {v} <> {x})")


def _array_insert(gen: DuckDBGenerator, node: exp.ArrayInsert) -> str:
    array, value = gen.sql(node, "this"), gen.sql(node, "expression")
    return f"main.spark_array_insert({array}, {gen.sql(node, 'position')}, {value})"


def _get(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    # get(array, i): 0-based, NULL outside the array (DuckDB counts a negative i from the end).
    # flatten([a]) is `a` for an array and an error for a string or a map, as Spark refuses.
    array, index = (gen.sql(e) for e in node.expressions)
    return f"CASE WHEN ({index}) >= 0 THEN list_extract(flatten([{array}]), ({index}) + 1) END"


def _shuffle(gen: DuckDBGenerator, node: exp.Shuffle) -> str:
    a = gen.sql(node, "this")
    x, s = fresh("x"), fresh("s")
    keyed = f"list_transform({a}, lambda {x}: {{'r': random(), 'v': {x}}})"
    return f"list_transform(list_sort({keyed}), lambda {s}: {s}.v)"


TRANSFORMS: dict[type[exp.Expr], Renderer] = {
    DuckTemplate: _template_sql,
    exp.ArraySize: _size,
    exp.ArrayDistinct: _distinct,
    exp.ArrayExcept: _except,
    exp.ArrayIntersect: _intersect,
    exp.ArrayPosition: _position,
    exp.ArraysZip: _arrays_zip,
    exp.GenerateSeries: _sequence,
    exp.Reverse: lambda gen, node: f"spark_reverse({gen.sql(node, 'this')})",
    exp.StrToMap: _str_to_map,
    exp.FromJson: _from_json,
    exp.Shuffle: _shuffle,
    exp.ArrayContains: _contains,
    exp.ArrayRemove: _remove,
    exp.ArrayInsert: _array_insert,
}


def _union(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    a, b = (gen.sql(e) for e in node.expressions)
    return _null_if_any([a, b], distinct_sql(f"list_concat({a}, {b})"))


def _repeat(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    value, times = (gen.sql(e) for e in node.expressions)
    return _null_if_any([times], f"repeat([{value}], greatest({times}, 0))")


def _cardinality(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    return _size(gen, exp.ArraySize(this=node.expressions[0]))


def _overlap(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    # Spark: true on a common non-NULL element, else NULL if both are non-empty and one holds
    # a NULL, else false.
    a, b = (gen.sql(e) for e in node.expressions)
    v = fresh("v")
    common = f"len(list_filter({a}, lambda {v}: {v} IS NOT NULL AND list_contains({b}, {v}))) > 0"
    nulls = f"list_position({a}, NULL) IS NOT NULL OR list_position({b}, NULL) IS NOT NULL"
    body = (
        f"CASE WHEN {common} THEN true WHEN len({a}) > 0 AND len({b}) > 0 AND ({nulls}) "
        "THEN NULL ELSE false END"
    )
    return _null_if_any([a, b], body)


ANONYMOUS: dict[tuple[str, int], Renderer] = {
    ("arrays_overlap", 2): _overlap,
    ("array_union", 2): _union,
    ("array_repeat", 2): _repeat,
    ("cardinality", 1): _cardinality,
    ("get", 2): _get,
    # array_size(NULL) is NULL (see `mark_array_size`).
    ("array_size", 1): lambda gen, node: (
        f"CAST(cardinality({gen.sql(node.expressions[0])}) AS INTEGER)"
    ),
}


def mark_array_size(tree: exp.Expr, source: str | None) -> None:
    """`array_size(NULL)` is NULL where `size(NULL)` is -1; sqlglot reads both as ArraySize, so
    the query's spelling tells them apart (its names are given already)."""
    for node in list(tree.find_all(exp.ArraySize)):
        if (as_written(node, source) or "").lower() == "array_size":
            node.replace(exp.Anonymous(this="array_size", expressions=[node.this]))
