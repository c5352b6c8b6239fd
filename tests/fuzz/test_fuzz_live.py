"""`scripts/fuzz.py live` against an emulator on loopback, as if it were the real service.

The emulator is wrapped to record every request that reaches it, so the tests see what a live
run really sends: AK/SK-signed requests the emulator verifies, nothing but GET in a read-only
run, nothing but `select 1` submitted in a write run, and a failing run for a wrong token.
"""

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dli_emulator.config import Project, Settings, new_project
from dli_emulator.http.app import create_app
from dli_emulator.http.server import BackgroundServer
from dli_toolkit.credentials import (
    ENV_ACCESS_KEY,
    ENV_AUTH_TOKEN,
    ENV_PROJECT_ID,
    ENV_SECRET_KEY,
    ENV_SECURITY_TOKEN,
)

REPO = Path(__file__).resolve().parents[2]
# Long enough for every phase to reach every operation, short enough for `make test`.
MAX_TIME = "10"


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    status: int
    signed: bool


@dataclass
class Recorder:
    """ASGI middleware that notes each request that reaches the app and the status it got."""

    app: ASGIApp
    requests: list[Seen] = field(default_factory=list)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        signed = headers.get(b"authorization", b"").startswith(b"SDK-HMAC-SHA256 ")

        async def note(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.requests.append(
                    Seen(scope["method"], scope["path"], message["status"], signed)
                )
            await send(message)

        await self.app(scope, receive, note)


@dataclass(frozen=True)
class LiveTarget:
    url: str
    project: Project
    recorder: Recorder

    def jobs(self) -> list[dict[str, object]]:
        """Every job of the project, read with its token outside the recorded fuzzing."""
        response = httpx.get(
            f"{self.url}/v1.0/{self.project.project_id}/jobs",
            params={"page-size": 100},
            headers={"X-Auth-Token": self.project.tokens[0].value},
            timeout=10,
        )
        response.raise_for_status()
        jobs: list[dict[str, object]] = response.json()["jobs"]
        return jobs


@pytest.fixture
def live_target(tmp_path: Path) -> Iterator[LiveTarget]:
    project = new_project("fuzz")
    recorder = Recorder(create_app(Settings(data_dir=tmp_path / "data", projects=(project,))))
    server = BackgroundServer(recorder)
    try:
        yield LiveTarget(server.start(), project, recorder)
    finally:
        server.stop()


def run_live(target: LiveTarget, credentials: dict[str, str], **env: str) -> str:
    """Run `scripts/fuzz.py live` against the target; return its output, fail on a bad exit."""
    completed = live_process(target, credentials, **env)
    assert completed.returncode == 0, completed.stdout
    return completed.stdout


def live_process(
    target: LiveTarget, credentials: dict[str, str], **env: str
) -> subprocess.CompletedProcess[str]:
    inherited = {
        key: value
        for key, value in os.environ.items()
        if key
        not in (ENV_ACCESS_KEY, ENV_SECRET_KEY, ENV_SECURITY_TOKEN, ENV_AUTH_TOKEN, "FUZZ_WRITE")
    }
    return subprocess.run(
        [sys.executable, str(REPO / "scripts" / "fuzz.py"), "live", "--url", target.url],
        cwd=REPO,
        env={
            **inherited,
            **credentials,
            ENV_PROJECT_ID: target.project.project_id,
            "FUZZ_MAX_TIME": MAX_TIME,
            "FUZZ_RATE_LIMIT": "100/s",
            # Some of these runs fail on purpose: their report must not reach reports/, which
            # make test adds up.
            "FUZZ_REPORT": os.devnull,
            **env,
        },
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )


def aksk(project: Project) -> dict[str, str]:
    key = project.access_keys[0]
    return {ENV_ACCESS_KEY: key.ak, ENV_SECRET_KEY: key.sk}


def test_a_read_only_run_sends_only_get_and_its_signatures_verify(live_target: LiveTarget) -> None:
    run_live(live_target, aksk(live_target.project))

    seen = live_target.recorder.requests
    signed = [request for request in seen if request.signed]
    assert len(signed) > 50, seen
    assert {request.method for request in seen} == {"GET"}
    # The emulator verified every signature: none of the signed requests was refused.
    assert [request for request in signed if request.status == 401] == []
    assert live_target.jobs() == []


def test_a_write_run_submits_only_select_1(live_target: LiveTarget) -> None:
    run_live(live_target, aksk(live_target.project), FUZZ_WRITE="1")

    seen = live_target.recorder.requests
    posts = {request.path.rsplit("/", 1)[-1] for request in seen if request.method == "POST"}
    assert posts == {"submit-job", "check-sql"}
    assert {request.method for request in seen} == {"GET", "POST"}
    statements = {job["statement"] for job in live_target.jobs()}
    assert statements == {"select 1"}


def test_a_wrong_token_fails_the_run(live_target: LiveTarget) -> None:
    completed = live_process(live_target, {ENV_AUTH_TOKEN: "not-the-token"}, FUZZ_MAX_TIME="5")

    assert completed.returncode == 1, completed.stdout
    assert "Custom check failed: `credentials_accepted`" in completed.stdout
    assert "Authentication failed" in completed.stdout
    api = [request for request in live_target.recorder.requests if request.path.startswith("/v1")]
    assert {request.status for request in api} == {401}


def test_schemathesis_toml_alone_fails_a_run_with_a_wrong_token(live_target: LiveTarget) -> None:
    # No hooks, so no credentials_accepted check: only `[warnings] fail-on` can fail this run.
    command = [sys.executable, "-m", "schemathesis.cli", "run", "openapi.yaml"]
    options = ["--url", live_target.url, "-H", "X-Auth-Token: not-the-token", "--max-time", "5"]
    completed = subprocess.run(
        [*command, *options, "--phases", "examples"],
        cwd=REPO,
        env={**os.environ, ENV_PROJECT_ID: live_target.project.project_id},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert completed.returncode == 1, completed.stdout
    assert "Warnings fail the run" in completed.stdout
    assert "Failures:" not in completed.stdout
