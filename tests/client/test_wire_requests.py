"""The generated client sends exactly the right request and reads every documented answer.

An `httpx.MockTransport` stands in for the network: it records what the client sends and answers
with bodies taken from openapi.yaml's own examples, so the test checks the client against the
contract rather than against a copy of it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
import yaml
from dli_client import AuthenticatedClient
from dli_client.api.sql_job_results import export_sql_job_result, preview_sql_job_result
from dli_client.api.sql_jobs import (
    cancel_sql_job,
    check_sql,
    create_sql_job,
    list_sql_jobs,
    show_sql_job_detail,
    show_sql_job_progress,
    show_sql_job_status,
)
from dli_client.api.tables_deprecated import export_table, import_table
from dli_client.models import (
    AsyncJobResponse,
    CheckSqlRequest,
    CheckSqlResponse,
    CreateSqlJobRequest,
    CreateSqlJobResponse,
    DliError,
    EngineType,
    ExportSqlJobResultRequest,
    ExportSqlJobResultRequestDataType,
    ExportTableRequest,
    ExportTableRequestCompress,
    ExportTableRequestDataType,
    GatewayError,
    ImportTableRequest,
    ImportTableRequestDataType,
    JobMode,
    JobStatus,
    JobType,
    JobTypeFilter,
    ListSqlJobsOrder,
    ListSqlJobsResponse,
    PreviewSqlJobResultResponse,
    ShowSqlJobDetailResponse,
    ShowSqlJobProgressResponse,
    ShowSqlJobStatusResponse,
    SuccessEnvelope,
    Tag,
)

from dli_toolkit.waiting import TERMINAL_STATES

SPEC = yaml.safe_load((Path(__file__).resolve().parents[2] / "openapi.yaml").read_text())
PROJECT = "48cc2c48765f481480c7db940d6409d1"
JOB = "6d2146a0-c2d5-41bd-8ca0-ca9694ada992"
TOKEN = "MIIZ-test-token"


def example_body(path: str, method: str, status: str = "200") -> Any:
    response = SPEC["paths"][path][method]["responses"][status]
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    media = response["content"]["application/json"]
    return (
        media["example"] if "example" in media else next(iter(media["examples"].values()))["value"]
    )


class Recorder:
    """A transport that remembers requests and answers with a fixed status and JSON body."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.status, self.body, self.headers = status, body, headers or {}
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body, headers=self.headers)

    @property
    def only(self) -> httpx.Request:
        assert len(self.requests) == 1
        return self.requests[0]


def client_for(recorder: Recorder) -> AuthenticatedClient:
    return AuthenticatedClient(
        base_url="https://dli.cn-north-4.myhuaweicloud.com",
        token=TOKEN,
        httpx_args={"transport": httpx.MockTransport(recorder)},
    )


def query_pairs(request: httpx.Request) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(str(request.url)).query, keep_blank_values=True)


# (operationId, path template, method, call, expected query pairs, expected JSON body)
Case = tuple[str, str, str, Callable[[AuthenticatedClient], Any], list[tuple[str, str]], Any]

