"""Reading the JSON-lines files that ExportSqlJobResult wrote, as a `RowSource`.

Files are read in large chunks and each chunk's lines are parsed by one call (orjson, or
pyarrow's JSON reader for Arrow batches), so a million rows cost seconds of C, not a Python
call per line. Spark's JSON writer leaves out null fields: a missing field is a null.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from dli_toolkit import sparktypes
from dli_toolkit.arrow import record_batch
from dli_toolkit.objectstore import ObjectStore
from dli_toolkit.results import Column, RawBatch, batch_converter

_loads: Callable[[bytes], Any]
try:
    from orjson import loads as _loads
except ImportError:  # pragma: no cover - orjson is a dependency; kept optional for vendoring
    _loads = json.loads

_CHUNK = 8 << 20
# Types pyarrow's JSON reader turns into the same values as `sparktypes.converter`; a result
# with any other column (maps, binary, nested types) is read by the Python path.
_ARROW_READS = (
    sparktypes.INTEGERS
    | sparktypes.FLOATS
    | sparktypes.TEXTS
    | {"decimal", "boolean", "date", "timestamp"}
)


class JsonLinesExport:
    """The rows of the export files `uris` (in order) in `store`."""

    def __init__(self, store: ObjectStore, uris: Sequence[str], columns: Sequence[Column]) -> None:
        self.store = store
        self.uris = list(uris)
        self.columns = list(columns)

    def raw_batches(self) -> Iterator[RawBatch]:
        for uri in self.uris:
            yield from self._raw_batches_of(uri)

    def _raw_batches_of(self, uri: str) -> Iterator[RawBatch]:
        names = [column.name for column in self.columns]
        # Decimals are JSON numbers in the files: read as floats they would lose digits.
        exact = any("decimal" in column.type.lower() for column in self.columns)
        loads = _exact_loads if exact else _loads
        with self.store.open(uri) as stream:
            tail = b""
            while chunk := stream.read(_CHUNK):
                lines = (tail + chunk).split(b"\n")
                tail = lines.pop()
                if lines := [line for line in lines if line.strip()]:
                    yield _records(loads, lines, names)
            if tail.strip():
                yield _records(loads, [tail], names)

    def arrow_batches(self, schema: Any) -> Iterator[Any] | None:
        try:
            import pyarrow as pa
            import pyarrow.json as pa_json
        except ImportError:
            return None
        kinds = [_base(column.type) for column in self.columns]
        if not all(kind in _ARROW_READS for kind in kinds):
            return None
        # Dates are read as text and cast: the JSON reader takes no date32 from a string.
        read_schema = pa.schema(
            [
                pa.field(field.name, pa.string()) if kind == "date" else field
                for field, kind in zip(schema, kinds, strict=True)
            ]
        )
        options = pa_json.ParseOptions(
            explicit_schema=read_schema, unexpected_field_behavior="ignore"
        )

        def batches() -> Iterator[Any]:
            for uri in self.uris:
                given = 0
                try:
                    with self.store.open(uri) as stream:
                        reader = pa_json.open_json(
                            stream,
                            read_options=pa_json.ReadOptions(block_size=_CHUNK),
                            parse_options=options,
                        )
                        for batch in reader:
                            yield pa.RecordBatch.from_arrays(
                                [
                                    column.cast(field.type) if kind == "date" else column
                                    for column, field, kind in zip(
                                        batch.columns, schema, kinds, strict=True
                                    )
                                ],
                                schema=schema,
                            )
                            given += batch.num_rows
                except pa.ArrowInvalid:
                    # A value Arrow's reader takes for no number, e.g. Spark's JSON writer
                    # quotes NaN and the infinities ("NaN"). The same file, read again by the
                    # Python path, goes on after the rows already given.
                    yield from self._converted_batches(uri, schema, skip=given)

        return batches()

    def _converted_batches(self, uri: str, schema: Any, *, skip: int) -> Iterator[Any]:
        convert = batch_converter(self.columns)
        for raw in self._raw_batches_of(uri):
            if skip >= len(raw):
                skip -= len(raw)
                continue
            yield record_batch(schema, convert(raw[skip:]))
            skip = 0


def _exact_loads(text: bytes) -> Any:
    return json.loads(text, parse_float=Decimal)


def _records(loads: Callable[[bytes], Any], lines: list[bytes], names: list[str]) -> RawBatch:
    records = loads(b"[" + b",".join(lines) + b"]")
    return [[record.get(name) for name in names] for record in records]


def _base(type_text: str) -> str:
    try:
        return sparktypes.parse(type_text).name
    except ValueError:
        return ""
