"""Spark's date and timestamp functions on DuckDB: result types and the cases DuckDB answers
differently (`DateTimeUtils`, `datetimeExpressions.scala`, `BinaryArithmeticWithDatetimeResolver`).

A date plus a year-month or day interval stays a date in Spark (DuckDB makes it a timestamp),
`trunc` gives a date, `extract` an int (seconds a decimal(8,6)), `unix_timestamp` a bigint of a
string parsed with the pattern or of a date/timestamp as it is, an impossible `make_date` is NULL.
A date is recognised from the syntax tree (DATE literals, casts, date functions) and, before
names are taken, from the types `SparkTyper` infers (a DATE column, a CTE's date, ...): those
operands of date arithmetic are marked (`mark_dates`).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

from ...sparktypes import DATE, STRING
from ..naming.functions import written_arguments
from ..statements import SPARK
from ..typerules.dates import DATE_FUNCTIONS, DAY_COUNTS, date_side, interval_unit
from ..typerules.inference import ColumnTypes, SparkTyper
from ..typerules.intervals import EXTRACT_FIELDS
from .binaries import binary_sql
from .binding import bind
from .datetime_patterns import (
    convert_java_patterns,
    convert_parse_patterns,
    parsed_text,
    time_to_str,
    with_fractions,
)
from .interval_spans import interval_span_sql, pretty_span, span_of
from .timezones import cast_to_timestamp

# Interval units that keep a date a date (year-month intervals; whole days).
_DATE_UNITS = {"YEAR", "MONTH", "WEEK", "DAY"}
# Marks `mark_dates` leaves in a tree's meta: a date operand, a number of days added to one.
_DATE_MARK = "spark_date"
_DAYS_MARK = "spark_days"
_TEXT_MARK = "spark_timestamp_text"
# A timestamp written as Spark casts it to a string: no zone, no trailing zeros of a fraction.
_TIMESTAMP_TEXT = "regexp_replace(strftime({}, '%Y-%m-%d %H:%M:%S.%f'), '\\.?0+$', '')"

# Spark's truncation levels (DateTimeUtils.parseTruncLevel) as DuckDB's date_trunc parts.
_TRUNC_LEVELS = {
    "MICROSECOND": "microseconds",
    "MILLISECOND": "milliseconds",
    "SECOND": "second",
    "MINUTE": "minute",
    "HOUR": "hour",
    "DAY": "day",
    "DD": "day",
    "WEEK": "week",
    "MON": "month",
    "MONTH": "month",
    "MM": "month",
    "QUARTER": "quarter",
    "YEAR": "year",
    "YYYY": "year",
    "YY": "year",
}
# trunc(date, fmt) accepts the levels of a whole week and above only.
_DATE_TRUNC_LEVELS = {
    k: v for k, v in _TRUNC_LEVELS.items() if v in ("week", "month", "quarter", "year")
}

# Spark's extract fields (DatePart.parseExtractField) as DuckDB date parts; all are ints. The
# fields an interval has too are named as for it (`EXTRACT_FIELDS`).
_EXTRACT_FIELDS = {
    **{name: field for name, field in EXTRACT_FIELDS.items() if field != "second"},
    "YEAROFWEEK": "isoyear",
    **dict.fromkeys(("QUARTER", "QTR"), "quarter"),
    **dict.fromkeys(("WEEK", "W", "WEEKS"), "week"),
    **dict.fromkeys(("DAYOFWEEK", "DOW"), "dayofweek"),
    **dict.fromkeys(("DAYOFWEEK_ISO", "DOW_ISO"), "isodow"),
    "DOY": "dayofyear",
}
_SECOND_FIELDS = {name for name, field in EXTRACT_FIELDS.items() if field == "second"}

# Functions of a date (Spark casts a string or timestamp argument to one) and of a timestamp.
_OF_A_DATE = (exp.Quarter, exp.LastDay, exp.NextDay, exp.AddMonths)
_OF_A_TIMESTAMP = (exp.Hour, exp.Minute, exp.Second)

_SPARK_DEFAULT_PATTERN = "'%Y-%m-%d %H:%M:%S'"
_DATETIME_TYPES = (exp.DType.DATE, exp.DType.TIMESTAMP, exp.DType.TIMESTAMPTZ)


def mark_dates(tree: exp.Expr, columns: ColumnTypes | None) -> None:
    """Marks the date operands of date arithmetic whose types only the type inference knows
    (a DATE column, ...), and the numbers of days added to them, for `is_date` and the names."""
    typer = SparkTyper(tree, columns)
    for node in tree.find_all(exp.Add, exp.Sub):
        if typer.type_of(node) is None:
            continue
        if typer.type_of(node) == STRING:  # a string plus a day-time interval
            node.meta[_TEXT_MARK] = True
            continue
        sides = [node.this, node.expression] if isinstance(node, exp.Add) else [node.this]
        for date in sides:
            if typer.type_of(date) == DATE:
                date.meta[_DATE_MARK] = True
                other = node.expression if date is node.this else node.this
                if typer.type_of(other) in DAY_COUNTS:
                    other.meta[_DAYS_MARK] = True
                break


def is_date(node: exp.Expr | None) -> bool:
    """Whether the syntax tree (or a mark of `mark_dates`) says `node` is a date."""
    if node is not None and node.meta.get(_DATE_MARK):
        return True
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Cast):
        return node.to.is_type(exp.DType.DATE)
    if isinstance(node, exp.Anonymous):
        return str(node.name).lower() == "make_date"
    return isinstance(node, DATE_FUNCTIONS)


def is_timestamp(node: exp.Expr | None) -> bool:
    """Whether the syntax tree alone says `node` is a timestamp."""
    while isinstance(node, exp.Paren):
        node = node.this
    if isinstance(node, exp.Cast):
        return node.to.is_type(exp.DType.TIMESTAMP, exp.DType.TIMESTAMPTZ)
    return isinstance(node, exp.CurrentTimestamp)


def _str_to_unix(self: DuckDBGenerator, expression: exp.StrToUnix) -> str:
    """unix_timestamp/to_unix_timestamp: seconds since the epoch as a bigint; a string is
    parsed with the pattern (NULL when it does not match), a date or timestamp taken as is."""
    value, pattern = expression.this, expression.args.get("format")
    if isinstance(pattern, exp.Literal) and "%" not in pattern.name:
        # sqlglot leaves to_unix_timestamp's Java pattern as written
        expression = expression.copy()
        expression.set("format", SPARK.format_time(pattern))
    duck_pattern = self.format_time(expression) if pattern else _SPARK_DEFAULT_PATTERN
    text = self.sql(value)
    string = parsed_text(f"CAST({text} AS VARCHAR)", expression)
    parsed = f"floor(epoch(try_strptime({string}, {duck_pattern})))"
    # Spark divides a timestamp's microseconds, which truncates toward zero.
    typed = f"trunc(epoch(TRY_CAST({text} AS TIMESTAMPTZ)))"
    if isinstance(value, exp.Literal) and value.is_string:
        seconds = parsed
    elif is_date(value) or is_timestamp(value):
        seconds = typed
    else:  # a column: which applies is only known once DuckDB has bound it
        seconds = f"CASE WHEN typeof({text}) = 'VARCHAR' THEN {parsed} ELSE {typed} END"
    return f"CAST({seconds} AS BIGINT)"


class DateTimeFunctions(DuckDBGenerator):
    """Generator methods for Spark's date and timestamp functions."""

    def add_sql(self, expression: exp.Add) -> str:
        return self._keep_date(expression, super().add_sql(expression))

    def sub_sql(self, expression: exp.Sub) -> str:
        return self._keep_date(expression, super().sub_sql(expression))

    def _keep_date(self, expression: exp.Add | exp.Sub, text: str) -> str:
        date = date_side(expression)
        other = expression.expression if date is expression.this else expression.this
        if expression.meta.get(_TEXT_MARK):  # the string read as a timestamp, then written
            sign = "+" if isinstance(expression, exp.Add) else "-"
            moved = f"(TRY_CAST({self.sql(date)} AS TIMESTAMPTZ) {sign} {self.sql(other)})"
            return _TIMESTAMP_TEXT.format(moved)
        if is_date(date) and interval_unit(other) in _DATE_UNITS:
            return f"CAST({text} AS DATE)"
        return text

    def datetrunc_sql(self, expression: exp.DateTrunc) -> str:
        # Spark's trunc(date, fmt): a date, NULL for a level below a week.
        value = f"TRY_CAST({self.sql(expression, 'this')} AS DATE)"
        truncated = self._truncated(expression.args.get("unit"), value, _DATE_TRUNC_LEVELS)
        return f"CAST({truncated} AS DATE)"

    def timestamptrunc_sql(self, expression: exp.TimestampTrunc) -> str:
        # Spark's date_trunc(fmt, ts): a timestamp (of a date or string too), NULL for an
        # unknown level; DuckDB knows neither 'MM' nor 'YY'.
        value = f"TRY_CAST({self.sql(expression, 'this')} AS TIMESTAMPTZ)"
        truncated = self._truncated(expression.args.get("unit"), value, _TRUNC_LEVELS)
        return f"CAST({truncated} AS TIMESTAMPTZ)"

    def _truncated(self, unit: Any, value: str, levels: dict[str, str]) -> str:
        if not isinstance(unit, exp.Column):  # the level as written
            level = levels.get(_level(unit))
            return f"date_trunc('{level}', {value})" if level else "NULL"
        # A level read from a column (see rewrite_datetime): chosen row by row
        names: dict[str, list[str]] = {}
        for name, part in levels.items():
            names.setdefault(part, []).append(f"'{name}'")
        whens = " ".join(
            f"WHEN upper({self.sql(unit)}) IN ({', '.join(n)}) THEN date_trunc('{part}', {value})"
            for part, n in names.items()
        )
        return f"CASE {whens} END"

    def extract_sql(self, expression: exp.Extract) -> str:
        return self.spark_extract(expression.name, expression.expression) or super().extract_sql(
            expression
        )

    def spark_extract(self, field: str, source: exp.Expr) -> str | None:
        """extract(field FROM source) typed as Spark types it; None for a field not mapped."""
        field = field.upper()
        value = self.sql(source)
        if field in _SECOND_FIELDS:  # seconds with their fraction, decimal(8,6)
            return f"CAST(date_part('microsecond', {value}) / 1000000 AS DECIMAL(8, 6))"
        part = _EXTRACT_FIELDS.get(field)
        if part is None:
            return None
        number = f"date_part('{part}', {value})"
        if part == "dayofweek":  # Spark counts Sunday as 1, DuckDB as 0
            number = f"({number} + 1)"
        return f"CAST({number} AS INT)"

    def cast_sql(self, expression: exp.Cast, safe_prefix: str | None = None) -> str:
        # Spark without ANSI mode never fails to make a date or timestamp of a string: it gives
        # NULL. Explicit CASTs are TRY_CASTs already; this covers the casts sqlglot writes for
        # arguments (datediff('x', d), to_timestamp(s)). A literal stays strict (DATE 'x' is
        # refused as Spark's parser refuses it).
        value = expression.this
        if expression.to.is_type(exp.DataType.Type.BINARY, exp.DataType.Type.VARBINARY):
            return binary_sql(self.sql(value))  # (binaries.py) UTF-8 bytes, not DuckDB's
        literal = isinstance(value, exp.Literal) and value.is_string
        if expression.to.is_type(*_DATETIME_TYPES) and not literal and not safe_prefix:
            safe_prefix = "TRY_"
        return super().cast_sql(expression, safe_prefix)

    def interval_sql(self, expression: exp.Interval) -> str:
        unit, text = expression.unit, expression.this
        if isinstance(unit, exp.IntervalSpan) and isinstance(text, exp.Literal):
            span = interval_span_sql(str(text.name), unit.this.name, unit.expression.name)
            if span is not None:
                return span
        return super().interval_sql(expression)

    def timestampfromparts_sql(self, expression: exp.TimestampFromParts) -> str:
        # make_timestamp: a timestamp of the session time zone, NULL when it does not exist
        return f"try(CAST({super().timestampfromparts_sql(expression)} AS TIMESTAMPTZ))"

    def strtotime_sql(self, expression: exp.StrToTime) -> str:
        # Spark (without ANSI mode) gives NULL for a string the pattern does not match, and a
        # timestamp of the session time zone. Written out here: sqlglot's own DuckDB output
        # re-reads its rendered text in its generic dialect, shifting `a[i]` in it once more.
        return f"CAST({self._try_strptime(expression)} AS TIMESTAMPTZ)"

    def strtodate_sql(self, expression: exp.StrToDate) -> str:
        return f"CAST({self._try_strptime(expression)} AS DATE)"

    def _try_strptime(self, expression: exp.StrToTime | exp.StrToDate) -> str:
        spark = with_fractions(expression)
        text = parsed_text(self.sql(spark, "this"), expression)
        return f"TRY_STRPTIME({text}, {self.format_time(spark)})"

    def monthsbetween_sql(self, expression: exp.MonthsBetween) -> str:
        """DateTimeUtils.monthsBetween: whole months when the days of month match (or both
        are month ends), else 31-day months counted in seconds; rounded to 8 places unless
        roundOff is false."""
        ends = ", ".join(
            f"TRY_CAST({self.sql(expression, key)} AS TIMESTAMPTZ)"
            for key in ("this", "expression")
        )
        d1, d2 = "CAST(t[1] AS DATE)", "CAST(t[2] AS DATE)"
        months = f"((year({d1}) - year({d2})) * 12 + month({d1}) - month({d2}))"
        whole = f"day({d1}) = day({d2}) OR ({d1} = last_day({d1}) AND {d2} = last_day({d2}))"
        seconds = (
            f"((day({d1}) - day({d2})) * 86400"
            f" + (epoch_us(t[1]) - epoch_us(CAST({d1} AS TIMESTAMPTZ))) // 1000000"
            f" - (epoch_us(t[2]) - epoch_us(CAST({d2} AS TIMESTAMPTZ))) // 1000000)"
        )
        diff = f"(CAST({months} AS DOUBLE) + {seconds} / CAST(2678400 AS DOUBLE))"
        rounded = f"floor({diff} * 1e8 + 0.5) / 1e8"
        round_off = expression.args.get("roundoff")
        if isinstance(round_off, exp.Boolean):
            fraction = rounded if round_off.this else diff
        elif round_off is None:
            fraction = rounded
        else:
            fraction = f"CASE WHEN {self.sql(round_off)} THEN {rounded} ELSE {diff} END"
        body = f"CASE WHEN {whole} THEN CAST({months} AS DOUBLE) ELSE {fraction} END"
        return bind(f"[{ends}]", "t", body)

    def nextday_sql(self, expression: exp.NextDay) -> str:
        # The first later date on that day of the week (SU, SUN, SUNDAY, ...); NULL for
        # another name (Spark without ANSI mode)
        day = f"upper({self.sql(expression, 'expression')})"
        names = ("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")
        whens = " ".join(
            f"WHEN {day} IN ('{n[:2]}', '{n[:3]}', '{n}') THEN {i}"
            for i, n in enumerate(names, start=1)
        )
        date = self.sql(expression, "this")
        ahead = f"(((CASE {whens} END) - isodow({date}) + 6) % 7 + 1)"
        return f"({date} + CAST({ahead} AS INTEGER))"

    def timestampdiff_sql(self, expression: exp.TimestampDiff) -> str:
        """timestampdiff(unit, start, end): whole units from start to end, as Java's
        ChronoUnit.between counts them; a month is whole only once its day and time are
        reached, which DuckDB's date_sub does not check at a month's end."""
        unit = _level(expression.args.get("unit"))
        start = f"TRY_CAST({self.sql(expression, 'expression')} AS TIMESTAMPTZ)"
        end = f"TRY_CAST({self.sql(expression, 'this')} AS TIMESTAMPTZ)"
        months_per_unit = {"MONTH": 1, "QUARTER": 3, "YEAR": 12}.get(unit)
        if months_per_unit is None:
            part = self.sql(exp.Literal.string(_TRUNC_LEVELS.get(unit, unit.lower())))
            return f"date_sub({part}, {start}, {end})"
        first, last = "CAST(t[1] AS DATE)", "CAST(t[2] AS DATE)"
        first_time = f"(epoch_us(t[1]) - epoch_us(CAST({first} AS TIMESTAMPTZ)))"
        last_time = f"(epoch_us(t[2]) - epoch_us(CAST({last} AS TIMESTAMPTZ)))"
        # LocalDateTime.until: the end date moves a day back when its time is earlier
        last_date = (
            f"(CASE WHEN {last} > {first} AND {last_time} < {first_time} THEN {last} - 1 "
            f"WHEN {last} < {first} AND {last_time} > {first_time} THEN {last} + 1 "
            f"ELSE {last} END)"
        )

        def packed(date: str) -> str:  # LocalDate.monthsUntil: month * 32 + day
            return f"((year({date}) * 12 + month({date}) - 1) * 32 + day({date}))"

        months = f"(({packed(last_date)} - {packed(first)}) // 32)"
        body = f"CAST({months} // {months_per_unit} AS BIGINT)"
        return bind(f"[{start}, {end}]", "t", body)

    def datefromunixdate_sql(self, expression: exp.DateFromUnixDate) -> str:
        return f"(DATE '1970-01-01' + CAST({self.sql(expression, 'this')} AS INTEGER))"

    def anonymous_sql(self, expression: exp.Anonymous) -> str:
        arguments = expression.expressions
        named = str(expression.name).lower() in ("date_part", "datepart")
        if named and len(arguments) == 2 and isinstance(arguments[0], exp.Literal):
            extracted = self.spark_extract(str(arguments[0].this), arguments[1])
            if extracted is not None:
                return extracted
        return super().anonymous_sql(expression)


