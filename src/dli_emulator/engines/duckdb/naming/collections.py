"""Spark's names for struct field access, struct constructors, JSON functions and array_sort
(see `projections`): the collection expressions whose pretty form is not their function call."""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from ..functions.json_paths import WRITTEN_PATH
from .functions import as_written

_V = "namedlambdavariable()"
# array_sort's default comparator as Spark spells it in the column name (NULLs last, ascending).
_DEFAULT_COMPARATOR = (
    f"lambdafunction((IF((({_V} IS NULL) AND ({_V} IS NULL)), 0, (IF(({_V} IS NULL), 1, "
    f"(IF(({_V} IS NULL), -1, (IF(({_V} < {_V}), -1, (IF(({_V} > {_V}), 1, 0)))))))))), "
    f"{_V}, {_V})"
)


def pretty_collection(
    node: exp.Expr, source: str | None, p: Callable[[exp.Expr | None], str]
) -> str | None:
    """Spark's name for a collection expression, None for any other node."""
    if isinstance(node, exp.Dot) and isinstance(node.expression, exp.Identifier):
        return f"{p(node.this)}.{node.expression.name}"
    if isinstance(node, exp.Struct) and (as_written(node, source) or "").lower() == "struct":
        parts = []
        for index, field in enumerate(node.expressions):
            if not isinstance(field, exp.PropertyEQ):
                parts.append(p(field))
                continue
            value = field.expression
            implicit = field.name in (f"col{index + 1}", getattr(value, "name", None))
            parts.append(p(value) if implicit else f"{p(value)} AS {field.name}")
        return f"struct({', '.join(parts)})"
    if isinstance(node, exp.Bracket) and node.args.get("safe") and len(node.expressions) == 1:
        return f"try_element_at({p(node.this)}, {p(node.expressions[0])})"
    if isinstance(node, exp.FromJson):
        return f"from_json({p(node.this)})"  # Spark leaves the schema out of the name
    if isinstance(node, exp.Anonymous) and node.name.lower() == "from_csv" and node.expressions:
        return f"from_csv({p(node.expressions[0])})"  # so does from_csv
    if isinstance(node, exp.JSONExtractScalar) and isinstance(node.expression, exp.JSONPath):
        path = node.expression.meta.get(WRITTEN_PATH)
        if path is None:
            path = node.expression.sql("spark")
            path = path[1:-1] if path.startswith("'") and path.endswith("'") else path
        return f"get_json_object({p(node.this)}, {path})"
    default_sort = isinstance(node, exp.ArraySort) and not node.expression
    if default_sort and (as_written(node, source) or "array_sort").lower() == "array_sort":
        return f"array_sort({p(node.this)}, {_DEFAULT_COMPARATOR})"
    return None
