"""Regenerate generated/ from openapi.yaml, or check that it has not drifted.

One code path serves both verbs, as openapi-python-client's own repository does: `check` renders
into a temporary folder exactly as `generate` would and compares the two trees byte for byte.

    python scripts/codegen.py generate
    python scripts/codegen.py check [--generated DIR]
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from spec_views import write_closed

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.yaml"
CONFIG = ROOT / "codegen" / "config.yaml"
TEMPLATES = ROOT / "codegen" / "templates"
GENERATED = ROOT / "generated"
PACKAGE = "dli_client"
PROVENANCE = "PROVENANCE.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _inputs_digest() -> dict[str, str]:
    files = [CONFIG, *sorted(TEMPLATES.rglob("*.jinja")), Path(__file__).with_name("spec_views.py")]
    return {str(p.relative_to(ROOT)): _sha256(p) for p in files}


def _generate(spec: Path, target: Path, bin_dir: Path) -> None:
    # The generator's post-hooks call `ruff` by name; without the venv's ruff on PATH they only
    # print a notice and leave unformatted code behind.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    cmd = [
        str(bin_dir / "openapi-python-client"),
        "generate",
        "--path",
        str(spec),
        "--config",
        str(CONFIG),
        "--custom-template-path",
        str(TEMPLATES),
        "--meta",
        "none",
        "--output-path",
        str(target / PACKAGE),
        "--fail-on-warning",
    ]
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or "Error" in result.stdout:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"openapi-python-client failed (exit {result.returncode})")


def render(target: Path, spec: Path = SPEC) -> None:
    """Write the package and its provenance record into `target` (which must not exist yet)."""
    target.mkdir(parents=True)
    bin_dir = Path(sys.executable).parent
    # The generator reads the closed view of the spec: see spec_views for why.
    scratch = Path(tempfile.mkdtemp(prefix="dli-codegen-"))
    try:
        _generate(write_closed(spec, scratch / "openapi.yaml"), target, bin_dir)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    record = {
        "generator": "openapi-python-client",
        "generator_version": version("openapi-python-client"),
        "ruff_version": version("ruff"),
        "spec": SPEC.name,
        "spec_sha256": _sha256(spec),
        "inputs_sha256": _inputs_digest(),
        "command": "make generate",
    }
    (target / PROVENANCE).write_text(json.dumps(record, indent=2, sort_keys=True) + "\n")


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def diff_trees(expected: Path, actual: Path) -> list[str]:
    """Human-readable differences; empty when the trees are identical."""
    want, have = _tree(expected), _tree(actual)
    problems: list[str] = []
    for name in sorted(want.keys() - have.keys()):
        problems.append(f"missing from generated/: {name}")
    for name in sorted(have.keys() - want.keys()):
        problems.append(f"not produced by the generator: generated/{name}")
    for name in sorted(want.keys() & have.keys()):
        if want[name] != have[name]:
            lines = difflib.unified_diff(
                have[name].decode(errors="replace").splitlines(),
                want[name].decode(errors="replace").splitlines(),
                f"generated/{name} (committed)",
                f"generated/{name} (from openapi.yaml)",
                lineterm="",
            )
            problems.append("\n".join(lines))
    return problems


def generate() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        render(fresh)
        shutil.rmtree(GENERATED, ignore_errors=True)
        shutil.copytree(fresh, GENERATED)
    print(f"generated/{PACKAGE} written from {SPEC.name}")


def check(generated: Path = GENERATED, spec: Path = SPEC) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "generated"
        render(fresh, spec)
        problems = diff_trees(fresh, generated)
    if problems:
        print("\n".join(problems))
        print(
            f"\ngenerated/ has drifted from {SPEC.name} ({len(problems)} difference(s)): "
            "run `make generate` and commit the result; never edit generated/ by hand."
        )
        return 1
    print("generated/ matches openapi.yaml")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", required=True)
    sub.add_parser("generate")
    check_parser = sub.add_parser("check")
    check_parser.add_argument("--generated", type=Path, default=GENERATED)
    args = parser.parse_args()
    if args.verb == "generate":
        generate()
        return 0
    return check(args.generated)


if __name__ == "__main__":
    raise SystemExit(main())
