"""Requests per second with wrk, a run that counts only when every answer was a 2xx."""

import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

_RATE = re.compile(r"^Requests/sec:\s+([0-9.]+)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_SOCKET_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_TOTAL = re.compile(r"^\s*(\d+) requests in", re.MULTILINE)


@dataclass(frozen=True)
class WrkRun:
    requests_per_second: float
    requests: int


def available() -> bool:
    return shutil.which("wrk") is not None


def version() -> str:
    if not available():
        return "not installed"
    # wrk has no --version; its usage banner carries the version, on stderr with exit code 1.
    done = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    return (done.stdout + done.stderr).split("[", 1)[0].replace("wrk", "", 1).strip()


def run(
    url: str,
    *,
    seconds: float,
    connections: int = 16,
    threads: int = 1,
    headers: Mapping[str, str] | None = None,
) -> WrkRun:
    """Load `url` for `seconds`; fail unless every request got a 2xx and no socket failed."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    done = subprocess.run(
        [*command, url], capture_output=True, text=True, check=False, timeout=seconds + 60
    )
    out = done.stdout
    rate, total = _RATE.search(out), _TOTAL.search(out)
    if done.returncode != 0 or rate is None or total is None:
        raise RuntimeError(f"wrk failed ({done.returncode}): {out}{done.stderr}")
    non_2xx = _NON_2XX.search(out)
    if non_2xx and int(non_2xx.group(1)):
        raise RuntimeError(f"wrk got {non_2xx.group(1)} non-2xx answers from {url}")
    errors = _SOCKET_ERRORS.search(out)
    if errors and any(int(count) for count in errors.groups()):
        raise RuntimeError(f"wrk saw socket errors on {url}: {errors.group(0)}")
    return WrkRun(requests_per_second=float(rate.group(1)), requests=int(total.group(1)))
