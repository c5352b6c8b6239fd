from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_type import JobType
from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckSqlResponse")


@_attrs_define
class CheckSqlResponse:
    """
    Example:
        {'is_success': True, 'message': 'the sql is ok', 'job_type': 'QUERY'}

    Attributes:
        is_success (bool | Unset): Whether the call did what was asked; false can come with HTTP 200.
        message (str | Unset): Empty on success, or the reason when `is_success` is false.
        job_type (JobType | Unset): Kind of job: DDL (metadata), DCL (grants), IMPORT, EXPORT, QUERY, INSERT,
            DATA_MIGRATION,
            UPDATE, DELETE, RESTART_QUEUE, SCALE_QUEUE. An open enum: see the API description.
    """

    is_success: bool | Unset = UNSET
    message: str | Unset = UNSET
    job_type: JobType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        job_type: str | Unset = UNSET
        if not isinstance(self.job_type, Unset):
            job_type = self.job_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_success is not UNSET:
            field_dict["is_success"] = is_success
        if message is not UNSET:
            field_dict["message"] = message
        if job_type is not UNSET:
            field_dict["job_type"] = job_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        is_success = d.pop("is_success", UNSET)

        message = d.pop("message", UNSET)

        _job_type = d.pop("job_type", UNSET)
        job_type: JobType | Unset
        if isinstance(_job_type, Unset):
            job_type = UNSET
        else:
            job_type = JobType(_job_type)

        check_sql_response = cls(
            is_success=is_success,
            message=message,
            job_type=job_type,
        )

        check_sql_response.additional_properties = d
        return check_sql_response

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
