"""Spark's DDL and DML on DuckDB tables: CREATE TABLE/VIEW (`create`), ALTER (`alter`), INSERT,
DROP and TRUNCATE (`writes`), and the Spark-only table facts kept beside a table (`tablemeta`,
`showcreate`)."""
