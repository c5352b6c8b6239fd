"""Object storage (OBS) emulated as a folder: `obs://bucket/key` is `<data_dir>/obs/bucket/key`.

`s3a://bucket/key` names the same object (the SDK documents s3a paths for import/export, the
service documents obs:// ones). Paths may not climb out of their bucket.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import parameter_invalid

SCHEMES = ("obs://", "s3a://")
# Letters, digits, '-' and '.', starting and ending with a letter or digit (the contract's
# pattern; the DOC's own example bucket `DLI` is upper case).
_BUCKET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]$")
# OBS keys have no such limit, but each segment becomes a local file or folder name (NAME_MAX).
_MAX_SEGMENT_BYTES = 255


class ObsStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def local_path(self, uri: str, field: str = "data_path") -> Path:
        """The local file or folder an obs:// or s3a:// URI names; DLI.0001 when it is not one."""
        scheme = next((s for s in SCHEMES if uri.lower().startswith(s)), None)
        if scheme is None:
            raise parameter_invalid(
                f"{field} must be an OBS path starting with obs:// or s3a://, got {uri!r}"
            )
        bucket, _, key = uri[len(scheme) :].partition("/")
        if not _BUCKET.match(bucket):
            raise parameter_invalid(f"{field} has an invalid OBS bucket name {bucket!r}")
        parts = [p for p in key.split("/") if p not in ("", ".")]
        if ".." in parts or "\\" in key or "\x00" in key:
            raise parameter_invalid(f"{field} must not contain '..', '\\' or NUL: {uri!r}")
        if any(len(part.encode()) > _MAX_SEGMENT_BYTES for part in parts):
            raise parameter_invalid(
                f"{field} has a path segment longer than {_MAX_SEGMENT_BYTES} bytes, which the "
                "emulator cannot store as a local file name"
            )
        return self.root.joinpath(bucket, *parts)

    def hide_local_paths(self, text: str) -> str:
        """`text` with local paths inside the store written as their obs:// URIs."""
        return text.replace(f"{self.root.as_posix()}/", "obs://")

    def uri(self, path: Path) -> str:
        """The obs:// URI of a local path inside the store."""
        relative = path.relative_to(self.root)
        return "obs://" + relative.as_posix()
