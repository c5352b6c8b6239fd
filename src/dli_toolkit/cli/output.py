"""What the `dli` command line prints: tables, fields, times, coloured statuses, a live wait.

On a terminal: boxed tables, colours, a progress bar. Into a pipe or a file: tab-separated lines
and plain text, so scripts read the same words a person sees. Colour is off when stdout (or
stderr, for what goes there) is not a terminal or NO_COLOR is set (https://no-color.org).
Times are UTC and say so.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import IO, Any, Literal

import typer
from dli_client.models.job_status import JobStatus
from dli_client.models.sub_job import SubJob
from dli_client.types import Unset
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from dli_toolkit.results import QueryResult
from dli_toolkit.waiting import JobUpdate

Output = Literal["table", "json", "csv"]

STATUS_COLOURS: dict[str, str] = {
    JobStatus.FINISHED: "green",
    JobStatus.FAILED: "red",
    JobStatus.CANCELLED: "yellow",
    JobStatus.RUNNING: "cyan",
    JobStatus.LAUNCHING: "cyan",
}


def colour_on(stream: IO[str]) -> bool:
    """Whether to colour what goes to `stream`."""
    return stream.isatty() and not os.environ.get("NO_COLOR")


def status_text(status: object, stream: IO[str] | None = None) -> str:
    """A job status, coloured for a terminal."""
    text = str(status)
    colour = STATUS_COLOURS.get(text)
    if colour is None or not colour_on(stream or sys.stdout):
        return text
    return typer.style(text, fg=colour, bold=text == JobStatus.FAILED)


def when(epoch_ms: int | Unset) -> str:
    """An epoch-milliseconds time as `YYYY-MM-DD HH:MM:SS UTC`."""
    if isinstance(epoch_ms, Unset):
        return ""
    return datetime.fromtimestamp(epoch_ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def seconds(milliseconds: int | Unset) -> str:
    return "" if isinstance(milliseconds, Unset) else f"{milliseconds / 1000:.1f}s"


def output_format(as_json: bool, as_csv: bool) -> Output:
    if as_json and as_csv:
        raise typer.BadParameter("give --json or --csv, not both", param_hint="--json/--csv")
    return "json" if as_json else "csv" if as_csv else "table"


def print_result(result: QueryResult, output: Output) -> None:
    if output == "json":
        result.write_json(sys.stdout)
    elif output == "csv":
        result.write_csv(sys.stdout)
    else:
        print_table(result.column_names, result.text_rows(null="NULL"))
    if result.truncated:
        # On stderr, so that a pipe of the rows stays clean, but never silent.
        typer.echo(
            f"showing {result.shown_rows} of {result.total_rows} rows; "
            f"dli fetch {result.job_id} gets all",
            err=True,
        )


def print_fields(fields: Sequence[tuple[str, Any]]) -> None:
    """`name  value` lines, names aligned; unset and empty values left out."""
    shown = [(name, value) for name, value in fields if not isinstance(value, Unset)]
    shown = [(name, value) for name, value in shown if value not in ("", None)]
    width = max((len(name) for name, _ in shown), default=0)
    for name, value in shown:
        typer.echo(f"{name:<{width}}  {value}")


def print_answer(answer: object, names: str) -> None:
    """`print_fields` of an answer's fields `names` (space-separated, in order), each under its
    short label and in its readable form (times, durations, coloured statuses, tags, shares)."""
    fields = []
    for name in names.split():
        value = getattr(answer, name)
        if not isinstance(value, Unset) and name in _RENDER:
            value = _RENDER[name](value)
        fields.append((_LABELS.get(name, name), value))
    print_fields(fields)


_LABELS = {
    "queue_name": "queue",
    "start_time": "started",
    "database_name": "database",
    "table_name": "table",
}
_RENDER: dict[str, Callable[[Any], object]] = {
    "status": status_text,
    "start_time": when,
    "duration": seconds,
    "tags": lambda tags: ", ".join(f"{tag.key}={tag.value}" for tag in tags),
    "progress": lambda share: f"{share * 100:.0f}%",
}


def print_table(
    headers: list[str],
    rows: list[list[str]],
    *,
    squeeze: bool = False,
    status_column: int | None = None,
) -> None:
    """A boxed table on a terminal; tab-separated lines (header first) for a pipe or a file.

    With `squeeze`, every cell stays on one line and the last column is cut with an ellipsis
    to fit the terminal (rich would otherwise narrow the short columns first). The cells of
    `status_column` are coloured by status.
    """
    if not sys.stdout.isatty():
        for line in [headers, *rows]:
            typer.echo("\t".join(" ".join(cell.split()) for cell in line))
        return
    # rich leaves colour out by itself under NO_COLOR.
    console = Console(highlight=False)
    table = Table(*headers)
    for row in rows:
        cells: list[str | Text] = list(row)
        if status_column is not None:
            status = row[status_column]
            cells[status_column] = Text(status, style=STATUS_COLOURS.get(status, ""))
        table.add_row(*cells)
    if squeeze:
        for column in table.columns:
            column.no_wrap = True
        widths = [max(len(line[i]) for line in [headers, *rows]) for i in range(len(headers))]
        # Each column takes its width plus 3 (padding and a rule), the table one more rule.
        room = console.width - sum(widths[:-1]) - (3 * len(headers) + 1)
        table.columns[-1].overflow = "ellipsis"
        table.columns[-1].max_width = max(room, len(headers[-1]))
    console.print(table)


def print_sub_jobs(sub_jobs: Sequence[SubJob]) -> None:
    """The Spark jobs of a DLI job: ID, status, tasks done of all, name."""

    def text(value: object) -> str:
        return "?" if isinstance(value, Unset) else str(value)

    rows = [
        [
            text(sub.id),
            text(sub.status),
            f"{text(sub.num_completed_tasks)}/{text(sub.num_tasks)}",
            "" if isinstance(sub.name, Unset) else sub.name,
        ]
        for sub in sub_jobs
    ]
    print_table(["SUB-JOB", "STATUS", "TASKS DONE", "NAME"], rows, squeeze=True)


class Follow:
    """Shows a wait on stderr: a live bar when stdout is a terminal, a line per change otherwise."""

    def __init__(self, job_id: str, *, live: bool) -> None:
        self._job_id = job_id
        self._last: tuple[str, int | None] | None = None
        self._progress = (
            Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            if live
            else None
        )
        self._task: TaskID | None = None

    def __enter__(self) -> Follow:
        if self._progress is not None:
            self._progress.start()
            self._task = self._progress.add_task(self._job_id, total=None)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, update: JobUpdate) -> None:
        percent = None if update.fraction is None else round(update.fraction * 100)
        if self._progress is not None and self._task is not None:
            colour = STATUS_COLOURS.get(str(update.status), "")
            self._progress.update(
                self._task,
                description=f"{self._job_id} [{colour}]{update.status}[/]"
                if colour
                else f"{self._job_id} {update.status}",
                total=None if percent is None else 100,
                completed=percent or 0,
            )
            return
        if (str(update.status), percent) != self._last:
            self._last = (str(update.status), percent)
            shown = "" if percent is None else f" {percent}%"
            status = status_text(update.status, sys.stderr)
            typer.echo(f"job {self._job_id}: {status}{shown}", err=True)
