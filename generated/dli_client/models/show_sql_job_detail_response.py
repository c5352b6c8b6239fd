from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_tag import JobTag


T = TypeVar("T", bound="ShowSqlJobDetailResponse")


@_attrs_define
class ShowSqlJobDetailResponse:
    """
    Example:
        {'is_success': True, 'message': '', 'job_id': '7a8a4bd6-6bb4-4cd4-bb12-0c0d3f3bf5c8', 'owner': 'test',
            'start_time': 1521169315271, 'duration': 5452, 'data_path': 'obs://xxx/dli/path6', 'data_type': 'json',
            'database_name': 'submitjob', 'table_name': 'autotest', 'compress': 'none', 'export_mode': 'Overwrite'}

    Attributes:
        is_success (bool): Whether the call did what was asked; false can come with HTTP 200.
        message (str): Empty on success, or the reason when `is_success` is false.
        job_id (str):
        owner (str):
        start_time (int): Epoch milliseconds.
        duration (int): Milliseconds.
        export_mode (str | Unset): `ErrorIfExists` or `Overwrite` (EXPORT jobs).
        data_path (str | Unset): Where the job read or wrote its files.
        data_type (str | Unset): File format (`csv`, `json`, ...; the reference writes them in capitals).
        database_name (str | Unset):
        table_name (str | Unset):
        with_column_header (bool | Unset): The files have a header line (IMPORT jobs).
        delimiter (str | Unset):
        quote_char (str | Unset):
        escape_char (str | Unset):
        date_format (str | Unset):
        timestamp_format (str | Unset):
        compress (str | Unset): Compression of exported files (EXPORT jobs), e.g. `none`.
        tags (list[JobTag] | Unset):
    """

    is_success: bool
    message: str
    job_id: str
    owner: str
    start_time: int
    duration: int
    export_mode: str | Unset = UNSET
    data_path: str | Unset = UNSET
    data_type: str | Unset = UNSET
    database_name: str | Unset = UNSET
    table_name: str | Unset = UNSET
    with_column_header: bool | Unset = UNSET
    delimiter: str | Unset = UNSET
    quote_char: str | Unset = UNSET
    escape_char: str | Unset = UNSET
    date_format: str | Unset = UNSET
    timestamp_format: str | Unset = UNSET
    compress: str | Unset = UNSET
    tags: list[JobTag] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        job_id = self.job_id

        owner = self.owner

        start_time = self.start_time

        duration = self.duration

        export_mode = self.export_mode

        data_path = self.data_path

        data_type = self.data_type

        database_name = self.database_name

        table_name = self.table_name

        with_column_header = self.with_column_header

        delimiter = self.delimiter

        quote_char = self.quote_char

        escape_char = self.escape_char

        date_format = self.date_format

        timestamp_format = self.timestamp_format

        compress = self.compress

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "is_success": is_success,
                "message": message,
                "job_id": job_id,
                "owner": owner,
                "start_time": start_time,
                "duration": duration,
            }
        )
        if export_mode is not UNSET:
            field_dict["export_mode"] = export_mode
        if data_path is not UNSET:
            field_dict["data_path"] = data_path
        if data_type is not UNSET:
            field_dict["data_type"] = data_type
        if database_name is not UNSET:
            field_dict["database_name"] = database_name
        if table_name is not UNSET:
            field_dict["table_name"] = table_name
        if with_column_header is not UNSET:
            field_dict["with_column_header"] = with_column_header
        if delimiter is not UNSET:
            field_dict["delimiter"] = delimiter
        if quote_char is not UNSET:
            field_dict["quote_char"] = quote_char
        if escape_char is not UNSET:
            field_dict["escape_char"] = escape_char
        if date_format is not UNSET:
            field_dict["date_format"] = date_format
        if timestamp_format is not UNSET:
            field_dict["timestamp_format"] = timestamp_format
        if compress is not UNSET:
            field_dict["compress"] = compress
        if tags is not UNSET:
            field_dict["tags"] = tags

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_tag import JobTag

        d = dict(src_dict)
        is_success = d.pop("is_success")

        message = d.pop("message")

        job_id = d.pop("job_id")

        owner = d.pop("owner")

        start_time = d.pop("start_time")

        duration = d.pop("duration")

        export_mode = d.pop("export_mode", UNSET)

        data_path = d.pop("data_path", UNSET)

        data_type = d.pop("data_type", UNSET)

        database_name = d.pop("database_name", UNSET)

        table_name = d.pop("table_name", UNSET)

        with_column_header = d.pop("with_column_header", UNSET)

        delimiter = d.pop("delimiter", UNSET)

        quote_char = d.pop("quote_char", UNSET)

        escape_char = d.pop("escape_char", UNSET)

        date_format = d.pop("date_format", UNSET)

        timestamp_format = d.pop("timestamp_format", UNSET)

        compress = d.pop("compress", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: list[JobTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = JobTag.from_dict(tags_item_data)

                tags.append(tags_item)

        show_sql_job_detail_response = cls(
            is_success=is_success,
            message=message,
            job_id=job_id,
            owner=owner,
            start_time=start_time,
            duration=duration,
            export_mode=export_mode,
            data_path=data_path,
            data_type=data_type,
            database_name=database_name,
            table_name=table_name,
            with_column_header=with_column_header,
            delimiter=delimiter,
            quote_char=quote_char,
            escape_char=escape_char,
            date_format=date_format,
            timestamp_format=timestamp_format,
            compress=compress,
            tags=tags,
        )

        show_sql_job_detail_response.additional_properties = d
        return show_sql_job_detail_response

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
