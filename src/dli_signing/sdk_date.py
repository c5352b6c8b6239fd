"""The `X-Sdk-Date` timestamp: UTC, basic ISO 8601 (`20240102T030405Z`)."""

import functools
import math
import re
import time
from datetime import UTC, datetime

SDK_DATE_FORMAT = "%Y%m%dT%H%M%SZ"

# strptime alone would also accept short fields ("2024112T...") whose re-formatted text differs
# from the header text; the string to sign uses the re-formatted date, so only the exact shape
# keeps the two identical.
_SDK_DATE_SHAPE = re.compile(r"\d{8}T\d{6}Z")


def format_sdk_date(moment: datetime) -> str:
    """Format an aware datetime as an `X-Sdk-Date` value."""
    if moment.tzinfo is None:
        raise ValueError("X-Sdk-Date needs a timezone-aware datetime, got a naive one")
    return _format_second(math.floor(moment.timestamp()))


# A client signs many requests a second, and formatting costs more than all the rest of reading
# the clock: format each second once.
@functools.lru_cache(maxsize=4)
def _format_second(epoch_second: int) -> str:
    return time.strftime(SDK_DATE_FORMAT, time.gmtime(epoch_second))


def parse_sdk_date(text: str) -> datetime:
    """Parse an `X-Sdk-Date` value into an aware UTC datetime."""
    if not _SDK_DATE_SHAPE.fullmatch(text):
        raise ValueError(f"X-Sdk-Date {text!r} is not of the form YYYYMMDDTHHMMSSZ")
    try:
        return datetime.strptime(text, SDK_DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        raise ValueError(f"X-Sdk-Date {text!r} is not a valid date and time") from None
