from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.import_table_request_data_type import ImportTableRequestDataType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.import_table_request_partition_spec_type_0 import (
        ImportTableRequestPartitionSpecType0,
    )


T = TypeVar("T", bound="ImportTableRequest")


@_attrs_define
class ImportTableRequest:
    """
    Example:
        {'data_path': 'obs://home/data1/DLI/t1.csv', 'data_type': 'csv', 'database_name': 'tpchtest2', 'table_name':
            't2'}

    Attributes:
        data_path (str): An OBS location, `obs://bucket/path`. The SDK's text asks for an `s3a://` prefix while the
            reference's examples use `obs://`; both are accepted. The reference asks for no commas in an
            export folder; it documents no other grammar, so the service checks the rest.
        data_type (ImportTableRequestDataType): File format (Avro written by Hive is not supported).
        database_name (str): Database name: letters, digits and underscores, not only digits, not starting with `_`, at
            most 128 characters (the reference's rules for creating a database, dli_02_0028).
        table_name (str): Table name: letters, digits, underscores and `$`, not only digits, not starting with `_`, at
            most 128 characters (the reference's rules for creating a table, dli_02_0034).
        with_column_header (bool | Unset): The first line is a header (CSV). Default: False.
        delimiter (str | Unset): Column separator (CSV). Default: ','.
        quote_char (str | Unset): CSV quote character; the service uses `"` when it is left out. (Not declared as a
            `default`: openapi-python-client 0.29 escapes quotes and backslashes twice in generated
            defaults.)
        escape_char (str | Unset): CSV escape character; the service uses a backslash when it is left out. (Not declared
            as
            a `default`: openapi-python-client 0.29 escapes quotes and backslashes twice in generated
            defaults.)
        date_format (str | Unset): Java date pattern for date columns (CSV, JSON). Default: 'yyyy-MM-dd'.
        bad_records_path (str | Unset): Where rows that cannot be read are written instead of imported.
        timestamp_format (str | Unset): Java date pattern for timestamp columns (CSV, JSON). Default: 'yyyy-MM-dd
            HH:mm:ss'.
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits, not starting with `_`.
        overwrite (bool | Unset): Replace the table's rows instead of appending. Default: False.
        partition_spec (ImportTableRequestPartitionSpecType0 | str | Unset): Target partition as column/value pairs. The
            reference sends an object; the SDK declares
            a string (e.g. `column1=2020-01-01`): both are accepted.
        conf (list[str] | Unset): Settings as `key=value`, e.g. `dli.sql.dynamicPartitionOverwrite.enabled=true`.
    """

    data_path: str
    data_type: ImportTableRequestDataType
    database_name: str
    table_name: str
    with_column_header: bool | Unset = False
    delimiter: str | Unset = ","
    quote_char: str | Unset = UNSET
    escape_char: str | Unset = UNSET
    date_format: str | Unset = "yyyy-MM-dd"
    bad_records_path: str | Unset = UNSET
    timestamp_format: str | Unset = "yyyy-MM-dd HH:mm:ss"
    queue_name: str | Unset = UNSET
    overwrite: bool | Unset = False
    partition_spec: ImportTableRequestPartitionSpecType0 | str | Unset = UNSET
    conf: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.import_table_request_partition_spec_type_0 import (
            ImportTableRequestPartitionSpecType0,
        )

        data_path = self.data_path

        data_type = self.data_type.value

        database_name = self.database_name

        table_name = self.table_name

        with_column_header = self.with_column_header

        delimiter = self.delimiter

        quote_char = self.quote_char

        escape_char = self.escape_char

        date_format = self.date_format

        bad_records_path = self.bad_records_path

        timestamp_format = self.timestamp_format

        queue_name = self.queue_name

        overwrite = self.overwrite

        partition_spec: dict[str, Any] | str | Unset
        if isinstance(self.partition_spec, Unset):
            partition_spec = UNSET
        elif isinstance(self.partition_spec, ImportTableRequestPartitionSpecType0):
            partition_spec = self.partition_spec.to_dict()
        else:
            partition_spec = self.partition_spec

        conf: list[str] | Unset = UNSET
        if not isinstance(self.conf, Unset):
            conf = self.conf

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "data_path": data_path,
                "data_type": data_type,
                "database_name": database_name,
                "table_name": table_name,
            }
        )
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
        if bad_records_path is not UNSET:
            field_dict["bad_records_path"] = bad_records_path
        if timestamp_format is not UNSET:
            field_dict["timestamp_format"] = timestamp_format
        if queue_name is not UNSET:
            field_dict["queue_name"] = queue_name
        if overwrite is not UNSET:
            field_dict["overwrite"] = overwrite
        if partition_spec is not UNSET:
            field_dict["partition_spec"] = partition_spec
        if conf is not UNSET:
            field_dict["conf"] = conf

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.import_table_request_partition_spec_type_0 import (
            ImportTableRequestPartitionSpecType0,
        )

        d = dict(src_dict)
        data_path = d.pop("data_path")

        data_type = ImportTableRequestDataType(d.pop("data_type"))

        database_name = d.pop("database_name")

        table_name = d.pop("table_name")

        with_column_header = d.pop("with_column_header", UNSET)

        delimiter = d.pop("delimiter", UNSET)

        quote_char = d.pop("quote_char", UNSET)

        escape_char = d.pop("escape_char", UNSET)

        date_format = d.pop("date_format", UNSET)

        bad_records_path = d.pop("bad_records_path", UNSET)

        timestamp_format = d.pop("timestamp_format", UNSET)

        queue_name = d.pop("queue_name", UNSET)

        overwrite = d.pop("overwrite", UNSET)

        def _parse_partition_spec(
            data: object,
        ) -> ImportTableRequestPartitionSpecType0 | str | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                partition_spec_type_0 = ImportTableRequestPartitionSpecType0.from_dict(
                    data
                )

                return partition_spec_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ImportTableRequestPartitionSpecType0 | str | Unset, data)

        partition_spec = _parse_partition_spec(d.pop("partition_spec", UNSET))

        conf = cast(list[str], d.pop("conf", UNSET))

        import_table_request = cls(
            data_path=data_path,
            data_type=data_type,
            database_name=database_name,
            table_name=table_name,
            with_column_header=with_column_header,
            delimiter=delimiter,
            quote_char=quote_char,
            escape_char=escape_char,
            date_format=date_format,
            bad_records_path=bad_records_path,
            timestamp_format=timestamp_format,
            queue_name=queue_name,
            overwrite=overwrite,
            partition_spec=partition_spec,
            conf=conf,
        )

        import_table_request.additional_properties = d
        return import_table_request

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
