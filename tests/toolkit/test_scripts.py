"""Cutting scripts into statements and substituting `${name}` variables."""

import pytest

from dli_toolkit.scripts import ScriptError, Statement, split, substitute


def test_semicolons_inside_strings_names_and_comments_do_not_cut() -> None:
    script = """-- set-up; nothing runs here
create table t (a int, `b;c` string); /* a ; in a comment */
insert into t values (1, 'x;y'), (2, "q;\\";r");;
select a, `b;c` from t -- the query; with a comment
;
-- only a comment; and nothing else
select 'it''s' ; select 1 -- no closing semicolon"""
    assert split(script) == [
        Statement("create table t (a int, `b;c` string)", 2),
        Statement('insert into t values (1, \'x;y\'), (2, "q;\\";r")', 3),
        Statement("select a, `b;c` from t", 4),
        Statement("select 'it''s'", 7),
        Statement("select 1", 7),
    ]


def test_comments_inside_a_statement_stay() -> None:
    assert split("select 1, -- one\n 2 /* two */ + 3;") == [
        Statement("select 1, -- one\n 2 /* two */ + 3", 1)
    ]


def test_an_empty_script_has_no_statements() -> None:
    assert split("  ;; -- nothing\n/* at all */ ;") == []


def test_an_unclosed_string_is_an_error_naming_it() -> None:
    with pytest.raises(ScriptError, match="cannot read the script"):
        split("select 'abc; select 2")


def test_variables_are_replaced_everywhere_as_text() -> None:
    sql = "select * from ${db}.t where day = '${day}' and x = ${hivevar:db}"
    assert (
        substitute(sql, {"db": "sales", "day": "2024-01-01"})
        == "select * from sales.t where day = '2024-01-01' and x = sales"
    )


def test_a_variable_without_a_value_is_named() -> None:
    with pytest.raises(ScriptError, match=r"\$\{day\}, \$\{db\}"):
        substitute("select ${db}, ${day}, ${db}", {})
