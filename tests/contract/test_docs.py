"""The HTML reference: built from the real spec by scripts/docs.py, then read back in headless
Chromium (Debian's package) with the network cut off, page by page as a reader clicks through."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "docs.py"
CHROMIUM = Path("/usr/bin/chromium")
SPEC: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text())
METHODS = ("get", "put", "post", "delete", "patch")

pytestmark = pytest.mark.slow


def require_chromium() -> None:
    if os.access(CHROMIUM, os.X_OK):
        return
    reason = f"{CHROMIUM} is missing: run `make chromium`"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def docs(*args: str | Path, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(SCRIPT), *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, check=False, timeout=timeout)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("docs") / "index.html"
    result = docs("build", "--output", output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


@pytest.fixture(scope="module")
def reading(page: Path) -> dict[str, Any]:
    require_chromium()
    result = docs("read", page)
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def operations() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method, path, item[method])
        for path, item in SPEC["paths"].items()
        for method in METHODS
        if method in item
    ]


def test_page_carries_its_own_scripts(page: Path) -> None:
    html = page.read_text()
    assert not re.search(r"<script[^>]+src=", html), "the page loads a script from elsewhere"
    assert not re.search(r"<link[^>]+href=\"https?://", html), "the page loads a resource"
    assert "cdn.redocly.com/redoc/v" not in html
    assert '"disableTelemetry":true' in html


def test_every_operation_has_a_page(reading: dict[str, Any]) -> None:
    routes = {route.rsplit("/", 1)[1]: route for route in reading["entries"]}
    for method, path, operation in operations():
        route = routes.get(operation["operationId"].lower())
        assert route, f"no page for {operation['operationId']} among {sorted(routes)}"
        text = reading["entries"][route]
        assert operation["summary"] in text, f"{route} does not show its summary"
        assert path in text, f"{route} does not show {method.upper()} {path}"


def test_every_schema_has_a_page(reading: dict[str, Any]) -> None:
    for name in SPEC["components"]["schemas"]:
        text = reading["entries"].get(f"/schemas/{name.lower()}")
        assert text is not None, f"no page for schema {name}"
        assert text.startswith(name), f"the page of {name} starts with {text[:60]!r}"


def test_every_tag_is_a_group(reading: dict[str, Any]) -> None:
    assert len(reading["groups"]) == len(SPEC["tags"]) + 1  # and one for the schemas
    assert reading["groups"]["/schemas"], "the Schemas group lists nothing"


def test_nothing_failed_to_render(reading: dict[str, Any]) -> None:
    assert reading["unrendered"] == []
    assert {route: n for route, n in reading["alerts"].items() if n} == {}
    assert reading["console_errors"] == []
    for route, text in reading["entries"].items():
        assert "Something went wrong" not in text, route


def test_page_stays_offline(reading: dict[str, Any]) -> None:
    assert reading["remote_requests"] == []


def test_reader_notices_a_page_that_needs_the_network(tmp_path: Path) -> None:
    # The page build-docs writes without --inlineBundle: Redoc comes from a CDN, which is
    # unreachable here, so nothing past the prerendered overview can render.
    require_chromium()
    page = tmp_path / "cdn.html"
    build = subprocess.run(
        ["npx", "--no-install", "redocly", "build-docs", "openapi.yaml", "--output", str(page)],
        cwd=ROOT,
        env={**os.environ, "REDOCLY_TELEMETRY": "off"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    result = docs("read", page, "--timeout", "1")
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout)
    assert any(url.startswith("https://cdn.redocly.com/") for url in seen["remote_requests"])
    assert seen["unrendered"], "groups rendered without Redoc's script"
    assert seen["console_errors"]
