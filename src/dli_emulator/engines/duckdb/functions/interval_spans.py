"""Spark's interval literals over a range of units (`INTERVAL '1 02:00:00' DAY TO SECOND`,
`INTERVAL '1-2' YEAR TO MONTH`), which DuckDB's parser does not read, as DuckDB intervals.

The text is read as Spark's `IntervalUtils` reads it for each range: an optional sign for the
whole value, then `y-m` for YEAR TO MONTH, `d h`, `d h:m`, `d h:m:s[.f]` for DAY TO HOUR,
MINUTE, SECOND, `h:m`, `h:m:s[.f]` for HOUR TO MINUTE, SECOND, and `m:s[.f]` for MINUTE TO
SECOND. A year-month interval becomes months, a day-time one microseconds (as Spark stores them).
"""

from __future__ import annotations

import re
from decimal import Decimal

_NUMBER = r"(\d+)"
_SECONDS = r"(\d+(?:\.\d{1,9})?)"
# (start, end) -> the pattern of the text after the sign, and the unit of each group
_FORMS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("YEAR", "MONTH"): (rf"{_NUMBER}-{_NUMBER}", ("year", "month")),
    ("DAY", "HOUR"): (rf"{_NUMBER} {_NUMBER}", ("day", "hour")),
    ("DAY", "MINUTE"): (rf"{_NUMBER} {_NUMBER}:{_NUMBER}", ("day", "hour", "minute")),
    ("DAY", "SECOND"): (
        rf"{_NUMBER} {_NUMBER}:{_NUMBER}:{_SECONDS}",
        ("day", "hour", "minute", "second"),
    ),
    ("HOUR", "MINUTE"): (rf"{_NUMBER}:{_NUMBER}", ("hour", "minute")),
    ("HOUR", "SECOND"): (rf"{_NUMBER}:{_NUMBER}:{_SECONDS}", ("hour", "minute", "second")),
    ("MINUTE", "SECOND"): (rf"{_NUMBER}:{_SECONDS}", ("minute", "second")),
}
_MICROS = {
    "day": 86_400_000_000,
    "hour": 3_600_000_000,
    "minute": 60_000_000,
    "second": 1_000_000,
}


def interval_span_sql(text: str, start: str, end: str) -> str | None:
    """DuckDB SQL for Spark's `INTERVAL 'text' start TO end`; None when Spark would not read it."""
    form = _FORMS.get((start.upper(), end.upper()))
    if form is None:
        return None
    pattern, units = form
    match = re.fullmatch(rf"\s*([+-]?)\s*{pattern}\s*", text)
    if match is None:
        return None
    sign = -1 if match.group(1) == "-" else 1
    values = [Decimal(v) for v in match.groups()[1:]]
    if units[0] == "year":
        return f"to_months({sign * int(values[0] * 12 + values[1])})"
    micros = sum(v * _MICROS[u] for v, u in zip(values, units, strict=True))
    return f"to_microseconds(CAST({sign * int(micros)} AS BIGINT))"
