from enum import StrEnum
from typing import Any


class ListSqlJobsOrder(StrEnum):
    DURATION_ASC = "duration_asc"
    DURATION_DESC = "duration_desc"
    START_TIME_ASC = "start_time_asc"
    START_TIME_DESC = "start_time_desc"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "ListSqlJobsOrder | None":
        # Open enum: the service adds values over time (a new job status or type). A value this
        # client does not know yet becomes a member of its own instead of raising, so programs
        # that only read it keep working; it compares equal to its string.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
