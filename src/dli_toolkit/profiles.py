"""Credentials from the official SDK's credentials file, so its users need no second copy.

The file is the one huaweicloudsdkcore's ProfileCredentialProvider reads: the path in
`$HUAWEICLOUD_SDK_CREDENTIALS_FILE`, else `~/.huaweicloud/credentials` (`$HOME` on Linux and
macOS, `%USERPROFILE%` on Windows); an INI file whose sections the SDK names by credential type:

    [basic]
    ak = ...
    sk = ...
    project_id = ...
    security_token = ...    (temporary credentials only)

DLI is a project-level service, so the SDK reads `[basic]`; that is the default profile here too.
`--profile NAME` / `profile=NAME` (or `$DLI_PROFILE`) reads the section NAME instead, in the same
format. Federated entries (`idp_id` + `id_token_file`, without ak/sk) are not supported.

A profile is the last source (see `dli_toolkit.settings`): the default one is used only when it
exists; a chosen one must exist.
"""

from __future__ import annotations

import configparser
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dli_toolkit.credentials import AccessKeyCredentials
from dli_toolkit.errors import ConfigurationError

ENV_CREDENTIALS_FILE = "HUAWEICLOUD_SDK_CREDENTIALS_FILE"
ENV_PROFILE = "DLI_PROFILE"
DEFAULT_PROFILE = "basic"


@dataclass(frozen=True)
class Profile:
    """One section of the credentials file."""

    name: str
    path: Path
    credentials: AccessKeyCredentials


def credentials_file(environ: Mapping[str, str]) -> Path | None:
    """Where the SDK looks for its credentials file; None when there is no home to look in."""
    if environ.get(ENV_CREDENTIALS_FILE):
        return Path(environ[ENV_CREDENTIALS_FILE])
    home = environ.get("USERPROFILE" if sys.platform.startswith("win32") else "HOME")
    return Path(home, ".huaweicloud", "credentials") if home else None


def load_profile(name: str | None, environ: Mapping[str, str] | None = None) -> Profile | None:
    """The profile `name` (else $DLI_PROFILE), or the default one if it exists, else None."""
    env = os.environ if environ is None else environ
    chosen = name or env.get(ENV_PROFILE) or None
    path = credentials_file(env)
    if path is None or not path.is_file():
        if chosen:
            raise ConfigurationError(
                f"profile {chosen!r}: no credentials file at {path or '~/.huaweicloud/credentials'}"
                f" (set {ENV_CREDENTIALS_FILE} to use another file)"
            )
        return None
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read(path, encoding="utf-8")
    except (configparser.Error, UnicodeDecodeError) as error:
        raise ConfigurationError(f"credentials file {path} is not an INI file: {error}") from None
    # The SDK asks for its lowercased credential type ("basic"); a chosen name matches a
    # section whatever its case, so `--profile staging` finds [Staging].
    wanted = (chosen or DEFAULT_PROFILE).lower()
    section = next((s for s in parser.sections() if s.lower() == wanted), None)
    if section is None:
        if chosen:
            known = ", ".join(parser.sections()) or "none"
            raise ConfigurationError(f"profile {chosen!r} is not in {path} (its profiles: {known})")
        return None
    values = parser[section]
    access_key, secret_key = values.get("ak"), values.get("sk")
    if not access_key or not secret_key:
        raise ConfigurationError(
            f"profile {section!r} in {path} needs both ak and sk"
            + (
                " (federated idp_id/id_token_file entries are not supported)"
                if "idp_id" in values
                else ""
            )
        )
    try:
        credentials = AccessKeyCredentials(
            access_key,
            secret_key,
            project_id=values.get("project_id") or None,
            security_token=values.get("security_token") or None,
        )
    except ValueError as error:
        raise ConfigurationError(f"profile {section!r} in {path}: {error}") from None
    return Profile(section, path, credentials)
