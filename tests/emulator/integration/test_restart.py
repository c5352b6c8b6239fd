"""kill -9 of an emulator while a job runs, then a restart on the same data directory."""

import httpx

from dli_emulator.testing import EmulatorFactory, run_job, submit, wait_for_status

# Runs for minutes in DuckDB unless interrupted (10^12 joined rows).
LONG_SQL = "SELECT count(*) AS n FROM range(1000000) a CROSS JOIN range(1000000) b"


def test_a_crash_keeps_finished_jobs_and_fails_the_running_one(
    emulator_factory: EmulatorFactory,
) -> None:
    first = emulator_factory.start(in_subprocess=True)
    project = first.project_id
    headers = {"X-Auth-Token": first.token}
    with httpx.Client(base_url=first.base_url, headers=headers, timeout=30.0) as client:
        finished = run_job(client, project, "SELECT 42 AS answer")
        assert finished["status"] == "FINISHED"
        running = submit(client, project, LONG_SQL)
        wait_for_status(client, project, running, states=("RUNNING",))

    emulator_factory.kill(first)
    assert first.log is not None
    output = first.log.read_text()
    assert "POST /v1.0/" in output  # the access log is there, and no secret in it
    assert first.token not in output
    assert first.sk not in output

    second = emulator_factory.start(data_dir=first.data_dir, projects=first.projects)
    with httpx.Client(base_url=second.base_url, headers=headers, timeout=30.0) as client:
        kept = client.get(f"/v1.0/{project}/jobs/{finished['job_id']}/status").json()
        assert kept["status"] == "FINISHED"
        assert kept["result_count"] == 1
        preview = client.get(f"/v1.0/{project}/jobs/{finished['job_id']}/preview").json()
        assert preview["rows"] == [[42]]

        failed = client.get(f"/v1.0/{project}/jobs/{running}/status").json()
        assert failed["status"] == "FAILED"
        assert "stopped while this job was RUNNING" in failed["message"]

        # The restarted emulator runs new jobs.
        assert run_job(client, project, "SELECT 1 AS again")["status"] == "FINISHED"
