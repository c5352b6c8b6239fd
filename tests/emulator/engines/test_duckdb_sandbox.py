"""The SQL sandbox of the DuckDB engine: what it refuses, and the Spark SQL it must let through."""

import pytest

from dli_emulator.engines.duckdb.sandbox import check_tenant_sql
from dli_emulator.engines.duckdb.statements import parse_statement
from dli_emulator.errors import FILE_PERMISSION, SQL_PERMISSION, DliError

ALLOWED = [
    "SELECT explode(array(1, 2)) AS x",
    "SELECT * FROM range(3)",
    "SELECT * FROM range(1, 10, 2) AS r(id)",
    "SELECT * FROM explode(array(1, 2))",
    "SELECT * FROM inline(array(struct(1, 'a')))",
    "SELECT * FROM stack(2, 1, 2)",
    "SELECT * FROM read_log LATERAL VIEW explode(array(1)) x AS y",
    "CREATE TABLE read_log (id INT, query STRING)",
    "INSERT INTO read_log (id, query) VALUES (1, 'select current_setting(1)')",
    "SELECT query, count(*) FROM read_log GROUP BY query",
    "SELECT nvl(NULL, 'a'), date_sub(current_date(), 1), concat('a.csv', '/x')",
    "SELECT * FROM read_log AS `q.v`",
    "EXPLAIN SELECT * FROM read_log",
    "SHOW TABLES",
    "DESCRIBE read_log",
]
REFUSED = [
    ("SELECT current_setting('allowed_directories')", SQL_PERMISSION),
    ("SELECT * FROM duckdb_settings()", SQL_PERMISSION),
    ("SELECT * FROM query('SELECT 1')", SQL_PERMISSION),
    ("SELECT * FROM duckdb_databases", SQL_PERMISSION),
    ("SELECT * FROM test_all_types()", SQL_PERMISSION),
    ("SELECT * FROM some_future_reader('/x')", SQL_PERMISSION),
    ("SELECT * FROM system.main.pragma_database_list", SQL_PERMISSION),
    ("SELECT * FROM read_blob('/x/**')", FILE_PERMISSION),
    ("SELECT * FROM read_csv('/x.csv')", FILE_PERMISSION),
    ("SELECT * FROM parquet_scan('/x.parquet')", FILE_PERMISSION),
    ("SELECT * FROM `/tmp/x.parquet`", FILE_PERMISSION),
    ("SELECT * FROM parquet.`/tmp/x`", FILE_PERMISSION),
    ("SELECT * FROM 'data.csv'", FILE_PERMISSION),
    ("CREATE TABLE t AS SELECT * FROM read_text('/etc/hosts')", FILE_PERMISSION),
    ("CREATE VIEW v AS SELECT * FROM duckdb_databases()", SQL_PERMISSION),
    ("EXPLAIN SELECT * FROM read_blob('/x')", FILE_PERMISSION),
    ("DESCRIBE `/tmp/a.csv`", FILE_PERMISSION),
]


@pytest.mark.parametrize("sql", ALLOWED)
def test_spark_sql_passes(sql: str) -> None:
    check_tenant_sql(parse_statement(sql).expression)


@pytest.mark.parametrize(("sql", "code"), REFUSED)
def test_files_settings_and_catalogs_are_refused(sql: str, code: str) -> None:
    with pytest.raises(DliError) as refused:
        check_tenant_sql(parse_statement(sql).expression)
    assert refused.value.error_code == code
