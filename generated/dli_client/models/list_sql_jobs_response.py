from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.sql_job import SqlJob


T = TypeVar("T", bound="ListSqlJobsResponse")


@_attrs_define
class ListSqlJobsResponse:
    """
    Example:
        {'is_success': True, 'message': '', 'job_count': 0, 'jobs': []}

    Attributes:
        is_success (bool): Whether the call did what was asked; false can come with HTTP 200.
        message (str): Empty on success, or the reason when `is_success` is false.
        job_count (int): Jobs matching the filters, over all pages.
        jobs (list[SqlJob]):
    """

    is_success: bool
    message: str
    job_count: int
    jobs: list[SqlJob]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_success = self.is_success

        message = self.message

        job_count = self.job_count

        jobs = []
        for jobs_item_data in self.jobs:
            jobs_item = jobs_item_data.to_dict()
            jobs.append(jobs_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "is_success": is_success,
                "message": message,
                "job_count": job_count,
                "jobs": jobs,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sql_job import SqlJob

        d = dict(src_dict)
        is_success = d.pop("is_success")

        message = d.pop("message")

        job_count = d.pop("job_count")

        jobs = []
        _jobs = d.pop("jobs")
        for jobs_item_data in _jobs:
            jobs_item = SqlJob.from_dict(jobs_item_data)

            jobs.append(jobs_item)

        list_sql_jobs_response = cls(
            is_success=is_success,
            message=message,
            job_count=job_count,
            jobs=jobs,
        )

        list_sql_jobs_response.additional_properties = d
        return list_sql_jobs_response

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
