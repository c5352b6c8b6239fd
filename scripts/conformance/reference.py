"""The API reference, as our own table of its facts (tests/data/api-reference.tsv)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .fields import Difference, FieldInfo, Key

ORACLE = "the API reference"
COLUMNS = [
    "operation",
    "direction",
    "location",
    "field",
    "mandatory",
    "type",
    "range",
    "constraints",
    "source",
]
# Reference type -> (JSON type class, format the spec must declare or None for any).
TYPES: dict[str, tuple[str, str | None]] = {
    "string": ("string", None),
    "boolean": ("boolean", None),
    "integer": ("integer", "int32"),
    "long": ("integer", "int64"),
    "double": ("number", "double"),
    "object": ("object", None),
    "map": ("object", None),
    "map<string,integer>": ("object", None),
}


@dataclass(frozen=True)
class ReferenceRow:
    operation: str
    direction: str
    location: str
    field: str
    mandatory: str  # yes, no, or - (the page states nothing)
    type: str
    range: str
    constraints: str
    source: str

    @property
    def key(self) -> Key:
        return (self.operation, self.direction, self.location, self.field)


def reference_rows(path: Path) -> list[ReferenceRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(
            (line for line in handle if not line.startswith("#")), delimiter="\t"
        )
        if reader.fieldnames != COLUMNS:
            raise ValueError(f"{path}: columns must be {COLUMNS}, got {reader.fieldnames}")
        return [ReferenceRow(**{k: (v or "").strip() for k, v in row.items()}) for row in reader]


def _expected_type(row: ReferenceRow) -> tuple[str, str | None]:
    if row.type.startswith("array"):
        return ("array", None)
    return TYPES[row.type]


def compare_reference(rows: list[ReferenceRow], spec: dict[Key, FieldInfo]) -> list[Difference]:
    """Every way the spec differs from the reference table, and spec fields the table lacks."""
    found: list[Difference] = []
    listed = {row.key for row in rows}

    def differ(check: str, key: Key, ours: str, theirs: str) -> None:
        op, direction, location, name = key
        found.append(Difference(check, op, f"{direction} {location} {name}", ours, theirs, ORACLE))

    for row in rows:
        info = spec.get(row.key)
        source = f"{row.source}"
        if info is None:
            differ("reference-field", row.key, "no such field", f"a {row.type} ({source})")
            continue
        if row.mandatory in ("yes", "no") and info.required != (row.mandatory == "yes"):
            ours = "required" if info.required else "optional"
            theirs = "mandatory" if row.mandatory == "yes" else "not mandatory"
            differ("reference-mandatory", row.key, ours, f"{theirs} ({source})")
        kind, fmt = _expected_type(row)
        if kind not in info.type_class.split("|") and info.type_class != "any":
            differ("reference-type", row.key, info.type_class, f"{row.type} ({source})")
        elif fmt is not None and kind == "integer" and info.format != fmt:
            differ("reference-width", row.key, str(info.format), f"{row.type} = {fmt} ({source})")
        if row.direction == "request" and info.constraints != row.constraints:
            differ(
                "request-constraint",
                row.key,
                info.constraints or "no constraint",
                f"{row.constraints or 'no constraint'} ({source})",
            )
    for key, info in sorted(spec.items()):
        if key not in listed:
            differ("reference-missing", key, f"a {info.type_class}", "no row in the table")
    return found
