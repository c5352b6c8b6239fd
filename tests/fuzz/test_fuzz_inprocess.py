"""schemathesis against the emulator app in-process (no socket), every request AK/SK-signed.

Examples, coverage (undeclared methods included: they must get 405) and fuzzing of every
operation, then stateful runs that follow the spec's links from a submit to calls on the new job.
"""

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import hypothesis
import pytest
import schemathesis
import yaml
from fuzz import choose_seed
from fuzz_auth import DliRequestsAuth, Policy, credentials_accepted_check, install
from schemathesis.config import SchemathesisConfig
from schemathesis.core.failures import FailureGroup
from schemathesis.core.transport import Response
from schemathesis.generation import overrides
from schemathesis.generation.case import Case
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.schemas import BaseSchema
from spec_views import closed_enums
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dli_emulator.config import Settings, new_project
from dli_emulator.http.app import create_app
from dli_toolkit.credentials import ENV_PROJECT_ID, AccessKeyCredentials

REPO = Path(__file__).resolve().parents[2]
SEED, SEED_SOURCE = choose_seed(os.environ)
# One project for the module: schemathesis fixes the path's project_id when the schema loads.
PROJECT = new_project("fuzz")


class AppSlot:
    """The ASGI app schemathesis calls; each test plugs in an emulator app of its own.

    schemathesis starts an app's lifespan on its first request and keeps it running; `serving`
    stops it when the test ends, so the next app starts its own.
    """

    def __init__(self) -> None:
        self._app: ASGIApp | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        assert self._app is not None, "no emulator app is plugged in: use the emulator_app fixture"
        await self._app(scope, receive, send)

    @contextmanager
    def serving(self, app: ASGIApp) -> Iterator[None]:
        self._app = app
        try:
            yield
        finally:
            shutdown_lifespans()
            self._app = None


SLOT = AppSlot()


def load_schema() -> tuple[BaseSchema, DliRequestsAuth]:
    """openapi.yaml with schemathesis.toml, as the CLI reads them, served by SLOT, signed."""
    # The config takes the project ID from the environment, as in a CLI run.
    with mock.patch.dict(os.environ, {ENV_PROJECT_ID: PROJECT.project_id}):
        config = SchemathesisConfig.from_path(REPO / "schemathesis.toml")
    config.update(seed=SEED, max_failures=None)
    # The closed view: the emulator must send only the enum values the spec documents.
    document = closed_enums(yaml.safe_load((REPO / "openapi.yaml").read_text(encoding="utf-8")))
    schema = schemathesis.openapi.from_dict(document, config=config)
    schema.app = SLOT
    key = PROJECT.access_keys[0]
    credentials = AccessKeyCredentials(key.ak, key.sk, project_id=PROJECT.project_id)
    return schema, install(schema, credentials, Policy.UNRESTRICTED)


SCHEMA, AUTH = load_schema()
# Every signed request must verify: a 401 to one means the signer and the verifier disagree.
CHECKS = [credentials_accepted_check(AUTH)]


@pytest.fixture
def emulator_app(tmp_path: Path) -> Iterator[None]:
    # Shown with the output of a failing test.
    print(f"fuzz seed: {SEED} ({SEED_SOURCE}; FUZZ_SEED={SEED} repeats this run)")
    with SLOT.serving(create_app(Settings(data_dir=tmp_path / "data", projects=(PROJECT,)))):
        yield


@pytest.mark.usefixtures("emulator_app")
@SCHEMA.parametrize()
def test_every_operation_answers_as_the_spec_says(case: Case[Any]) -> None:
    case.call_and_validate(additional_checks=CHECKS)


class JobLifecycles(SCHEMA.as_state_machine()):  # type: ignore[misc]
    """Scenarios along the spec's links: submit, then status, detail, progress, preview..."""

    def before_call(self, case: Case[Any]) -> None:
        # The CLI's engine applies schemathesis.toml's fixed parameters (the project ID) to every
        # stateful step; the state machine schemathesis gives pytest leaves that to its caller.
        overrides.for_operation(SCHEMA.config, operation=case.operation).apply_to(case)
        super().before_call(case)

    def validate_response(self, response: Response, case: Case[Any], **kwargs: Any) -> None:
        super().validate_response(response, case, additional_checks=CHECKS, **kwargs)


@pytest.mark.usefixtures("emulator_app")
class TestJobLifecycles(JobLifecycles.TestCase):  # type: ignore[misc,name-defined]
    settings = SCHEMA.config.get_hypothesis_settings(phase="stateful")


class BrokenStatus:
    """The emulator with a planted defect: its status answers carry `field` set to `value`."""

    def __init__(self, app: ASGIApp, field: str, value: object) -> None:
        self._app = app
        self._field = field
        self._value = value

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].endswith("/status"):
            await self._app(scope, receive, send)
            return
        start: Message = {}
        chunks: list[bytes] = []

        async def rewrite(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            if start["status"] == 200:
                document = json.loads(body)
                document[self._field] = self._value
                body = json.dumps(document).encode()
            headers = [(k, v) for k, v in start["headers"] if k.lower() != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self._app(scope, receive, rewrite)


@pytest.mark.parametrize(
    ("field", "value", "complaint"),
    [
        ("result_count", "3", '"3" is not of type "integer"'),
        ("status", "DONE", '"DONE" is not one of "LAUNCHING", "RUNNING"'),
    ],
)
def test_a_planted_defect_in_status_answers_is_caught(
    tmp_path: Path, field: str, value: object, complaint: str
) -> None:
    app = create_app(Settings(data_dir=tmp_path / "data", projects=(PROJECT,)))
    # The defect shows only once a submit succeeds and a link leads to its status. With the
    # usual number of scenarios one CI run (of four, same fixed seed) never got there, so the
    # search is not fully pinned by the seed; a larger one makes such a miss negligible.
    stateful = SCHEMA.config.get_hypothesis_settings(phase="stateful")
    search = hypothesis.settings(stateful, max_examples=max(4 * stateful.max_examples, 100))
    with SLOT.serving(BrokenStatus(app, field, value)), pytest.raises(FailureGroup) as caught:
        JobLifecycles.run(settings=search)
    report = "".join(str(failure) for failure in caught.value.exceptions)
    assert "/status" in str(caught.value)
    assert complaint in report
