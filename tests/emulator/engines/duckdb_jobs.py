"""Runs DuckDB engine statements as the emulator's jobs do, for the DDL tests."""

from itertools import count
from pathlib import Path
from typing import Any

import pytest

from dli_emulator.engines import EngineSettings, create
from dli_emulator.engines.duckdb import DuckDBEngine
from dli_emulator.engines.protocol import Outcome, RunRequest
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

    def run(self, *statements: str) -> Outcome:
        """The statements in one session (a temporary view lives that long); the last outcome."""
        outcome = Outcome()
        with self.engine.session(PROJECT) as session:
            for sql in statements:
                result = self.root / "obs" / "results" / f"r{next(self._numbers)}"
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
