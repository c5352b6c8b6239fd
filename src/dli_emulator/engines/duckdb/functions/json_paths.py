"""get_json_object with an array wildcard in its path, as Spark's GetJsonObject answers it.

DuckDB's `->>` answers a path with `[*]` as a list; Spark answers one JSON text:
- the matches of the elements, in order, as a JSON array text (`[1,2]`); a single match alone,
  as JSON (a string stays quoted: `"x"`); no match, NULL. An element matches when the rest of
  the path finds a value in it (a key holding JSON null is no match; an element that is null
  itself is one);
- below a wildcard, or right after an index (`$.a[0][*]`), a further wildcard always writes an
  array of its matches (`$.a[*].b[*]` is `[[1,2],[3]]`);
- two wildcards in a row (`$.a[*][*]`) flatten their matches into one array (`[1,2,3]`).
Without a wildcard, a JSON null found by an index (`$[0]`, or `$` itself) is the text `null`;
found by a key it is NULL. A field wildcard (`.*`) is left to DuckDB. A path that does not
start with `$` matches nothing (Spark's path parser refuses it): the dialect keeps it a literal
(`WRITTEN_PATH` holds the text as written, for the column's name). Exported: `wildcard_sql`,
`null_by_index_sql`, `WRITTEN_PATH`.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from .binding import bind, fresh

Steps = list[exp.Expr]
Render = Callable[[exp.Expr], str]

WRITTEN_PATH = "written_path"  # the meta key of a JSONPath's text as the query wrote it


def _is_wildcard(step: exp.Expr) -> bool:
    return isinstance(step, exp.JSONPathSubscript) and isinstance(step.this, exp.JSONPathWildcard)


def wildcard_sql(document: str, path: exp.JSONPath, render: Render) -> str | None:
    """DuckDB SQL (VARCHAR) for get_json_object(document, path) when the path has an array
    wildcard; None when it has none, or a step this does not handle."""
    steps = [s for s in path.expressions if not isinstance(s, exp.JSONPathRoot)]
    if not any(_is_wildcard(s) for s in steps):
        return None
    if not all(isinstance(s, exp.JSONPathKey | exp.JSONPathSubscript) for s in steps):
        return None
    if any(
        isinstance(s.this, exp.JSONPathWildcard) for s in steps if isinstance(s, exp.JSONPathKey)
    ):
        return None
    return _Paths(render).top(document, steps)


def null_by_index_sql(document: str, path: exp.JSONPath, render: Render, found: str) -> str:
    """`found` (get_json_object of a path without wildcard), or `null` where the path ends at
    an index (or is `$`) that holds JSON null: Spark copies that null as text."""
    steps = [s for s in path.expressions if not isinstance(s, exp.JSONPathRoot)]
    if steps and isinstance(steps[-1], exp.JSONPathKey):
        return found
    return f"CASE WHEN json_type({document}, {render(path)}) = 'NULL' THEN 'null' ELSE {found} END"


class _Paths:
    def __init__(self, render: Render) -> None:
        self.render = render

    def _path(self, steps: Steps) -> str:
        return self.render(
            exp.JSONPath(expressions=[exp.JSONPathRoot(), *(s.copy() for s in steps)])
        )

    def _elements(self, value: str, steps: Steps) -> str:
        """The elements (JSON) of the array at `steps` in `value`; NULL when it is no array."""
        array = f"json_extract({value}, {self._path(steps)})"
        return f"CASE WHEN json_type({array}) = 'ARRAY' THEN json_extract({array}, '$[*]') END"

    def _leaf(self, value: str, steps: Steps) -> str:
        """The JSON text at wildcard-free `steps` in `value`, NULL when nothing matches."""
        found = f"CAST(json_extract({value}, {self._path(steps)}) AS VARCHAR)"
        if steps and isinstance(steps[-1], exp.JSONPathKey):  # a key holding null: no match
            return f"nullif({found}, 'null')"
        return found

    def _matches(self, value: str, prefix: Steps, rest: Steps) -> str:
        """The non-NULL match texts of `rest` (quoted style) in each element at `prefix`."""
        variable = fresh("jp")
        each = self.quoted(variable, rest)
        mapped = f"list_transform({self._elements(value, prefix)}, lambda {variable}: {each})"
        kept = fresh("jp")
        return f"list_filter({mapped}, lambda {kept}: {kept} IS NOT NULL)"

    def top(self, value: str, steps: Steps) -> str:
        index = next(i for i, s in enumerate(steps) if _is_wildcard(s))
        prefix, rest = steps[:index], steps[index + 1 :]
        after_index = bool(prefix) and not isinstance(prefix[-1], exp.JSONPathKey)
        if after_index or (rest and _is_wildcard(rest[0])):
            return self.quoted(value, steps)
        matches = self._matches(value, prefix, rest)
        return _bound(
            matches,
            lambda m: (
                f"CASE len({m}) WHEN 0 THEN NULL WHEN 1 THEN {m}[1] "
                f"ELSE '[' || array_to_string({m}, ',') || ']' END"
            ),
        )

    def quoted(self, value: str, steps: Steps) -> str:
        """JSON text of what `steps` find in `value` below a wildcard: every further wildcard
        writes an array; NULL when nothing matches."""
        index = next((i for i, s in enumerate(steps) if _is_wildcard(s)), None)
        if index is None:
            return self._leaf(value, steps)
        prefix, rest = steps[:index], steps[index + 1 :]
        if rest and _is_wildcard(rest[0]):
            return self._flattened(value, prefix, rest[1:])
        return _bound(
            self._matches(value, prefix, rest),
            lambda m: f"CASE WHEN len({m}) > 0 THEN '[' || array_to_string({m}, ',') || ']' END",
        )

    def _flattened(self, value: str, prefix: Steps, rest: Steps) -> str:
        """`prefix[*][*]rest`: each element's match of `rest`, arrays spread into one array."""
        if any(_is_wildcard(s) for s in rest):
            return "CAST(NULL AS VARCHAR)"
        variable = fresh("jp")
        found = f"json_extract({variable}, {self._path(rest)})"
        spread = _spread(found, _SPREAD_DEPTH)
        lists = f"list_transform({self._elements(value, prefix)}, lambda {variable}: {spread})"
        return _bound(
            f"flatten({lists})",
            lambda m: f"CASE WHEN len({m}) > 0 THEN '[' || array_to_string({m}, ',') || ']' END",
        )


# Spark spreads arrays inside arrays at any depth; DuckDB's JSON paths have no recursive step,
# so the spreading is written out to this many levels (deeper arrays stay whole).
_SPREAD_DEPTH = 4


def _spread(value: str, depth: int) -> str:
    """A list of the JSON texts in `value` with its arrays spread, `depth` levels down; an
    empty list for NULL."""
    if depth == 0:
        return f"[CAST({value} AS VARCHAR)]"
    item = fresh("jp")
    each = _spread(item, depth - 1)
    inner = f"flatten(list_transform(json_extract({value}, '$[*]'), lambda {item}: {each}))"
    return (
        f"CASE WHEN {value} IS NULL THEN [] WHEN json_type({value}) = 'ARRAY' THEN {inner} "
        f"ELSE [CAST({value} AS VARCHAR)] END"
    )


def _bound(value: str, body: Callable[[str], str]) -> str:
    """`body` over a variable bound to `value` once."""
    variable = fresh("jp")
    return bind(value, variable, body(variable))
