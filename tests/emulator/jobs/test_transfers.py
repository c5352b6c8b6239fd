"""Import and export jobs on the service: files written and read in the emulated OBS folder."""

import bz2
import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb

from dli_emulator.errors import DliError
from dli_emulator.testing import ServiceCalls

Refuse = Callable[..., DliError]

A = "projecta"


def obs_file(service: ServiceCalls, folder: str) -> Path:
    """The single data file an export wrote into obs://<folder>."""
    (path,) = (service.data_dir / "obs" / folder).iterdir()
    return path


def test_a_table_round_trips_through_csv_files(service: ServiceCalls) -> None:
    service.finished(A, "create table src (id int, name string, day date, amount decimal(8,2))")
    service.finished(
        A,
        "insert into src values (1, 'plain', date '2024-01-02', 1.50),"
        " (2, 'a \"quoted\", text', date '2024-02-03', null), (3, null, null, 10.00)",
    )
    export = service.export_table(
        A,
        "alice",
        {
            "data_path": "obs://bucket-1/exports/src",
            "data_type": "csv",
            "database_name": "default",
            "table_name": "src",
            "compress": "gzip",
            "with_column_header": True,
        },
    )
    assert export["message"] == (
        "export all data from table default.src to path obs://bucket-1/exports/src started"
    )
    assert export["job_mode"] == "async"
    status = service.wait_for(A, export["job_id"])
    assert (status["status"], status["job_type"], status["result_count"]) == (
        "FINISHED",
        "EXPORT",
        3,
    )
    written = obs_file(service, "bucket-1/exports/src")
    assert written.name == "part-00000.csv.gz"
    lines = gzip.decompress(written.read_bytes()).decode().splitlines()
    assert lines[0] == "id,name,day,amount"
    assert lines[2] == '2,"a \\"quoted\\", text",2024-02-03,'
    detail = service.detail(A, export["job_id"])
    assert {k: detail[k] for k in ("data_path", "data_type", "compress", "export_mode")} == {
        "data_path": "obs://bucket-1/exports/src",
        "data_type": "csv",
        "compress": "gzip",
        "export_mode": "ErrorIfExists",
    }

    service.finished(A, "create table dst (id int, name string, day date, amount decimal(8,2))")
    imported = service.import_table(
        A,
        "alice",
        {
            "data_path": "s3a://bucket-1/exports/src",
            "data_type": "csv",
            "database_name": "default",
            "table_name": "dst",
            "with_column_header": True,
        },
    )
    assert imported["message"] == "import data to table dst started"
    status = service.wait_for(A, imported["job_id"])
    assert (status["status"], status["input_row_count"]) == ("FINISHED", 3), status
    detail = service.detail(A, imported["job_id"])
    assert (detail["with_column_header"], detail["delimiter"], detail["data_type"]) == (
        True,
        ",",
        "csv",
    )
    copy = service.finished(A, "select * from dst order by id")["job_id"]
    original = service.finished(A, "select * from src order by id")["job_id"]
    assert service.preview(A, copy, {})["rows"] == service.preview(A, original, {})["rows"]


def test_a_result_exports_as_json_bzip2_and_gbk(service: ServiceCalls) -> None:
    query = service.finished(A, "select id, '名' || id as label from range(5) t(id) order by id")
    job_id = query["job_id"]
    as_json = service.export_result(
        A, job_id, {"data_path": "obs://bucket-1/json", "data_type": "json", "limit_num": 2}
    )
    assert as_json == {
        "is_success": True,
        "message": "",
        "job_id": as_json["job_id"],
        "job_mode": "async",
    }
    assert service.wait_for(A, as_json["job_id"])["result_count"] == 2
    lines = obs_file(service, "bucket-1/json").read_text().splitlines()
    assert [json.loads(line) for line in lines] == [
        {"id": 0, "label": "名0"},
        {"id": 1, "label": "名1"},
    ]

    packed = service.export_result(
        A,
        job_id,
        {
            "data_path": "obs://bucket-1/bz",
            "data_type": "csv",
            "compress": "bzip2",
            "encoding_type": "gbk",
            "quote_char": "'",
        },
    )
    assert service.wait_for(A, packed["job_id"])["status"] == "FINISHED"
    written = obs_file(service, "bucket-1/bz")
    assert written.name == "part-00000.csv.bz2"
    assert bz2.decompress(written.read_bytes()).decode("gbk").splitlines()[4] == "4,名4"


def test_export_mode_protects_or_replaces_the_folder(service: ServiceCalls) -> None:
    job_id = service.finished(A, "select 1 as one")["job_id"]
    body = {"data_path": "obs://bucket-1/out", "data_type": "csv"}
    assert run_export(service, job_id, body)["status"] == "FINISHED"
    again = run_export(service, job_id, body)
    assert again["status"] == "FAILED"
    assert "obs://bucket-1/out already exists" in again["message"]
    replaced = run_export(service, job_id, {**body, "export_mode": "Overwrite"})
    assert replaced["status"] == "FINISHED"
    assert obs_file(service, "bucket-1/out").read_text() == "1\n"


