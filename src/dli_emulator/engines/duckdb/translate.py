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
from typing import Any, ClassVar, NamedTuple

from sqlglot import exp
from sqlglot.dialects.duckdb import DuckDB
from sqlglot.errors import ErrorLevel
from sqlglot.generators.duckdb import DuckDBGenerator

from ...errors import semantic_error
from ..sparktypes import SparkType
from .analyzer import (
    analyze,
    expand_distinct_star,
    refuse_type_mismatches,
)
from .functions import checksums, collections, csv_text, lambdas, try_arithmetic, urls
from .functions.aggregates import Aggregates
from .functions.datetime import (
    DATETIME_TRANSFORMS,
    DateTimeFunctions,
    mark_dates,
    rewrite_datetime,
)
from .functions.generators import expand_generators
from .functions.json_schema import fold_schema_of_json
from .functions.json_text import JSON_TRANSFORMS, JsonFunctions
from .functions.numbers import rewrite_numbers
from .functions.pivots import spark_pivots
from .functions.templates import SPARK_FUNCTIONS
from .functions.text import TEXT_TRANSFORMS, TextFunctions, rewrite_text
from .functions.timewindows import rewrite_time_windows
from .functions.timezones import restore_timezone_functions
from .functions.try_arithmetic import rewrite_try_arithmetic
from .naming.projections import alias_projections
from .order_fields import resolve_order_fields
from .sqltypes import quote_identifier
from .statements import database_of
from .typerules.inference import ColumnTypes
from .typerules.numeric import apply_spark_types, normalize
from .typerules.rules import INT_SCALARS

# Catalog names Spark SQL may put before `db.table`; each project has exactly one catalog.
SPARK_CATALOGS = {"spark_catalog", "dli"}


_TS_OR_DS_ADD = DuckDBGenerator.TRANSFORMS[exp.TsOrDsAdd]

