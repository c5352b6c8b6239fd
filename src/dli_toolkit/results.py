"""A query result as a typed table: `QueryResult`.

A result comes from a preview (at most 1000 rows, held in memory) or from `fetch` (every row,
read from exported files as they are iterated). Either way it knows how many rows the job
produced, so that a preview cut short says so (`truncated`, `total_rows`) instead of passing
for the whole answer.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, TYPE_CHECKING, Any, Literal

from dli_client.models.column_schema import ColumnSchema
from dli_client.models.create_sql_job_response import CreateSqlJobResponse
from dli_client.models.preview_sql_job_result_response import PreviewSqlJobResultResponse
from dli_client.types import Unset

from dli_toolkit import sparktypes

if TYPE_CHECKING:
    import pandas
    import pyarrow

Row = tuple[Any, ...]
Format = Literal["csv", "json", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "json", "parquet")
# Rows per pyarrow record batch when writing Parquet: bounded memory, few row groups.
_BATCH = 65_536


@dataclass(frozen=True)
class Column:
    """A result column: its name and its Spark type as the service reports it (`decimal(10,2)`)."""

    name: str
    type: str


class QueryResult:
    """The rows of a QUERY job, converted to Python values by the column types.

    `int`/`bigint` ... to int, `float`/`double` to float (NaN and infinities included),
    `decimal(p,s)` to Decimal with scale s, `date` to date, `timestamp` to a naive datetime
    (the wall time the service shows), `binary` to bytes, `array` to list, `map` to dict,
    `struct` to a dict of field name to value, `boolean` to bool, `string` to str.

    Iterating streams the rows; `rows` and `records()` hold them all in memory.
    """

    def __init__(
        self,
        columns: Sequence[Column],
        raw_rows: Callable[[], Iterator[Sequence[Any]]] | Sequence[Sequence[Any]],
        *,
        total_rows: int | None = None,
        job_id: str | None = None,
    ) -> None:
        self.columns = tuple(columns)
        self.job_id = job_id
        if callable(raw_rows):
            self._open = raw_rows
            self._held: int | None = None
        else:
            held = list(raw_rows)
            self._open = lambda: iter(held)
            self._held = len(held)
        # The job's row count; a streamed result holds them all.
        self.total_rows = total_rows if total_rows is not None else self._held
        self._converters = [sparktypes.column_converter(c.type) for c in self.columns]
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

    def __iter__(self) -> Iterator[Row]:
        convert = self._converters
        for raw in self._open():
            yield tuple(c(v) for c, v in zip(convert, raw, strict=True))

    @property
    def rows(self) -> list[Row]:
        if self._rows is None:
            self._rows = list(self)
        return self._rows

    def records(self) -> list[dict[str, Any]]:
        """Rows as `{column: value}` dicts."""
        names = self.column_names
        return [dict(zip(names, row, strict=True)) for row in self]

    def batches(self, size: int = _BATCH) -> Iterator[list[Row]]:
        batch: list[Row] = []
        for row in self:
            batch.append(row)
            if len(batch) >= size:
                yield batch
                batch = []
        if batch:
            yield batch

    # -- optional libraries --------------------------------------------------------------------

    def to_arrow(self) -> pyarrow.Table:
        """A pyarrow Table with the Spark types mapped to Arrow ones (needs the `arrow` extra)."""
        pa = _require("pyarrow", "arrow")
        schema = arrow_schema(self.columns)
        batches = [_record_batch(schema, batch) for batch in self.batches()]
        return pa.Table.from_batches(batches, schema=schema)

    def to_pandas(self) -> pandas.DataFrame:
        """A pandas DataFrame (needs the `pandas` extra; with pyarrow installed, via Arrow)."""
        pd = _require("pandas", "pandas")
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
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        try:
            return self.write_csv(text) if fmt == "csv" else self.write_json_lines(text)
        finally:
            text.flush()
            text.detach()

    def write_csv(self, stream: IO[str]) -> int:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(self.column_names)
        count = 0
        for count, row in enumerate(self, 1):  # noqa: B007
            writer.writerow([text_value(value) for value in row])
        return count

    def write_json_lines(self, stream: IO[str]) -> int:
        names = self.column_names
        count = 0
        for count, row in enumerate(self, 1):  # noqa: B007
            stream.write(json.dumps(dict(zip(names, row, strict=True)), default=_json_default))
            stream.write("\n")
        return count

    def write_json(self, stream: IO[str]) -> None:
        """All rows as one JSON array of objects (for a terminal; `write_json_lines` streams)."""
        json.dump(self.records(), stream, ensure_ascii=False, default=_json_default)
        stream.write("\n")

    def text_rows(self, null: str = "") -> list[list[str]]:
        """Rows as text, as Spark shows values: `true`/`false`, JSON for arrays and maps."""
        return [[text_value(value, null) for value in row] for row in self.rows]

    def _write_parquet(self, stream: IO[bytes]) -> int:
        pq = _require("pyarrow.parquet", "arrow")
        schema = arrow_schema(self.columns)
        count = 0
        with pq.ParquetWriter(stream, schema) as writer:
            for batch in self.batches():
                writer.write_batch(_record_batch(schema, batch))
                count += len(batch)
        return count


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
    if hasattr(value, "isoformat"):
        return str(value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat())
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="backslashreplace")
    return text_value(value)


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{module.split('.')[0]} is not installed: pip install 'dli-sqljob[{extra}]'"
        ) from error


def arrow_schema(columns: Iterable[Column]) -> pyarrow.Schema:
    pa = _require("pyarrow", "arrow")
    return pa.schema([pa.field(c.name, arrow_type(c.type)) for c in columns])


def arrow_type(type_text: str) -> pyarrow.DataType:
    """The Arrow type of a Spark type string (unknown ones become strings)."""
    pa = _require("pyarrow", "arrow")
    try:
        spark = sparktypes.parse(type_text)
    except ValueError:
        return pa.string()
    return _arrow(pa, spark)


def _arrow(pa: Any, spark: sparktypes.SparkType) -> Any:
    simple = {
        "boolean": pa.bool_(),
        "tinyint": pa.int8(),
        "byte": pa.int8(),
        "smallint": pa.int16(),
        "short": pa.int16(),
        "int": pa.int32(),
        "integer": pa.int32(),
        "bigint": pa.int64(),
        "long": pa.int64(),
        "float": pa.float32(),
        "real": pa.float32(),
        "double": pa.float64(),
        "date": pa.date32(),
        "timestamp": pa.timestamp("us"),
        "timestamp_ntz": pa.timestamp("us"),
        "timestamp_ltz": pa.timestamp("us"),
        "binary": pa.binary(),
        "void": pa.null(),
    }
    if spark.name in simple:
        return simple[spark.name]
    if spark.name == "decimal":
        return pa.decimal128(spark.precision or 10, spark.scale or 0)
    if spark.name == "array":
        return pa.list_(_arrow(pa, spark.children[0]))
    if spark.name == "map":
        return pa.map_(_arrow(pa, spark.children[0]), _arrow(pa, spark.children[1]))
    if spark.name == "struct":
        return pa.struct(
            [
                pa.field(n, _arrow(pa, t))
                for n, t in zip(spark.field_names, spark.children, strict=True)
            ]
        )
    return pa.string()


def _record_batch(schema: Any, rows: list[Row]) -> Any:
    pa = _require("pyarrow", "arrow")
    arrays = []
    for index, field in enumerate(schema):
        values = [row[index] for row in rows]
        if pa.types.is_map(field.type):
            # Arrow takes a map as a list of (key, value) pairs.
            values = [None if v is None else list(v.items()) for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


@dataclass(frozen=True)
class ResultTable:
    """The untyped table the command line prints until it moves to `QueryResult`."""

    columns: list[str]
    rows: list[list[Any]]

    @classmethod
    def from_response(
        cls, response: PreviewSqlJobResultResponse | CreateSqlJobResponse
    ) -> ResultTable:
        schema = [] if isinstance(response.schema, Unset) else response.schema
        rows = [] if isinstance(response.rows, Unset) else response.rows
        return cls([c.name for c in columns_of(schema)], [list(row) for row in rows])

    def write_json(self, stream: IO[str]) -> None:
        records = [dict(zip(self.columns, row, strict=False)) for row in self.rows]
        json.dump(records, stream, ensure_ascii=False, default=str)
        stream.write("\n")

    def text_rows(self, null: str = "") -> list[list[str]]:
        return [[text_value(value, null) for value in row] for row in self.rows]

    def write_csv(self, stream: IO[str]) -> None:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.text_rows())
