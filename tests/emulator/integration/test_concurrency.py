"""Fifty jobs submitted at once from threads: every one is kept, listed and ends FINISHED."""

from concurrent.futures import ThreadPoolExecutor

import httpx

from dli_emulator.testing import EmulatorFactory, submit, wait_for_status

JOBS = 50


def test_concurrent_submits_are_all_kept_listed_and_terminal(
    emulator_factory: EmulatorFactory,
) -> None:
    emulator = emulator_factory.start(workers=4)
    project = emulator.project_id
    headers = {"X-Auth-Token": emulator.token}
    with httpx.Client(base_url=emulator.base_url, headers=headers, timeout=30.0) as client:
        with ThreadPoolExecutor(max_workers=16) as pool:
            job_ids = list(
                pool.map(lambda n: submit(client, project, f"SELECT {n} AS n"), range(JOBS))
            )
        assert len(set(job_ids)) == JOBS

        final = [wait_for_status(client, project, job_id) for job_id in job_ids]
        assert {status["status"] for status in final} == {"FINISHED"}

        listed = client.get(f"/v1.0/{project}/jobs", params={"page-size": 100}).json()
        assert listed["job_count"] == JOBS
        assert {job["job_id"] for job in listed["jobs"]} == set(job_ids)

        # Each job ran its own statement.
        for n, job_id in enumerate(job_ids):
            preview = client.get(f"/v1.0/{project}/jobs/{job_id}/preview").json()
            assert preview["rows"] == [[n]]
