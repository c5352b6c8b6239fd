"""DuckDB's errors for statements Spark also refuses, in Spark's words.

A job that fails on Spark with `[TABLE_OR_VIEW_NOT_FOUND] ...` fails here with the same error
class and message (Spark 4's `error-conditions.json`), so code that reads the error class sees
what it would see on DLI. DuckDB's own first line follows in parentheses: it names what DuckDB
saw. Errors with no Spark counterpart here keep DuckDB's text.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_Render = Callable[[re.Match[str], str], str]
_SEARCH_PATH = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]"
_VERIFY = "Verify the spelling and correctness of the schema and catalog."


def _names(listed: str | None) -> str:
    """DuckDB's `"a", "s"` candidate list as Spark's `` `a`, `s` ``."""
    return ", ".join(f"`{name}`" for name in re.findall(r'"([^"]+)"', listed or ""))


def _unresolved_column(match: re.Match[str], database: str) -> str:
    text = (
        "[UNRESOLVED_COLUMN.{kind}] A column, variable, or function parameter with name "
        f"`{match['name']}` cannot be resolved."
    )
    candidates = _names(match["candidates"])
    if not candidates:
        return text.format(kind="WITHOUT_SUGGESTION")
    return text.format(kind="WITH_SUGGESTION") + (
        f" Did you mean one of the following? [{candidates}]."
    )


def _quoted(name: str) -> str:
    """`db.t` as Spark prints a multi-part name: `db`.`t`."""
    return ".".join(f"`{part}`" for part in name.split("."))


def _unresolved_qualified_column(match: re.Match[str], database: str) -> str:
    table = match["table"]
    candidates = ", ".join(
        f"`{table}`.`{name}`" for name in re.findall(r'"([^"]+)"', match["candidates"] or "")
    )
    text = (
        "[UNRESOLVED_COLUMN.{kind}] A column, variable, or function parameter with name "
        f"`{table}`.`{match['name']}` cannot be resolved."
    )
    if not candidates:
        return text.format(kind="WITHOUT_SUGGESTION")
    return text.format(kind="WITH_SUGGESTION") + (
        f" Did you mean one of the following? [{candidates}]."
    )


def _arity(match: re.Match[str], database: str) -> str:
    table, expected, given = match["name"], int(match["expected"]), int(match["given"])
    reason = "too many" if given > expected else "not enough"
    kind = "TOO_MANY" if given > expected else "NOT_ENOUGH"
    return (
        f"[INSERT_COLUMN_ARITY_MISMATCH.{kind}_DATA_COLUMNS] Cannot write to "
        f"`spark_catalog`.`{database}`.`{table}`, the reason is {reason} data columns: the "
        f"table has {expected} columns, the data {given}."
    )


_RULES: tuple[tuple[re.Pattern[str], _Render], ...] = (
    (
        re.compile(r'^Catalog Error: (?:Table|View) with name "?(?P<name>[^"\s!]+)"? does not'),
        lambda m, db: (
            f"[TABLE_OR_VIEW_NOT_FOUND] The table or view {_quoted(m['name'])} cannot be found. "
            + _VERIFY
        ),
    ),
    (
        re.compile(r'^Catalog Error: Schema with name "?(?P<name>[^"\s!]+)"? does not exist'),
        lambda m, db: (
            f"[SCHEMA_NOT_FOUND] The schema `spark_catalog`.`{m['name']}` cannot be found. "
            + _VERIFY
        ),
    ),
    (
        re.compile(
            r'^Binder Error: Table "(?P<table>[^"]+)" does not have a column named '
            r'"(?P<name>[^"]+)"(?:\s*Candidate bindings: :? ?(?P<candidates>[^\n]*))?'
        ),
        _unresolved_qualified_column,
    ),
    (
        re.compile(r'^Catalog Error: (?:Table|View) with name "(?P<name>[^"]+)" already exists'),
        lambda m, db: (
            "[TABLE_OR_VIEW_ALREADY_EXISTS] Cannot create table or view "
            f"`spark_catalog`.`{db}`.`{m['name']}` because it already exists."
        ),
    ),
    (
        re.compile(
            r'^Dependency Error: Cannot drop entry "(?P<name>[^"]+)" because there are entries '
            r'that depend on it\.\n\w+ "[^"]+" depends on schema'
        ),
        lambda m, db: (
            f"[SCHEMA_NOT_EMPTY] Cannot drop a schema `{m['name']}` because it contains objects."
        ),
    ),
    (
        re.compile(
            r'^(?:Catalog Error: Column with name "(?P<name>[^"]+)" already exists'
            r'|Binder Error: Duplicate column name "(?P<again>[^"]+)" in INSERT)'
        ),
        lambda m, db: (
            "[COLUMN_ALREADY_EXISTS] The column "
            f"`{(m['name'] or m['again']).lower()}` already exists. Choose another name or rename "
            "the existing column."
        ),
    ),
    (
        re.compile(r'^Catalog Error: Schema with name "(?P<name>[^"]+)" already exists'),
        lambda m, db: (
            f"[SCHEMA_ALREADY_EXISTS] Cannot create schema `{m['name']}` because it already exists."
        ),
    ),
    (
        re.compile(
            r'^Binder Error: Referenced column "(?P<name>[^"]+)" not found in FROM clause!'
            r"(?:\nCandidate bindings: (?P<candidates>[^\n]*))?"
        ),
        _unresolved_column,
    ),
    (
        re.compile(
            r"^Binder Error: Referenced update column (?P<name>\S+) not found in table!"
            r"(?:\n+Did you mean: (?P<candidates>[^\n]*))?"
        ),
        _unresolved_column,
    ),
    (
        re.compile(r"^Catalog Error: (?:Scalar|Aggregate|Table) Function with name (?P<name>\S+)"),
        lambda m, db: (
            f"[UNRESOLVED_ROUTINE] Cannot resolve routine `{m['name']}` on search "
            f"path {_SEARCH_PATH}."
        ),
    ),
    (
        re.compile(r'^Binder Error: column "(?P<name>[^"]+)" must appear in the GROUP BY clause'),
        lambda m, db: (
            f'[MISSING_AGGREGATION] The non-aggregating expression "{m["name"]}" is '
            "based on columns which are not participating in the GROUP BY clause."
        ),
    ),
    (
        re.compile(r"^Binder Error: aggregate function calls cannot be nested"),
        lambda m, db: (
            "[NESTED_AGGREGATE_FUNCTION] It is not allowed to use an aggregate "
            "function in the argument of another aggregate function. Please use the inner "
            "aggregate function in a sub-query."
        ),
    ),
    (
        re.compile(
            r'^Binder Error: table "(?P<name>[^"]+)" has (?P<expected>\d+) columns but '
            r"(?P<given>\d+) values were supplied"
        ),
        _arity,
    ),
    (
        re.compile(r'^Binder Error: Column "(?P<name>[^"]+)" does not exist on (?P<side>\w+) side'),
        lambda m, db: (
            f"[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column `{m['name']}` cannot be "
            f"resolved on the {m['side']} side of the join."
        ),
    ),
)


# What a translated statement raises with error('[SPARK_ERROR_CLASS] ...')
_RAISED = re.compile(r"^Invalid Input Error: (?P<spark>\[[A-Z_.]+\] .*)", re.DOTALL)


def in_sparks_words(message: str, database: str) -> str:
    """`message` (a DuckDB error) as Spark's error for the same fault, if there is one;
    `database` is the database the statement's table is in (for qualified names)."""
    if raised := _RAISED.match(message):
        return raised["spark"]  # the translation's own error(): Spark's words already
    for pattern, render in _RULES:
        if match := pattern.match(message):
            return f"{render(match, database)} ({message.splitlines()[0]})"
    return message
