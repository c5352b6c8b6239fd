"""Which Spark DDL, kept by sqlglot as an unparsed command, the engine runs (`commands`): the
forms of their text, for classifying a statement without the engine's DDL code."""

from __future__ import annotations

import re

from sqlglot import exp

_TABLE = r"^\s*TABLE\s+(?P<table>[`\w.]+)\s+"
UNSET = re.compile(
    r"^\s*(?P<kind>TABLE|VIEW)\s+(?P<table>[`\w.]+)\s+"
    r"UNSET\s+TBLPROPERTIES\s+(?:IF\s+EXISTS\s+)?\((?P<keys>.*)\)\s*$",
    re.I | re.S,
)
RECOVER = re.compile(_TABLE + r"RECOVER\s+PARTITIONS\s*$", re.I)
REPAIR = re.compile(
    r"^\s*TABLE\s+(?P<table>[`\w.]+)(?:\s+(?:ADD|DROP|SYNC)\s+PARTITIONS)?\s*$", re.I
)
RENAME = re.compile(
    _TABLE + r"PARTITION\s*\((?P<old>[^)]*)\)\s*RENAME\s+TO\s+PARTITION\s*\((?P<new>[^)]*)\)\s*$",
    re.I | re.S,
)
KEY = re.compile(r"'((?:[^'\\]|\\.|'')*)'")


def command_text(command: exp.Command) -> str:
    """What follows a command's first keyword(s) (sqlglot keeps it as text or a literal)."""
    rest = command.expression
    return rest.name if isinstance(rest, exp.Expr) else str(rest or "")


def runs(command: exp.Command) -> bool:
    """Whether the engine runs this command (see `commands`)."""
    keyword, text = str(command.this).upper(), command_text(command)
    if keyword == "ALTER":
        return bool(UNSET.match(text) or RECOVER.match(text) or RENAME.match(text))
    return keyword == "MSCK REPAIR" and bool(REPAIR.match(text))
