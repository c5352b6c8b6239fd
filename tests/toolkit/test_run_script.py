"""run() and run_script() on the emulator: a script of statements, in order, as separate jobs."""

import uuid

from dli_client.models.job_status import JobStatus

from dli_toolkit.errors import InvalidSql, JobFailed
from dli_toolkit.factory import DliClient
from dli_toolkit.pipelines import run_script


def _script(table: str, bad: str) -> str:
    return f"""-- a table, rows, a query; then something that fails; then one that must not run
create table {table} (id int, note string);
insert into {table} values (1, 'a;b'), (2, '${{note}}');
select id, note from {table} order by id;
{bad};
insert into {table} values (3, 'never');
"""


def test_a_script_runs_in_order_and_stops_at_the_first_failure(dli: DliClient) -> None:
    table = f"script_{uuid.uuid4().hex[:8]}"
    started: list[int] = []
    outcomes = run_script(
        dli,
        _script(table, "selec 1"),
        variables={"note": "from --var"},
        on_start=lambda index, _: started.append(index),
    )
    assert [o.status for o in outcomes] == ["FINISHED", "FINISHED", "FINISHED", "FAILED", "SKIPPED"]
    assert started == [0, 1, 2, 3]
    assert outcomes[2].result is not None
    assert outcomes[2].result.rows == [(1, "a;b"), (2, "from --var")]
    assert isinstance(outcomes[3].error, InvalidSql)
    assert outcomes[4].job_id is None
    # The statement after the failure did not run: the table still has two rows.
    check = run_script(dli, f"select count(*) from {table}")
    assert check[0].result is not None and check[0].result.rows == [(2,)]


def test_continue_on_error_runs_the_rest(dli: DliClient) -> None:
    table = f"script_{uuid.uuid4().hex[:8]}"
    # Fails while running (the table does not exist), not at submit.
    bad = f"insert into {table}_missing select * from {table}"
    outcomes = run_script(dli, _script(table, bad), variables={"note": "x"}, continue_on_error=True)
    assert [o.status for o in outcomes] == [JobStatus.FINISHED] * 3 + ["FAILED", "FINISHED"]
    assert isinstance(outcomes[3].error, InvalidSql | JobFailed)
    check = run_script(dli, f"select count(*) from {table}")
    assert check[0].result is not None and check[0].result.rows == [(3,)]
