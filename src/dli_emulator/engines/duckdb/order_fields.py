"""ORDER BY a field of a projected struct by the projection's alias (`SELECT window(ts,
'1 hour') AS w ... ORDER BY w.start`): Spark resolves `w` to the projection, DuckDB looks for a
table named `w`. Such a reference becomes `struct_extract(w, 'start')`, which DuckDB resolves
to the projection. Exported: `resolve_order_fields`, called on the whole tree.
"""

from __future__ import annotations

from sqlglot import exp

from .functions.collections import template
from .sqltypes import quote_literal


def resolve_order_fields(tree: exp.Expr) -> None:
    for select in tree.find_all(exp.Select):
        order = select.args.get("order")
        if order is None:
            continue
        aliases = {p.alias.lower() for p in select.expressions if isinstance(p, exp.Alias)}
        sources = {
            (s.alias_or_name or "").lower()
            for s in select.find_all(exp.Table, exp.Subquery)
            if s.parent_select is select
        }
        for column in list(order.find_all(exp.Column)):
            table = column.table.lower()
            if not table or column.args.get("db") or table in sources or table not in aliases:
                continue
            field = template(
                f"struct_extract({{struct}}, {quote_literal(column.name)})",
                struct=exp.column(column.table),
            )
            column.replace(field)
