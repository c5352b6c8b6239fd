from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sub_job import SubJob


T = TypeVar("T", bound="ShowSqlJobProgressResponse")


@_attrs_define
class ShowSqlJobProgressResponse:
    """
    Example:
        {'is_success': True, 'message': '', 'job_id': '85798b38-ae44-48eb-bb90-7cf0dcdafe7b', 'status': 'FINISHED',
            'progress': 1}

    Attributes:
        is_success (bool): Whether the call did what was asked; false can come with HTTP 200.
        message (str): Empty on success, or the reason when `is_success` is false.
        status (JobStatus): State of a job. LAUNCHING (being submitted), RUNNING, SCALING (the queue is changing size
            for it), then one of the terminal states FINISHED, FAILED, CANCELLED. The SDK's docstrings
            spell `FINISH` and leave out SCALING; the service sends the values listed here. An open
            enum: see the API description.
        job_id (str | Unset):
        sub_job_id (int | Unset): The running sub-job; absent when none runs.
        progress (float | Unset): 0 while launching, 1 when done, else the running sub-job's completed share of tasks.
        sub_jobs (list[SubJob] | Unset):
    """

    is_success: bool
    message: str
    status: JobStatus
    job_id: str | Unset = UNSET
    sub_job_id: int | Unset = UNSET
    progress: float | Unset = UNSET
    sub_jobs: list[SubJob] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        status = self.status.value

        job_id = self.job_id

        sub_job_id = self.sub_job_id

        progress = self.progress

        sub_jobs: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.sub_jobs, Unset):
            sub_jobs = []
            for sub_jobs_item_data in self.sub_jobs:
                sub_jobs_item = sub_jobs_item_data.to_dict()
                sub_jobs.append(sub_jobs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "is_success": is_success,
                "message": message,
                "status": status,
            }
        )
        if job_id is not UNSET:
            field_dict["job_id"] = job_id
        if sub_job_id is not UNSET:
            field_dict["sub_job_id"] = sub_job_id
        if progress is not UNSET:
            field_dict["progress"] = progress
        if sub_jobs is not UNSET:
            field_dict["sub_jobs"] = sub_jobs

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sub_job import SubJob

        d = dict(src_dict)
        is_success = d.pop("is_success")

        message = d.pop("message")

        status = JobStatus(d.pop("status"))

        job_id = d.pop("job_id", UNSET)

        sub_job_id = d.pop("sub_job_id", UNSET)

        progress = d.pop("progress", UNSET)

        _sub_jobs = d.pop("sub_jobs", UNSET)
        sub_jobs: list[SubJob] | Unset = UNSET
        if _sub_jobs is not UNSET:
            sub_jobs = []
            for sub_jobs_item_data in _sub_jobs:
                sub_jobs_item = SubJob.from_dict(sub_jobs_item_data)

                sub_jobs.append(sub_jobs_item)

        show_sql_job_progress_response = cls(
            is_success=is_success,
            message=message,
            status=status,
            job_id=job_id,
            sub_job_id=sub_job_id,
            progress=progress,
            sub_jobs=sub_jobs,
        )

        show_sql_job_progress_response.additional_properties = d
        return show_sql_job_progress_response

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
