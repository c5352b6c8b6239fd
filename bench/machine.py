"""What the figures were measured on: CPU, cores, memory, Python and the versions of the parts."""

import importlib.util
import json
import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

from bench import wrk
from bench.servers import REPO

PACKAGES = ("httpx", "starlette", "uvicorn", "duckdb", "huaweicloudsdkdli", "schemathesis")
PRISM_PACKAGE = REPO / "node_modules" / "@stoplight" / "prism-cli" / "package.json"


def describe() -> dict[str, str]:
    """Machine and software facts, in the order they are printed."""
    facts = {
        "CPU": _cpu_model(),
        "cores": str(os.cpu_count()),
        "RAM": f"{_mem_total_kib() / 1024 / 1024:.1f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
    }
    for name in PACKAGES:
        facts[name] = _installed(name)
    # uvicorn's "auto" picks httptools and uvloop when importable; h11 and asyncio otherwise.
    facts["uvicorn HTTP, loop"] = (
        f"{'httptools' if _importable('httptools') else 'h11'}, "
        f"{'uvloop' if _importable('uvloop') else 'asyncio'}"
    )
    facts["prism"] = _prism_version()
    facts["node"] = _command_output(["node", "--version"])
    facts["wrk"] = wrk.version()
    return facts


def load_average() -> str:
    """1, 5 and 15 minute load averages: other work on the machine skews every figure."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _mem_total_kib() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1])
    raise RuntimeError("/proc/meminfo has no MemTotal")


def _installed(name: str) -> str:
    try:
        return package_version(name)
    except PackageNotFoundError:
        return "not installed"


def _importable(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _prism_version() -> str:
    try:
        return str(json.loads(PRISM_PACKAGE.read_text())["version"])
    except OSError:
        return "not installed"


def _command_output(command: list[str]) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return "not installed"
    return done.stdout.strip()
