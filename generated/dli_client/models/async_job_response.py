from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_mode import JobMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="AsyncJobResponse")


@_attrs_define
class AsyncJobResponse:
    """
    Example:
        {'is_success': True, 'message': '', 'job_id': '37a40ef9-86f5-42e6-b4c6-8febec89cc20', 'job_mode': 'async'}

    Attributes:
        is_success (bool | Unset): Whether the call did what was asked; false can come with HTTP 200.
        message (str | Unset): Empty on success, or the reason when `is_success` is false.
        job_id (str | Unset):
        job_mode (JobMode | Unset): `async`: the call returned before the job ran (poll its status); `sync`: the job had
            finished
            when the call returned. (The SDK's status docstring swaps the two labels; the wire values are
            these.)
    """

    is_success: bool | Unset = UNSET
    message: str | Unset = UNSET
    job_id: str | Unset = UNSET
    job_mode: JobMode | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        job_id = self.job_id

        job_mode: str | Unset = UNSET
        if not isinstance(self.job_mode, Unset):
            job_mode = self.job_mode.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_success is not UNSET:
            field_dict["is_success"] = is_success
        if message is not UNSET:
            field_dict["message"] = message
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if job_mode is not UNSET:
            field_dict["job_mode"] = job_mode

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        is_success = d.pop("is_success", UNSET)

        message = d.pop("message", UNSET)

        job_id = d.pop("job_id", UNSET)

        _job_mode = d.pop("job_mode", UNSET)
        job_mode: JobMode | Unset
        if isinstance(_job_mode, Unset):
            job_mode = UNSET
        else:
            job_mode = JobMode(_job_mode)

        async_job_response = cls(
            is_success=is_success,
            message=message,
            job_id=job_id,
            job_mode=job_mode,
        )

        async_job_response.additional_properties = d
        return async_job_response

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