CASES: list[Case] = [
    (
        "createSqlJob",
        "/v1.0/{project_id}/jobs/submit-job",
        "post",
        lambda c: create_sql_job.sync_detailed(
            PROJECT,
            client=c,
            body=CreateSqlJobRequest(
                sql="select * from t1",
                currentdb="db1",
                queue_name="default",
                conf=["dli.sql.sqlasync.enabled=false"],
                tags=[Tag(key="workspace", value="space1")],
                engine_type=EngineType.SPARK,
            ),
        ),
        [],
        {
            "sql": "select * from t1",
            "currentdb": "db1",
            "queue_name": "default",
            "conf": ["dli.sql.sqlasync.enabled=false"],
            "tags": [{"key": "workspace", "value": "space1"}],
            "engine_type": "spark",
        },
    ),
    (
        "checkSql",
        "/v1.0/{project_id}/jobs/check-sql",
        "post",
        lambda c: check_sql.sync_detailed(
            PROJECT, client=c, body=CheckSqlRequest(sql="select 1", currentdb="db1")
        ),
        [],
        {"sql": "select 1", "currentdb": "db1"},
    ),
    (
        "listSqlJobs",
        "/v1.0/{project_id}/jobs",
        "get",
        lambda c: list_sql_jobs.sync_detailed(
            PROJECT,
            client=c,
            page_size=10,
            current_page=2,
            start=1502349803000,
            end=1502349899000,
            job_type=JobTypeFilter.ALL,
            job_types=[JobTypeFilter.DDL, JobTypeFilter.QUERY],
            job_status=JobStatus.FINISHED,
            job_id=JOB,
            queue_name="default",
            sql_pattern="select",
            order=ListSqlJobsOrder.DURATION_ASC,
            engine_type=EngineType.SPARK,
            owner="tenant1",
            tags="k1=v1,k2=v2",
            db_name="db1",
            table_name="t1",
        ),
        [
            ("page-size", "10"),
            ("current-page", "2"),
            ("start", "1502349803000"),
            ("end", "1502349899000"),
            ("job-type", "ALL"),
            ("job_types", "DDL"),
            ("job_types", "QUERY"),
            ("job-status", "FINISHED"),
            ("job-id", JOB),
            ("queue_name", "default"),
            ("sql_pattern", "select"),
            ("order", "duration_asc"),
            ("engine-type", "spark"),
            ("owner", "tenant1"),
            ("tags", "k1=v1,k2=v2"),
            ("db_name", "db1"),
            ("table_name", "t1"),
        ],
        None,
    ),
    (
        "cancelSqlJob",
        "/v1.0/{project_id}/jobs/{job_id}",
        "delete",
        lambda c: cancel_sql_job.sync_detailed(PROJECT, JOB, client=c),
        [],
        None,
    ),
    (
        "showSqlJobStatus",
        "/v1.0/{project_id}/jobs/{job_id}/status",
        "get",
        lambda c: show_sql_job_status.sync_detailed(PROJECT, JOB, client=c),
        [],
        None,
    ),
    (
        "showSqlJobDetail",
        "/v1.0/{project_id}/jobs/{job_id}/detail",
        "get",
        lambda c: show_sql_job_detail.sync_detailed(PROJECT, JOB, client=c),
        [],
        None,
    ),
    (
        "previewSqlJobResult",
        "/v1.0/{project_id}/jobs/{job_id}/preview",
        "get",
        lambda c: preview_sql_job_result.sync_detailed(
            PROJECT, JOB, client=c, queue_name="q1", page_size=20
        ),
        [("queue-name", "q1"), ("page-size", "20")],
        None,
    ),
    (
        "exportSqlJobResult",
        "/v1.0/{project_id}/jobs/{job_id}/export-result",
        "post",
        lambda c: export_sql_job_result.sync_detailed(
            PROJECT,
            JOB,
            client=c,
            body=ExportSqlJobResultRequest(
                data_path="obs://bucket/out",
                data_type=ExportSqlJobResultRequestDataType.CSV,
                with_column_header=True,
            ),
        ),
        [],
        # Fields with a documented default go on the wire with it: same meaning to the service.
        {
            "data_path": "obs://bucket/out",
            "data_type": "csv",
            "with_column_header": True,
            "compress": "none",
            "export_mode": "ErrorIfExists",
            "limit_num": 0,
            "encoding_type": "utf-8",
        },
    ),
    (
        "showSqlJobProgress",
        "/v1/{project_id}/jobs/{job_id}/progress",
        "get",
        lambda c: show_sql_job_progress.sync_detailed(PROJECT, JOB, client=c),
        [],
        None,
    ),
    (
        "importTable",
        "/v1.0/{project_id}/jobs/import-table",
        "post",
        lambda c: import_table.sync_detailed(
            PROJECT,
            client=c,
            body=ImportTableRequest(
                data_path="obs://bucket/in.csv",
                data_type=ImportTableRequestDataType.CSV,
                database_name="db1",
                table_name="t1",
                with_column_header=True,
            ),
        ),
        [],
        {
            "data_path": "obs://bucket/in.csv",
            "data_type": "csv",
            "database_name": "db1",
            "table_name": "t1",
            "with_column_header": True,
            "delimiter": ",",
            "date_format": "yyyy-MM-dd",
            "timestamp_format": "yyyy-MM-dd HH:mm:ss",
            "overwrite": False,
        },
    ),
    (
        "exportTable",
        "/v1.0/{project_id}/jobs/export-table",
        "post",
        lambda c: export_table.sync_detailed(
            PROJECT,
            client=c,
            body=ExportTableRequest(
                data_path="obs://bucket/out",
                data_type=ExportTableRequestDataType.JSON,
                database_name="db1",
                table_name="t1",
                compress=ExportTableRequestCompress.GZIP,
            ),
        ),
        [],
        {
            "data_path": "obs://bucket/out",
            "data_type": "json",
            "database_name": "db1",
            "table_name": "t1",
            "compress": "gzip",
            "export_mode": "ErrorIfExists",
            "with_column_header": False,
        },
    ),
]


