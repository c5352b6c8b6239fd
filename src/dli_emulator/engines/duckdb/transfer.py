"""Import files into a table, export a table or a query result, with DuckDB.

Exports are written by DuckDB's `COPY ... TO` (CSV or JSON lines, gzip by DuckDB); what DuckDB
cannot write is finished by `engines.files`.

Imports read every file as text and convert each value to the column's type with TRY_CAST,
the way Spark's default PERMISSIVE mode turns unparsable values into null. CSV columns map to
table columns by position, JSON and Parquet ones by name; PARTITION values from
`partition_spec` fill their columns.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from ...errors import parameter_invalid
from .. import files
from ..protocol import Checkpoint, ExportOptions, ImportOptions, Outcome
from .execute import first_value, profiled, write_rows
from .sqltypes import quote_identifier, quote_literal

DATA_TYPES_IMPORT = frozenset({"csv", "json", "parquet"})


def export_query(
    cursor: duckdb.DuckDBPyConnection,
    query_sql: str,
    target: Path,
    options: ExportOptions,
    checkpoint: Checkpoint,
) -> Outcome:
    """Write the rows of `query_sql` into the prepared folder `target`."""
    written = files.written_by_engine(target, options)
    limit = f" LIMIT {int(options.limit_num)}" if options.limit_num else ""
    copy_options = ["FORMAT " + options.data_type]
    if options.data_type == "csv":
        copy_options += [
            f"HEADER {'true' if options.with_column_header else 'false'}",
            f"QUOTE {quote_literal(options.quote_char)}",
            f"ESCAPE {quote_literal(options.escape_char)}",
        ]
    if not files.needs_recode(options) and options.compress == "gzip":
        copy_options.append("COMPRESSION gzip")
    result = cursor.execute(
        f"COPY ({query_sql}{limit}) TO {quote_literal(str(written))} ({', '.join(copy_options)})"
    )
    outcome = profiled(cursor, Outcome(result_count=first_value(result)))
    files.finish_export(target, options, checkpoint)
    return outcome


def import_files(
    cursor: duckdb.DuckDBPyConnection,
    paths: list[Path],
    table_sql: str,
    options: ImportOptions,
    checkpoint: Checkpoint,
) -> Outcome:
    """Append (or, with overwrite, replace) the rows of the files `paths` into a table."""
    relation = cursor.sql(f"SELECT * FROM {table_sql}")
    columns = list(zip(relation.columns, (str(t) for t in relation.types), strict=True))
    known = {name.lower() for name, _ in columns}
    spec = {name.lower(): value for name, value in options.partition_spec.items()}
    unknown = sorted(set(spec) - known)
    if unknown:
        raise parameter_invalid(f"partition_spec names columns the table lacks: {unknown}")
    data_columns = [(n, t) for n, t in columns if n.lower() not in spec]
    reader, names = _reader(cursor, [str(p) for p in paths], data_columns, options)
    values = []
    source_names = iter(names)
    for name, kind in columns:
        if name.lower() in spec:
            values.append(f"TRY_CAST({quote_literal(spec[name.lower()])} AS {kind})")
        else:
            values.append(_convert(next(source_names), kind, options))
    insert = f"INSERT INTO {table_sql} SELECT {', '.join(values)} FROM {reader}"
    partition = [
        (name, f"TRY_CAST({quote_literal(spec[name.lower()])} AS {kind})")
        for name, kind in columns
        if name.lower() in spec
    ]
    outcome = write_rows(cursor, table_sql, insert, options.overwrite, partition, checkpoint)
    outcome.input_row_count = outcome.result_count
    return outcome


def _reader(
    cursor: duckdb.DuckDBPyConnection,
    file_names: list[str],
    columns: list[tuple[str, str]],
    options: ImportOptions,
) -> tuple[str, list[str]]:
    """The FROM clause reading `file_names` as text columns, and those columns' names in order."""
    paths = "[" + ", ".join(quote_literal(f) for f in file_names) + "]"
    if options.data_type == "csv":
        names = [f"c{i}" for i in range(len(columns))]
        typed = ", ".join(f"{quote_literal(n)}: 'VARCHAR'" for n in names)
        reader = (
            f"read_csv({paths}, columns = {{{typed}}}, auto_detect = false, "
            f"header = {'true' if options.with_column_header else 'false'}, "
            f"delim = {quote_literal(options.delimiter)}, "
            f"quote = {quote_literal(options.quote_char)}, "
            f"escape = {quote_literal(options.escape_char)}, "
            "null_padding = true, strict_mode = false)"
        )
        return reader, [quote_identifier(n) for n in names]
    names = [quote_identifier(n) for n, _ in columns]
    if options.data_type == "json":
        typed = ", ".join(f"{quote_literal(n)}: 'VARCHAR'" for n, _ in columns)
        return f"read_json({paths}, columns = {{{typed}}})", names
    reader = f"read_parquet({paths}, union_by_name = true)"
    present = {name.lower() for name in cursor.sql(f"SELECT * FROM {reader}").columns}
    # A column the files lack reads as null, as Spark reads it with the table's schema.
    return reader, [
        q if n.lower() in present else "NULL" for q, (n, _) in zip(names, columns, strict=True)
    ]


def _convert(column: str, kind: str, options: ImportOptions) -> str:
    if kind == "DATE" and options.date_format:
        fmt = quote_literal(java_to_strftime(options.date_format))
        return f"TRY_CAST(TRY_STRPTIME(CAST({column} AS VARCHAR), {fmt}) AS DATE)"
    if kind.startswith("TIMESTAMP") and options.timestamp_format:
        fmt = quote_literal(java_to_strftime(options.timestamp_format))
        return f"TRY_CAST(TRY_STRPTIME(CAST({column} AS VARCHAR), {fmt}) AS {kind})"
    return f"TRY_CAST({column} AS {kind})"


_JAVA_FIELDS = {
    "yyyy": "%Y",
    "yy": "%y",
    "MM": "%m",
    "M": "%-m",
    "dd": "%d",
    "d": "%-d",
    "HH": "%H",
    "H": "%-H",
    "hh": "%I",
    "mm": "%M",
    "ss": "%S",
    "SSS": "%g",
    "SSSSSS": "%f",
    "a": "%p",
    "MMM": "%b",
    "EEE": "%a",
}
_JAVA_TOKEN = re.compile(r"'([^']*)'|([A-Za-z])\2*|(.)", re.S)


def java_to_strftime(pattern: str) -> str:
    """A Java/Spark date pattern (`yyyy-MM-dd HH:mm:ss`) as a DuckDB strptime format."""
    out = []
    for match in _JAVA_TOKEN.finditer(pattern):
        quoted, letter, other = match.group(1), match.group(2), match.group(3)
        if quoted is not None:
            out.append(quoted.replace("%", "%%") if quoted else "'")
        elif letter is not None:
            token = match.group(0)
            if token not in _JAVA_FIELDS:
                raise parameter_invalid(f"Unsupported date pattern field {token!r} in {pattern!r}")
            out.append(_JAVA_FIELDS[token])
        else:
            out.append("%%" if other == "%" else other)
    return "".join(out)
