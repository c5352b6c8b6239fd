"""Bad input for every operation over HTTP: 400 DLI.0001 naming what was wrong, nothing changed."""

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from dli_emulator.testing import EmulatorInstance, run_job

OBS = "obs://bucket/out"

# (operation, method, path, query, JSON body, start of the expected message); `{project}` is the
# caller's project, `{job}` a finished QUERY job of it.
CASES: list[tuple[str, str, str, dict[str, Any] | None, Any, str]] = [
    (
        "createSqlJob",
        "POST",
        "/v1.0/{project}/jobs/submit-job",
        None,
        {},
        'Invalid request body: "sql" is a',
    ),
    (
        "createSqlJob",
        "POST",
        "/v1.0/{project}/jobs/submit-job",
        None,
        {"sql": ""},
        "Invalid parameter sql: ",
    ),
    (
        "createSqlJob",
        "POST",
        "/v1.0/{project}/jobs/submit-job",
        None,
        {"sql": "SELECT 1", "queue_name": "123"},
        'Invalid parameter queue_name: "123" does not match',
    ),
    (
        "createSqlJob",
        "POST",
        "/v1.0/{project}/jobs/submit-job",
        None,
        {"sql": "SELECT 1", "conf": ["no equals sign"]},
        "conf item 'no equals sign' is not of the form key=value",
    ),
    (
        "checkSql",
        "POST",
        "/v1.0/{project}/jobs/check-sql",
        None,
        {"sql": 7},
        "Invalid parameter sql: 7 is not",
    ),
    (
        "listSqlJobs",
        "GET",
        "/v1.0/{project}/jobs",
        {"page-size": "0"},
        None,
        "Invalid parameter page-size: 0 is less than the minimum of 1",
    ),
    (
        "listSqlJobs",
        "GET",
        "/v1.0/{project}/jobs",
        {"current-page": "x"},
        None,
        "Invalid parameter current-page",
    ),
    (
        "listSqlJobs",
        "GET",
        "/v1.0/{project}/jobs",
        {"order": "newest"},
        None,
        "Invalid parameter order: ",
    ),
    (
        "listSqlJobs",
        "GET",
        "/v1.0/{project}/jobs",
        {"job-status": "DONE"},
        None,
        "Invalid parameter job-status",
    ),
    (
        "cancelSqlJob",
        "DELETE",
        "/v1.0/{project}/jobs/bad!id",
        None,
        None,
        'Invalid parameter job_id: "bad!id"',
    ),
    (
        "showSqlJobStatus",
        "GET",
        "/v1.0/{project}/jobs/" + "a" * 65 + "/status",
        None,
        None,
        "Invalid parameter job_id",
    ),
    (
        "showSqlJobDetail",
        "GET",
        "/v1.0/{project}/jobs/a_b/detail",
        None,
        None,
        "Invalid parameter job_id",
    ),
    (
        "previewSqlJobResult",
        "GET",
        "/v1.0/{project}/jobs/{job}/preview",
        {"page-size": "1001"},
        None,
        "Invalid parameter page-size: 1001 is greater than the maximum of 1000",
    ),
    (
        "previewSqlJobResult",
        "GET",
        "/v1.0/{project}/jobs/{job}/preview",
        {"queue-name": "_q"},
        None,
        "Invalid parameter queue-name: ",
    ),
    (
        "exportSqlJobResult",
        "POST",
        "/v1.0/{project}/jobs/{job}/export-result",
        None,
        {"data_path": "hdfs://x/y", "data_type": "csv"},
        "data_path must be an OBS path starting with obs:// or s3a://",
    ),
    (
        "exportSqlJobResult",
        "POST",
        "/v1.0/{project}/jobs/{job}/export-result",
        None,
        {"data_path": OBS, "data_type": "xml"},
        'Invalid parameter data_type: "xml" is not one of',
    ),
    (
        "showSqlJobProgress",
        "GET",
        "/v1/{project}/jobs/a.b/progress",
        None,
        None,
        "Invalid parameter job_id",
    ),
    (
        "importTable",
        "POST",
        "/v1.0/{project}/jobs/import-table",
        None,
        {"data_path": OBS, "data_type": "csv", "database_name": "db1"},
        'Invalid request body: "table_name" is a required property',
    ),
    (
        "importTable",
        "POST",
        "/v1.0/{project}/jobs/import-table",
        None,
        {"data_path": OBS, "data_type": "txt", "database_name": "db1", "table_name": "t"},
        "Invalid parameter data_type: ",
    ),
    (
        "exportTable",
        "POST",
        "/v1.0/{project}/jobs/export-table",
        None,
        {"data_path": OBS, "data_type": "csv", "database_name": "db1", "table_name": "t"},
        'Invalid request body: "compress" is a required property',
    ),
    ("listSqlJobs", "GET", "/v1.0/bad-project/jobs", None, None, "Invalid parameter project_id"),
    # Values the service once re-checked by hand; the spec's validator is now the only check.
    (
        "listSqlJobs",
        "GET",
        "/v1.0/{project}/jobs",
        {"tags": "novalue"},
        None,
        'Invalid parameter tags: "novalue" does not match',
    ),
    (
        "createSqlJob",
        "POST",
        "/v1.0/{project}/jobs/submit-job",
        None,
        {"sql": "SELECT 1", "tags": [{"key": "team"}]},
        'Invalid parameter tags[0]: "value" is a required property',
    ),
    (
        "exportSqlJobResult",
        "POST",
        "/v1.0/{project}/jobs/{job}/export-result",
        None,
        {"data_path": OBS, "data_type": "csv", "with_column_header": "true"},
        'Invalid parameter with_column_header: "true" is not of type "boolean"',
    ),
    (
        "exportSqlJobResult",
        "POST",
        "/v1.0/{project}/jobs/{job}/export-result",
        None,
        {"data_path": OBS, "data_type": "csv", "limit_num": -1},
        "Invalid parameter limit_num: -1 is less than the minimum of 0",
    ),
    (
        "exportSqlJobResult",
        "POST",
        "/v1.0/{project}/jobs/{job}/export-result",
        None,
        {"data_path": OBS, "data_type": "csv", "compress": "GZIP"},
        'Invalid parameter compress: "GZIP" is not one of',
    ),
    (
        "importTable",
        "POST",
        "/v1.0/{project}/jobs/import-table",
        None,
        {
            "data_path": OBS,
            "data_type": "csv",
            "database_name": "db1",
            "table_name": "t",
            "quote_char": "ab",
        },
        'Invalid parameter quote_char: "ab" is longer than 1 character',
    ),
    (
        "importTable",
        "POST",
        "/v1.0/{project}/jobs/import-table",
        None,
        {
            "data_path": OBS,
            "data_type": "csv",
            "database_name": "db1",
            "table_name": "t",
            "partition_spec": "day",
        },
        "Invalid parameter partition_spec: 'day' is not col=value pairs",
    ),
    (
        "exportTable",
        "POST",
        "/v1.0/{project}/jobs/export-table",
        None,
        {
            "data_path": "",
            "data_type": "csv",
            "database_name": "db1",
            "table_name": "t",
            "compress": "none",
        },
        'Invalid parameter data_path: "" is shorter than 1 character',
    ),
]
POST_PATHS = [
    "/v1.0/{project}/jobs/submit-job",
    "/v1.0/{project}/jobs/check-sql",
    "/v1.0/{project}/jobs/import-table",
    "/v1.0/{project}/jobs/export-table",
    "/v1.0/{project}/jobs/{job}/export-result",
]


