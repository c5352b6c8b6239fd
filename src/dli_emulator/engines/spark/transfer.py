"""ImportTable, ExportTable and ExportSqlJobResult with Spark's own readers and writers.

DLI moves data with Spark, so these are its formats to the byte: CSV quoting and escaping,
JSON lines without null fields, dates and timestamps as Spark prints them. Spark reads and
writes the files itself, so the server must see the emulator's OBS folder at the same path:
true for the servers the engine starts, and for a `--spark-remote` server on the same host.

An export is written with one partition into a scratch folder inside the staging target; its
single part file is then renamed to `engines.files.export_file`'s name, and what Spark cannot
write (non-UTF-8 encodings) is finished by `engines.files` as for every engine.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pyarrow.parquet as pq
from pyspark.sql import DataFrame
from pyspark.sql.connect.session import SparkSession
from pyspark.sql.types import StructType

from ...errors import parameter_invalid
from .. import files
from ..protocol import Checkpoint, ExportOptions, FileImport, Outcome, ResultExport, TableExport
from .results import RESULT_FILE

DATA_TYPES_IMPORT = frozenset({"csv", "json", "parquet", "orc"})
_SCRATCH = ".spark-export"


def export_result(spark: SparkSession, request: ResultExport, checkpoint: Checkpoint) -> Outcome:
    """Write a stored QUERY result (Parquet with positional names) under its own names."""
    stored_file = request.result_dir / RESULT_FILE
    stored = int(pq.ParquetFile(stored_file).metadata.num_rows)
    frame = spark.read.parquet(str(stored_file)).toDF(*request.columns)
    limit = request.options.limit_num
    count = min(stored, limit) if limit else stored
    return _export(frame, count, request.target, request.options, checkpoint)


def export_table(spark: SparkSession, request: TableExport, checkpoint: Checkpoint) -> Outcome:
    """Write every row of the table."""
    frame = spark.table(table_name(request.database, request.table))
    count = int(frame.count())
    if request.options.limit_num:
        count = min(count, request.options.limit_num)
    return _export(frame, count, request.target, request.options, checkpoint)


def _export(
    frame: DataFrame, count: int, target: Path, options: ExportOptions, checkpoint: Checkpoint
) -> Outcome:
    checkpoint()
    if options.limit_num:
        frame = frame.limit(options.limit_num)
    writer = frame.coalesce(1).write.mode("overwrite").format(options.data_type)
    if options.data_type == "csv":
        writer = writer.options(
            header=str(options.with_column_header).lower(),
            quote=options.quote_char,
            escape=options.escape_char,
        )
    spark_compresses = not files.needs_recode(options) and options.compress == "gzip"
    writer = writer.option("compression", "gzip" if spark_compresses else "none")
    scratch = target / _SCRATCH
    writer.save(str(scratch))
    checkpoint()
    written = files.written_by_engine(target, options)
    parts = sorted(p for p in scratch.iterdir() if p.name.startswith("part-"))
    if parts:
        parts[0].rename(written)
    else:  # no rows and no header: Spark writes no part file
        written.write_bytes(b"")
    shutil.rmtree(scratch)
    files.finish_export(target, options, checkpoint)
    return Outcome(result_count=count)


def import_files(spark: SparkSession, request: FileImport, checkpoint: Checkpoint) -> Outcome:
    """Append (or overwrite) the rows of the request's files into its table.

    Spark's PERMISSIVE mode reads the files with the table's schema: CSV columns by position,
    the other formats by name, unparsable values as null. `partition_spec` values of partition
    columns become a static PARTITION clause (an overwrite then replaces that partition only),
    those of other columns fill the column.
    """
    options = request.options
    table = table_name(request.database, request.table)
    schema = spark.table(table).schema
    partition_columns = {c.name.lower() for c in spark.catalog.listColumns(table) if c.isPartition}
    spec = {name.lower(): value for name, value in options.partition_spec.items()}
    known = {f.name.lower() for f in schema.fields}
    unknown = sorted(set(spec) - known)
    if unknown:
        raise parameter_invalid(f"partition_spec names columns the table lacks: {unknown}")
    data = StructType([f for f in schema.fields if f.name.lower() not in spec])
    reader = spark.read.format(options.data_type).schema(data).option("mode", "PERMISSIVE")
    if options.data_type == "csv":
        reader = reader.options(
            header=str(options.with_column_header).lower(),
            sep=options.delimiter,
            quote=options.quote_char,
            escape=options.escape_char,
        )
    if options.date_format:
        reader = reader.option("dateFormat", options.date_format)
    if options.timestamp_format:
        reader = reader.option("timestampFormat", options.timestamp_format)
    frame = reader.load([str(p) for p in request.files])
    checkpoint()
    count = int(frame.count())
    view = f"dli_import_{uuid.uuid4().hex}"
    frame.createOrReplaceTempView(view)
    static = [f for f in schema.fields if f.name.lower() in spec.keys() & partition_columns]
    selected = []
    for f in schema.fields:
        key = f.name.lower()
        if key not in spec:
            selected.append(_quote(f.name))
        elif key not in partition_columns:
            selected.append(f"CAST({_literal(spec[key])} AS {f.dataType.simpleString()})")
    clause = ""
    if static:
        values = ", ".join(f"{_quote(f.name)} = {_literal(spec[f.name.lower()])}" for f in static)
        clause = f" PARTITION ({values})"
    verb = "INSERT OVERWRITE TABLE" if options.overwrite else "INSERT INTO"
    spark.sql(f"{verb} {table}{clause} SELECT {', '.join(selected)} FROM {view}")
    spark.catalog.dropTempView(view)
    return Outcome(result_count=count, input_row_count=count)


def table_name(database: str, table: str) -> str:
    return f"{_quote(database)}.{_quote(table)}"


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _literal(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
