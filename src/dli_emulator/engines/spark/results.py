"""QUERY results: Arrow batches from Spark Connect written as Parquet, read back for previews."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from .. import sparktypes as st

RESULT_FILE = "part-00000.parquet"


def write(table: pa.Table, result_dir: Path) -> int:
    """Store rows with positional column names (c0, c1, ...), as the engine protocol asks."""
    result_dir.mkdir(parents=True, exist_ok=True)
    renamed = table.rename_columns([f"c{i}" for i in range(table.num_columns)])
    pq.write_table(renamed, result_dir / RESULT_FILE)
    return int(table.num_rows)


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
