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


# -- the Spark engine (marker `spark`: `make spark-test`, not the default run) ----------------
# Spark starts slowly (a JVM per project), so each flavour is one server for the session,
# warmed with one job so that tests time their own work and not the JVM's start.

SPARK_WARM_TIMEOUT = 300.0


@pytest.fixture(scope="session")
def spark_emulator(tmp_path_factory: pytest.TempPathFactory) -> "Iterator[EmulatorInstance]":
    """`--engine spark`: local Spark Connect servers (one per project) that the engine starts."""
    from dli_emulator.config import new_project
    from dli_emulator.testing import EmulatorFactory

    factory = EmulatorFactory(tmp_path_factory.mktemp("emulator-spark"))
    try:
        instance = factory.start(
            projects=(new_project("tester"), new_project("other-tenant")), engine="spark"
        )
        _warm(instance)
        yield instance
    finally:
        factory.close()


@pytest.fixture(scope="session")
def spark_connect_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Spark Connect server on 127.0.0.1 standing in for an existing cluster."""
    from dli_emulator.engines.spark.server import ConnectServer

    server = ConnectServer(tmp_path_factory.mktemp("spark-cluster"))
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def spark_remote_emulator(
    tmp_path_factory: pytest.TempPathFactory, spark_connect_url: str
) -> "Iterator[EmulatorInstance]":
    """`--spark-remote sc://127.0.0.1:PORT`, in its own process as a user would run it."""
    from dli_emulator.config import new_project
    from dli_emulator.testing import EmulatorFactory

    factory = EmulatorFactory(tmp_path_factory.mktemp("emulator-spark-remote"))
    try:
        instance = factory.start(
            projects=(new_project("tester"), new_project("other-tenant")),
            spark_remote=spark_connect_url,
            in_subprocess=True,
        )
        _warm(instance)
        yield instance
    finally:
        factory.close()


def _warm(instance: "EmulatorInstance") -> None:
    from dli_emulator.testing import submit, wait_for_status

    headers = {"X-Auth-Token": instance.token}
    with httpx.Client(base_url=instance.base_url, headers=headers, timeout=60.0) as client:
        job_id = submit(client, instance.project_id, "SELECT 1")
        status = wait_for_status(client, instance.project_id, job_id, timeout=SPARK_WARM_TIMEOUT)
    assert status["status"] == "FINISHED", status
