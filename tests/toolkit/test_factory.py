"""Regions and endpoints against openapi.yaml, settings from arguments and the environment, what
a built client carries, and the facade's calls on the emulator with both kinds of auth."""

from __future__ import annotations

import asyncio
import re
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import yaml
from dli_client import AuthenticatedClient, Client
from dli_client.models.export_sql_job_result_request import ExportSqlJobResultRequest
from dli_client.models.export_sql_job_result_request_data_type import (
    ExportSqlJobResultRequestDataType,
)

from dli_toolkit.auth import AkSkAuth, TokenAuth
from dli_toolkit.credentials import AccessKeyCredentials, TokenCredentials
from dli_toolkit.errors import AuthenticationError, ConfigurationError, InvalidSql, NotFound
from dli_toolkit.factory import (
    AsyncDliClient,
    DliClient,
    build_async_client,
    build_client,
    tls_verify,
)
from dli_toolkit.regions import REGIONS, SPECIAL_ENDPOINTS, TEMPLATE_REGIONS, endpoint_for
from dli_toolkit.settings import DEFAULT_TIMEOUT, ClientSettings, user_agent
from dli_toolkit.transport import RetryPolicy, RetryTransport
from dli_toolkit.waiting import Backoff

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance

SPEC = Path(__file__).resolve().parents[2] / "openapi.yaml"
SECRET_KEY = "sk-that-must-stay-secret-0123456789"
TOKEN = "token-that-must-stay-secret"


@pytest.fixture(scope="module")
def servers() -> list[dict[str, Any]]:
    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    return list(spec["servers"])


def test_region_list_is_the_spec_enum(servers: list[dict[str, Any]]) -> None:
    templated = [s for s in servers if "{region}" in s["url"]]
    assert len(templated) == 1
    assert list(TEMPLATE_REGIONS) == templated[0]["variables"]["region"]["enum"]
    fixed_hosts = {s["url"] for s in servers if "myhuaweicloud" in s["url"] and "{" not in s["url"]}
    assert set(SPECIAL_ENDPOINTS.values()) == fixed_hosts
    assert set(REGIONS) == set(TEMPLATE_REGIONS) | set(SPECIAL_ENDPOINTS)


def test_region_endpoints_follow_the_spec_servers(servers: list[dict[str, Any]]) -> None:
    template = next(s["url"] for s in servers if "{region}" in s["url"])
    for region in TEMPLATE_REGIONS:
        assert endpoint_for(region) == template.replace("{region}", region)
    assert endpoint_for("cn-north-4") == "https://dli.cn-north-4.myhuaweicloud.com"
    assert endpoint_for("eu-west-101") == "https://dli.eu-west-101.myhuaweicloud.eu"


def test_unknown_region_names_itself() -> None:
    with pytest.raises(ConfigurationError, match="unknown DLI region 'mars-1'"):
        endpoint_for("mars-1")


AKSK_ENV = {
    "HUAWEICLOUD_SDK_AK": "AKEXAMPLE",
    "HUAWEICLOUD_SDK_SK": SECRET_KEY,
    "HUAWEICLOUD_SDK_PROJECT_ID": "project1",
}


def test_settings_from_an_aksk_environment() -> None:
    settings = ClientSettings.resolve(region="ap-southeast-1", environ=AKSK_ENV)

    assert settings.endpoint == "https://dli.ap-southeast-1.myhuaweicloud.com"
    assert settings.project_id == "project1"
    assert settings.credentials == AccessKeyCredentials("AKEXAMPLE", SECRET_KEY, "project1")
    assert settings.timeout == DEFAULT_TIMEOUT
    assert settings.verify is True
    assert settings.secrets() == (SECRET_KEY,)


def test_one_default_timeout_for_the_generated_client_and_the_toolkit() -> None:
    # The official SDK's HttpConfig reads for 120 s; a shorter read cuts off synchronous submits.
    bare = Client(base_url="http://127.0.0.1:1").get_httpx_client()
    token = AuthenticatedClient(base_url="http://127.0.0.1:1", token="t").get_httpx_client()
    resolved = ClientSettings.resolve(endpoint="http://127.0.0.1:1", environ=AKSK_ENV)

    assert bare.timeout == token.timeout == resolved.timeout == DEFAULT_TIMEOUT
    assert (DEFAULT_TIMEOUT.read, DEFAULT_TIMEOUT.connect) == (120.0, 10.0)


