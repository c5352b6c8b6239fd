from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CheckSqlRequest")


@_attrs_define
class CheckSqlRequest:
    """
    Example:
        {'sql': 'select * from t1', 'currentdb': 'db1'}

    Attributes:
        sql (str): The statement to check.
        currentdb (str | Unset): Database for unqualified table names.
    """

    sql: str
    currentdb: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sql = self.sql

        currentdb = self.currentdb

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sql": sql,
            }
        )
        if currentdb is not UNSET:
            field_dict["currentdb"] = currentdb

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        sql = d.pop("sql")

        currentdb = d.pop("currentdb", UNSET)

        check_sql_request = cls(
            sql=sql,
            currentdb=currentdb,
        )

        check_sql_request.additional_properties = d
        return check_sql_request

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
