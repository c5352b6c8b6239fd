"""CREATE TABLE and CREATE VIEW as Spark's catalog makes them, in DuckDB statements.

Spark puts the partition columns of a table after its data columns, in PARTITIONED BY order,
whatever the order written; names the columns of a CTAS table or a view after the query's
result columns (`(a + 1)`, `count(1)`, as a query shows them); keeps a view's query text as
written (SHOW CREATE TABLE prints it back). What DuckDB cannot hold is kept in `tablemeta`.
"""

from __future__ import annotations

import dataclasses

import duckdb
from sqlglot import exp
from sqlglot.tokenizer_core import TokenType

from ....errors import semantic_error
from ..analyzer import refuse_unnamed_view_columns
from ..functions.datetime import mark_dates
from ..naming.projections import alias_projections, spark_names
from ..sqltypes import quote_identifier, quote_literal
from ..statements import SPARK
from ..translate import column_comment_statements, to_duckdb
from ..typerules.inference import ColumnTypes
from . import tablemeta
from .tablemeta import TableMeta, comment_statement

_SPARK_CATALOG = "spark_catalog"


def partition_names(create: exp.Create) -> list[str]:
    properties = create.args.get("properties")
    names: list[str] = []
    for prop in properties.expressions if properties is not None else []:
        if isinstance(prop, exp.PartitionedByProperty) and isinstance(prop.this, exp.Schema):
            names.extend(c.name for c in prop.this.expressions if c.name)
    return names


def table_meta(create: exp.Create) -> TableMeta:
    """What Spark's catalog records of a CREATE TABLE that DuckDB's does not."""
    provider, comment = "parquet", None
    props = create.args.get("properties")
    written = props.expressions if props is not None else []
    for prop in written:
        if isinstance(prop, exp.FileFormatProperty) and prop.this is not None:
            provider = prop.name.lower() or provider
        elif isinstance(prop, exp.SchemaCommentProperty):
            comment = prop.this.name
    # Spark 4 drops a `comment` property here (the COMMENT clause sets the comment)
    properties = [(k, v) for k, v in tablemeta.written_properties(written) if k != "comment"]
    return TableMeta(
        partitioned_by=tuple(partition_names(create)),
        provider=provider,
        comment=comment,
        properties=tuple(properties),
    )


def create_table_statements(
    create: exp.Create,
    text: str | None = None,
    currentdb: str = "default",
    columns: ColumnTypes | None = None,
) -> list[str]:
    tree = create.copy()
    mark_dates(tree, columns)
    partitions = partition_names(tree)
    schema = tree.this if isinstance(tree.this, exp.Schema) else None
    target = schema.this if schema is not None else tree.this
    qualified = f"`spark_catalog`.`{target.db or currentdb}`.`{target.name}`"
    if schema is not None and schema.expressions:
        written = [c.name for c in schema.expressions if isinstance(c, exp.ColumnDef)]
        _check_columns([*written, *_typed_partitions(tree)], partitions, qualified)
    elif isinstance(tree.expression, exp.Query):
        names = output_names(tree.expression)
        if names is not None:
            _check_columns(names, partitions, qualified)
    if schema is not None:
        schema.set("expressions", _partitions_last(schema.expressions, tree, partitions))
        # Spark's file-based tables hold NULL in every column, NOT NULL or not.
        for constraint in list(schema.find_all(exp.NotNullColumnConstraint)):
            if isinstance(constraint.parent, exp.ColumnConstraint):
                constraint.parent.pop()
    query = tree.expression
    if isinstance(query, exp.Query):
        alias_projections(query, text)
        if partitions:
            tree.set("expression", _partitions_last_query(query, partitions))
    table = schema.this if schema is not None else tree.this
    comments = column_comment_statements(table, schema.expressions if schema is not None else [])
    statements = [to_duckdb(tree, columns=columns), *comments]
    meta = table_meta(create)
    tablemeta.refuse_reserved(key for key, _ in meta.properties)
    if meta != TableMeta():
        statements.append(comment_statement("TABLE", to_duckdb(table), meta))
    return statements


def output_names(query: exp.Query) -> list[str] | None:
    """The column names a query gives, as Spark names them; None when a `*` hides them."""
    select: exp.Expr = query
    while isinstance(select, exp.SetOperation | exp.Subquery):
        select = select.this
    if not isinstance(select, exp.Select):
        return None
    names: list[str] = []
    for projection, spark in zip(select.expressions, spark_names(select) or [], strict=False):
        if isinstance(projection, exp.Star) or isinstance(projection.this, exp.Star):
            return None
        name = spark if spark is not None else projection.alias_or_name
        if not name:
            return None
        names.append(name)
    return names


def _typed_partitions(create: exp.Create) -> list[str]:
    """Partition columns declared with their type in PARTITIONED BY (`day STRING`)."""
    properties = create.args.get("properties")
    return [
        column.name
        for prop in (properties.expressions if properties is not None else [])
        if isinstance(prop, exp.PartitionedByProperty) and isinstance(prop.this, exp.Schema)
        for column in prop.this.expressions
        if isinstance(column, exp.ColumnDef)
    ]


def _check_columns(columns: list[str], partitions: list[str], qualified: str) -> None:
    """Spark's checks of a new table's columns: no name twice (case-insensitively), every
    partition column among them, and at least one column that is not a partition column."""
    seen: set[str] = set()
    for name in columns:
        if name.lower() in seen:
            raise semantic_error(
                f"[COLUMN_ALREADY_EXISTS] The column `{name.lower()}` already exists. Choose "
                "another name or rename the existing column."
            )
        seen.add(name.lower())
    for name in partitions:
        if name.lower() not in seen:
            defined = ", ".join(f"`{c}`" for c in columns)
            raise semantic_error(
                f"[COLUMN_NOT_DEFINED_IN_TABLE] partition column `{name}` is not defined in "
                f"table {qualified}, defined table columns are: {defined}."
            )
    if partitions and len(partitions) >= len(columns):
        raise semantic_error(
            "[ALL_PARTITION_COLUMNS_NOT_ALLOWED] Cannot use all columns for partition columns."
        )


