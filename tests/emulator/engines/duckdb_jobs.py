"""Runs DuckDB engine statements as the emulator's jobs do: the engine tests' one runner."""

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any

import pytest

from dli_emulator.engines import EngineSettings, create
from dli_emulator.engines.duckdb import DuckDBEngine
from dli_emulator.engines.protocol import ExecutionFailed, Outcome, RunRequest
from dli_emulator.engines.sparktypes import preview_schema
from dli_emulator.errors import DliError

PROJECT = "p1"


class Jobs:
    """Runs each statement as its own job (own session) of one project, or several in one."""

    def __init__(self, root: Path) -> None:
        engine = create("duckdb", EngineSettings(root / "warehouse", root / "obs"))
        assert isinstance(engine, DuckDBEngine)
        self.engine = engine
        self.root = root
        self._numbers = count()

    def __call__(self, sql: str, currentdb: str = "default") -> tuple[Outcome, Path]:
        """One statement as its own job in `currentdb`; its outcome and result folder."""
        result = self._result_dir()
        with self.engine.session(PROJECT) as session:
            request = RunRequest(self.engine.parse(sql), currentdb, result)
            outcome = session.run(request, lambda: None)
        return outcome, result

    def _result_dir(self) -> Path:
        return self.root / "obs" / "results" / f"r{next(self._numbers)}"

    def run(self, *statements: str) -> Outcome:
        """The statements in one session (a temporary view lives that long); the last outcome."""
        outcome = Outcome()
        with self.engine.session(PROJECT) as session:
            for sql in statements:
                result = self._result_dir()
                request = RunRequest(self.engine.parse(sql), "default", result)
                outcome = session.run(request, lambda: None)
                self.last_result = result
        return outcome

    def rows(self, *statements: str) -> list[list[Any]]:
        outcome = self.run(*statements)
        if outcome.rows is not None:
            return outcome.rows
        return self.engine.read_result(self.last_result, 1000)

    def refused(self, sql: str) -> DliError:
        with pytest.raises(DliError) as caught:
            self.run(sql)
        return caught.value

    def answer(self, sql: str) -> tuple[list[str], list[str], list[list[Any]]]:
        """A query's column names, Spark type names and rows."""
        columns, rows = self.columns(sql)
        return [name for name, _ in columns], [kind for _, kind in columns], rows

    def columns(self, sql: str) -> tuple[list[tuple[str, str]], list[list[Any]]]:
        """A query's (name, Spark type) columns and its rows."""
        outcome, result = self(sql)
        if outcome.fields is None:
            return [], []
        columns = [(n, t) for c in preview_schema(outcome.fields) for n, t in c.items()]
        return columns, self.engine.read_result(result, 1000)

    def checked(self, sql: str) -> str:
        """The error of `sql` at submit (check), as a job would get it."""
        with pytest.raises(DliError) as caught:
            self.engine.check(PROJECT, self.engine.parse(sql), "default")
        return caught.value.error_msg

    def failed(self, sql: str) -> str:
        """The error of `sql` run as a job."""
        with pytest.raises((DliError, ExecutionFailed)) as caught:
            self.run(sql)
        error = caught.value
        return error.error_msg if isinstance(error, DliError) else str(error)


@contextmanager
def jobs_in(root: Path, *setup: str) -> Iterator[Jobs]:
    """A runner over a new warehouse under `root`, `setup` run first in one session; the engine
    is closed afterwards, also when a test failed."""
    jobs = Jobs(root)
    try:
        if setup:
            jobs.run(*setup)
        yield jobs
    finally:
        jobs.engine.close()