def run_export(service: ServiceCalls, job_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return service.wait_for(A, service.export_result(A, job_id, body)["job_id"])


def test_json_and_parquet_imports_fill_partitions(service: ServiceCalls) -> None:
    service.finished(
        A,
        "create table ev (id int, kind string, at timestamp) partitioned by (day string)",
    )
    folder = service.data_dir / "obs" / "bucket-1" / "in"
    folder.mkdir(parents=True)
    (folder / "a.json").write_text(
        '{"id": 1, "kind": "x", "at": "01/02/2024 03:04"}\n{"id": "bad", "kind": "y"}\n'
    )
    (folder / "_SUCCESS").write_text("")
    body = {
        "data_path": "obs://bucket-1/in",
        "data_type": "json",
        "database_name": "default",
        "table_name": "ev",
        "timestamp_format": "MM/dd/yyyy HH:mm",
        "partition_spec": {"day": "d1"},
    }
    assert (
        service.wait_for(A, service.import_table(A, "alice", body)["job_id"])["status"]
        == "FINISHED"
    )
    parquet = service.data_dir / "obs" / "bucket-1" / "pq" / "p.parquet"
    parquet.parent.mkdir(parents=True)
    with duckdb.connect() as db:
        db.execute(f"copy (select 'z' as kind, 9 as id) to '{parquet}'")
    overwrite = {
        "data_path": "obs://bucket-1/pq/p.parquet",
        "data_type": "parquet",
        "database_name": "default",
        "table_name": "ev",
        "overwrite": True,
        "partition_spec": "day=d2",
    }
    assert (
        service.wait_for(A, service.import_table(A, "alice", overwrite)["job_id"])["status"]
        == "FINISHED"
    )
    rows = service.preview(
        A, service.finished(A, "select * from ev order by day, kind")["job_id"], {}
    )
    assert rows["rows"] == [
        [1, "x", "2024-01-02 03:04:00", "d1"],
        [None, "y", None, "d1"],  # unreadable values become null, as in Spark's PERMISSIVE mode
        [9, "z", None, "d2"],
    ]


def test_import_and_export_requests_are_checked(service: ServiceCalls, refused: Refuse) -> None:
    base = {"data_type": "csv", "database_name": "default", "table_name": "t"}
    orc = refused(
        service.import_table, A, "alice", {**base, "data_path": "obs://b1/x", "data_type": "orc"}
    )
    assert orc.error_code == "DLI.0007" and "orc" in orc.error_msg
    escape = refused(service.import_table, A, "alice", {**base, "data_path": "obs://b1/../../etc"})
    assert escape.error_code == "DLI.0001"
    queue = refused(
        service.export_table,
        A,
        "alice",
        {**base, "data_path": "obs://b1/x", "compress": "none", "queue_name": "nope"},
    )
    assert queue.error_code == "DLI.0002"
    query = service.finished(A, "select 1")["job_id"]
    # The job bucket: DLI.0011 outside the project's own area, DLI.0001 inside it.
    reserved = {"data_path": "obs://dli-job-bucket/jobs", "data_type": "csv"}
    assert refused(service.export_result, A, query, reserved).error_code == "DLI.0011"
    own = {"data_path": f"obs://dli-job-bucket/jobs/result/{A}/x", "data_type": "csv"}
    assert refused(service.export_result, A, query, own).error_code == "DLI.0001"
    ddl = service.finished(A, "create table t (a int)")["job_id"]
    not_query = refused(
        service.export_result, A, ddl, {"data_path": "obs://b1/x", "data_type": "csv"}
    )
    assert not_query.error_code == "DLI.0007"
    missing = run_import(service, {**base, "data_path": "obs://b1/none"})
    assert missing["status"] == "FAILED" and "obs://b1/none does not exist" in missing["message"]
    long_name = {**base, "data_path": "obs://b1/" + "0" * 300, "compress": "none"}
    assert refused(service.export_table, A, "alice", long_name).error_code == "DLI.0001"
    no_table = {**base, "table_name": "absent", "data_path": "obs://b1/out", "compress": "none"}
    failed = service.wait_for(A, service.export_table(A, "alice", no_table)["job_id"])
    assert failed["status"] == "FAILED" and "absent" in failed["message"]
    assert str(service.data_dir) not in failed["message"]


def run_import(service: ServiceCalls, body: dict[str, Any]) -> dict[str, Any]:
    return service.wait_for(A, service.import_table(A, "alice", body)["job_id"])
