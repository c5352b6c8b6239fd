from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_type import JobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_schema import ColumnSchema


T = TypeVar("T", bound="PreviewSqlJobResultResponse")


@_attrs_define
class PreviewSqlJobResultResponse:
    """
    Example:
        {'is_success': True, 'message': '', 'job_id': 'ead0b276-8ed4-4eb5-b520-58f1511e7033', 'job_type': 'QUERY',
            'row_count': 1, 'input_size': 74, 'schema': [{'c1': 'int'}], 'rows': [[23]]}

    Attributes:
        is_success (bool | Unset): Whether the call did what was asked; false can come with HTTP 200.
        message (str | Unset): Empty on success, or the reason when `is_success` is false.
        job_id (str | Unset):
        job_type (JobType | Unset): Kind of job: DDL (metadata), DCL (grants), IMPORT, EXPORT, QUERY, INSERT,
            DATA_MIGRATION,
            UPDATE, DELETE, RESTART_QUEUE, SCALE_QUEUE. An open enum: see the API description.
        row_count (int | Unset): Rows in the whole result.
        input_size (int | Unset):
        schema (list[ColumnSchema] | Unset):
        rows (list[list[Any]] | Unset):
    """

    is_success: bool | Unset = UNSET
    message: str | Unset = UNSET
    job_id: str | Unset = UNSET
    job_type: JobType | Unset = UNSET
    row_count: int | Unset = UNSET
    input_size: int | Unset = UNSET
    schema: list[ColumnSchema] | Unset = UNSET
    rows: list[list[Any]] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        job_id = self.job_id

        job_type: str | Unset = UNSET
        if not isinstance(self.job_type, Unset):
            job_type = self.job_type.value

        row_count = self.row_count

        input_size = self.input_size

        schema: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = []
            for schema_item_data in self.schema:
                schema_item = schema_item_data.to_dict()
                schema.append(schema_item)

        rows: list[list[Any]] | Unset = UNSET
        if not isinstance(self.rows, Unset):
            rows = []
            for rows_item_data in self.rows:
                rows_item = rows_item_data

                rows.append(rows_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_success is not UNSET:
            field_dict["is_success"] = is_success
        if message is not UNSET:
            field_dict["message"] = message
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if job_type is not UNSET:
            field_dict["job_type"] = job_type
        if row_count is not UNSET:
            field_dict["row_count"] = row_count
        if input_size is not UNSET:
            field_dict["input_size"] = input_size
        if schema is not UNSET:
            field_dict["schema"] = schema
        if rows is not UNSET:
            field_dict["rows"] = rows

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.column_schema import ColumnSchema

        d = dict(src_dict)
        is_success = d.pop("is_success", UNSET)

        message = d.pop("message", UNSET)

        job_id = d.pop("job_id", UNSET)

        _job_type = d.pop("job_type", UNSET)
        job_type: JobType | Unset
        if isinstance(_job_type, Unset):
            job_type = UNSET
        else:
            job_type = JobType(_job_type)

        row_count = d.pop("row_count", UNSET)

        input_size = d.pop("input_size", UNSET)

        _schema = d.pop("schema", UNSET)
        schema: list[ColumnSchema] | Unset = UNSET
        if _schema is not UNSET:
            schema = []
            for schema_item_data in _schema:
                schema_item = ColumnSchema.from_dict(schema_item_data)

                schema.append(schema_item)

        _rows = d.pop("rows", UNSET)
        rows: list[list[Any]] | Unset = UNSET
        if _rows is not UNSET:
            rows = []
            for rows_item_data in _rows:
                rows_item = cast(list[Any], rows_item_data)

                rows.append(rows_item)

        preview_sql_job_result_response = cls(
            is_success=is_success,
            message=message,
            job_id=job_id,
            job_type=job_type,
            row_count=row_count,
            input_size=input_size,
            schema=schema,
            rows=rows,
        )

        preview_sql_job_result_response.additional_properties = d
        return preview_sql_job_result_response

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
