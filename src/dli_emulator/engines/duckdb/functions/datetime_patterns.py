"""Java date patterns (DateTimeFormatter, as Spark's date_format, from_unixtime, to_timestamp
read them) as DuckDB strftime/strptime formats.

sqlglot converts a pattern when it parses the query, and loses quoted text ('T' keeps its
quotes, 'at' turns into am/pm), some letter counts (DDD) and fractions of a second (SSS).
Formatting functions are converted again here from the query's text; the parsing ones get
the fractions sqlglot leaves.
"""

from __future__ import annotations

from typing import TypeVar

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

from ..naming.functions import written_arguments

_E = TypeVar("_E", bound=exp.Expr)
ZULU = "java_zulu"  # meta key: the pattern's zone is written with X (which reads `Z` too)

# Java (DateTimeFormatter) pattern letters as DuckDB strftime codes, by letter and count;
# a count not listed takes the entry of the largest count below it.
_JAVA_LETTERS: dict[str, dict[int, str]] = {
    "y": {1: "%Y", 2: "%y", 3: "%Y"},
    "M": {1: "%-m", 2: "%m", 3: "%b", 4: "%B"},
    "L": {1: "%-m", 2: "%m", 3: "%b", 4: "%B"},
    "d": {1: "%-d", 2: "%d"},
    "D": {1: "%-j", 3: "%j"},
    "H": {1: "%-H", 2: "%H"},
    "h": {1: "%-I", 2: "%I"},
    "m": {1: "%-M", 2: "%M"},
    "s": {1: "%-S", 2: "%S"},
    "S": {3: "%g", 6: "%f", 9: "%n"},
    "a": {1: "%p"},
    "E": {1: "%a", 4: "%A"},
}
# Counts that a letter takes only exactly (no padding DuckDB could reproduce otherwise).
_EXACT = {
    "S": {3, 6, 9},
    "D": {1, 3},
    "d": {1, 2},
    "H": {1, 2},
    "h": {1, 2},
    "m": {1, 2},
    "s": {1, 2},
}


# strftime has no quarter: a run of Q (or q) becomes this mark around its count, which
# convert_java_patterns turns into DuckDB's quarter().
_QUARTER = "\x00"


# Zone offsets, which only parsing needs: DuckDB's %z reads +08, +0800 and +08:00.
_ZONE_LETTERS = {"X": {1: "%z"}, "x": {1: "%z"}, "Z": {1: "%z"}}


def java_to_strptime(pattern: str) -> str | None:
    """A Java date pattern as a DuckDB strptime format; None when strptime cannot read it."""
    converted = java_to_strftime(pattern, _ZONE_LETTERS)
    return None if converted is None or _QUARTER in converted else converted


def java_to_strftime(pattern: str, extra: dict[str, dict[int, str]] | None = None) -> str | None:
    """A Java date pattern as a DuckDB strftime format (quarters marked, see _QUARTER); None
    when it uses a letter (or a count of one) that strftime cannot reproduce."""
    letters = {**_JAVA_LETTERS, **(extra or {})}
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "'":
            end = pattern.find("'", index + 1)
            while end != -1 and pattern[end + 1 : end + 2] == "'":  # '' inside quotes
                end = pattern.find("'", end + 2)
            if end == -1:
                return None
            text = pattern[index + 1 : end] or "'"  # '' alone is one quote
            out.append(text.replace("''", "'").replace("%", "%%"))
            index = end + 1
        elif char.isascii() and char.isalpha():
            count = len(pattern) - index - len(pattern[index:].lstrip(char))
            if char in "Qq" and count <= 4:
                out.append(f"{_QUARTER}{count}{_QUARTER}")
                index += count
                continue
            codes = letters.get(char)
            exact = _EXACT.get(char)
            if codes is None or (exact is not None and count not in exact):
                return None
            out.append(codes[max(c for c in codes if c <= count)])
            index += count
        else:
            out.append("%%" if char == "%" else char)
            index += 1
    return "".join(out)


