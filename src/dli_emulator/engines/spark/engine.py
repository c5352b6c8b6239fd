"""SparkEngine: `engines.protocol.Engine` on Spark Connect (see the package docstring)."""

from __future__ import annotations

import json
import logging
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pyspark.logger import PySparkLogger
from pyspark.sql.connect.session import SparkSession

from ...errors import DliError, not_found, not_supported, semantic_error
from ...model import JobType
from .. import protocol
from ..protocol import (
    DEFAULT_DATABASE,
    Checkpoint,
    EngineSettings,
    ExecutionFailed,
    Interrupted,
    Outcome,
    RunRequest,
    Statement,
)
from ..sparktypes import json_safe
from . import results, transfer
from .server import DLI_CONF, ConnectServer
from .statements import classify
from .types import fields_of

# Set on every job's session: a shared cluster's defaults may differ from DLI's.
SESSION_CONF = {k: DLI_CONF[k] for k in ("spark.sql.ansi.enabled", "spark.sql.session.timeZone")}
REMOTE_OPTION = "remote"
# Job settings never applied: they name files (paths, folders, locations) or let SQL read raw
# paths, either of which would reach outside the project's data. DLI's spark.sql.badRecordsPath
# is one: bad records are not kept by the emulator.
_GUARDED = {"spark.sql.runsqlonfiles"}
_FILE_SETTING = re.compile(r"(path|dir|location)s?$", re.I)
# pyspark logs each failed statement with its JVM stack; the job's message carries the error.
# The logger must be pyspark's own class (its calls pass keywords a plain Logger refuses), and
# silenced by level: a later logging.config.dictConfig (uvicorn's) re-enables disabled loggers.
PySparkLogger.getLogger("SQLQueryContextLogger").setLevel(logging.CRITICAL + 1)
_STACK = re.compile(r"\n\s*\n?JVM stacktrace:.*", re.S)


class SparkEngine:
    name = "Spark"
    import_data_types = transfer.DATA_TYPES_IMPORT

    def __init__(self, settings: EngineSettings) -> None:
        self._settings = settings
        self._remote = settings.options.get(REMOTE_OPTION)
        self._lock = threading.Lock()
        self._servers: dict[str, ConnectServer] = {}
        self._bases: dict[str, SparkSession] = {}

    # -- the protocol ------------------------------------------------------------------------

    def parse(self, sql: str) -> Statement:
        return classify(sql)

    def check(self, project_id: str, statement: Statement, currentdb: str) -> None:
        """Spark's analyzer through EXPLAIN: names resolved, nothing run."""
        with self.session(project_id) as session:
            plan = session.explain(statement.text, currentdb)
        if plan.startswith("Error occurred during query planning"):
            raise semantic_error(self._scrub(plan.split("\n", 1)[-1].strip()))

    @contextmanager
    def session(
        self, project_id: str, conf: Mapping[str, str] | None = None
    ) -> Iterator[SparkJobSession]:
        # A new Spark Connect session starts from the server's defaults, not from another
        # job's session: what a job sets ends with it.
        spark = self._base(project_id).newSession()
        try:
            # A server the engine started has them as defaults; a shared cluster may not.
            if self._remote is not None:
                for key, value in SESSION_CONF.items():
                    spark.conf.set(key, value)
            self._apply(spark, conf or {})
            yield SparkJobSession(spark, self)
        finally:
            spark.stop()

    def _apply(self, spark: SparkSession, conf: Mapping[str, str]) -> None:
        """The job's settings; those fixed when the cluster starts (executor memory, ...) are
        the queue's, as on DLI, and are left alone, as are the guarded ones."""
        try:
            for key, value in conf.items():
                if _allowed(key) and spark.conf.isModifiable(key):
                    spark.conf.set(key, value)
        except Exception as error:  # Spark refuses a value in its own words
            raise ExecutionFailed(self._scrub(_message(error))) from error

    def read_result(self, result_dir: Path, limit: int) -> list[list[Any]]:
        return results.read(result_dir, limit)

    def databases(self, project_id: str) -> list[str]:
        return sorted(db.name for db in self._base(project_id).catalog.listDatabases())

    def tables(self, project_id: str, database: str) -> list[str]:
        catalog = self._base(project_id).catalog
        if not catalog.databaseExists(database):
            raise not_found(f"There is no database named {database}.")
        return sorted(t.name for t in catalog.listTables(database) if not t.isTemporary)

    def reset(self) -> None:
        for spark in list(self._bases.values()):
            for database in spark.catalog.listDatabases():
                if database.name != DEFAULT_DATABASE:
                    spark.sql(f"DROP DATABASE `{database.name}` CASCADE")
            for table in spark.catalog.listTables(DEFAULT_DATABASE):
                kind = "VIEW" if table.tableType == "VIEW" else "TABLE"
                spark.sql(f"DROP {kind} IF EXISTS `{DEFAULT_DATABASE}`.`{table.name}`")

    def close(self) -> None:
        with self._lock:
            for spark in self._bases.values():
                spark.stop()
            self._bases.clear()
            for server in self._servers.values():
                server.stop()
            self._servers.clear()

    # -- projects ----------------------------------------------------------------------------

    def _base(self, project_id: str) -> SparkSession:
        """The project's Spark: its own local server, or the one remote cluster it owns."""
        with self._lock:
            spark = self._bases.get(project_id)
            if spark is not None:
                return spark
            if self._remote is not None:
                if self._bases:
                    raise not_supported(
                        "This emulator's Spark cluster serves one project; another project "
                        "needs an emulator (or cluster) of its own."
                    )
                url = self._remote
            else:
                folder = self._settings.warehouse / "spark" / _folder_name(project_id)
                server = ConnectServer(folder)
                self._servers[project_id] = server
                url = server.start()
            spark = SparkSession.builder.remote(url).create()
            self._bases[project_id] = spark
            return spark

    def scrub(self, message: str) -> str:
        return self._scrub(message)

    def _scrub(self, message: str) -> str:
        """Spark's own words, without its JVM stack or this machine's folders."""
        text = _STACK.sub("", message).strip()
        for root, name in ((self._settings.warehouse, "warehouse"),):
            text = text.replace(f"file:{root}", name).replace(str(root), name)
        # Spark's readers and writers quote OBS files as file: URLs; the job layer turns the
        # bare paths into obs:// ones.
        files = str(self._settings.files_root)
        return text.replace(f"file://{files}", files).replace(f"file:{files}", files)


