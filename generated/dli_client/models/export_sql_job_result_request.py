from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.export_sql_job_result_request_compress import (
    ExportSqlJobResultRequestCompress,
)
from ..models.export_sql_job_result_request_data_type import (
    ExportSqlJobResultRequestDataType,
)
from ..models.export_sql_job_result_request_encoding_type import (
    ExportSqlJobResultRequestEncodingType,
)
from ..models.export_sql_job_result_request_export_mode import (
    ExportSqlJobResultRequestExportMode,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="ExportSqlJobResultRequest")


@_attrs_define
class ExportSqlJobResultRequest:
    """
    Example:
        {'data_path': 'obs://obs-bucket1/path', 'data_type': 'csv'}

    Attributes:
        data_path (str): An OBS location, `obs://bucket/path`. The SDK's text asks for an `s3a://` prefix while the
            reference's examples use `obs://`; both are accepted. The reference asks for no commas in an
            export folder; it documents no other grammar, so the service checks the rest.
        data_type (ExportSqlJobResultRequestDataType): File format. The SDK says `csv` only; the reference adds `json`
            and uses it in its example.
        compress (ExportSqlJobResultRequestCompress | Unset):  Default: ExportSqlJobResultRequestCompress.NONE.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits, not starting with `_`.
        export_mode (ExportSqlJobResultRequestExportMode | Unset): `ErrorIfExists`: the folder must not exist;
            `Overwrite`: its files are replaced. Default: ExportSqlJobResultRequestExportMode.ERRORIFEXISTS.
        with_column_header (bool | Unset): Write a header line (CSV). The reference's example sends `"true"` as a
            string; the type is boolean. Default: False.
        limit_num (int | Unset): Rows to export; 0 exports all. Default: 0.
        encoding_type (ExportSqlJobResultRequestEncodingType | Unset):  Default:
            ExportSqlJobResultRequestEncodingType.UTF_8.
        quote_char (str | Unset): CSV quote character; the service uses `"` when it is left out. (Not declared as a
            `default`: openapi-python-client 0.29 escapes quotes and backslashes twice in generated
            defaults.)
        escape_char (str | Unset): CSV escape character; the service uses a backslash when it is left out. (Not declared
            as
            a `default`: openapi-python-client 0.29 escapes quotes and backslashes twice in generated
            defaults.)
    """

    data_path: str
    data_type: ExportSqlJobResultRequestDataType
    compress: ExportSqlJobResultRequestCompress | Unset = (
        ExportSqlJobResultRequestCompress.NONE
    )
    queue_name: str | Unset = UNSET
    export_mode: ExportSqlJobResultRequestExportMode | Unset = (
        ExportSqlJobResultRequestExportMode.ERRORIFEXISTS
    )
    with_column_header: bool | Unset = False
    limit_num: int | Unset = 0
    encoding_type: ExportSqlJobResultRequestEncodingType | Unset = (
        ExportSqlJobResultRequestEncodingType.UTF_8
    )
    quote_char: str | Unset = UNSET
    escape_char: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data_path = self.data_path

        data_type = self.data_type.value

        compress: str | Unset = UNSET
        if not isinstance(self.compress, Unset):
            compress = self.compress.value

        queue_name = self.queue_name

        export_mode: str | Unset = UNSET
        if not isinstance(self.export_mode, Unset):
            export_mode = self.export_mode.value

        with_column_header = self.with_column_header

        limit_num = self.limit_num

        encoding_type: str | Unset = UNSET
        if not isinstance(self.encoding_type, Unset):
            encoding_type = self.encoding_type.value

        quote_char = self.quote_char

        escape_char = self.escape_char

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data_path": data_path,
                "data_type": data_type,
            }
        )
        if compress is not UNSET:
            field_dict["compress"] = compress
        if queue_name is not UNSET:
            field_dict["queue_name"] = queue_name
        if export_mode is not UNSET:
            field_dict["export_mode"] = export_mode
        if with_column_header is not UNSET:
            field_dict["with_column_header"] = with_column_header
        if limit_num is not UNSET:
            field_dict["limit_num"] = limit_num
        if encoding_type is not UNSET:
            field_dict["encoding_type"] = encoding_type
        if quote_char is not UNSET:
            field_dict["quote_char"] = quote_char
        if escape_char is not UNSET:
            field_dict["escape_char"] = escape_char

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        data_path = d.pop("data_path")

        data_type = ExportSqlJobResultRequestDataType(d.pop("data_type"))

        _compress = d.pop("compress", UNSET)
        compress: ExportSqlJobResultRequestCompress | Unset
        if isinstance(_compress, Unset):
            compress = UNSET
        else:
            compress = ExportSqlJobResultRequestCompress(_compress)

        queue_name = d.pop("queue_name", UNSET)

        _export_mode = d.pop("export_mode", UNSET)
        export_mode: ExportSqlJobResultRequestExportMode | Unset
        if isinstance(_export_mode, Unset):
            export_mode = UNSET
        else:
            export_mode = ExportSqlJobResultRequestExportMode(_export_mode)

        with_column_header = d.pop("with_column_header", UNSET)

        limit_num = d.pop("limit_num", UNSET)

        _encoding_type = d.pop("encoding_type", UNSET)
        encoding_type: ExportSqlJobResultRequestEncodingType | Unset
        if isinstance(_encoding_type, Unset):
            encoding_type = UNSET
        else:
            encoding_type = ExportSqlJobResultRequestEncodingType(_encoding_type)

        quote_char = d.pop("quote_char", UNSET)

        escape_char = d.pop("escape_char", UNSET)

        export_sql_job_result_request = cls(
            data_path=data_path,
            data_type=data_type,
            compress=compress,
            queue_name=queue_name,
            export_mode=export_mode,
            with_column_header=with_column_header,
            limit_num=limit_num,
            encoding_type=encoding_type,
            quote_char=quote_char,
            escape_char=escape_char,
        )

        export_sql_job_result_request.additional_properties = d
        return export_sql_job_result_request

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
