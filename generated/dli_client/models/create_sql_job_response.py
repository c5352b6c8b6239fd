from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_mode import JobMode
from ..models.job_type import JobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_schema import ColumnSchema


T = TypeVar("T", bound="CreateSqlJobResponse")


@_attrs_define
class CreateSqlJobResponse:
    """
    Example:
        {'is_success': True, 'message': '', 'job_id': '6d2146a0-c2d5-41bd-8ca0-ca9694ada992', 'job_type': 'QUERY',
            'job_mode': 'async'}

    Attributes:
        is_success (bool): Whether the call did what was asked; false can come with HTTP 200.
        message (str): Empty on success, or the reason when `is_success` is false.
        job_id (str):
        job_type (JobType): Kind of job: DDL (metadata), DCL (grants), IMPORT, EXPORT, QUERY, INSERT, DATA_MIGRATION,
            UPDATE, DELETE, RESTART_QUEUE, SCALE_QUEUE. An open enum: see the API description.
        job_mode (JobMode | Unset): `async`: the call returned before the job ran (poll its status); `sync`: the job had
            finished
            when the call returned. (The SDK's status docstring swaps the two labels; the wire values are
            these.)
        schema (list[ColumnSchema] | Unset): DDL run synchronously only; the result's columns.
        rows (list[list[Any]] | Unset): DDL run synchronously only; at most 1000 rows.
    """

    is_success: bool
    message: str
    job_id: str
    job_type: JobType
    job_mode: JobMode | Unset = UNSET
    schema: list[ColumnSchema] | Unset = UNSET
    rows: list[list[Any]] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        job_id = self.job_id

        job_type = self.job_type.value

        job_mode: str | Unset = UNSET
        if not isinstance(self.job_mode, Unset):
            job_mode = self.job_mode.value

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
        field_dict.update(
            {
                "is_success": is_success,
                "message": message,
                "job_id": job_id,
                "job_type": job_type,
            }
        )
        if job_mode is not UNSET:
            field_dict["job_mode"] = job_mode
        if schema is not UNSET:
            field_dict["schema"] = schema
        if rows is not UNSET:
            field_dict["rows"] = rows

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.column_schema import ColumnSchema

        d = dict(src_dict)
        is_success = d.pop("is_success")

        message = d.pop("message")

        job_id = d.pop("job_id")

        job_type = JobType(d.pop("job_type"))

        _job_mode = d.pop("job_mode", UNSET)
        job_mode: JobMode | Unset
        if isinstance(_job_mode, Unset):
            job_mode = UNSET
        else:
            job_mode = JobMode(_job_mode)

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

        create_sql_job_response = cls(
            is_success=is_success,
            message=message,
            job_id=job_id,
            job_type=job_type,
            job_mode=job_mode,
            schema=schema,
            rows=rows,
        )

        create_sql_job_response.additional_properties = d
        return create_sql_job_response

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
