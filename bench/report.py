"""Figures, their targets, the printed table and BENCHMARKS.md."""

import operator
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

_COMPARE: dict[str, Callable[[float, float], bool]] = {"<=": operator.le, ">=": operator.ge}


@dataclass(frozen=True)
class Target:
    """`value <op> bound`, e.g. Target("<=", 1.15, "x raw httpx")."""

    op: str
    bound: float
    unit: str = ""

    def __post_init__(self) -> None:
        if self.op not in _COMPARE:
            raise ValueError(f"target operator must be one of {sorted(_COMPARE)}, got {self.op!r}")

    def met(self, value: float) -> bool:
        return _COMPARE[self.op](value, self.bound)

    def __str__(self) -> str:
        return f"{self.op} {self.bound:g}{self.unit}"


@dataclass(frozen=True)
class Figure:
    section: str
    name: str
    value: float | None  # None: not measured (the note says why)
    unit: str
    target: Target | None = None
    note: str = ""

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        if self.value is None:
            return "not measured"
        return "met" if self.target.met(self.value) else "MISSED"


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(
        self,
        section: str,
        name: str,
        value: float | None,
        unit: str,
        target: Target | None = None,
        note: str = "",
    ) -> Figure:
        figure = Figure(section, name, value, unit, target, note)
        self.figures.append(figure)
        return figure

    @property
    def missed(self) -> list[Figure]:
        return [f for f in self.figures if f.verdict == "MISSED"]


HEADER = ("section", "figure", "value", "target", "verdict", "note")


def _cells(figure: Figure) -> tuple[str, ...]:
    value = "-" if figure.value is None else f"{_number(figure.value)} {figure.unit}".strip()
    target = str(figure.target) if figure.target else ""
    return (figure.section, figure.name, value, target, figure.verdict, figure.note)


def _number(value: float) -> str:
    if value == 0 or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"


def table(figures: Sequence[Figure]) -> str:
    """A plain-text table for the terminal."""
    rows = [HEADER, *(_cells(f) for f in figures)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def markdown(
    report: Report, machine: Mapping[str, str], date: str, command: str, method: Sequence[str]
) -> str:
    """BENCHMARKS.md: how to reproduce, the machine, the figures and how they were taken."""

    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"

    lines = [
        "# Benchmarks",
        "",
        f"Written by `{command}` on {date}; `make bench` measures again. Ratios compare figures "
        "taken in the same run, on the machine below.",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *(row((name, value)) for name, value in machine.items()),
        "",
        "## Figures",
        "",
        row(HEADER),
        row(["---"] * len(HEADER)),
        *(row(_cells(f)) for f in report.figures),
        "",
        "## Method",
        "",
        *(f"- {line}" for line in method),
    ]
    if report.notes:
        lines += ["", "## Notes from this run", "", *(f"- {note}" for note in report.notes)]
    return "\n".join(lines) + "\n"
