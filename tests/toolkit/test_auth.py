"""Token and AK/SK httpx auth: SDK vectors byte for byte, and real requests a verifier accepts."""

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from dli_signing import Message, SignatureRejected, canonical_request, verify
from dli_toolkit.auth import AkSkAuth, TokenAuth, auth_for
from dli_toolkit.credentials import (
    AccessKeyCredentials,
    TokenCredentials,
    credentials_from_env,
)
from tests.support.vectors import (
    ALL_AKSK_VECTORS as ALL_VECTORS,
)
from tests.support.vectors import (
    VECTOR_AK as AK,
)
from tests.support.vectors import (
    VECTOR_IDS as IDS,
)
from tests.support.vectors import (
    VECTOR_SK as SK,
)
from tests.support.vectors import (
    VECTOR_TIME,
)

PROJECT = "0123456789abcdef0123456789abcdef"
SECURITY_TOKEN = "TEMPSECURITYTOKENEXAMPLE"
IAM_TOKEN = "MIIIAMTOKENEXAMPLE-secret-part"


def vector_auth(vector: dict[str, Any]) -> AkSkAuth:
    headers = vector["input"]["headers"]
    credentials = AccessKeyCredentials(
        AK, SK, project_id=PROJECT, security_token=headers.get("X-Security-Token")
    )
    return AkSkAuth(credentials, clock=lambda: VECTOR_TIME)


def vector_body(vector: dict[str, Any]) -> bytes | None:
    body = vector["input"]["body"]
    return None if body is None else body.encode("utf-8")


def signed_by_flow(auth: httpx.Auth, request: httpx.Request) -> httpx.Request:
    return next(auth.sync_auth_flow(request))


@pytest.mark.parametrize("vector", ALL_VECTORS, ids=IDS)
def test_aksk_auth_reproduces_vector(vector: dict[str, Any]) -> None:
    given, expected = vector["input"], vector["output"]
    request = httpx.Request(
        given["method"], given["url"], headers=given["headers"], content=vector_body(vector)
    )

    signed = signed_by_flow(vector_auth(vector), request)

    assert signed.headers["Authorization"] == expected["authorization"]
    assert str(signed.url) == expected["url"]
    sent = {name.lower(): value for name, value in expected["headers_sent"].items()}
    assert {k: v for k, v in signed.headers.items() if k != "content-length"} == sent
    # What a verifier rebuilds from these wire bytes is the SDK's canonical request.
    url = urlsplit(str(signed.url))
    rebuilt = canonical_request(
        Message(signed.method, url.path, url.query, signed.content),
        expected["signed_headers"].split(";"),
        {name: signed.headers[name] for name in sent},
    )
    assert rebuilt == expected["canonical_request"]


QUERY_VECTORS = [v for v in ALL_VECTORS if v["input"]["query_params"]]


def flat_params(params: list[list[Any]]) -> list[tuple[str, Any]]:
    return [
        (key, item)
        for key, value in params
        for item in (value if isinstance(value, list) else [value])
    ]


@pytest.mark.parametrize("vector", QUERY_VECTORS, ids=[v["name"] for v in QUERY_VECTORS])
def test_httpx_params_in_any_order_sign_as_the_sdk_does(vector: dict[str, Any]) -> None:
    # httpx encodes params form-style (space as '+'); the auth must send the SDK's URL anyway.
    given, expected = vector["input"], vector["output"]
    base = f"{given['scheme']}://{given['host']}{given['resource_path']}"
    request = httpx.Request(
        given["method"],
        base,
        params=flat_params(given["query_params"]),
        headers=given["headers"],
        content=vector_body(vector),
    )

    signed = signed_by_flow(vector_auth(vector), request)

    assert str(signed.url) == expected["url"]
    assert signed.headers["Authorization"] == expected["authorization"]


def test_signing_again_refreshes_the_date_and_replaces_the_signature() -> None:
    times = iter([VECTOR_TIME, datetime(2024, 1, 2, 3, 20, 0, tzinfo=UTC)])
    auth = AkSkAuth(AccessKeyCredentials(AK, SK, project_id=PROJECT), clock=lambda: next(times))
    request = httpx.Request("GET", "https://dli.example.com/v1.0/p/jobs")

    first = signed_by_flow(auth, request).headers["Authorization"]
    again = signed_by_flow(auth, request)

    assert again.headers["X-Sdk-Date"] == "20240102T032000Z"
    assert again.headers.get_list("Authorization") != [first]
    assert len(again.headers.get_list("Authorization")) == 1


def test_project_id_given_on_the_request_is_kept() -> None:
    auth = AkSkAuth(AccessKeyCredentials(AK, SK, project_id=PROJECT))
    request = httpx.Request("GET", "https://h/v1.0/x/jobs", headers={"X-Project-Id": "other"})

    assert signed_by_flow(auth, request).headers["X-Project-Id"] == "other"


