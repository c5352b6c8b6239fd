"""A double as Spark writes it: Java's Double.toString (Float.toString for floats).

Spark names a double literal and casts a double to a string with Java's text: plain between
1e-3 and 1e7 (`1234.5`, `100.0`), else one digit, a point and an exponent (`1.0E10`, `1.5E-5`),
always with the shortest digits that read back as the same number. DuckDB writes the same
digits, but plain up to 1e16 and with a Python-style exponent (`1e+20`) beyond.
"""

from __future__ import annotations

from decimal import Decimal

import sqlglot
from sqlglot import exp

_NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}

# DuckDB SQL over __v (the double), __t (DuckDB's text of it), __a (that text without its
# sign) and __s (the sign): DuckDB's exponent form `1.5e-05`, a large plain number
# `12345678.9` or a small one `0.0001` rewritten as Java writes them.
_JAVA_TEXT = """
CASE
  WHEN isnan(__v) THEN 'NaN'
  WHEN isinf(__v) THEN CASE WHEN __v > 0 THEN 'Infinity' ELSE '-Infinity' END
  WHEN __v = 0 OR (abs(__v) >= 0.001 AND abs(__v) < 10000000) THEN __t
  WHEN contains(__a, 'e') THEN __s
    || CASE WHEN contains(split_part(__a, 'e', 1), '.') THEN split_part(__a, 'e', 1)
       ELSE split_part(__a, 'e', 1) || '.0' END
    || 'E' || CAST(CAST(split_part(__a, 'e', 2) AS INTEGER) AS VARCHAR)
  WHEN abs(__v) >= 10000000 THEN __s || substr(split_part(__a, '.', 1), 1, 1) || '.'
    || coalesce(
      nullif(rtrim(substr(split_part(__a, '.', 1), 2) || split_part(__a, '.', 2), '0'), ''),
      '0')
    || 'E' || CAST(strlen(split_part(__a, '.', 1)) - 1 AS VARCHAR)
  ELSE __s || substr(ltrim(split_part(__a, '.', 2), '0'), 1, 1) || '.'
    || coalesce(nullif(substr(ltrim(split_part(__a, '.', 2), '0'), 2), ''), '0')
    || 'E-' || CAST(
      strlen(split_part(__a, '.', 2)) - strlen(ltrim(split_part(__a, '.', 2), '0')) + 1
      AS VARCHAR)
END
"""

_TEMPLATE = sqlglot.parse_one(_JAVA_TEXT, read="duckdb")


def java_double_text(value: float) -> str:
    """A double as Java's Double.toString writes it (Spark's text of a double)."""
    if repr(value) in _NON_FINITE:
        return _NON_FINITE[repr(value)]
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        text = repr(value)
        return text if "e" not in text else f"{value:f}"
    sign, digits, exponent = Decimal(repr(value)).normalize().as_tuple()
    assert isinstance(exponent, int)
    mantissa = "".join(str(d) for d in digits)
    power = exponent + len(mantissa) - 1
    fraction = mantissa[1:] or "0"
    return f"{'-' if sign else ''}{mantissa[0]}.{fraction}E{power}"


def java_double_sql(value: exp.Expr) -> exp.Expr:
    """DuckDB SQL for the text Spark casts the double `value` to."""
    text = exp.Cast(this=value.copy(), to=exp.DataType.build("VARCHAR"))
    parts = {
        "__v": value,
        "__t": text,
        "__a": exp.Anonymous(this="ltrim", expressions=[text.copy(), exp.Literal.string("-")]),
        "__s": exp.Case(
            ifs=[
                exp.If(
                    this=exp.LT(this=value.copy(), expression=exp.Literal.number(0)),
                    true=exp.Literal.string("-"),
                )
            ],
            default=exp.Literal.string(""),
        ),
    }
    template = _TEMPLATE.copy()
    for column in list(template.find_all(exp.Column)):
        if column.name in parts:
            column.replace(parts[column.name].copy())
    return template
