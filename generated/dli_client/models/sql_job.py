from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.engine_type import EngineType
from ..models.job_status import JobStatus
from ..models.job_type import JobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_tag import JobTag


T = TypeVar("T", bound="SqlJob")


@_attrs_define
class SqlJob:
    """A job as listed.

    Example:
        {'job_id': '37286cc7-0508-4ffd-b636-951c8a5c75de', 'job_type': 'QUERY', 'queue_name': 'queue1', 'owner':
            'tenant1', 'start_time': 1502349803729, 'duration': 17731, 'status': 'FINISHED', 'input_size': 0,
            'result_count': 3, 'detail': '{"type":"struct","fields":[]}', 'statement': 'select * from t_json_002'}

    Attributes:
        job_id (str):
        job_type (JobType): Kind of job: DDL (metadata), DCL (grants), IMPORT, EXPORT, QUERY, INSERT, DATA_MIGRATION,
            UPDATE, DELETE, RESTART_QUEUE, SCALE_QUEUE. An open enum: see the API description.
        queue_name (str):
        owner (str):
        start_time (int): Epoch milliseconds.
        status (JobStatus): State of a job. LAUNCHING (being submitted), RUNNING, SCALING (the queue is changing size
            for it), then one of the terminal states FINISHED, FAILED, CANCELLED. The SDK's docstrings
            spell `FINISH` and leave out SCALING; the service sends the values listed here. An open
            enum: see the API description.
        input_size (int):
        result_count (int): Rows returned or inserted (int64 in the Go SDK; Integer in the reference).
        detail (str): JSON text of the result's Spark `StructType`.
        statement (str):
        duration (int | Unset): Milliseconds. Mandatory in the reference, optional in the SDK; may be absent.
        input_row_count (int | Unset):
        bad_row_count (int | Unset):
        database_name (str | Unset):
        table_name (str | Unset):
        with_column_header (bool | Unset):
        engine_type (EngineType | Unset): Engine that runs the SQL. Some regions only offer `spark`.
        message (str | Unset): The job's own message, e.g. why it failed.
        end_time (int | Unset): When the job ended, epoch milliseconds.
        tags (list[JobTag] | Unset):
        result_format (str | Unset):
        result_path (str | Unset):
        execution_details_path (str | Unset):
        cpu_cost (str | Unset): Accumulated CPU use, digits sent as a string (SDK only).
        output_byte (str | Unset): Bytes written, digits sent as a string (SDK only).
    """

    job_id: str
    job_type: JobType
    queue_name: str
    owner: str
    start_time: int
    status: JobStatus
    input_size: int
    result_count: int
    detail: str
    statement: str
    duration: int | Unset = UNSET
    input_row_count: int | Unset = UNSET
    bad_row_count: int | Unset = UNSET
    database_name: str | Unset = UNSET
    table_name: str | Unset = UNSET
    with_column_header: bool | Unset = UNSET
    engine_type: EngineType | Unset = UNSET
    message: str | Unset = UNSET
    end_time: int | Unset = UNSET
    tags: list[JobTag] | Unset = UNSET
    result_format: str | Unset = UNSET
    result_path: str | Unset = UNSET
    execution_details_path: str | Unset = UNSET
    cpu_cost: str | Unset = UNSET
    output_byte: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        job_type = self.job_type.value

        queue_name = self.queue_name

        owner = self.owner

        start_time = self.start_time

        status = self.status.value

        input_size = self.input_size

        result_count = self.result_count

        detail = self.detail

        statement = self.statement

        duration = self.duration

        input_row_count = self.input_row_count

        bad_row_count = self.bad_row_count

        database_name = self.database_name

        table_name = self.table_name

        with_column_header = self.with_column_header

        engine_type: str | Unset = UNSET
        if not isinstance(self.engine_type, Unset):
            engine_type = self.engine_type.value

        message = self.message

        end_time = self.end_time

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        result_format = self.result_format

        result_path = self.result_path

        execution_details_path = self.execution_details_path

        cpu_cost = self.cpu_cost

        output_byte = self.output_byte

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "job_type": job_type,
                "queue_name": queue_name,
                "owner": owner,
                "start_time": start_time,
                "status": status,
                "input_size": input_size,
                "result_count": result_count,
                "detail": detail,
                "statement": statement,
            }
        )
        if duration is not UNSET:
            field_dict["duration"] = duration
        if input_row_count is not UNSET:
            field_dict["input_row_count"] = input_row_count
        if bad_row_count is not UNSET:
            field_dict["bad_row_count"] = bad_row_count
        if database_name is not UNSET:
            field_dict["database_name"] = database_name
        if table_name is not UNSET:
            field_dict["table_name"] = table_name
        if with_column_header is not UNSET:
            field_dict["with_column_header"] = with_column_header
        if engine_type is not UNSET:
            field_dict["engine_type"] = engine_type
        if message is not UNSET:
            field_dict["message"] = message
        if end_time is not UNSET:
            field_dict["end_time"] = end_time
        if tags is not UNSET:
            field_dict["tags"] = tags
        if result_format is not UNSET:
            field_dict["result_format"] = result_format
        if result_path is not UNSET:
            field_dict["result_path"] = result_path
        if execution_details_path is not UNSET:
            field_dict["execution_details_path"] = execution_details_path
        if cpu_cost is not UNSET:
            field_dict["cpu_cost"] = cpu_cost
        if output_byte is not UNSET:
            field_dict["output_byte"] = output_byte

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_tag import JobTag

        d = dict(src_dict)
        job_id = d.pop("job_id")

        job_type = JobType(d.pop("job_type"))

        queue_name = d.pop("queue_name")

        owner = d.pop("owner")

        start_time = d.pop("start_time")

        status = JobStatus(d.pop("status"))

        input_size = d.pop("input_size")

        result_count = d.pop("result_count")

        detail = d.pop("detail")

        statement = d.pop("statement")

        duration = d.pop("duration", UNSET)

        input_row_count = d.pop("input_row_count", UNSET)

        bad_row_count = d.pop("bad_row_count", UNSET)

        database_name = d.pop("database_name", UNSET)

        table_name = d.pop("table_name", UNSET)

        with_column_header = d.pop("with_column_header", UNSET)

        _engine_type = d.pop("engine_type", UNSET)
        engine_type: EngineType | Unset
        if isinstance(_engine_type, Unset):
            engine_type = UNSET
        else:
            engine_type = EngineType(_engine_type)

        message = d.pop("message", UNSET)

        end_time = d.pop("end_time", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: list[JobTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = JobTag.from_dict(tags_item_data)

                tags.append(tags_item)

        result_format = d.pop("result_format", UNSET)

        result_path = d.pop("result_path", UNSET)

        execution_details_path = d.pop("execution_details_path", UNSET)

        cpu_cost = d.pop("cpu_cost", UNSET)

        output_byte = d.pop("output_byte", UNSET)

        sql_job = cls(
            job_id=job_id,
            job_type=job_type,
            queue_name=queue_name,
            owner=owner,
            start_time=start_time,
            status=status,
            input_size=input_size,
            result_count=result_count,
            detail=detail,
            statement=statement,
            duration=duration,
            input_row_count=input_row_count,
            bad_row_count=bad_row_count,
            database_name=database_name,
            table_name=table_name,
            with_column_header=with_column_header,
            engine_type=engine_type,
            message=message,
            end_time=end_time,
            tags=tags,
            result_format=result_format,
            result_path=result_path,
            execution_details_path=execution_details_path,
            cpu_cost=cpu_cost,
            output_byte=output_byte,
        )

        sql_job.additional_properties = d
        return sql_job

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
