"""fetch(): every row of a result, through the emulator's export and its OBS folder."""

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from dli_client.models.job_type_filter import JobTypeFilter

from dli_toolkit.errors import ConfigurationError
from dli_toolkit.factory import DliClient
from dli_toolkit.objectstore import LocalObjectStore, object_store_from_env
from dli_toolkit.pipelines import FetchOptions, fetch, run

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


def _options(emulator: "EmulatorInstance") -> FetchOptions:
    return FetchOptions(
        export_path="obs://fetch-tests/results", store=LocalObjectStore(emulator.data_dir / "obs")
    )


def _export_jobs(dli: DliClient) -> int:
    return dli.list_jobs(job_type=JobTypeFilter.EXPORT, page_size=1).job_count


def test_fetch_reads_all_5000_rows_through_an_export(
    dli: DliClient, emulator: "EmulatorInstance"
) -> None:
    preview = run(
        dli,
        "select id, cast(id as decimal(6,2)) / 4 as q, "
        "date'2024-01-01' + cast(id % 3 as int) as d from range(5000)",
    )
    assert preview.truncated
    exports = _export_jobs(dli)
    result = fetch(dli, preview.job_id or "", _options(emulator))
    assert _export_jobs(dli) == exports + 1
    assert not result.truncated and result.total_rows == 5000
    rows = sorted(result.rows)
    assert [row[0] for row in rows] == list(range(5000))
    assert rows[4999][1] == Decimal("4999") / 4
    assert rows[4999][2] == dt.date(2024, 1, 2)
    assert result.columns == preview.columns
    # A second fetch of the same job replaces the first export rather than failing on it.
    assert len(fetch(dli, preview.job_id or "", _options(emulator)).rows) == 5000


def test_fetch_of_a_small_result_is_its_preview(
    dli: DliClient, emulator: "EmulatorInstance"
) -> None:
    job_id = run(dli, "select id from range(10)").job_id or ""
    exports = _export_jobs(dli)
    result = fetch(dli, job_id, _options(emulator))
    assert [row[0] for row in result] == list(range(10))
    assert _export_jobs(dli) == exports


def test_fetch_without_an_export_path_says_what_to_set(dli: DliClient) -> None:
    job_id = run(dli, "select id from range(1001)").job_id or ""
    with pytest.raises(ConfigurationError, match="DLI_EXPORT_PATH"):
        fetch(dli, job_id, FetchOptions(environ={}))


def test_the_store_comes_from_the_environment() -> None:
    assert object_store_from_env({"DLI_OBS_DIR": "/x/obs"}) == LocalObjectStore(Path("/x/obs"))
    assert object_store_from_env({}) is None
    with pytest.raises(ConfigurationError, match="OBS takes no IAM token"):
        object_store_from_env({"DLI_OBS_ENDPOINT": "https://obs.example"})


def test_a_local_store_does_not_leave_its_root(tmp_path: Path) -> None:
    store = LocalObjectStore(tmp_path)
    with pytest.raises(ConfigurationError, match="climbs out"):
        store.list("obs://bucket/../../etc")
