"""Fixtures the toolkit's tests share."""

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from dli_toolkit.credentials import AccessKeyCredentials
from dli_toolkit.factory import DliClient

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


@pytest.fixture
def dli(emulator: "EmulatorInstance") -> Iterator[DliClient]:
    """The toolkit's client on the shared emulator, signing with its AK/SK."""
    credentials = AccessKeyCredentials(emulator.ak, emulator.sk)
    with DliClient.create(
        endpoint=emulator.base_url, project_id=emulator.project_id, credentials=credentials
    ) as client:
        yield client
