"""The service of these tests: real threads, DuckDB and SQLite, called as the HTTP layer calls
it (`dli_emulator.testing.ServiceCalls`)."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from dli_emulator.errors import DliError
from dli_emulator.testing import ServiceCalls


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ServiceCalls]:
    service = ServiceCalls(tmp_path / "data", {"default", "etl"}, workers=2)
    try:
        yield service
    finally:
        service.close()


@pytest.fixture
def refused() -> Callable[..., DliError]:
    """Call a service method; the 400 `DliError` it must raise."""

    def call(method: Callable[..., object], *args: object) -> DliError:
        with pytest.raises(DliError) as caught:
            method(*args)
        assert caught.value.http_status == 400
        return caught.value

    return call
