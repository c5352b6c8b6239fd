from enum import StrEnum
from typing import Any


class JobTypeFilter(StrEnum):
    ALL = "ALL"
    DATA_MIGRATION = "DATA_MIGRATION"
    DCL = "DCL"
    DDL = "DDL"
    DELETE = "DELETE"
    EXPORT = "EXPORT"
    IMPORT = "IMPORT"
    INSERT = "INSERT"
    QUERY = "QUERY"
    RESTART_QUEUE = "RESTART_QUEUE"
    SCALE_QUEUE = "SCALE_QUEUE"
    UPDATE = "UPDATE"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "JobTypeFilter | None":
        # Open enum: the service adds values over time (a new job status or type). A value this
        # client does not know yet becomes a member of its own instead of raising, so programs
        # that only read it keep working; it compares equal to its string.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
