"""The corpus: one file per category; a `-- setup` section, then a `-- queries` section.

Statements end with `;` at the end of a line. The first comment line describes the category.
A `-- whole` line marks a category whose queries build on each other (DDL, DML): a sampled run
still runs every query of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_END = re.compile(r";[ \t]*(?:\n|$)")
_ORDER_BY = re.compile(r"ORDER\s+BY\b")


@dataclass(frozen=True)
class Query:
    category: str
    number: int  # 1-based within its category
    sql: str
    whole: bool = False  # its category runs whole even when sampled

    @property
    def key(self) -> str:
        return f"{self.category}#{self.number}"


@dataclass(frozen=True)
class Category:
    name: str
    description: str
    setup: tuple[str, ...]
    queries: tuple[Query, ...]


def load(folder: Path) -> list[Category]:
    return [parse(path) for path in sorted(folder.glob("*.sql"))]


def parse(path: Path) -> Category:
    name = path.stem.split("_", 1)[-1]
    description = ""
    whole = False
    sections: dict[str, list[str]] = {"setup": [], "queries": []}
    current: list[str] | None = None
    for line in path.read_text().splitlines():
        marker = line.strip().lower()
        if marker in ("-- setup", "-- queries"):
            current = sections[marker[3:]]
        elif marker == "-- whole":
            whole = True
        elif line.startswith("--"):
            description = description or line[2:].strip()
        elif current is not None:
            current.append(line)
        elif line.strip():
            raise ValueError(f"{path.name}: SQL before `-- setup` or `-- queries`: {line!r}")
    setup = tuple(_statements("\n".join(sections["setup"])))
    queries = tuple(
        Query(name, n, sql, whole)
        for n, sql in enumerate(_statements("\n".join(sections["queries"])), start=1)
    )
    return Category(name, description, setup, queries)


def _statements(text: str) -> list[str]:
    return [part.strip() for part in _END.split(text) if part.strip()]


def is_ordered(sql: str) -> bool:
    """Whether the statement's outermost query ends in ORDER BY (so row order is part of it)."""
    depth, quote = 0, ""
    upper = sql.upper()
    last_order = -1
    i = 0
    while i < len(sql):
        ch = sql[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and _ORDER_BY.match(upper, i) and (i == 0 or not sql[i - 1].isalnum()):
            last_order = i
        i += 1
    return last_order >= 0
