"""DLI service errors as the wire carries them: an HTTP status plus `{"error_code", "error_msg"}`.

Every failure the emulator reports to a caller is a `DliError`; the HTTP layer turns it into the
response body with `to_body()`. The constructors below are the codes of the DLI error table
(reference 6.1) that the emulator produces.
"""

from __future__ import annotations

PARAMETER_INVALID = "DLI.0001"
OBJECT_NOT_FOUND = "DLI.0002"
SQL_PERMISSION = "DLI.0003"
SQL_SYNTAX = "DLI.0004"
SQL_SEMANTIC = "DLI.0005"
OBJECT_EXISTS = "DLI.0006"
NOT_SUPPORTED = "DLI.0007"
FILE_PERMISSION = "DLI.0011"
RESULT_EXPIRED = "DLI.0100"
NO_RESOURCE = "DLI.0023"
SERVER_ERROR = "DLI.0999"


class DliError(Exception):
    """An error answer of the DLI API; the service sends HTTP 400 for nearly all of them."""

    def __init__(self, error_code: str, error_msg: str, http_status: int = 400) -> None:
        super().__init__(f"{error_code}: {error_msg}")
        self.error_code = error_code
        self.error_msg = error_msg
        self.http_status = http_status

    def to_body(self) -> dict[str, str]:
        return {"error_code": self.error_code, "error_msg": self.error_msg}

    def __repr__(self) -> str:
        return f"DliError({self.http_status}, {self.error_code!r}, {self.error_msg!r})"


def parameter_invalid(msg: str) -> DliError:
    return DliError(PARAMETER_INVALID, msg)


def sql_permission_denied(msg: str) -> DliError:
    return DliError(SQL_PERMISSION, msg)


def file_permission_denied(msg: str) -> DliError:
    """DLI.0011, "The file permission check fails": what the service answers for an OBS path
    the project may not use (error-code table of the API reference, page dli_02_0056)."""
    return DliError(FILE_PERMISSION, msg)


def not_found(msg: str) -> DliError:
    return DliError(OBJECT_NOT_FOUND, msg)


def job_not_found(job_id: str) -> DliError:
    # A missing job is a 400 with DLI.0002 on the real service, never a 404 (reference 6.1 note).
    return not_found(f"The job {job_id} does not exist")


def queue_not_found(queue_name: str) -> DliError:
    return not_found(f"There is no queue named {queue_name}")


def syntax_error(msg: str) -> DliError:
    return DliError(SQL_SYNTAX, msg)


def semantic_error(msg: str) -> DliError:
    return DliError(SQL_SEMANTIC, msg)


def already_exists(msg: str) -> DliError:
    return DliError(OBJECT_EXISTS, msg)


def not_supported(msg: str) -> DliError:
    return DliError(NOT_SUPPORTED, msg)


def result_expired(msg: str) -> DliError:
    return DliError(RESULT_EXPIRED, msg)


def no_resource(msg: str) -> DliError:
    """DLI.0023 with HTTP 404: a path that names no resource of the API at all."""
    return DliError(NO_RESOURCE, msg, 404)


def server_error(msg: str, http_status: int = 500) -> DliError:
    """DLI.0999; the DOC lists it under 400, an internal failure of the emulator answers 500."""
    return DliError(SERVER_ERROR, msg, http_status)
