"""Spark's higher-order functions on DuckDB lambdas.

Where Spark and DuckDB differ: transform's and filter's index argument is 0-based and an int
in Spark (1-based, bigint in DuckDB); exists and forall follow three-valued logic (NULL when no
element decides); aggregate applies its finishing lambda; array_sort takes a comparator
(sorted here by each element's rank under it, ties in input order, as Spark's stable sort);
array_sort without one puts NULLs last; zip_with pads the shorter array with NULLs; the map
functions (map_filter, transform_keys, transform_values, map_zip_with) work on the map's
entries. A Spark lambda's body is kept and its variables replaced by DuckDB expressions.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

from ....errors import semantic_error
from .binding import fresh
from .collections import Renderer, distinct_sql


def _body(function: exp.Expr, values: list[str]) -> exp.Expr:
    """The lambda's body with its variables (in order) replaced by DuckDB expressions."""
    if not isinstance(function, exp.Lambda):
        raise semantic_error(f"A lambda function is expected here, not {function.sql('spark')}")
    names = [v.name for v in function.expressions]
    replacements = dict(zip(names, values, strict=False))
    body: exp.Expr = function.this.copy()
    for node in list(body.find_all(exp.Column, exp.Identifier)):
        if isinstance(node, exp.Identifier) and isinstance(node.parent, exp.Column):
            continue  # the column around it is replaced as a whole
        if isinstance(node, exp.Column) and node.table:
            continue
        value = replacements.get(node.name)
        if value is None:
            continue
        filled: exp.Expr = exp.var(f"({value})")
        if node is body:
            return filled
        node.replace(filled)
    return body


def _arity(function: exp.Expr | None) -> int:
    return len(function.expressions) if isinstance(function, exp.Lambda) else 0


def _indexed(gen: DuckDBGenerator, node: exp.Expr, duck: str) -> str:
    """transform/filter whose lambda takes the element's index: Spark's is 0-based, an int."""
    function = node.args.get("expression")
    if _arity(function) != 2:
        return _plain(gen, node, duck)
    assert isinstance(function, exp.Lambda)
    x, i = fresh("x"), fresh("i")
    body = gen.sql(_body(function, [x, f"CAST({i} - 1 AS INTEGER)"]))
    return f"{duck}({gen.sql(node, 'this')}, lambda {x}, {i}: {body})"


def _plain(gen: DuckDBGenerator, node: exp.Expr, duck: str) -> str:
    function = node.args.get("expression")
    x = fresh("x")
    body = gen.sql(_body(function, [x])) if isinstance(function, exp.Lambda) else "NULL"
    return f"{duck}({gen.sql(node, 'this')}, lambda {x}: {body})"


def _exists(gen: DuckDBGenerator, node: exp.Exists) -> str:
    function = node.args.get("expression")
    if not isinstance(function, exp.Lambda):
        return gen.exists_sql(node)
    return _any_or_all(gen.sql(node, "this"), function, gen, "OR", "false")


def _any_or_all(
    array: str, function: exp.Lambda, gen: DuckDBGenerator, operator: str, empty: str
) -> str:
    # SQL's OR/AND are three-valued as Spark's exists/forall are: NULL unless an element decides.
    x, a, b = fresh("x"), fresh("a"), fresh("b")
    tests = f"list_transform({array}, lambda {x}: {gen.sql(_body(function, [x]))})"
    return f"list_reduce({tests}, lambda {a}, {b}: {a} {operator} {b}, {empty})"


