"""OBS paths: obs:// and s3a:// URIs map into the emulated OBS folder, never outside a bucket."""

from pathlib import Path

import pytest

from dli_emulator.errors import DliError
from dli_emulator.storage.obs import ObsStore


def test_obs_and_s3a_paths_map_into_the_obs_folder(tmp_path: Path) -> None:
    obs = ObsStore(tmp_path)
    assert obs.local_path("obs://bucket-1/a/b.csv") == tmp_path / "bucket-1" / "a" / "b.csv"
    assert obs.local_path("s3a://bucket-1/a//./b.csv") == tmp_path / "bucket-1" / "a" / "b.csv"
    assert obs.uri(tmp_path / "bucket-1" / "x") == "obs://bucket-1/x"


@pytest.mark.parametrize(
    "uri",
    [
        "obs://bucket/../../etc/passwd",
        "obs://bucket/a/../../b",
        "/etc/passwd",
        "obs://-x/a",
        "http://bucket/a",
    ],
)
def test_paths_outside_a_bucket_are_refused(tmp_path: Path, uri: str) -> None:
    with pytest.raises(DliError) as caught:
        ObsStore(tmp_path).local_path(uri)
    assert caught.value.error_code == "DLI.0001"
    assert "data_path" in caught.value.error_msg
