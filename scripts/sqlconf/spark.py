"""The truth: the corpus on a real Spark session, configured the way DLI runs Spark SQL.

DLI runs Spark 3.x without ANSI mode; pyspark 4.3 defaults to ANSI, so it is switched off. The
session time zone is UTC, as the emulator reports timestamps in UTC.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .corpus import Category, Query
from .outcome import Outcome, first_line
from .values import canonical

# The settings that make Spark 4 answer like DLI's Spark 3.x (non-ANSI) in a small local session.
SESSION_CONF = {
    "spark.sql.ansi.enabled": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.shuffle.partitions": "2",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.catalogImplementation": "in-memory",
    "spark.driver.extraJavaOptions": "-Duser.timezone=UTC",
    # Speed only, for a corpus of tiny tables: interpreted expressions instead of compiling Java
    # for each query (about half the run time here); the answers are the same.
    "spark.sql.codegen.factoryMode": "NO_CODEGEN",
    "spark.sql.codegen.wholeStage": "false",
}


@contextmanager
def session(workdir: Path | None = None) -> Iterator[Any]:
    """A classic local Spark session (the JVM it starts ends with it)."""
    os.environ["TZ"] = "UTC"
    time.tzset()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # pyspark logs every refused statement with its Java stack; a refusal is an answer here.
    logging.getLogger("SQLQueryContextLogger").disabled = True
    from pyspark.sql import SparkSession

    with tempfile.TemporaryDirectory(prefix="spark-truth-", dir=workdir) as tmp:
        builder = SparkSession.builder.master("local[2]").appName("dli-conformance")
        for key, value in {**SESSION_CONF, "spark.sql.warehouse.dir": f"{tmp}/warehouse"}.items():
            builder = builder.config(key, value)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("OFF")
        try:
            yield spark
        finally:
            spark.stop()


def version(spark: Any) -> str:
    return str(spark.version)


def run_statement(spark: Any, sql: str) -> Outcome:
    start = time.perf_counter()
    try:
        frame = spark.sql(sql)
        schema = frame.schema
        rows = _readable(frame).collect() if schema.fields else []
    except Exception as error:  # Spark's own refusal is an answer here
        return Outcome(False, error=first_line(str(error)), seconds=time.perf_counter() - start)
    seconds = time.perf_counter() - start
    if not schema.fields:
        return Outcome(True, seconds=seconds)
    types = [f.dataType.jsonValue() for f in schema.fields]
    return Outcome(
        True,
        columns=[(f.name, f.dataType.simpleString()) for f in schema.fields],
        type_json=types,
        rows=[[canonical(v, t) for v, t in zip(row, types, strict=True)] for row in rows],
        seconds=seconds,
    )


def _readable(frame: Any) -> Any:
    """`frame` with its interval columns as Spark's own text of them (`INTERVAL '60' DAY`, what
    CAST(... AS STRING) and to_json give): pyspark cannot collect a year-month interval."""
    from pyspark.sql.types import DayTimeIntervalType, YearMonthIntervalType

    kinds = [f.dataType for f in frame.schema.fields]
    intervals = (DayTimeIntervalType, YearMonthIntervalType)
    if not any(isinstance(k, intervals) for k in kinds):
        return frame
    positional = frame.toDF(*(f"c{i}" for i in range(len(kinds))))
    return positional.select(
        *(
            positional[f"c{i}"].cast("string") if isinstance(k, intervals) else f"c{i}"
            for i, k in enumerate(kinds)
        )
    )


def run_corpus(
    spark: Any,
    categories: list[Category],
    selected: Callable[[Query], bool] = lambda q: True,
) -> tuple[dict[str, Outcome], list[str]]:
    """Each category's setup, then its selected queries, in order.

    Returns the outcomes by query key and the setup statements Spark refused.
    """
    outcomes: dict[str, Outcome] = {}
    setup_errors: list[str] = []
    for category in categories:
        for sql in category.setup:
            result = run_statement(spark, sql)
            if not result.ok:
                setup_errors.append(f"{category.name}: {sql}: {result.error}")
        for query in category.queries:
            if selected(query):
                outcomes[query.key] = run_statement(spark, query.sql)
    return outcomes, setup_errors
