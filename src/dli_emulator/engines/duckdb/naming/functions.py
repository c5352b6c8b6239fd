"""Spark's names for windows, lambdas and the functions sqlglot reads into a shared node
(see `projections`): the parts of Spark's pretty-printing that need more than the tree's shape."""

from __future__ import annotations

from collections.abc import Callable

from sqlglot import exp
from sqlglot.errors import SqlglotError

from ..statements import SPARK


def pretty_special(
    node: exp.Expr, source: str | None, p: Callable[[exp.Expr | None], str]
) -> str | None:
    """Functions that sqlglot reads into a shared node, or that Spark names with the
    arguments it fills in (`split(s, ,, -1)`); None for any other node."""
    spelled = (as_written(node, source) or "").lower()
    a, b = node.args.get("this"), node.args.get("expression")
    if isinstance(node, exp.Anonymous) and str(node.name).lower() == "window":
        return "window"  # Spark aliases its time window so
    if isinstance(node, exp.Anonymous) and str(node.name).lower() == "spark_partition_id":
        return "SPARK_PARTITION_ID()"  # Spark's pretty name of it is upper-case
    if isinstance(node, exp.Anonymous) and str(node.name).lower() in _FILLED_IN:
        defaults = _FILLED_IN[str(node.name).lower()]
        values = [p(e) for e in node.expressions]
        values += defaults[len(values) :]
        return f"{str(node.name).lower()}({', '.join(values)})"
    if isinstance(node, exp.Mod):
        return f"mod({p(a)}, {p(b)})" if spelled == "mod" else f"({p(a)} % {p(b)})"
    if isinstance(node, exp.BitwiseLeftShift | exp.BitwiseRightShift):
        operator = "<<" if isinstance(node, exp.BitwiseLeftShift) else ">>"
        return f"{spelled}({p(a)}, {p(b)})" if spelled else f"({p(a)} {operator} {p(b)})"
    if isinstance(node, exp.Trim):
        position = node.args.get("position")
        if b is not None and position:
            return f"TRIM({position} {p(b)} FROM {p(a)})"
        if b is None:
            return f"{spelled or 'trim'}({p(a)})"
        return None
    if isinstance(node, exp.StrPosition):
        where = node.args.get("position")
        if spelled == "instr":
            return f"instr({p(a)}, {p(node.args.get('substr'))})"
        start = p(where) if where is not None else "1"
        return f"locate({p(node.args.get('substr'))}, {p(a)}, {start})"
    if isinstance(node, exp.RegexpSplit) and node.args.get("limit") is None:
        return f"split({p(a)}, {p(b)}, -1)"
    if isinstance(node, exp.RegexpReplace) and node.args.get("position") is None:
        return f"regexp_replace({p(a)}, {p(b)}, {p(node.args.get('replacement'))}, 1)"
    if isinstance(node, exp.Initcap):
        return f"initcap({p(a)})"
    if isinstance(node, exp.Overlay):
        length = node.args.get("for_")
        tail = p(length) if length is not None else "-1"
        return f"overlay({p(a)}, {p(b)}, {p(node.args.get('from_'))}, {tail})"
    if isinstance(node, exp.MonthsBetween):
        round_off = node.args.get("roundoff")
        return f"months_between({p(a)}, {p(b)}, {p(round_off) if round_off else 'true'})"
    if isinstance(node, exp.DateTrunc | exp.TimestampTrunc):
        written = written_arguments(node, source)
        if spelled in ("trunc", "date_trunc") and written and len(written) == 2:
            return f"{spelled}({p(written[0])}, {p(written[1])})"  # the level as written
        unit = node.args.get("unit")
        unit_text = unit.name if isinstance(unit, exp.Expr) else str(unit)
        if spelled == "trunc":
            return f"trunc({p(a)}, {unit_text})"
        return f"date_trunc({unit_text}, {p(a)})"
    if isinstance(node, exp.TimestampDiff) and spelled == "timestampdiff":
        unit = node.args.get("unit")  # Spark: timestampdiff(unit, start, end)
        return f"timestampdiff({unit.name.upper() if unit else ''}, {p(b)}, {p(a)})"
    if isinstance(node, exp.Subquery):
        return "scalarsubquery()"
    if isinstance(node, exp.Bracket) and len(node.expressions) == 1:
        key = p(node.expressions[0])
        if spelled == "element_at":
            return f"element_at({p(a)}, {key})"
        return f"{p(a)}[{key}]"
    if isinstance(node, exp.ArraySort) and spelled == "sort_array":
        ascending = node.args.get("asc")
        return f"sort_array({p(a)}, {p(ascending) if ascending is not None else 'true'})"
    if isinstance(node, exp.ApproxQuantile):
        accuracy = node.args.get("accuracy")
        fraction = p(node.args.get("quantile"))
        return f"percentile_approx({p(a)}, {fraction}, {p(accuracy) if accuracy else 10000})"
    if isinstance(node, exp.Quantile):
        frequency = node.args.get("frequency")
        weight = p(frequency) if frequency is not None else "1"
        return f"percentile({p(a)}, {p(node.args.get('quantile'))}, {weight})"
    if isinstance(node, exp.Filter) and isinstance(b, exp.Where):
        return f"{p(a)} FILTER (WHERE {p(b.this)})"
    return None


