"""The generated client against the real emulator: a job's whole lifecycle, every operation's
answer parsed into its typed model with no field the spec does not declare.

The emulator comes from the project's own pytest plugin (dli_emulator.pytest_plugin): one server
for the session, emptied before each test, so table names need not differ between tests."""

from collections.abc import Iterator
from typing import Any, TypeVar

import pytest
from dli_client import AuthenticatedClient, Client
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
    ListSqlJobsResponse,
    PreviewSqlJobResultResponse,
    ShowSqlJobDetailResponse,
    ShowSqlJobProgressResponse,
    ShowSqlJobStatusResponse,
    SuccessEnvelope,
)
from dli_client.types import Response, Unset

from dli_emulator.testing import EmulatorInstance, poll_until
from dli_toolkit import DliClient
from dli_toolkit.waiting import TERMINAL_STATES

# Runs for minutes in DuckDB unless interrupted (10^12 joined rows).
LONG_SQL = "SELECT count(*) AS n FROM range(1000000) a CROSS JOIN range(1000000) b"
Model = TypeVar("Model")


@pytest.fixture
def client(dli_emulator: EmulatorInstance) -> Iterator[AuthenticatedClient]:
    with AuthenticatedClient(base_url=dli_emulator.base_url, token=dli_emulator.token) as client:
        yield client


def parsed(response: Response[Any], model: type[Model], status: int = 200) -> Model:
    """The typed answer; it must carry no field outside the spec (a misspelt name would)."""
    assert response.status_code == status, response.content
    assert isinstance(response.parsed, model), response.content
    assert response.parsed.additional_properties == {}  # type: ignore[attr-defined]
    return response.parsed


def wait(
    client: AuthenticatedClient,
    project: str,
    job_id: str,
    until: frozenset[JobStatus] = TERMINAL_STATES,
) -> ShowSqlJobStatusResponse:
    return poll_until(
        lambda: parsed(
            show_sql_job_status.sync_detailed(project, job_id, client=client),
            ShowSqlJobStatusResponse,
        ),
        lambda status: status.status in until,
        interval=0.02,
        what=f"job {job_id} ending",
    )


def run(client: AuthenticatedClient, project: str, sql: str, **fields: Any) -> str:
    body = CreateSqlJobRequest(sql=sql, **fields)
    submitted = parsed(
        create_sql_job.sync_detailed(project, client=client, body=body), CreateSqlJobResponse
    )
    if submitted.job_mode == JobMode.ASYNC:
        assert wait(client, project, submitted.job_id).status == JobStatus.FINISHED
    return submitted.job_id


