"""pytest fixtures backed by a real DLI emulator (`pip install 'dli-sqljob[emulator]'`).

- `dli_emulator_server` (session): one emulator served on 127.0.0.1 on a free port, with
  `POST /_emulator/reset` enabled; stopped when the session ends, after failures too.
- `dli_emulator` (function): that emulator with a clean state: the jobs, tables and OBS files of
  earlier tests are gone. An `EmulatorInstance` (base_url, project_id, ak, sk, token, ...).
- `dli` (function): a `dli_toolkit.DliClient` for the emulator's project, signing with its AK/SK.

The entry point is registered even by a base install, so nothing here imports the emulator or
the toolkit until a fixture is used: a project that never asks for them pays nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import httpx
import pytest

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance
    from dli_toolkit import DliClient

RESET_PATH = "/_emulator/reset"
_MISSING_EXTRA = "the dli_emulator fixtures need the emulator: pip install 'dli-sqljob[emulator]'"


@pytest.fixture(scope="session")
def dli_emulator_server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[EmulatorInstance]:
    try:
        from dli_emulator.testing import EmulatorFactory
    except ImportError as error:
        # One line naming the fix, not a traceback through the emulator's imports.
        pytest.fail(f"{_MISSING_EXTRA} ({error})", pytrace=False)

    factory = EmulatorFactory(tmp_path_factory.mktemp("dli-emulator"))
    try:
        yield factory.start(enable_reset=True)
    finally:
        factory.close()


@pytest.fixture
def dli_emulator(dli_emulator_server: EmulatorInstance) -> EmulatorInstance:
    reset(dli_emulator_server)
    return dli_emulator_server


@pytest.fixture
def dli(dli_emulator: EmulatorInstance) -> Iterator[DliClient]:
    from dli_toolkit import DliClient
    from dli_toolkit.credentials import AccessKeyCredentials

    credentials = AccessKeyCredentials(dli_emulator.ak, dli_emulator.sk)
    with DliClient.create(
        endpoint=dli_emulator.base_url,
        project_id=dli_emulator.project_id,
        credentials=credentials,
    ) as client:
        yield client


def reset(emulator: EmulatorInstance) -> None:
    """Delete every job, table and OBS file of a running emulator started with reset enabled."""
    response = httpx.post(f"{emulator.base_url}{RESET_PATH}", timeout=60.0)
    if response.status_code != 200:
        raise RuntimeError(
            f"resetting the emulator at {emulator.base_url} answered "
            f"{response.status_code}: {response.text}"
        )
