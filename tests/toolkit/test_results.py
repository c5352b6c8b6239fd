"""QueryResult on the emulator's real answers: every Spark type converted, cuts reported,
pandas, Arrow and Parquet."""

import datetime as dt
import io
import json
import math
from collections.abc import Iterator
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dli_toolkit import QueryResult
from dli_toolkit.factory import DliClient
from dli_toolkit.pipelines import run
from dli_toolkit.results import Column
from dli_toolkit.sparktypes import parse

EVERY_TYPE = """select
    cast(1 as tinyint) as i1, cast(2 as smallint) as i2, 3 as i4, cast(4 as bigint) as i8,
    cast(1.25 as float) as f4, cast('NaN' as double) as nan, cast('-Infinity' as double) as ninf,
    cast(1.5 as decimal(10,2)) as dec, date'2024-01-02' as day,
    timestamp'2024-01-02 03:04:05.123' as ts, true as yes, 'x;y' as text,
    cast('YWJj' as binary) as bin, null as nothing, cast(null as int) as no_int,
    array(1, 2) as arr, map('k', date'2024-05-06') as m,
    named_struct('x', 1, 'y', array(cast(2.5 as decimal(3,1)))) as s"""


def test_every_spark_type_is_converted(dli: DliClient) -> None:
    result = run(dli, EVERY_TYPE)
    assert result.columns[:4] == (
        Column("i1", "tinyint"),
        Column("i2", "smallint"),
        Column("i4", "int"),
        Column("i8", "bigint"),
    )
    assert result.columns[7] == Column("dec", "decimal(10,2)")
    (
        (i1, i2, i4, i8, f4, nan, ninf, dec, day, ts, yes, text, bin_, nothing, no_int, arr, m, s),
    ) = result.rows
    assert (i1, i2, i4, i8, f4) == (1, 2, 3, 4, 1.25)
    assert math.isnan(nan) and ninf == -math.inf
    assert dec == Decimal("1.50") and str(dec) == "1.50"
    assert day == dt.date(2024, 1, 2)
    assert ts == dt.datetime(2024, 1, 2, 3, 4, 5, 123000)
    assert yes is True and text == "x;y" and nothing is None and no_int is None
    assert bin_ == b"YWJj"
    assert arr == [1, 2]
    assert m == {"k": dt.date(2024, 5, 6)}
    assert s == {"x": 1, "y": [Decimal("2.5")]}
    assert result.records()[0]["dec"] == Decimal("1.50")
    assert not result.truncated and result.total_rows == 1


def test_a_preview_says_when_it_holds_fewer_rows_than_the_job_made(dli: DliClient) -> None:
    result = run(dli, "select id from range(5000)")
    assert result.truncated
    assert (result.shown_rows, result.total_rows) == (1000, 5000)
    assert len(result.rows) == 1000
    assert "1000 of 5000 rows" in repr(result)


def test_to_pandas_and_to_arrow_keep_the_types(dli: DliClient) -> None:
    result = run(dli, EVERY_TYPE)
    table = result.to_arrow()
    assert table.schema.field("dec").type == pa.decimal128(10, 2)
    assert table.schema.field("day").type == pa.date32()
    assert table.schema.field("m").type == pa.map_(pa.string(), pa.date32())
    assert table.column("s").to_pylist() == [{"x": 1, "y": [Decimal("2.5")]}]
    frame = result.to_pandas()
    assert list(frame.columns) == result.column_names
    assert frame["i8"].tolist() == [4]
    assert frame["ts"].iloc[0].to_pydatetime() == dt.datetime(2024, 1, 2, 3, 4, 5, 123000)


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_write_gives_every_row_in_each_format(dli: DliClient, fmt: str) -> None:
    result = run(
        dli,
        "select id, cast(id as decimal(5,1)) as d, 'a,b' as t, "
        "timestamp'2024-01-02 03:04:05' as ts from range(7)",
    )
    out = io.BytesIO()
    assert result.write(out, fmt) == 7  # type: ignore[arg-type]
    data = out.getvalue()
    if fmt == "csv":
        lines = data.decode().splitlines()
        assert lines[0] == "id,d,t,ts" and len(lines) == 8
        assert lines[1] == '0,0.0,"a,b",2024-01-02 03:04:05.000000'
    elif fmt == "json":
        lines = data.decode().splitlines()
        assert json.loads(lines[6]) == {
            "id": 6,
            "d": "6.0",
            "t": "a,b",
            "ts": "2024-01-02 03:04:05.000000",
        }
    else:
        table = pq.read_table(io.BytesIO(data))
        assert table.column("d").to_pylist()[-1] == Decimal("6.0")
        assert table.num_rows == 7


class _Counted:
    """A row source that counts how often it is read."""

    def __init__(self) -> None:
        self.opened = 0

    def raw_batches(self) -> Iterator[list[list[object]]]:
        self.opened += 1
        return iter([[["1", "2024-01-01"]], [["2", None]]])

    def arrow_batches(self, schema: object) -> None:
        return None


def test_a_streamed_result_reads_its_source_again_for_each_pass() -> None:
    source = _Counted()
    result = QueryResult([Column("a", "decimal(3,0)"), Column("b", "date")], source, total_rows=2)
    expected = [(Decimal("1"), dt.date(2024, 1, 1)), (Decimal("2"), None)]
    assert list(result) == expected
    assert list(result) == expected
    assert source.opened == 2 and not result.truncated and result.shown_rows == 2


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("struct<a b:int,c:struct<d:date>>", ("a b", "c")),
        ("struct<`x,y`:int>", ("x,y",)),
    ],
)
def test_struct_field_names_are_read_as_spark_writes_them(
    text: str, names: tuple[str, ...]
) -> None:
    assert parse(text).field_names == names


@pytest.mark.parametrize("text", ["array<int", "decimal(1,", "map<int>", "int extra"])
def test_a_malformed_type_string_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="bad Spark type"):
        parse(text)
