"""Spark's string functions on DuckDB, where DuckDB has none of that name or its own differs.

Each rule follows Spark's definition (`UTF8String`, `stringExpressions.scala`): `substr` reads
position 0 as 1 and a negative length as empty, `concat` and `repeat` of a NULL literal are a
NULL string, `format_string` is Java's printf (DuckDB's `printf` wants strings for `%s`),
`levenshtein` with a threshold is -1 beyond it, `regexp_substr` NULL without a match, and
`soundex`, `substring_index`, `format_number`, `find_in_set`, `mask` are written out in
DuckDB SQL.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlglot import exp
from sqlglot.generators.duckdb import DuckDBGenerator

from .binding import bind

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Spark's US_ENGLISH_MAPPING: one digit per letter A..Z; 0 for vowels, 7 for H and W (skipped).
_SOUNDEX_CODES = "01230127022455012623017202"


def _soundex(s: str) -> str:
    """Spark's soundex: the first letter, then up to three codes of the following letters,
    a code equal to the one before it (H and W between them ignored) left out, zero-padded.
    A string that does not start with an ASCII letter is returned unchanged."""
    # The first letter's code only stops a repeat of itself; H or W there stops nothing (9).
    first = f"translate(upper(left({s}, 1)), '{_LETTERS}', '{_SOUNDEX_CODES.replace('7', '9')}')"
    # Non-letters separate repeats as vowels do (code 0); H and W vanish.
    rest = (
        f"replace(translate(upper(regexp_replace(substr({s}, 2), '[^A-Za-z]', '0', 'g')), "
        f"'{_LETTERS}', '{_SOUNDEX_CODES}'), '7', '')"
    )
    runs = f"({first} || {rest})"
    for digit in "123456":  # no back-references in DuckDB's regular expressions
        runs = f"regexp_replace({runs}, '{digit}+', '{digit}', 'g')"
    digits = f"rpad(left(replace(substr({runs}, 2), '0', ''), 3), 3, '0')"
    return (
        f"CASE WHEN {s} = '' OR NOT regexp_matches(left({s}, 1), '^[A-Za-z]$') THEN {s} "
        f"ELSE upper(left({s}, 1)) || {digits} END"
    )


def _substring_index(s: str, delimiter: str, count: str) -> str:
    """Everything before the count-th delimiter (after it, counting from the right, when the
    count is negative); the whole string when there are fewer; empty for 0 or ''."""
    return (
        f"CASE WHEN ({s}) IS NULL OR ({delimiter}) IS NULL OR ({count}) IS NULL THEN NULL "
        f"WHEN ({count}) = 0 OR ({delimiter}) = '' THEN '' "
        f"WHEN ({count}) > 0 THEN "
        f"array_to_string(string_split({s}, {delimiter})[1:{count}], {delimiter}) "
        f"ELSE array_to_string(string_split({s}, {delimiter})[{count}:], {delimiter}) END"
    )


# mask(): Java's character classes (Character.getType) and the default replacements.
_MASK_CLASSES = (("\\p{Lu}", "'X'"), ("\\p{Ll}", "'x'"), ("\\p{Nd}", "'n'"))

# A Java format specifier: %[index$][flags][width][.precision]conversion
_JAVA_SPECIFIER = re.compile(r"%(\d+\$)?([-#+ 0,(<]*)(\d+)?(\.\d+)?([a-zA-Z%])")


class TextFunctions(DuckDBGenerator):
    """Generator methods for Spark's string functions (mixed into the engine's generator)."""

    def substring_sql(self, expression: exp.Substring) -> str:
        # Spark's substr takes position 0 as 1 and a negative length as 0; DuckDB counts
        # position 0 as the place before the first character.
        spark = expression.copy()
        spark.set("zero_start", True)
        return super().substring_sql(spark)

    def concat_sql(self, expression: exp.Concat) -> str:
        # concat('a', NULL) is a NULL string in Spark; DuckDB's `'a' || NULL` is of type NULL.
        typed = expression.copy()
        for argument in typed.expressions:
            if isinstance(argument, exp.Null):
                argument.replace(exp.cast(exp.null(), exp.DType.VARCHAR))
        return super().concat_sql(typed)

    def soundex_sql(self, expression: exp.Soundex) -> str:
        return _soundex(f"({self.sql(expression, 'this')})")

    def substringindex_sql(self, expression: exp.SubstringIndex) -> str:
        parts = (self.sql(expression, key) for key in ("this", "delimiter", "count"))
        return _substring_index(*parts)

    def repeat_sql(self, expression: exp.Repeat) -> str:
        # repeat(NULL, n) is a NULL string; DuckDB picks its binary overload for a NULL
        text = expression.this
        typed = exp.cast(text, exp.DType.VARCHAR) if isinstance(text, exp.Null) else text
        return self.func("repeat", typed, expression.args.get("times"))

    def bitlength_sql(self, expression: exp.BitLength) -> str:
        return f"CAST({super().bitlength_sql(expression)} AS INT)"

    def regexpsubstr_sql(self, expression: exp.RegexpSubstr) -> str:
        # The first match, NULL when there is none (DuckDB's regexp_extract gives '').
        text, pattern = self.sql(expression, "this"), self.sql(expression, "expression")
        return (
            f"CASE WHEN regexp_matches({text}, {pattern}) "
            f"THEN regexp_extract({text}, {pattern}) END"
        )

    def mask_sql(self, text: exp.Expr, replacements: list[exp.Expr]) -> str:
        """mask(str[, upper[, lower[, digit[, other]]]]): each character by its class; a NULL
        replacement keeps the class as it is (Spark wants constants here)."""
        given = [self.sql(r) for r in replacements]
        whens = []
        for index, (pattern, default) in enumerate(_MASK_CLASSES):
            replacement = given[index] if index < len(given) else default
            replacement = "c" if replacement == "NULL" else replacement
            whens.append(f"WHEN regexp_full_match(c, '{pattern}') THEN {replacement}")
        other = given[3] if len(given) > 3 and given[3] != "NULL" else "c"
        chars = f"string_split({self.sql(text)}, '')"
        body = f"CASE {' '.join(whens)} ELSE {other} END"
        return f"array_to_string(list_transform({chars}, lambda c: {body}), '')"

    def format_sql(self, expression: exp.Format) -> str:
        # format_string/printf are Java's Formatter, closest to DuckDB's printf (sqlglot would
        # turn the pattern into fmt's {} placeholders, which fails on %03d and the like).
        pattern = expression.this
        arguments = [self.sql(a) for a in expression.expressions]
        if isinstance(pattern, exp.Literal) and pattern.is_string:
            text = str(pattern.this)
            for index in _string_conversions(text, len(arguments)):
                # Java prints any value for %s (null as "null"); DuckDB's %s wants a string.
                arguments[index] = f"coalesce(CAST({arguments[index]} AS VARCHAR), 'null')"
            # Java's %n is a line break (%% stays a percent sign for printf)
            text = re.sub("%([%n])", lambda m: "%%" if m.group(1) == "%" else "\n", text)
            pattern = exp.Literal.string(text)
        return self.func("printf", pattern, *arguments)

    def format_number_sql(self, value: exp.Expr, places: exp.Expr) -> str:
        """format_number(x, d): grouped thousands, d decimals rounded half-even; NULL for d < 0."""
        number = self.sql(value)
        if isinstance(places, exp.Literal) and not places.is_string and places.is_int:
            digits = int(places.to_py())
            rounded = f"CAST(round_even({number}, {digits}) AS DOUBLE)"
            return f"format('{{:,.{digits}f}}', {rounded})" if digits >= 0 else "NULL"
        count = self.sql(places)
        return (
            f"CASE WHEN ({count}) < 0 THEN NULL ELSE "
            f"format('{{:,.' || CAST({count} AS VARCHAR) || 'f}}', CAST({number} AS DOUBLE)) END"
        )

    def anonymous_sql(self, expression: exp.Anonymous) -> str:
        name, arguments = str(expression.name).lower(), expression.expressions
        if name == "format_number" and len(arguments) == 2:
            return self.format_number_sql(*arguments)
        if name == "mask" and 1 <= len(arguments) <= 5:
            return self.mask_sql(arguments[0], arguments[1:])
        if name == "printf" and arguments:
            return self.format_sql(exp.Format(this=arguments[0], expressions=arguments[1:]))
        return super().anonymous_sql(expression)


def _initcap(self: DuckDBGenerator, expression: exp.Initcap) -> str:
    """Spark's initcap: the string in lower case, each letter after a space (only a space)
    in upper case (`UTF8String.toLowerCase().toTitleCase()`). Written out here: sqlglot's own
    output re-reads its text in its generic dialect, shifting an `a[i]` argument once more."""
    words = f"string_split(lower({self.sql(expression, 'this')}), ' ')"
    title = "lambda w: upper(left(w, 1)) || substr(w, 2)"
    return f"array_to_string(list_transform({words}, {title}), ' ')"


def _split(self: DuckDBGenerator, expression: exp.RegexpSplit) -> str:
    """split(str, regex[, limit]) as Java's String.split: with a limit k > 0 at most k parts,
    the last one the rest of the string after the (k-1)-th match; k <= 0 splits everywhere."""
    text, pattern = self.sql(expression, "this"), self.sql(expression, "expression")
    parts = f"str_split_regex({text}, {pattern})"
    limit = expression.args.get("limit")
    if limit is None:
        return parts
    k = self.sql(limit)
    # the rest starts after the first k-1 parts and the k-1 matches between them
    total = "CAST(list_sum(list_transform({0}[1:{1} - 1], lambda x: length(x))) AS BIGINT)"
    before = total.format("b.p", k)
    matches = total.format(f"regexp_extract_all(b.s, {pattern})", k)
    rest = f"substr(b.s, {before} + {matches} + 1)"
    body = (
        f"CASE WHEN {k} <= 0 OR len(b.p) <= {k} THEN b.p WHEN {k} = 1 THEN [b.s] "
        f"ELSE list_concat(b.p[1:{k} - 1], [{rest}]) END"
    )
    bound = bind(f"{{'s': {text}, 'p': {parts}}}", "b", body)
    return f"CASE WHEN ({text}) IS NOT NULL THEN {bound} END"


# Nodes sqlglot's DuckDB generator renders through its TRANSFORMS table (ahead of *_sql methods).
TEXT_TRANSFORMS: dict[type[exp.Expr], Callable[..., str]] = {
    exp.Initcap: _initcap,
    exp.RegexpSplit: _split,
}


def rewrite_text(tree: exp.Expr) -> None:
    """Tree changes for string functions, made after the result names are taken."""
    for distance in list(tree.find_all(exp.Levenshtein)):
        threshold = distance.args.get("ins_cost")
        if threshold is not None:
            # levenshtein(a, b, threshold): -1 when the distance exceeds the threshold
            plain = exp.Levenshtein(this=distance.this, expression=distance.expression)
            distance.replace(
                exp.case()
                .when(exp.GT(this=plain, expression=threshold), exp.Literal.number(-1))
                .else_(plain.copy())
            )


def _string_conversions(pattern: str, count: int) -> set[int]:
    """The arguments a Java format pattern prints only with %s (0-based)."""
    as_string: set[int] = set()
    other: set[int] = set()
    implicit = 0
    for match in _JAVA_SPECIFIER.finditer(pattern):
        conversion = match.group(5)
        if conversion in "%n":
            continue
        if match.group(1):
            index = int(match.group(1)[:-1]) - 1
        else:
            index, implicit = implicit, implicit + 1
        (as_string if conversion in "sS" else other).add(index)
    return {i for i in as_string - other if 0 <= i < count}
