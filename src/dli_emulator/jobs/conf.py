"""The `conf` list of a submit request: `key=value` strings, spaces around `=` allowed."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..errors import parameter_invalid

SQL_ASYNC = "dli.sql.sqlasync.enabled"
# Keys under this prefix are the engine's (Spark's own settings); `dli.*` ones are the service's.
ENGINE_PREFIX = "spark."
JOB_TIMEOUT = "dli.sql.job.timeout"
# The largest timeout a timer thread takes on every platform (an int32 of seconds, about 68
# years); 1e10 used to kill the timer with OverflowError and leave the job without a timeout.
MAX_TIMEOUT_SECONDS = 2**31 - 1


@dataclass(frozen=True)
class JobConf:
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def sql_async(self) -> bool:
        """`dli.sql.sqlasync.enabled` (default true): false makes DDL jobs synchronous."""
        return self.settings.get(SQL_ASYNC, "true").lower() == "true"

    @property
    def timeout_seconds(self) -> float | None:
        """`dli.sql.job.timeout` in seconds (DOC unit; golangsdk's ms comment is not followed)."""
        text = self.settings.get(JOB_TIMEOUT)
        return None if text is None else float(text)

    @property
    def engine_settings(self) -> dict[str, str]:
        """The Spark settings of the job (`spark.*` keys), for the engine session it runs in."""
        return {k: v for k, v in self.settings.items() if k.startswith(ENGINE_PREFIX)}

    def user_conf(self) -> str | None:
        """The `user_conf` field: the supplied settings as a compact JSON object, if any."""
        if not self.settings:
            return None
        return json.dumps(self.settings, separators=(",", ":"), ensure_ascii=False)


def parse_conf(items: Sequence[str] | None) -> JobConf:
    settings: dict[str, str] = {}
    for item in items or ():
        if not isinstance(item, str) or "=" not in item:
            raise parameter_invalid(f"conf item {item!r} is not of the form key=value")
        key, _, value = item.partition("=")
        key, value = key.strip(), value.strip()
        if not key:
            raise parameter_invalid(f"conf item {item!r} has an empty key")
        settings[key] = value
    _check(settings)
    return JobConf(settings)


def _check(settings: dict[str, str]) -> None:
    if settings.get(SQL_ASYNC, "true").lower() not in {"true", "false"}:
        raise parameter_invalid(f"conf {SQL_ASYNC} must be true or false")
    timeout = settings.get(JOB_TIMEOUT)
    if timeout is not None:
        try:
            seconds = float(timeout)
        except ValueError:
            seconds = -1.0
        if not 0 < seconds <= MAX_TIMEOUT_SECONDS:
            raise parameter_invalid(
                f"conf {JOB_TIMEOUT} must be a number of seconds above 0 and at most "
                f"{MAX_TIMEOUT_SECONDS}, got {timeout!r}"
            )
