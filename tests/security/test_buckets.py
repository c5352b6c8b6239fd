"""Promise: a bucket belongs to one project; job results and execution details are per project.

A bucket is owned by the project that declares it in the config (`"buckets": [...]`) or, when
nobody declares it, by the first project that writes it. Another project's import, export or
SQL access is refused with DLI.0011 ("The file permission check fails", the DLI API
reference's error-code table, page dli_02_0056), HTTP 400.
"""

from __future__ import annotations

from typing import Any

import httpx

from dli_emulator.config import parse_projects
from dli_emulator.testing import EmulatorFactory

from .conftest import SECRET_ROW, Tenant, World, tenant, unique

FILE_PERMISSION = "DLI.0011"


def _import(who: Tenant, data_path: str, table: str, **extra: Any) -> httpx.Response:
    body = {"data_path": data_path, "data_type": "csv", "database_name": "default"}
    return who.post("import-table", {**body, "table_name": table, **extra})


def _export(who: Tenant, data_path: str, table: str, **extra: Any) -> httpx.Response:
    body = {"data_path": data_path, "data_type": "csv", "database_name": "default"}
    body["compress"] = "none"
    return who.post("export-table", {**body, "table_name": table, **extra})


def _refused(answer: httpx.Response) -> None:
    assert answer.status_code == 400, answer.text
    assert answer.json()["error_code"] == FILE_PERMISSION, answer.text


def _rows_of_alice_export(world: World) -> list[list[Any]]:
    """A reads its own export back into a fresh table: what is stored there now."""
    table = unique("readback").replace("-", "_")
    assert world.alice.run(f"CREATE TABLE {table} (id INT, secret STRING)")["status"] == "FINISHED"
    loaded = _import(world.alice, f"obs://{world.alice_bucket}/reports/q1", table)
    assert loaded.status_code == 200, loaded.text
    assert world.alice.wait(loaded.json()["job_id"])["status"] == "FINISHED"
    query = world.alice.run(f"SELECT * FROM {table} ORDER BY id")
    rows: list[list[Any]] = world.alice.preview(query["job_id"]).json()["rows"]
    return rows


def _bob_table(world: World) -> str:
    table = unique("bobs").replace("-", "_")
    assert world.bob.run(f"CREATE TABLE {table} (id INT, secret STRING)")["status"] == "FINISHED"
    assert world.bob.run(f"INSERT INTO {table} VALUES (2, 'bob')")["status"] == "FINISHED"
    return table


def test_b_cannot_import_a_result_path(world: World) -> None:
    table = _bob_table(world)
    _refused(_import(world.bob, world.query_job["result_path"], table, data_type="parquet"))


def test_b_cannot_import_a_execution_details(world: World) -> None:
    table = _bob_table(world)
    details = world.query_job["execution_details_path"]
    _refused(_import(world.bob, details, table, data_type="json"))


def test_b_cannot_import_from_a_bucket(world: World) -> None:
    table = _bob_table(world)
    _refused(_import(world.bob, f"obs://{world.alice_bucket}/reports/q1", table))
    query = world.bob.run(f"SELECT * FROM {table}")
    assert SECRET_ROW not in world.bob.preview(query["job_id"]).text


def test_b_overwrite_export_into_a_bucket_is_refused_and_deletes_nothing(world: World) -> None:
    table = _bob_table(world)
    for path in (f"obs://{world.alice_bucket}", f"obs://{world.alice_bucket}/reports/q1"):
        _refused(_export(world.bob, path, table, export_mode="Overwrite"))
    assert _rows_of_alice_export(world) == [[1, SECRET_ROW]]


def test_b_cannot_export_a_result_into_a_bucket(world: World) -> None:
    query = world.bob.run("SELECT 1 AS one")
    assert query["status"] == "FINISHED"
    answer = world.bob.http.post(
        f"/v1.0/{world.bob.project_id}/jobs/{query['job_id']}/export-result",
        json={"data_path": f"obs://{world.alice_bucket}/x", "data_type": "csv"},
    )
    _refused(answer)


