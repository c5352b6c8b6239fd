"""Promise: nothing is deleted before its replacement exists; a failed job leaves data as it was.

Overwrite exports and INSERT OVERWRITE write aside and swap only on success; what a crash leaves
half-written (an orphan 0-byte Parquet file, hidden temporaries) is cleaned at start-up.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dli_emulator.testing import EmulatorFactory, submit, wait_for_status

from .conftest import Tenant, World, tenant, unique

# Runs for minutes unless interrupted (10^12 joined rows).
LONG_SQL = "SELECT count(*) AS n FROM range(1000000) a CROSS JOIN range(1000000) b"


def _export(who: Tenant, path: str, table: str, **extra: Any) -> dict[str, Any]:
    body = {"data_path": path, "data_type": "csv", "database_name": "default", "table_name": table}
    body["compress"] = "none"
    answer = who.post("export-table", {**body, **extra})
    assert answer.status_code == 200, answer.text
    return who.wait(answer.json()["job_id"])


def _files_under(world: World, marker: str) -> dict[str, bytes]:
    """Every stored file whose path has `marker` in it, with its bytes (layout-independent)."""
    return {
        str(p.relative_to(world.emulator.data_dir)): p.read_bytes()
        for p in world.files()
        if marker in str(p)
    }


def _table(who: Tenant, rows: str) -> str:
    name = unique("t").replace("-", "_")
    assert who.run(f"CREATE TABLE {name} (id INT, word STRING)")["status"] == "FINISHED"
    assert who.run(f"INSERT INTO {name} VALUES {rows}")["status"] == "FINISHED"
    return name


def _rows(who: Tenant, table: str) -> list[list[Any]]:
    query = who.run(f"SELECT * FROM {table} ORDER BY id")
    assert query["status"] == "FINISHED", query
    rows: list[list[Any]] = who.preview(query["job_id"]).json()["rows"]
    return rows


def test_overwrite_export_from_a_missing_table_keeps_the_old_export(world: World) -> None:
    bucket, table = unique("keep"), _table(world.alice, "(1, 'one')")
    assert _export(world.alice, f"obs://{bucket}/out", table)["status"] == "FINISHED"
    before = _files_under(world, bucket)
    assert before
    failed = _export(world.alice, f"obs://{bucket}/out", "no_such_table", export_mode="Overwrite")
    assert failed["status"] == "FAILED"
    assert _files_under(world, bucket) == before


def test_failed_encoding_leaves_old_data_and_no_leftovers(world: World) -> None:
    bucket = unique("enc")
    table = _table(world.alice, "(1, 'plain')")
    assert _export(world.alice, f"obs://{bucket}/out", table)["status"] == "FINISHED"
    before = _files_under(world, bucket)
    emoji = _table(world.alice, "(2, 'smile \U0001f600')")
    failed = _export(
        world.alice, f"obs://{bucket}/out", emoji, export_mode="Overwrite", encoding_type="gbk"
    )
    assert failed["status"] == "FAILED", failed
    assert _files_under(world, bucket) == before
    # A first export that fails leaves nothing at all: no 0-byte file, no hidden temporary.
    fresh = unique("enc-new")
    failed = _export(world.alice, f"obs://{fresh}/out", emoji, encoding_type="gbk")
    assert failed["status"] == "FAILED"
    assert _files_under(world, fresh) == {}


def test_failed_insert_overwrite_keeps_the_rows(world: World) -> None:
    table = _table(world.alice, "(1, 'one'), (2, 'two')")
    # Fails at run time, after the first rows were produced: Spark's raise_error on the third.
    failing = world.alice.run(
        f"INSERT OVERWRITE TABLE {table} SELECT CAST(id AS INT), "
        "CASE WHEN id = 2 THEN raise_error('planted failure') ELSE 'new' END "
        "FROM range(3) AS r(id)"
    )
    assert failing["status"] == "FAILED", failing
    assert "planted failure" in failing["message"]
    assert _rows(world.alice, table) == [[1, "one"], [2, "two"]]


def test_timed_out_insert_overwrite_keeps_the_rows(world: World) -> None:
    table = _table(world.alice, "(1, 'one'), (2, 'two')")
    failing = world.alice.run(
        f"INSERT OVERWRITE TABLE {table} SELECT CAST(count(*) AS INT), 'x' "
        "FROM range(1000000) a CROSS JOIN range(1000000) b",
        conf=["dli.sql.job.timeout=1"],
    )
    assert failing["status"] == "CANCELLED", failing
    assert _rows(world.alice, table) == [[1, "one"], [2, "two"]]


def test_cancelled_insert_overwrite_keeps_the_rows(world: World) -> None:
    table = _table(world.alice, "(1, 'one')")
    job = submit(
        world.alice.http,
        world.alice.project_id,
        f"INSERT OVERWRITE TABLE {table} SELECT CAST(count(*) AS INT), 'x' "
        "FROM range(1000000) a CROSS JOIN range(1000000) b",
    )
    wait_for_status(world.alice.http, world.alice.project_id, job, states=("RUNNING",))
    world.alice.http.delete(f"/v1.0/{world.alice.project_id}/jobs/{job}")
    assert world.alice.wait(job)["status"] in ("CANCELLED", "FINISHED")
    if world.alice.wait(job)["status"] == "CANCELLED":
        assert _rows(world.alice, table) == [[1, "one"]]


def test_crash_leftovers_are_cleaned_at_start_up(factory: EmulatorFactory) -> None:
    first = factory.start(in_subprocess=True)
    alice = tenant(first, first.projects[0])
    with alice.http:
        finished = alice.run("SELECT 1 AS one")["job_id"]
        running = submit(alice.http, alice.project_id, LONG_SQL)
        wait_for_status(alice.http, alice.project_id, running, states=("RUNNING",))
        table = _table(alice, "(1, 'one')")
        assert _export(alice, "obs://crash-bucket/out", table)["status"] == "FINISHED"
    factory.kill(first)
    data: Path = first.data_dir
    # What a crash while writing leaves: the running job's result file, 0 bytes (made here
    # beside a finished job's result when DuckDB had not created it yet), and an export's
    # hidden temporary.
    orphan = next((p for p in data.rglob("*.parquet") if running in str(p)), None)
    if orphan is None:
        kept_result = next(p for p in data.rglob("*.parquet") if finished in str(p))
        orphan = Path(str(kept_result).replace(finished, running))
        orphan.parent.mkdir(parents=True, exist_ok=True)
        orphan.write_bytes(b"")
    export_folder = next(p for p in data.rglob("out") if p.is_dir() and "crash-bucket" in str(p))
    hidden = export_folder / ".part-00000.csv.tmp"
    hidden.write_bytes(b"half")
    kept = sorted(p for p in export_folder.iterdir() if not p.name.startswith("."))
    assert kept

    second = factory.start(data_dir=data, projects=first.projects)
    alice = tenant(second, second.projects[0])
    with alice.http:
        assert alice.wait(running)["status"] == "FAILED"
        assert not orphan.exists(), "the orphan result survived a restart"
        assert not hidden.exists(), "the hidden temporary survived a restart"
        assert sorted(export_folder.iterdir()) == kept
        assert alice.preview(finished).json()["rows"] == [[1]]
