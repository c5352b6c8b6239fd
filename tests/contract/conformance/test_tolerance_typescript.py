"""Tolerance in TypeScript: tsc (strict) accepts the smallest and the large answers as
openapi-typescript's 200 bodies, and the code that reads them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
sys.path.append(str(ROOT / "scripts"))
from conformance import reference_rows, spec_fields  # noqa: E402  (lives in scripts/)
from conformance.tolerance import large_answers, minimal_answers  # noqa: E402

USAGE = ROOT / "clients-config" / "usage" / "openapi-typescript-tolerance.ts"
LITERAL = re.compile(r'^export const (\w+)(Minimal|Large): Ok<"(\w+)"> = (\{.*\});$')


def _clients(out: Path, usage: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        str(ROOT / "scripts" / "clients.py"),
        "--out",
        str(out),
        "--target",
        "openapi-typescript",
        "--usage",
        f"openapi-typescript={usage}",
        *extra,
    ]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=240)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("ts")
    result = _clients(out, USAGE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tsc --strict accepted openapi-typescript with openapi-typescript-tolerance.ts" in (
        result.stdout
    )
    return out


def test_the_typescript_answers_are_the_computed_ones() -> None:
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    minimal = minimal_answers(reference_rows(ROOT / "tests" / "data" / "api-reference.tsv"))
    large = large_answers(minimal, spec_fields(spec))
    found: dict[tuple[str, str], object] = {}
    for line in USAGE.read_text().splitlines():
        match = LITERAL.match(line)
        if match:
            name, kind, operation, body = match.groups()
            assert name == operation
            found[(operation, kind)] = json.loads(body)
    expected = {(op, "Minimal"): body for op, body in minimal.items()}
    expected |= {(op, "Large"): body for op, body in large.items()}
    assert found == expected


def test_tsc_accepts_the_answers_and_the_code_reading_them(generated: Path) -> None:
    assert (generated / "openapi-typescript" / "schema.d.ts").is_file()


def test_tsc_refuses_code_that_assumes_an_optional_field(generated: Path, tmp_path: Path) -> None:
    """The check has teeth: reading the status answer's duration as always there fails."""
    text = USAGE.read_text()
    old = "const ran: number | undefined = answer.duration;"
    assert old in text
    planted = tmp_path / "openapi-typescript-tolerance.ts"
    planted.write_text(text.replace(old, "const ran: number = answer.duration;"))
    result = _clients(generated, planted, "--no-generate")
    assert result.returncode != 0
    assert "Type 'undefined' is not assignable to type 'number'" in result.stdout + result.stderr