def test_settings_from_a_token_environment() -> None:
    environ = {
        "DLI_AUTH_TOKEN": TOKEN,
        "HUAWEICLOUD_SDK_PROJECT_ID": "p2",
        "DLI_REGION": "eu-west-0",
    }

    settings = ClientSettings.resolve(environ=environ)

    assert settings.credentials == TokenCredentials(TOKEN, "p2")
    assert settings.endpoint == "https://dli.eu-west-0.myhuaweicloud.com"
    assert settings.secrets() == (TOKEN,)


def test_arguments_win_over_the_environment() -> None:
    environ = {**AKSK_ENV, "DLI_ENDPOINT": "https://env.example", "DLI_REGION": "cn-north-1"}

    by_endpoint = ClientSettings.resolve(
        endpoint="dli.example.com/", region="cn-north-4", project_id="other", environ=environ
    )
    by_env_endpoint = ClientSettings.resolve(environ=environ)

    assert by_endpoint.endpoint == "https://dli.example.com"
    assert by_endpoint.project_id == "other"
    # The signer sends X-Project-Id from the credentials: they follow the chosen project.
    assert by_endpoint.credentials.project_id == "other"
    assert by_env_endpoint.endpoint == "https://env.example"


def test_an_explicit_endpoint_beats_a_region_from_any_source() -> None:
    # README's set-up exports DLI_ENDPOINT for the emulator; a snippet passing region= must
    # still go there, not to the public cloud.
    with_endpoint = {**AKSK_ENV, "DLI_ENDPOINT": "http://127.0.0.1:8900"}
    with_region = {**AKSK_ENV, "DLI_REGION": "cn-north-1"}

    assert (
        ClientSettings.resolve(region="cn-north-4", environ=with_endpoint).endpoint
        == "http://127.0.0.1:8900"
    )
    assert (
        ClientSettings.resolve(region="cn-north-4", environ=with_region).endpoint
        == "https://dli.cn-north-4.myhuaweicloud.com"
    )


@pytest.mark.parametrize(
    ("arguments", "environ", "message"),
    [
        ({"region": "cn-north-4"}, {}, "no credentials"),
        ({"region": "cn-north-4"}, {"DLI_AUTH_TOKEN": TOKEN}, "no project ID"),
        ({}, AKSK_ENV, "no endpoint"),
        ({"region": "mars-1"}, AKSK_ENV, "unknown DLI region"),
        ({"endpoint": "ftp://files.example"}, AKSK_ENV, "not an http"),
        ({"endpoint": "  "}, AKSK_ENV, "the endpoint is empty"),
        (
            {"region": "cn-north-4"},
            {**AKSK_ENV, "DLI_AUTH_TOKEN": TOKEN},
            "both HUAWEICLOUD_SDK_AK and DLI_AUTH_TOKEN",
        ),
    ],
)
def test_bad_settings_say_what_is_wrong(
    arguments: dict[str, str], environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message) as raised:
        ClientSettings.resolve(environ=environ, **arguments)  # type: ignore[arg-type]
    assert SECRET_KEY not in str(raised.value)
    assert TOKEN not in str(raised.value)


def test_built_clients_carry_everything_and_show_no_secret() -> None:
    policy = RetryPolicy(max_attempts=2, deadline=5.0)
    settings = ClientSettings.resolve(
        endpoint="https://dli.example.com",
        timeout=7.5,
        verify=False,
        retry=policy,
        environ=AKSK_ENV,
    )

    sync_client = build_client(settings)
    http = sync_client.get_httpx_client()
    async_http = build_async_client(settings).get_async_httpx_client()

    for built in (http, async_http):
        assert str(built.base_url) == "https://dli.example.com"
        assert built.timeout == httpx.Timeout(7.5)
        assert re.fullmatch(r"dli-sqljob/\S+ python-httpx/\S+", built.headers["User-Agent"])
        assert isinstance(built.auth, AkSkAuth)
    assert isinstance(http._transport, RetryTransport)
    assert isinstance(async_http._transport, RetryTransport)
    assert http._transport.policy == policy
    assert user_agent().startswith("dli-sqljob/")
    for text in (
        repr(settings),
        repr(sync_client),
        repr(http.auth),
        repr(DliClient(sync_client, "x")),
    ):
        assert SECRET_KEY not in text
    assert "https://dli.example.com" in repr(DliClient(sync_client, "project1"))


