"""Import files from OBS into a table, export a table or a query result to OBS files.

Exports are written by DuckDB's `COPY ... TO` as one `part-00000` file in the target folder
(CSV or JSON lines, gzip by DuckDB). bzip2 and deflate compression and the gbk/gb2312 encodings
DuckDB cannot write are applied afterwards by streaming the UTF-8 file through Python.

Imports read every file under `data_path` as text and convert each value to the column's type
with TRY_CAST, the way Spark's default PERMISSIVE mode turns unparsable values into null. CSV
columns map to table columns by position, JSON and Parquet ones by name; PARTITION values from
`partition_spec` fill their columns.
"""

from __future__ import annotations

import bz2
import codecs
import re
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import duckdb

from .engine import first_value, profiled, write_rows
from .errors import already_exists, not_found, parameter_invalid
from .outcome import Checkpoint, Outcome
from .sqltypes import quote_identifier, quote_literal

DATA_TYPES_EXPORT = ("csv", "json")
DATA_TYPES_IMPORT = ("csv", "json", "parquet")
COMPRESSIONS = ("none", "gzip", "bzip2", "deflate")
EXPORT_MODES = ("ErrorIfExists", "Overwrite")
ENCODINGS = ("utf-8", "gb2312", "gbk")
_EXTENSIONS = {"none": "", "gzip": ".gz", "bzip2": ".bz2", "deflate": ".deflate"}
_CHUNK = 1 << 20


@dataclass(frozen=True)
class ExportOptions:
    data_type: str = "csv"
    compress: str = "none"
    export_mode: str = "ErrorIfExists"
    with_column_header: bool = False
    quote_char: str = '"'
    escape_char: str = "\\"
    limit_num: int = 0
    encoding_type: str = "utf-8"


@dataclass(frozen=True)
class ImportOptions:
    data_type: str = "csv"
    with_column_header: bool = False
    delimiter: str = ","
    quote_char: str = '"'
    escape_char: str = "\\"
    date_format: str | None = None
    timestamp_format: str | None = None
    overwrite: bool = False
    partition_spec: dict[str, str] = field(default_factory=dict)


class _Compressor(Protocol):
    def compress(self, data: bytes, /) -> bytes: ...

    def flush(self) -> bytes: ...


def export_query(
    cursor: duckdb.DuckDBPyConnection,
    query_sql: str,
    target: Path,
    target_uri: str,
    options: ExportOptions,
    checkpoint: Checkpoint,
) -> Outcome:
    """Write the rows of `query_sql` into the folder `target` (obs URI `target_uri`)."""
    if target.exists():
        if options.export_mode != "Overwrite":
            raise already_exists(f"The export path {target_uri} already exists")
        if target.is_dir():
            shutil.rmtree(target)
        else:
            target.unlink()
    target.mkdir(parents=True)
    extension = ".csv" if options.data_type == "csv" else ".json"
    final = target / f"part-00000{extension}{_EXTENSIONS[options.compress]}"
    by_duckdb = options.encoding_type == "utf-8" and options.compress in ("none", "gzip")
    written = final if by_duckdb else target / f".part-00000{extension}.tmp"
    limit = f" LIMIT {int(options.limit_num)}" if options.limit_num > 0 else ""
    copy_options = ["FORMAT " + options.data_type]
    if options.data_type == "csv":
        copy_options += [
            f"HEADER {'true' if options.with_column_header else 'false'}",
            f"QUOTE {quote_literal(options.quote_char)}",
            f"ESCAPE {quote_literal(options.escape_char)}",
        ]
    if by_duckdb and options.compress == "gzip":
        copy_options.append("COMPRESSION gzip")
    result = cursor.execute(
        f"COPY ({query_sql}{limit}) TO {quote_literal(str(written))} ({', '.join(copy_options)})"
    )
    outcome = profiled(cursor, Outcome(result_count=first_value(result)))
    if not by_duckdb:
        _recode(written, final, options, checkpoint)
        written.unlink()
    return outcome


def _recode(source: Path, target: Path, options: ExportOptions, checkpoint: Checkpoint) -> None:
    decoder = codecs.getincrementaldecoder("utf-8")()
    compressor = _compressor(options.compress)
    with source.open("rb") as reader, target.open("wb") as writer:
        while chunk := reader.read(_CHUNK):
            checkpoint()
            text = decoder.decode(chunk)
            try:
                data = text.encode(options.encoding_type)
            except UnicodeEncodeError as error:
                raise parameter_invalid(
                    f"The result has characters that {options.encoding_type} cannot encode: {error}"
                ) from error
            writer.write(compressor.compress(data) if compressor else data)
        if compressor:
            writer.write(compressor.flush())


def _compressor(compress: str) -> _Compressor | None:
    if compress == "bzip2":
        return bz2.BZ2Compressor()
    if compress == "deflate":
        return zlib.compressobj()
    if compress == "gzip":
        return zlib.compressobj(wbits=16 + zlib.MAX_WBITS)
    return None


def import_files(
    cursor: duckdb.DuckDBPyConnection,
    source: Path,
    source_uri: str,
    table_sql: str,
    options: ImportOptions,
    checkpoint: Checkpoint,
) -> Outcome:
    """Append (or, with overwrite, replace) the rows of the files at `source` into a table."""
    files = _data_files(source, source_uri)
    relation = cursor.sql(f"SELECT * FROM {table_sql}")
    columns = list(zip(relation.columns, (str(t) for t in relation.types), strict=True))
    known = {name.lower() for name, _ in columns}
    spec = {name.lower(): value for name, value in options.partition_spec.items()}
    unknown = sorted(set(spec) - known)
    if unknown:
        raise parameter_invalid(f"partition_spec names columns the table lacks: {unknown}")
    data_columns = [(n, t) for n, t in columns if n.lower() not in spec]
    reader, names = _reader(cursor, files, data_columns, options)
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


def _data_files(source: Path, source_uri: str) -> list[str]:
    if source.is_file():
        return [str(source)]
    if not source.is_dir():
        raise not_found(f"The data path {source_uri} does not exist")
    # Hadoop-style folders carry _SUCCESS markers and hidden .crc files next to the data.
    files = sorted(
        str(p) for p in source.rglob("*") if p.is_file() and not p.name.startswith(("_", "."))
    )
    if not files:
        raise not_found(f"The data path {source_uri} contains no files")
    return files


def _reader(
    cursor: duckdb.DuckDBPyConnection,
    files: list[str],
    columns: list[tuple[str, str]],
    options: ImportOptions,
) -> tuple[str, list[str]]:
    """The FROM clause reading `files` as text columns, and those columns' names in order."""
    paths = "[" + ", ".join(quote_literal(f) for f in files) + "]"
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
