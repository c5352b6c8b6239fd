"""Spark SQL syntax trees rewritten into DuckDB statements.

sqlglot transpiles expressions and functions (explode -> UNNEST, nvl -> COALESCE, date_sub ->
interval arithmetic, ...). This module adds what a plain transpile leaves wrong for DuckDB:
Spark date arithmetic returns a date (not a timestamp), Spark databases are DuckDB schemas,
`PARTITIONED BY (c type)` columns belong to the table, `ADD COLUMNS (...)` is one ALTER per
column, column comments are separate COMMENT statements, and `INSERT ... PARTITION (...)` /
`INSERT OVERWRITE` become plain inserts and deletes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB
from sqlglot.errors import ErrorLevel
from sqlglot.generators.duckdb import DuckDBGenerator

from .sqltypes import quote_identifier
from .statements import database_of

# Catalog names Spark SQL may put before `db.table`; each project has exactly one catalog.
SPARK_CATALOGS = {"spark_catalog", "dli"}


_TS_OR_DS_ADD = DuckDBGenerator.TRANSFORMS[exp.TsOrDsAdd]

# typeof(): DuckDB's type names as Spark spells them (decimal(p,s) only needs lower case).
_SPARK_TYPE_NAMES = {
    "TINYINT": "tinyint",
    "SMALLINT": "smallint",
    "INTEGER": "int",
    "BIGINT": "bigint",
    "HUGEINT": "decimal(38,0)",
    "FLOAT": "float",
    "DOUBLE": "double",
    "VARCHAR": "string",
    "BOOLEAN": "boolean",
    "DATE": "date",
    "TIMESTAMP WITH TIME ZONE": "timestamp",
    "TIMESTAMP": "timestamp_ntz",
    "BLOB": "binary",
    '"NULL"': "void",
}

# Spark functions DuckDB lacks, as DuckDB SQL over their rendered arguments ({0}, {1}, ...).
_SPARK_FUNCTIONS = {
    ("pmod", 2): "((({0}) % ({1})) + ({1})) % ({1})",
    ("positive", 1): "(+({0}))",
    ("isnull", 1): "(({0}) IS NULL)",
    ("isnotnull", 1): "(({0}) IS NOT NULL)",
    ("btrim", 1): "trim({0})",
    ("btrim", 2): "trim({0}, {1})",
    ("bround", 1): "round_even({0}, 0)",
    ("bround", 2): "round_even({0}, {1})",
    ("timestamp_seconds", 1): "to_timestamp({0})",
    ("octet_length", 1): "octet_length(encode({0}))",
    ("map_concat", 0): "MAP {{}}",
    ("map_concat", 1): "({0})",
}


class _SparkOnDuckDBGenerator(DuckDBGenerator):
    """DuckDB output that keeps Spark's result types where plain transpiling changes them."""

    # Spark's date_add/date_sub/add_months return a date; DuckDB's date + interval a timestamp.
    TRANSFORMS: ClassVar = {
        **DuckDBGenerator.TRANSFORMS,
        exp.TsOrDsAdd: lambda self, e: f"CAST({_TS_OR_DS_ADD(self, e)} AS DATE)",
        exp.IntDiv: lambda self, e: self.spark_intdiv_sql(e),
    }

    def addmonths_sql(self, expression: exp.AddMonths) -> str:
        return f"CAST({super().addmonths_sql(expression)} AS DATE)"

    def typeof_sql(self, expression: exp.Typeof) -> str:
        duck = f"typeof({self.sql(expression, 'this')})"
        cases = " ".join(f"WHEN '{d}' THEN '{s}'" for d, s in _SPARK_TYPE_NAMES.items())
        return f"CASE {duck} {cases} ELSE lower({duck}) END"

    def anonymous_sql(self, expression: exp.Anonymous) -> str:
        arguments = [self.sql(argument) for argument in expression.expressions]
        template = _SPARK_FUNCTIONS.get((str(expression.name).lower(), len(arguments)))
        if template is None:
            return super().anonymous_sql(expression)
        return template.format(*arguments)

    def mapcontainskey_sql(self, expression: exp.MapContainsKey) -> str:
        # sqlglot's own DuckDB output swaps the map and the key.
        key, mapping = self.sql(expression, "key"), self.sql(expression, "this")
        return f"list_contains(map_keys({mapping}), {key})"

    def nanvl_sql(self, expression: exp.Nanvl) -> str:
        value, fallback = self.sql(expression, "this"), self.sql(expression, "expression")
        return f"CASE WHEN isnan({value}) THEN {fallback} ELSE {value} END"

    def elt_sql(self, expression: exp.Elt) -> str:
        values = ", ".join(self.sql(v) for v in expression.expressions)
        return f"list_extract([{values}], {self.sql(expression, 'this')})"

    def safeadd_sql(self, expression: exp.SafeAdd) -> str:
        return f"({self.sql(expression, 'this')} + {self.sql(expression, 'expression')})"

    def spark_intdiv_sql(self, expression: exp.IntDiv) -> str:
        # Spark's `a DIV b` truncates toward zero and is a bigint, for decimals too; taking the
        # remainder off first keeps it exact (no double) and NULL for b = 0 (no ANSI mode).
        a, b = self.sql(expression, "this"), self.sql(expression, "expression")
        return f"CAST((({a}) - (({a}) % ({b}))) // ({b}) AS BIGINT)"

    def negative_sql(self, expression: exp.Negative) -> str:
        return f"(-({self.sql(expression, 'this')}))"


