"""Spark SQL statements: parse with sqlglot, classify into DLI job types, name the table touched.

Parsing never executes anything; it is what check-sql and submit use to refuse bad SQL early
(DLI.0004 with the line and column of the error).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any, ClassVar

from sqlglot import exp
from sqlglot.dialects.spark import Spark
from sqlglot.errors import ParseError, TokenError
from sqlglot.helper import seq_get
from sqlglot.parsers.spark import SparkParser
from sqlglot.tokenizer_core import Token, TokenType

from ...errors import DliError, not_supported, parameter_invalid, syntax_error
from ...model import JobType
from ..protocol import Statement
from .ddl import command_forms
from .functions.json_paths import WRITTEN_PATH

QUERY, INSERT, UPDATE, DELETE = JobType.QUERY, JobType.INSERT, JobType.UPDATE, JobType.DELETE
DDL, DCL = JobType.DDL, JobType.DCL


# Clause keywords Spark's default (non-ANSI) grammar also reads as identifiers: one that ends
# the statement (or a parenthesis) after a table is that table's alias (`FROM t WHERE`).
_CLAUSE_KEYWORDS = {TokenType.WHERE, TokenType.HAVING, TokenType.LIMIT, TokenType.WINDOW}
_CLAUSE_WORDS = {"GROUP", "ORDER", "SORT", "CLUSTER", "DISTRIBUTE"}
_DESCRIBE_COLUMN = re.compile(
    r"^\s*desc(?:ribe)?\s+(?:table\s+)?(?:(?P<style>extended|formatted)\s+)?"
    r"(?P<table>(?:`[^`]+`|\w+)(?:\.(?:`[^`]+`|\w+)){0,2})\s+(?P<column>`[^`]+`|\w+)\s*;?\s*$",
    re.I,
)
_ALTER = re.compile(r"^\s*ALTER\s+(?P<rest>.*?)\s*;?\s*$", re.I | re.S)
_DESCRIBE_QUERY = re.compile(r"^(\s*desc(?:ribe)?\s+)query\b", re.I)
# Words after DESCRIBE that start another form of it, not a table's name.
_DESCRIBE_WORDS = {"QUERY", "SELECT", "WITH", "VALUES", "FROM", "DATABASE", "SCHEMA"}
_DESCRIBE_WORDS |= {"NAMESPACE", "FUNCTION", "CATALOG", "TABLE", "EXTENDED", "FORMATTED"}
_ALIAS_ENDS = (TokenType.SEMICOLON, TokenType.R_PAREN, TokenType.SENTINEL)
_COMPARISONS = {
    TokenType.EQ,
    TokenType.NEQ,
    TokenType.GT,
    TokenType.GTE,
    TokenType.LT,
    TokenType.LTE,
    TokenType.NULLSAFE_EQ,
}
_QUANTIFIERS = {TokenType.ALL, TokenType.ANY, TokenType.SOME}


class SparkSql(Spark):
    """sqlglot's Spark dialect, reading a doubled quote inside a string literal as Spark does
    (`'it''s'` is it's; sqlglot alone reads two adjacent literals, `its`), and a clause keyword
    that ends the statement as a table alias, as Spark does."""

    class Tokenizer(Spark.Tokenizer):
        STRING_ESCAPES: ClassVar[list[str]] = [*Spark.Tokenizer.STRING_ESCAPES, "'"]

    def to_json_path(self, path: exp.Expr | None) -> exp.Expr | None:
        """get_json_object's path: one not starting with `$` stays a literal (it matches
        nothing); the text as written is kept for the column's name (see `json_paths`)."""
        if isinstance(path, exp.Literal) and path.is_string and not path.name.startswith("$"):
            return path
        parsed = super().to_json_path(path)
        if isinstance(parsed, exp.JSONPath) and isinstance(path, exp.Literal):
            parsed.meta[WRITTEN_PATH] = path.name
        return parsed

    class Parser(SparkParser):
        FUNCTION_PARSERS: ClassVar = {
            **SparkParser.FUNCTION_PARSERS,
            "PERCENTILE": lambda self: self._parse_percentile(),
        }

        def _parse_percentile(self) -> exp.Quantile:
            """percentile([DISTINCT] col, p[, frequency]): sqlglot's Quantile has no slot for
            Spark's frequency (each row counted that many times) and would drop it; it is kept
            as the node's `frequency` arg."""
            distinct = self._match(TokenType.DISTINCT)
            if not distinct:
                self._match(TokenType.ALL)
            args = [self._parse_lambda()]
            if self._match(TokenType.COMMA):
                args.extend(self._parse_function_args())
            if distinct and args[0] is not None:
                args[0] = self.expression(exp.Distinct(expressions=[args[0]]))
            quantile = exp.Quantile(this=seq_get(args, 0), quantile=seq_get(args, 1))
            if len(args) > 2:
                quantile.set("frequency", args[2])
            return quantile

        def parse(self, raw_tokens: list[Token], sql: str) -> list[exp.Expr | None]:
            # `window(` is Spark's time-window function, never the WINDOW clause (`WINDOW w AS`)
            for token, following in pairwise(raw_tokens):
                if (
                    token.token_type == TokenType.WINDOW
                    and following.token_type == TokenType.L_PAREN
                ):
                    token.token_type = TokenType.VAR
            parsed: list[exp.Expr | None] = super().parse(raw_tokens, sql)
            return parsed

        def _parse_table(self, *args: Any, **kwargs: Any) -> exp.Expr | None:
            table: exp.Expr | None = super()._parse_table(*args, **kwargs)
            if isinstance(table, exp.Table) and table.args.get("alias") is None:
                current, following = self._curr, self._next
                if (
                    current is not None
                    and _is_clause_keyword(current)
                    and (following is None or following.token_type in _ALIAS_ENDS)
                ):
                    self._advance()
                    table.set("alias", exp.TableAlias(this=exp.to_identifier(current.text)))
            return table


