"""What tenant SQL may not ask of DuckDB: the sandbox in front of the engine.

Each project's SQL must see its own database and nothing else: no file, no setting, no catalog
of the host. DuckDB's own walls (`enable_external_access` off, `allowed_directories` fixed,
extension install and auto-load off) stop reads outside the emulator's OBS folder, but not a
statement reading another project's files inside it, nor `current_setting()` or
`duckdb_databases()` showing host paths. DuckDB's `lock_configuration` is not used: it also
locks the per-connection profiling and progress settings each job's connection needs, and
tenant SQL cannot reach SET, RESET, PRAGMA, ATTACH, COPY, INSTALL or LOAD anyway (no DLI
statement type; `statements.classify` refuses them with DLI.0007).

So before DuckDB sees a statement its parse tree is checked: no call of a DuckDB function that
reads files (DLI.0011, the service's "file permission check fails") or shows the engine's
configuration or catalog (DLI.0003, "SQL permission verification fails"), and no table named by
a file path (DuckDB's replacement scans read `FROM 'x.csv'` or `FROM "/a/b.parquet"` as files).
None of these is Spark SQL: nothing a DLI user writes is refused. OBS files are reached through
import-table and export-table, which check the bucket's owner.
"""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.errors import SqlglotError

from ...errors import DliError, file_permission_denied, sql_permission_denied
from .statements import SPARK

# Spark's table-valued functions (what may stand in FROM), as sqlglot names them.
_TABLE_FUNCTIONS = frozenset(
    {
        "range",
        "explode",
        "explode_outer",
        "inline",
        "inline_outer",
        "posexplode",
        "posexplode_outer",
        "stack",
        "json_tuple",
        "generate_series",
    }
)
# DuckDB functions that read or list files.
_FILE_PREFIXES = ("read_", "parquet_", "sniff_", "iceberg_", "delta_", "sqlite_", "glob")
_FILE_SUFFIXES = ("_scan",)
# DuckDB functions that run SQL given as text or show settings, catalogs and host paths.
_ENGINE_NAMES = frozenset(
    {
        "current_setting",
        "query",
        "query_table",
        "getvariable",
        "getenv",
        "which_secret",
        "checkpoint",
        "force_checkpoint",
        "enable_logging",
        "disable_logging",
        "truncate_duckdb_logs",
        "json_execute_serialized_sql",
    }
)
_ENGINE_PREFIXES = ("duckdb_", "pragma_", "postgres_", "mysql_", "ducklake_")
# A name DuckDB would read as a file: a path, a URL or a data file's extension.
_FILE_NAME = re.compile(
    r"[/\\:~]|\.(csv|tsv|txt|parquet|json|jsonl|ndjson|gz|zst|bz2|duckdb|db|sqlite|arrow|xlsx)$",
    re.IGNORECASE,
)
_EXPLAIN_MODE = re.compile(r"^\s*(?:extended|formatted|codegen|cost)\s+", re.IGNORECASE)
# `name(` in the text of a statement sqlglot keeps as an unparsed command (EXPLAIN ...).
_CALL = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")
# A single-quoted string literal (Spark doubles a quote inside, or escapes it); one given as a
# value in a SHOW command: after `=` (a partition spec), `(` (a property key) or LIKE.
_STRING = re.compile(r"'((?:[^'\\]|\\.|'')*)'")
_SHOWN_VALUE = re.compile(r"((?:=|\(|\blike\b)\s*)'(?:[^'\\]|\\.|'')*'", re.IGNORECASE)


def check_tenant_sql(expression: exp.Expr) -> None:
    """Raise DliError when a parsed statement reaches for files, settings or the host."""
    for node in expression.walk():
        if isinstance(node, exp.Func):
            _check_function(_function_name(node))
        elif isinstance(node, exp.Table):
            if isinstance(node.this, exp.Func):
                _check_table_function(_function_name(node.this))
            for part in (node.name, node.db, node.catalog):
                if part and _FILE_NAME.search(part):
                    raise _files("a table named by a file path")
            # DuckDB's catalog views (`duckdb_databases`, `pragma_database_list`) need no
            # parentheses and show file paths too.
            if node.name.lower().startswith(_ENGINE_PREFIXES):
                raise sql_permission_denied(
                    f"SQL permission check failed: {node.name} is not available to SQL jobs"
                )
        elif isinstance(node, exp.Command):
            _check_command(node)


def _check_command(command: exp.Command) -> None:
    keyword = str(command.this).upper()
    rest = command.expression  # sqlglot keeps the text as a literal, or a plain string (ALTER)
    text = rest.name if isinstance(rest, exp.Expr) else str(rest or "")
    if keyword == "EXPLAIN":  # the query the engine explains, as it reads it
        text = _EXPLAIN_MODE.sub("", text, count=1)
    try:
        inner = SPARK.parse(text) if text.strip() else []
    except SqlglotError:
        inner = []
    parsed = [e for e in inner if e is not None]
    for expression in parsed:
        check_tenant_sql(expression)
    if parsed and keyword != "SHOW":
        return
    # SHOW's text is read by the engine itself (sqlglot's reading of it means nothing). A value
    # there (`SHOW PARTITIONS t PARTITION (p='a/b')`) is no path: the engine gives DuckDB such
    # values only as bound parameters. Any other quoted string may name a file.
    unquoted = _SHOWN_VALUE.sub(r"\1''", text) if keyword == "SHOW" else text
    for literal in _STRING.finditer(unquoted):
        if _FILE_NAME.search(literal.group(1)):
            raise _files("a file path")
    for match in _CALL.finditer(unquoted):
        _check_function(match.group(1).lower())
    if _FILE_NAME.search(unquoted.replace("::", " ")):
        raise _files("a file path")


def _function_name(function: exp.Func) -> str:
    return (function.name if isinstance(function, exp.Anonymous) else function.sql_name()).lower()


def _check_table_function(name: str) -> None:
    # Only Spark's table-valued functions may stand in FROM: any other is a DuckDB one, and
    # DuckDB's table functions are where files, settings and catalogs are read.
    if name in _TABLE_FUNCTIONS:
        return
    _check_function(name)
    raise sql_permission_denied(
        f"SQL permission check failed: the table function {name}() is not available to SQL jobs"
    )


def _check_function(name: str) -> None:
    if name.startswith(_FILE_PREFIXES) or name.endswith(_FILE_SUFFIXES):
        raise _files(f"the function {name}()")
    if name in _ENGINE_NAMES or name.startswith(_ENGINE_PREFIXES):
        raise sql_permission_denied(
            f"SQL permission check failed: the function {name}() is not available to SQL jobs"
        )


def _files(what: str) -> DliError:
    return file_permission_denied(
        f"File permission check failed: {what} is not available to SQL jobs; "
        "use import-table and export-table for OBS files"
    )
