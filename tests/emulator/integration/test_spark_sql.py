"""Spark SQL that DuckDB only runs once transpiled (explode, nvl, date_sub), sent over HTTP."""

import httpx

from dli_emulator.testing import EmulatorInstance, run_job
from tests.support.spark_http import preview


def test_spark_functions_run_on_a_table_over_http(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    project = emulator.project_id
    statements = [
        "CREATE TABLE spark_orders (id INT, items ARRAY<STRING>, note STRING, placed DATE)",
        """INSERT INTO spark_orders VALUES
           (1, array('tea', 'cake'), NULL, DATE '2024-03-01'),
           (2, array('coffee'), 'rush', DATE '2024-01-15')""",
    ]
    for sql in statements:
        status = run_job(emulator_http, project, sql)
        assert status["status"] == "FINISHED", status

    query = """SELECT id, explode(items) AS item, nvl(note, 'none') AS note,
                      date_sub(placed, 1) AS day_before
               FROM spark_orders ORDER BY id, item"""
    status = run_job(emulator_http, project, query)
    assert status["status"] == "FINISHED", status
    assert status["result_count"] == 3

    result = preview(emulator_http, project, str(status["job_id"]))
    assert result["schema"] == [
        {"id": "int"},
        {"item": "string"},
        {"note": "string"},
        {"day_before": "date"},
    ]
    assert result["rows"] == [
        [1, "cake", "none", "2024-02-29"],
        [1, "tea", "none", "2024-02-29"],
        [2, "coffee", "rush", "2024-01-14"],
    ]


def test_check_sql_classifies_spark_statements(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    response = emulator_http.post(
        f"/v1.0/{emulator.project_id}/jobs/check-sql",
        json={"sql": "SELECT explode(array(1, 2)) AS x"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["job_type"] == "QUERY"

    response = emulator_http.post(
        f"/v1.0/{emulator.project_id}/jobs/check-sql", json={"sql": "SELEC 1"}
    )
    assert response.status_code == 400
    assert response.json()["error_code"] == "DLI.0004"


def test_a_sum_beyond_64_bits_wraps_as_in_spark(
    emulator: EmulatorInstance, emulator_http: httpx.Client
) -> None:
    # DuckDB sums BIGINTs into a 128-bit integer; Spark's sum of integers is a bigint that wraps
    # around without ANSI mode (the corpus's aggregates category checks this on real Spark).
    sql = "SELECT sum(x) AS total FROM VALUES (9223372036854775807), (9223372036854775807) AS t(x)"
    status = run_job(emulator_http, emulator.project_id, sql)
    assert status["status"] == "FINISHED", status
    result = preview(emulator_http, emulator.project_id, str(status["job_id"]))
    assert result["schema"] == [{"total": "bigint"}]
    assert result["rows"] == [[-2]]