def test_token_auth_sets_the_header() -> None:
    request = httpx.Request("GET", "https://h/v1.0/p/jobs")

    signed = signed_by_flow(TokenAuth(TokenCredentials(IAM_TOKEN)), request)

    assert signed.headers["X-Auth-Token"] == IAM_TOKEN
    assert "Authorization" not in signed.headers


# --- against a real server that verifies signatures the way the emulator will --------------


async def verifying_endpoint(request: Request) -> JSONResponse:
    body = await request.body()
    if request.url.path.startswith("/token/"):
        ok = request.headers.get("x-auth-token") == IAM_TOKEN
        return JSONResponse({"token_ok": ok}, status_code=200 if ok else 401)
    try:
        verified = verify(
            method=request.method,
            raw_path=request.scope["raw_path"].decode("ascii"),
            raw_query=request.scope["query_string"].decode("ascii"),
            headers=request.headers.items(),
            body=body,
            secret_for={AK: SK}.get,
            now=datetime.now(UTC),
        )
    except SignatureRejected as rejected:
        return JSONResponse({"reason": rejected.reason.value}, status_code=401)
    return JSONResponse(
        {
            "access_key": verified.access_key,
            "signed_headers": list(verified.signed_headers),
            "query": list(request.query_params.multi_items()),
            "body": body.decode("utf-8"),
            "project": request.headers.get("x-project-id"),
            "security_token": request.headers.get("x-security-token"),
        }
    )


APP = Starlette(
    routes=[Route("/{path:path}", verifying_endpoint, methods=["GET", "POST", "DELETE"])]
)


@pytest.fixture(scope="module")
def server_url() -> Iterator[str]:
    from dli_emulator.http.server import BackgroundServer

    with BackgroundServer(APP) as url:
        yield url


TRICKY_PARAMS: list[tuple[str, str | int | float | bool | None]] = [
    ("sql_pattern", "select 名字 from t where a = 'x y'"),
    ("owner", "a/b+c&d"),
    ("page-size", 10),
    ("flag", True),
    ("k", "~x"),
    ("k", "éx"),
]


def test_sync_client_requests_verify(server_url: str) -> None:
    auth = AkSkAuth(AccessKeyCredentials(AK, SK, project_id=PROJECT))
    with httpx.Client(base_url=server_url, auth=auth) as client:
        listed = client.get(f"/v1.0/{PROJECT}/jobs", params=TRICKY_PARAMS)
        special = client.get(f"/v1.0/{PROJECT}/jobs/job%20id%2Fwith%2Bspecial%26chars~%C3%A9")
        submitted = client.post(f"/v1.0/{PROJECT}/jobs/submit-job", json={"sql": "select '中'"})
        cancelled = client.delete(f"/v1.0/{PROJECT}/jobs/6d2146a0")

    for response in (listed, special, submitted, cancelled):
        assert response.status_code == 200, response.text
        assert response.json()["access_key"] == AK
        assert response.json()["project"] == PROJECT
    assert listed.json()["query"] == [
        ["flag", "true"],
        ["k", "~x"],
        ["k", "éx"],
        ["owner", "a/b+c&d"],
        ["page-size", "10"],
        ["sql_pattern", "select 名字 from t where a = 'x y'"],
    ]
    assert json.loads(submitted.json()["body"]) == {"sql": "select '中'"}


def test_sync_streaming_body_is_signed(server_url: str) -> None:
    auth = AkSkAuth(AccessKeyCredentials(AK, SK))

    def chunks() -> Iterator[bytes]:
        yield b'{"sql": '
        yield b'"select 1"}'

    with httpx.Client(base_url=server_url, auth=auth) as client:
        response = client.post(
            "/v1.0/p/jobs/check-sql", content=chunks(), headers={"Content-Type": "application/json"}
        )

    assert response.status_code == 200, response.text
    assert response.json()["body"] == '{"sql": "select 1"}'


def test_async_client_with_streaming_body_verifies(server_url: str) -> None:
    credentials = AccessKeyCredentials(AK, SK, project_id=PROJECT, security_token=SECURITY_TOKEN)

    async def chunks() -> AsyncIterator[bytes]:
        yield b'{"sql": "select 2",'
        yield b' "currentdb": "db1"}'

    async def scenario() -> tuple[httpx.Response, httpx.Response]:
        async with httpx.AsyncClient(base_url=server_url, auth=AkSkAuth(credentials)) as client:
            return (
                await client.post(
                    "/v1.0/p/jobs/check-sql",
                    content=chunks(),
                    headers={"Content-Type": "application/json"},
                ),
                await client.get("/v1.0/p/jobs", params=TRICKY_PARAMS),
            )

    streamed, listed = asyncio.run(scenario())

    assert streamed.status_code == 200, streamed.text
    assert streamed.json()["body"] == '{"sql": "select 2", "currentdb": "db1"}'
    assert streamed.json()["security_token"] == SECURITY_TOKEN
    assert "x-security-token" in streamed.json()["signed_headers"]
    assert listed.status_code == 200, listed.text


