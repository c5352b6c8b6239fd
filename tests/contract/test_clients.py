"""Other-language clients: scripts/clients.py generates them from the real spec with the pinned
generators, tsc type-checks the TypeScript ones against usage files, javac compiles the Java one."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "clients.py"
USAGE = ROOT / "clients-config" / "usage"
JAVA_PACKAGE = "src/main/java/io/github/dlisqljob/client"

pytestmark = pytest.mark.slow


def clients(*args: str | Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=240)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("clients")
    result = clients("--out", out)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = (
        "openapi-typescript with openapi-typescript.ts, typescript-fetch with typescript-fetch.ts"
    )
    assert f"tsc --strict accepted {checked}" in result.stdout
    assert re.search(r"javac compiled \d+ generated Java sources", result.stdout)
    return out


def misspell(source: Path, target: Path, *replacements: tuple[str, str]) -> Path:
    text = source.read_text()
    for old, new in replacements:
        assert old in text, f"{source.name} no longer contains {old!r}"
        text = text.replace(old, new, 1)
    target.write_text(text)
    return target


def test_generators_run_clean_and_outputs_check(generated: Path) -> None:
    for name in ("openapi-typescript", "typescript-fetch", "java"):
        assert (generated / f"{name}.log").is_file()
    assert (generated / "openapi-typescript" / "schema.d.ts").is_file()
    assert (generated / "typescript-fetch" / "src" / "apis" / "SQLJobsApi.ts").is_file()
    assert (generated / "java" / JAVA_PACKAGE / "api" / "SqlJobsApi.java").is_file()


def test_misspelt_names_fail_tsc(generated: Path, tmp_path: Path) -> None:
    fetch = misspell(
        USAGE / "typescript-fetch.ts",
        tmp_path / "fetch.ts",
        ('queueName: "default"', 'queueNmae: "default"'),
        ("jobs.showSqlJobStatus(", "jobs.showSqlJobStatsu("),
    )
    types = misspell(
        USAGE / "openapi-typescript.ts",
        tmp_path / "types.ts",
        ('queue_name: "default"', 'queue_nmae: "default"'),
        ('operations["showSqlJobStatus"]', 'operations["showSqlJobStatuss"]'),
    )
    result = clients(
        "--out",
        generated,
        "--no-generate",
        "--target",
        "openapi-typescript",
        "--target",
        "typescript-fetch",
        "--usage",
        f"typescript-fetch={fetch}",
        "--usage",
        f"openapi-typescript={types}",
    )
    assert result.returncode == 1, result.stdout
    errors = result.stderr
    assert re.search(r"fetch\.ts\(\d+,\d+\): error TS2561: .*'queueNmae'", errors), errors
    assert re.search(r"fetch\.ts\(\d+,\d+\): error TS2551: .*'showSqlJobStatsu'", errors), errors
    assert re.search(r"types\.ts\(\d+,\d+\): error TS2561: .*'queue_nmae'", errors), errors
    assert re.search(r"types\.ts\(\d+,\d+\): error TS2339: .*'showSqlJobStatuss'", errors), errors


def test_request_fields_with_defaults_stay_optional(generated: Path) -> None:
    # openapi-typescript's default would make compress, export_mode, ... required; the usage
    # file builds an ExportSqlJobResultRequest without them and tsc accepted it.
    types = (generated / "openapi-typescript" / "schema.d.ts").read_text()
    assert re.search(r"\bcompress\?: \"none\" \| \"gzip\"", types)
    fetch = generated / "typescript-fetch" / "src" / "models" / "ExportSqlJobResultRequest.ts"
    assert "compress?: ExportSqlJobResultRequestCompressEnum;" in fetch.read_text()


def test_alias_schemas_are_inlined(generated: Path) -> None:
    # The generator's "Failed to get the schema name: null" warning is about these two aliases;
    # it is harmless only while they still come out as these types.
    ts = (generated / "typescript-fetch" / "src" / "models" / "CreateSqlJobResponse.ts").read_text()
    assert "schema?: Array<{ [key: string]: string; }>;" in ts
    assert "rows?: Array<Array<any>>;" in ts
    java = (generated / "java" / JAVA_PACKAGE / "model" / "CreateSqlJobResponse.java").read_text()
    assert "private List<Map<String, String>> schema" in java
    assert "private List<List<Object>> rows" in java


def test_java_client_reads_what_the_service_may_add(generated: Path) -> None:
    model = generated / "java" / JAVA_PACKAGE / "model"
    status = (model / "JobStatus.java").read_text()
    assert "UNKNOWN_DEFAULT_OPEN_API" in status
    assert "throw new IllegalArgumentException" not in status
    strict = [p.name for p in model.glob("*.java") if "is not defined in the" in p.read_text()]
    assert strict == [], f"these models reject unknown fields: {strict}"
    api = (generated / "java" / JAVA_PACKAGE / "api" / "SqlJobsApi.java").read_text()
    assert "public CreateSqlJobResponse createSqlJob(" in api
    assert "public ShowSqlJobStatusResponse showSqlJobStatus(" in api
    request = (model / "ImportTableRequest.java").read_text()
    assert "private java.lang.Object partitionSpec;" in request


def test_java_syntax_errors_are_caught(generated: Path, tmp_path: Path) -> None:
    copy = tmp_path / "clients"
    shutil.copytree(generated / "java", copy / "java")
    broken = copy / "java" / JAVA_PACKAGE / "model" / "Tag.java"
    broken.write_text(broken.read_text().replace("public class Tag {", "public class Tag {{", 1))
    result = clients("--out", copy, "--no-generate", "--target", "java")
    assert result.returncode == 1
    assert "javac could not compile the generated Java" in result.stderr
    assert "Tag.java" in result.stderr


def test_unexplained_generator_warning_fails(tmp_path: Path) -> None:
    # A schema called `Error` makes openapi-generator rename it: a warning nobody has judged.
    spec = yaml.safe_load((ROOT / "openapi.yaml").read_text())
    spec["components"]["schemas"]["Error"] = spec["components"]["schemas"].pop("DliError")
    text = json.dumps(spec).replace("#/components/schemas/DliError", "#/components/schemas/Error")
    (tmp_path / "spec.json").write_text(text)
    result = clients(
        "--spec", tmp_path / "spec.json", "--out", tmp_path / "out", "--target", "typescript-fetch"
    )
    assert result.returncode == 1
    assert "warnings nobody has judged harmless" in result.stderr
    assert "Renamed to ModelError" in result.stderr
    assert result.stderr.count("Renamed to ModelError") == 1
