"""Fuzz openapi.yaml with the schemathesis CLI: against a local emulator, or a live DLI endpoint.

    fuzz.py emulator        start an emulator (free port, temporary data), fuzz all of it, stop it
    fuzz.py live --url URL  fuzz a running endpoint: read-only unless FUZZ_WRITE=1

Settings every run shares are in schemathesis.toml (read from the working folder, the repo root).
Here: the target, the credentials, the seed, the report path and, for a live run, what it may do.

Environment:
    CI                  set: a fixed seed, so CI runs are reproducible; unset: a random one
    FUZZ_SEED           this seed instead (the run prints the one it used)
    FUZZ_MAX_TIME       seconds the run may take (default: 60 emulator, 300 live)
    FUZZ_REPORT         JUnit report path (default reports/fuzz-<mode>.xml, which make test counts;
                        a test that runs a failing fuzz on purpose writes it elsewhere)
    live runs only:
    DLI_AUTH_TOKEN, or HUAWEICLOUD_SDK_AK + HUAWEICLOUD_SDK_SK   credentials (toolkit names)
    HUAWEICLOUD_SDK_PROJECT_ID   project ID put into every path
    FUZZ_WRITE=1        also check-sql and submit-job, whose SQL is replaced with `select 1`
    FUZZ_RATE_LIMIT     schemathesis --rate-limit (default 5/s)
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml
from fuzz_auth import CHECK_SQL, CREATE_SQL_JOB, POLICY_ENV, Policy
from spec_views import write_closed

from dli_toolkit.credentials import (
    ENV_ACCESS_KEY,
    ENV_AUTH_TOKEN,
    ENV_PROJECT_ID,
    ENV_SECRET_KEY,
    ENV_SECURITY_TOKEN,
    credentials_from_env,
)

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "openapi.yaml"
REPORTS = REPO / "reports"
# Any fixed value does: what matters is that two CI runs send the same requests.
CI_SEED = 20240601
DEFAULT_MAX_TIME = {"emulator": 60, "live": 300}
DEFAULT_RATE_LIMIT = "5/s"
_CREDENTIAL_ENV = (
    ENV_ACCESS_KEY,
    ENV_SECRET_KEY,
    ENV_SECURITY_TOKEN,
    ENV_AUTH_TOKEN,
    ENV_PROJECT_ID,
)


def choose_seed(environ: Mapping[str, str]) -> tuple[int, str]:
    """The run's seed and where it comes from: FUZZ_SEED, else fixed in CI, else random."""
    text = environ.get("FUZZ_SEED", "")
    if text:
        try:
            return int(text), "FUZZ_SEED"
        except ValueError:
            raise SystemExit(f"FUZZ_SEED must be an integer, got {text!r}") from None
    if environ.get("CI"):
        return CI_SEED, "fixed in CI"
    return random.SystemRandom().randrange(2**32), "random"


def max_time(environ: Mapping[str, str], mode: str) -> int:
    text = environ.get("FUZZ_MAX_TIME", "")
    if not text:
        return DEFAULT_MAX_TIME[mode]
    if not text.isdigit() or int(text) < 1:
        raise SystemExit(f"FUZZ_MAX_TIME must be a positive number of seconds, got {text!r}")
    return int(text)


def live_operation_ids(policy: Policy) -> list[str]:
    """What a live run may call: every GET operation, plus check-sql and submit in a write run."""
    paths = yaml.safe_load(SPEC.read_text(encoding="utf-8"))["paths"]
    ids = [item["get"]["operationId"] for item in paths.values() if "get" in item]
    if policy is Policy.HARMLESS_WRITES:
        ids += [CREATE_SQL_JOB, CHECK_SQL]
    return ids


def schemathesis_command(
    url: str, seed: int, report: Path, seconds: int, extra: Sequence[str], spec: Path = SPEC
) -> list[str]:
    return [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "run",
        str(spec),
        "--url",
        url,
        "--seed",
        str(seed),
        "--max-time",
        str(seconds),
        # The path must be given here: a bare `--report junit` ignores the config's path.
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
        *extra,
    ]


