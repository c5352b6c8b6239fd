"""Lambda variables of the generated DuckDB SQL: fresh names, and a value bound to one.

DuckDB SQL has no `let`: a subexpression written twice is computed twice (and a macro argument
used twice is expanded twice), so a value that a template reads more than once is bound to a
lambda variable instead. Nothing here imports the rest of the engine, so every module may use it.
"""

from __future__ import annotations

from itertools import count

_names = count(1)


def fresh(prefix: str = "v") -> str:
    """A lambda variable name no query spells and no other rewrite reuses."""
    return f"__{prefix}{next(_names)}"


def bind(value: str, variable: str, body: str) -> str:
    """`body` over `variable` bound to `value`, which is computed once."""
    return f"list_transform([{value}], lambda {variable}: {body})[1]"


def bound_sql(value: str, variable: str, body: str) -> str:
    """`bind`, with NULL for a NULL `value` (`body` need not handle it)."""
    return f"CASE WHEN ({value}) IS NOT NULL THEN {bind(value, variable, body)} END"
