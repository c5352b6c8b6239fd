"""Results as Arrow: the Arrow type of each Spark type, record batches from converted rows,
CSV written by Arrow. pyarrow is the `arrow` extra: it is imported only when used.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from dli_toolkit import sparktypes

if TYPE_CHECKING:
    import pyarrow

    from dli_toolkit.results import Column, Row


def require(module: str, extra: str) -> Any:
    """`module`, or an ImportError naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(
            f"{module.split('.')[0]} is not installed: pip install 'dli-sqljob[{extra}]'"
        ) from error


def arrow_schema(columns: Sequence[Column]) -> pyarrow.Schema:
    pa = require("pyarrow", "arrow")
    return pa.schema([pa.field(c.name, arrow_type(c.type)) for c in columns])


def arrow_type(type_text: str) -> pyarrow.DataType:
    """The Arrow type of a Spark type string (unknown ones become strings)."""
    pa = require("pyarrow", "arrow")
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


def record_batch(schema: Any, rows: list[Row]) -> Any:
    """Converted rows as a pyarrow RecordBatch of `schema`."""
    pa = require("pyarrow", "arrow")
    arrays = []
    for index, field in enumerate(schema):
        values = [row[index] for row in rows]
        if pa.types.is_map(field.type):
            # Arrow takes a map as a list of (key, value) pairs.
            values = [None if v is None else list(v.items()) for v in values]
        arrays.append(pa.array(values, type=field.type))
    return pa.RecordBatch.from_arrays(arrays, schema=schema)


def write_csv(stream: IO[bytes], batches: Iterator[Any]) -> int:
    pa_csv = require("pyarrow.csv", "arrow")
    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    count = 0
    writer = None
    try:
        for batch in batches:
            if writer is None:
                writer = pa_csv.CSVWriter(stream, batch.schema, write_options=options)
            writer.write_batch(batch)
            count += batch.num_rows
    finally:
        if writer is not None:
            writer.close()
    return count
