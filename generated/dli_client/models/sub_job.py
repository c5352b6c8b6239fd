from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.sub_job_killed_tasks_summary import SubJobKilledTasksSummary


T = TypeVar("T", bound="SubJob")


@_attrs_define
class SubJob:
    """A Spark job inside the DLI job, as Spark's `JobData` reports it.

    Example:
        {'id': 0, 'name': 'runJob at FileFormatWriter.scala:266', 'status': 'RUNNING', 'num_tasks': 1,
            'num_active_tasks': 1}

    Attributes:
        id (int | Unset):
        name (str | Unset):
        description (str | Unset):
        submission_time (str | Unset): Java `Date.toString()` text, e.g. `Mon Jul 27 17:24:03 CST 2020`.
        completion_time (str | Unset):
        stage_ids (list[int] | Unset):
        job_group (str | Unset): The DLI job ID.
        status (str | Unset): Spark's job status (RUNNING, SUCCEEDED, FAILED, UNKNOWN).
        num_tasks (int | Unset):
        num_active_tasks (int | Unset):
        num_completed_tasks (int | Unset):
        num_skipped_tasks (int | Unset):
        num_failed_tasks (int | Unset):
        num_killed_tasks (int | Unset):
        num_completed_indices (int | Unset):
        num_active_stages (int | Unset):
        num_completed_stages (int | Unset):
        num_skipped_stages (int | Unset):
        num_failed_stages (int | Unset):
        killed_tasks_summary (SubJobKilledTasksSummary | Unset):
    """

    id: int | Unset = UNSET
    name: str | Unset = UNSET
    description: str | Unset = UNSET
    submission_time: str | Unset = UNSET
    completion_time: str | Unset = UNSET
    stage_ids: list[int] | Unset = UNSET
    job_group: str | Unset = UNSET
    status: str | Unset = UNSET
    num_tasks: int | Unset = UNSET
    num_active_tasks: int | Unset = UNSET
    num_completed_tasks: int | Unset = UNSET
    num_skipped_tasks: int | Unset = UNSET
    num_failed_tasks: int | Unset = UNSET
    num_killed_tasks: int | Unset = UNSET
    num_completed_indices: int | Unset = UNSET
    num_active_stages: int | Unset = UNSET
    num_completed_stages: int | Unset = UNSET
    num_skipped_stages: int | Unset = UNSET
    num_failed_stages: int | Unset = UNSET
    killed_tasks_summary: SubJobKilledTasksSummary | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        description = self.description

        submission_time = self.submission_time

        completion_time = self.completion_time

        stage_ids: list[int] | Unset = UNSET
        if not isinstance(self.stage_ids, Unset):
            stage_ids = self.stage_ids

        job_group = self.job_group

        status = self.status

        num_tasks = self.num_tasks

        num_active_tasks = self.num_active_tasks

        num_completed_tasks = self.num_completed_tasks

        num_skipped_tasks = self.num_skipped_tasks

        num_failed_tasks = self.num_failed_tasks

        num_killed_tasks = self.num_killed_tasks

        num_completed_indices = self.num_completed_indices

        num_active_stages = self.num_active_stages

        num_completed_stages = self.num_completed_stages

        num_skipped_stages = self.num_skipped_stages

        num_failed_stages = self.num_failed_stages

        killed_tasks_summary: dict[str, Any] | Unset = UNSET
        if not isinstance(self.killed_tasks_summary, Unset):
            killed_tasks_summary = self.killed_tasks_summary.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if name is not UNSET:
            field_dict["name"] = name
        if description is not UNSET:
            field_dict["description"] = description
        if submission_time is not UNSET:
            field_dict["submission_time"] = submission_time
        if completion_time is not UNSET:
            field_dict["completion_time"] = completion_time
        if stage_ids is not UNSET:
            field_dict["stage_ids"] = stage_ids
        if job_group is not UNSET:
            field_dict["job_group"] = job_group
        if status is not UNSET:
            field_dict["status"] = status
        if num_tasks is not UNSET:
            field_dict["num_tasks"] = num_tasks
        if num_active_tasks is not UNSET:
            field_dict["num_active_tasks"] = num_active_tasks
        if num_completed_tasks is not UNSET:
            field_dict["num_completed_tasks"] = num_completed_tasks
        if num_skipped_tasks is not UNSET:
            field_dict["num_skipped_tasks"] = num_skipped_tasks
        if num_failed_tasks is not UNSET:
            field_dict["num_failed_tasks"] = num_failed_tasks
        if num_killed_tasks is not UNSET:
            field_dict["num_killed_tasks"] = num_killed_tasks
        if num_completed_indices is not UNSET:
            field_dict["num_completed_indices"] = num_completed_indices
        if num_active_stages is not UNSET:
            field_dict["num_active_stages"] = num_active_stages
        if num_completed_stages is not UNSET:
            field_dict["num_completed_stages"] = num_completed_stages
        if num_skipped_stages is not UNSET:
            field_dict["num_skipped_stages"] = num_skipped_stages
        if num_failed_stages is not UNSET:
            field_dict["num_failed_stages"] = num_failed_stages
        if killed_tasks_summary is not UNSET:
            field_dict["killed_tasks_summary"] = killed_tasks_summary

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.sub_job_killed_tasks_summary import SubJobKilledTasksSummary

        d = dict(src_dict)
        id = d.pop("id", UNSET)

        name = d.pop("name", UNSET)

        description = d.pop("description", UNSET)

        submission_time = d.pop("submission_time", UNSET)

        completion_time = d.pop("completion_time", UNSET)

        stage_ids = cast(list[int], d.pop("stage_ids", UNSET))

        job_group = d.pop("job_group", UNSET)

        status = d.pop("status", UNSET)

        num_tasks = d.pop("num_tasks", UNSET)

        num_active_tasks = d.pop("num_active_tasks", UNSET)

        num_completed_tasks = d.pop("num_completed_tasks", UNSET)

        num_skipped_tasks = d.pop("num_skipped_tasks", UNSET)

        num_failed_tasks = d.pop("num_failed_tasks", UNSET)

        num_killed_tasks = d.pop("num_killed_tasks", UNSET)

        num_completed_indices = d.pop("num_completed_indices", UNSET)

        num_active_stages = d.pop("num_active_stages", UNSET)

        num_completed_stages = d.pop("num_completed_stages", UNSET)

        num_skipped_stages = d.pop("num_skipped_stages", UNSET)

        num_failed_stages = d.pop("num_failed_stages", UNSET)

        _killed_tasks_summary = d.pop("killed_tasks_summary", UNSET)
        killed_tasks_summary: SubJobKilledTasksSummary | Unset
        if isinstance(_killed_tasks_summary, Unset):
            killed_tasks_summary = UNSET
        else:
            killed_tasks_summary = SubJobKilledTasksSummary.from_dict(
                _killed_tasks_summary
            )

        sub_job = cls(
            id=id,
            name=name,
            description=description,
            submission_time=submission_time,
            completion_time=completion_time,
            stage_ids=stage_ids,
            job_group=job_group,
            status=status,
            num_tasks=num_tasks,
            num_active_tasks=num_active_tasks,
            num_completed_tasks=num_completed_tasks,
            num_skipped_tasks=num_skipped_tasks,
            num_failed_tasks=num_failed_tasks,
            num_killed_tasks=num_killed_tasks,
            num_completed_indices=num_completed_indices,
            num_active_stages=num_active_stages,
            num_completed_stages=num_completed_stages,
            num_skipped_stages=num_skipped_stages,
            num_failed_stages=num_failed_stages,
            killed_tasks_summary=killed_tasks_summary,
        )

        sub_job.additional_properties = d
        return sub_job

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
