"""Spark's generators (explode, posexplode, inline, stack, json_tuple and their _outer forms) as
DuckDB UNNEST projections, in a SELECT list, as a LATERAL VIEW and as a table in FROM.

A Spark generator adds rows and names its own columns: `col` for an array's elements,
`key`/`value` for a map's entries, `pos` for posexplode's int position, the struct's fields for
inline, `col0, col1, ...` for stack and `c0, c1, ...` for json_tuple. Each becomes one UNNEST per
output column in the same SELECT list (DuckDB zips those row by row). What a generator makes
of its argument depends on its type (an array or a map, which struct fields): the `probing`
connection types the argument in the query's own FROM clause. (A context variable carries it,
so that every statement translated while a job runs, queries, INSERT ... SELECT and CREATE
TABLE ... AS SELECT alike, is typed against that job's database.) The _outer forms, and
LATERAL VIEW OUTER, give one row of NULLs for an empty or NULL argument.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import duckdb
from sqlglot import exp
from sqlglot.errors import SqlglotError

from ..sqltypes import DuckType
from .collections import template

# DuckDB SQL of a query -> the DuckDB types of its result columns.
TypeProbe = Callable[[str], list[Any]]
Render = Callable[[exp.Expr], str]
_probe: ContextVar[TypeProbe | None] = ContextVar("generator_type_probe", default=None)


@contextmanager
def probing(cursor: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Type generator arguments with `cursor` while statements are translated in this block."""
    token = _probe.set(lambda query: list(cursor.sql(query).types))
    try:
        yield
    finally:
        _probe.reset(token)


_NAMED = {"inline_outer", "json_tuple", "explode_outer", "posexplode_outer", "inline", "stack"}


def _generator(node: exp.Expr) -> str | None:
    """The Spark generator a node calls (`explode`, `posexplode_outer`, ...), or None."""
    if isinstance(node, exp.Anonymous) and node.name.lower() in _NAMED:
        return node.name.lower()
    for kind, name in (
        (exp.PosexplodeOuter, "posexplode_outer"),
        (exp.Posexplode, "posexplode"),
        (exp.ExplodeOuter, "explode_outer"),
        (exp.Explode, "explode"),
        (exp.Inline, "inline"),
        (exp.Stack, "stack"),
    ):
        if isinstance(node, kind):
            return name
    return None


def _arguments(node: exp.Expr) -> list[exp.Expr]:
    this = node.args.get("this")
    rest = list(node.args.get("expressions") or [])
    if isinstance(node, exp.Anonymous):
        return rest
    return ([this] if isinstance(this, exp.Expr) else []) + rest


def expand_generators(tree: exp.Expr, render: Render) -> None:
    """Rewrite every generator of `tree` (projections, LATERAL VIEWs, FROM tables) in place."""
    probe = _probe.get()
    for select in list(tree.find_all(exp.Select)):
        _expand_laterals(select, probe, render)
        _expand_projections(select, probe, render)
    for table in list(tree.find_all(exp.Table)):
        name = _generator(table.this)
        if name is not None:
            _expand_table(table, name, probe, render)


def _expand_projections(select: exp.Select, probe: TypeProbe | None, render: Render) -> None:
    projections: list[exp.Expr] = []
    changed = False
    for projection in select.expressions:
        call = projection.this if isinstance(projection, exp.Alias | exp.Aliases) else projection
        name = _generator(call)
        if name is None:
            projections.append(projection)
            continue
        aliases: list[str] = []
        if isinstance(projection, exp.Alias):
            aliases = [projection.alias]
        elif isinstance(projection, exp.Aliases):
            aliases = [e.name for e in projection.expressions]
        kind = _argument_type(select, call, name, probe, render)
        projections.extend(_projections(_columns(name, _arguments(call), kind), aliases))
        changed = True
    if changed:
        select.set("expressions", projections)