def test_b_cannot_write_into_a_result_area(world: World) -> None:
    """The job bucket is shared in name only: B's export may not land in A's results."""
    table = _bob_table(world)
    _refused(_export(world.bob, world.query_job["result_path"] + "-x", table))


def test_results_and_details_live_per_project(world: World) -> None:
    own = world.bob.run("SELECT 1 AS one")
    assert world.alice.project_id in world.query_job["result_path"]
    assert world.bob.project_id in own["result_path"]
    assert world.alice.project_id not in own["result_path"]
    assert world.alice.project_id not in own["execution_details_path"]


def test_first_writer_owns_an_undeclared_bucket(world: World) -> None:
    bucket = unique("claimed")
    table = _bob_table(world)
    first = _export(world.bob, f"obs://{bucket}/one", table)
    assert first.status_code == 200, first.text
    assert world.bob.wait(first.json()["job_id"])["status"] == "FINISHED"
    assert world.alice.run("CREATE TABLE IF NOT EXISTS t2 (id INT)")["status"] == "FINISHED"
    _refused(_export(world.alice, f"obs://{bucket}/two", "t2"))
    _refused(_import(world.alice, f"obs://{bucket}/one", "t2"))


def test_a_declared_bucket_is_refused_to_others_before_anything_is_written(
    factory: EmulatorFactory,
) -> None:
    document = {
        "projects": [
            {
                "project_id": "aaaa0000aaaa0000aaaa0000aaaa0000",
                "tokens": [{"token": "token-of-alice-0123456789", "user": "alice"}],
                "access_keys": [{"ak": "AKALICE0000", "sk": "sk-of-alice-0123", "user": "alice"}],
                "buckets": ["alice-declared"],
            },
            {
                "project_id": "bbbb0000bbbb0000bbbb0000bbbb0000",
                "tokens": [{"token": "token-of-bob-0123456789", "user": "bob"}],
                "access_keys": [{"ak": "AKBOB000000", "sk": "sk-of-bob-0123", "user": "bob"}],
            },
        ]
    }
    projects = parse_projects(document, "test config")
    instance = factory.start(projects=projects)
    alice, bob = tenant(instance, projects[0]), tenant(instance, projects[1])
    with alice.http, bob.http:
        assert bob.run("CREATE TABLE t (id INT)")["status"] == "FINISHED"
        _refused(_export(bob, "obs://alice-declared/x", "t"))
        assert alice.run("CREATE TABLE t (id INT)")["status"] == "FINISHED"
        answer = _export(alice, "obs://alice-declared/x", "t")
        assert answer.status_code == 200, answer.text
        assert alice.wait(answer.json()["job_id"])["status"] == "FINISHED"


def test_ownership_survives_a_restart(factory: EmulatorFactory) -> None:
    first = factory.start(projects=parse_projects(_two_projects(), "test config"))
    alice, bob = tenant(first, first.projects[0]), tenant(first, first.projects[1])
    with alice.http, bob.http:
        assert alice.run("CREATE TABLE t (id INT)")["status"] == "FINISHED"
        answer = _export(alice, "obs://kept-bucket/x", "t")
        assert alice.wait(answer.json()["job_id"])["status"] == "FINISHED"
    factory.stop(first)
    second = factory.start(data_dir=first.data_dir, projects=first.projects)
    bob = tenant(second, second.projects[1])
    with bob.http:
        assert bob.run("CREATE TABLE t (id INT)")["status"] == "FINISHED"
        _refused(_export(bob, "obs://kept-bucket/y", "t"))


def _two_projects() -> dict[str, Any]:
    return {
        "projects": [
            {
                "project_id": f"{name * 4}0000{name * 4}0000{name * 4}0000{name * 4}0000",
                "tokens": [{"token": f"token-of-{name}-0123456789", "user": name}],
                "access_keys": [{"ak": f"AK{name.upper()}0000", "sk": f"sk-{name}", "user": name}],
            }
            for name in ("c", "d")
        ]
    }
