from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_mode import JobMode
from ..models.job_status import JobStatus
from ..models.job_type import JobType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_tag import JobTag


T = TypeVar("T", bound="ShowSqlJobStatusResponse")


@_attrs_define
class ShowSqlJobStatusResponse:
    """
    Example:
        {'is_success': True, 'message': '', 'job_id': '208b08d4-0dc2-4dd7-8879-ddd4c020d7aa', 'job_type': 'QUERY',
            'job_mode': 'async', 'queue_name': 'default', 'owner': 'test', 'start_time': 1509335108918, 'duration': 2523,
            'status': 'FINISHED', 'input_size': 22, 'result_count': 4, 'database_name': 'dbtest', 'table_name': 'tbtest',
            'detail': '{"type":"struct","fields":[{"name":"id","type":"integer","nullable":true,"metadata":{}},{"name":"name
            ","type":"string","nullable":true,"metadata":{}}]}', 'statement': 'select * from t1'}

    Attributes:
        is_success (bool): Whether the call did what was asked; false can come with HTTP 200.
        message (str): Empty on success, or the reason when `is_success` is false.
        job_id (str):
        job_type (JobType): Kind of job: DDL (metadata), DCL (grants), IMPORT, EXPORT, QUERY, INSERT, DATA_MIGRATION,
            UPDATE, DELETE, RESTART_QUEUE, SCALE_QUEUE. An open enum: see the API description.
        queue_name (str): Queue the job ran on.
        owner (str): User who submitted the job.
        start_time (int): When the job started, epoch milliseconds.
        status (JobStatus): State of a job. LAUNCHING (being submitted), RUNNING, SCALING (the queue is changing size
            for it), then one of the terminal states FINISHED, FAILED, CANCELLED. The SDK's docstrings
            spell `FINISH` and leave out SCALING; the service sends the values listed here. An open
            enum: see the API description.
        statement (str): The job's SQL.
        job_mode (JobMode | Unset): `async`: the call returned before the job ran (poll its status); `sync`: the job had
            finished
            when the call returned. (The SDK's status docstring swaps the two labels; the wire values are
            these.)
        duration (int | Unset): Running time so far, or in all once terminal, in milliseconds.
        input_row_count (int | Unset): Records an INSERT job read.
        bad_row_count (int | Unset): Bad records an INSERT job read.
        input_size (int | Unset): Bytes the job scanned.
        result_count (int | Unset): Rows returned, or rows inserted by an INSERT job. int64: the Go SDK declares the
            same count in a listed job (`SqlJob.result_count`) as int64.
        database_name (str | Unset): Database of the job's table (IMPORT, EXPORT and QUERY jobs).
        table_name (str | Unset): Table of the job (IMPORT, EXPORT and QUERY jobs).
        detail (str | Unset): The result's schema as the JSON text of a Spark `StructType`, a string inside the
            JSON body, e.g. `{"type":"struct","fields":[{"name":"id","type":"integer","nullable":true,"metadata":{}}]}`.
        tags (list[JobTag] | Unset):
        user_conf (str | Unset): JSON text of the settings the user gave in `conf`.
        result_format (str | Unset): Format of the stored result (`csv`; the reference writes `CSV`).
        result_path (str | Unset): OBS folder holding the full result.
        execution_details_path (str | Unset): OBS folder holding the execution plan.
    """

    is_success: bool
    message: str
    job_id: str
    job_type: JobType
    queue_name: str
    owner: str
    start_time: int
    status: JobStatus
    statement: str
    job_mode: JobMode | Unset = UNSET
    duration: int | Unset = UNSET
    input_row_count: int | Unset = UNSET
    bad_row_count: int | Unset = UNSET
    input_size: int | Unset = UNSET
    result_count: int | Unset = UNSET
    database_name: str | Unset = UNSET
    table_name: str | Unset = UNSET
    detail: str | Unset = UNSET
    tags: list[JobTag] | Unset = UNSET
    user_conf: str | Unset = UNSET
    result_format: str | Unset = UNSET
    result_path: str | Unset = UNSET
    execution_details_path: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        job_id = self.job_id

        job_type = self.job_type.value

        queue_name = self.queue_name

        owner = self.owner

        start_time = self.start_time

        status = self.status.value

        statement = self.statement

        job_mode: str | Unset = UNSET
        if not isinstance(self.job_mode, Unset):
            job_mode = self.job_mode.value

        duration = self.duration

        input_row_count = self.input_row_count

        bad_row_count = self.bad_row_count

        input_size = self.input_size

        result_count = self.result_count

        database_name = self.database_name

        table_name = self.table_name

        detail = self.detail

        tags: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tags, Unset):
            tags = []
            for tags_item_data in self.tags:
                tags_item = tags_item_data.to_dict()
                tags.append(tags_item)

        user_conf = self.user_conf

        result_format = self.result_format

        result_path = self.result_path

        execution_details_path = self.execution_details_path

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "is_success": is_success,
                "message": message,
                "job_id": job_id,
                "job_type": job_type,
                "queue_name": queue_name,
                "owner": owner,
                "start_time": start_time,
                "status": status,
                "statement": statement,
            }
        )
        if job_mode is not UNSET:
            field_dict["job_mode"] = job_mode
        if duration is not UNSET:
            field_dict["duration"] = duration
        if input_row_count is not UNSET:
            field_dict["input_row_count"] = input_row_count
        if bad_row_count is not UNSET:
            field_dict["bad_row_count"] = bad_row_count
        if input_size is not UNSET:
            field_dict["input_size"] = input_size
        if result_count is not UNSET:
            field_dict["result_count"] = result_count
        if database_name is not UNSET:
            field_dict["database_name"] = database_name
        if table_name is not UNSET:
            field_dict["table_name"] = table_name
        if detail is not UNSET:
            field_dict["detail"] = detail
        if tags is not UNSET:
            field_dict["tags"] = tags
        if user_conf is not UNSET:
            field_dict["user_conf"] = user_conf
        if result_format is not UNSET:
            field_dict["result_format"] = result_format
        if result_path is not UNSET:
            field_dict["result_path"] = result_path
        if execution_details_path is not UNSET:
            field_dict["execution_details_path"] = execution_details_path

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.job_tag import JobTag

        d = dict(src_dict)
        is_success = d.pop("is_success")

        message = d.pop("message")

        job_id = d.pop("job_id")

        job_type = JobType(d.pop("job_type"))

        queue_name = d.pop("queue_name")

        owner = d.pop("owner")

        start_time = d.pop("start_time")

        status = JobStatus(d.pop("status"))

        statement = d.pop("statement")

        _job_mode = d.pop("job_mode", UNSET)
        job_mode: JobMode | Unset
        if isinstance(_job_mode, Unset):
            job_mode = UNSET
        else:
            job_mode = JobMode(_job_mode)

        duration = d.pop("duration", UNSET)

        input_row_count = d.pop("input_row_count", UNSET)

        bad_row_count = d.pop("bad_row_count", UNSET)

        input_size = d.pop("input_size", UNSET)

        result_count = d.pop("result_count", UNSET)

        database_name = d.pop("database_name", UNSET)

        table_name = d.pop("table_name", UNSET)

        detail = d.pop("detail", UNSET)

        _tags = d.pop("tags", UNSET)
        tags: list[JobTag] | Unset = UNSET
        if _tags is not UNSET:
            tags = []
            for tags_item_data in _tags:
                tags_item = JobTag.from_dict(tags_item_data)

                tags.append(tags_item)

        user_conf = d.pop("user_conf", UNSET)

        result_format = d.pop("result_format", UNSET)

        result_path = d.pop("result_path", UNSET)

        execution_details_path = d.pop("execution_details_path", UNSET)

        show_sql_job_status_response = cls(
            is_success=is_success,
            message=message,
            job_id=job_id,
            job_type=job_type,
            queue_name=queue_name,
            owner=owner,
            start_time=start_time,
            status=status,
            statement=statement,
            job_mode=job_mode,
            duration=duration,
            input_row_count=input_row_count,
            bad_row_count=bad_row_count,
            input_size=input_size,
            result_count=result_count,
            database_name=database_name,
            table_name=table_name,
            detail=detail,
            tags=tags,
            user_conf=user_conf,
            result_format=result_format,
            result_path=result_path,
            execution_details_path=execution_details_path,
        )

        show_sql_job_status_response.additional_properties = d
        return show_sql_job_status_response

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
