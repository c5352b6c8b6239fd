"""Differential SQL conformance: the corpus on real Spark, then on the emulator's engines.

    conformance_sql.py --engine duckdb --engine spark --output CONFORMANCE.md   the report
    conformance_sql.py --sample 5 --check        every 5th query (all setups): `make test`

Spark (pyspark, local, non-ANSI, UTC) gives the truth: rows, Spark type names and column names.
Each engine is an emulator started on 127.0.0.1 (free port, temporary data) and reached only
through its HTTP API. JUnit goes to reports/sql-conformance-<engine>.xml: a query passes when it
matches Spark, is skipped when it differs for a reason recorded in
tests/sql_conformance/known_differences.toml, fails otherwise. `--check` exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

from sqlconf import corpus, emulator, report, spark
from sqlconf.compare import compare
from sqlconf.corpus import Query
from sqlconf.outcome import Outcome

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "sql_conformance" / "corpus"
KNOWN = ROOT / "tests" / "sql_conformance" / "known_differences.toml"
ENGINES = ("duckdb", "spark")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--engine", action="append", choices=ENGINES, help="repeatable; default: duckdb"
    )
    parser.add_argument("--sample", type=int, default=1, help="run every Nth query only")
    parser.add_argument(
        "--spark-sample",
        type=int,
        default=1,
        help="the Spark engine runs every Nth of those (a job costs it about a second)",
    )
    parser.add_argument("--output", type=Path, help="write the report here (CONFORMANCE.md)")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    parser.add_argument("--truth", type=Path, help="reuse (or save) Spark's answers in this file")
    parser.add_argument("--check", action="store_true", help="exit 1 on an unexplained difference")
    args = parser.parse_args(argv)

    categories = corpus.load(CORPUS)
    selected = _sampler(args.sample)
    truth, spark_version, setup_errors, truth_seconds = _truth(categories, selected, args.truth)
    if setup_errors:
        print(
            "The corpus is wrong: Spark refuses these setup statements:",
            *setup_errors,
            sep="\n  ",
            file=sys.stderr,
        )
        return 2
    known, kinds = _known()
    runs = []
    for engine in args.engine or ["duckdb"]:
        chosen = selected
        if engine == "spark" and args.spark_sample > 1:
            chosen = _sampler(args.sample * args.spark_sample)
        run = _run_engine(
            engine, categories, truth, chosen, known.get(engine, {}), kinds.get(engine, {})
        )
        runs.append(run)
        passed, failed, skipped = report.junit(
            args.reports / f"sql-conformance-{engine}.xml", categories, run
        )
        n, rows, types, names = report.totals(list(run.verdicts.values()))
        print(
            f"{engine}: {n} queries, rows {report.percent(rows, n)}, types "
            f"{report.percent(types, n)}, names {report.percent(names, n)}; junit: {passed} "
            f"passed, {failed} failed (unexplained differences), {skipped} skipped (known)"
        )
    if args.output:
        command = "make conformance-sql"
        if args.sample > 1:
            command = f"scripts/conformance_sql.py --sample {args.sample}"
        args.output.write_text(
            report.markdown(categories, runs, spark_version, truth_seconds, command)
        )
        print(f"wrote {args.output}")
    if args.check:
        return 1 if any(_unexplained(r, categories) for r in runs) else 0
    return 0


def _sampler(every: int) -> Callable[[Query], bool]:
    return lambda query: query.whole or (query.number - 1) % every == 0


def _truth(
    categories: list[corpus.Category], selected: Callable[[Query], bool], cache: Path | None
) -> tuple[dict[str, Outcome], str, list[str], float]:
    """Spark's answers: from `cache` when it was made from this very corpus, else from Spark;
    with the seconds Spark took to give them."""
    statements = [[c.name, *c.setup, *(q.sql for q in c.queries)] for c in categories]
    digest = hashlib.sha256(json.dumps(statements).encode()).hexdigest()
    if cache is not None and cache.exists():
        data = json.loads(cache.read_text())
        outcomes = {k: Outcome.from_json(v) for k, v in data["outcomes"].items()}
        wanted = [q.key for c in categories for q in c.queries if selected(q)]
        if data.get("corpus") == digest and all(key in outcomes for key in wanted):
            return outcomes, str(data["version"]), [], float(data.get("seconds", 0.0))
    started = time.perf_counter()
    with spark.session() as session:
        version = spark.version(session)
        outcomes, errors = spark.run_corpus(session, categories, selected)
    seconds = time.perf_counter() - started
    if cache is not None and not errors:
        cache.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "version": version,
            "corpus": digest,
            "seconds": seconds,
            "outcomes": {k: o.to_json() for k, o in outcomes.items()},
        }
        cache.write_text(json.dumps(payload, default=str))
    return outcomes, version, errors, seconds


def _run_engine(
    engine: str,
    categories: list[corpus.Category],
    truth: dict[str, Outcome],
    selected: Callable[[Query], bool],
    known: dict[str, str],
    kinds: dict[str, str],
) -> report.EngineRun:
    from dli_emulator.testing import EmulatorFactory

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"conformance-{engine}-") as tmp:
        factory = EmulatorFactory(Path(tmp))
        try:
            instance = factory.start(in_subprocess=True, engine=engine)
            client = emulator.EmulatorClient(instance.base_url, instance.project_id, instance.token)
            try:
                outcomes, setup_errors = emulator.run_corpus(client, categories, truth, selected)
            finally:
                client.close()
        finally:
            factory.close()
    verdicts = {
        q.key: compare(q, truth[q.key], outcomes[q.key])
        for c in categories
        for q in c.queries
        if q.key in outcomes and q.key in truth
    }
    seconds = time.perf_counter() - started
    return report.EngineRun(engine, verdicts, setup_errors, seconds, known, kinds)


def _known() -> tuple[dict[str, dict[str, str]], dict[str, dict[str, str]]]:
    """From known_differences.toml: {engine: {query SQL: reason}}, {engine: {kind: reason}}."""
    data = tomllib.loads(KNOWN.read_text()) if KNOWN.exists() else {}
    by_sql: dict[str, dict[str, str]] = {}
    by_kind: dict[str, dict[str, str]] = {}
    for engine, entries in data.items():
        for entry in entries:
            if "sql" in entry:
                by_sql.setdefault(engine, {})[entry["sql"].strip()] = entry["reason"]
            else:
                by_kind.setdefault(engine, {})[entry["kind"]] = entry["reason"]
    return by_sql, by_kind


def _unexplained(run: report.EngineRun, categories: list[corpus.Category]) -> bool:
    return any(
        not run.verdicts[q.key].same and run.reason(q.sql, run.verdicts[q.key]) is None
        for c in categories
        for q in c.queries
        if q.key in run.verdicts
    )


if __name__ == "__main__":
    sys.exit(main())
