"""What a client needs (endpoint, project, credentials, timeouts, retries) and where it comes from.

Precedence, the one rule every entry point follows (`DliClient.create`, `AsyncDliClient.create`,
the `dli` command line):

1. arguments (`endpoint=`, `region=`, `project_id=`, `credentials=`; the CLI's options),
2. then the environment (`DLI_ENDPOINT`, `DLI_REGION`, `HUAWEICLOUD_SDK_*`, `DLI_AUTH_TOKEN`),
3. then the profile (see `dli_toolkit.profiles`), when one is chosen or the default one exists.

An explicit endpoint, from whichever source, beats a region from any source: a region only
names the public endpoint, so `region="cn-north-4"` next to `DLI_ENDPOINT=http://127.0.0.1:8900`
still goes to the emulator.

The defaults live here, once: `DEFAULT_TIMEOUT` and `DEFAULT_RETRY` (whose numbers are
`RetryPolicy`'s field defaults in `dli_toolkit.transport`).
"""

from __future__ import annotations

import dataclasses
import os
import ssl
from collections.abc import Mapping
from importlib import metadata
from typing import TypedDict

import httpx

from dli_toolkit.credentials import (
    ENV_PROJECT_ID,
    Credentials,
    TokenCredentials,
    credentials_from_env,
)
from dli_toolkit.errors import ConfigurationError
from dli_toolkit.regions import endpoint_for
from dli_toolkit.transport import RetryPolicy

ENV_ENDPOINT = "DLI_ENDPOINT"
ENV_REGION = "DLI_REGION"

# 120 s to read, as the official SDK (huaweicloudsdkcore's HttpConfig: connect 60, read 120):
# a synchronous statement (DDL, a small query in sync mode) answers submit-job only once it
# has run, and 60 s (the generated client's own default) cuts such answers off. Connecting
# gets 10 s rather than the SDK's 60: a wrong endpoint should fail fast, and the retrying
# transport retries a refused or timed-out connect.
DEFAULT_TIMEOUT = httpx.Timeout(120.0, connect=10.0)

# Tests (and callers) that must not retry replace this; `retry=` does it per client.
DEFAULT_RETRY = RetryPolicy()

NO_PROJECT = (
    f"no project ID: pass --project-id (project_id=) or set {ENV_PROJECT_ID} "
    "(the project of the region)"
)
NO_ENDPOINT = (
    f"no endpoint: pass --endpoint or --region (endpoint=, region=), "
    f"or set {ENV_ENDPOINT} or {ENV_REGION}"
)


def user_agent() -> str:
    """`dli-sqljob/<version> python-httpx/<version>`."""
    try:
        version = metadata.version("dli-sqljob")
    except metadata.PackageNotFoundError:
        version = "0+unknown"
    return f"dli-sqljob/{version} python-httpx/{httpx.__version__}"


def normalize_endpoint(endpoint: str) -> str:
    """`https://` is assumed when no scheme is given (as the official SDK does)."""
    endpoint = endpoint.strip().rstrip("/")
    if not endpoint:
        raise ConfigurationError("the endpoint is empty")
    if "://" not in endpoint:
        endpoint = f"https://{endpoint}"
    url = httpx.URL(endpoint)
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"endpoint {endpoint!r} is not an http(s) URL with a host")
    return endpoint


def resolve_endpoint(endpoint: str | None, region: str | None, environ: Mapping[str, str]) -> str:
    """The endpoint by the module's precedence: any explicit endpoint, else any region."""
    for explicit in (endpoint, environ.get(ENV_ENDPOINT)):
        if explicit:
            return normalize_endpoint(explicit)
    for named in (region, environ.get(ENV_REGION)):
        if named:
            return endpoint_for(named)
    raise ConfigurationError(NO_ENDPOINT)


@dataclasses.dataclass(frozen=True)
class ClientSettings:
    """Everything a client needs. Its repr shows no secret (the credentials hide theirs)."""

    endpoint: str
    project_id: str
    credentials: Credentials
    timeout: httpx.Timeout = dataclasses.field(default_factory=lambda: DEFAULT_TIMEOUT)
    verify: bool | str | ssl.SSLContext = True
    retry: RetryPolicy = dataclasses.field(default_factory=lambda: DEFAULT_RETRY)

    @classmethod
    def resolve(
        cls,
        *,
        endpoint: str | None = None,
        region: str | None = None,
        project_id: str | None = None,
        credentials: Credentials | None = None,
        timeout: float | httpx.Timeout | None = None,
        verify: bool | str | ssl.SSLContext = True,
        retry: RetryPolicy | None = None,
        environ: Mapping[str, str] | None = None,
    ) -> ClientSettings:
        """Settings from arguments, then the environment (see the module for the order).

        Credentials are `credentials`, else AK/SK from $HUAWEICLOUD_SDK_AK and
        $HUAWEICLOUD_SDK_SK, else a token from $DLI_AUTH_TOKEN. The project ID is `project_id`,
        else the credentials', else $HUAWEICLOUD_SDK_PROJECT_ID.
        """
        env = os.environ if environ is None else environ
        try:
            credentials = credentials or credentials_from_env(env)
            project = project_id or credentials.project_id or env.get(ENV_PROJECT_ID)
            if not project:
                raise ConfigurationError(NO_PROJECT)
            # AK/SK signing sends X-Project-Id from the credentials, so they carry the project.
            credentials = dataclasses.replace(credentials, project_id=project)
        except ConfigurationError:
            raise
        except ValueError as error:
            raise ConfigurationError(str(error)) from error
        if isinstance(timeout, int | float):
            timeout = httpx.Timeout(float(timeout))
        return cls(
            endpoint=resolve_endpoint(endpoint, region, env),
            project_id=project,
            credentials=credentials,
            timeout=timeout or DEFAULT_TIMEOUT,
            verify=verify,
            retry=retry or DEFAULT_RETRY,
        )

    def secrets(self) -> tuple[str, ...]:
        """Values that must never be shown, to scrub from text quoted out of responses."""
        creds = self.credentials
        if isinstance(creds, TokenCredentials):
            return (creds.token,)
        return tuple(s for s in (creds.secret_key, creds.security_token) if s)


class SettingsArgs(TypedDict, total=False):
    """Keyword arguments of `ClientSettings.resolve`."""

    endpoint: str | None
    region: str | None
    project_id: str | None
    credentials: Credentials | None
    timeout: float | httpx.Timeout | None
    verify: bool | str | ssl.SSLContext
    retry: RetryPolicy | None
    environ: Mapping[str, str] | None
