"""The Spark engine's submit-time reading of a statement: its job type, and the refusal of
every clause that names a file or folder of the machine (the JVMs of all projects share the
host's file system). Pure text work: no JVM is started."""

import pytest

from dli_emulator.engines.spark.statements import classify
from dli_emulator.errors import DliError
from dli_emulator.model import JobType


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TABLE t (a INT) USING parquet LOCATION '/etc'",
        'CREATE DATABASE d LOCATION "../other-project"',
        "ALTER TABLE t SET LOCATION 'file:/tmp/x'",
        "ALTER TABLE t ADD PARTITION (p = 1) LOCATION '/x'",
        "LOAD DATA LOCAL INPATH '/etc/passwd' INTO TABLE t",
        "INSERT OVERWRITE LOCAL DIRECTORY '/tmp/x' SELECT 1",
        "INSERT OVERWRITE DIRECTORY USING parquet OPTIONS (path '/tmp/x') SELECT 1",
        "CREATE TABLE t USING csv OPTIONS (path '/etc/passwd')",
        "CREATE TABLE t USING csv OPTIONS ('header' 'true', 'path'='/etc/passwd')",
        "CREATE TABLE t USING csv OPTIONS (header 'a)b', `paths` '/x')",
        "CREATE FUNCTION f AS 'x.Y' USING JAR '/tmp/a.jar'",
        "create table t using parquet\nlocation\n'/x'",
    ],
)
def test_clauses_naming_host_files_are_refused(sql: str) -> None:
    with pytest.raises(DliError) as refused:
        classify(sql)
    assert refused.value.error_code == "DLI.0007"
    assert "is not supported" in str(refused.value)


@pytest.mark.parametrize(
    ("sql", "job_type"),
    [
        ("SELECT location, directory FROM t", JobType.QUERY),
        ("SELECT 'LOCATION ''/x''' AS a", JobType.QUERY),
        ("SELECT \"LOCATION '/x'\" AS a", JobType.QUERY),
        ("SELECT 1 -- LOCATION '/x'", JobType.QUERY),
        ("SELECT 1 /* INPATH '/x' */", JobType.QUERY),
        ("CREATE TABLE t (location STRING, `path` STRING) USING parquet", JobType.DDL),
        ("CREATE TABLE t USING parquet OPTIONS ('compression'='snappy') AS SELECT 1", JobType.DDL),
        ("INSERT OVERWRITE TABLE t SELECT 1", JobType.INSERT),
    ],
)
def test_the_same_words_elsewhere_are_not_refused(sql: str, job_type: JobType) -> None:
    assert classify(sql).job_type == job_type
