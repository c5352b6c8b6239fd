"""ALTER, DROP, TRUNCATE and INSERT against Spark's catalog rules, in the DuckDB engine.

Every expected answer (rows, error classes and messages) is what real Spark 4.3.0 gave for the
same statements (pyspark, local, non-ANSI, UTC: the conformance truth's settings).
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.emulator.engines.duckdb_jobs import Jobs, jobs_in

SETUP = (
    "CREATE TABLE t (a INT, s STRING) USING parquet",
    "INSERT INTO t VALUES (1, 'x'), (2, NULL)",
    "CREATE TABLE p (v INT, day STRING) USING parquet PARTITIONED BY (day)",
    "INSERT INTO p VALUES (1, 'd1')",
)


@pytest.fixture
def jobs(tmp_path: Path) -> Iterator[Jobs]:
    with jobs_in(tmp_path, *SETUP) as jobs:
        yield jobs


def test_alter_view_as_replaces_the_query(jobs: Jobs) -> None:
    jobs.run("CREATE VIEW v AS SELECT a, s FROM t")
    jobs.run("ALTER VIEW v AS SELECT s FROM t")
    assert sorted(jobs.rows("SELECT * FROM v"), key=str) == [["x"], [None]]
    assert jobs.rows("SHOW CREATE TABLE v") == [
        ["CREATE VIEW default.v (\n  s)\nWITH SCHEMA COMPENSATION\nAS SELECT s FROM t\n"]
    ]
    assert jobs.refused("ALTER VIEW t AS SELECT 1").error_msg == (
        "[EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE] The table `spark_catalog`.`default`.`t` does "
        "not support ALTER VIEW ... AS."
    )
    assert jobs.refused("ALTER VIEW nov AS SELECT 1").error_msg.startswith(
        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `nov` cannot be found."
    )


def test_alter_column_comment_shows_in_describe_and_show_create(jobs: Jobs) -> None:
    jobs.run("ALTER TABLE t ALTER COLUMN a COMMENT 'the a'")
    assert jobs.rows("DESCRIBE t") == [["a", "int", "the a"], ["s", "string", None]]
    assert jobs.rows("SHOW CREATE TABLE t") == [
        [
            "CREATE TABLE spark_catalog.default.t (\n  a INT COMMENT 'the a',\n"
            "  s STRING COLLATE UTF8_BINARY)\nUSING parquet\n"
        ]
    ]


def test_add_columns_keeps_partition_columns_last(jobs: Jobs) -> None:
    jobs.run("ALTER TABLE p ADD COLUMNS (w INT COMMENT 'new')")
    jobs.run("INSERT INTO p VALUES (2, 3, 'd2')")
    outcome = jobs.run("SELECT * FROM p")
    assert outcome.fields is not None
    assert [f.name for f in outcome.fields] == ["v", "w", "day"]
    assert sorted(jobs.rows("SELECT * FROM p"), key=str) == [[1, None, "d1"], [2, 3, "d2"]]
    assert jobs.rows("DESCRIBE p")[:3] == [
        ["v", "int", None],
        ["w", "int", "new"],
        ["day", "string", None],
    ]
    assert jobs.rows("SHOW PARTITIONS p") == [["day=d1"], ["day=d2"]]


def test_add_and_drop_partition(jobs: Jobs) -> None:
    jobs.run("ALTER TABLE p ADD PARTITION (day = 'd9')")
    assert jobs.rows("SHOW PARTITIONS p") == [["day=d1"], ["day=d9"]]
    jobs.run("ALTER TABLE p DROP PARTITION (day = 'd1')")
    assert jobs.rows("SHOW PARTITIONS p") == [["day=d9"]]
    assert jobs.rows("SELECT count(*) FROM p") == [[0]]
    assert jobs.refused("ALTER TABLE p DROP PARTITION (day = 'zz')").error_msg == (
        "[PARTITIONS_NOT_FOUND] The partition(s) PARTITION (`day` = zz) cannot be found in "
        "table `default`.`p`."
    )
    jobs.run("ALTER TABLE p DROP IF EXISTS PARTITION (day = 'zz')")
    assert jobs.refused("ALTER TABLE p ADD PARTITION (day = 'd9')").error_msg == (
        "[PARTITIONS_ALREADY_EXIST] Cannot ADD or RENAME TO partition(s) PARTITION (`day` = d9) "
        "in table `default`.`p` because they already exist."
    )
    jobs.run("ALTER TABLE p ADD IF NOT EXISTS PARTITION (day = 'd9')")
    assert jobs.refused("ALTER TABLE p ADD PARTITION (nope = 'd1')").error_msg == (
        "[PARTITIONS_NOT_FOUND] The partition(s) `nope` cannot be found in table "
        "`spark_catalog`.`default`.`p`."
    )


def test_tblproperties_and_table_comment(jobs: Jobs) -> None:
    jobs.run(
        "CREATE TABLE tp (a INT) USING parquet COMMENT 'hello' "
        "TBLPROPERTIES ('x' = '1', 'y' = 'two')"
    )
    assert jobs.rows("SHOW CREATE TABLE tp") == [
        [
            "CREATE TABLE spark_catalog.default.tp (\n  a INT)\nUSING parquet\nCOMMENT 'hello'\n"
            "TBLPROPERTIES (\n  'x' = '1',\n  'y' = 'two')\n"
        ]
    ]
    assert jobs.rows("SHOW TBLPROPERTIES tp") == [["x", "1"], ["y", "two"]]
    assert jobs.rows("SHOW TBLPROPERTIES tp ('y')") == [["y", "two"]]
    assert jobs.rows("SHOW TBLPROPERTIES tp ('zz')") == [
        ["zz", "Table spark_catalog.default.tp does not have property: zz"]
    ]
    jobs.run("ALTER TABLE t SET TBLPROPERTIES ('k' = 'v')")
    assert jobs.rows("SHOW TBLPROPERTIES t") == [["k", "v"]]


@pytest.mark.parametrize("action", ["RENAME COLUMN s TO s2", "DROP COLUMN s"])
def test_renaming_or_dropping_a_column_is_refused(jobs: Jobs, action: str) -> None:
    operation = " ".join(action.split()[:2])
    assert jobs.refused(f"ALTER TABLE t {action}").error_msg == (
        "[UNSUPPORTED_FEATURE.TABLE_OPERATION] The feature is not supported: Table "
        f"`spark_catalog`.`default`.`t` does not support {operation}. Please check the current "
        "catalog and namespace to make sure the qualified table name is expected, and also check "
        'the catalog implementation which is configured by "spark.sql.catalog".'
    )
    assert jobs.rows("DESCRIBE t") == [["a", "int", None], ["s", "string", None]]


@pytest.mark.parametrize(
    ("action", "new_type"),
    [
        ("ALTER COLUMN a TYPE BIGINT", "BIGINT"),
        ("CHANGE COLUMN a a BIGINT", "BIGINT"),
        ("CHANGE a a BIGINT", "BIGINT"),
        ("ALTER COLUMN a TYPE STRING", "STRING"),
    ],
)
def test_a_new_column_type_is_refused(jobs: Jobs, action: str, new_type: str) -> None:
    assert jobs.refused(f"ALTER TABLE t {action}").error_msg == (
        "[NOT_SUPPORTED_CHANGE_COLUMN] ALTER TABLE ALTER/CHANGE COLUMN is not supported for "
        'changing `spark_catalog`.`default`.`t`\'s column `a` with type "INT" to `a` with type '
        f'"{new_type}".'
    )
    assert jobs.rows("DESCRIBE t") == [["a", "int", None], ["s", "string", None]]


@pytest.mark.parametrize(
    ("action", "operation"),
    [
        ("REPLACE COLUMNS (a INT)", "REPLACE COLUMNS"),
        ("ALTER COLUMN s SET NOT NULL", "ALTER COLUMN ... SET NOT NULL"),
        ("ALTER COLUMN s DROP NOT NULL", "ALTER COLUMN ... SET NOT NULL"),
    ],
)
def test_other_column_changes_are_refused(jobs: Jobs, action: str, operation: str) -> None:
    assert jobs.refused(f"ALTER TABLE t {action}").error_msg == (
        "[UNSUPPORTED_FEATURE.TABLE_OPERATION] The feature is not supported: Table "
        f"`spark_catalog`.`default`.`t` does not support {operation}. Please check the current "
        "catalog and namespace to make sure the qualified table name is expected, and also check "
        'the catalog implementation which is configured by "spark.sql.catalog".'
    )


def test_the_same_type_changes_nothing_but_the_comment(jobs: Jobs) -> None:
    jobs.run("ALTER TABLE t ALTER COLUMN a TYPE INT")
    jobs.run("ALTER TABLE t CHANGE COLUMN a a INT COMMENT 'y'")
    assert jobs.rows("DESCRIBE t") == [["a", "int", "y"], ["s", "string", None]]
    assert sorted(jobs.rows("SELECT a FROM t")) == [[1], [2]]
    error = jobs.refused("ALTER TABLE t CHANGE COLUMN a b INT")
    assert (error.error_code, error.error_msg) == (
        "DLI.0004",
        "Renaming column is not supported in Hive-style ALTER COLUMN, please run RENAME COLUMN "
        "instead.",
    )


def test_drop_table_drops_a_view_and_drop_view_refuses_a_table(jobs: Jobs) -> None:
    jobs.run("CREATE VIEW v AS SELECT a FROM t")
    jobs.run("DROP TABLE v")
    assert jobs.rows("SHOW VIEWS") == []
    assert jobs.refused("DROP VIEW t").error_msg == (
        "[WRONG_COMMAND_FOR_OBJECT_TYPE] The operation DROP VIEW requires a VIEW or METRIC_VIEW. "
        "But spark_catalog.default.t is a MANAGED. Use DROP TABLE instead."
    )
    jobs.run("DROP VIEW IF EXISTS nov")
    jobs.run("DROP TABLE IF EXISTS nov")


@pytest.mark.parametrize(
    ("sql", "operation"),
    [("TRUNCATE TABLE v", "TRUNCATE TABLE"), ("INSERT INTO v VALUES (1)", "INSERT")],
)
def test_writing_into_a_view_is_refused(jobs: Jobs, sql: str, operation: str) -> None:
    jobs.run("CREATE VIEW v AS SELECT a FROM t")
    assert jobs.refused(sql).error_msg == (
        f"[EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE] '{operation}' expects a table but "
        "`spark_catalog`.`default`.`v` is a view."
    )


def test_a_partition_clause_names_partition_columns_only(jobs: Jobs) -> None:
    for sql, column, table in [
        ("INSERT INTO p PARTITION (nope = 'x') SELECT 1", "nope", "p"),
        ("INSERT INTO p PARTITION (day = 'd5', v = 3) SELECT 1", "v", "p"),
        ("INSERT INTO t PARTITION (a = 1) SELECT 'x'", "a", "t"),
    ]:
        assert jobs.refused(sql).error_msg == (
            f"[PARTITIONS_NOT_FOUND] The partition(s) `{column}` cannot be found in table "
            f"`spark_catalog`.`default`.`{table}`."
        )
    assert jobs.rows("SELECT * FROM p") == [[1, "d1"]]


def test_a_partition_clause_is_matched_by_name(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE q (v INT, day STRING, h INT) USING parquet PARTITIONED BY (day, h)")
    jobs.run("INSERT INTO q PARTITION (h = 1, day = 'x') SELECT 5")
    assert jobs.rows("SELECT * FROM q") == [[5, "x", 1]]


def test_not_null_is_not_enforced_on_file_tables(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE nn (a INT NOT NULL) USING parquet")
    jobs.run("INSERT INTO nn VALUES (NULL)")
    assert jobs.rows("SELECT * FROM nn") == [[None]]


def test_a_static_partition_with_a_column_list(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE q (v INT, w STRING, day STRING) USING parquet PARTITIONED BY (day)")
    jobs.run("INSERT INTO q PARTITION (day = 'x') (w, v) VALUES ('a', 1)")
    assert jobs.rows("SELECT * FROM q") == [[1, "a", "x"]]
    jobs.run("INSERT INTO q (day, v) VALUES ('z', 3)")
    jobs.run("INSERT OVERWRITE q PARTITION (day = 'x') (v) VALUES (4)")
    assert sorted(jobs.rows("SELECT * FROM q"), key=str) == [[3, None, "z"], [4, None, "x"]]


def test_create_table_like_takes_partitioning_source_and_comments(jobs: Jobs) -> None:
    jobs.run(
        "CREATE TABLE src (v INT COMMENT 'vv', day STRING) USING csv PARTITIONED BY (day) "
        "COMMENT 'tc' TBLPROPERTIES ('k' = 'v')"
    )
    jobs.run("CREATE TABLE l1 LIKE src")
    assert jobs.rows("SHOW CREATE TABLE l1") == [
        [
            "CREATE TABLE spark_catalog.default.l1 (\n  v INT COMMENT 'vv',\n"
            "  day STRING COLLATE UTF8_BINARY)\nUSING csv\nPARTITIONED BY (day)\n"
        ]
    ]
    jobs.run("CREATE TABLE l2 LIKE src USING parquet TBLPROPERTIES ('a' = 'b')")
    assert jobs.rows("SHOW CREATE TABLE l2") == [
        [
            "CREATE TABLE spark_catalog.default.l2 (\n  v INT COMMENT 'vv',\n"
            "  day STRING COLLATE UTF8_BINARY)\nUSING parquet\nPARTITIONED BY (day)\n"
            "TBLPROPERTIES (\n  'a' = 'b')\n"
        ]
    ]


def test_unset_tblproperties_removes_keys(jobs: Jobs) -> None:
    jobs.run("ALTER TABLE p SET TBLPROPERTIES ('a'='1', 'b'='2')")
    jobs.run("ALTER TABLE p UNSET TBLPROPERTIES ('a', 'zz')")  # a missing key is no error
    assert jobs.rows("SHOW TBLPROPERTIES p") == [["b", "2"]]
    jobs.run("ALTER TABLE p UNSET TBLPROPERTIES IF EXISTS ('b')")
    assert jobs.rows("SHOW TBLPROPERTIES p") == []


@pytest.mark.parametrize(
    "sql",
    [
        "MSCK REPAIR TABLE p",
        "MSCK REPAIR TABLE p SYNC PARTITIONS",
        "ALTER TABLE p RECOVER PARTITIONS",
    ],
)
def test_repairing_partitions_keeps_them(jobs: Jobs, sql: str) -> None:
    jobs.run(sql)
    assert jobs.rows("SHOW PARTITIONS p") == [["day=d1"]]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "ALTER TABLE t RECOVER PARTITIONS",
            "[NOT_A_PARTITIONED_TABLE] Operation ALTER TABLE RECOVER PARTITIONS is not allowed "
            "for `spark_catalog`.`default`.`t` because it is not a partitioned table.",
        ),
        (
            "MSCK REPAIR TABLE t",
            "[NOT_A_PARTITIONED_TABLE] Operation MSCK REPAIR TABLE is not allowed for "
            "`spark_catalog`.`default`.`t` because it is not a partitioned table.",
        ),
        (
            "MSCK REPAIR TABLE nosuch",
            "[TABLE_OR_VIEW_NOT_FOUND] The table or view `nosuch` cannot be found. Verify the "
            "spelling and correctness of the schema and catalog.",
        ),
        (
            "ALTER TABLE v UNSET TBLPROPERTIES ('a')",
            "[EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW] 'ALTER TABLE ... UNSET TBLPROPERTIES' expects "
            "a table but `spark_catalog`.`default`.`v` is a view. Please use ALTER VIEW instead.",
        ),
        (
            "ALTER TABLE v SET TBLPROPERTIES ('a' = '1')",
            "[EXPECT_TABLE_NOT_VIEW.USE_ALTER_VIEW] 'ALTER TABLE ... SET TBLPROPERTIES' expects "
            "a table but `spark_catalog`.`default`.`v` is a view. Please use ALTER VIEW instead.",
        ),
        (
            "ALTER VIEW t UNSET TBLPROPERTIES ('a')",
            "[EXPECT_VIEW_NOT_TABLE.USE_ALTER_TABLE] The table `spark_catalog`.`default`.`t` does "
            "not support ALTER VIEW ... UNSET TBLPROPERTIES. Please use ALTER TABLE instead.",
        ),
        (
            "ALTER TABLE t SET TBLPROPERTIES ('owner' = 'me')",
            "[UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY] The feature is not supported: owner is a "
            "reserved table property, it will be set to the current user.",
        ),
        (
            "ALTER TABLE t UNSET TBLPROPERTIES ('location')",
            "[UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY] The feature is not supported: location is a "
            "reserved table property, please use the LOCATION clause to specify it.",
        ),
        (
            "CREATE TABLE r (a INT) USING parquet TBLPROPERTIES ('provider' = 'orc')",
            "[UNSUPPORTED_FEATURE.SET_TABLE_PROPERTY] The feature is not supported: provider is a "
            "reserved table property, please use the USING clause to specify it.",
        ),
        (
            "MSCK REPAIR TABLE v",
            "[EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE] 'MSCK REPAIR TABLE' expects a table but "
            "`spark_catalog`.`default`.`v` is a view.",
        ),
        (
            "ALTER TABLE v RECOVER PARTITIONS",
            "[EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE] 'ALTER TABLE ... RECOVER PARTITIONS' expects "
            "a table but `spark_catalog`.`default`.`v` is a view.",
        ),
    ],
)
def test_repair_unset_and_property_refusals(jobs: Jobs, sql: str, message: str) -> None:
    jobs.run("CREATE VIEW v AS SELECT 1 AS x")
    assert jobs.refused(sql).error_msg == message


def test_a_column_position_is_ignored_as_spark_ignores_it(jobs: Jobs) -> None:
    # Spark's file tables append added columns (before the partition columns): FIRST and
    # AFTER change nothing
    jobs.run("ALTER TABLE t ADD COLUMNS (w INT FIRST)")
    jobs.run("ALTER TABLE t ADD COLUMNS (z INT AFTER a)")
    assert [row[0] for row in jobs.rows("DESCRIBE t")] == ["a", "s", "w", "z"]
    jobs.run("ALTER TABLE p ADD COLUMNS (w INT FIRST)")
    assert jobs.rows("DESCRIBE p")[:3] == [
        ["v", "int", None],
        ["w", "int", None],
        ["day", "string", None],
    ]


def test_renaming_a_partition_moves_its_rows(jobs: Jobs) -> None:
    jobs.run(
        "CREATE TABLE rp (v INT, day STRING, h INT) USING parquet PARTITIONED BY (day, h)",
        "INSERT INTO rp VALUES (1, 'd1', 1), (2, 'd1', 2), (3, 'd2', 1)",
    )
    jobs.run("ALTER TABLE rp PARTITION (day='d1', h=1) RENAME TO PARTITION (day='d3', h=1)")
    assert jobs.rows("SHOW PARTITIONS rp") == [["day=d1/h=2"], ["day=d2/h=1"], ["day=d3/h=1"]]
    assert jobs.rows("SELECT * FROM rp ORDER BY v") == [[1, "d3", 1], [2, "d1", 2], [3, "d2", 1]]
    jobs.run("ALTER TABLE rp ADD PARTITION (day='e', h=0)")  # an empty partition renames too
    jobs.run("ALTER TABLE rp PARTITION (day='e', h=0) RENAME TO PARTITION (day='f', h=0)")
    assert jobs.rows("SHOW PARTITIONS rp")[-1] == ["day=f/h=0"]


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        (
            "ALTER TABLE rp PARTITION (day='d9', h=1) RENAME TO PARTITION (day='d4', h=1)",
            "[PARTITIONS_NOT_FOUND] The partition(s) PARTITION (`day` = d9, `h` = 1) cannot be "
            "found in table `default`.`rp`.",
        ),
        (
            "ALTER TABLE rp PARTITION (day='d1', h=2) RENAME TO PARTITION (day='d2', h=1)",
            "[PARTITIONS_ALREADY_EXIST] Cannot ADD or RENAME TO partition(s) PARTITION (`day` = "
            "d2, `h` = 1) in table `default`.`rp` because they already exist.",
        ),
        (
            "ALTER TABLE rp PARTITION (day='d1') RENAME TO PARTITION (day='d5')",
            "Partition spec is invalid. The spec (day) must match the partition spec (day, h) "
            "defined in table '`spark_catalog`.`default`.`rp`'.",
        ),
        (
            "ALTER TABLE rp PARTITION (q='d1', h=2) RENAME TO PARTITION (day='d2', h=1)",
            "[PARTITIONS_NOT_FOUND] The partition(s) `q` cannot be found in table "
            "`spark_catalog`.`default`.`rp`.",
        ),
        (
            "ALTER TABLE t PARTITION (a=1) RENAME TO PARTITION (a=2)",
            "ALTER TABLE RENAME PARTITION is not allowed on t since its partition metadata is not "
            "stored in the Hive metastore. To import this information into the metastore, run "
            "`msck repair table t`.",
        ),
    ],
)
def test_renaming_a_partition_is_refused_as_spark_refuses_it(
    jobs: Jobs, sql: str, message: str
) -> None:
    jobs.run(
        "CREATE TABLE rp (v INT, day STRING, h INT) USING parquet PARTITIONED BY (day, h)",
        "INSERT INTO rp VALUES (1, 'd1', 1), (2, 'd1', 2), (3, 'd2', 1)",
    )
    assert jobs.refused(sql).error_msg == message
    assert jobs.rows("SELECT * FROM rp ORDER BY v") == [[1, "d1", 1], [2, "d1", 2], [3, "d2", 1]]


def test_a_views_tblproperties_are_set_listed_by_key_and_unset(jobs: Jobs) -> None:
    # Spark 4.3.0's answers (corpus category `properties`)
    jobs.run("CREATE VIEW pv TBLPROPERTIES ('z.key' = '1', 'a.key' = '2') AS SELECT a FROM t")
    jobs.run("ALTER VIEW pv SET TBLPROPERTIES ('m.key' = '3')")
    assert jobs.rows("SHOW TBLPROPERTIES pv") == [["a.key", "2"], ["m.key", "3"], ["z.key", "1"]]
    jobs.run("ALTER VIEW pv UNSET TBLPROPERTIES ('z.key', 'absent')")
    assert jobs.rows("SHOW TBLPROPERTIES pv") == [["a.key", "2"], ["m.key", "3"]]
    assert jobs.rows("SELECT * FROM pv ORDER BY a") == [[1], [2]]


def test_the_comment_property_is_the_tables_comment(jobs: Jobs) -> None:
    jobs.run("CREATE TABLE pc (a INT) USING parquet COMMENT 'real' TBLPROPERTIES ('comment' = 'c')")
    assert jobs.rows("SHOW TBLPROPERTIES pc") == []
    jobs.run("ALTER TABLE pc SET TBLPROPERTIES ('comment' = 'new', 'OWNER' = 'x')")
    assert jobs.rows("SHOW TBLPROPERTIES pc") == [["OWNER", "x"]]  # the reserved key is lower-case
    assert "COMMENT 'new'" in jobs.rows("SHOW CREATE TABLE pc")[0][0]