def test_token_client_repr_shows_no_token() -> None:
    settings = ClientSettings.resolve(
        region="cn-north-4", credentials=TokenCredentials(TOKEN), project_id="p"
    )
    client = build_client(settings)
    assert isinstance(client.get_httpx_client().auth, TokenAuth)
    assert TOKEN not in repr(client)
    assert TOKEN not in repr(settings)


# --- against the emulator -------------------------------------------------------------------


def aksk(emulator: EmulatorInstance) -> AccessKeyCredentials:
    return AccessKeyCredentials(emulator.ak, emulator.sk)


def test_both_kinds_of_auth_reach_the_emulator(emulator: EmulatorInstance) -> None:
    sent: list[httpx.Request] = []
    for credentials in (aksk(emulator), TokenCredentials(emulator.token)):
        with DliClient.create(
            endpoint=emulator.base_url, project_id=emulator.project_id, credentials=credentials
        ) as client:
            client.client.get_httpx_client().event_hooks["request"].append(sent.append)
            assert client.check_sql("select 1").job_type == "QUERY"

    assert [r.headers["User-Agent"] for r in sent] == [user_agent()] * 2


def test_wrong_credentials_are_an_authentication_error(emulator: EmulatorInstance) -> None:
    for credentials in (
        AccessKeyCredentials(emulator.ak, "not-the-secret-key"),
        TokenCredentials("not-a-valid-token"),
    ):
        with (
            DliClient.create(
                endpoint=emulator.base_url,
                project_id=emulator.project_id,
                credentials=credentials,
            ) as client,
            pytest.raises(AuthenticationError) as raised,
        ):
            client.check_sql("select 1")
        assert raised.value.status_code == 401
        assert "not-the-secret-key" not in str(raised.value)


def test_client_from_the_environment(
    emulator: EmulatorInstance, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", emulator.ak)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", emulator.sk)
    monkeypatch.setenv("HUAWEICLOUD_SDK_PROJECT_ID", emulator.project_id)
    monkeypatch.setenv("DLI_ENDPOINT", emulator.base_url)
    monkeypatch.delenv("DLI_AUTH_TOKEN", raising=False)

    with DliClient.create() as client:
        assert client.project_id == emulator.project_id
        assert client.check_sql("select 1").is_success

    async def async_check() -> bool:
        async with AsyncDliClient.create() as client:
            return (await client.check_sql("select 1")).is_success is True

    assert asyncio.run(async_check())


def test_facade_calls_return_typed_models(dli: DliClient) -> None:
    tag = f"factory_{uuid.uuid4().hex[:8]}"
    job = dli.submit(f"select 1 as {tag}", tags={"suite": "toolkit"}, conf={"spark.x": "1"})
    dli.wait(job.job_id, timeout=30.0, backoff=Backoff(initial=0.05, cap=0.2))

    status = dli.status(job.job_id)
    detail = dli.detail(job.job_id)
    progress = dli.progress(job.job_id)
    preview = dli.preview(job.job_id, page_size=10)
    listed = dli.list_jobs(job_id=job.job_id)

    assert (status.status, status.statement) == ("FINISHED", f"select 1 as {tag}")
    assert detail.job_id == job.job_id
    assert progress.progress == 1.0
    assert preview.rows == [[1]]
    assert [j.job_id for j in listed.jobs] == [job.job_id]

    export = dli.export_result(
        job.job_id,
        ExportSqlJobResultRequest(
            data_path=f"obs://toolkit-tests/{tag}", data_type=ExportSqlJobResultRequestDataType.CSV
        ),
    )
    assert isinstance(export.job_id, str)
    assert dli.wait(export.job_id, timeout=30.0, backoff=Backoff(0.05, 0.2)).job_type == "EXPORT"


def test_facade_errors_on_the_emulator(dli: DliClient) -> None:
    with pytest.raises(NotFound):
        dli.status(str(uuid.uuid4()))
    with pytest.raises(InvalidSql, match=r"DLI\.0004"):
        dli.check_sql("selec 1")


def test_only_an_https_endpoint_gets_a_verifying_tls_context() -> None:
    """The CA bundle is loaded for https only: a plain-http endpoint never opens TLS."""
    https = ClientSettings.resolve(endpoint="https://dli.example.com", environ=AKSK_ENV)
    plain = ClientSettings.resolve(endpoint="http://127.0.0.1:1", environ=AKSK_ENV)
    custom = ClientSettings.resolve(
        endpoint="https://dli.example.com", verify="/ca.pem", environ=AKSK_ENV
    )
    assert tls_verify(https) is True
    assert tls_verify(custom) == "/ca.pem"
    assert tls_verify(plain) is False
