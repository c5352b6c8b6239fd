"""Arrays, maps, structs, generators, higher-order functions and PIVOT through the DuckDB
engine, against real Spark 4.3.0's answers: every column name, Spark type and row expected in
`spark_answers_complex_types.json` is what Spark 4.3.0 (local, `spark.sql.ansi.enabled=false`,
UTC) returned for the same SQL, the corpus cases from the cached conformance truth, the others
from a local Spark run. Rows are compared as a multiset (the corpus orders some only partly)."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from dli_emulator.errors import DliError
from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

SETUP = [
    "CREATE TABLE cx_t (id INT, arr ARRAY<INT>, m MAP<STRING, INT>, "
    "st STRUCT<name: STRING, age: INT>) USING parquet",
    "INSERT INTO cx_t VALUES (1, array(3, 1, 2), map('a', 1, 'b', 2), "
    "named_struct('name', 'ann', 'age', 30)), (2, array(), map(), "
    "named_struct('name', 'bob', 'age', NULL)), (3, NULL, NULL, NULL)",
    "CREATE TABLE ex_t (id INT, tags ARRAY<STRING>, attrs MAP<STRING, INT>) USING parquet",
    "INSERT INTO ex_t VALUES (1, array('x', 'y'), map('a', 1)), (2, array(), map()), "
    "(3, NULL, NULL), (4, array('z'), map('b', 2, 'c', 3))",
    "CREATE TABLE hof_t (id INT, xs ARRAY<INT>) USING parquet",
    "INSERT INTO hof_t VALUES (1, array(1, 2, 3)), (2, array(-1, 0)), (3, NULL)",
    "CREATE TABLE pv_t (yr INT, qtr STRING, region STRING, amount INT) USING parquet",
    "INSERT INTO pv_t VALUES (2023, 'q1', 'n', 10), (2023, 'q2', 'n', 20), (2023, 'q1', 's', 5), "
    "(2024, 'q1', 'n', 7), (2024, 'q2', 's', 9), (2024, 'q2', 's', 1)",
]

# Spark 4.3.0's answers by group: the corpus's complex_types, explode_lateral, higher_order and
# pivot queries, then `edges` beyond the corpus (NULL and empty inputs, _outer forms, ordering,
# index and padding rules).
ANSWERS = json.loads((Path(__file__).parent / "spark_answers_complex_types.json").read_text())
CASES = [
    pytest.param(case["sql"], [tuple(c) for c in case["columns"]], case["rows"], id=f"{group}-{n}")
    for group, cases in ANSWERS.items()
    for n, case in enumerate(cases, 1)
]


@pytest.fixture(scope="module")
def runner(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Jobs]:
    with jobs_in(tmp_path_factory.mktemp("complex"), *SETUP) as runner:
        yield runner


def _multiset(rows: list[list[Any]]) -> list[str]:
    return sorted(json.dumps(row, sort_keys=True, default=str) for row in rows)


@pytest.mark.parametrize(("sql", "columns", "rows"), CASES)
def test_answers_as_spark(
    runner: Jobs, sql: str, columns: list[tuple[str, str]], rows: list[list[Any]]
) -> None:
    got_columns, got_rows = runner.columns(sql)
    assert got_columns == columns
    assert _multiset(got_rows) == _multiset(rows)


def test_shuffle_keeps_the_elements(runner: Jobs) -> None:
    columns, rows = runner.columns("SELECT sort_array(shuffle(array(3, 1, 2, 1))) AS s")
    assert columns == [("s", "array<int>")]
    assert rows == [[[1, 1, 2, 3]]]


def test_check_types_a_generator_argument_from_its_table(runner: Jobs) -> None:
    """The submit-time check translates with the same type probe as the run: explode of a map
    column is accepted, not refused as an array UNNEST DuckDB cannot bind."""
    statement = runner.engine.parse("SELECT explode(attrs) FROM ex_t")
    runner.engine.check("p1", statement, "default")


def test_insert_and_create_as_select_explode_a_map_column(runner: Jobs) -> None:
    """INSERT ... SELECT and CREATE TABLE ... AS SELECT type a generator's argument too."""
    runner.run("CREATE TABLE kv_t (k STRING, v INT) USING parquet")
    runner.run("INSERT INTO kv_t SELECT explode(attrs) FROM ex_t WHERE id = 4")
    runner.run("CREATE TABLE kv_copy USING parquet AS SELECT explode(attrs) FROM ex_t WHERE id = 1")
    assert runner.columns("SELECT * FROM kv_t ORDER BY k")[1] == [["b", 2], ["c", 3]]
    assert runner.columns("SELECT * FROM kv_copy") == (
        [("key", "string"), ("value", "int")],
        [["a", 1]],
    )


def test_a_higher_order_function_without_a_lambda_is_refused(runner: Jobs) -> None:
    """Spark's analyzer refuses zip_with(a, b, 3); so does the check, in the service's words."""
    statement = runner.engine.parse("SELECT zip_with(array(1), array(2), 3)")
    with pytest.raises(DliError) as refused:
        runner.engine.check("p1", statement, "default")
    assert refused.value.error_code == "DLI.0005"
    assert "lambda function" in refused.value.error_msg