# Window functions whose default frame is ROWS (not RANGE) when the window has an ORDER BY.
_ROW_FRAMED = (exp.RowNumber, exp.Rank, exp.DenseRank, exp.PercentRank, exp.Ntile)


def pretty_window(window: exp.Window, p: Callable[[exp.Expr | None], str]) -> str:
    """`f() OVER (PARTITION BY ... ORDER BY x ASC NULLS FIRST <frame>)`: Spark spells out the
    sort directions and the frame, the default one too."""
    function = window.this
    parts = []
    partition = window.args.get("partition_by") or []
    if partition:
        parts.append("PARTITION BY " + ", ".join(p(e) for e in partition))
    order = window.args.get("order")
    keys = order.expressions if order is not None else []
    if keys:
        parts.append("ORDER BY " + ", ".join(_pretty_ordered(k, p) for k in keys))
    spec = window.args.get("spec")
    if spec is not None:
        start = _pretty_bound(spec.args.get("start"), spec.args.get("start_side"), p)
        end = _pretty_bound(spec.args.get("end"), spec.args.get("end_side"), p)
        parts.append(f"{spec.args.get('kind')} BETWEEN {start} AND {end}")
    elif isinstance(function, exp.Lag | exp.Lead):
        offset = function.args.get("offset")
        shift = p(offset) if offset is not None else "1"
        shift = f"-{shift}" if isinstance(function, exp.Lag) else shift
        parts.append(f"ROWS BETWEEN {shift} FOLLOWING AND {shift} FOLLOWING")
    elif isinstance(function, _ROW_FRAMED):
        parts.append("ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
    elif keys:
        parts.append("RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW")
    else:
        parts.append("ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING")
    return f"{p(function)} OVER ({' '.join(parts)})"


def _pretty_ordered(key: exp.Expr, p: Callable[[exp.Expr | None], str]) -> str:
    if not isinstance(key, exp.Ordered):
        return f"{p(key)} ASC NULLS FIRST"
    desc = bool(key.args.get("desc"))
    nulls_first = key.args.get("nulls_first")
    if nulls_first is None:
        nulls_first = not desc
    direction = "DESC" if desc else "ASC"
    return f"{p(key.this)} {direction} NULLS {'FIRST' if nulls_first else 'LAST'}"


def _pretty_bound(
    bound: exp.Expr | str | None, side: str | None, p: Callable[[exp.Expr | None], str]
) -> str:
    text = bound if isinstance(bound, str) else p(bound)
    if text.upper() == "CURRENT ROW":
        return "CURRENT ROW"
    return f"{text} {side}" if side else text


def pretty_lambda(node: exp.Lambda, p: Callable[[exp.Expr | None], str]) -> str:
    """`x -> x + 1` as Spark names it: lambdafunction((namedlambdavariable() + 1),
    namedlambdavariable()), every lambda variable anonymous."""
    variables = {v.name for v in node.expressions}
    body = node.this.copy()
    anonymous = exp.to_identifier("namedlambdavariable()")
    # sqlglot reads a lambda variable as a bare identifier (or a column, nested deeper)
    for variable in list(body.find_all(exp.Column, exp.Identifier)):
        inside_column = isinstance(variable, exp.Identifier) and isinstance(
            variable.parent, exp.Column
        )
        plain = isinstance(variable, exp.Identifier) or not variable.table
        if plain and not inside_column and variable.name in variables:
            if variable is body:
                body = exp.column(anonymous.copy())
            else:
                variable.replace(exp.column(anonymous.copy()))
    params = ", ".join("namedlambdavariable()" for _ in node.expressions)
    return f"lambdafunction({p(body)}, {params})"


def as_written(node: exp.Expr, source: str | None) -> str | None:
    start, end = node.meta.get("start"), node.meta.get("end")
    if source is None or not isinstance(start, int) or not isinstance(end, int):
        return None
    return source[start : end + 1]


# Format arguments Spark fills in when the query gives none.
# Functions Spark names with their omitted arguments' defaults
_FILLED_IN = {
    "make_dt_interval": ["0", "0", "0", "0.000000"],
    "make_ym_interval": ["0", "0"],
}
_DEFAULT_PATTERN = {
    "from_unixtime": "yyyy-MM-dd HH:mm:ss",
    "to_unix_timestamp": "yyyy-MM-dd HH:mm:ss",
    "unix_timestamp": "yyyy-MM-dd HH:mm:ss",
}


def pretty_as_written(
    node: exp.Expr, source: str | None, p: Callable[[exp.Expr | None], str]
) -> str | None:
    """A date function named from its arguments as the query wrote them: sqlglot's tree holds
    the Java pattern already rewritten. None when the source text is not at hand."""
    name = as_written(node, source)
    arguments = written_arguments(node, source)
    if name is None or arguments is None:
        return None
    values = [p(e) for e in arguments]
    default = _DEFAULT_PATTERN.get(name.lower())
    if default is not None and len(values) == 1:
        values.append(default)
    return f"{name.lower()}({', '.join(values)})"


def written_arguments(node: exp.Expr, source: str | None) -> list[exp.Expr] | None:
    """A function's arguments parsed from the query's text, before sqlglot rewrote any of
    them into its function's shape; None when the source text is not at hand."""
    end = node.meta.get("end")
    if source is None or not isinstance(end, int):
        return None
    located = _parenthesized(source, end + 1)
    if located is None:
        return None
    start, arguments = located
    prefix = "SELECT ("
    try:
        parsed = SPARK.parse(f"{prefix}{arguments}, NULL)")[0]
    except (SqlglotError, ValueError):
        return None
    if not isinstance(parsed, exp.Select) or not isinstance(parsed.expressions[0], exp.Tuple):
        return None
    written = list(parsed.expressions[0].expressions[:-1])
    for node in (n for argument in written for n in argument.walk()):
        # Positions in the query's text, so that a function inside is named as written too
        for key in ("start", "end"):
            if isinstance(node.meta.get(key), int):
                node.meta[key] += start - len(prefix)
    return written


def _parenthesized(source: str, start: int) -> tuple[int, str] | None:
    """Where the text inside the parentheses that open at (or after blanks from) `start`
    begins, and that text."""
    index = start
    while index < len(source) and source[index].isspace():
        index += 1
    if index >= len(source) or source[index] != "(":
        return None
    depth, quote = 0, ""
    for position in range(index, len(source)):
        char = source[position]
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index + 1, source[index + 1 : position]
    return None