class SparkJobSession:
    """One job's own Spark Connect session: its conf, tags and progress are its own."""

    def __init__(self, spark: SparkSession, engine: SparkEngine) -> None:
        self._spark = spark
        self._engine = engine
        self._tag = f"dli-job-{uuid.uuid4().hex}"
        self._interrupted = False
        self._done = 0
        self._total = 0
        spark.registerProgressHandler(self._on_progress)  # type: ignore[arg-type]

    def explain(self, sql: str, currentdb: str) -> str:
        self._use(currentdb)
        row = self._spark.sql(f"EXPLAIN {sql}").collect()[0]
        return str(row[0])

    def run(self, request: RunRequest, checkpoint: Checkpoint) -> Outcome:
        statement, result_dir = request.statement, request.result_dir
        checkpoint()
        with self._spark_job():
            self._use(request.currentdb)
            frame = self._spark.sql(statement.text)
            checkpoint()
            fields = fields_of(json.loads(frame.schema.json()))
            if statement.job_type == JobType.QUERY and result_dir is not None:
                count = results.write(frame, result_dir)
                return Outcome(result_count=count, fields=fields)
            if not fields:
                return Outcome()
            rows = [[json_safe(v) for v in row] for row in frame.collect()]
            return Outcome(result_count=len(rows), fields=fields, rows=rows)

    def export_result(self, request: protocol.ResultExport, checkpoint: Checkpoint) -> Outcome:
        with self._spark_job():
            return transfer.export_result(self._spark, request, checkpoint)

    def export_table(self, request: protocol.TableExport, checkpoint: Checkpoint) -> Outcome:
        with self._spark_job():
            return transfer.export_table(self._spark, request, checkpoint)

    def import_files(self, request: protocol.FileImport, checkpoint: Checkpoint) -> Outcome:
        with self._spark_job():
            return transfer.import_files(self._spark, request, checkpoint)

    @contextmanager
    def _spark_job(self) -> Iterator[None]:
        """Spark work the job's cancel can interrupt (by its tag), failing in Spark's words."""
        try:
            self._spark.addTag(self._tag)
            yield
        except DliError:
            raise
        except Exception as error:
            if self._interrupted:
                raise Interrupted("The job was interrupted.") from error
            raise ExecutionFailed(self._engine.scrub(_message(error))) from error
        finally:
            self._spark.clearTags()

    def interrupt(self) -> None:
        self._interrupted = True
        self._spark.interruptTag(self._tag)

    def progress(self) -> float | None:
        return self._done / self._total if self._total else None

    def _use(self, database: str) -> None:
        # A new session starts in `default`; Spark refuses a missing database in its own words.
        if database != DEFAULT_DATABASE:
            self._spark.catalog.setCurrentDatabase(database)

    def _on_progress(
        self,
        stages: Iterable[Any] | None,
        inflight_tasks: int,
        operation_id: str | None,
        done: bool,
    ) -> None:
        stages = list(stages or [])
        self._total = sum(s.num_tasks for s in stages)
        self._done = sum(s.num_completed_tasks for s in stages)


def _allowed(key: str) -> bool:
    return key.lower() not in _GUARDED and _FILE_SETTING.search(key) is None


def _message(error: Exception) -> str:
    message = getattr(error, "getMessage", None)
    text = message() if callable(message) else str(error)
    return str(text)


def _folder_name(project_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]", "_", project_id)
