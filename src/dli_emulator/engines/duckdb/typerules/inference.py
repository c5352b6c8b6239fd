"""The Spark type of an expression of a Spark syntax tree, as Spark's analyzer would give it.

DuckDB types many results differently from Spark (decimal literals and arithmetic sized its own
way, decimal division and averages as doubles, ranking functions as BIGINT, ...). `SparkTyper`
computes Spark's type from the tree before translation: literals as Spark's parser types them,
table columns from the catalog (`ColumnTypes`), arithmetic with Spark's DecimalPrecision rules
(result precision capped at 38 with the scale cut back to no less than 6,
`DecimalType.adjustPrecisionScale`), aggregates, ranking and a set of functions with fixed
result types. Anything it does not know is None: callers then leave DuckDB's answer alone.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp

from ...sparktypes import (
    BOOLEAN,
    BYTE,
    DATE,
    DOUBLE,
    FLOAT,
    INTEGER,
    LONG,
    STRING,
    VOID,
    Field,
    SparkType,
    array,
    decimal,
    map_of,
    struct,
)
from .containers import container_type, difference_type, values_columns
from .dates import DATE_FUNCTIONS, date_arithmetic_type
from .intervals import interval_type
from .rules import (
    DECIMAL_DIGITS,
    INT_RANKINGS,
    INT_SCALARS,
    INTEGRALS,
    MAX_PRECISION,
    bounded,
    decimal_result,
    is_decimal,
    number_literal_type,
    precision_scale,
    signed_literal,
    spark_type_of_datatype,
    wider,
    wider_integral,
)

# The columns of a table (lower-case name -> Spark type), or None when it is not known.
ColumnTypes = Callable[[exp.Table], dict[str, SparkType] | None]

_BOOLEAN_RESULTS: tuple[type[exp.Expr], ...] = (
    exp.Predicate,
    exp.Connector,
    exp.Not,
    exp.Exists,
)
_DOUBLE_RESULTS: tuple[type[exp.Expr], ...] = (
    exp.Sign,
    exp.Sqrt,
    exp.Cbrt,
    exp.Exp,
    exp.Ln,
    exp.Log,
    exp.Pow,
    exp.Stddev,
    exp.StddevPop,
    exp.StddevSamp,
    exp.Variance,
    exp.VariancePop,
    exp.Corr,
    exp.PercentRank,
    exp.CumeDist,
    exp.Pi,
    exp.Rand,
)
_INT_RESULTS = (*INT_RANKINGS, *INT_SCALARS)
_LONG_RESULTS: tuple[type[exp.Expr], ...] = (exp.Count, exp.GroupingId, exp.IntDiv)
_SAME_AS_ARGUMENT: tuple[type[exp.Expr], ...] = (
    exp.Abs,
    exp.Min,
    exp.Max,
    exp.First,
    exp.Last,
    exp.AnyValue,
    exp.FirstValue,
    exp.LastValue,
    exp.Lag,
    exp.Lead,
    exp.Paren,
    exp.Filter,  # agg(x) FILTER (WHERE ...)
)


class SparkTyper:
    """Spark types of the expressions of one statement's tree."""

    def __init__(self, tree: exp.Expr, columns: ColumnTypes | None) -> None:
        self._columns = columns
        self._ctes = {
            cte.alias_or_name.lower(): cte.this
            for cte in tree.find_all(exp.CTE)
            if isinstance(cte.this, exp.Query)
        }
        self._cache: dict[int, SparkType | None] = {}
        self._pending: set[int] = set()  # CTEs being typed (a CTE cannot type itself)
        self._sources: dict[int, dict[str, dict[str, SparkType | None] | None]] = {}
        self._stored: set[int] = set()  # the ids of the catalog's column lists among those

    def type_of(self, node: exp.Expr) -> SparkType | None:
        key = id(node)
        if key not in self._cache:
            self._cache[key] = self._infer(node)
        return self._cache[key]

    def replace(self, old: exp.Expr, new: exp.Expr) -> None:
        """`new` in place of `old` in the tree, of the type `old` has (a rewrite's result)."""
        kind = self.type_of(old)
        old.replace(new)
        self._cache[id(new)] = kind

    def _infer(self, node: exp.Expr) -> SparkType | None:
        intervals = interval_type(node, self.type_of)
        if intervals is not None:
            return intervals
        signed = signed_literal(node)
        if signed is not None:
            return number_literal_type(signed)
        if isinstance(node, exp.Literal):
            return STRING
        if isinstance(node, exp.Boolean):
            return BOOLEAN
        if isinstance(node, exp.Null):
            return VOID
        if isinstance(node, exp.Neg):  # Spark negates a string as a double
            argument = self.type_of(node.this)
            return DOUBLE if argument == STRING else argument
        if isinstance(node, (exp.Alias, exp.Window, *_SAME_AS_ARGUMENT)):
            return self.type_of(node.this)
        if isinstance(node, exp.Cast):
            return spark_type_of_datatype(node.to)
        if isinstance(node, exp.Column):
            return self._column(node)
        if isinstance(node, exp.Add | exp.Sub | exp.Mul | exp.Div | exp.Mod):
            return self.arithmetic(node)
        if isinstance(node, _BOOLEAN_RESULTS):
            return BOOLEAN
        if isinstance(node, _DOUBLE_RESULTS):
            return DOUBLE
        if isinstance(node, _INT_RESULTS):
            return INTEGER
        if isinstance(node, _LONG_RESULTS):
            return LONG
        if isinstance(node, exp.Grouping):
            return BYTE
        if isinstance(node, DATE_FUNCTIONS):
            return DATE
        if isinstance(node, exp.Typeof):
            return STRING
        if isinstance(node, exp.Distinct) and len(node.expressions) == 1:
            return self.type_of(node.expressions[0])  # avg(DISTINCT x)
        return self._function(node)

    def _function(self, node: exp.Expr) -> SparkType | None:
        if isinstance(node, exp.Sum | exp.Avg):
            return self._sum_or_avg(node)
        if isinstance(node, exp.Ceil | exp.Floor) and node.args.get("decimals") is None:
            argument = self.type_of(node.this)
            if is_decimal(argument):
                assert argument is not None
                precision, scale = precision_scale(argument)
                return bounded(precision - scale + 1, 0)
            return LONG if argument in (*INTEGRALS, FLOAT, DOUBLE, STRING) else None
        if isinstance(node, exp.Round):
            return self._round(node)
        if isinstance(node, exp.Coalesce | exp.Greatest | exp.Least):
            return self.common([node.this, *node.expressions])
        if isinstance(node, exp.If):
            return self.common([node.args.get("true"), node.args.get("false")])
        if isinstance(node, exp.Case):
            branches = [i.args.get("true") for i in node.args.get("ifs") or []]
            return self.common([*branches, node.args.get("default")])
        if isinstance(node, exp.Nullif):
            return self.type_of(node.this)
        return self._complex(node)

    def _complex(self, node: exp.Expr) -> SparkType | None:
        if isinstance(node, exp.Array):
            elements = node.expressions
            element = self.common(elements) if elements else VOID
            return array(element) if element is not None else None
        if isinstance(node, exp.VarMap):
            keys, values = node.args.get("keys"), node.args.get("values")
            if not isinstance(keys, exp.Array) or not isinstance(values, exp.Array):
                return None
            key = self.common(keys.expressions) if keys.expressions else VOID
            value = self.common(values.expressions) if values.expressions else VOID
            return map_of(key, value) if key is not None and value is not None else None
        if isinstance(node, exp.Struct):
            fields = []
            for member in node.expressions:
                if not isinstance(member, exp.PropertyEQ):
                    return None
                kind = self.type_of(member.expression)
                if kind is None:
                    return None
                fields.append(Field(member.name, kind))
            return struct(fields)
        return container_type(node, self.type_of)

    def _sum_or_avg(self, node: exp.Sum | exp.Avg) -> SparkType | None:
        argument = self.type_of(node.this)
        if argument is None:
            return None
        if is_decimal(argument):
            precision, scale = precision_scale(argument)
            if isinstance(node, exp.Sum):
                return bounded(precision + 10, scale)
            return bounded(precision + 4, scale + 4)
        if isinstance(node, exp.Sum) and argument in INTEGRALS:
            return LONG
        # Spark reads strings as doubles here (intervals: `intervals.py`)
        return DOUBLE if argument in (*INTEGRALS, FLOAT, DOUBLE, STRING) else None

    def _round(self, node: exp.Round) -> SparkType | None:
        argument = self.type_of(node.this)
        places = node.args.get("decimals")
        digits = 0 if places is None else signed_literal(places)
        if argument is None or digits is None:
            return None
        if not is_decimal(argument):
            return argument if argument in (*INTEGRALS, FLOAT, DOUBLE) else None
        precision, scale = precision_scale(argument)
        target = int(digits)
        integral = precision - scale + 1
        if target < 0:
            return decimal(min(max(integral, 1 - target), MAX_PRECISION), 0)
        new_scale = min(scale, target)
        return decimal(min(integral + new_scale, MAX_PRECISION), new_scale)

    def arithmetic(self, node: exp.Binary) -> SparkType | None:
        left, right = self.type_of(node.this), self.type_of(node.expression)
        dated = date_arithmetic_type(node, left, right)
        if dated is not None:
            return dated
        if left is None or right is None:
            return None
        if isinstance(node, exp.Sub) and difference_type(left, right) is not None:
            return difference_type(left, right)
        if STRING in (left, right) and {left, right} <= {STRING, DOUBLE, FLOAT, *INTEGRALS}:
            return DOUBLE  # Spark casts the string to a double
        if is_decimal(left) or is_decimal(right):
            return self._decimal_arithmetic(node, left, right)
        if left in (DOUBLE, FLOAT) or right in (DOUBLE, FLOAT):
            if not {left, right} <= {DOUBLE, FLOAT, *INTEGRALS}:
                return None
            if isinstance(node, exp.Div):
                return DOUBLE
            return FLOAT if left == right == FLOAT else DOUBLE
        if left in INTEGRALS and right in INTEGRALS:
            return DOUBLE if isinstance(node, exp.Div) else wider_integral(left, right)
        return None

    def _decimal_arithmetic(
        self, node: exp.Binary, left: SparkType, right: SparkType
    ) -> SparkType | None:
        if {left, right} & {DOUBLE, FLOAT}:
            return DOUBLE
        one = self.as_decimal(node.this, left)
        two = self.as_decimal(node.expression, right)
        if one is None or two is None:
            return None
        return decimal_result(node, one, two)

    def as_decimal(self, node: exp.Expr, kind: SparkType) -> tuple[int, int] | None:
        """The (precision, scale) `node` has as an operand of decimal arithmetic."""
        if is_decimal(kind):
            return precision_scale(kind)
        if kind not in INTEGRALS:
            return None
        signed = signed_literal(node)
        if signed is not None:  # an integer literal takes only the digits it has
            return len(signed.lstrip("-")), 0
        return DECIMAL_DIGITS[kind], 0

    def common(self, nodes: list[exp.Expr | None]) -> SparkType | None:
        """The type Spark widens several branches to (NULLs take the others' type)."""
        widest: SparkType | None = VOID
        for node in nodes:
            if node is not None and widest is not None:
                kind = self.type_of(node)
                widest = None if kind is None else wider(widest, kind)
        return widest if nodes else None

    def _column(self, column: exp.Column) -> SparkType | None:
        source = self._source_of(column)
        return source.get(column.name.lower()) if source is not None else None

    def stored(self, column: exp.Column) -> bool:
        """Whether `column` is a table's (or view's) own, which DuckDB holds in its Spark type
        already; a column of a subquery or CTE has the type DuckDB computed."""
        source = self._source_of(column)
        return source is not None and id(source) in self._stored

    def _source_of(self, column: exp.Column) -> dict[str, SparkType | None] | None:
        if _lambda_variable(column):
            return None
        select = column.find_ancestor(exp.Select)
        if select is None:
            return None
        sources = self._scope(select)
        name, table = column.name.lower(), column.table.lower()
        if table:
            source = sources.get(table)
            return source if source is not None and name in source else None
        found = [s for s in sources.values() if s is None or name in s]
        return found[0] if len(found) == 1 else None

    def _scope(self, select: exp.Select) -> dict[str, dict[str, SparkType | None] | None]:
        key = id(select)
        if key not in self._sources:
            sources: dict[str, dict[str, SparkType | None] | None] = {}
            from_ = select.args.get("from_")
            items = [from_.this] if from_ is not None else []
            items += [join.this for join in select.args.get("joins") or []]
            for item in items:
                sources[item.alias_or_name.lower()] = self._source(item)
            for lateral in select.args.get("laterals") or []:
                sources[f"lateral {id(lateral)}"] = None
            self._sources[key] = sources
        return self._sources[key]

    def _source(self, item: exp.Expr) -> dict[str, SparkType | None] | None:
        if isinstance(item, exp.Table) and isinstance(item.this, exp.Identifier):
            cte = self._ctes.get(item.name.lower()) if not item.db else None
            if cte is not None and item.find_ancestor(exp.CTE) is cte.parent:
                cte = None  # `WITH t AS (... FROM t)`: the inner t is the table (not recursive)
            if cte is not None:
                if id(cte) in self._pending:
                    return None
                self._pending.add(id(cte))
                try:
                    return self.output(cte)
                finally:
                    self._pending.discard(id(cte))
            columns: dict[str, SparkType | None] | None = None
            if self._columns is not None:
                columns = dict(self._columns(item) or {}) or None
            if columns is not None:
                self._stored.add(id(columns))
            return columns
        if isinstance(item, exp.Subquery) and isinstance(item.this, exp.Query):
            return self.output(item.this)
        return values_columns(item, self.common) if isinstance(item, exp.Values) else None

    def output(self, query: exp.Query) -> dict[str, SparkType | None] | None:
        """The columns of a query by lower-case name (None when a `*` hides them)."""
        selects = branches(query)
        if not selects:
            return None
        if len(selects) == 1 and any(_is_star(p) for p in selects[0].expressions):
            return self._star_output(selects[0])
        kinds = self.set_operation_types(selects)
        if kinds is None:
            return None
        names = [p.alias_or_name.lower() for p in selects[0].expressions]
        return dict(zip(names, kinds, strict=True))

    def _star_output(self, select: exp.Select) -> dict[str, SparkType | None] | None:
        """The columns of `SELECT *, ...` (or `t.*`) when every source it expands is known."""
        sources = self._scope(select)
        hidden = {
            j.this.alias_or_name.lower()
            for j in select.args.get("joins") or []
            if j.kind in ("SEMI", "ANTI")
        }  # a semi or anti join adds no columns
        columns: dict[str, SparkType | None] = {}
        for projection in select.expressions:
            if not _is_star(projection):
                columns.setdefault(projection.alias_or_name.lower(), self.type_of(projection))
                continue
            table = projection.table.lower() if isinstance(projection, exp.Column) else ""
            names = [table] if table else [n for n in sources if n not in hidden]
            for name in names:
                source = sources.get(name)
                if source is None:
                    return None
                for column, kind in source.items():
                    columns.setdefault(column, kind)
        return columns

    def set_operation_types(self, selects: list[exp.Select]) -> list[SparkType | None] | None:
        """The column types of a UNION (or one SELECT): each the widest of its branches'."""
        widths = {len(s.expressions) for s in selects}
        if len(widths) != 1 or any(isinstance(p, exp.Star) for s in selects for p in s.expressions):
            return None
        kinds: list[SparkType | None] = [self.type_of(p) for p in selects[0].expressions]
        for select in selects[1:]:
            for index, projection in enumerate(select.expressions):
                one, two = kinds[index], self.type_of(projection)
                kinds[index] = None if one is None or two is None else wider(one, two)
        return kinds


def with_window(aggregate: exp.Expr) -> exp.Expr:
    """The aggregate with its FILTER and OVER, which a rewrite of its value must keep."""
    whole = aggregate
    while isinstance(whole.parent, exp.Window | exp.Filter) and whole.parent.this is whole:
        whole = whole.parent
    return whole


def branches(query: exp.Expr) -> list[exp.Select]:
    """The SELECTs a query (maybe a UNION, INTERSECT, EXCEPT of them) is made of; [] when one
    is something else."""
    if isinstance(query, exp.Select):
        return [query]
    if isinstance(query, exp.SetOperation):
        left, right = branches(query.left), branches(query.right)
        return [*left, *right] if left and right else []
    return []


def _is_star(projection: exp.Expr) -> bool:
    return isinstance(projection, exp.Star) or (
        isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star)
    )


def _lambda_variable(column: exp.Column) -> bool:
    node = column.parent
    while node is not None:
        if isinstance(node, exp.Lambda) and any(
            v.name.lower() == column.name.lower() for v in node.expressions
        ):
            return True
        node = node.parent
    return False
