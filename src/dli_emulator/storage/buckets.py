"""Who owns each OBS bucket: declared per project in the config, else the first project to write.

The real service answers a project that touches a bucket it has no rights on with DLI.0011
("The file permission check fails", error-code table of the DLI API reference, dli_02_0056).
Claims of undeclared buckets are kept in `<data dir>/bucket-owners.json`, replaced atomically,
so they survive a restart. The job bucket belongs to no one: each project owns its own
`jobs/<kind>/<project_id>/` area in it (where its results and execution details live).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path

from ..errors import DliError, file_permission_denied

OWNERS_FILE = "bucket-owners.json"
JOB_AREAS = ("result", "execution_details")


class BucketOwners:
    def __init__(self, data_dir: Path, declared: Mapping[str, str], job_bucket: str) -> None:
        self._path = data_dir / OWNERS_FILE
        self._declared = dict(declared)
        self._job_bucket = job_bucket
        self._lock = threading.Lock()
        self._claimed: dict[str, str] = {}
        if self._path.is_file():
            loaded = json.loads(self._path.read_text(encoding="utf-8"))
            self._claimed = {str(k): str(v) for k, v in loaded.items()}

    def owner(self, bucket: str) -> str | None:
        with self._lock:
            return self._declared.get(bucket) or self._claimed.get(bucket)

    def check_read(self, project_id: str, bucket: str, key: str, uri: str) -> None:
        """DLI.0011 unless `project_id` may read `key` of `bucket`."""
        if bucket == self._job_bucket:
            self._check_job_area(project_id, key, uri)
            return
        owner = self.owner(bucket)
        if owner is not None and owner != project_id:
            raise _denied(uri)

    def claim(self, project_id: str, bucket: str, key: str, uri: str) -> None:
        """DLI.0011 unless `project_id` may write `bucket`; an unowned bucket becomes its own."""
        if bucket == self._job_bucket:
            self._check_job_area(project_id, key, uri)
            return
        with self._lock:
            owner = self._declared.get(bucket) or self._claimed.get(bucket)
            if owner is None:
                self._claimed[bucket] = project_id
                self._save()
            elif owner != project_id:
                raise _denied(uri)

    def clear(self) -> None:
        """Forget every claim (reset); declared buckets stay their projects'."""
        with self._lock:
            self._claimed.clear()
            self._path.unlink(missing_ok=True)

    def _check_job_area(self, project_id: str, key: str, uri: str) -> None:
        parts = [p for p in key.split("/") if p]
        if len(parts) < 3 or parts[0] != "jobs" or parts[1] not in JOB_AREAS:
            raise _denied(uri)
        if parts[2] != project_id:
            raise _denied(uri)

    def _save(self) -> None:
        temporary = self._path.with_name(f".{OWNERS_FILE}.tmp")
        temporary.write_text(json.dumps(self._claimed, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self._path)


def _denied(uri: str) -> DliError:
    return file_permission_denied(f"No permission to access the OBS path {uri}")