def _expand_laterals(select: exp.Select, probe: TypeProbe | None, render: Render) -> None:
    laterals = select.args.get("laterals") or []
    for lateral in list(laterals):
        name = _generator(lateral.this)
        if not lateral.args.get("view") or name is None:
            continue
        if lateral.args.get("outer") and not name.endswith("_outer"):
            name = f"{name}_outer" if name != "json_tuple" else name
        kind = _argument_type(select, lateral.this, name, probe, render, lateral)
        columns = _columns(name, _arguments(lateral.this), kind)
        alias = lateral.args.get("alias")
        given = [c.name for c in alias.columns] if alias is not None else []
        view = alias.this.name if alias is not None and alias.this else "__lateral"
        subquery = exp.Lateral(
            this=exp.Subquery(this=exp.select(*_projections(columns, given))),
            alias=exp.TableAlias(this=exp.to_identifier(view)),
        )
        joins = list(select.args.get("joins") or [])
        joins.append(exp.Join(this=subquery, kind="CROSS"))
        laterals.remove(lateral)
        select.set("joins", joins)
    select.set("laterals", laterals or None)


def _expand_table(table: exp.Table, name: str, probe: TypeProbe | None, render: Render) -> None:
    arguments = _arguments(table.this)
    query = None
    if arguments and _needs_type(name):
        query = exp.select(arguments[0].copy())
        query.set("with_", _ctes_in_scope(table))
    columns = _columns(name, arguments, _probe_type(query, probe, render))
    alias = table.args.get("alias")
    given = [c.name for c in alias.columns] if alias is not None else []
    view = alias.this.name if alias is not None and alias.this else "__generator"
    select = exp.select(*_projections(columns, given))
    table.replace(exp.Subquery(this=select, alias=exp.TableAlias(this=exp.to_identifier(view))))


def _projections(columns: list[tuple[exp.Expr, str]], given: list[str]) -> list[exp.Expr]:
    """The generator's columns named as the query names them all, else with Spark's names."""
    names = given if len(given) == len(columns) else [n for _, n in columns]
    return [exp.alias_(c, n, quoted=True) for (c, _), n in zip(columns, names, strict=True)]


def _needs_type(name: str) -> bool:
    return name not in ("stack", "json_tuple")


def _argument_type(
    select: exp.Select,
    call: exp.Expr,
    name: str,
    probe: TypeProbe | None,
    render: Render,
    lateral: exp.Lateral | None = None,
) -> DuckType | None:
    """The DuckDB type of the generator's argument where the query evaluates it."""
    arguments = _arguments(call)
    if not _needs_type(name) or not arguments or probe is None:
        return None
    query = select.copy()
    for key in ("order", "limit", "offset", "distinct", "qualify", "windows"):
        query.set(key, None)
    if lateral is not None:  # only the views before this one are in scope
        index = select.args["laterals"].index(lateral)
        query.set("laterals", [v.copy() for v in select.args["laterals"][:index]] or None)
        query.set("group", None)
        query.set("having", None)
    query.set("expressions", [arguments[0].copy()])
    query.set("with_", _ctes_in_scope(select))
    return _probe_type(query, probe, render)


def _ctes_in_scope(select: exp.Expr) -> exp.With | None:
    """The CTEs `select` may read (of its own WITH and its ancestors'), as one WITH clause: in
    a CTE's body only the CTEs defined before that one (never itself: no endless probing)."""
    ctes: list[exp.Expr] = []
    path: list[exp.Expr] = []  # from `select` up to the node below `node`
    node: exp.Expr | None = select
    while node is not None:
        with_ = node.args.get("with_")
        if isinstance(with_, exp.With):
            visible = list(with_.expressions)
            if len(path) >= 2 and path[-1] is with_:  # inside the CTE path[-2]
                visible = visible[: next(i for i, c in enumerate(visible) if c is path[-2])]
            ctes = [c.copy() for c in visible] + ctes
        path.append(node)
        node = node.parent
    return exp.With(expressions=ctes) if ctes else None


def _probe_type(
    query: exp.Select | None, probe: TypeProbe | None, render: Render
) -> DuckType | None:
    if query is None or probe is None:
        return None
    try:
        types = probe(render(query))
    except (duckdb.Error, SqlglotError):  # no type known: the argument is read as an array
        return None
    return types[0] if types else None