def _is_clause_keyword(token: Token) -> bool:
    if token.token_type == TokenType.VAR:
        return token.text.upper() in _CLAUSE_WORDS
    return token.token_type in _CLAUSE_KEYWORDS


SPARK = SparkSql()

# Statement kinds the emulator runs, by sqlglot expression type (first match wins).
_JOB_TYPES: tuple[tuple[type[exp.Expr], JobType], ...] = (
    (exp.Query, QUERY),
    (exp.Values, QUERY),
    (exp.Insert, INSERT),
    (exp.Merge, INSERT),  # as DLI (and the Spark engine) classify it
    (exp.Update, UPDATE),
    (exp.Delete, DELETE),
    (exp.Grant, DCL),
    (exp.Revoke, DCL),
    (exp.Create, DDL),
    (exp.Drop, DDL),
    (exp.Alter, DDL),
    (exp.Describe, DDL),
    (exp.Use, DDL),
    (exp.TruncateTable, DDL),
    (exp.Cache, DDL),
    (exp.Uncache, DDL),
    (exp.Refresh, DDL),
    (exp.Analyze, DDL),
)
# sqlglot parses these Spark statements as a generic Command keyed by their first keyword.
_TOKEN_REPR = re.compile(
    r"<Token token_type: TokenType\.(?P<kind>\w+), text: (?P<text>.*?), line: .*?>"
)
_CLASS_REPR = re.compile(r"<class '(?:\w+\.)*(?P<name>\w+)'>")
_COMMAND_JOB_TYPES = {"SHOW": DDL, "EXPLAIN": DDL, "GRANT": DCL, "REVOKE": DCL}


@dataclass(frozen=True)
class SparkStatement(Statement):
    """A statement with its sqlglot tree (Spark dialect)."""

    expression: exp.Expr


