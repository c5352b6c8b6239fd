"""Object storage (OBS) emulated as a folder: `obs://bucket/key` is `<data_dir>/obs/bucket/key`.

`s3a://bucket/key` names the same object (the SDK documents s3a paths for import/export, the
service documents obs:// ones). Paths may not climb out of their bucket. A project reaches a
bucket only through `readable` and `writable`, which check the bucket's owner (`buckets`).

Writes that replace a folder go through `staging` and `swap_in`, so the old folder stays whole
until the new one is complete; `clean_leftovers` removes what a crash left half-way.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

from ..errors import parameter_invalid
from .buckets import BucketOwners

SCHEMES = ("obs://", "s3a://")
# Letters, digits, '-' and '.', starting and ending with a letter or digit (the contract's
# pattern; the DOC's own example bucket `DLI` is upper case).
_BUCKET = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.-]*[A-Za-z0-9]$")
# OBS keys have no such limit, but each segment becomes a local file or folder name (NAME_MAX).
_MAX_SEGMENT_BYTES = 255
# Hidden names (a leading dot: imports skip them) of folders being written or replaced.
STAGING_MARK = ".dli-staging-"
REPLACED_MARK = ".dli-replaced-"
HIDDEN_DATA_DIR = "<data dir>"


class ObsStore:
    def __init__(self, root: Path, owners: BucketOwners | None = None) -> None:
        self.root = root
        self.owners = owners
        # Each path as given and resolved (symlinks, relative data dirs), longest first.
        forms = {root.as_posix(), root.resolve().as_posix()}
        self._roots = sorted(forms, key=len, reverse=True)
        # A relative data dir ("data") only as a path prefix, so the word itself survives.
        data = {root.parent.resolve().as_posix(), f"{root.parent.as_posix()}/"}
        self._data_dirs = sorted((d for d in data if d not in ("/", "./")), key=len, reverse=True)

    def readable(self, project_id: str, uri: str, field: str = "data_path") -> Path:
        """`local_path`, once `project_id` is found allowed to read it (DLI.0011 if not)."""
        path = self.local_path(uri, field)
        if self.owners is not None:
            bucket, key = self._bucket_and_key(path)
            self.owners.check_read(project_id, bucket, key, uri)
        return path

    def writable(self, project_id: str, uri: str, field: str = "data_path") -> Path:
        """`local_path`, once `project_id` is found allowed to write it (DLI.0011 if not); a
        bucket nobody owns becomes `project_id`'s."""
        path = self.local_path(uri, field)
        if self.owners is not None:
            bucket, key = self._bucket_and_key(path)
            self.owners.claim(project_id, bucket, key, uri)
        return path

    def _bucket_and_key(self, path: Path) -> tuple[str, str]:
        bucket, *key = path.relative_to(self.root).parts
        return bucket, "/".join(key)

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
        """`text` with no host path: paths inside the store written as their obs:// URIs, any
        other path of the emulator's data directory (databases, their WAL and temporary files)
        as `<data dir>`. Engine errors quote the files they touched, and a statement's own text
        may quote a host path it guessed."""
        for root in self._roots:
            text = text.replace(f"{root}/", "obs://")
        for data in self._data_dirs:
            hidden = f"{HIDDEN_DATA_DIR}/" if data.endswith("/") else HIDDEN_DATA_DIR
            text = text.replace(data, hidden)
        return text

    def uri(self, path: Path) -> str:
        """The obs:// URI of a local path inside the store."""
        relative = path.relative_to(self.root)
        return "obs://" + relative.as_posix()

    # -- replacing folders safely ------------------------------------------------------------

    def staging(self, target: Path) -> Path:
        """A new hidden folder beside `target` to write its replacement into."""
        target.parent.mkdir(parents=True, exist_ok=True)
        folder = target.parent / f"{STAGING_MARK}{uuid.uuid4().hex[:12]}-{target.name}"
        folder.mkdir()
        return folder

    def swap_in(self, staged: Path, target: Path) -> None:
        """Make the complete folder `staged` the folder `target`; the old `target` goes last."""
        old = None
        if target.exists() or target.is_symlink():
            old = target.parent / f"{REPLACED_MARK}{uuid.uuid4().hex[:12]}-{target.name}"
            os.rename(target, old)
        os.rename(staged, target)
        if old is not None:
            _remove(old)

    def discard(self, staged: Path) -> None:
        _remove(staged)

    def clean_leftovers(self) -> int:
        """At start-up: undo what a crash left half-way; returns how many paths it touched.

        A staging folder is deleted; a replaced folder whose target is missing (the crash fell
        between the two renames of `swap_in`) is put back, else deleted; hidden temporary
        files of an export (`.part-*.tmp`) are deleted.
        """
        touched = 0
        for folder, names, files in os.walk(self.root):
            here = Path(folder)
            for name in list(names):
                path = here / name
                if name.startswith(STAGING_MARK):
                    _remove(path)
                elif name.startswith(REPLACED_MARK):
                    original = here / name[len(REPLACED_MARK) :].partition("-")[2]
                    if original.exists():
                        _remove(path)
                    else:
                        os.rename(path, original)
                else:
                    continue
                names.remove(name)
                touched += 1
            for name in files:
                if name.startswith(".part-") and name.endswith(".tmp"):
                    (here / name).unlink(missing_ok=True)
                    touched += 1
        return touched


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
