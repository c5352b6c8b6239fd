"""Promise: each project's SQL sees only its own world, and no answer reveals a host path.

B knows (worst case) where the emulator keeps its files. Every probe below is B's SQL trying to
read A's files, the host's layout or the engine's settings, or to loosen the sandbox; each must
be refused or come back empty of anything of A's, and nothing B sees may name a host path.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .conftest import SECRET_LITERAL, SECRET_ROW, World

Probe = Callable[[World], str]


def _data(world: World) -> str:
    return str(world.emulator.data_dir.resolve())


def _alice_file(world: World, suffix: str) -> str:
    job_id = world.query_job["job_id"]
    found = [p for p in world.files() if job_id in str(p) and p.name.endswith(suffix)]
    assert found, f"A's {suffix} file of job {job_id} is not on disk"
    return str(found[0].resolve())


def _alice_database(world: World) -> str:
    found = [p for p in world.files() if world.alice.project_id in p.name and ".duckdb" in p.name]
    assert found, "A's database file is not on disk"
    return str(found[0].resolve())


PROBES: dict[str, Probe] = {
    "current_setting(allowed_directories)": lambda w: (
        "SELECT current_setting('allowed_directories') AS d"
    ),
    "current_setting(temp_directory)": lambda w: "SELECT current_setting('temp_directory') AS d",
    "duckdb_settings()": lambda w: "SELECT name, value FROM duckdb_settings()",
    "duckdb_databases()": lambda w: "SELECT database_name, path FROM duckdb_databases()",
    "duckdb_extensions()": lambda w: "SELECT extension_name, install_path FROM duckdb_extensions()",
    "pragma_database_list": lambda w: "SELECT * FROM pragma_database_list()",
    "duckdb_databases view": lambda w: "SELECT * FROM duckdb_databases",
    "pragma_database_list view": lambda w: "SELECT file FROM system.main.pragma_database_list",
    "duckdb_tables view of every database": lambda w: "SELECT * FROM duckdb_tables",
    "duckdb_temporary_files()": lambda w: "SELECT * FROM duckdb_temporary_files()",
    "query() runs a string": lambda w: (
        "SELECT * FROM query('SELECT current_setting(''allowed_directories'') AS d')"
    ),
    "read_blob glob of the data dir": lambda w: f"SELECT filename FROM read_blob('{_data(w)}/**')",
    "glob() of the data dir": lambda w: f"SELECT * FROM glob('{_data(w)}/**')",
    "read_text of A's execution details": lambda w: (
        f"SELECT content FROM read_text('{_alice_file(w, '.json')}')"
    ),
    "read_parquet of A's result": lambda w: (
        f"SELECT * FROM read_parquet('{_alice_file(w, '.parquet')}')"
    ),
    "read_parquet glob of every result": lambda w: (
        f"SELECT * FROM read_parquet('{_data(w)}/**/*.parquet')"
    ),
    "read_csv glob of every export": lambda w: (
        f"SELECT * FROM read_csv('{_data(w)}/**/*.csv', header = false)"
    ),
    "read_csv of A's export by OBS URI": lambda w: (
        f"SELECT * FROM read_csv('obs://{w.alice_bucket}/reports/q1/*')"
    ),
    "sniff_csv of A's export": lambda w: f"SELECT * FROM sniff_csv('{_data(w)}/**/*.csv')",
    "CTAS from read_blob": lambda w: (
        f"CREATE TABLE loot AS SELECT filename FROM read_blob('{_data(w)}/**')"
    ),
    "ATTACH A's database": lambda w: f"ATTACH '{_alice_database(w)}' AS a",
    "COPY TO A's bucket": lambda w: (
        f"COPY (SELECT 1) TO '{_data(w)}/obs/{w.alice_bucket}/reports/q1/evil.csv'"
    ),
    "SET enable_external_access": lambda w: "SET enable_external_access = true",
    "SET allowed_directories": lambda w: "SET allowed_directories = ['/']",
    "SET lock_configuration": lambda w: "SET lock_configuration = false",
    "RESET allowed_directories": lambda w: "RESET allowed_directories",
    "INSTALL an extension": lambda w: "INSTALL httpfs",
    "LOAD an extension": lambda w: "LOAD httpfs",
    "PRAGMA database_list": lambda w: "PRAGMA database_list",
    "PRAGMA enable_profiling": lambda w: "PRAGMA enable_profiling",
    "EXPLAIN of read_blob": lambda w: f"EXPLAIN SELECT * FROM read_blob('{_data(w)}/**')",
    "EXPORT DATABASE": lambda w: f"EXPORT DATABASE '{_data(w)}/obs/{w.alice_bucket}/dump'",
    "CALL a table function": lambda w: "CALL duckdb_settings()",
    "macro over read_blob": lambda w: (
        f"CREATE MACRO loot() AS TABLE SELECT * FROM read_blob('{_data(w)}/**')"
    ),
    "replacement scan of a result file": lambda w: f"SELECT * FROM `{_alice_file(w, '.parquet')}`",
}


@pytest.mark.parametrize("name", sorted(PROBES))
def test_b_sql_reaches_nothing_outside_its_world(world: World, name: str) -> None:
    sql = PROBES[name](world)
    answer = world.bob.run(sql)
    seen = str(answer)
    if answer.get("status") == "FINISHED" and answer.get("job_type") == "QUERY":
        preview = world.bob.preview(answer["job_id"])
        seen += preview.text
    world.assert_hides_host_paths(seen)
    assert SECRET_ROW not in seen and SECRET_LITERAL not in seen
    # Refused: at submit (4xx) or as a FAILED job. Nothing of these is ordinary Spark SQL.
    assert answer.get("http_status", 200) >= 400 or answer["status"] == "FAILED", seen


def test_b_check_sql_errors_hide_host_paths(world: World) -> None:
    """check-sql plans the statement: its error text must not name a file of the host."""
    probe = f"SELECT * FROM read_parquet('{_data(world)}/nowhere/*.parquet')"
    answer = world.bob.post("check-sql", {"sql": probe})
    world.assert_hides_host_paths(answer.text)
    assert answer.status_code == 400


def test_errors_of_b_own_files_hide_host_paths(world: World) -> None:
    """An engine error about B's own missing data names it by OBS URI, never by host path."""
    answer = world.bob.post(
        "import-table",
        {
            "data_path": "obs://bob-empty-bucket-x/none",
            "data_type": "csv",
            "database_name": "default",
            "table_name": "missing_table",
        },
    )
    text = answer.text
    if answer.status_code == 200:
        text += str(world.bob.wait(answer.json()["job_id"]))
    world.assert_hides_host_paths(text)


def test_a_keeps_working_after_b_probes(world: World) -> None:
    """The lock is per tenant SQL, not a broken engine: A's ordinary SQL still runs."""
    answer = world.alice.run("SELECT count(*) AS n FROM vault")
    assert answer["status"] == "FINISHED", answer
    assert world.alice.preview(answer["job_id"]).json()["rows"] == [[1]]
