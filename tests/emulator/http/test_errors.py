"""A failure inside the service is a 500 in the service's format, logged with its request ID."""

import logging

import httpx
import pytest

from dli_emulator.jobs.service import EmulatorService
from dli_emulator.testing import EmulatorFactory


def broken(*args: object) -> dict[str, object]:
    raise RuntimeError("disk on fire")


@pytest.mark.parametrize(
    ("method_name", "path"),
    [
        ("status", "/v1.0/{project}/jobs/00000000-0000-4000-8000-000000000000/status"),  # inline
        ("list_jobs", "/v1.0/{project}/jobs"),  # on a worker thread
    ],
)
def test_an_unexpected_error_is_a_500_with_a_request_id(
    emulator_factory: EmulatorFactory,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    method_name: str,
    path: str,
) -> None:
    emulator = emulator_factory.start()
    monkeypatch.setattr(EmulatorService, method_name, broken)
    with caplog.at_level(logging.ERROR, logger="dli_emulator"):
        response = httpx.get(
            emulator.base_url + path.format(project=emulator.project_id),
            headers={"X-Auth-Token": emulator.token},
        )
    assert response.status_code == 500
    assert response.json() == {
        "error_code": "DLI.0999",
        "error_msg": "Internal error, please try again later.",
    }
    request_id = response.headers["x-request-id"]
    assert "disk on fire" not in response.text
    logged = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged and logged[0].exc_info is not None
