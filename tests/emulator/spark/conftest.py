"""Each Spark test runs twice: on local Spark (`--engine spark`) and through a Spark Connect
server on loopback (`--spark-remote`), the stand-in for an existing cluster."""

from collections.abc import Iterator

import httpx
import pytest

from dli_emulator.testing import EmulatorInstance


@pytest.fixture(params=["local", "remote"])
def spark(request: pytest.FixtureRequest) -> EmulatorInstance:
    name = "spark_emulator" if request.param == "local" else "spark_remote_emulator"
    instance: EmulatorInstance = request.getfixturevalue(name)
    return instance


@pytest.fixture
def http(spark: EmulatorInstance) -> Iterator[httpx.Client]:
    headers = {"X-Auth-Token": spark.token}
    with httpx.Client(base_url=spark.base_url, headers=headers, timeout=60.0) as client:
        yield client
