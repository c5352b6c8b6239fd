"""Where a job's files live in the emulated OBS job bucket, as the real service lays them out.

`result_path` and `execution_details_path` are folders
`obs://<bucket>/jobs/{result,execution_details}/<project_id>/<yyyy>/<mm>/<dd>/<job_id>`;
a QUERY result is the engine's Parquet files in its folder (the service writes CSV there, and
still reports `result_format: csv`; the emulator keeps Parquet so previews stay cheap), and the
execution details are the engine's JSON profile of the statement.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..storage.obs import ObsStore

JOB_BUCKET = "dli-job-bucket"
DETAILS_FILE = "profile.json"


def folder_uri(kind: str, project_id: str, job_id: str, start_ms: int) -> str:
    day = dt.datetime.fromtimestamp(start_ms / 1000, dt.UTC)
    return f"obs://{JOB_BUCKET}/jobs/{kind}/{project_id}/{day:%Y/%m/%d}/{job_id}"


def result_uri(project_id: str, job_id: str, start_ms: int) -> str:
    return folder_uri("result", project_id, job_id, start_ms)


def details_uri(project_id: str, job_id: str, start_ms: int) -> str:
    return folder_uri("execution_details", project_id, job_id, start_ms)


def result_dir(obs: ObsStore, uri: str) -> Path:
    return obs.local_path(uri, "result_path")


def details_dir(obs: ObsStore, uri: str) -> Path:
    return obs.local_path(uri, "execution_details_path")


def details_file(obs: ObsStore, uri: str) -> Path:
    return obs.local_path(uri, "execution_details_path") / DETAILS_FILE
