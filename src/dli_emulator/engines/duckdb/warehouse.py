"""One DuckDB database file per project, opened on demand and shared by that project's jobs.

Each job gets its own DuckDB connection (`cursor()` of the project's database) so it can be
interrupted and asked for progress on its own. Databases nobody uses are closed once more than
`max_open` are open, so a client that touches many projects does not pin a DuckDB instance
(with its threads and buffer pool) per project.

DuckDB itself lets no SQL read or write files outside the OBS folder (`allowed_directories`
with external access disabled, which DuckDB refuses to undo from SQL), and installs or loads no
extension, so `read_csv('/etc/passwd')` or `COPY ... TO '/elsewhere'` fail while the emulator's
own result, import and export files work. Inside the OBS folder, tenant SQL is kept from other
projects' files (and from settings that name host paths) by `sandbox`, before DuckDB sees it.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ...errors import parameter_invalid
from ..protocol import DEFAULT_DATABASE, EngineSettings
from .functions import binaries, checksums, hashing, numbers, urls, xxhash
from .functions.collections import MACROS
from .sqltypes import quote_identifier, quote_literal

_PROJECT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Per-connection settings: progress is only tracked with the progress bar on (printing it off);
# profiling feeds input_size and the execution-details file; timestamps render in UTC; integer
# division and modulo by zero are NULL, as in Spark without ANSI mode.
_SESSION_SETUP = (
    "SET error_on_division_by_zero = false",
    "SET enable_progress_bar = true",
    "SET enable_progress_bar_print = false",
    "SET enable_profiling = 'no_output'",
    "SET profiling_coverage = 'ALL'",
)


@dataclass
class _Database:
    connection: duckdb.DuckDBPyConnection
    users: int = 0


class Warehouse:
    def __init__(self, settings: EngineSettings, max_open: int = 8) -> None:
        self.settings = settings
        self.root = settings.warehouse
        self.max_open = max_open
        self._lock = threading.Lock()
        self._open: OrderedDict[str, _Database] = OrderedDict()
        self._scratch: duckdb.DuckDBPyConnection | None = None
        self.root.mkdir(parents=True, exist_ok=True)
        settings.files_root.mkdir(parents=True, exist_ok=True)

    @property
    def open_projects(self) -> tuple[str, ...]:
        """Projects whose database is open, least recently used first."""
        with self._lock:
            return tuple(self._open)

    def path(self, project_id: str) -> Path:
        if not _PROJECT_ID.match(project_id):
            raise parameter_invalid(f"project_id {project_id!r} is not letters and digits")
        return self.root / f"{project_id}.duckdb"

    @contextmanager
    def session(self, project_id: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """A fresh connection to the project's database, configured for a job."""
        database, cursor = self._acquire(project_id)
        try:
            for statement in _SESSION_SETUP:
                cursor.execute(statement)
            cursor.execute(f"USE {quote_identifier(DEFAULT_DATABASE)}")
            yield cursor
        finally:
            cursor.close()
            self._release(project_id, database)

    @contextmanager
    def scratch(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to an in-memory DuckDB confined to the OBS folder: reads result files."""
        with self._lock:
            if self._scratch is None:
                # One thread: a preview's LIMIT then decodes only the first Parquet row group
                # instead of one per thread.
                self._scratch = self._connect(":memory:", threads=1)
            cursor = self._scratch.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    def close(self) -> None:
        with self._lock:
            if self._scratch is not None:
                self._scratch.close()
                self._scratch = None
            for database in self._open.values():
                database.connection.close()
            self._open.clear()

    def drop_all(self) -> None:
        """Close every database and delete the files (reset; no job may be running)."""
        self.close()
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True, exist_ok=True)

    def _acquire(self, project_id: str) -> tuple[_Database, duckdb.DuckDBPyConnection]:
        path = self.path(project_id)
        with self._lock:
            database = self._open.get(project_id)
            if database is None:
                database = _Database(self._connect(str(path)))
                database.connection.execute(
                    f"CREATE SCHEMA IF NOT EXISTS {quote_identifier(DEFAULT_DATABASE)}"
                )
                self._open[project_id] = database
            self._open.move_to_end(project_id)
            cursor = database.connection.cursor()
            database.users += 1
            return database, cursor

    def _release(self, project_id: str, database: _Database) -> None:
        with self._lock:
            database.users -= 1
            idle = [p for p, d in self._open.items() if d.users == 0]
            for project in idle[: max(0, len(self._open) - self.max_open)]:
                self._open.pop(project).connection.close()

    def _connect(self, database: str, threads: int | None = None) -> duckdb.DuckDBPyConnection:
        # No extension is installed or loaded on a tenant's behalf: what DuckDB needs (Parquet,
        # JSON, ICU) is built into the Python package.
        config: dict[str, str | bool | int | float | list[str]] = {
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            "allow_community_extensions": False,
        }
        threads = threads or self.settings.threads
        if threads:
            config["threads"] = threads
        if self.settings.memory_limit:
            config["memory_limit"] = self.settings.memory_limit
        connection = duckdb.connect(database, config=config)
        allowed = str(self.settings.files_root.resolve()) + "/"
        connection.execute("SET GLOBAL TimeZone = 'UTC'")
        connection.execute(f"SET allowed_directories = [{quote_literal(allowed)}]")
        connection.execute("SET enable_external_access = false")
        # Kept in the file's `main` schema, which every job's schema falls back to: creating
        # them once per open database, not per job, keeps a job's start cheap.
        for macro in (
            *MACROS,
            *numbers.MACROS,
            *checksums.MACROS,
            *hashing.MACROS,
            *xxhash.MACROS,
            *binaries.MACROS,
            *urls.MACROS,
        ):
            connection.execute(macro)
        return connection
