"""ImportTable, ExportTable and ExportSqlJobResult on the Spark engine, over HTTP, against local
Spark and a Spark Connect server on loopback. Spark's own readers and writers do the work, so
the files are in Spark's formats: CSV escaped with backslashes, JSON lines without null fields,
dates parsed with the Java pattern the request gives, unparsable values read as null
(PERMISSIVE mode)."""

import gzip
import json
import uuid
from pathlib import Path

import httpx
import pytest

from dli_emulator.testing import EmulatorInstance
from tests.support.spark_http import preview, run, start

pytestmark = pytest.mark.spark


def only_file(folder: Path) -> Path:
    (path,) = folder.iterdir()
    return path


def test_files_go_in_and_out_as_spark_reads_and_writes_them(
    spark: EmulatorInstance, http: httpx.Client
) -> None:
    project = spark.project_id
    table = f"moves_{uuid.uuid4().hex[:8]}"
    bucket = f"spark-{uuid.uuid4().hex[:8]}"
    create = f"CREATE TABLE {table} (id INT, name STRING, day DATE) USING parquet"
    status = run(http, project, create)
    assert status["status"] == "FINISHED", status

    source = spark.data_dir / "obs" / bucket / "in" / "rows.csv"
    source.parent.mkdir(parents=True)
    source.write_text('id;name;day\n1;plain;02/01/2024\nx;"semi;colon";03/02/2024\n3;;bad\n')
    imported = start(
        http,
        project,
        "import-table",
        {
            "data_path": f"obs://{bucket}/in/rows.csv",
            "data_type": "csv",
            "database_name": "default",
            "table_name": table,
            "with_column_header": True,
            "delimiter": ";",
            "date_format": "dd/MM/yyyy",
        },
    )
    assert (imported["status"], imported["job_type"]) == ("FINISHED", "IMPORT"), imported
    assert imported["result_count"] == 3

    query = run(http, project, f"SELECT * FROM {table} ORDER BY day NULLS LAST")
    assert query["status"] == "FINISHED", query
    assert preview(http, project, query["job_id"])["rows"] == [
        [1, "plain", "2024-01-02"],
        [None, "semi;colon", "2024-02-03"],
        [3, None, None],
    ]

    table_export = start(
        http,
        project,
        "export-table",
        {
            "data_path": f"obs://{bucket}/out/table",
            "data_type": "json",
            "database_name": "default",
            "table_name": table,
            "compress": "gzip",
        },
    )
    assert (table_export["status"], table_export["result_count"]) == ("FINISHED", 3), table_export
    written = only_file(spark.data_dir / "obs" / bucket / "out" / "table")
    assert written.name == "part-00000.json.gz"
    lines = [json.loads(line) for line in gzip.decompress(written.read_bytes()).splitlines()]
    assert sorted(lines, key=lambda row: row.get("day", "~")) == [
        {"id": 1, "name": "plain", "day": "2024-01-02"},
        {"name": "semi;colon", "day": "2024-02-03"},
        {"id": 3},
    ]

    result_export = start(
        http,
        project,
        f"{query['job_id']}/export-result",
        {
            "data_path": f"obs://{bucket}/out/result",
            "data_type": "csv",
            "with_column_header": True,
            "limit_num": 2,
        },
    )
    assert (result_export["status"], result_export["result_count"]) == ("FINISHED", 2)
    written = only_file(spark.data_dir / "obs" / bucket / "out" / "result")
    assert written.name == "part-00000.csv"
    assert written.read_text().splitlines() == [
        "id,name,day",
        "1,plain,2024-01-02",
        ",semi;colon,2024-02-03",
    ]


def test_a_failed_import_names_the_obs_file_not_a_host_path(
    spark: EmulatorInstance, http: httpx.Client
) -> None:
    project = spark.project_id
    table = f"typed_{uuid.uuid4().hex[:8]}"
    bucket = f"spark-{uuid.uuid4().hex[:8]}"
    assert run(http, project, f"CREATE TABLE {table} (n INT) USING parquet")["status"] == "FINISHED"
    source = spark.data_dir / "obs" / bucket / "broken.parquet"
    source.parent.mkdir(parents=True)
    source.write_bytes(b"not parquet at all")
    status = start(
        http,
        project,
        "import-table",
        {
            "data_path": f"obs://{bucket}/broken.parquet",
            "data_type": "parquet",
            "database_name": "default",
            "table_name": table,
        },
    )
    assert status["status"] == "FAILED", status
    message = status["message"]
    assert f"obs://{bucket}/broken.parquet" in message, message
    assert str(spark.data_dir) not in message
    assert "file:" not in message


def test_an_overwriting_import_replaces_only_its_partition(
    spark: EmulatorInstance, http: httpx.Client
) -> None:
    project = spark.project_id
    table = f"parts_{uuid.uuid4().hex[:8]}"
    bucket = f"spark-{uuid.uuid4().hex[:8]}"
    create = f"CREATE TABLE {table} (v INT, p STRING) USING parquet PARTITIONED BY (p)"
    assert run(http, project, create)["status"] == "FINISHED"
    folder = spark.data_dir / "obs" / bucket
    folder.mkdir(parents=True)
    (folder / "one.json").write_text('{"v": 1}\n{"v": "not a number"}\n')
    (folder / "two.json").write_text('{"v": 2}\n')

    def load(name: str, partition: str, overwrite: bool) -> None:
        body = {
            "data_path": f"obs://{bucket}/{name}",
            "data_type": "json",
            "database_name": "default",
            "table_name": table,
            "partition_spec": {"p": partition},
            "overwrite": overwrite,
        }
        status = start(http, project, "import-table", body)
        assert status["status"] == "FINISHED", status

    load("one.json", "a", overwrite=False)
    load("one.json", "b", overwrite=False)
    load("two.json", "a", overwrite=True)
    query = run(http, project, f"SELECT p, v FROM {table} ORDER BY p, v NULLS FIRST")
    assert preview(http, project, query["job_id"])["rows"] == [["a", 2], ["b", None], ["b", 1]]
