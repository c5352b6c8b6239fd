"""Generate the other-language clients from openapi.yaml and prove they are usable.

    python scripts/clients.py [--spec openapi.yaml] [--out build/clients]
                              [--target NAME ...] [--usage NAME=FILE ...]
                              [--run [--reports reports]]

Targets (all by default):
  openapi-typescript  TypeScript types for `paths`/`components` (npm openapi-typescript)
  typescript-fetch    a fetch-based TypeScript client (openapi-generator)
  java                a Java client, library native: java.net.http + Jackson (openapi-generator)

Each generator must exit 0 and print no warning outside GENERATOR_WARNINGS. Then:
- tsc (strict) type-checks the TypeScript outputs with a usage file per client
  (clients-config/usage/<target>.ts, or the file given with --usage) and the AK/SK signer
  (clients-config/signer/aksk.ts) against the DOM library alone, as a browser would;
- the typescript-fetch package is built as npm would (tsc -p its tsconfig) and the consumer
  template (clients-config/template) is built against it, as by a user who copied it;
- javac compiles the Java client, the Java AK/SK signer and its checks against Jackson and
  jakarta.annotation-api from the local Maven repository (~/.m2/repository: this machine image
  carries them; nothing is downloaded).

With --run, an emulator is started on 127.0.0.1 (a free port; stopped at the end, failures
included) and both languages are run against it with AK/SK signing:
- `node --test` runs clients-config/signer/tests (the 32 signer vectors, then the generated
  typescript-fetch client, a signed fetch and the built template end to end), JUnit in
  <reports>/node-signer.xml;
- the Java checks program signs the same vectors and submits, waits and previews through the
  generated Java client; it writes <reports>/java-client.xml itself (no Java test runner is
  available offline).

Everything runs offline from the pinned tools: openapi-generator-cli in .venv, npm tools through
`npx --no-install`, the JDK's javac and java.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from spec_views import write_closed

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "clients-config"
OPENAPI_GENERATOR = Path(sys.executable).parent / "openapi-generator-cli"
NPX = ("npx", "--no-install")
NODE_MODULES = ROOT / "node_modules"
SIGNER = CONFIG / "signer"
TEMPLATE = CONFIG / "template"
JAVA_OWN = CONFIG / "java"
VECTORS = ROOT / "tests" / "data" / "aksk-vectors.json"
TS_PACKAGE = "@dli-sqljob/typescript-fetch"
# What the generated Java client (library native, openApiNullable off, Jakarta annotations)
# compiles against, at versions this machine image's local Maven repository holds.
MAVEN_REPOSITORY = Path.home() / ".m2" / "repository"
JAVA_DEPENDENCIES = (
    ("com.fasterxml.jackson.core", "jackson-core", "2.17.2"),
    ("com.fasterxml.jackson.core", "jackson-annotations", "2.17.2"),
    ("com.fasterxml.jackson.core", "jackson-databind", "2.17.2"),
    ("com.fasterxml.jackson.datatype", "jackson-datatype-jsr310", "2.17.1"),
    ("jakarta.annotation", "jakarta.annotation-api", "2.1.1"),
)
JAVA_CHECKS_MAIN = "io.github.dlisqljob.checks.ClientChecks"
# Short JVM runs: the C1 compiler alone is enough and starts faster.
QUICK_JVM = "-XX:TieredStopAtLevel=1"
# openapi-generator is a short JVM run: the C1 compiler alone halves its CPU time. Its Python
# wrapper passes JAVA_OPTS to java as one argument, so this holds a single flag.
GENERATOR_ENV = {**os.environ, "JAVA_OPTS": os.environ.get("JAVA_OPTS", "-XX:TieredStopAtLevel=1")}

# Warnings the generators print for this spec, and why each is harmless. Anything else fails.
GENERATOR_WARNINGS: dict[str, str] = {
    "OpenAPI 3.1 support is still in beta": (
        "openapi-generator says so for every 3.1 document; what it produced is type-checked "
        "(TypeScript) or compiled (Java) right after"
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
    # openapi-generator reads the closed enums: its own options keep them open (spec_views.py).
    if target.name != "openapi-typescript":
        spec = write_closed(spec, out.parent / f"{target.name}.yaml")
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


def _run(
    command: Sequence[str | Path],
    what: str,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> str:
    """Run a tool; its stdout, or ClientError with what it printed."""
    result = subprocess.run(
        [str(part) for part in command],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
        timeout=timeout,
    )
    if result.returncode != 0:
        output = "\n".join(
            line
            for line in (result.stdout + result.stderr).splitlines()
            if not NPM_NOISE.match(line)
        )
        raise ClientError(f"{what}:\n{output}")
    return result.stdout


def typecheck(out: Path, usage: dict[str, Path]) -> None:
    """tsc --strict over each usage file and, through its imports, the client it uses; the
    signer too, with the DOM library alone, so it stays usable in a browser."""
    paths = {}
    for name in usage:
        entry = TARGETS[name].typescript_entry
        assert entry is not None, f"{name} is not a TypeScript target"
        paths[f"@dli-sqljob/{name}"] = [str(out / name / entry)]
    files = [SIGNER / "aksk.ts", *usage.values()]
    tsconfig = out / "tsconfig.json"
    tsconfig.write_text(
        json.dumps(
            {
                "extends": str(CONFIG / "tsconfig.base.json"),
                "compilerOptions": {"paths": paths},
                "files": [str(file.resolve()) for file in files],
            },
            indent=2,
        )
        + "\n"
    )
    _run(
        [*NPX, "tsc", "--project", tsconfig, "--pretty", "false"],
        "tsc rejected the TypeScript clients",
    )


def _link(link: Path, target: Path) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(target, target_is_directory=True)


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def build_ts_package(out: Path) -> None:
    """Build the typescript-fetch package into its dist/ as `npm install` would (CommonJS)."""
    package = out / "typescript-fetch"
    shutil.rmtree(package / "dist", ignore_errors=True)
    _run(
        [*NPX, "tsc", "--project", package / "tsconfig.json", "--pretty", "false"],
        "tsc could not build the typescript-fetch package",
    )


def _install_for(project: Path, out: Path) -> None:
    """node_modules as `npm install` would leave it for a consumer: the generated package and
    the pinned @types, linked rather than downloaded."""
    _link(project / "node_modules" / TS_PACKAGE, out / "typescript-fetch")
    _link(project / "node_modules" / "@types", NODE_MODULES / "@types")


def check_template(out: Path) -> None:
    """Build the consumer template as a user who copied it: its own package.json and tsconfig,
    the signer copied beside main.ts, the generated package installed."""
    project = _fresh(out / "template")
    shutil.copytree(TEMPLATE, project, dirs_exist_ok=True)
    shutil.copy(SIGNER / "aksk.ts", project / "src" / "aksk.ts")
    _install_for(project, out)
    manifest = json.loads((TEMPLATE / "package.json").read_text())
    wanted = {**manifest["dependencies"], **manifest["devDependencies"]}
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    stale = [f"{n} {v} (we pin {pinned[n]})" for n, v in wanted.items() if pinned.get(n, v) != v]
    if stale:
        raise ClientError("the template's package.json differs from our pins: " + ", ".join(stale))
    # Built as `npm run build` would (into its dist/): --run starts it against the emulator.
    _run(
        [*NPX, "tsc", "--project", project / "tsconfig.json", "--pretty", "false"],
        "tsc rejected the consumer template",
    )


def _java_classpath() -> list[Path]:
    jars = [
        MAVEN_REPOSITORY
        / group.replace(".", "/")
        / artifact
        / version
        / f"{artifact}-{version}.jar"
        for group, artifact, version in JAVA_DEPENDENCIES
    ]
    missing = [str(jar) for jar in jars if not jar.is_file()]
    if missing:
        raise ClientError(
            "the Java client compiles against jars of the local Maven repository; missing:\n  "
            + "\n  ".join(missing)
        )
    return jars


def compile_java(out: Path) -> int:
    """javac the generated client with our signer and checks; return how many sources."""
    generated = sorted((out / "java" / "src" / "main").rglob("*.java"))
    if not generated:
        raise ClientError(f"java: no sources under {out / 'java' / 'src' / 'main'}")
    sources = generated + sorted(JAVA_OWN.rglob("*.java"))
    classes = _fresh(out / "java-classes")
    listing = out / "java-sources.txt"
    listing.write_text("\n".join(str(source) for source in sources) + "\n")
    classpath = os.pathsep.join(map(str, _java_classpath()))
    _run(
        [
            "javac",
            f"-J{QUICK_JVM}",
            "-proc:none",
            "-encoding",
            "UTF-8",
            "-cp",
            classpath,
            "-d",
            classes,
            f"@{listing}",
        ],
        "javac could not compile the generated Java",
    )
    return len(generated)


@contextlib.contextmanager
def emulator(scratch: Path) -> Iterator[dict[str, str]]:
    """An emulator on 127.0.0.1 (a free port) for the run; the DLI_E2E_* variables naming it."""
    from dli_emulator.testing import EmulatorFactory

    factory = EmulatorFactory(_fresh(scratch))
    try:
        instance = factory.start()
        yield {
            "DLI_E2E_ENDPOINT": instance.base_url,
            "DLI_E2E_PROJECT_ID": instance.project_id,
            "DLI_E2E_AK": instance.ak,
            "DLI_E2E_SK": instance.sk,
        }
    finally:
        factory.close()


def run_node_tests(out: Path, reports: Path, env: dict[str, str]) -> str:
    """Compile the signer and its tests to CommonJS and run them with `node --test`."""
    project = _fresh(out / "node")
    shutil.copytree(SIGNER, project / "signer")
    _install_for(project, out)
    (project / "package.json").write_text('{"private": true, "type": "commonjs"}\n')
    (project / "tsconfig.json").write_text(
        json.dumps(
            {
                "compilerOptions": {
                    "strict": True,
                    "target": "ES2022",
                    "module": "Node16",
                    "moduleResolution": "Node16",
                    "lib": ["ES2022", "DOM"],
                    "types": ["node"],
                    "skipLibCheck": True,
                    "rootDir": ".",
                    "outDir": "js",
                },
                "include": ["signer"],
            },
            indent=2,
        )
        + "\n"
    )
    _run(
        [*NPX, "tsc", "--project", project / "tsconfig.json", "--pretty", "false"],
        "tsc could not compile the signer tests",
    )
    reports.mkdir(parents=True, exist_ok=True)
    template_main = out / "template" / "dist" / "main.js"
    # Run from the repository root: the vectors test reads tests/data/aksk-vectors.json.
    return _run(
        [
            "node",
            "--test",
            "--test-reporter=junit",
            f"--test-reporter-destination={reports / 'node-signer.xml'}",
            "--test-reporter=spec",
            "--test-reporter-destination=stdout",
            project / "js" / "signer" / "tests",
        ],
        "node --test failed",
        cwd=ROOT,
        env={**os.environ, **env, "DLI_E2E_TEMPLATE_MAIN": str(template_main)},
        timeout=300,
    )


def run_java_checks(out: Path, reports: Path, env: dict[str, str]) -> str:
    classpath = os.pathsep.join(map(str, [out / "java-classes", *_java_classpath()]))
    reports.mkdir(parents=True, exist_ok=True)
    return _run(
        [
            "java",
            QUICK_JVM,
            "-cp",
            classpath,
            JAVA_CHECKS_MAIN,
            VECTORS,
            reports / "java-client.xml",
        ],
        "the Java checks failed",
        env={**os.environ, **env},
        timeout=300,
    )


def build(
    spec: Path,
    out: Path,
    targets: Sequence[str],
    usage: dict[str, Path],
    *,
    regenerate: bool,
    reports: Path | None = None,
) -> list[str]:
    """Generate `targets` into `out` (unless told not to) and check them; with `reports`, also
    run them against an emulator and write the runners' JUnit XML there.

    Returns one line per step that passed (and the runners' own output).
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
    fetch = "typescript-fetch" in targets
    java = "java" in targets
    with ThreadPoolExecutor(max_workers=2) as pool:
        compiled = pool.submit(compile_java, out) if java else None
        if checks:
            typecheck(out, checks)
            names = ", ".join(f"{name} with {file.name}" for name, file in checks.items())
            done.append(f"tsc --strict accepted {names} and the AK/SK signer")
        if fetch:
            build_ts_package(out)
            check_template(out)
            done.append(f"built {TS_PACKAGE} and the consumer template against it")
        if compiled is not None:
            done.append(
                f"javac compiled {compiled.result()} generated Java sources "
                "with the AK/SK signer and its checks"
            )
    if reports is not None and (fetch or java):
        with emulator(out / "emulator") as env:
            if fetch:
                done.append(run_node_tests(out, reports, env).rstrip())
            if java:
                done.append(run_java_checks(out, reports, env).rstrip())
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
        "--run",
        action="store_true",
        help="also run the TypeScript and Java clients, AK/SK-signed, against an emulator",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=ROOT / "reports",
        help="where --run's test runners write JUnit XML (default: reports/)",
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
            reports=args.reports.resolve() if args.run else None,
        ):
            print(line)
    except ClientError as error:
        print(f"clients: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
