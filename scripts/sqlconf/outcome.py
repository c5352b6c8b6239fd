"""What one statement gave on one engine, in a form that both engines share and JSON keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Outcome:
    ok: bool
    # (name, Spark simpleString) per result column; None when the statement returns no result
    columns: list[tuple[str, str]] | None = None
    # Spark's own JSON for each column's type (the truth only): drives the value comparison
    type_json: list[Any] | None = None
    rows: list[list[Any]] | None = None
    error: str = ""
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "columns": self.columns,
            "type_json": self.type_json,
            "rows": self.rows,
            "error": self.error,
            "seconds": round(self.seconds, 4),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Outcome:
        columns = data.get("columns")
        return cls(
            ok=bool(data["ok"]),
            columns=[(str(n), str(t)) for n, t in columns] if columns is not None else None,
            type_json=data.get("type_json"),
            rows=data.get("rows"),
            error=str(data.get("error", "")),
            seconds=float(data.get("seconds", 0.0)),
        )


def first_line(message: str, limit: int = 300) -> str:
    line = next((ln.strip() for ln in message.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 3] + "..."