class Model(Protocol):
    """What every generated response model offers."""

    def to_dict(self) -> dict[str, Any]: ...


PARSED_AS: dict[str, type[Model]] = {
    "createSqlJob": CreateSqlJobResponse,
    "checkSql": CheckSqlResponse,
    "listSqlJobs": ListSqlJobsResponse,
    "cancelSqlJob": SuccessEnvelope,
    "showSqlJobStatus": ShowSqlJobStatusResponse,
    "showSqlJobDetail": ShowSqlJobDetailResponse,
    "previewSqlJobResult": PreviewSqlJobResultResponse,
    "exportSqlJobResult": AsyncJobResponse,
    "showSqlJobProgress": ShowSqlJobProgressResponse,
    "importTable": AsyncJobResponse,
    "exportTable": AsyncJobResponse,
}


def test_cases_cover_every_operation() -> None:
    ops = {
        op["operationId"]
        for item in SPEC["paths"].values()
        for op in item.values()
        if "operationId" in op
    }
    assert {case[0] for case in CASES} == ops


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_request_on_the_wire(case: Case) -> None:
    _, template, method, call, query, body = case
    recorder = Recorder(200, example_body(template, method))
    call(client_for(recorder))
    request = recorder.only
    assert request.method == method.upper()
    assert request.url.raw_path.split(b"?")[0].decode() == template.format(
        project_id=PROJECT, job_id=JOB
    )
    assert query_pairs(request) == query
    assert request.headers["X-Auth-Token"] == TOKEN
    assert "authorization" not in request.headers
    if body is None:
        assert request.content == b""
    else:
        assert request.headers["Content-Type"] == "application/json"
        assert json.loads(request.content) == body


def test_list_defaults_are_sent_as_documented() -> None:
    recorder = Recorder(200, example_body("/v1.0/{project_id}/jobs", "get"))
    list_sql_jobs.sync_detailed(PROJECT, client=client_for(recorder))
    assert query_pairs(recorder.only) == [
        ("page-size", "50"),
        ("current-page", "1"),
        ("order", "start_time_desc"),
    ]


def test_path_parameters_are_percent_encoded() -> None:
    recorder = Recorder(400, {"error_code": "DLI.0002", "error_msg": "no such job"})
    show_sql_job_status.sync_detailed(PROJECT, "a/b c", client=client_for(recorder))
    assert recorder.only.url.raw_path == f"/v1.0/{PROJECT}/jobs/a%2Fb%20c/status".encode()


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_documented_success_example_parses_into_its_model(case: Case) -> None:
    op_id, template, method, call, _, _ = case
    body = example_body(template, method)
    response = call(client_for(Recorder(200, body)))
    assert response.status_code == 200
    assert isinstance(response.parsed, PARSED_AS[op_id])
    assert response.parsed.to_dict() == body


