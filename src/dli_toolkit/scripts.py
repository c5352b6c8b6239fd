"""SQL scripts: `${name}` variables and the split into statements.

The service takes exactly one statement per job, so a script is cut at the `;` that end
statements. Quotes, backticks and comments are read by sqlglot's Spark tokenizer, so a `;` inside
a string, a quoted name or a comment does not cut. Each statement keeps its text as written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlglot import Token

# `${name}` as in Hive, Beeline and spark-sql (`--hivevar`); `${hivevar:name}` names the same.
_VARIABLE = re.compile(r"\$\{(?:hivevar:)?([A-Za-z_][A-Za-z0-9_.]*)\}")


class ScriptError(ValueError):
    """A script that cannot be cut into statements, or names a variable nobody gave."""


@dataclass(frozen=True)
class Statement:
    """One statement of a script: its text (no trailing `;`) and the line it starts on."""

    sql: str
    line: int


def substitute(sql: str, variables: Mapping[str, str]) -> str:
    """Replace each `${name}` with its value, as text (quote values in the SQL where needed).

    A name without a value is an error rather than left in place: a job that runs with a
    literal `${day}` in it is worse than a script that does not start.
    """
    missing = sorted({m.group(1) for m in _VARIABLE.finditer(sql)} - set(variables))
    if missing:
        raise ScriptError(
            f"no value for {', '.join('${' + name + '}' for name in missing)}: "
            "give it with --var NAME=VALUE"
        )
    return _VARIABLE.sub(lambda m: variables[m.group(1)], sql)


def split(script: str) -> list[Statement]:
    """The statements of a script, in order; empty ones (`;;`, only comments) are dropped.

    A statement runs from its first token to its last, so comments before and after it are
    left out and those inside it are kept.
    """
    # Imported here: sqlglot takes a noticeable part of the command line's start-up, and only
    # scripts need it.
    from sqlglot import TokenType
    from sqlglot.dialects.spark import Spark
    from sqlglot.errors import TokenError

    try:
        tokens = Spark().tokenize(script)
    except TokenError as error:
        raise ScriptError(f"cannot read the script: {error}") from error
    statements: list[Statement] = []
    first: Token | None = None
    last: Token | None = None
    for token in [*tokens, None]:
        if token is None or token.token_type == TokenType.SEMICOLON:
            if first is not None and last is not None:
                sql = script[first.start : last.end + 1]
                statements.append(Statement(sql, script.count("\n", 0, first.start) + 1))
            first = last = None
        else:
            first = first or token
            last = token
    return statements