def _partitions_last(
    columns: list[exp.Expr], create: exp.Create, partitions: list[str]
) -> list[exp.Expr]:
    """The table's columns with the partition columns last; typed ones (`PARTITIONED BY
    (day STRING)`) come from the PARTITIONED BY clause itself."""
    typed: dict[str, exp.Expr] = {}
    properties = create.args.get("properties")
    for prop in properties.expressions if properties is not None else []:
        if isinstance(prop, exp.PartitionedByProperty) and isinstance(prop.this, exp.Schema):
            for column in prop.this.expressions:
                if isinstance(column, exp.ColumnDef):
                    typed[column.name.lower()] = column
    wanted = {name.lower() for name in partitions}
    data = [c for c in columns if c.name.lower() not in wanted]
    written = {c.name.lower(): c for c in columns if c.name.lower() in wanted}
    tail = [written.get(n.lower()) or typed.get(n.lower()) for n in partitions]
    return [*data, *(c for c in tail if c is not None)]


def _partitions_last_query(query: exp.Query, partitions: list[str]) -> exp.Query:
    """`SELECT * EXCLUDE (p...), p... FROM (query)`: CTAS partition columns last."""
    quoted = [exp.to_identifier(p, quoted=True) for p in partitions]
    star = exp.Star(except_=[exp.column(q) for q in quoted])
    return exp.select(star, *(exp.column(q) for q in quoted)).from_(query.subquery("q"))


def like_statements(
    cursor: duckdb.DuckDBPyConnection, create: exp.Create, currentdb: str
) -> list[str]:
    """What `CREATE TABLE t LIKE source` takes from the source besides its columns, as Spark
    does: the partitioning, the data source (unless USING names one), the column comments;
    not the table comment or properties."""
    props = create.args.get("properties")
    like = next(
        (
            p
            for p in (props.expressions if props is not None else [])
            if isinstance(p, exp.LikeProperty)
        ),
        None,
    )
    source, target = (like.this if like is not None else None), create.this
    if not isinstance(source, exp.Table) or not isinstance(target, exp.Table):
        return []
    known = tablemeta.lookup(cursor, source.db or currentdb, source.name)
    if known is None:
        return []
    given = table_meta(create)
    tablemeta.refuse_reserved(key for key, _ in given.properties)
    written = (
        any(isinstance(p, exp.FileFormatProperty) for p in props.expressions) if props else False
    )
    meta = dataclasses.replace(
        given,
        partitioned_by=known[3].partitioned_by if known[0] == "TABLE" else (),
        provider=given.provider if written or known[0] == "VIEW" else known[3].provider,
    )
    target_sql = to_duckdb(target)
    statements = [comment_statement("TABLE", target_sql, meta)] if meta != TableMeta() else []
    rows = cursor.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = "
        "current_database() AND schema_name = ? AND table_name = ? AND comment IS NOT NULL",
        [known[1], known[2]],
    ).fetchall()
    for column, remark in rows:
        statements.append(
            f"COMMENT ON COLUMN {target_sql}.{quote_identifier(str(column))} IS "
            f"{quote_literal(str(remark))}"
        )
    return statements


def create_view_statements(
    create: exp.Create, text: str | None, currentdb: str, columns: ColumnTypes | None = None
) -> tuple[list[str], bool]:
    """DuckDB statements for CREATE VIEW, and whether the view is temporary."""
    tree = create.copy()
    mark_dates(tree, columns)
    temporary = _is_temporary(tree)
    query = tree.expression
    schema = tree.this if isinstance(tree.this, exp.Schema) else None
    target = schema.this if schema is not None else tree.this
    if not temporary:
        assert isinstance(target, exp.Table)
        view = f"`{_SPARK_CATALOG}`.`{target.db or currentdb}`.`{target.name}`"
        refuse_unnamed_view_columns(tree, view)
    if isinstance(query, exp.Query) and not (schema is not None and schema.expressions):
        names = output_names(query)
        if names is not None:
            _check_columns(names, [], "")
    if isinstance(query, exp.Query):
        alias_projections(query, text)
    statements = [to_duckdb(tree, columns=columns)]
    original = _query_text(text) if text else None
    if not temporary and original is not None:
        meta = TableMeta(view_text=original, properties=table_meta(create).properties)
        statements.append(comment_statement("VIEW", to_duckdb(target), meta))
    return statements, temporary


def _is_temporary(create: exp.Create) -> bool:
    properties = create.args.get("properties")
    return any(
        isinstance(p, exp.TemporaryProperty)
        for p in (properties.expressions if properties is not None else [])
    )


def _query_text(text: str) -> str | None:
    """The query of `CREATE VIEW ... AS <query>` as written: after the first AS outside
    parentheses."""
    depth = 0
    for token in SPARK.tokenizer().tokenize(text):
        if token.token_type == TokenType.L_PAREN:
            depth += 1
        elif token.token_type == TokenType.R_PAREN:
            depth -= 1
        elif token.token_type == TokenType.ALIAS and depth == 0:
            return text[token.end + 1 :].strip().rstrip(";").strip()
    return None


def table_sql(database: str, name: str) -> str:
    return f"{quote_identifier(database)}.{quote_identifier(name)}"
