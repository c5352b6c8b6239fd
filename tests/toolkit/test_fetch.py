"""fetch(): every row of a result, through the emulator's export and its OBS folder."""

import asyncio
import csv
import datetime as dt
import io
import json
import math
import uuid
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from dli_client.models.job_type_filter import JobTypeFilter

from dli_toolkit import exports
from dli_toolkit.arrow import arrow_schema
from dli_toolkit.credentials import AccessKeyCredentials
from dli_toolkit.errors import ConfigurationError
from dli_toolkit.factory import AsyncDliClient, DliClient
from dli_toolkit.objectstore import LocalObjectStore, object_store_from_env
from dli_toolkit.pipelines import FetchOptions, exported_result, fetch, run
from dli_toolkit.results import Column

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


FLAT = (
    "select id, id % 2 = 0 as even, cast(id as double) / 3 as third, "
    "cast(id as decimal(9,2)) as dec, date'2024-01-01' + cast(id % 5 as int) as day, "
    "cast(concat('2024-01-01 00:00:', lpad(cast(id % 60 as string), 2, '0')) as timestamp) as ts, "
    "case when id % 7 = 0 then null else concat('r,', id) end as name from range(3000)"
)


def test_csv_through_arrow_reads_the_same_as_through_python(
    dli: DliClient, emulator: "EmulatorInstance"
) -> None:
    """The export is written to CSV by pyarrow when every column allows; the Python writer
    is the reference: both parse to the same cells."""
    result = fetch(dli, run(dli, FLAT).job_id or "", _options(emulator))
    assert result._source.arrow_batches(arrow_schema(result.columns)) is not None
    fast = io.BytesIO()
    assert result.write(fast, "csv") == 3000
    slow = io.StringIO()
    assert result.write_csv(slow) == 3000
    fast_cells = list(csv.reader(io.StringIO(fast.getvalue().decode())))
    slow_cells = list(csv.reader(io.StringIO(slow.getvalue())))
    assert fast_cells[0] == ["id", "even", "third", "dec", "day", "ts", "name"]
    # Arrow writes an integral double without its `.0`; the numbers are the same.
    for cells in (fast_cells, slow_cells):
        for row in cells[1:]:
            row[2] = str(float(row[2]))
    assert fast_cells == slow_cells
    assert fast_cells[8] == [
        "7",
        "false",
        "2.3333333333333335",
        "7.00",
        "2024-01-03",
        "2024-01-01 00:00:07.000000",
        "",
    ]


def test_nested_types_come_through_the_python_path(
    dli: DliClient, emulator: "EmulatorInstance"
) -> None:
    sql = "select id, map('k', id) as m, array(id, id) as a from range(1500)"
    result = fetch(dli, run(dli, sql).job_id or "", _options(emulator))
    assert result._source.arrow_batches(arrow_schema(result.columns)) is None
    rows = sorted(result.rows, key=lambda row: row[0])
    assert rows[1499] == (1499, {"k": 1499}, [1499, 1499])
    table = result.to_arrow()
    assert table.num_rows == 1500


def test_the_clients_run_and_fetch_sync_and_async(
    dli: DliClient, emulator: "EmulatorInstance"
) -> None:
    sql = "select id, cast(id as decimal(8,1)) as d from range(1200)"
    preview = dli.run(sql)
    assert preview.truncated and preview.total_rows == 1200
    whole = dli.run(sql, all_rows=True, fetch_options=_options(emulator))
    assert not whole.truncated and len(whole.rows) == 1200

    async def on_async() -> tuple[int, int | None, Decimal]:
        credentials = AccessKeyCredentials(emulator.ak, emulator.sk)
        async with AsyncDliClient.create(
            endpoint=emulator.base_url, project_id=emulator.project_id, credentials=credentials
        ) as client:
            cut = await client.run(sql)
            every = await client.fetch(cut.job_id or "", _options(emulator))
            ddl = await client.run(f"create table async_{uuid.uuid4().hex[:8]} (a int)")
            assert ddl.columns == () and ddl.total_rows == 0
            rows = sorted(every.rows)
            return len(rows), cut.shown_rows, rows[-1][1]

    assert asyncio.run(on_async()) == (1200, 1000, Decimal("1199.0"))


def test_a_quoted_nan_midway_falls_back_without_losing_or_repeating_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Spark's JSON writer quotes NaN and the infinities, which Arrow's JSON reader refuses for
    a double column: the file is read again by the Python path from the row where Arrow
    stopped. Small blocks put the quoted value blocks after the first."""
    monkeypatch.setattr(exports, "_CHUNK", 4096)
    folder = tmp_path / "bucket" / "out"
    folder.mkdir(parents=True)
    lines = [json.dumps({"id": i, "x": i / 2}) for i in range(2000)]
    lines[1500] = json.dumps({"id": 1500, "x": "NaN"})
    lines[1700] = json.dumps({"id": 1700})  # Spark leaves a null field out
    (folder / "part-00000.json").write_text("\n".join(lines) + "\n")
    (folder / "part-00001.json").write_text(json.dumps({"id": 2000, "x": "-Infinity"}) + "\n")
    columns = [Column("id", "bigint"), Column("x", "double")]
    result = exported_result(LocalObjectStore(tmp_path), "obs://bucket/out", columns, 2001)

    fallbacks: list[int] = []
    python_path = exports.JsonLinesExport._converted_batches

    def counted(self: exports.JsonLinesExport, uri: str, schema: object, *, skip: int) -> object:
        fallbacks.append(skip)
        return python_path(self, uri, schema, skip=skip)

    monkeypatch.setattr(exports.JsonLinesExport, "_converted_batches", counted)
    through_arrow = result.to_arrow()
    rows = result.rows

    # Both files fell back: the first after Arrow gave some blocks, the second at once.
    assert len(fallbacks) == 2 and 0 < fallbacks[0] <= 1500 and fallbacks[1] == 0

    assert through_arrow.num_rows == 2001 == len(rows)
    assert through_arrow.column("id").to_pylist() == list(range(2001))
    xs = through_arrow.column("x").to_pylist()
    assert math.isnan(xs[1500]) and math.isnan(rows[1500][1])
    assert xs[1700] is None and rows[1700][1] is None
    assert xs[2000] == -math.inf and xs[1499] == 749.5
    assert [x for x in xs if x == x] == [r[1] for r in rows if r[1] == r[1]]


def test_decimals_keep_every_digit_on_both_paths(
    dli: DliClient, emulator: "EmulatorInstance"
) -> None:
    """A decimal(38,10) with 30 significant digits: a float would keep 17."""
    big = "12345678901234567890.1234567891"
    sql = (
        f"select id, cast('{big}' as decimal(38,10)) + id as d, map('k', id) as m from range(1100)"
    )
    result = fetch(dli, run(dli, sql).job_id or "", _options(emulator))
    assert result._source.arrow_batches(arrow_schema(result.columns)) is None  # the map
    rows = sorted(result.rows, key=lambda row: row[0])
    seventh = Decimal("12345678901234567897.1234567891")
    assert rows[7][1] == seventh
    flat = fetch(
        dli, run(dli, sql.replace(", map('k', id) as m", "")).job_id or "", _options(emulator)
    )
    assert sorted(flat.to_arrow().column("d").to_pylist())[7] == seventh
