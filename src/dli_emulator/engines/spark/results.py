"""QUERY results: Arrow batches from Spark Connect written as Parquet, read back for previews."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import DataFrame
from pyspark.sql.types import (
    ArrayType,
    DataType,
    DayTimeIntervalType,
    MapType,
    NullType,
    StringType,
    StructField,
    StructType,
    YearMonthIntervalType,
)

from .. import sparktypes as st

RESULT_FILE = "part-00000.parquet"


def write(frame: DataFrame, result_dir: Path) -> int:
    """Store rows with positional column names (c0, c1, ...), as the engine protocol asks."""
    result_dir.mkdir(parents=True, exist_ok=True)
    positional = frame.toDF(*(f"c{i}" for i in range(len(frame.columns))))
    # Arrow has no non-nullable null type, so `array()` and `map()` (element types void, no
    # nulls) cannot be converted; they are stored as strings. Their values are empty or null
    # either way, and the job's `detail` keeps Spark's own type.
    # An interval is stored as Spark's text of it (`INTERVAL '60' DAY`, what CAST(... AS STRING)
    # and to_json write), the form the result preview shows.
    stored = [
        positional[name].cast(StringType())
        if isinstance(field.dataType, DayTimeIntervalType | YearMonthIntervalType)
        else positional[name].cast(_without_void(field.dataType))
        if _has_void(field.dataType)
        else name
        for name, field in zip(positional.columns, positional.schema.fields, strict=True)
    ]
    table = positional.select(*stored).toArrow()
    pq.write_table(table, result_dir / RESULT_FILE)
    return int(table.num_rows)


def _has_void(kind: DataType) -> bool:
    return _without_void(kind) != kind


def _without_void(kind: DataType) -> DataType:
    if isinstance(kind, NullType):
        return StringType()
    if isinstance(kind, ArrayType):
        return ArrayType(_without_void(kind.elementType), kind.containsNull)
    if isinstance(kind, MapType):
        return MapType(
            _without_void(kind.keyType), _without_void(kind.valueType), kind.valueContainsNull
        )
    if isinstance(kind, StructType):
        return StructType(
            [StructField(f.name, _without_void(f.dataType), f.nullable) for f in kind.fields]
        )
    return kind


def read(result_dir: Path, limit: int) -> list[list[Any]]:
    path = result_dir / RESULT_FILE
    parquet = pq.ParquetFile(path)
    rows: list[list[Any]] = []
    types = [field.type for field in parquet.schema_arrow]
    for batch in parquet.iter_batches(batch_size=max(1, min(limit, 65536))):
        columns = [column.to_pylist() for column in batch.columns]
        for values in zip(*columns, strict=True):
            rows.append([_value(v, t) for v, t in zip(values, types, strict=True)])
            if len(rows) >= limit:
                return rows
    return rows


def _value(value: Any, arrow_type: pa.DataType) -> Any:
    """`sparktypes.json_safe`, except that Arrow gives maps as lists of pairs."""
    if value is None:
        return None
    if pa.types.is_map(arrow_type):
        return {
            str(st.json_safe(_value(k, arrow_type.key_type))): _value(v, arrow_type.item_type)
            for k, v in value
        }
    if pa.types.is_list(arrow_type) or pa.types.is_large_list(arrow_type):
        return [_value(v, arrow_type.value_type) for v in value]
    if pa.types.is_struct(arrow_type):
        fields = [arrow_type.field(i) for i in range(arrow_type.num_fields)]
        return {f.name: _value(value.get(f.name), f.type) for f in fields}
    return st.json_safe(value)
