"""Known differences between the spec and its oracles, each with the reason it stays."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .fields import Difference

COLUMNS = ["check", "operation", "field", "reason"]


@dataclass(frozen=True)
class AllowEntry:
    check: str
    operation: str
    field: str
    reason: str

    def matches(self, difference: Difference) -> bool:
        return (self.check, self.operation, self.field) == (
            difference.check,
            difference.operation,
            difference.field,
        )


def load_allowlist(path: Path) -> list[AllowEntry]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t"
        )
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{path}: columns must be {COLUMNS}, got {reader.fieldnames}")
        entries = [AllowEntry(**{k: (v or "").strip() for k, v in row.items()}) for row in reader]
    for entry in entries:
        if len(entry.reason) < 20:
            raise ValueError(
                f"{path}: {entry.check} {entry.operation} {entry.field}: give a reason"
            )
    return entries


def unexplained(
    differences: list[Difference], allowlist: list[AllowEntry]
) -> tuple[list[Difference], list[AllowEntry]]:
    """The differences no entry explains, and the entries that explain nothing (stale)."""
    left = [d for d in differences if not any(e.matches(d) for e in allowlist)]
    used = [e for e in allowlist if any(e.matches(d) for d in differences)]
    stale = [e for e in allowlist if e not in used]
    return left, stale
