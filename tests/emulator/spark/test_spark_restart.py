"""The Spark servers across an emulator's life: a restarted emulator finds the project's
databases, tables and views (each project's Spark keeps its catalog in a Hive metastore in the
project's own folder), and a killed one leaves no JVM behind."""

from pathlib import Path

import httpx
import pytest

from dli_emulator.testing import EmulatorFactory, poll_until
from tests.support.spark_http import preview, run

pytestmark = pytest.mark.spark


def test_tables_survive_a_restart(emulator_factory: EmulatorFactory) -> None:
    first = emulator_factory.start(engine="spark")
    project, headers = first.project_id, {"X-Auth-Token": first.token}
    with httpx.Client(base_url=first.base_url, headers=headers, timeout=60.0) as client:
        for sql in (
            "CREATE DATABASE kept_db",
            "CREATE TABLE kept_db.kept (v INT, p STRING) USING parquet PARTITIONED BY (p)",
            "INSERT INTO kept_db.kept VALUES (1, 'a'), (2, 'b')",
            "CREATE VIEW kept_db.kept_view AS SELECT v * 10 AS w FROM kept_db.kept",
        ):
            assert run(client, project, sql)["status"] == "FINISHED", sql
    emulator_factory.stop(first)

    second = emulator_factory.start(
        data_dir=first.data_dir, projects=first.projects, engine="spark"
    )
    with httpx.Client(base_url=second.base_url, headers=headers, timeout=60.0) as client:
        status = run(client, project, "SELECT w FROM kept_db.kept_view ORDER BY w")
        assert status["status"] == "FINISHED", status
        assert preview(client, project, status["job_id"])["rows"] == [[10], [20]]
        status = run(client, project, "SHOW PARTITIONS kept_db.kept")
        assert status["status"] == "FINISHED", status


def _processes_using(folder: Path) -> list[int]:
    """PIDs whose command line names `folder` (the Spark servers the emulator started)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue  # ended meanwhile
        if str(folder).encode() in command:
            found.append(int(entry.name))
    return found


def test_the_spark_server_ends_with_a_killed_emulator(emulator_factory: EmulatorFactory) -> None:
    emulator = emulator_factory.start(engine="spark", in_subprocess=True)
    headers = {"X-Auth-Token": emulator.token}
    with httpx.Client(base_url=emulator.base_url, headers=headers, timeout=60.0) as client:
        assert run(client, emulator.project_id, "SELECT 1")["status"] == "FINISHED"
    assert _processes_using(emulator.data_dir), "no Spark server was started"

    emulator_factory.kill(emulator)  # SIGKILL: the emulator cannot stop anything itself
    poll_until(
        lambda: _processes_using(emulator.data_dir),
        lambda pids: not pids,
        timeout=60.0,
        what="the Spark server's processes to end",
    )