def parse_statement(sql: str) -> SparkStatement:
    """Parse one Spark SQL statement; DLI.0004 on a syntax error, DLI.0007 on what cannot run."""
    if (described := _describe_column(sql)) is not None:
        return described
    if (renamed := _rename_partition(sql)) is not None:
        return renamed
    # `DESCRIBE QUERY <query>` is `DESCRIBE <query>`; sqlglot reads only the latter.
    parsed = _DESCRIBE_QUERY.sub(lambda m: m[1] + " " * (len(m[0]) - len(m[1])), sql, count=1)
    expressions = [e for e in _parse(parsed) if e is not None]
    if not expressions:
        raise parameter_invalid("sql must contain a SQL statement")
    if len(expressions) > 1:
        raise parameter_invalid(f"sql must contain exactly one statement, found {len(expressions)}")
    expression = expressions[0]
    _refuse_quantified_comparison(sql, expression)
    _refuse_hive_style_rename(expression)
    job_type = classify(expression)
    database_name, table_name = _target(expression)
    return SparkStatement(sql, job_type, database_name, table_name, expression)


def _rename_partition(sql: str) -> SparkStatement | None:
    """`ALTER TABLE t PARTITION (...) RENAME TO PARTITION (...)`, which sqlglot cannot read: a
    command the engine runs itself (`ddl.commands`)."""
    alter = _ALTER.match(sql)
    match = command_forms.RENAME.match(alter["rest"]) if alter is not None else None
    if alter is None or match is None:
        return None
    command = exp.Command(this="ALTER", expression=exp.Literal.string(alter["rest"]))
    table = exp.to_table(match["table"], dialect=SPARK)
    return SparkStatement(sql, DDL, table.db or None, table.name, command)


def _describe_column(sql: str) -> SparkStatement | None:
    """`DESCRIBE t col`, which sqlglot cannot read: Spark describes one column of `t`."""
    match = _DESCRIBE_COLUMN.match(sql)
    if match is None or match["table"].upper() in _DESCRIBE_WORDS:
        return None
    table = exp.to_table(match["table"], dialect=SPARK)
    column = exp.to_identifier(match["column"].strip("`"))
    style = match["style"].upper() if match["style"] else None
    describe = exp.Describe(this=table, expressions=[column], style=style)
    return SparkStatement(sql, DDL, table.db or None, table.name, describe)


def classify(expression: exp.Expr) -> JobType:
    if isinstance(expression, exp.Command):
        keyword = str(expression.this).upper()
        if keyword in _COMMAND_JOB_TYPES:
            return _COMMAND_JOB_TYPES[keyword]
        if command_forms.runs(expression):  # ALTER TABLE ... UNSET TBLPROPERTIES, MSCK REPAIR, ...
            return DDL
        raise not_supported(f"{keyword} statements are not supported by the DLI emulator")
    if isinstance(expression, exp.Set):
        raise not_supported("SET is not supported: pass settings in the conf list of the job")
    for kind, job_type in _JOB_TYPES:
        if isinstance(expression, kind):
            return job_type
    name = expression.key.upper()
    raise not_supported(f"{name} statements are not supported by the DLI emulator")


def _parse(sql: str) -> list[exp.Expr | None]:
    tokenizer = SPARK.tokenizer()
    try:
        tokens = tokenizer.tokenize(sql)
    except TokenError as error:
        offset = getattr(getattr(tokenizer, "_core", None), "_start", None)
        where = _position(sql, offset) if isinstance(offset, int) else ""
        raise syntax_error(
            f"SQL syntax error{where}: unreadable token there (an unclosed quote or comment?)"
        ) from error
    try:
        return SPARK.parser().parse(tokens, sql)
    except ParseError as error:
        raise _syntax_error_from(error) from error
    except (RecursionError, IndexError, ValueError, TypeError, KeyError) as error:
        # sqlglot fails this way on some malformed input (e.g. `% map( :x`, 5000 nested
        # parentheses): still a statement it cannot parse, not a fault of the emulator.
        raise syntax_error(f"SQL syntax error: the statement cannot be parsed ({error})") from error