def test_query_lifecycle(dli_emulator: EmulatorInstance, client: AuthenticatedClient) -> None:
    project = dli_emulator.project_id
    checked = parsed(
        check_sql.sync_detailed(project, client=client, body=CheckSqlRequest(sql="SELECT 1")),
        CheckSqlResponse,
    )
    assert (checked.is_success, checked.message, checked.job_type) == (
        True,
        "the sql is ok",
        JobType.QUERY,
    )

    run(client, project, "CREATE TABLE lifecycle (id INT, name STRING)")
    run(client, project, "INSERT INTO lifecycle VALUES (1, 'one'), (2, 'two'), (3, 'three')")

    body = CreateSqlJobRequest(
        sql="SELECT id, name FROM lifecycle ORDER BY id", queue_name="default"
    )
    submitted = parsed(
        create_sql_job.sync_detailed(project, client=client, body=body), CreateSqlJobResponse
    )
    assert submitted.job_type == JobType.QUERY
    assert submitted.job_mode == JobMode.ASYNC
    job_id = submitted.job_id

    status = wait(client, project, job_id)
    assert status.status == JobStatus.FINISHED
    assert (status.job_id, status.owner, status.queue_name) == (
        job_id,
        dli_emulator.user,
        "default",
    )
    assert status.result_count == 3
    assert status.table_name == "lifecycle"
    # The status answer may leave duration out (a job not started yet); a finished job has one.
    assert isinstance(status.duration, int) and status.duration >= 0

    detail = parsed(
        show_sql_job_detail.sync_detailed(project, job_id, client=client), ShowSqlJobDetailResponse
    )
    assert (detail.job_id, detail.owner, detail.start_time) == (
        job_id,
        dli_emulator.user,
        status.start_time,
    )

    progress = parsed(
        show_sql_job_progress.sync_detailed(project, job_id, client=client),
        ShowSqlJobProgressResponse,
    )
    assert (progress.status, progress.progress) == (JobStatus.FINISHED, 1.0)

    preview = parsed(
        preview_sql_job_result.sync_detailed(project, job_id, client=client, page_size=2),
        PreviewSqlJobResultResponse,
    )
    assert preview.row_count == 3
    assert not isinstance(preview.schema, Unset)
    assert [column.additional_properties for column in preview.schema] == [
        {"id": "int"},
        {"name": "string"},
    ]
    assert preview.rows == [[1, "one"], [2, "two"]]

    export_body = ExportSqlJobResultRequest(
        data_path="obs://lifecycle-bucket/result",
        data_type=ExportSqlJobResultRequestDataType.CSV,
        with_column_header=True,
    )
    exported = parsed(
        export_sql_job_result.sync_detailed(project, job_id, client=client, body=export_body),
        AsyncJobResponse,
    )
    assert exported.job_mode == JobMode.ASYNC
    # job_id may be absent from an export-result answer (reference); the emulator always sends it.
    assert isinstance(exported.job_id, str)
    export_status = wait(client, project, exported.job_id)
    assert (export_status.status, export_status.job_type) == (JobStatus.FINISHED, JobType.EXPORT)
    export_detail = parsed(
        show_sql_job_detail.sync_detailed(project, exported.job_id, client=client),
        ShowSqlJobDetailResponse,
    )
    assert export_detail.data_path == "obs://lifecycle-bucket/result"
    assert export_detail.data_type == "csv"

    listed = parsed(
        list_sql_jobs.sync_detailed(
            project,
            client=client,
            job_types=[JobTypeFilter.QUERY, JobTypeFilter.EXPORT],
            sql_pattern="lifecycle",
        ),
        ListSqlJobsResponse,
    )
    listed_ids = {job.job_id for job in listed.jobs}
    assert {job_id, exported.job_id} <= listed_ids
    assert all(job.additional_properties == {} for job in listed.jobs)
    assert listed.job_count == len(listed.jobs)


def test_cancel_a_long_job(dli_emulator: EmulatorInstance, client: AuthenticatedClient) -> None:
    project = dli_emulator.project_id
    body = CreateSqlJobRequest(sql=LONG_SQL)
    job_id = parsed(
        create_sql_job.sync_detailed(project, client=client, body=body), CreateSqlJobResponse
    ).job_id
    wait(client, project, job_id, until=frozenset({JobStatus.RUNNING}))

    progress = parsed(
        show_sql_job_progress.sync_detailed(project, job_id, client=client),
        ShowSqlJobProgressResponse,
    )
    assert progress.status == JobStatus.RUNNING
    assert not isinstance(progress.progress, Unset)
    assert 0.0 <= progress.progress < 1.0
    assert not isinstance(progress.sub_jobs, Unset)
    assert progress.sub_jobs[0].job_group == job_id
    assert progress.sub_jobs[0].additional_properties == {}

    cancelled = parsed(
        cancel_sql_job.sync_detailed(project, job_id, client=client), SuccessEnvelope
    )
    assert cancelled.is_success is True
    status = wait(client, project, job_id)
    assert status.status == JobStatus.CANCELLED
    assert status.message

    again = parsed(
        cancel_sql_job.sync_detailed(project, job_id, client=client), DliError, status=400
    )
    assert again.error_code == "DLI.0007"
    refused = parsed(
        preview_sql_job_result.sync_detailed(project, job_id, client=client), DliError, status=400
    )
    assert "CANCELLED" in refused.error_msg


