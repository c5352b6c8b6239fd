"""A partition spec as a statement writes it (`PARTITION (day = 'd1', h = 1)`): its (column,
value) pairs, checked against the table's partition columns, as a condition on the rows, and
as Spark's errors show it. ALTER TABLE ... ADD/DROP/RENAME PARTITION and TRUNCATE TABLE ...
PARTITION read specs the same way."""

from __future__ import annotations

from sqlglot import exp

from ....errors import DliError, semantic_error
from ..sqltypes import quote_identifier, quote_literal
from .tablemeta import TableMeta

Spec = list[tuple[str, str]]


def named_spec(meta: TableMeta, qualified: str, node: exp.Expr) -> Spec:
    """The `column = value` pairs under `node`, each column as the table spells it; Spark's
    error for a column that is not a partition column of the table `qualified`."""
    columns = {c.lower(): c for c in meta.partitioned_by}
    spec = []
    for item in node.find_all(exp.EQ):
        if not isinstance(item.this, exp.Column):
            continue
        column = columns.get(item.this.name.lower())
        if column is None:
            raise semantic_error(
                f"[PARTITIONS_NOT_FOUND] The partition(s) `{item.this.name}` cannot be found in "
                f"table {qualified}."
            )
        spec.append((column, item.expression.name))
    return spec


def names(spec: Spec, partition: tuple[tuple[str, str], ...]) -> bool:
    """Whether `partition` (every partition column's value) is one of those `spec` names."""
    return {(c.lower(), v) for c, v in spec} <= {(c.lower(), v) for c, v in partition}


def spec_where(spec: Spec) -> str:
    """The DuckDB condition of the rows in the spec's partitions (partition values compare as
    text, as their folder names do)."""
    conditions = [f"CAST({quote_identifier(c)} AS VARCHAR) = {quote_literal(v)}" for c, v in spec]
    return " AND ".join(conditions) or "TRUE"


def spec_text(spec: Spec) -> str:
    return "PARTITION (" + ", ".join(f"`{c}` = {v}" for c, v in spec) + ")"


def short_name(qualified: str) -> str:
    """`spark_catalog`.`db`.`t` as Spark's partition errors name it: `db`.`t`."""
    return qualified.split(".", 1)[1]


def partitions_not_found(spec: Spec, qualified: str) -> DliError:
    return semantic_error(
        f"[PARTITIONS_NOT_FOUND] The partition(s) {spec_text(spec)} cannot be found in table "
        f"{short_name(qualified)}."
    )
