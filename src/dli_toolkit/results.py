"""A query result as a typed table: `QueryResult`.

A result comes from a preview (at most 1000 rows, held in memory) or from `fetch` (every row,
read from exported files batch by batch as it is iterated). Either way it knows how many rows
the job produced, so that a preview cut short says so (`truncated`, `total_rows`) instead of
passing for the whole answer.

Rows travel in batches and are converted column by column, and a source that can hand Arrow
record batches straight over (the exported files, when pyarrow is installed) writes CSV and
Parquet without a Python object per value: a million rows take seconds, not minutes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from typing import IO, TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

from dli_client.models.column_schema import ColumnSchema
from dli_client.models.create_sql_job_response import CreateSqlJobResponse
from dli_client.models.preview_sql_job_result_response import PreviewSqlJobResultResponse
from dli_client.types import Unset

from dli_toolkit import arrow, sparktypes

if TYPE_CHECKING:
    import pandas
    import pyarrow

Row = tuple[Any, ...]
RawBatch = Sequence[Sequence[Any]]
Format = Literal["csv", "json", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "json", "parquet")
BATCH_ROWS = 65_536

_dumps: Callable[..., bytes] | None
try:  # orjson writes JSON lines several times faster than the standard library.
    from orjson import OPT_APPEND_NEWLINE, OPT_PASSTHROUGH_DATETIME
    from orjson import dumps as _dumps

    # Dates and timestamps go through `_json_default` as with the standard library:
    # `2024-01-02 03:04:05.000000`, the way the CSV shows them.
    _NEWLINE = OPT_APPEND_NEWLINE | OPT_PASSTHROUGH_DATETIME
except ImportError:  # pragma: no cover - orjson is a dependency; kept optional for vendoring
    _dumps, _NEWLINE = None, 0


@dataclass(frozen=True)
class Column:
    """A result column: its name and its Spark type as the service reports it (`decimal(10,2)`)."""

    name: str
    type: str


@runtime_checkable
class RowSource(Protocol):
    """Where a result's rows come from, as the service sent them (JSON values)."""

    def raw_batches(self) -> Iterator[RawBatch]:
        """The rows in order, in batches; each call starts again from the first row."""
        ...

    def arrow_batches(self, schema: pyarrow.Schema) -> Iterator[pyarrow.RecordBatch] | None:
        """The rows as Arrow batches of `schema`, or None when this source cannot."""
        ...


class HeldRows:
    """Rows already in memory (a preview, a synchronous answer)."""

    def __init__(self, rows: RawBatch) -> None:
        self.rows = list(rows)

    def raw_batches(self) -> Iterator[RawBatch]:
        return iter([self.rows] if self.rows else [])

    def arrow_batches(self, schema: pyarrow.Schema) -> Iterator[pyarrow.RecordBatch] | None:
        return None