def child_env(credentials: Mapping[str, str], policy: Policy) -> dict[str, str]:
    """The schemathesis process's environment: only these credentials, our hooks, our policy."""
    env = {key: value for key, value in os.environ.items() if key not in _CREDENTIAL_ENV}
    env.update(credentials)
    path = [str(REPO / "src"), str(REPO / "generated"), str(REPO / "scripts")]
    env["PYTHONPATH"] = os.pathsep.join([*path, env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["SCHEMATHESIS_HOOKS"] = "fuzz_hooks"
    env[POLICY_ENV] = policy.value
    return env


def run_schemathesis(command: list[str], env: dict[str, str], seed: int, source: str) -> int:
    print(f"fuzz seed: {seed} ({source}; FUZZ_SEED={seed} repeats this run)", flush=True)
    started = time.monotonic()
    code = subprocess.run(command, cwd=REPO, env=env, check=False).returncode
    print(f"fuzzing took {time.monotonic() - started:.0f} s, exit code {code}", flush=True)
    return code


def fuzz_emulator(extra: Sequence[str]) -> int:
    from dli_emulator.config import new_project
    from dli_emulator.testing import EmulatorFactory

    seed, source = choose_seed(os.environ)
    REPORTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="dli-fuzz-") as tmp:
        factory = EmulatorFactory(Path(tmp))
        try:
            emulator = factory.start(in_subprocess=True, projects=(new_project("fuzz"),))
            print(f"emulator at {emulator.base_url}", flush=True)
            credentials = {ENV_AUTH_TOKEN: emulator.token, ENV_PROJECT_ID: emulator.project_id}
            # Our own emulator is held to the closed enums; a live service is not (spec_views).
            closed = write_closed(SPEC, Path(tmp) / "openapi.yaml")
            command = schemathesis_command(
                emulator.base_url,
                seed,
                Path(os.environ.get("FUZZ_REPORT") or REPORTS / "fuzz-emulator.xml"),
                max_time(os.environ, "emulator"),
                extra,
                closed,
            )
            # The emulator is this run's own and thrown away: every phase, every method.
            env = child_env(credentials, Policy.UNRESTRICTED)
            return run_schemathesis(command, env, seed, source)
        finally:
            factory.close()
            # Its log (access log, tracebacks of 500s) outlives the temporary folder.
            for log in Path(tmp).glob("emulator-*.log"):
                shutil.copyfile(log, REPORTS / "fuzz-emulator.log")
                print(f"emulator log: {REPORTS / 'fuzz-emulator.log'}", flush=True)


def fuzz_live(url: str, extra: Sequence[str]) -> int:
    try:
        credentials = credentials_from_env()
    except ValueError as error:
        raise SystemExit(f"fuzz live: {error}") from None
    project_id = credentials.project_id
    if not project_id:
        raise SystemExit(f"fuzz live: set {ENV_PROJECT_ID} to the project to fuzz")
    policy = Policy.HARMLESS_WRITES if os.environ.get("FUZZ_WRITE") == "1" else Policy.READ_ONLY
    seed, source = choose_seed(os.environ)
    passed = {key: os.environ[key] for key in _CREDENTIAL_ENV if os.environ.get(key)}
    options = [
        # Valid requests only: a live run learns how the service answers what clients send,
        # and sends no undeclared methods (the coverage phase sends those in negative mode).
        "--mode",
        "positive",
        "--phases",
        # Stateful testing needs a submit to start from; a read-only run has none.
        "examples,coverage,fuzzing,stateful"
        if policy is Policy.HARMLESS_WRITES
        else "examples,coverage,fuzzing",
        "--rate-limit",
        os.environ.get("FUZZ_RATE_LIMIT", DEFAULT_RATE_LIMIT),
    ]
    for operation_id in live_operation_ids(policy):
        options += ["--include-operation-id", operation_id]
    REPORTS.mkdir(exist_ok=True)
    print(f"live fuzzing of {url}, project {project_id}, policy {policy.value}", flush=True)
    command = schemathesis_command(
        url,
        seed,
        Path(os.environ.get("FUZZ_REPORT") or REPORTS / "fuzz-live.xml"),
        max_time(os.environ, "live"),
        [*options, *extra],
    )
    return run_schemathesis(command, child_env(passed, policy), seed, source)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="mode", required=True)
    sub.add_parser("emulator", help="fuzz a fresh local emulator (what `make test` runs)")
    live = sub.add_parser("live", help="fuzz a running DLI endpoint (read-only by default)")
    live.add_argument(
        "--url", required=True, help="base URL, e.g. https://dli.cn-north-4.myhuaweicloud.com"
    )
    args, extra = parser.parse_known_args(argv)
    if args.mode == "emulator":
        return fuzz_emulator(extra)
    return fuzz_live(args.url, extra)


if __name__ == "__main__":
    sys.exit(main())