# Nodes sqlglot's DuckDB generator renders through its TRANSFORMS table, which takes
# precedence over *_sql methods.
DATETIME_TRANSFORMS: dict[type[exp.Expr], Callable[..., str]] = {
    exp.StrToUnix: _str_to_unix,
    exp.TimeToStr: time_to_str,
    exp.MonthsBetween: DateTimeFunctions.monthsbetween_sql,
    exp.NextDay: DateTimeFunctions.nextday_sql,
    exp.TimestampDiff: DateTimeFunctions.timestampdiff_sql,
}


def rewrite_datetime(tree: exp.Expr, source: str | None) -> None:
    """Tree changes for date functions, made after the result names are taken: the implicit
    casts Spark makes of their arguments (a string to a date, ...), which DuckDB does not, and
    Java patterns converted from the query's text."""
    convert_java_patterns(tree, source)
    convert_parse_patterns(tree, source)
    cast_to_timestamp(tree)
    for truncation in list(tree.find_all(exp.DateTrunc, exp.TimestampTrunc)):
        # sqlglot reads a level given by a column as a level of that name
        written = written_arguments(truncation, source) or []
        if len(written) == 2:
            level = written[1] if isinstance(truncation, exp.DateTrunc) else written[0]
            if isinstance(level, exp.Column):
                truncation.set("unit", level)
    for node in list(tree.find_all(*_OF_A_DATE, *_OF_A_TIMESTAMP)):
        value = node.this
        if isinstance(node, _OF_A_DATE) and not is_date(value):
            value.replace(exp.TryCast(this=value.copy(), to=exp.DataType.build("DATE")))
        elif isinstance(node, _OF_A_TIMESTAMP) and not is_timestamp(value):
            to = exp.DataType.build("TIMESTAMPTZ")
            value.replace(exp.TryCast(this=value.copy(), to=to))


