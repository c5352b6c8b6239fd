"""The contract between the job runner and the work a job does.

Work is given a checkpoint to call between steps (it raises once the job is cancelled) and
reports an Outcome when it is done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .sqltypes import Field

Checkpoint = Callable[[], None]


@dataclass
class Outcome:
    """Counters and result description of a job; fields left None are omitted from answers."""

    result_count: int = 0
    input_size: int = 0
    input_row_count: int | None = None
    bad_row_count: int | None = None
    # Result columns (QUERY results and row-returning DDL such as DESC or SHOW).
    fields: tuple[Field, ...] | None = None
    # Rows of row-returning DDL, answered inline by synchronous submits (<= 1000 kept).
    rows: list[list[Any]] | None = None
    # DuckDB's JSON profile of the statement that did the work, saved as execution details.
    profile: str | None = None
