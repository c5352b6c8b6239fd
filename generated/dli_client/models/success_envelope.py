from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SuccessEnvelope")


@_attrs_define
class SuccessEnvelope:
    """The fields of every success body. Which of them an operation always sends is its own
    `required` list: the reference marks them not mandatory on cancel, check-sql, preview,
    import-table and export-table.

        Example:
            {'is_success': True, 'message': ''}

        Attributes:
            is_success (bool | Unset): Whether the call did what was asked; false can come with HTTP 200.
            message (str | Unset): Empty on success, or the reason when `is_success` is false.
    """

    is_success: bool | Unset = UNSET
    message: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_success is not UNSET:
            field_dict["is_success"] = is_success
        if message is not UNSET:
            field_dict["message"] = message

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        is_success = d.pop("is_success", UNSET)

        message = d.pop("message", UNSET)

        success_envelope = cls(
            is_success=is_success,
            message=message,
        )

        success_envelope.additional_properties = d
        return success_envelope

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
