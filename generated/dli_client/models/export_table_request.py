from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_table_request_compress import ExportTableRequestCompress
from ..models.export_table_request_data_type import ExportTableRequestDataType
from ..models.export_table_request_export_mode import ExportTableRequestExportMode
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExportTableRequest")


@_attrs_define
class ExportTableRequest:
    """
    Example:
        {'data_path': 'obs://home/data1/DLI/test', 'data_type': 'json', 'database_name': 'tpchtest2', 'table_name':
            't2', 'compress': 'none'}

    Attributes:
        data_path (str): An OBS location, `obs://bucket/path`. The SDK's text asks for an `s3a://` prefix while the
            reference's examples use `obs://`; both are accepted. The reference asks for no commas in an
            export folder; it documents no other grammar, so the service checks the rest.
        data_type (ExportTableRequestDataType): File format. The SDK says `csv` only; the reference adds `json`.
        database_name (str): Database name: letters, digits and underscores, not only digits, not starting with `_`, at
            most 128 characters (the reference's rules for creating a database, dli_02_0028).
        table_name (str): Table name: letters, digits, underscores and `$`, not only digits, not starting with `_`, at
            most 128 characters (the reference's rules for creating a table, dli_02_0034).
        compress (ExportTableRequestCompress):
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits, not starting with `_`.
        export_mode (ExportTableRequestExportMode | Unset):  Default: ExportTableRequestExportMode.ERRORIFEXISTS.
        with_column_header (bool | Unset):  Default: False.
    """

    data_path: str
    data_type: ExportTableRequestDataType
    database_name: str
    table_name: str
    compress: ExportTableRequestCompress
    queue_name: str | Unset = UNSET
    export_mode: ExportTableRequestExportMode | Unset = (
        ExportTableRequestExportMode.ERRORIFEXISTS
    )
    with_column_header: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data_path = self.data_path

        data_type = self.data_type.value

        database_name = self.database_name

        table_name = self.table_name

        compress = self.compress.value

        queue_name = self.queue_name

        export_mode: str | Unset = UNSET
        if not isinstance(self.export_mode, Unset):
            export_mode = self.export_mode.value

        with_column_header = self.with_column_header

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data_path": data_path,
                "data_type": data_type,
                "database_name": database_name,
                "table_name": table_name,
                "compress": compress,
            }
        )
        if queue_name is not UNSET:
            field_dict["queue_name"] = queue_name
        if export_mode is not UNSET:
            field_dict["export_mode"] = export_mode
        if with_column_header is not UNSET:
            field_dict["with_column_header"] = with_column_header

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        data_path = d.pop("data_path")

        data_type = ExportTableRequestDataType(d.pop("data_type"))

        database_name = d.pop("database_name")

        table_name = d.pop("table_name")

        compress = ExportTableRequestCompress(d.pop("compress"))

        queue_name = d.pop("queue_name", UNSET)

        _export_mode = d.pop("export_mode", UNSET)
        export_mode: ExportTableRequestExportMode | Unset
        if isinstance(_export_mode, Unset):
            export_mode = UNSET
        else:
            export_mode = ExportTableRequestExportMode(_export_mode)

        with_column_header = d.pop("with_column_header", UNSET)

        export_table_request = cls(
            data_path=data_path,
            data_type=data_type,
            database_name=database_name,
            table_name=table_name,
            compress=compress,
            queue_name=queue_name,
            export_mode=export_mode,
            with_column_header=with_column_header,
        )

        export_table_request.additional_properties = d
        return export_table_request

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