class QueryResult:
    """The rows of a QUERY job, converted to Python values by the column types.

    `tinyint` ... `bigint` to int, `float`/`double` to float (NaN and infinities included),
    `decimal(p,s)` to Decimal with scale s, `date` to date, `timestamp` to a naive datetime (as
    the preview shows it; a time with an offset, as exported files write it, in UTC), `binary`
    to bytes, `array` to list, `map` to dict, `struct` to a dict of field name to value,
    `boolean` to bool, `string` to str; an interval (`interval day to second`) stays the text
    the service sends (`INTERVAL '0 00:45:30' DAY TO SECOND`).

    Iterating streams the rows; `rows` and `records()` hold them all in memory.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        source: RowSource | RawBatch,
        *,
        total_rows: int | None = None,
        job_id: str | None = None,
    ) -> None:
        self.columns = tuple(columns)
        self.job_id = job_id
        self._source = source if isinstance(source, RowSource) else HeldRows(source)
        self._held = len(self._source.rows) if isinstance(self._source, HeldRows) else None
        # The job's row count; a streamed result holds them all.
        self.total_rows = total_rows if total_rows is not None else self._held
        self._rows: list[Row] | None = None

    @classmethod
    def from_response(
        cls, response: PreviewSqlJobResultResponse | CreateSqlJobResponse, *, job_id: str = ""
    ) -> QueryResult:
        """The result a preview (or a synchronous submit) carries."""
        schema = [] if isinstance(response.schema, Unset) else response.schema
        rows = [] if isinstance(response.rows, Unset) else response.rows
        total = getattr(response, "row_count", None)
        return cls(
            columns_of(schema),
            rows,
            total_rows=total if isinstance(total, int) else None,
            job_id=job_id or response.job_id or None,
        )

    def __repr__(self) -> str:
        names = ", ".join(f"{c.name} {c.type}" for c in self.columns)
        return f"QueryResult({names}; {self.shown_rows} of {self.total_rows} rows)"

    @property
    def column_names(self) -> list[str]:
        return [column.name for column in self.columns]

    @property
    def shown_rows(self) -> int | None:
        """Rows this result holds: the preview's count, or `total_rows` for a streamed one."""
        return self._held if self._held is not None else self.total_rows

    @property
    def truncated(self) -> bool:
        """True when the job produced more rows than this result holds (use `fetch` for all)."""
        return (
            self._held is not None and self.total_rows is not None and self._held < self.total_rows
        )

    def batches(self) -> Iterator[list[Row]]:
        """The converted rows in batches (streamed)."""
        convert = batch_converter(self.columns)
        for raw in self._source.raw_batches():
            yield convert(raw)

    def __iter__(self) -> Iterator[Row]:
        return chain.from_iterable(self.batches())

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            self._rows = list(self)
        return self._rows

    def records(self) -> list[dict[str, Any]]:
        """Rows as `{column: value}` dicts."""
        names = self.column_names
        return [dict(zip(names, row, strict=True)) for row in self]

    # -- optional libraries --------------------------------------------------------------------

    def arrow_batches(self) -> Iterator[pyarrow.RecordBatch]:
        """The rows as pyarrow record batches (needs the `arrow` extra), streamed."""
        schema = arrow.arrow_schema(self.columns)
        direct = self._source.arrow_batches(schema)
        if direct is not None:
            return direct
        return (arrow.record_batch(schema, batch) for batch in self.batches())

    def to_arrow(self) -> pyarrow.Table:
        """A pyarrow Table with the Spark types mapped to Arrow ones (needs the `arrow` extra)."""
        pa = arrow.require("pyarrow", "arrow")
        return pa.Table.from_batches(
            list(self.arrow_batches()), schema=arrow.arrow_schema(self.columns)
        )

    def to_pandas(self) -> pandas.DataFrame:
        """A pandas DataFrame (needs the `pandas` extra; with pyarrow installed, via Arrow)."""
        pd = arrow.require("pandas", "pandas")
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            return pd.DataFrame.from_records(self.rows, columns=self.column_names)
        return self.to_arrow().to_pandas()

    # -- writing -------------------------------------------------------------------------------

    def write(self, stream: IO[bytes], fmt: Format) -> int:
        """Write every row as CSV (header line first), JSON lines or Parquet; the row count."""
        if fmt == "parquet":
            return self._write_parquet(stream)
        if fmt == "json":
            return self._write_json_lines(stream)
        return self._write_csv(stream)

    def _write_csv(self, stream: IO[bytes]) -> int:
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="", write_through=True)
        try:
            csv.writer(text, lineterminator="\n").writerow(self.column_names)
        finally:
            text.detach()
        if _arrow_writes_csv(self.columns):
            direct = _direct_arrow(self)
            if direct is not None:
                return arrow.write_csv(stream, direct)
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            return self.write_csv_rows(text)
        finally:
            text.flush()
            text.detach()

    def write_csv(self, stream: IO[str]) -> int:
        """Every row as CSV with a header line; the row count."""
        csv.writer(stream, lineterminator="\n").writerow(self.column_names)
        return self.write_csv_rows(stream)

    def write_csv_rows(self, stream: IO[str]) -> int:
        writer = csv.writer(stream, lineterminator="\n")
        formats = [(i, f) for i, f in enumerate(map(_csv_format, self.columns)) if f is not None]
        count = 0
        for batch in self.batches():
            if formats:
                columns: list[Sequence[Any]] = list(zip(*batch, strict=True))
                for index, fmt in formats:
                    columns[index] = [None if v is None else fmt(v) for v in columns[index]]
                batch = list(zip(*columns, strict=True))
            writer.writerows(batch)
            count += len(batch)
        return count

    def _write_json_lines(self, stream: IO[bytes]) -> int:
        names = self.column_names
        count = 0
        for batch in self.batches():
            if _dumps is not None:
                stream.writelines(
                    _dumps(
                        dict(zip(names, row, strict=True)), default=_json_default, option=_NEWLINE
                    )
                    for row in batch
                )
            else:
                stream.writelines(
                    (
                        json.dumps(dict(zip(names, row, strict=True)), default=_json_default) + "\n"
                    ).encode()
                    for row in batch
                )
            count += len(batch)
        return count

    def write_json(self, stream: IO[str]) -> None:
        """All rows as one JSON array of objects (for a terminal; `write(..., "json")` streams)."""
        json.dump(self.records(), stream, ensure_ascii=False, default=_json_default)
        stream.write("\n")

    def text_rows(self, null: str = "") -> list[list[str]]:
        """Rows as text, as Spark shows values: `true`/`false`, JSON for arrays and maps."""
        return [[text_value(value, null) for value in row] for row in self.rows]

    def _write_parquet(self, stream: IO[bytes]) -> int:
        pq = arrow.require("pyarrow.parquet", "arrow")
        schema = arrow.arrow_schema(self.columns)
        count = 0
        with pq.ParquetWriter(stream, schema) as writer:
            for batch in self.arrow_batches():
                writer.write_batch(batch)
                count += batch.num_rows
        return count