@pytest.fixture(scope="module")
def finished_query(emulator: EmulatorInstance, emulator_http: httpx.Client) -> str:
    status = run_job(emulator_http, emulator.project_id, "SELECT 1 AS one, 'a' AS two")
    assert status["status"] == "FINISHED"
    job_id: str = status["job_id"]
    return job_id


@pytest.fixture
def unchanged(
    emulator: EmulatorInstance, emulator_http: httpx.Client, finished_query: str
) -> Iterator[None]:
    """Asserts after the test that no job was added and the finished job is still readable."""

    def snapshot() -> tuple[int, Any]:
        listed = emulator_http.get(f"/v1.0/{emulator.project_id}/jobs").json()
        preview = emulator_http.get(f"/v1.0/{emulator.project_id}/jobs/{finished_query}/preview")
        return listed["job_count"], preview.json()

    before = snapshot()
    yield
    assert snapshot() == before


def url(emulator: EmulatorInstance, path: str, job_id: str) -> str:
    return path.format(project=emulator.project_id, job=job_id)


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize(
    ("operation", "method", "path", "query", "body", "expected"),
    CASES,
    ids=[f"{case[0]}-{index}" for index, case in enumerate(CASES)],
)
def test_bad_input_is_refused_naming_what_was_wrong(
    emulator: EmulatorInstance,
    emulator_http: httpx.Client,
    finished_query: str,
    operation: str,
    method: str,
    path: str,
    query: dict[str, Any] | None,
    body: Any,
    expected: str,
) -> None:
    response = emulator_http.request(
        method, url(emulator, path, finished_query), params=query, json=body
    )
    assert response.status_code == 400, response.text
    error = response.json()
    assert error["error_code"] == "DLI.0001"
    assert error["error_msg"].startswith(expected)


def test_every_operation_has_a_bad_input_case() -> None:
    covered = {case[0] for case in CASES}
    assert len(covered) == 11


@pytest.mark.usefixtures("unchanged")
@pytest.mark.parametrize("path", POST_PATHS)
@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"sql": "SELECT 1"', "Invalid request body: not valid JSON"),
        (b'{"sql": "SELECT \xff"}', "Invalid request body: not UTF-8 text"),
        (b"", "Invalid request body: a JSON body is required"),
        (b"sql=SELECT+1", "Invalid request body: not valid JSON"),
    ],
)
def test_a_body_that_is_not_json_is_a_parameter_error(
    emulator: EmulatorInstance,
    emulator_http: httpx.Client,
    finished_query: str,
    path: str,
    content: bytes,
    expected: str,
) -> None:
    response = emulator_http.post(
        url(emulator, path, finished_query),
        content=content,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400, response.text
    assert response.json()["error_code"] == "DLI.0001"
    assert response.json()["error_msg"].startswith(expected)


def test_repeated_array_keys_are_read_as_a_list(
    emulator: EmulatorInstance, emulator_http: httpx.Client, finished_query: str
) -> None:
    response = emulator_http.get(
        f"/v1.0/{emulator.project_id}/jobs",
        params=[("job_types", "DDL"), ("job_types", "QUERY"), ("job-id", finished_query)],
    )
    assert response.status_code == 200, response.text
    assert response.json()["job_count"] == 1
    response = emulator_http.get(
        f"/v1.0/{emulator.project_id}/jobs",
        params=[("job_types", "DDL"), ("job_types", "INSERT"), ("job-id", finished_query)],
    )
    assert response.json()["job_count"] == 0
