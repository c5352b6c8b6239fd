"""Where exported result files are read from: Huawei OBS, or a folder that stands in for it.

`ObsObjectStore` talks to OBS (or any S3-compatible server) through Huawei's own SDK,
esdk-obs-python. `LocalObjectStore` reads a folder laid out as `<root>/<bucket>/<key>`, which is
how the emulator keeps its OBS (`<data dir>/obs`). Both stream: `open()` gives a binary reader,
never the whole object in memory.

`object_store_from_env()` picks one: $DLI_OBS_DIR (a folder) or $DLI_OBS_ENDPOINT (OBS, with the
AK/SK of $HUAWEICLOUD_SDK_AK / $HUAWEICLOUD_SDK_SK; OBS accepts no IAM token).
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from dli_toolkit.credentials import ENV_ACCESS_KEY as ENV_AK
from dli_toolkit.credentials import ENV_SECRET_KEY as ENV_SK
from dli_toolkit.credentials import ENV_SECURITY_TOKEN
from dli_toolkit.errors import ConfigurationError, DliToolkitError

ENV_OBS_DIR = "DLI_OBS_DIR"
ENV_OBS_ENDPOINT = "DLI_OBS_ENDPOINT"
SCHEMES = ("obs://", "s3a://", "s3://")
_CHUNK = 1 << 16


class ObjectStoreError(DliToolkitError):
    """An object could not be listed or read."""


def split_uri(uri: str) -> tuple[str, str]:
    """`obs://bucket/some/key` as `("bucket", "some/key")`."""
    scheme = next((s for s in SCHEMES if uri.lower().startswith(s)), None)
    if scheme is None:
        raise ConfigurationError(f"{uri!r} is not an OBS path (obs://bucket/key)")
    bucket, _, key = uri[len(scheme) :].partition("/")
    if not bucket:
        raise ConfigurationError(f"{uri!r} names no bucket")
    return bucket, key


class ObjectStore(Protocol):
    def list(self, uri: str) -> list[str]:
        """URIs of the objects under the folder `uri`, sorted."""
        ...

    def open(self, uri: str) -> BinaryIO:
        """A streaming reader of one object; close it when done."""
        ...


@dataclass(frozen=True)
class LocalObjectStore:
    """OBS kept in a folder: `obs://bucket/key` is `<root>/bucket/key` (the emulator's layout)."""

    root: Path

    def _path(self, uri: str) -> Path:
        bucket, key = split_uri(uri)
        parts = [p for p in key.split("/") if p not in ("", ".")]
        if ".." in parts or bucket == "..":
            raise ConfigurationError(f"{uri!r} climbs out of its bucket")
        return self.root.joinpath(bucket, *parts)

    def list(self, uri: str) -> list[str]:
        folder = self._path(uri)
        if not folder.is_dir():
            return []
        prefix = uri.rstrip("/")
        return sorted(
            f"{prefix}/{path.relative_to(folder).as_posix()}"
            for path in folder.rglob("*")
            if path.is_file()
        )

    def open(self, uri: str) -> BinaryIO:
        try:
            return self._path(uri).open("rb")
        except OSError as error:
            raise ObjectStoreError(f"cannot read {uri}: {error.strerror}") from None


@dataclass(frozen=True)
class ObsObjectStore:
    """OBS through esdk-obs-python. `signature`, `path_style` and `is_secure` reach an
    S3-compatible server too (`"v2"` or `"obs"`, path style, plain HTTP on loopback)."""

    server: str
    access_key: str
    secret_key: str = field(repr=False)
    security_token: str | None = field(default=None, repr=False)
    signature: str = "obs"
    path_style: bool = False
    page_size: int = 1000  # keys per list call (the service's maximum)

    def _client(self) -> Any:
        from obs import ObsClient

        return ObsClient(
            access_key_id=self.access_key,
            secret_access_key=self.secret_key,
            security_token=self.security_token,
            server=self.server,
            signature=self.signature,
            path_style=self.path_style,
            is_secure=self.server.startswith("https://"),
        )

    def list(self, uri: str) -> list[str]:
        bucket, key = split_uri(uri)
        prefix = key.rstrip("/") + "/" if key.strip("/") else ""
        client = self._client()
        found: list[str] = []
        marker: str | None = None
        try:
            while True:
                answer = client.listObjects(
                    bucket, prefix=prefix, marker=marker, max_keys=self.page_size
                )
                _check(answer, f"list obs://{bucket}/{prefix}")
                contents = answer.body.contents or []
                found.extend(f"obs://{bucket}/{item.key}" for item in contents)
                if not answer.body.is_truncated or not contents:
                    return sorted(found)
                # The last key, not NextMarker: S3 sends that only with a delimiter.
                marker = contents[-1].key
        finally:
            client.close()

    def open(self, uri: str) -> BinaryIO:
        bucket, key = split_uri(uri)
        client = self._client()
        answer = client.getObject(bucket, key, loadStreamInMemory=False)
        try:
            _check(answer, f"read {uri}")
        except BaseException:
            client.close()
            raise
        raw = _SdkStream(answer.body.response, client)
        return io.BufferedReader(raw, _CHUNK)


class _SdkStream(io.RawIOBase):
    """The SDK's response body as a raw stream, so `io` can buffer it and read lines."""

    def __init__(self, response: Any, client: Any) -> None:
        self._response = response
        self._client = client

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        chunk = self._response.read(len(buffer))
        buffer[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        if not self.closed:
            self._response.close()
            self._client.close()
        super().close()


def _check(answer: Any, action: str) -> None:
    if answer.status >= 300:
        raise ObjectStoreError(
            f"cannot {action}: HTTP {answer.status} {answer.errorCode or ''} "
            f"{answer.errorMessage or ''}".strip()
        )


def object_store_from_env(environ: Mapping[str, str] | None = None) -> ObjectStore | None:
    """The store named by $DLI_OBS_DIR or $DLI_OBS_ENDPOINT, or None when neither is set."""
    env = os.environ if environ is None else environ
    if env.get(ENV_OBS_DIR):
        return LocalObjectStore(Path(env[ENV_OBS_DIR]))
    if env.get(ENV_OBS_ENDPOINT):
        ak, sk = env.get(ENV_AK), env.get(ENV_SK)
        if not ak or not sk:
            raise ConfigurationError(
                f"{ENV_OBS_ENDPOINT} needs {ENV_AK} and {ENV_SK}: OBS takes no IAM token"
            )
        return ObsObjectStore(
            server=env[ENV_OBS_ENDPOINT],
            access_key=ak,
            secret_key=sk,
            security_token=env.get(ENV_SECURITY_TOKEN) or None,
        )
    return None