def batch_converter(columns: Sequence[Column]) -> Callable[[RawBatch], list[Row]]:
    """A function from raw rows (JSON values) to rows of Python values, column by column: one
    conversion function per column and batch, none for columns JSON already holds as such."""
    changing = [
        (index, convert)
        for index, convert in enumerate(sparktypes.column_converter(c.type) for c in columns)
        if convert is not sparktypes.identity
    ]
    width = len(columns)

    def convert_batch(raw: RawBatch) -> list[Row]:
        if not changing:
            return [tuple(row) for row in raw]
        values: list[Sequence[Any]] = (
            list(zip(*raw, strict=True)) if raw else [() for _ in range(width)]
        )
        for index, convert in changing:
            values[index] = list(map(convert, values[index]))
        return list(zip(*values, strict=True))

    return convert_batch


def columns_of(schema: Sequence[ColumnSchema]) -> list[Column]:
    """Columns from the preview/submit `schema`: one single-key map `{name: type}` each."""
    columns = []
    for index, entry in enumerate(schema):
        name, kind = next(iter(entry.additional_properties.items()), (f"_c{index}", "string"))
        columns.append(Column(name, str(kind)))
    return columns


def text_value(value: Any, null: str = "") -> str:
    """A value as text: `true`/`false`, JSON for arrays, maps and structs, ISO dates."""
    if value is None:
        return null
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    if hasattr(value, "hour") and hasattr(value, "isoformat"):
        return str(value.isoformat(sep=" ", timespec="microseconds"))
    return str(value)


# Spark types whose Python value `str()` already writes as CSV should show it.
_PLAIN_IN_CSV = sparktypes.INTEGERS | sparktypes.FLOATS | sparktypes.TEXTS | {"decimal", "date"}


def _csv_format(column: Column) -> Callable[[Any], str] | None:
    base = column.type.split("(", 1)[0].split("<", 1)[0].strip().lower()
    return None if base in _PLAIN_IN_CSV else text_value


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    return text_value(value)


def _arrow_writes_csv(columns: Sequence[Column]) -> bool:
    """Arrow's CSV writer shows these types as `write_csv_rows` does; not nested or binary."""
    return all(
        _csv_format(c) is None or c.type.lower() in ("boolean", "timestamp") for c in columns
    )


def _direct_arrow(result: QueryResult) -> Iterator[Any] | None:
    try:
        schema = arrow.arrow_schema(result.columns)
    except ImportError:
        return None
    return result._source.arrow_batches(schema)
