"""Bucket owners and safe folder replacement in the emulated OBS, on real folders."""

from pathlib import Path

import pytest

from dli_emulator.errors import FILE_PERMISSION, DliError
from dli_emulator.storage.buckets import BucketOwners
from dli_emulator.storage.obs import ObsStore

JOB_BUCKET = "dli-job-bucket"


def store(data: Path, declared: dict[str, str] | None = None) -> ObsStore:
    return ObsStore(data / "obs", BucketOwners(data, declared or {}, JOB_BUCKET))


def refused(call: object, *args: str) -> None:
    assert callable(call)
    with pytest.raises(DliError) as caught:
        call(*args)
    assert caught.value.error_code == FILE_PERMISSION


def test_first_writer_owns_and_the_claim_survives_a_restart(tmp_path: Path) -> None:
    obs = store(tmp_path)
    obs.readable("b", "obs://shared/x")  # reading claims nothing
    obs.writable("a", "obs://shared/x")
    refused(obs.writable, "b", "obs://shared/y")
    refused(obs.readable, "b", "obs://shared/x")
    again = store(tmp_path)
    refused(again.readable, "b", "obs://shared/x")
    assert again.readable("a", "s3a://shared/x") == tmp_path / "obs" / "shared" / "x"


def test_declared_buckets_win_over_claims(tmp_path: Path) -> None:
    store(tmp_path).writable("b", "obs://taken/x")
    obs = store(tmp_path, {"taken": "a"})
    obs.writable("a", "obs://taken/x")
    refused(obs.writable, "b", "obs://taken/x")


def test_the_job_bucket_is_per_project_area(tmp_path: Path) -> None:
    obs = store(tmp_path)
    obs.readable("a", "obs://dli-job-bucket/jobs/result/a/2026/01/01/j1")
    refused(obs.readable, "b", "obs://dli-job-bucket/jobs/result/a/2026/01/01/j1")
    refused(obs.readable, "b", "obs://dli-job-bucket/jobs/execution_details/a")
    refused(obs.readable, "a", "obs://dli-job-bucket")
    refused(obs.writable, "a", "obs://dli-job-bucket/other")


def test_swap_in_replaces_only_a_complete_folder(tmp_path: Path) -> None:
    obs = store(tmp_path)
    target = obs.writable("a", "obs://bk/out")
    target.mkdir(parents=True)
    (target / "old.csv").write_text("old")
    staged = obs.staging(target)
    (staged / "new.csv").write_text("new")
    obs.swap_in(staged, target)
    assert sorted(p.name for p in target.iterdir()) == ["new.csv"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["out"]


def test_clean_leftovers_undoes_a_crash_at_each_step(tmp_path: Path) -> None:
    obs = store(tmp_path)
    bucket = obs.root / "b"
    # Crash while writing: a staging folder beside the intact old export.
    (bucket / "kept").mkdir(parents=True)
    (bucket / "kept" / "part-00000.csv").write_text("kept")
    (bucket / ".dli-staging-0123456789ab-kept").mkdir()
    # Crash between the two renames: the old export was moved aside, the new one not in place.
    (bucket / ".dli-replaced-0123456789ab-moved").mkdir()
    (bucket / ".dli-replaced-0123456789ab-moved" / "part-00000.csv").write_text("moved")
    # A hidden temporary of the recoding step.
    (bucket / "kept" / ".part-00000.csv.tmp").write_text("half")
    assert obs.clean_leftovers() == 3
    assert sorted(p.name for p in bucket.iterdir()) == ["kept", "moved"]
    assert (bucket / "moved" / "part-00000.csv").read_text() == "moved"
    assert [p.name for p in (bucket / "kept").iterdir()] == ["part-00000.csv"]


def test_host_paths_are_hidden(tmp_path: Path) -> None:
    obs = store(tmp_path)
    text = f'Cannot open "{obs.root}/b/x.csv" or "{tmp_path}/warehouse/a.duckdb.wal"'
    hidden = obs.hide_local_paths(text)
    assert str(tmp_path) not in hidden
    assert "obs://b/x.csv" in hidden and "<data dir>/warehouse/a.duckdb.wal" in hidden


def test_a_relative_data_dir_is_hidden_as_a_path_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    obs = store(Path("data"))
    text = "The data path obs://b/x does not exist: data/warehouse/a.duckdb"
    assert obs.hide_local_paths(text) == (
        "The data path obs://b/x does not exist: <data dir>/warehouse/a.duckdb"
    )