def test_table_export_and_import(
    dli_emulator: EmulatorInstance, client: AuthenticatedClient
) -> None:
    project = dli_emulator.project_id
    run(client, project, "CREATE TABLE moved_from (id INT, label STRING)")
    run(client, project, "INSERT INTO moved_from VALUES (7, 'seven'), (8, 'eight')")
    run(client, project, "CREATE TABLE moved_to (id INT, label STRING)")

    out = ExportTableRequest(
        data_path="obs://tables-bucket/moved",
        data_type=ExportTableRequestDataType.CSV,
        database_name="default",
        table_name="moved_from",
        compress=ExportTableRequestCompress.NONE,
    )
    exported = parsed(
        export_table.sync_detailed(project, client=client, body=out), AsyncJobResponse
    )
    assert isinstance(exported.message, str) and "moved_from" in exported.message
    assert isinstance(exported.job_id, str)
    assert wait(client, project, exported.job_id).status == JobStatus.FINISHED

    into = ImportTableRequest(
        data_path="obs://tables-bucket/moved",
        data_type=ImportTableRequestDataType.CSV,
        database_name="default",
        table_name="moved_to",
    )
    imported = parsed(
        import_table.sync_detailed(project, client=client, body=into), AsyncJobResponse
    )
    assert isinstance(imported.job_id, str)
    assert wait(client, project, imported.job_id).status == JobStatus.FINISHED
    detail = parsed(
        show_sql_job_detail.sync_detailed(project, imported.job_id, client=client),
        ShowSqlJobDetailResponse,
    )
    assert (detail.database_name, detail.table_name) == ("default", "moved_to")

    job_id = run(client, project, "SELECT id, label FROM moved_to ORDER BY id")
    preview = parsed(
        preview_sql_job_result.sync_detailed(project, job_id, client=client),
        PreviewSqlJobResultResponse,
    )
    assert preview.rows == [[7, "seven"], [8, "eight"]]


def test_sync_ddl_returns_its_rows_inline(
    dli_emulator: EmulatorInstance, client: AuthenticatedClient
) -> None:
    project = dli_emulator.project_id
    run(client, project, "CREATE TABLE described (id INT, name STRING)")
    body = CreateSqlJobRequest(sql="DESCRIBE described", conf=["dli.sql.sqlasync.enabled=false"])
    answer = parsed(
        create_sql_job.sync_detailed(project, client=client, body=body), CreateSqlJobResponse
    )
    assert (answer.job_type, answer.job_mode) == (JobType.DDL, JobMode.SYNC)
    assert not isinstance(answer.schema, Unset)
    assert [column.additional_properties for column in answer.schema] == [
        {"col_name": "string"},
        {"data_type": "string"},
        {"comment": "string"},
    ]
    assert not isinstance(answer.rows, Unset)
    assert [row[:2] for row in answer.rows] == [["id", "int"], ["name", "string"]]


def test_errors_parse_into_their_models(
    dli_emulator: EmulatorInstance, client: AuthenticatedClient
) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    error = parsed(
        show_sql_job_status.sync_detailed(dli_emulator.project_id, missing, client=client),
        DliError,
        status=400,
    )
    assert error.error_code == "DLI.0002"

    with Client(base_url=dli_emulator.base_url) as anonymous:
        denied = parsed(
            list_sql_jobs.sync_detailed(dli_emulator.project_id, client=anonymous),
            GatewayError,
            status=401,
        )
    assert denied.error_code == "APIGW.0301"
    assert denied.request_id


def test_toolkit_fixture_signs_and_sees_the_same_jobs(
    dli_emulator: EmulatorInstance, dli: DliClient, client: AuthenticatedClient
) -> None:
    # The plugin's `dli` signs with AK/SK; the generated client above sends the token.
    submitted = dli.submit("SELECT 42 AS answer")
    assert dli.wait(submitted.job_id).status == JobStatus.FINISHED
    status = parsed(
        show_sql_job_status.sync_detailed(dli_emulator.project_id, submitted.job_id, client=client),
        ShowSqlJobStatusResponse,
    )
    assert (status.status, status.result_count) == (JobStatus.FINISHED, 1)
    assert dli.preview(submitted.job_id).rows == [[42]]
    listed = parsed(
        list_sql_jobs.sync_detailed(dli_emulator.project_id, client=client), ListSqlJobsResponse
    )
    assert [job.job_id for job in listed.jobs] == [submitted.job_id]