def test_seed_status_example_becomes_typed_fields() -> None:
    body = example_body("/v1.0/{project_id}/jobs/{job_id}/status", "get")
    parsed = show_sql_job_status.sync(PROJECT, JOB, client=client_for(Recorder(200, body)))
    assert isinstance(parsed, ShowSqlJobStatusResponse)
    assert parsed.status is JobStatus.FINISHED
    assert parsed.job_type is JobType.QUERY
    assert parsed.job_mode is JobMode.ASYNC
    assert parsed.start_time == 1509335108918 and parsed.duration == 2523
    assert parsed.result_count == 4 and parsed.input_size == 22
    assert isinstance(parsed.detail, str)
    assert json.loads(parsed.detail)["fields"][0] == {
        "name": "id",
        "type": "integer",
        "nullable": True,
        "metadata": {},
    }


def test_unknown_fields_and_enum_values_are_tolerated() -> None:
    body = dict(
        example_body("/v1.0/{project_id}/jobs/{job_id}/status", "get"),
        status="QUEUED_FOR_GPU",
        job_type="STREAMING",
        job_mode="deferred",
        brand_new_field={"nested": [1, 2]},
    )
    parsed = show_sql_job_status.sync(PROJECT, JOB, client=client_for(Recorder(200, body)))
    assert isinstance(parsed, ShowSqlJobStatusResponse)
    assert isinstance(parsed.status, JobStatus) and parsed.status == "QUEUED_FOR_GPU"
    assert parsed.status not in TERMINAL_STATES
    assert parsed.job_type == "STREAMING" and parsed.job_mode == "deferred"
    assert parsed["brand_new_field"] == {"nested": [1, 2]}
    assert parsed.to_dict()["status"] == "QUEUED_FOR_GPU"


def test_unknown_status_in_a_list_item_is_tolerated() -> None:
    body = example_body("/v1.0/{project_id}/jobs", "get")
    body["jobs"][0]["status"] = "ARCHIVED"
    parsed = list_sql_jobs.sync(PROJECT, client=client_for(Recorder(200, body)))
    assert isinstance(parsed, ListSqlJobsResponse)
    assert parsed.jobs[0].status == "ARCHIVED"


ERROR_CASES: list[tuple[str, type[DliError | GatewayError]]] = [
    ("400", DliError),
    ("401", GatewayError),
    ("403", GatewayError),
    ("404", DliError),
    ("429", GatewayError),
    ("500", DliError),
]


@pytest.mark.parametrize(("status", "model"), ERROR_CASES)
def test_documented_error_bodies_surface_as_typed_models(
    status: str, model: type[DliError | GatewayError]
) -> None:
    path = "/v1.0/{project_id}/jobs/{job_id}/status"
    body = example_body(path, "get", status)
    response = show_sql_job_status.sync_detailed(
        PROJECT, JOB, client=client_for(Recorder(int(status), body, {"X-Request-Id": "req-1"}))
    )
    assert response.status_code == int(status)
    assert isinstance(response.parsed, model)
    assert response.parsed.error_code == body["error_code"]
    assert response.parsed.error_msg == body["error_msg"]
    assert response.headers["X-Request-Id"] == "req-1"


def test_undocumented_status_is_not_parsed() -> None:
    response = check_sql.sync_detailed(
        PROJECT,
        client=client_for(Recorder(418, {"error_code": "X", "error_msg": "teapot"})),
        body=CheckSqlRequest(sql="select 1"),
    )
    assert response.parsed is None and response.status_code == 418


async def _async_status(recorder: Recorder) -> Any:
    client = AuthenticatedClient(
        base_url="https://dli.cn-north-4.myhuaweicloud.com",
        token=TOKEN,
        httpx_args={"transport": httpx.MockTransport(recorder)},
    )
    async with client:
        return await show_sql_job_status.asyncio(PROJECT, JOB, client=client)


def test_async_calls_send_the_same_request() -> None:
    import asyncio

    body = example_body("/v1.0/{project_id}/jobs/{job_id}/status", "get")
    recorder = Recorder(200, body)
    parsed = asyncio.run(_async_status(recorder))
    assert isinstance(parsed, ShowSqlJobStatusResponse)
    assert recorder.only.url.raw_path == f"/v1.0/{PROJECT}/jobs/{JOB}/status".encode()
    assert recorder.only.headers["X-Auth-Token"] == TOKEN


def test_token_is_not_in_the_client_repr() -> None:
    assert TOKEN not in repr(client_for(Recorder(200, {})))
