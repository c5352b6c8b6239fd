from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.engine_type import EngineType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.tag import Tag


T = TypeVar("T", bound="CreateSqlJobRequest")


@_attrs_define
class CreateSqlJobRequest:
    """
    Example:
        {'sql': 'select 1', 'queue_name': 'default'}

    Attributes:
        sql (str): One Spark SQL statement.
        currentdb (str | Unset): Database the statement runs in; leave it out when creating a database.
        current_catalog (str | Unset): Catalog of the tables; the DLI catalog when left out. (SDK and Huawei Cloud pages
            only.)
        queue_name (str | Unset): Queue name; letters, digits and underscores, not only digits, not starting with `_`.
        conf (list[str] | Unset): Spark and DLI settings as `key=value` (spaces around `=` are allowed), e.g.
            `spark.sql.shuffle.partitions=200`, `dli.sql.sqlasync.enabled=false` (DDL results
            inline), `dli.sql.job.timeout=60` (cancel the job after this many seconds).
        tags (list[Tag] | Unset):
        engine_type (EngineType | Unset): Engine that runs the SQL. Some regions only offer `spark`.
    """

    sql: str
    currentdb: str | Unset = UNSET
    current_catalog: str | Unset = UNSET
    queue_name: str | Unset = UNSET
    conf: list[str] | Unset = UNSET
    tags: list[Tag] | Unset = UNSET
    engine_type: EngineType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        sql = self.sql

        currentdb = self.currentdb

        current_catalog = self.current_catalog

        queue_name = self.queue_name

        conf: list[str] | Unset = UNSET
        if not isinstance(self.conf, Unset):
            conf = self.conf

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        engine_type: str | Unset = UNSET
        if not isinstance(self.engine_type, Unset):
            engine_type = self.engine_type.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "sql": sql,
            }
        )
        if currentdb is not UNSET:
            field_dict["currentdb"] = currentdb
        if current_catalog is not UNSET:
            field_dict["current_catalog"] = current_catalog
        if queue_name is not UNSET:
            field_dict["queue_name"] = queue_name
        if conf is not UNSET:
            field_dict["conf"] = conf
        if tags is not UNSET:
            field_dict["tags"] = tags
        if engine_type is not UNSET:
            field_dict["engine_type"] = engine_type

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.tag import Tag

        d = dict(src_dict)
        sql = d.pop("sql")

        currentdb = d.pop("currentdb", UNSET)

        current_catalog = d.pop("current_catalog", UNSET)

        queue_name = d.pop("queue_name", UNSET)

        conf = cast(list[str], d.pop("conf", UNSET))

        _tags = d.pop("tags", UNSET)
        tags: list[Tag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = Tag.from_dict(tags_item_data)

                tags.append(tags_item)

        _engine_type = d.pop("engine_type", UNSET)
        engine_type: EngineType | Unset
        if isinstance(_engine_type, Unset):
            engine_type = UNSET
        else:
            engine_type = EngineType(_engine_type)

        create_sql_job_request = cls(
            sql=sql,
            currentdb=currentdb,
            current_catalog=current_catalog,
            queue_name=queue_name,
            conf=conf,
            tags=tags,
            engine_type=engine_type,
        )

        create_sql_job_request.additional_properties = d
        return create_sql_job_request

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
