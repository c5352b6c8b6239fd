"""Profiles: the official SDK's credentials file, read as huaweicloudsdkcore reads it (the SDK's
own ProfileCredentialProvider is the oracle), and where a profile stands among the sources."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from huaweicloudsdkcore.auth.provider import ProfileCredentialProvider

from dli_toolkit.credentials import AccessKeyCredentials, TokenCredentials
from dli_toolkit.errors import ConfigurationError
from dli_toolkit.factory import DliClient
from dli_toolkit.profiles import load_profile
from dli_toolkit.settings import ClientSettings

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance

SDK_FILE = """\
[basic]
ak = AKBASIC0000000000001
sk = SKbasicSecret000000000000000000000000001
project_id = 0123456789abcdef0123456789abcdef

[Staging]
ak = AKSTAGING00000000002
sk = SKstagingSecret0000000000000000000000002
project_id = fedcba9876543210fedcba9876543210
security_token = temporary-token-value

[global]
ak = AKGLOBAL000000000003
sk = SKglobalSecret00000000000000000000000003
domain_id = d0123
"""


@pytest.fixture
def credentials_file(tmp_path: Path) -> Path:
    path = tmp_path / "credentials"
    path.write_text(SDK_FILE, encoding="utf-8")
    return path


def test_the_default_profile_is_what_the_sdk_reads(
    credentials_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HUAWEICLOUD_SDK_CREDENTIALS_FILE", str(credentials_file))
    sdk = ProfileCredentialProvider.get_basic_credential_profile_provider().get_credentials()

    ours = load_profile(None, {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(credentials_file)})

    assert ours is not None and ours.name == "basic"
    assert (ours.credentials.access_key, ours.credentials.secret_key) == (sdk.ak, sdk.sk)
    assert ours.credentials.project_id == sdk.project_id
    assert "SKbasic" not in repr(ours)


def test_the_file_is_found_in_home_as_the_sdk_finds_it(
    credentials_file: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    (home / ".huaweicloud").mkdir(parents=True)
    (home / ".huaweicloud" / "credentials").write_text(SDK_FILE, encoding="utf-8")

    found = load_profile("staging", {"HOME": str(home)})

    assert found is not None
    assert found.path == home / ".huaweicloud" / "credentials"
    assert found.name == "Staging"
    assert found.credentials.access_key == "AKSTAGING00000000002"


def test_a_chosen_profile_carries_its_temporary_token(credentials_file: Path) -> None:
    env = {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(credentials_file)}
    staging = ClientSettings.resolve(endpoint="http://127.0.0.1:1", environ=env, profile="Staging")

    assert isinstance(staging.credentials, AccessKeyCredentials)
    assert staging.credentials.access_key == "AKSTAGING00000000002"
    assert staging.credentials.security_token == "temporary-token-value"
    assert staging.project_id == "fedcba9876543210fedcba9876543210"


def test_arguments_then_environment_then_profile(credentials_file: Path) -> None:
    file_only = {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(credentials_file)}
    env_keys = {
        **file_only,
        "HUAWEICLOUD_SDK_AK": "AKFROMENV",
        "HUAWEICLOUD_SDK_SK": "sk-from-env",
        "HUAWEICLOUD_SDK_PROJECT_ID": "project-from-env",
    }

    def resolve(
        environ: dict[str, str], profile: str | None = None, project_id: str | None = None
    ) -> ClientSettings:
        return ClientSettings.resolve(
            endpoint="http://127.0.0.1:1", environ=environ, profile=profile, project_id=project_id
        )

    from_profile = resolve(file_only)
    from_env = resolve(env_keys)
    env_project_over_profile = resolve(
        {**file_only, "HUAWEICLOUD_SDK_PROJECT_ID": "project-from-env"}
    )
    chosen_profile_over_env = resolve(env_keys, profile="staging")
    argument_over_all = resolve(env_keys, profile="staging", project_id="from-argument")
    named_by_env = resolve({**file_only, "DLI_PROFILE": "staging"})

    assert isinstance(from_profile.credentials, AccessKeyCredentials)
    assert from_profile.credentials.access_key == "AKBASIC0000000000001"
    assert from_env.credentials.project_id == "project-from-env"
    assert isinstance(from_env.credentials, AccessKeyCredentials)
    assert from_env.credentials.access_key == "AKFROMENV"
    assert env_project_over_profile.project_id == "project-from-env"
    assert isinstance(chosen_profile_over_env.credentials, AccessKeyCredentials)
    assert chosen_profile_over_env.credentials.access_key == "AKSTAGING00000000002"
    assert chosen_profile_over_env.project_id == "project-from-env"
    assert argument_over_all.project_id == "from-argument"
    assert argument_over_all.credentials.project_id == "from-argument"
    assert isinstance(named_by_env.credentials, AccessKeyCredentials)
    assert named_by_env.credentials.access_key == "AKSTAGING00000000002"
    token = ClientSettings.resolve(
        endpoint="http://127.0.0.1:1", credentials=TokenCredentials("t"), environ=env_keys
    )
    assert isinstance(token.credentials, TokenCredentials)


@pytest.mark.parametrize(
    ("profile", "content", "message"),
    [
        ("missing", SDK_FILE, "profile 'missing' is not in"),
        ("global", SDK_FILE.replace("ak = AKGLOBAL000000000003\n", ""), "needs both ak and sk"),
        ("fed", "[fed]\nidp_id = x\nid_token_file = /t\n", "federated"),
        ("basic", "ak = outside any section\n", "not an INI file"),
    ],
)
def test_bad_profiles_say_what_is_wrong(
    tmp_path: Path, profile: str, content: str, message: str
) -> None:
    path = tmp_path / "credentials"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigurationError, match=message) as raised:
        load_profile(profile, {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(path)})
    assert "Secret" not in str(raised.value)


def test_a_chosen_profile_needs_the_file_the_default_one_does_not(tmp_path: Path) -> None:
    nowhere = {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(tmp_path / "absent")}

    assert load_profile(None, nowhere) is None
    with pytest.raises(ConfigurationError, match="no credentials file at"):
        load_profile("basic", nowhere)
    with pytest.raises(ConfigurationError, match="--profile"):
        ClientSettings.resolve(endpoint="http://127.0.0.1:1", project_id="p", environ=nowhere)


def test_a_profile_signs_requests_the_emulator_accepts(
    emulator: EmulatorInstance, tmp_path: Path
) -> None:
    path = tmp_path / "credentials"
    path.write_text(
        f"[basic]\nak = {emulator.ak}\nsk = {emulator.sk}\nproject_id = {emulator.project_id}\n",
        encoding="utf-8",
    )
    environ = {"HUAWEICLOUD_SDK_CREDENTIALS_FILE": str(path), "DLI_ENDPOINT": emulator.base_url}

    with DliClient.create(environ=environ) as dli:
        assert dli.check_sql("select 1").job_type == "QUERY"
