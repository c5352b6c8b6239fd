"""The DuckDB engine tests' runner over an empty warehouse, one per test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in


@pytest.fixture
def jobs(tmp_path: Path) -> Iterator[Jobs]:
    with jobs_in(tmp_path) as jobs:
        yield jobs
