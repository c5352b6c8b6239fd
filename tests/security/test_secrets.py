"""Promise: secrets are never echoed: not in an emulator answer or log line, not in a client
exception or log record, whatever the credential contains."""

from __future__ import annotations

import logging

import httpx
import pytest

from dli_emulator.testing import EmulatorFactory
from dli_toolkit import DliClient
from dli_toolkit.credentials import TokenCredentials
from dli_toolkit.errors import DliToolkitError

from .conftest import World

GUESSED = "guessed-token-3c1d9e7f0a"


@pytest.mark.parametrize(
    "authorization",
    [
        f"Bearer {GUESSED}",
        f"Token {GUESSED}",
        GUESSED,
        f"SDK-HMAC-SHA256 {GUESSED}",
        f"SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature={GUESSED}, {GUESSED}",
        f"SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=x, Extra={GUESSED}",
    ],
)
def test_a_401_never_quotes_the_authorization_header(world: World, authorization: str) -> None:
    answer = httpx.get(
        f"{world.emulator.base_url}/v1.0/{world.bob.project_id}/jobs",
        headers={"Authorization": authorization, "X-Sdk-Date": "20240102T030405Z"},
    )
    assert answer.status_code == 401
    assert GUESSED not in answer.text


def test_a_401_never_quotes_a_real_token_sent_as_bearer(world: World) -> None:
    token = world.alice.project.tokens[0].value
    answer = httpx.get(
        f"{world.emulator.base_url}/v1.0/{world.alice.project_id}/jobs",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert answer.status_code == 401
    assert token not in answer.text


def test_emulator_logs_hold_no_credential(factory: EmulatorFactory) -> None:
    instance = factory.start(in_subprocess=True)
    url = f"{instance.base_url}/v1.0/{instance.project_id}/jobs"
    httpx.get(url, headers={"X-Auth-Token": instance.token})
    httpx.get(url, headers={"X-Auth-Token": GUESSED})
    httpx.get(url, headers={"Authorization": f"Bearer {GUESSED}"})
    httpx.get(url, headers={"Authorization": f"Bearer {instance.token}"})
    factory.stop(instance)
    assert instance.log is not None
    output = instance.log.read_text(errors="replace")
    assert "GET /v1.0/" in output  # the access log is there
    for secret in (instance.token, instance.sk, GUESSED):
        assert secret not in output


@pytest.mark.parametrize("bad", ["\x00", "\r\n", "\n", "\x7f", "\x1b"])
def test_client_never_shows_a_token_with_control_characters(
    world: World, bad: str, caplog: pytest.LogCaptureFixture
) -> None:
    secret_part = "nul-secret-5e2b8a"
    token = f"abc{bad}{secret_part}"
    caplog.set_level(logging.DEBUG)
    with (
        pytest.raises((DliToolkitError, ValueError)) as caught,
        DliClient.create(
            endpoint=world.emulator.base_url,
            project_id=world.bob.project_id,
            credentials=TokenCredentials(token),
        ) as client,
    ):
        client.list_jobs()
    shown = [str(caught.value), repr(caught.value)]
    cause = caught.value.__cause__ or caught.value.__context__
    while cause is not None:
        shown += [str(cause), repr(cause)]
        cause = cause.__cause__ or cause.__context__
    shown += [record.getMessage() for record in caplog.records]
    shown += [str(record.exc_info[1]) for record in caplog.records if record.exc_info]
    for text in shown:
        assert secret_part not in text, text
