"""CONFORMANCE.md (a table per category, every difference) and a JUnit file per engine."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .compare import Verdict
from .corpus import Category


@dataclass
class EngineRun:
    engine: str
    verdicts: dict[str, Verdict]  # by query key
    setup_errors: list[str]
    seconds: float
    known: Mapping[str, str]  # query SQL -> why it differs
    # kind of difference -> why: "names" covers a query whose only difference is column names
    kinds: Mapping[str, str]

    def reason(self, sql: str, verdict: Verdict) -> str | None:
        if verdict.rows and verdict.types and not verdict.names and "names" in self.kinds:
            return self.kinds["names"]
        return self.known.get(sql)


def percent(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def totals(verdicts: list[Verdict]) -> tuple[int, int, int, int]:
    return (
        len(verdicts),
        sum(v.rows for v in verdicts),
        sum(v.types for v in verdicts),
        sum(v.names for v in verdicts),
    )


def markdown(
    categories: list[Category],
    runs: list[EngineRun],
    spark_version: str,
    truth_seconds: float,
    command: str,
) -> str:
    lines = [
        "# SQL conformance: the emulator's engines against real Spark",
        "",
        f"Written by `{command}`. The truth is Spark {spark_version} itself (pyspark, local,",
        "`spark.sql.ansi.enabled=false`, session time zone UTC), run on the corpus in",
        "`tests/sql_conformance/corpus/` (each category's setup, then its queries, in order). Each",
        "engine runs the same statements through the emulator's HTTP API (submit, wait, preview).",
        "A query matches on **rows** when both succeed with the same rows (in order only under an",
        "outer ORDER BY), or both refuse it; on **types** and **names** when the result columns",
        "have Spark's type names and column names. Why a known difference exists is in",
        "`tests/sql_conformance/known_differences.toml`.",
        "",
        "| engine | queries | rows | types | names | seconds |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    lines.append(
        f"| Spark {spark_version} (truth) | {sum(len(c.queries) for c in categories)} "
        f"| - | - | - | {truth_seconds:.0f} |"
    )
    for run in runs:
        n, rows, types, names = totals(list(run.verdicts.values()))
        lines.append(
            f"| {run.engine} | {n} | {percent(rows, n)} | {percent(types, n)} "
            f"| {percent(names, n)} | {run.seconds:.0f} |"
        )
    lines += ["", "## By category", ""]
    header = "| category |" + "".join(f" {r.engine} queries | rows | types | names |" for r in runs)
    lines += [header, "| --- |" + " ---: | ---: | ---: | ---: |" * len(runs)]
    for category in categories:
        keys = [q.key for q in category.queries]
        cells = []
        for run in runs:
            verdicts = [run.verdicts[k] for k in keys if k in run.verdicts]
            count, rows, types, names = totals(verdicts)
            cells.append(
                f" {count} | {percent(rows, count)} | {percent(types, count)} "
                f"| {percent(names, count)} |"
            )
        lines.append(f"| {category.name} |" + "".join(cells))
    for run in runs:
        lines += ["", f"## Differences: {run.engine}", ""]
        if run.setup_errors:
            lines.append("Setup statements that failed (later queries of the category suffer):")
            lines += [f"- {_cell(e)}" for e in run.setup_errors]
            lines.append("")
        for category in categories:
            rows_out = []
            for query in category.queries:
                verdict = run.verdicts.get(query.key)
                if verdict is None or verdict.same:
                    continue
                reason = run.reason(query.sql, verdict) or "**not yet explained**"
                rows_out.append(
                    f"| {query.number} | `{_cell(query.sql)}` | {_cell('; '.join(verdict.notes))}"
                    f" | {_cell(reason)} |"
                )
            if rows_out:
                lines += [
                    f"### {category.name}",
                    "",
                    "| # | query | difference | reason |",
                    "| ---: | --- | --- | --- |",
                    *rows_out,
                    "",
                ]
    return "\n".join(lines).rstrip() + "\n"


def junit(path: Path, categories: list[Category], run: EngineRun) -> tuple[int, int, int]:
    """One testcase per query: passes when it matches Spark, is skipped when it differs for a
    reason on record, fails when it differs for none. (passed, failed, skipped)"""
    suite = ET.Element("testsuite", name=f"sql-conformance-{run.engine}")
    passed = failed = skipped = 0
    for category in categories:
        for query in category.queries:
            verdict = run.verdicts.get(query.key)
            if verdict is None:
                continue
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"sql_conformance.{run.engine}.{category.name}",
                name=f"{query.number}: {query.sql[:80]}",
            )
            reason = run.reason(query.sql, verdict)
            if verdict.same:
                passed += 1
            elif reason is not None:
                skipped += 1
                ET.SubElement(case, "skipped", message=reason[:500])
            else:
                failed += 1
                failure = ET.SubElement(case, "failure", message="differs from Spark")
                failure.text = "\n".join([query.sql, *verdict.notes])
    suite.set("tests", str(passed + failed + skipped))
    suite.set("failures", str(failed))
    suite.set("errors", "0")
    suite.set("skipped", str(skipped))
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(suite).write(path, encoding="utf-8", xml_declaration=True)
    return passed, failed, skipped


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").replace("`", "'")