def _unnest(list_sql: str, **parts: exp.Expr) -> exp.Expr:
    return exp.Anonymous(this="UNNEST", expressions=[template(list_sql, **parts)])


def _columns(
    name: str, arguments: list[exp.Expr], kind: DuckType | None
) -> list[tuple[exp.Expr, str]]:
    """DuckDB projections of a generator, each with Spark's name for its column."""
    outer = name.endswith("_outer")
    base = name.removesuffix("_outer")
    if base == "stack":
        return _stack(arguments)
    if base == "json_tuple":
        return _json_tuple(arguments)
    a = arguments[0]
    kind_id = getattr(kind, "id", None)
    if kind_id == "map":
        keys = _entries("map_keys({a})", outer, a)
        values = _entries("map_values({a})", outer, a)
        columns = [(_unnest(keys, a=a), "key"), (_unnest(values, a=a), "value")]
    elif base == "inline":
        columns = _inline(a, kind, outer)
    else:
        columns = [(_unnest(_entries("{a}", outer, a), a=a), "col")]
    if base == "posexplode":
        positions = _entries("CAST(range(len({a})) AS INTEGER[])", outer, a)
        if kind_id == "map":
            positions = _entries(
                "CAST(range(CAST(cardinality({a}) AS BIGINT)) AS INTEGER[])", outer, a
            )
        columns.insert(0, (_unnest(positions, a=a), "pos"))
    return columns


def _entries(list_sql: str, outer: bool, a: exp.Expr) -> str:
    if not outer:
        return list_sql
    return f"CASE WHEN coalesce(cardinality({{a}}), 0) = 0 THEN [NULL] ELSE {list_sql} END"


def _inline(a: exp.Expr, kind: DuckType | None, outer: bool) -> list[tuple[exp.Expr, str]]:
    fields = []
    if kind is not None and kind.id in ("list", "array"):
        element = dict(kind.children).get("child")
        if element is not None and element.id == "struct":
            fields = [field for field, _ in element.children]
    if not fields:  # type unknown: DuckDB expands the struct itself
        recursive = exp.Kwarg(this=exp.var("recursive"), expression=exp.true())
        values = template(_entries("{a}", outer, a), a=a)
        return [(exp.Anonymous(this="UNNEST", expressions=[values, recursive]), "col1")]
    columns = []
    for field in fields:
        quoted = "'" + field.replace("'", "''").replace("{", "{{").replace("}", "}}") + "'"
        element = f"list_transform({{a}}, lambda __inline: struct_extract(__inline, {quoted}))"
        columns.append((_unnest(_entries(element, outer, a), a=a), field))
    return columns


def _stack(arguments: list[exp.Expr]) -> list[tuple[exp.Expr, str]]:
    count = arguments[0]
    rows = int(count.this) if isinstance(count, exp.Literal) and count.is_int else 1
    values = arguments[1:]
    width = max(1, -(-len(values) // rows))
    columns: list[tuple[exp.Expr, str]] = []
    for column in range(width):
        cells = [
            values[row * width + column] if row * width + column < len(values) else exp.null()
            for row in range(rows)
        ]
        columns.append(
            (
                exp.Anonymous(
                    this="UNNEST", expressions=[exp.Array(expressions=[c.copy() for c in cells])]
                ),
                f"col{column}",
            )
        )
    return columns


def _json_tuple(arguments: list[exp.Expr]) -> list[tuple[exp.Expr, str]]:
    document, fields = arguments[0], arguments[1:]
    columns: list[tuple[exp.Expr, str]] = []
    for index, field in enumerate(fields):
        path = template("'$.\"' || replace({f}, '\"', '\\\"') || '\"'", f=field)
        value = template(
            "CASE WHEN json_valid({j}) THEN json_extract_string({j}, {p}) END", j=document, p=path
        )
        columns.append((value, f"c{index}"))
    return columns
