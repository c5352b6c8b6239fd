"""Shared fixtures: the real emulator served by uvicorn on 127.0.0.1 (see dli_emulator.testing).

- `emulator` (session): one server for every test that can share it; never reset it. It serves
  two projects: the instance's own credentials are those of `projects[0]`; `projects[1]` is
  another tenant, for isolation tests.
- `emulator_http` (session): an httpx.Client on that server sending the token of `projects[0]`.
- `emulator_factory` (function): servers of a test's own, in this process or in a subprocess
  (for kill -9 and restart), all stopped when the test ends, on failure too.

Each server is an `EmulatorInstance`: base_url, project_id, token, ak, sk, user, data_dir.
"""

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

# The emulator is imported where used, so that a broken emulator fails its own tests and not
# the collection of every part's tests.
if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorFactory, EmulatorInstance


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> "Iterator[EmulatorInstance]":
    from dli_emulator.config import new_project
    from dli_emulator.testing import EmulatorFactory

    factory = EmulatorFactory(tmp_path_factory.mktemp("emulator-shared"))
    try:
        yield factory.start(projects=(new_project("tester"), new_project("other-tenant")))
    finally:
        factory.close()


@pytest.fixture(scope="session")
def emulator_http(emulator: "EmulatorInstance") -> Iterator[httpx.Client]:
    headers = {"X-Auth-Token": emulator.token}
    with httpx.Client(base_url=emulator.base_url, headers=headers, timeout=30.0) as client:
        yield client


@pytest.fixture
def emulator_factory(tmp_path: Path) -> "Iterator[EmulatorFactory]":
    from dli_emulator.testing import EmulatorFactory

    factory = EmulatorFactory(tmp_path)
    try:
        yield factory
    finally:
        factory.close()
