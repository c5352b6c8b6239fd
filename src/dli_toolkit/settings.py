"""What a client needs (endpoint, project, credentials, timeouts, retries) and where it comes from.

Precedence, the one rule every entry point follows (`DliClient.create`, `AsyncDliClient.create`,
the `dli` command line): arguments, then the environment, then a profile of the official SDK's
credentials file (see `dli_toolkit.profiles`).

- Endpoint: `endpoint=` / `--endpoint`, else $DLI_ENDPOINT, else the endpoint of `region=` /
  `--region`, else of $DLI_REGION. An explicit endpoint from any source beats a region from any
  source: a region only names the public endpoint, so `region="cn-north-4"` next to
  `DLI_ENDPOINT=http://127.0.0.1:8900` still goes to the emulator.
- Credentials: `credentials=`, else the profile chosen by `profile=` / `--profile`, else AK/SK
  from $HUAWEICLOUD_SDK_AK + $HUAWEICLOUD_SDK_SK (+ $HUAWEICLOUD_SDK_SECURITY_TOKEN) or a token
  from $DLI_AUTH_TOKEN, else the profile named by $DLI_PROFILE, else the default profile
  (`[basic]`, as the SDK reads) when the file has one.
- Project ID: `project_id=` / `--project-id`, else the one inside `credentials=`, else
  $HUAWEICLOUD_SDK_PROJECT_ID, else the profile's `project_id`.

The defaults: `DEFAULT_TIMEOUT` is the generated client's own (its home and its reasons are in
codegen/templates/client.py.jinja), `DEFAULT_RETRY` holds `RetryPolicy`'s field defaults
(`dli_toolkit.transport`).
"""

from __future__ import annotations

import dataclasses
import os
import ssl
from collections.abc import Mapping
from importlib import metadata
from typing import TypedDict

import httpx
from dli_client.client import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT

from dli_toolkit.credentials import (
    ENV_ACCESS_KEY,
    ENV_AUTH_TOKEN,
    ENV_PROJECT_ID,
    ENV_SECRET_KEY,
    Credentials,
    TokenCredentials,
    credentials_from_env,
    has_env_credentials,
)
from dli_toolkit.errors import ConfigurationError
from dli_toolkit.profiles import load_profile
from dli_toolkit.regions import endpoint_for
from dli_toolkit.transport import RetryPolicy

ENV_ENDPOINT = "DLI_ENDPOINT"
ENV_REGION = "DLI_REGION"


# Tests (and callers) that must not retry replace this; `retry=` does it per client.
DEFAULT_RETRY = RetryPolicy()

NO_PROJECT = (
    f"no project ID: pass --project-id (project_id=) or set {ENV_PROJECT_ID} "
    "(the project of the region)"
)
NO_CREDENTIALS = (
    f"no credentials: set {ENV_ACCESS_KEY} and {ENV_SECRET_KEY} (AK/SK) or {ENV_AUTH_TOKEN}, "
    "or pass --profile (profile=) to read the official SDK's credentials file"
)
NO_ENDPOINT = (
    f"no endpoint: pass --endpoint or --region (endpoint=, region=), "
    f"or set {ENV_ENDPOINT} or {ENV_REGION}"
)


def package_version() -> str:
    """The installed version of dli-sqljob."""
    try:
        return metadata.version("dli-sqljob")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def user_agent() -> str:
    """`dli-sqljob/<version> python-httpx/<version>`."""
    return f"dli-sqljob/{package_version()} python-httpx/{httpx.__version__}"


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
        profile: str | None = None,
    ) -> ClientSettings:
        """Settings from arguments, then the environment, then a profile (see the module)."""
        env = os.environ if environ is None else environ
        try:
            credentials, project = _credentials_and_project(credentials, project_id, profile, env)
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


def _credentials_and_project(
    credentials: Credentials | None,
    project_id: str | None,
    profile: str | None,
    env: Mapping[str, str],
) -> tuple[Credentials, str]:
    """The credentials and project ID by the module's precedence."""
    env_project = env.get(ENV_PROJECT_ID) or None
    if credentials is not None:
        project = project_id or credentials.project_id or env_project
    elif profile is None and has_env_credentials(env):
        credentials = credentials_from_env(env)
        project = project_id or credentials.project_id
    elif (loaded := load_profile(profile, env)) is not None:
        credentials = loaded.credentials
        project = project_id or env_project or credentials.project_id
    else:
        raise ConfigurationError(NO_CREDENTIALS)
    if not project:
        raise ConfigurationError(NO_PROJECT)
    # AK/SK signing sends X-Project-Id from the credentials, so they carry the project.
    return dataclasses.replace(credentials, project_id=project), project


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
    profile: str | None
