"""Servers under test, each in a process of its own, always stopped.

A server either prints the URL it listens on (`... listening on http://...`) or is given a port
and a URL beforehand (Prism, quiet, prints nothing); `serve` waits until it answers, yields it and
stops its whole process group on the way out, on failure too (npx starts node as a child, which
a plain terminate would leave running).
"""

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"
START_TIMEOUT = 60.0
STOP_TIMEOUT = 15.0

_LISTENING = re.compile(r"listening on (http://[^\s\x1b]+)")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Server:
    name: str
    url: str
    pid: int
    log: Path

    def rss_kib(self) -> int:
        """Resident set size of the server process now, from /proc."""
        return _proc_status_kib(self.pid, "VmRSS")

    def peak_rss_kib(self) -> int:
        """Highest resident set size the server process has had (VmHWM)."""
        return _proc_status_kib(self.pid, "VmHWM")

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the server's processes (its process group:
        npx runs Prism's node as a child)."""
        ticks = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                text = stat.read_text()
            except OSError:  # the process ended while listed
                continue
            # Fields after the parenthesised command name: state, ppid, pgrp, ..., utime, stime.
            fields = text.rsplit(")", 1)[1].split()
            if int(fields[2]) == self.pid:
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")


def _proc_status_kib(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1])
    raise RuntimeError(f"/proc/{pid}/status has no {key}")


def free_port() -> int:
    """A port free now on the loopback, for servers that cannot be handed a bound socket."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def python_env() -> dict[str, str]:
    """The environment for a Python child: the repo's packages importable without installing."""
    paths = [str(REPO / "src"), str(REPO / "generated"), str(REPO)]
    if os.environ.get("PYTHONPATH"):
        paths.append(os.environ["PYTHONPATH"])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def python_command(module: str, *args: str) -> list[str]:
    return [sys.executable, "-m", module, *args]


@contextmanager
def serve(
    name: str,
    command: Sequence[str],
    log: Path,
    *,
    timeout: float = START_TIMEOUT,
    url: str | None = None,
) -> Iterator[Server]:
    """Start `command`, wait until it prints its URL (or accepts connections at `url`), yield
    it, then stop it."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            list(command),
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=python_env(),
            cwd=REPO,
            start_new_session=True,
        )
    try:
        if url is None:
            url = _wait_for_url(name, log, process, timeout)
        # A server may print its URL once bound, before it listens: wait for a connection too.
        _wait_for_port(name, url, log, process, timeout)
        yield Server(name=name, url=url, pid=process.pid, log=log)
    finally:
        _stop(process)


def _wait_for_url(name: str, log: Path, process: "subprocess.Popen[bytes]", timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _LISTENING.search(_ANSI.sub("", log.read_text(errors="replace")))
        if found:
            return found.group(1).rstrip("/")
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited with {process.returncode}:\n{_tail(log)}")
        time.sleep(0.05)
    raise TimeoutError(f"{name} printed no URL within {timeout:.0f} s:\n{_tail(log)}")


def _wait_for_port(
    name: str, url: str, log: Path, process: "subprocess.Popen[bytes]", timeout: float
) -> None:
    address = urlsplit(url)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((address.hostname, address.port), timeout=1.0):
                return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(
                    f"{name} exited with {process.returncode}:\n{_tail(log)}"
                ) from None
            time.sleep(0.05)
    raise TimeoutError(f"{name} did not listen on {url} within {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _stop(process: "subprocess.Popen[bytes]") -> None:
    if process.poll() is None:
        _signal_group(process, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            _signal_group(process, signal.SIGKILL)
            process.wait()
    # Children (node under npx) may outlive a leader that exited on SIGTERM.
    _signal_group(process, signal.SIGKILL)


def _signal_group(process: "subprocess.Popen[bytes]", signum: int) -> None:
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signum)