# typeof(): DuckDB's type names as Spark spells them (decimal(p,s) only needs lower case).
_SPARK_TYPE_NAMES = {
    "TINYINT": "tinyint",
    "SMALLINT": "smallint",
    "INTEGER": "int",
    "BIGINT": "bigint",
    "HUGEINT": "bigint",  # DuckDB's sum of integers; the result is stored as a bigint
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


def _as_int(kind: type[exp.Expr]) -> Any:
    """A transform that renders `kind` as DuckDB would, cast to INT."""
    plain = DuckDBGenerator.TRANSFORMS.get(kind) or getattr(
        DuckDBGenerator, f"{kind.key}_sql", None
    )

    def render(self: DuckDBGenerator, expression: exp.Expr) -> str:
        if plain is not None:
            text = plain(self, expression)
        else:
            assert isinstance(expression, exp.Func)
            text = self.function_fallback_sql(expression)
        if isinstance(expression, exp.DayOfWeek):  # Spark counts Sunday as 1, DuckDB as 0
            text = f"({text} + 1)"
        return f"CAST({text} AS INT)"

    return render


class _SparkOnDuckDBGenerator(
    TextFunctions, DateTimeFunctions, Aggregates, JsonFunctions, DuckDBGenerator
):
    """DuckDB output that keeps Spark's result types where plain transpiling changes them."""

    # Spark's date_add/date_sub/add_months return a date; DuckDB's date + interval a timestamp.
    TRANSFORMS: ClassVar = {
        **DuckDBGenerator.TRANSFORMS,
        exp.TsOrDsAdd: lambda self, e: f"CAST({_TS_OR_DS_ADD(self, e)} AS DATE)",
        exp.IntDiv: lambda self, e: self.spark_intdiv_sql(e),
        **{kind: _as_int(kind) for kind in INT_SCALARS},
        **collections.TRANSFORMS,
        **lambdas.TRANSFORMS,
        exp.CurrentTimezone: lambda self, e: "'UTC'",  # the session time zone (timezones.py)
        **DATETIME_TRANSFORMS,
        **TEXT_TRANSFORMS,
        **JSON_TRANSFORMS,
        **try_arithmetic.TRANSFORMS,
        **urls.TRANSFORMS,
        **checksums.TRANSFORMS,
    }

    def addmonths_sql(self, expression: exp.AddMonths) -> str:
        return f"CAST({super().addmonths_sql(expression)} AS DATE)"

    def typeof_sql(self, expression: exp.Typeof) -> str:
        duck = f"typeof({self.sql(expression, 'this')})"
        cases = " ".join(f"WHEN '{d}' THEN '{s}'" for d, s in _SPARK_TYPE_NAMES.items())
        return f"CASE {duck} {cases} ELSE lower({duck}) END"

    def anonymous_sql(self, expression: exp.Anonymous) -> str:
        key = (str(expression.name).lower(), len(expression.expressions))
        special = (
            collections.ANONYMOUS.get(key)
            or lambdas.ANONYMOUS.get(key)
            or csv_text.ANONYMOUS.get(key)
        )
        if special is not None:
            return special(self, expression)
        arguments = [self.sql(argument) for argument in expression.expressions]
        template = SPARK_FUNCTIONS.get((str(expression.name).lower(), len(arguments)))
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

    def spark_intdiv_sql(self, expression: exp.IntDiv) -> str:
        # Spark's `a DIV b` truncates toward zero and is a bigint, for decimals too; taking the
        # remainder off first keeps it exact (no double) and NULL for b = 0 (no ANSI mode).
        a, b = self.sql(expression, "this"), self.sql(expression, "expression")
        return f"CAST((({a}) - (({a}) % ({b}))) // ({b}) AS BIGINT)"

    def negative_sql(self, expression: exp.Negative) -> str:
        return f"(-({self.sql(expression, 'this')}))"


class SparkOnDuckDB(DuckDB):
    Generator = _SparkOnDuckDBGenerator


class Translation(NamedTuple):
    sql: str
    # The Spark types of a query's result columns, by position ([] when not known): DuckDB's
    # result cannot say some of them (one INTERVAL type for Spark's several).
    result_types: list[SparkType | None]


def to_duckdb(
    expression: exp.Expr, source: str | None = None, columns: ColumnTypes | None = None
) -> str:
    """DuckDB SQL for a Spark tree (`translate`)."""
    return translate(expression, source, columns).sql


def translate(
    expression: exp.Expr, source: str | None = None, columns: ColumnTypes | None = None
) -> Translation:
    """DuckDB SQL for a Spark tree; Spark-only properties (USING, STORED AS, ...) are dropped.
    A query's unaliased result columns get Spark's names; `source`, the statement's text, gives
    the function names as the query spelled them. Spark's result types are kept where they are
    known (`typerules.numeric`; `columns` gives the tables' column types)."""
    tree = expression.copy()
    if isinstance(tree, exp.Values):  # a bare VALUES statement: Spark names its columns too
        tree = exp.select("*").from_(tree)
    normalize(tree, source)
    rewrite_try_arithmetic(tree)
    restore_timezone_functions(tree, source)
    expand_generators(tree, to_duckdb)
    expand_distinct_star(tree, columns)
    mark_dates(tree, columns)
    refuse_type_mismatches(tree, columns, source)
    alias_projections(tree, source)
    fold_schema_of_json(tree)
    rewrite_time_windows(tree)
    resolve_order_fields(tree)
    collections.mark_array_size(tree, source)
    spark_pivots(tree)
    _refuse_what_spark_refuses(tree)
    analyze(tree)
    rewrite_text(tree)
    rewrite_numbers(tree)
    rewrite_datetime(tree, source)
    for literal in list(tree.find_all(exp.Literal)):
        _widen_integer_literal(literal)
    result_types = apply_spark_types(tree, columns)
    for values in tree.find_all(exp.Values):
        _alias_unparenthesized_values(values)
    for with_ in list(tree.find_all(exp.With)):
        _rename_self_referencing_ctes(with_)
    for table in tree.find_all(exp.Table):
        catalog = table.args.get("catalog")
        if catalog is not None and catalog.name.lower() in SPARK_CATALOGS:
            table.set("catalog", None)
        function = table.this
        if isinstance(function, exp.Anonymous) and function.name.lower() == "range":
            _name_range_column(table)
    sql = tree.sql(dialect=SparkOnDuckDB, unsupported_level=ErrorLevel.IGNORE)
    return Translation(sql, result_types)


def _refuse_what_spark_refuses(tree: exp.Expr) -> None:
    """Statements Spark's analyzer rejects but DuckDB would run, refused in Spark's words."""
    for count in tree.find_all(exp.Count):
        if count.this is None and not count.expressions:
            raise semantic_error(
                "[WRONG_NUM_ARGS.WITH_SUGGESTION] The `count` requires >= 1 parameters but the "
                "actual number is 0."
            )
    for limit in tree.find_all(exp.Limit):
        value = limit.expression
        if isinstance(value, exp.Boolean) or (isinstance(value, exp.Literal) and value.is_string):
            kind = "BOOLEAN" if isinstance(value, exp.Boolean) else "STRING"
            raise semantic_error(
                "[INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE] The limit like expression "
                f'"{value.sql()}" is invalid. The limit expression must be integer type, but got '
                f'"{kind}".'
            )
        if isinstance(value, exp.Neg) and isinstance(value.this, exp.Literal):
            number = value.this.sql()
            raise semantic_error(
                "[INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE] The limit like expression "
                f'"-{number}" is invalid. The limit expression must be equal to or greater than 0, '
                f"but got -{number}."
            )


def _alias_unparenthesized_values(values: exp.Values) -> None:
    """An inline table's aliases as Spark reads them; its columns are col1, col2, ... unnamed."""
    if isinstance(values.parent, exp.Insert):
        return
    alias = values.args.get("alias")
    rows = values.expressions
    if not rows or not isinstance(rows[-1], exp.Tuple) or not rows[-1].expressions:
        return
    last = rows[-1].expressions[-1]
    # `VALUES 1, 2 AS data(a)`: sqlglot reads `2 AS data` as a column alias of the last row.
    if isinstance(last, exp.Alias) and (alias is None or alias.this is None):
        last.replace(last.this)
        columns = alias.columns if alias is not None else []
        alias = exp.TableAlias(this=last.args["alias"], columns=columns)
        values.set("alias", alias)
    if alias is None or not alias.columns:
        width = len(rows[0].expressions) if isinstance(rows[0], exp.Tuple) else 1
        names = [exp.to_identifier(f"col{i + 1}") for i in range(width)]
        name = alias.this if alias is not None else exp.to_identifier("__values")
        values.set("alias", exp.TableAlias(this=name, columns=names))


def _rename_self_referencing_ctes(with_: exp.With) -> None:
    """`WITH t AS (SELECT ... FROM t)`: Spark reads the inner `t` as the table of that name
    (a WITH is not recursive); DuckDB calls it circular. The CTE gets a name of its own."""
    if with_.args.get("recursive"):
        return
    ctes = list(with_.expressions)
    for index, cte in enumerate(ctes):
        name = cte.alias_or_name
        if not any(t.name == name and not t.db for t in cte.this.find_all(exp.Table)):
            continue
        hidden = f"__spark_cte_{index}_{name}"
        cte.set("alias", exp.TableAlias(this=exp.to_identifier(hidden)))
        scopes = [later.this for later in ctes[index + 1 :]]
        parent = with_.parent
        if parent is not None:
            scopes.append(parent)
        for scope in scopes:
            for table in scope.find_all(exp.Table):
                if table.name == name and not table.db and not _inside(table, cte):
                    if table.args.get("alias") is None:
                        table.set("alias", exp.TableAlias(this=exp.to_identifier(name)))
                    table.set("this", exp.to_identifier(hidden))


def _inside(node: exp.Expr, ancestor: exp.Expr) -> bool:
    parent = node.parent
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parent
    return False


def _widen_integer_literal(literal: exp.Literal) -> None:
    # Spark types an integer literal beyond bigint as decimal(digits, 0); DuckDB as HUGEINT.
    digits = str(literal.this)
    if not literal.is_string and digits == str(2**63) and isinstance(literal.parent, exp.Neg):
        # Spark reads `-9223372036854775808` as one literal, the smallest bigint
        bigint = exp.DataType.build("BIGINT")
        literal.parent.replace(exp.Cast(this=exp.Literal.string(f"-{digits}"), to=bigint))
        return
    if not literal.is_string and digits.isdigit() and int(digits) > 2**63 - 1 and len(digits) <= 38:
        literal.replace(
            exp.Cast(
                this=exp.Literal.string(digits),
                to=exp.DataType.build(f"DECIMAL({len(digits)}, 0)"),
            )
        )


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
            statements.extend(column_comment_statements(table, columns))
        else:
            single = alter.copy()
            single.set("actions", [action.copy()])
            statements.append(to_duckdb(single))
    return statements


def column_comment_statements(table: exp.Expr, columns: list[exp.Expr]) -> list[str]:
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


def insert_plan(insert: exp.Insert, column_types: ColumnTypes | None = None) -> InsertPlan:
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
        query_sql=to_duckdb(insert.expression, columns=column_types),
        overwrite=bool(insert.args.get("overwrite")),
        partitions=tuple(partitions),
    )
