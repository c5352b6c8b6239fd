"""The conformance corpus and the harness's comparison rules (no Spark needed here; the
differential run itself is `make conformance-sql`, and `make test` runs a sample of it)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

from sqlconf import corpus
from sqlconf.compare import compare
from sqlconf.outcome import Outcome
from sqlconf.values import canonical

CORPUS = Path(__file__).parent / "corpus"
# The categories; the corpus also has LATER ones: `after_fitting`, written after the
# DuckDB engine was fitted to these; `pipelines`, `intervals`, `functions_more` and `json_csv`,
# written before they were first run on it; `checksums_windows_json` and `properties`, what later
# engine work added.
CATEGORIES = {
    "literals_types", "arithmetic", "decimal", "casts", "strings", "datetime", "nulls",
    "aggregates", "grouping", "windows", "joins", "set_operations", "subqueries", "ctes",
    "complex_types", "explode_lateral", "higher_order", "values_tables", "pivot", "ddl_dml",
    "typeof_names", "refused",
}  # fmt: skip
LATER = {
    "after_fitting", "pipelines", "checksums_windows_json", "intervals", "properties",
    "functions_more", "json_csv",
}  # fmt: skip


def test_the_corpus_covers_every_category_with_400_queries_or_more() -> None:
    categories = corpus.load(CORPUS)
    assert {c.name for c in categories} == CATEGORIES | LATER
    assert sum(len(c.queries) for c in categories) >= 400
    for category in categories:
        assert category.description, category.name
        if not category.queries[0].whole:  # a DDL sequence repeats its SELECTs on purpose
            assert len({q.sql for q in category.queries}) >= len(category.queries) - 1


def test_only_an_outer_order_by_orders_the_rows() -> None:
    assert corpus.is_ordered("SELECT a FROM t ORDER BY a")
    assert not corpus.is_ordered("SELECT row_number() OVER (ORDER BY a) FROM t")
    assert not corpus.is_ordered("SELECT * FROM (SELECT a FROM t ORDER BY a LIMIT 2)")
    assert not corpus.is_ordered("SELECT 'order by' FROM t")


def test_values_compare_by_meaning_under_sparks_type() -> None:
    assert canonical(Decimal("1.50"), "decimal(10,2)") == canonical("1.5", "decimal(10,2)")
    assert canonical("6", "long") == 6
    assert canonical(0.1 + 0.2, "double") == canonical(0.3, "double")
    assert canonical(float("nan"), "double") == "NaN"
    assert canonical(dt.datetime(2024, 1, 2, 3, 4, 5), "timestamp") == "2024-01-02 03:04:05"
    map_type = {"type": "map", "keyType": "integer", "valueType": "string"}
    assert canonical({1: "a"}, map_type) == canonical({"1": "a"}, map_type)


def test_a_difference_in_rows_types_or_names_is_reported() -> None:
    query = corpus.Query("t", 1, "SELECT sum(x) FROM t")
    truth = Outcome(True, columns=[("sum(x)", "bigint")], rows=[[3]])
    same = compare(query, truth, Outcome(True, columns=[("sum(x)", "bigint")], rows=[[3]]))
    assert same.same
    typed = compare(query, truth, Outcome(True, columns=[("sum(x)", "decimal(38,0)")], rows=[[3]]))
    assert typed.rows and typed.names and not typed.types
    refused = compare(query, Outcome(False, error="[X]"), Outcome(True, columns=[], rows=[]))
    assert not refused.rows
    both_refuse = compare(query, Outcome(False, error="[X]"), Outcome(False, error="other"))
    assert both_refuse.same