def _refuse_quantified_comparison(sql: str, expression: exp.Expr) -> None:
    """`a > ALL (SELECT ...)`: Spark's grammar has quantifiers only after LIKE/ILIKE, so it
    reads ALL as a column and fails at the parenthesis (PARSE_SYNTAX_ERROR); sqlglot parses it."""
    if not any(
        not isinstance(node.parent, exp.Like | exp.ILike)
        for node in expression.find_all(exp.All, exp.Any)
    ):
        return
    tokens: list[Token] = SPARK.tokenizer().tokenize(sql)
    for before, quantifier, paren in zip(tokens, tokens[1:], tokens[2:], strict=False):
        if (
            before.token_type in _COMPARISONS
            and quantifier.token_type in _QUANTIFIERS
            and paren.token_type == TokenType.L_PAREN
        ):
            raise syntax_error(
                f"SQL syntax error{_position(sql, paren.start)} near '(': [PARSE_SYNTAX_ERROR] "
                "Syntax error at or near '('. Spark compares with ALL, ANY or SOME only after "
                "LIKE or ILIKE."
            )


def _refuse_hive_style_rename(expression: exp.Expr) -> None:
    """`ALTER TABLE t CHANGE COLUMN a b INT`: Spark's parser takes no new name there."""
    actions = expression.args.get("actions") if isinstance(expression, exp.Alter) else None
    for action in actions or []:
        renamed = action.args.get("rename_to") if isinstance(action, exp.AlterColumn) else None
        if isinstance(renamed, exp.Expr) and renamed.name.lower() != action.name.lower():
            raise syntax_error(
                "Renaming column is not supported in Hive-style ALTER COLUMN, please run RENAME "
                "COLUMN instead."
            )


def _syntax_error_from(error: ParseError) -> DliError:
    detail = error.errors[0] if error.errors else {}
    line, col = detail.get("line"), detail.get("col")
    highlight = detail.get("highlight")
    if isinstance(col, int) and highlight and "\n" not in highlight:
        col -= len(highlight) - 1  # sqlglot points at the token's last character
    where = f" at line {line}, column {col}" if line is not None and col is not None else ""
    description = _readable(detail.get("description") or str(error))
    near = f" near '{highlight}'" if highlight else ""
    return syntax_error(f"SQL syntax error{where}{near}: {description}")


def _readable(description: str) -> str:
    """sqlglot's message without its internal reprs (`<Token ...>`, `<class '...Where'>`)."""
    description = _TOKEN_REPR.sub(
        lambda m: "the end of the statement" if m["kind"] == "SENTINEL" else f"'{m['text']}'",
        description,
    )
    return _CLASS_REPR.sub(lambda m: m["name"].upper(), description)


def _position(sql: str, offset: int) -> str:
    before = sql[:offset]
    line = before.count("\n") + 1
    column = offset - (before.rfind("\n") + 1) + 1
    return f" at line {line}, column {column}"


def _target(expression: exp.Expr) -> tuple[str | None, str | None]:
    """The (database, table) a statement is about: DOC's database_name/table_name fields."""
    if isinstance(expression, exp.Create | exp.Drop) and str(
        expression.args.get("kind") or ""
    ).upper() in {"DATABASE", "SCHEMA"}:
        return database_of(expression), None
    if isinstance(expression, exp.Use):
        return database_of(expression), None
    ctes = {cte.alias_or_name for cte in expression.find_all(exp.CTE)}
    for table in expression.find_all(exp.Table):
        if table.name and not (not table.db and table.name in ctes):
            return table.db or None, table.name
    return None, None


def database_of(expression: exp.Expr) -> str:
    """The database named by CREATE/DROP DATABASE or USE (sqlglot puts it in varying slots)."""
    node = expression.args.get("this")
    if node is None and isinstance(expression, exp.Drop):
        node = (expression.args.get("tables") or [None])[0]
    if isinstance(node, exp.Table):
        return node.name or node.db
    return node.name if isinstance(node, exp.Expr) else ""
