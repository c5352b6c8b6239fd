"""The OBS path of fetch against a real S3-compatible server on loopback (moto's server mode),
spoken to by Huawei's esdk-obs-python as the toolkit does, with both signatures it offers there."""

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from moto.server import ThreadedMotoServer
from obs import ObsClient

from dli_toolkit.factory import DliClient
from dli_toolkit.objectstore import LocalObjectStore, ObjectStoreError, ObsObjectStore
from dli_toolkit.pipelines import FetchOptions, exported_result, fetch, run

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance


@pytest.fixture(scope="module")
def s3_server() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        yield f"http://{host}:{port}"
    finally:
        server.stop()


def _sdk(server: str, signature: str) -> Any:
    return ObsClient(
        access_key_id="test-ak",
        secret_access_key="test-sk",
        server=server,
        signature=signature,
        path_style=True,
        is_secure=False,
    )


@pytest.fixture(params=["obs", "v2"])
def store(s3_server: str, request: pytest.FixtureRequest) -> Iterator[ObsObjectStore]:
    signature: str = request.param
    bucket = f"results-{signature}"
    sdk = _sdk(s3_server, signature)
    try:
        assert sdk.createBucket(bucket).status < 300
        yield ObsObjectStore(
            server=s3_server,
            access_key="test-ak",
            secret_key="test-sk",
            signature=signature,
            path_style=True,
            page_size=2,
        )
    finally:
        sdk.close()


def _put(store: ObsObjectStore, bucket: str, key: str, body: bytes | str) -> None:
    sdk = _sdk(store.server, store.signature)
    try:
        assert sdk.putContent(bucket, key, body).status < 300
    finally:
        sdk.close()


def test_listing_pages_through_every_key_under_the_folder(store: ObsObjectStore) -> None:
    bucket = f"results-{store.signature}"
    for name in ("part-00002.json", "part-00000.json", "_SUCCESS", "part-00001.json"):
        _put(store, bucket, f"job/{name}", "{}\n")
    _put(store, bucket, "job-other/part-00000.json", "{}\n")
    assert store.list(f"obs://{bucket}/job") == [
        f"obs://{bucket}/job/_SUCCESS",
        f"obs://{bucket}/job/part-00000.json",
        f"obs://{bucket}/job/part-00001.json",
        f"obs://{bucket}/job/part-00002.json",
    ]


def test_an_object_is_read_as_a_stream(store: ObsObjectStore) -> None:
    bucket = f"results-{store.signature}"
    body = b"".join(b'{"n": %d}\n' % i for i in range(20_000))
    _put(store, bucket, "big/part-00000.json", body)
    with store.open(f"obs://{bucket}/big/part-00000.json") as stream:
        first = stream.readline()
        rest = stream.read()
    assert first == b'{"n": 0}\n' and first + rest == body


def test_a_missing_object_is_an_error_naming_it(store: ObsObjectStore) -> None:
    with pytest.raises(ObjectStoreError, match=r"404.*NoSuchKey"):
        store.open(f"obs://results-{store.signature}/nothing/here")


def test_an_exported_result_reads_back_from_obs_as_from_the_emulator(
    store: ObsObjectStore, dli: DliClient, emulator: "EmulatorInstance", tmp_path: Path
) -> None:
    """The emulator exports 5000 rows into its folder; the same files, put into the S3 server,
    read back through esdk-obs-python to the same rows."""
    local = LocalObjectStore(emulator.data_dir / "obs")
    preview = run(dli, "select id, concat('row ', id) as name from range(5000)")
    job_id = preview.job_id or ""
    from_folder = fetch(dli, job_id, FetchOptions(export_path="obs://obs-test/out", store=local))
    bucket = f"results-{store.signature}"
    for uri in local.list(f"obs://obs-test/out/{job_id}"):
        with local.open(uri) as part:
            _put(store, bucket, f"out/{job_id}/{uri.rsplit('/', 1)[-1]}", part.read())
    from_obs = exported_result(
        store, f"obs://{bucket}/out/{job_id}", preview.columns, preview.total_rows, job_id
    )
    rows = from_obs.rows
    assert len(rows) == 5000
    assert rows == from_folder.rows
    assert sorted(rows)[4999] == (4999, "row 4999")
