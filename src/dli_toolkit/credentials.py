"""Credentials for the DLI API: an AK/SK pair (optionally temporary) or an IAM token.

From the environment, with the names the official Huawei Cloud SDK uses:

- ``HUAWEICLOUD_SDK_AK`` and ``HUAWEICLOUD_SDK_SK``: access key pair (AK/SK signing);
- ``HUAWEICLOUD_SDK_SECURITY_TOKEN``: security token of a temporary AK/SK pair;
- ``HUAWEICLOUD_SDK_PROJECT_ID``: project ID, sent as ``X-Project-Id`` and used in paths;
- ``DLI_AUTH_TOKEN``: an IAM user token (``X-Subject-Token`` of ``POST /v3/auth/tokens``), sent
  as ``X-Auth-Token``. This one is ours: the SDK has no token auth for DLI.

Secret values (SK, security token, IAM token) never appear in repr, str or error messages.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

ENV_ACCESS_KEY = "HUAWEICLOUD_SDK_AK"
ENV_SECRET_KEY = "HUAWEICLOUD_SDK_SK"
ENV_SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN"
ENV_PROJECT_ID = "HUAWEICLOUD_SDK_PROJECT_ID"
ENV_AUTH_TOKEN = "DLI_AUTH_TOKEN"


def _check_value(what: str, value: str | None, *, required: bool) -> None:
    # Copy-pasted keys often carry a newline or blank; say so instead of failing to verify later.
    if value is None or value == "":
        if required:
            raise ValueError(f"{what} is empty")
        return
    if value != value.strip():
        raise ValueError(f"{what} has leading or trailing whitespace")
    # HTTP refuses control characters in a header, and the HTTP stack's error (and its DEBUG
    # log) would quote the whole value: refuse it here, naming the position, never the value.
    bad = next((i for i, c in enumerate(value) if ord(c) < 0x20 or ord(c) == 0x7F), None)
    if bad is not None:
        raise ValueError(f"{what} has a control character at position {bad}")


@dataclass(frozen=True, slots=True)
class AccessKeyCredentials:
    """An AK/SK pair; with a security token it is a temporary pair."""

    access_key: str
    secret_key: str = field(repr=False)
    project_id: str | None = None
    security_token: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        _check_value("access key", self.access_key, required=True)
        _check_value("secret key", self.secret_key, required=True)
        _check_value("project id", self.project_id, required=False)
        _check_value("security token", self.security_token, required=False)

    @property
    def temporary(self) -> bool:
        return self.security_token is not None

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "AccessKeyCredentials":
        env = os.environ if environ is None else environ
        access_key, secret_key = env.get(ENV_ACCESS_KEY), env.get(ENV_SECRET_KEY)
        if not access_key:
            raise ValueError(f"{ENV_ACCESS_KEY} is not set")
        if not secret_key:
            raise ValueError(f"{ENV_SECRET_KEY} is not set (needed with {ENV_ACCESS_KEY})")
        return cls(
            access_key,
            secret_key,
            project_id=env.get(ENV_PROJECT_ID) or None,
            security_token=env.get(ENV_SECURITY_TOKEN) or None,
        )


@dataclass(frozen=True, slots=True)
class TokenCredentials:
    """An IAM token scoped to a project."""

    token: str = field(repr=False)
    project_id: str | None = None

    def __post_init__(self) -> None:
        _check_value("token", self.token, required=True)
        _check_value("project id", self.project_id, required=False)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> "TokenCredentials":
        env = os.environ if environ is None else environ
        token = env.get(ENV_AUTH_TOKEN)
        if not token:
            raise ValueError(f"{ENV_AUTH_TOKEN} is not set")
        return cls(token, project_id=env.get(ENV_PROJECT_ID) or None)


Credentials = AccessKeyCredentials | TokenCredentials


def has_env_credentials(environ: Mapping[str, str]) -> bool:
    """Whether the environment holds credentials of either kind (or half of an AK/SK pair)."""
    return any(environ.get(name) for name in (ENV_ACCESS_KEY, ENV_SECRET_KEY, ENV_AUTH_TOKEN))


def credentials_from_env(environ: Mapping[str, str] | None = None) -> Credentials:
    """AK/SK credentials if HUAWEICLOUD_SDK_AK is set, else a token from DLI_AUTH_TOKEN.

    Both set is an error rather than a silent choice.
    """
    env = os.environ if environ is None else environ
    has_access_key, has_token = bool(env.get(ENV_ACCESS_KEY)), bool(env.get(ENV_AUTH_TOKEN))
    if has_access_key and has_token:
        raise ValueError(f"both {ENV_ACCESS_KEY} and {ENV_AUTH_TOKEN} are set; unset one")
    if has_token:
        return TokenCredentials.from_env(env)
    if has_access_key or env.get(ENV_SECRET_KEY):
        return AccessKeyCredentials.from_env(env)
    raise ValueError(
        f"no credentials: set {ENV_ACCESS_KEY} and {ENV_SECRET_KEY} (AK/SK) or {ENV_AUTH_TOKEN}"
    )
