"""The official Huawei Cloud Python SDK, unchanged, against the emulator with AK/SK signing,
on each engine (the Spark one under the `spark` marker: `make spark-test`)."""

from pathlib import Path

import pytest
from huaweicloudsdkcore.auth.credentials import BasicCredentials
from huaweicloudsdkcore.exceptions.exceptions import ClientRequestException
from huaweicloudsdkdli.v1 import (
    CreateSqlJobRequest,
    CreateSqlJobRequestBody,
    DliClient,
    ListSqlJobsRequest,
    ShowSqlJobStatusRequest,
)

from dli_emulator.testing import TERMINAL_STATES, EmulatorInstance, poll_until


@pytest.fixture(params=["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def emulator(request: pytest.FixtureRequest) -> EmulatorInstance:
    name = "emulator" if request.param == "duckdb" else "spark_emulator"
    instance: EmulatorInstance = request.getfixturevalue(name)
    return instance


@pytest.fixture
def sdk_client(
    emulator: EmulatorInstance, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> DliClient:
    # The SDK keeps an application ID under ~/.huaweicloud: keep it out of the real home.
    monkeypatch.setenv("HOME", str(tmp_path))
    credentials = BasicCredentials(emulator.ak, emulator.sk, emulator.project_id)
    return (
        DliClient.new_builder()
        .with_credentials(credentials)
        .with_endpoint(emulator.base_url)
        .build()
    )


def test_the_sdk_submits_a_job_and_reads_its_status(
    emulator: EmulatorInstance, sdk_client: DliClient
) -> None:
    body = CreateSqlJobRequestBody(sql="SELECT 6 * 7 AS answer", queue_name="default")
    submitted = sdk_client.create_sql_job(CreateSqlJobRequest(body=body))
    assert submitted.status_code == 200
    assert submitted.is_success is True
    assert submitted.job_type == "QUERY"
    assert submitted.job_mode == "async"

    status = poll_until(
        lambda: sdk_client.show_sql_job_status(ShowSqlJobStatusRequest(job_id=submitted.job_id)),
        lambda status: status.status in TERMINAL_STATES,
        interval=0.02,
        timeout=120,  # the Spark engine's first job may wait for its JVM
        what=f"job {submitted.job_id} ended",
    )
    assert status.status == "FINISHED"
    assert status.job_id == submitted.job_id
    assert status.owner == emulator.projects[0].access_keys[0].user
    assert status.statement == "SELECT 6 * 7 AS answer"
    assert status.result_count == 1

    # The SDK sends job_types as repeated keys; the signature covers the query string.
    listed = sdk_client.list_sql_jobs(
        ListSqlJobsRequest(job_id=submitted.job_id, job_types=["QUERY", "DDL"], page_size=10)
    )
    assert listed.job_count == 1
    assert listed.jobs[0].job_id == submitted.job_id


def test_sdk_errors_carry_the_service_code_and_request_id(sdk_client: DliClient) -> None:
    missing = "00000000-0000-4000-8000-000000000000"
    with pytest.raises(ClientRequestException) as caught:
        sdk_client.show_sql_job_status(ShowSqlJobStatusRequest(job_id=missing))
    assert caught.value.status_code == 400
    assert caught.value.error_code == "DLI.0002"
    assert missing in caught.value.error_msg
    assert caught.value.request_id