def _level(unit: Any) -> str:
    if isinstance(unit, exp.Expr):
        return str(unit.name).upper()
    return str(unit or "").upper()


def pretty_datetime(node: exp.Expr, p: Callable[[exp.Expr | None], str]) -> str | None:
    """Spark's names for date arithmetic and interval literals; None for other nodes."""
    if isinstance(node, exp.Interval) and node.unit is not None:
        span = span_of(node)
        return pretty_span(span) if span is not None else _pretty_interval(node)
    if not isinstance(node, exp.Add | exp.Sub):
        return None
    date = date_side(node)
    other = node.expression if date is node.this else node.this
    if is_date(date) and interval_unit(other) in ("DAY", "WEEK"):
        # Spark resolves `date + INTERVAL n DAY` to date_add(date, extractansiintervaldays(..))
        days = f"extractansiintervaldays({p(other)})"
        days = days if isinstance(node, exp.Add) else f"(- {days})"
        return f"date_add({p(date)}, {days})"
    if interval_unit(other) and not interval_unit(date):
        # Spark writes the interval second: `x + INTERVAL '1' MONTH`
        sign = "+" if isinstance(node, exp.Add) else "-"
        return f"{p(date)} {sign} {p(other)}"
    left, right = node.this, node.expression
    if isinstance(node, exp.Add) and is_date(right) and not is_date(left):
        left, right = right, left
    if is_date(left) and (right.meta.get(_DAYS_MARK) or _is_int(right)):
        # Spark resolves `date + n` to date_add(date, n), `date - n` to date_sub(date, n)
        name = "date_add" if isinstance(node, exp.Add) else "date_sub"
        return f"{name}({p(left)}, {p(right)})"
    return None


def _is_int(node: exp.Expr) -> bool:
    return isinstance(node, exp.Literal) and node.is_int


def _pretty_interval(node: exp.Interval) -> str:
    """A one-unit interval literal as Spark prints it: hours and minutes in two digits,
    seconds with a leading zero below ten (IntervalUtils.toDayTimeIntervalString)."""
    text = str(node.this.name)
    if isinstance(node.unit, exp.IntervalSpan):  # a range of units: as written
        span = node.unit
        return f"INTERVAL '{text}' {span.this.name.upper()} TO {span.expression.name.upper()}"
    unit = interval_unit(node)
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    if unit == "WEEK" and digits.isdigit():  # Spark counts weeks in days
        unit, digits = "DAY", str(int(digits) * 7)
    if unit in ("HOUR", "MINUTE") and digits.isdigit():
        digits = digits.zfill(2)
    elif unit == "SECOND" and digits.replace(".", "", 1).isdigit():
        seconds = Decimal(digits)
        digits = format(seconds.normalize(), "f")
        digits = f"0{digits}" if seconds < 10 else digits
    return f"INTERVAL '{sign}{digits}' {unit}"