def with_fractions(expression: _E) -> _E:
    """A copy whose converted pattern reads Java's fractions of a second (S...), which
    sqlglot leaves as they are."""
    pattern = expression.args.get("format")
    if not isinstance(pattern, exp.Literal) or "SSS" not in pattern.name:
        return expression
    text = str(pattern.this)
    for java, duck in (("SSSSSSSSS", "%n"), ("SSSSSS", "%f"), ("SSS", "%g")):
        text = text.replace(java, duck)
    expression = expression.copy()
    expression.set("format", exp.Literal.string(text))
    return expression


def time_to_str(self: DuckDBGenerator, expression: exp.TimeToStr) -> str:
    expression = with_fractions(expression)
    return self.func("STRFTIME", expression.this, self.format_time(expression))


def convert_java_patterns(tree: exp.Expr, source: str | None) -> None:
    """date_format and from_unixtime with the pattern converted from the query's text; the
    ones whose pattern strftime cannot reproduce keep sqlglot's conversion."""
    for formatting in list(tree.find_all(exp.TimeToStr, exp.UnixToStr)):
        written = written_arguments(formatting, source) or []
        pattern = written[1] if len(written) == 2 else None
        if isinstance(pattern, exp.Literal) and pattern.is_string:
            converted = java_to_strftime(str(pattern.this))
            if converted is not None:
                value = formatting.this.copy()
                if isinstance(formatting, exp.UnixToStr):  # from_unixtime: seconds
                    value = exp.Anonymous(this="to_timestamp", expressions=[value])
                formatting.replace(_formatted(value, converted))


def convert_parse_patterns(tree: exp.Expr, source: str | None) -> None:
    """to_timestamp, to_date, unix_timestamp with the pattern converted from the query's text
    (sqlglot keeps quoted text such as 'T' as separate, unconverted pieces). A zone written
    with X reads a trailing `Z` as UTC, as Java does."""
    for parsing in list(tree.find_all(exp.StrToTime, exp.StrToDate, exp.StrToUnix)):
        written = written_arguments(parsing, source) or []
        pattern = written[1] if len(written) == 2 else None
        if not (isinstance(pattern, exp.Literal) and pattern.is_string):
            continue
        converted = java_to_strptime(str(pattern.this))
        if converted is None:
            continue
        parsing.set("format", exp.Literal.string(converted))
        parsing.meta[ZULU] = "X" in _unquoted(str(pattern.this))


def parsed_text(text: str, expression: exp.Expr) -> str:
    """The string to parse: for a zone written with X, a trailing `Z` read as +00 (UTC)."""
    return f"regexp_replace({text}, 'Z$', '+00')" if expression.meta.get(ZULU) else text


def _unquoted(pattern: str) -> str:
    """The pattern without its quoted text."""
    return "".join(part for index, part in enumerate(pattern.split("'")) if index % 2 == 0)


def _formatted(value: exp.Expr, converted: str) -> exp.Expr:
    """strftime of `value`, its quarter marks as DuckDB's quarter() concatenated in."""
    parts: list[exp.Expr] = []
    for index, segment in enumerate(converted.split(_QUARTER)):
        if index % 2:
            parts.append(_quarter(value, int(segment)))
        elif segment:
            parts.append(
                exp.Anonymous(
                    this="strftime", expressions=[value.copy(), exp.Literal.string(segment)]
                )
            )
    text = parts[0] if parts else exp.Literal.string("")
    for part in parts[1:]:
        text = exp.DPipe(this=text, expression=part)
    return text


def _quarter(value: exp.Expr, count: int) -> exp.Expr:
    """Java's Q: 3, 03, Q3, 3rd quarter."""
    number = exp.cast(exp.Anonymous(this="quarter", expressions=[value.copy()]), "VARCHAR")
    if count == 2:
        return exp.Anonymous(
            this="lpad", expressions=[number, exp.Literal.number(2), exp.Literal.string("0")]
        )
    if count == 3:
        return exp.DPipe(this=exp.Literal.string("Q"), expression=number)
    if count == 4:
        suffix = exp.Anonymous(
            this="list_extract",
            expressions=[
                exp.Array(expressions=[exp.Literal.string(s) for s in ("st", "nd", "rd", "th")]),
                exp.Anonymous(this="quarter", expressions=[value.copy()]),
            ],
        )
        return exp.DPipe(
            this=exp.DPipe(this=number, expression=suffix),
            expression=exp.Literal.string(" quarter"),
        )
    return number