class SparkOnDuckDB(DuckDB):
    Generator = _SparkOnDuckDBGenerator


def to_duckdb(expression: exp.Expr) -> str:
    """DuckDB SQL for a Spark tree; Spark-only properties (USING, STORED AS, ...) are dropped."""
    tree = expression.copy()
    for table in tree.find_all(exp.Table):
        catalog = table.args.get("catalog")
        if catalog is not None and catalog.name.lower() in SPARK_CATALOGS:
            table.set("catalog", None)
        function = table.this
        if isinstance(function, exp.Anonymous) and function.name.lower() == "range":
            _name_range_column(table)
    return tree.sql(dialect=SparkOnDuckDB, unsupported_level=ErrorLevel.IGNORE)


def _name_range_column(table: exp.Table) -> None:
    # Spark's range() yields one column called `id`; DuckDB calls it `range`.
    alias = table.args.get("alias")
    if alias is not None and alias.columns:
        return
    name = alias.this if alias is not None else exp.to_identifier("range")
    table.set("alias", exp.TableAlias(this=name, columns=[exp.to_identifier("id")]))


def database_statements(expression: exp.Create | exp.Drop) -> list[str]:
    """CREATE/DROP DATABASE as DuckDB schema statements."""
    name = quote_identifier(database_of(expression))
    exists = " IF NOT EXISTS" if expression.args.get("exists") else ""
    if isinstance(expression, exp.Create):
        return [f"CREATE SCHEMA{exists} {name}"]
    exists = " IF EXISTS" if expression.args.get("exists") else ""
    cascade = " CASCADE" if expression.args.get("cascade") else ""
    return [f"DROP SCHEMA{exists} {name}{cascade}"]


def create_table_statements(create: exp.Create) -> list[str]:
    tree = create.copy()
    schema = tree.this if isinstance(tree.this, exp.Schema) else None
    properties = tree.args.get("properties")
    if schema is not None and properties is not None:
        for prop in list(properties.expressions):
            if isinstance(prop, exp.PartitionedByProperty) and isinstance(prop.this, exp.Schema):
                # Spark appends typed partition columns after the data columns.
                columns = [c for c in prop.this.expressions if isinstance(c, exp.ColumnDef)]
                schema.set("expressions", [*schema.expressions, *columns])
    table = schema.this if schema is not None else tree.this
    comments = _comment_statements(table, schema.expressions if schema is not None else [])
    return [to_duckdb(tree), *comments]


def alter_statements(alter: exp.Alter) -> list[str]:
    actions = alter.args.get("actions") or []
    table = alter.this
    statements: list[str] = []
    for action in actions:
        if isinstance(action, exp.AlterSet):
            continue  # TBLPROPERTIES and SERDE settings: nothing in DuckDB to set
        if isinstance(action, exp.Schema | exp.ColumnDef):
            columns = action.expressions if isinstance(action, exp.Schema) else [action]
            for column in columns:
                statements.append(f"ALTER TABLE {to_duckdb(table)} ADD COLUMN {to_duckdb(column)}")
            statements.extend(_comment_statements(table, columns))
        else:
            single = alter.copy()
            single.set("actions", [action.copy()])
            statements.append(to_duckdb(single))
    return statements


def _comment_statements(table: exp.Expr, columns: list[exp.Expr]) -> list[str]:
    statements = []
    for column in columns:
        if not isinstance(column, exp.ColumnDef):
            continue
        for constraint in column.constraints:
            if isinstance(constraint.kind, exp.CommentColumnConstraint):
                text = constraint.kind.this.name.replace("'", "''")
                target = f"{to_duckdb(table)}.{quote_identifier(column.name)}"
                statements.append(f"COMMENT ON COLUMN {target} IS '{text}'")
    return statements


@dataclass(frozen=True)
class InsertPlan:
    """An INSERT split into parts DuckDB understands (see `execute.run_insert`)."""

    table_sql: str
    columns_sql: str
    query_sql: str
    overwrite: bool
    # The PARTITION (...) spec in order: (column, DuckDB literal) for static values,
    # (column, None) for dynamic ones taken from the query's trailing columns.
    partitions: tuple[tuple[str, str | None], ...]


def insert_plan(insert: exp.Insert) -> InsertPlan:
    target = insert.this
    columns_sql = ""
    if isinstance(target, exp.Schema):
        columns_sql = "(" + ", ".join(to_duckdb(c) for c in target.expressions) + ")"
        target = target.this
    table = target.copy()
    partition = table.args.get("partition")
    table.set("partition", None)
    partitions: list[tuple[str, str | None]] = []
    for item in partition.expressions if partition is not None else []:
        if isinstance(item, exp.EQ):
            partitions.append((item.this.name, to_duckdb(item.expression)))
        else:
            partitions.append((item.name, None))
    return InsertPlan(
        table_sql=to_duckdb(table),
        columns_sql=columns_sql,
        query_sql=to_duckdb(insert.expression),
        overwrite=bool(insert.args.get("overwrite")),
        partitions=tuple(partitions),
    )