def _forall(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    array, function = node.expressions
    if not isinstance(function, exp.Lambda):
        return gen.function_fallback_sql(node)
    return _any_or_all(gen.sql(array), function, gen, "AND", "true")


def _reduce(gen: DuckDBGenerator, node: exp.Reduce) -> str:
    merge, finish = node.args.get("merge"), node.args.get("finish")
    acc, x = fresh("acc"), fresh("x")
    body = gen.sql(_body(merge, [acc, x])) if isinstance(merge, exp.Lambda) else "NULL"
    array, initial = gen.sql(node, "this"), gen.sql(node, "initial")
    reduced = f"list_reduce({array}, lambda {acc}, {x}: {body}, {initial})"
    if isinstance(finish, exp.Lambda):
        return gen.sql(_body(finish, [reduced]))
    return reduced


def _sort(gen: DuckDBGenerator, node: exp.ArraySort) -> str:
    comparator = node.args.get("expression")
    array = gen.sql(node, "this")
    if not isinstance(comparator, exp.Lambda):
        # array_sort: ascending, NULLs last; sort_array(a[, asc]): NULLs first when ascending.
        asc, nulls_first = node.args.get("asc"), node.args.get("nulls_first")
        if asc is not None and not isinstance(asc, exp.Boolean):
            return DuckDBGenerator.TRANSFORMS[exp.ArraySort](gen, node)
        direction = "DESC" if isinstance(asc, exp.Boolean) and not asc.this else "ASC"
        first = isinstance(nulls_first, exp.Boolean) and nulls_first.this
        return f"list_sort({array}, '{direction}', 'NULLS {'FIRST' if first else 'LAST'}')"
    i, j, p = fresh("i"), fresh("j"), fresh("p")

    def compare(left: str, right: str) -> str:
        return gen.sql(_body(comparator, [f"({array})[{left} + 1]", f"({array})[{right} + 1]"]))

    before = f"({compare(j, i)}) < 0 OR (({compare(j, i)}) = 0 AND {j} < {i})"
    rank = f"len(list_filter(range(len({array})), lambda {j}: {before}))"
    ranked = f"list_sort(list_transform(range(len({array})), lambda {i}: [{rank}, {i}]))"
    sorted_ = f"list_transform({ranked}, lambda {p}: ({array})[{p}[2] + 1])"
    return f"CASE WHEN ({array}) IS NULL THEN NULL ELSE {sorted_} END"


def _zip_with(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    a, b, function = _two_and_function(gen, node)
    i = fresh("i")
    body = gen.sql(_body(function, [f"({a})[{i} + 1]", f"({b})[{i} + 1]"]))
    zipped = f"list_transform(range(greatest(len({a}), len({b}))), lambda {i}: {body})"
    return _null_if_either(a, b, zipped)


def _map_filter(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    mapping, function = node.expressions
    e = fresh("e")
    test = gen.sql(_body(function, [f"{e}.key", f"{e}.value"]))
    return f"map_from_entries(list_filter(map_entries({gen.sql(mapping)}), lambda {e}: {test}))"


def _transform_entries(gen: DuckDBGenerator, node: exp.Anonymous, keys: bool) -> str:
    mapping, function = node.expressions
    e = fresh("e")
    result = gen.sql(_body(function, [f"{e}.key", f"{e}.value"]))
    entry = f"{{'key': {result}, 'value': {e}.value}}"
    if not keys:
        entry = f"{{'key': {e}.key, 'value': {result}}}"
    return f"map_from_entries(list_transform(map_entries({gen.sql(mapping)}), lambda {e}: {entry}))"


def _map_zip_with(gen: DuckDBGenerator, node: exp.Anonymous) -> str:
    a, b, function = _two_and_function(gen, node)
    k = fresh("k")
    keys = distinct_sql(f"list_concat(map_keys({a}), map_keys({b}))")
    value = gen.sql(
        _body(function, [k, f"map_extract_value({a}, {k})", f"map_extract_value({b}, {k})"])
    )
    entries = f"list_transform({keys}, lambda {k}: {{'key': {k}, 'value': {value}}})"
    return _null_if_either(a, b, f"map_from_entries({entries})")


def _two_and_function(gen: DuckDBGenerator, node: exp.Anonymous) -> tuple[str, str, exp.Expr]:
    """The SQL of zip_with's or map_zip_with's two arguments, and their function."""
    left, right, function = node.expressions
    return gen.sql(left), gen.sql(right), function


def _null_if_either(a: str, b: str, sql: str) -> str:
    """`sql`, or NULL when either argument is NULL (as Spark's zip_with and map_zip_with)."""
    return f"CASE WHEN ({a}) IS NULL OR ({b}) IS NULL THEN NULL ELSE {sql} END"


TRANSFORMS: dict[type[exp.Expr], Renderer] = {
    exp.Transform: lambda gen, node: _indexed(gen, node, "list_transform"),
    exp.ArrayFilter: lambda gen, node: _indexed(gen, node, "list_filter"),
    exp.Exists: _exists,
    exp.Reduce: _reduce,
    exp.ArraySort: _sort,
}

ANONYMOUS: dict[tuple[str, int], Renderer] = {
    ("forall", 2): _forall,
    ("zip_with", 3): _zip_with,
    ("map_filter", 2): _map_filter,
    ("transform_keys", 2): lambda gen, node: _transform_entries(gen, node, keys=True),
    ("transform_values", 2): lambda gen, node: _transform_entries(gen, node, keys=False),
    ("map_zip_with", 3): _map_zip_with,
}
