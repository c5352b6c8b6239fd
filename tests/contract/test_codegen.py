"""generated/ is exactly what the pinned generator writes from openapi.yaml, and drift is caught."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import codegen

ROOT = Path(__file__).resolve().parents[2]
sys.path.append(str(ROOT / "scripts"))  # codegen imports spec_views, which lives beside it


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("render") / "generated"
    codegen.render(target)
    return target


def test_committed_output_matches_the_spec(fresh: Path) -> None:
    assert codegen.diff_trees(fresh, ROOT / "generated") == []


def test_generation_is_deterministic(fresh: Path, tmp_path: Path) -> None:
    again = tmp_path / "generated"
    codegen.render(again)
    assert codegen.diff_trees(fresh, again) == []


def test_provenance_records_generator_and_spec(fresh: Path) -> None:
    record = json.loads((fresh / "PROVENANCE.json").read_text())
    assert record["generator"] == "openapi-python-client"
    assert record["generator_version"] == "0.29.1"
    assert record["spec_sha256"] == codegen._sha256(ROOT / "openapi.yaml")


def test_no_formatter_cache_in_output(fresh: Path) -> None:
    assert not list(fresh.rglob(".ruff_cache"))


def test_a_hand_edit_is_caught(fresh: Path, tmp_path: Path) -> None:
    edited = tmp_path / "generated"
    shutil.copytree(fresh, edited)
    client = edited / "dli_client" / "client.py"
    client.write_text(client.read_text().replace('"X-Auth-Token"', '"Authorization"'))
    (edited / "dli_client" / "extra.py").write_text("# hand-written\n")
    problems = codegen.diff_trees(fresh, edited)
    assert any("client.py" in p and "Authorization" in p for p in problems)
    assert any("extra.py" in p for p in problems)


def test_check_command_fails_on_drift(fresh: Path, tmp_path: Path) -> None:
    edited = tmp_path / "generated"
    shutil.copytree(fresh, edited)
    (edited / "dli_client" / "types.py").write_text("# edited\n")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "codegen.py"), "check", "--generated", str(edited)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "make generate" in result.stdout


def test_a_spec_change_without_regeneration_is_caught(tmp_path: Path) -> None:
    spec = tmp_path / "openapi.yaml"
    text = (ROOT / "openapi.yaml").read_text()
    spec.write_text(text.replace("operationId: checkSql", "operationId: validateSql"))
    assert codegen.check(ROOT / "generated", spec) == 1
