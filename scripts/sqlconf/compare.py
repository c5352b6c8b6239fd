"""One engine's outcome against Spark's: rows (ordered only under ORDER BY), types, names."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .corpus import Query, is_ordered
from .outcome import Outcome
from .values import row_key

_SHOWN = 240


@dataclass
class Verdict:
    rows: bool
    types: bool
    names: bool
    notes: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return self.rows and self.types and self.names


def compare(query: Query, truth: Outcome, got: Outcome) -> Verdict:
    if not truth.ok:
        if got.ok:
            return Verdict(False, False, False, [f"Spark refuses it ({truth.error}); answered"])
        return Verdict(True, True, True)
    if not got.ok:
        return Verdict(False, False, False, [f"fails: {got.error}"])
    if truth.columns is None:
        return Verdict(True, True, True)
    if got.columns is None:
        return Verdict(False, False, False, ["no result where Spark has one"])
    notes = []
    names = [n for n, _ in truth.columns] == [n for n, _ in got.columns]
    if not names:
        notes.append(
            f"names: Spark {_show([n for n, _ in truth.columns])}, "
            f"got {_show([n for n, _ in got.columns])}"
        )
    types = [t for _, t in truth.columns] == [t for _, t in got.columns]
    if not types:
        notes.append(
            f"types: Spark {_show([t for _, t in truth.columns])}, "
            f"got {_show([t for _, t in got.columns])}"
        )
    expected, actual = truth.rows or [], got.rows or []
    if not is_ordered(query.sql):
        expected, actual = sorted(expected, key=row_key), sorted(actual, key=row_key)
    rows = expected == actual
    if not rows:
        notes.append(f"rows: Spark {_show(expected)}, got {_show(actual)}")
    return Verdict(rows, types, names, notes)


def _show(value: Any) -> str:
    text = json.dumps(value, default=str, ensure_ascii=False)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."
