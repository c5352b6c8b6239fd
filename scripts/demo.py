"""End-to-end demo: an emulator on a free loopback port, a table, a Spark SQL query through the
generated client, its progress while it runs, and its result as a table.

Run with `make demo`. Everything lives in a temporary folder that is removed at the end; the
emulator is stopped on failure too.
"""

import sys
import tempfile
from pathlib import Path

from dli_client.api.sql_job_results import preview_sql_job_result
from dli_client.api.sql_jobs import create_sql_job
from dli_client.models import (
    CreateSqlJobRequest,
    CreateSqlJobResponse,
    JobMode,
    JobStatus,
    PreviewSqlJobResultResponse,
)
from rich.console import Console
from rich.table import Table

from dli_emulator.config import Settings, dev_projects
from dli_emulator.http.app import create_app
from dli_emulator.http.server import BackgroundServer
from dli_toolkit.credentials import TokenCredentials
from dli_toolkit.errors import DliToolkitError, unwrap
from dli_toolkit.factory import DliClient
from dli_toolkit.waiting import Backoff, JobUpdate

QUEUE = "default"
SETUP = [
    "CREATE TABLE sales (region STRING, product STRING, amount DOUBLE, sold_on DATE)",
    """INSERT INTO sales VALUES
        ('north', 'tea', 12.5, DATE '2024-01-03'), ('north', 'coffee', 30.0, DATE '2024-01-20'),
        ('south', 'tea', 8.25, DATE '2024-01-11'), ('south', 'cocoa', 14.0, NULL),
        ('east', 'coffee', 22.0, DATE '2023-11-30'), ('east', 'tea', 5.5, DATE '2024-01-28')""",
]
# Spark SQL the emulator transpiles for DuckDB: nvl, date_sub.
QUERY = """SELECT region, count(*) AS orders, round(sum(amount), 2) AS revenue,
       max(nvl(sold_on, DATE '1970-01-01')) AS last_sale
FROM sales
WHERE nvl(sold_on, DATE '2024-01-15') >= date_sub(DATE '2024-02-01', 45)
GROUP BY region
ORDER BY revenue DESC"""

console = Console()


def show_update(update: JobUpdate) -> None:
    # The fraction comes from a progress call made after the status call: it only describes
    # the status shown while the job runs or once it has finished.
    known = update.fraction is not None and update.status in (JobStatus.RUNNING, JobStatus.FINISHED)
    done = f"{update.fraction:4.0%}" if known else "   -"
    console.print(f"  job {update.job_id[:8]}  {update.status:<9} {done}  {update.elapsed:5.2f} s")


def run(dli: DliClient, sql: str) -> str:
    """Submit one statement and wait until it finished; its job ID."""
    text = " ".join(sql.split())
    console.print(f"[bold]>[/bold] {text if len(text) <= 72 else text[:69] + '...'}")
    request = CreateSqlJobRequest(sql=sql, queue_name=QUEUE)
    response = create_sql_job.sync_detailed(dli.project_id, client=dli.client, body=request)
    submitted = unwrap(response, CreateSqlJobResponse)
    if submitted.job_mode != JobMode.SYNC:
        dli.wait(
            submitted.job_id,
            timeout=60,
            backoff=Backoff(initial=0.05, cap=0.5),
            on_progress=show_update,
        )
    return submitted.job_id


def print_result(preview: PreviewSqlJobResultResponse) -> None:
    table = Table(title=f"{preview.row_count} rows")
    for column in preview.schema or []:
        for name, spark_type in column.additional_properties.items():
            table.add_column(f"{name}\n[dim]{spark_type}[/dim]")
    for row in preview.rows or []:
        table.add_row(*("NULL" if value is None else str(value) for value in row))
    console.print(table)


def demo(data_dir: Path) -> None:
    projects, _, _ = dev_projects(data_dir)
    project = projects[0]
    settings = Settings(data_dir=data_dir, projects=projects)
    with BackgroundServer(create_app(settings)) as url:
        console.print(f"DLI emulator on {url}")
        console.print(f"  project {project.project_id}, data in {data_dir}")
        credentials = TokenCredentials(project.tokens[0].value, project.project_id)
        with DliClient.create(endpoint=url, credentials=credentials) as dli:
            for statement in SETUP:
                run(dli, statement)
            job_id = run(dli, QUERY)
            response = preview_sql_job_result.sync_detailed(
                dli.project_id, job_id, client=dli.client
            )
            print_result(unwrap(response, PreviewSqlJobResultResponse))
    console.print("Emulator stopped.")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="dli-demo-") as folder:
        try:
            demo(Path(folder))
        except DliToolkitError as error:
            console.print(f"[red]demo failed:[/red] {error}")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
