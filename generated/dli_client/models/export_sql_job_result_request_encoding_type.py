from enum import StrEnum
from typing import Any


class ExportSqlJobResultRequestEncodingType(StrEnum):
    GB2312 = "gb2312"
    GBK = "gbk"
    UTF_8 = "utf-8"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: Any) -> "ExportSqlJobResultRequestEncodingType | None":
        # Open enum: the service adds values over time (a new job status or type). A value this
        # client does not know yet becomes a member of its own instead of raising, so programs
        # that only read it keep working; it compares equal to its string.
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = value
        member._value_ = value
        return member
