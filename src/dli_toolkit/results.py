"""A query result (schema and rows, from a preview or a synchronous submit) as a plain table."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from dli_client.models.column_schema import ColumnSchema
from dli_client.models.create_sql_job_response import CreateSqlJobResponse
from dli_client.models.preview_sql_job_result_response import PreviewSqlJobResultResponse
from dli_client.types import Unset


@dataclass(frozen=True)
class ResultTable:
    columns: list[str]
    rows: list[list[Any]]

    @classmethod
    def from_response(
        cls, response: PreviewSqlJobResultResponse | CreateSqlJobResponse
    ) -> ResultTable:
        schema = [] if isinstance(response.schema, Unset) else response.schema
        rows = [] if isinstance(response.rows, Unset) else response.rows
        return cls(columns=_column_names(schema), rows=[list(row) for row in rows])

    def records(self) -> list[dict[str, Any]]:
        """Rows as `{column: value}` objects (for JSON output)."""
        return [dict(zip(self.columns, row, strict=False)) for row in self.rows]

    def write_json(self, stream: IO[str]) -> None:
        json.dump(self.records(), stream, ensure_ascii=False, default=str)
        stream.write("\n")

    def text_rows(self, null: str = "") -> list[list[str]]:
        """Rows as text, as Spark shows values: `true`/`false`, JSON for arrays and maps."""
        return [[_text(value, null) for value in row] for row in self.rows]

    def write_csv(self, stream: IO[str]) -> None:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(self.columns)
        writer.writerows(self.text_rows())


def _column_names(schema: Sequence[ColumnSchema]) -> list[str]:
    # Each ColumnSchema is a one-entry map {name: type}; an empty one still gets a column.
    return [next(iter(column.additional_keys), f"_c{index}") for index, column in enumerate(schema)]


def _text(value: Any, null: str) -> str:
    if value is None:
        return null
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