def test_wrong_secret_is_refused_by_the_server(server_url: str) -> None:
    auth = AkSkAuth(AccessKeyCredentials(AK, "not-the-secret"))
    with httpx.Client(base_url=server_url, auth=auth) as client:
        response = client.get("/v1.0/p/jobs")

    assert response.status_code == 401
    assert response.json() == {"reason": "signature_mismatch"}


def test_stale_clock_is_refused_by_the_server(server_url: str) -> None:
    auth = AkSkAuth(AccessKeyCredentials(AK, SK), clock=lambda: VECTOR_TIME)
    with httpx.Client(base_url=server_url, auth=auth) as client:
        response = client.get("/v1.0/p/jobs")

    assert response.status_code == 401
    assert response.json() == {"reason": "clock_skew"}


def test_token_auth_reaches_the_server(server_url: str) -> None:
    with httpx.Client(base_url=server_url, auth=TokenAuth(TokenCredentials(IAM_TOKEN))) as client:
        response = client.get("/token/v1.0/p/jobs")

    assert response.status_code == 200
    assert response.json() == {"token_ok": True}


# --- credentials ---------------------------------------------------------------------------


def test_credentials_from_env_aksk() -> None:
    env = {
        "HUAWEICLOUD_SDK_AK": AK,
        "HUAWEICLOUD_SDK_SK": SK,
        "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT,
        "HUAWEICLOUD_SDK_SECURITY_TOKEN": SECURITY_TOKEN,
    }

    credentials = credentials_from_env(env)

    assert credentials == AccessKeyCredentials(
        AK, SK, project_id=PROJECT, security_token=SECURITY_TOKEN
    )
    assert isinstance(credentials, AccessKeyCredentials)
    assert credentials.temporary
    assert isinstance(auth_for(credentials), AkSkAuth)


def test_credentials_from_env_token() -> None:
    env = {"DLI_AUTH_TOKEN": IAM_TOKEN, "HUAWEICLOUD_SDK_PROJECT_ID": PROJECT}

    credentials = credentials_from_env(env)

    assert credentials == TokenCredentials(IAM_TOKEN, project_id=PROJECT)
    assert isinstance(auth_for(credentials), TokenAuth)


def test_credentials_from_real_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DLI_AUTH_TOKEN", raising=False)
    monkeypatch.delenv("HUAWEICLOUD_SDK_PROJECT_ID", raising=False)
    monkeypatch.delenv("HUAWEICLOUD_SDK_SECURITY_TOKEN", raising=False)
    monkeypatch.setenv("HUAWEICLOUD_SDK_AK", AK)
    monkeypatch.setenv("HUAWEICLOUD_SDK_SK", SK)

    assert credentials_from_env() == AccessKeyCredentials(AK, SK)


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "no credentials"),
        ({"HUAWEICLOUD_SDK_AK": AK}, "HUAWEICLOUD_SDK_SK is not set"),
        ({"HUAWEICLOUD_SDK_SK": SK}, "HUAWEICLOUD_SDK_AK is not set"),
        ({"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SK": ""}, "HUAWEICLOUD_SDK_SK is not set"),
        (
            {"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SK": SK, "DLI_AUTH_TOKEN": IAM_TOKEN},
            "both",
        ),
        ({"HUAWEICLOUD_SDK_AK": AK, "HUAWEICLOUD_SDK_SK": SK + "\n"}, "secret key has leading"),
        ({"DLI_AUTH_TOKEN": " " + IAM_TOKEN}, "token has leading"),
    ],
)
def test_bad_environment_is_explained_without_secrets(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message) as caught:
        credentials_from_env(env)

    assert SK not in str(caught.value)
    assert IAM_TOKEN not in str(caught.value)


def test_reprs_never_show_secrets() -> None:
    aksk = AccessKeyCredentials(AK, SK, project_id=PROJECT, security_token=SECURITY_TOKEN)
    token = TokenCredentials(IAM_TOKEN, project_id=PROJECT)
    shown = [repr(aksk), str(aksk), repr(AkSkAuth(aksk)), str(AkSkAuth(aksk))]
    shown += [repr(token), str(token), repr(TokenAuth(token)), f"{TokenAuth(token)}"]

    for text in shown:
        assert SK not in text
        assert SECURITY_TOKEN not in text
        assert IAM_TOKEN not in text
    assert AK in repr(aksk)
    assert PROJECT in repr(token)
