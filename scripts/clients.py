"""Generate the other-language clients from openapi.yaml and prove they are usable.

    python scripts/clients.py [--spec openapi.yaml] [--out build/clients]
                              [--target NAME ...] [--usage NAME=FILE ...]

Targets (all by default):
  openapi-typescript  TypeScript types for `paths`/`components` (npm openapi-typescript)
  typescript-fetch    a fetch-based TypeScript client (openapi-generator)
  java                a Java client, okhttp-gson (openapi-generator)

Each generator must exit 0 and print no warning outside GENERATOR_WARNINGS. Then the TypeScript
outputs are type-checked by tsc (strict) together with a usage file per client
(clients-config/usage/<target>.ts, or the file given with --usage), and every generated Java
source is run through javac's parser. Java is not compiled: its Maven dependencies are not on
this machine and nothing may be downloaded at run time.

Everything runs offline from the pinned tools: openapi-generator-cli in .venv, npm tools through
`npx --no-install`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "clients-config"
OPENAPI_GENERATOR = Path(sys.executable).parent / "openapi-generator-cli"
NPX = ("npx", "--no-install")
# openapi-generator is a short JVM run: the C1 compiler alone halves its CPU time. Its Python
# wrapper passes JAVA_OPTS to java as one argument, so this holds a single flag.
GENERATOR_ENV = {**os.environ, "JAVA_OPTS": os.environ.get("JAVA_OPTS", "-XX:TieredStopAtLevel=1")}

# Warnings the generators print for this spec, and why each is harmless. Anything else fails.
GENERATOR_WARNINGS: dict[str, str] = {
    "OpenAPI 3.1 support is still in beta": (
        "openapi-generator says so for every 3.1 document; what it produced is type-checked "
        "(TypeScript) or parsed (Java) right after"
    ),
    "Failed to get the schema name: null": (
        "printed while the generator looks for the $ref name of the alias schemas it does not "
        "turn into models (ColumnSchema, a map of strings; ResultRow, an array); it inlines "
        "them as `{ [key: string]: string }` and `Array<any>`, which the tests check"
    ),
    "Ignoring complex example on request body": (
        "the Java generator only copies scalar examples into its README snippets; the "
        "client code does not use examples"
    ),
}
# npx's own complaint about this machine's npm configuration, not the generator's.
NPM_NOISE = re.compile(r"^npm warn ", re.IGNORECASE)
# openapi-generator's log lines: `[main] WARN  o.o.codegen.DefaultCodegen - message`.
LOG_LINE = re.compile(r"^\[[^\]]+\]\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s+\S+\s+-\s+(.*)$")
ALARM = re.compile(r"\b(warn(ing)?|error|exception)\b|\u26a0", re.IGNORECASE)


class ClientError(Exception):
    """A generator or checker failed; the message says which and why."""


@dataclass(frozen=True)
class Target:
    name: str
    typescript_entry: str | None  # module tsc imports, relative to the target's folder

    def command(self, spec: Path, out: Path) -> list[str]:
        if self.name == "openapi-typescript":
            return [
                *NPX,
                "openapi-typescript",
                str(spec),
                "--output",
                str(out / "schema.d.ts"),
                # Its default makes every field with a `default` required, request bodies
                # included: ExportSqlJobResultRequest would demand compress, export_mode, ...
                "--default-non-nullable",
                "false",
            ]
        return [
            str(OPENAPI_GENERATOR),
            "generate",
            "--input-spec",
            str(spec),
            "--generator-name",
            self.name,
            "--config",
            str(CONFIG / f"{self.name}.yaml"),
            "--output",
            str(out),
            # The generated JUnit stubs are empty and would only add files to parse.
            "--global-property",
            "apiTests=false,modelTests=false",
        ]


TARGETS = {
    t.name: t
    for t in (
        Target("openapi-typescript", "schema.d.ts"),
        Target("typescript-fetch", "src/index.ts"),
        Target("java", None),
    )
}


def unexpected_warnings(output: str) -> list[str]:
    """Warning and error lines GENERATOR_WARNINGS does not explain, each once, in order."""
    found: list[str] = []
    for line in output.splitlines():
        line = line.strip()
        if not line or NPM_NOISE.match(line):
            continue
        logged = LOG_LINE.match(line)
        if logged is None:
            if ALARM.search(line):
                found.append(line)
        elif logged.group(1) in ("WARN", "ERROR") and not any(
            known in logged.group(2) for known in GENERATOR_WARNINGS
        ):
            found.append(line)
    return list(dict.fromkeys(found))


def generate(target: Target, spec: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    result = subprocess.run(
        target.command(spec, out),
        cwd=ROOT,
        env=GENERATOR_ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    output = result.stdout + result.stderr
    (out.parent / f"{target.name}.log").write_text(output)
    if result.returncode != 0:
        raise ClientError(f"{target.name}: generator exited {result.returncode}:\n{output}")
    unexplained = unexpected_warnings(output)
    if unexplained:
        raise ClientError(
            f"{target.name}: the generator printed warnings nobody has judged harmless "
            "(fix the spec or the config, or explain them in GENERATOR_WARNINGS):\n  "
            + "\n  ".join(unexplained)
        )


def typecheck(out: Path, usage: dict[str, Path]) -> None:
    """tsc --strict over each usage file and, through its imports, the client it uses."""
    paths = {}
    for name in usage:
        entry = TARGETS[name].typescript_entry
        assert entry is not None, f"{name} is not a TypeScript target"
        paths[f"@dli/{name}"] = [str(out / name / entry)]
    tsconfig = out / "tsconfig.json"
    tsconfig.write_text(
        json.dumps(
            {
                "extends": str(CONFIG / "tsconfig.base.json"),
                "compilerOptions": {"paths": paths},
                "files": [str(file.resolve()) for file in usage.values()],
            },
            indent=2,
        )
        + "\n"
    )
    result = subprocess.run(
        [*NPX, "tsc", "--project", str(tsconfig), "--pretty", "false"],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        errors = [line for line in result.stdout.splitlines() if not NPM_NOISE.match(line)]
        raise ClientError("tsc rejected the TypeScript clients:\n" + "\n".join(errors))


def parse_java(source_root: Path) -> int:
    """Run every generated .java file through javac's parser; return how many there were.

    `-XDshould-stop.ifNoError=PARSE` stops javac once parsing succeeded, before it would look
    for gson and okhttp, so a syntax error is the only thing that can fail here.
    """
    sources = sorted(source_root.rglob("*.java"))
    if not sources:
        raise ClientError(f"java: no sources under {source_root}")
    with tempfile.TemporaryDirectory() as scratch:
        listing = Path(scratch) / "sources.txt"
        listing.write_text("\n".join(str(s) for s in sources) + "\n")
        result = subprocess.run(
            [
                "javac",
                "-XDshould-stop.ifNoError=PARSE",
                "-proc:none",
                "-encoding",
                "UTF-8",
                "-d",
                scratch,
                f"@{listing}",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
    if result.returncode != 0:
        raise ClientError("javac could not parse the generated Java:\n" + result.stderr)
    return len(sources)


def build(
    spec: Path, out: Path, targets: Sequence[str], usage: dict[str, Path], *, regenerate: bool
) -> list[str]:
    """Generate `targets` into `out` (unless told not to) and check them.

    Returns one line per step that passed.
    """
    chosen = [TARGETS[name] for name in targets]
    done = []
    if regenerate:
        # The two openapi-generator runs are JVM-bound and the npm one is quick: two workers
        # keep the wall time near the slowest generator on a 2-core machine.
        with ThreadPoolExecutor(max_workers=2) as pool:
            for run in [pool.submit(generate, t, spec, out / t.name) for t in chosen]:
                run.result()
        done += [f"generated {t.name} into {out / t.name}" for t in chosen]
    else:
        missing = [t.name for t in chosen if not (out / t.name).is_dir()]
        if missing:
            raise ClientError(f"nothing generated yet for {', '.join(missing)} in {out}")
    checks = {
        t.name: usage.get(t.name, CONFIG / "usage" / f"{t.name}.ts")
        for t in chosen
        if t.typescript_entry is not None
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        typed = pool.submit(typecheck, out, checks) if checks else None
        parsed = pool.submit(parse_java, out / "java" / "src") if "java" in targets else None
        if typed is not None:
            typed.result()
            names = ", ".join(f"{name} with {file.name}" for name, file in checks.items())
            done.append(f"tsc --strict accepted {names}")
        if parsed is not None:
            done.append(
                f"javac parsed {parsed.result()} generated Java sources "
                "(not compiled: their Maven dependencies cannot be fetched offline)"
            )
    return done


def _usage_option(text: str) -> tuple[str, Path]:
    name, sep, file = text.partition("=")
    if not sep or name not in TARGETS or TARGETS[name].typescript_entry is None:
        typescript = [n for n, t in TARGETS.items() if t.typescript_entry is not None]
        raise argparse.ArgumentTypeError(
            f"expected NAME=FILE with NAME one of {', '.join(typescript)}, got {text!r}"
        )
    path = Path(file)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"usage file {file!r} does not exist")
    return name, path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "clients")
    parser.add_argument("--target", action="append", choices=sorted(TARGETS), dest="targets")
    parser.add_argument(
        "--usage",
        action="append",
        type=_usage_option,
        default=[],
        metavar="NAME=FILE",
        help="type-check FILE instead of clients-config/usage/NAME.ts",
    )
    parser.add_argument(
        "--no-generate",
        dest="regenerate",
        action="store_false",
        help="check what an earlier run left in --out instead of generating again",
    )
    args = parser.parse_args(argv)
    if not args.spec.is_file():
        parser.error(f"spec {args.spec} does not exist")
    targets = args.targets or list(TARGETS)
    try:
        for line in build(
            args.spec.resolve(),
            args.out.resolve(),
            targets,
            dict(args.usage),
            regenerate=args.regenerate,
        ):
            print(line)
    except ClientError as error:
        print(f"clients: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
