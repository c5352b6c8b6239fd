"""Build the single-page HTML reference of openapi.yaml, and read it back through Chromium.

    python scripts/docs.py build [--spec openapi.yaml] [--output build/docs/index.html]
    python scripts/docs.py read PAGE [--chromium /usr/bin/chromium] [--timeout SECONDS]

`build` runs Redocly's build-docs (Redoc 3) with the Redoc scripts inlined, so the page works
opened from disk with no network, and with Redoc's reader telemetry off. Schemas get pages of
their own under a "Schemas" group.

`read` opens the page in headless Chromium with every network request going to a dead proxy,
clicks through it the way a reader does (every sidebar group, then every entry of each group)
and prints JSON: the text of each entry, error boxes seen, requests that tried to leave the
machine, and console errors. It drives Chromium over its DevTools protocol on a pipe
(--remote-debugging-pipe), so it needs nothing but Debian's chromium package.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import select
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
SCHEMAS_GROUP = "Schemas"
# Redoc 3 renders this logo from its CDN whatever the options say; offline the <img> fails and
# its onError handler removes it. Any other request that tries to leave the machine is a defect.
KNOWN_REMOTE = ("https://cdn.redoc.ly/redoc/logo-mini",)
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    # Nothing listens on port 9: any request for the network fails at once, as it would offline.
    "--proxy-server=127.0.0.1:9",
    "--remote-debugging-pipe",
)
# Error boxes Redoc draws: its error boundary, "Failed to load API description", its 404 page.
ALERTS_JS = (
    "document.querySelectorAll('[role=alert], .api-docs-error-page, .not-found-page').length"
)


class DocsError(Exception):
    """Building or reading the page failed; the message says where."""


def build(spec: Path, output: Path) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    command = [
        "npx",
        "--no-install",
        "redocly",
        "build-docs",
        str(spec),
        "--output",
        str(output),
        # Without it the page loads Redoc from Redocly's CDN and is blank offline.
        "--inlineBundle",
        f"--openapi.schemaDefinitionsTagName={SCHEMAS_GROUP}",
    ]
    # REDOCLY_TELEMETRY=off keeps the CLI quiet and builds the page with disableTelemetry, so
    # readers' browsers send nothing to Redocly.
    env = {**os.environ, "REDOCLY_TELEMETRY": "off"}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not output.is_file():
        raise DocsError(
            f"redocly build-docs exited {result.returncode}:\n{result.stdout}{result.stderr}"
        )


class DevTools:
    """Chromium's DevTools protocol over the pipe it opens on fds 3 (in) and 4 (out)."""

    def __init__(self, to_browser: int, from_browser: int) -> None:
        self._out = to_browser
        self._in = from_browser
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        self._waited = 0  # events before this index have been looked at by wait_event

    def _receive(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([self._in], [], [], remaining)[0]:
                raise DocsError("Chromium did not answer over DevTools in time")
            chunk = os.read(self._in, 1 << 16)
            if not chunk:
                raise DocsError("Chromium closed its DevTools pipe (did it crash?)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(message)
        return parsed

    def wait_event(self, method: str, timeout: float = 30.0) -> dict[str, Any]:
        """The next `method` event after those already waited for, reading on as needed."""
        deadline = time.monotonic() + timeout
        while True:
            while self._waited < len(self.events):
                event = self.events[self._waited]
                self._waited += 1
                if event.get("method") == method:
                    return event
            self.events.append(self._receive(deadline))

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = 30.0,
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._receive(deadline)
            if reply.get("id") != self._next_id:
                self.events.append(reply)
                continue
            if "error" in reply:
                raise DocsError(f"DevTools {method} failed: {reply['error']}")
            result: dict[str, Any] = reply.get("result", {})
            return result


@contextmanager
def chromium(executable: Path) -> Iterator[DevTools]:
    """A headless Chromium with a fresh profile, stopped (killed if need be) on the way out."""
    if not os.access(executable, os.X_OK):
        raise DocsError(f"{executable} is missing: run `make chromium`")
    with tempfile.TemporaryDirectory(prefix="docs-chromium-") as profile:
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # Lift the child's ends above 3 and 4 first, so placing one of them on fd 3 or 4 in the
        # child cannot overwrite the other.
        child_in = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD_CLOEXEC, 10)
        child_out = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD_CLOEXEC, 10)
        os.close(to_browser_r)
        os.close(from_browser_w)
        log_path = Path(profile) / "stderr.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(executable), *CHROMIUM_FLAGS, f"--user-data-dir={profile}/data"],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
                # Chromium reads commands on fd 3 and writes replies on fd 4.
                pass_fds=(3, 4),
                preexec_fn=lambda: (os.dup2(child_in, 3), os.dup2(child_out, 4)),
            )
        os.close(child_in)
        os.close(child_out)
        try:
            yield DevTools(to_browser_w, from_browser_r)
        except DocsError as error:
            tail = log_path.read_text(errors="replace")[-2000:]
            raise DocsError(f"{error}\nChromium's log ends with:\n{tail}") from error
        finally:
            # Closing the pipe asks Chromium to quit; it gets a few seconds, then a kill.
            os.close(to_browser_w)
            os.close(from_browser_r)
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass
class Reading:
    """What the page showed: entry route -> its text, and everything that went wrong."""

    entries: dict[str, str] = field(default_factory=dict)
    groups: dict[str, list[str]] = field(default_factory=dict)
    unrendered: list[str] = field(default_factory=list)
    alerts: dict[str, int] = field(default_factory=dict)
    remote_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)


class Tab:
    def __init__(self, tools: DevTools, page: Path) -> None:
        self.tools = tools
        target = tools.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = tools.call("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session: str = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            tools.call(f"{domain}.enable", session=self.session)
        tools.call("Page.navigate", {"url": page.resolve().as_uri() + "#/"}, session=self.session)
        tools.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        reply = self.tools.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True},
            session=self.session,
        )
        if "exceptionDetails" in reply:
            raise DocsError(f"page script failed: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def show(self, route: str, timeout: float) -> dict[str, Any] | None:
        """Go to `route` and wait until its section has rendered and stopped changing.

        None when it has not rendered within `timeout` seconds.
        """
        self.evaluate(f"location.hash = {json.dumps('#' + route)}")
        # Redoc gives each group and entry an element whose id is its route without the "/";
        # the overview ("/") is the whole content column.
        section_id = route.lstrip("/") or "api-content"
        probe = f"""(() => {{
            const section = document.getElementById({json.dumps(section_id)});
            if (!section || !section.innerText.trim()) return null;
            return {{
                text: section.innerText,
                links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
                alerts: {ALERTS_JS},
            }};
        }})()"""
        deadline = time.monotonic() + timeout
        # Redoc renders some parts after others: the section counts as shown once three
        # readings 50 ms apart agree.
        readings: list[Any] = []
        while time.monotonic() < deadline:
            readings = [*readings[-2:], self.evaluate(probe)]
            if len(readings) == 3 and readings[0] is not None and readings.count(readings[0]) == 3:
                shown: dict[str, Any] = readings[0]
                return shown
            time.sleep(0.05)
        return None


def _routes_under(links: Sequence[str], parent: str) -> list[str]:
    """Sidebar links one level below `parent` ("/" for the groups), as routes."""
    routes = []
    for link in links:
        route = link.removeprefix("#")
        if not route.startswith(parent) or "#" in route or "?" in route:
            continue
        rest = route[len(parent) :].strip("/")
        if rest and "/" not in rest and not route.startswith("/section/"):
            routes.append(parent.rstrip("/") + "/" + rest)
    return list(dict.fromkeys(routes))


def read(page: Path, executable: Path = CHROMIUM, timeout: float = 15.0) -> Reading:
    """Click through every group and entry of `page`; `timeout` is per route."""
    reading = Reading()

    def show(tab: Tab, route: str) -> dict[str, Any] | None:
        shown = tab.show(route, timeout)
        if shown is None:
            reading.unrendered.append(route)
        else:
            reading.alerts[route] = shown["alerts"]
        return shown

    with chromium(executable) as tools:
        tab = Tab(tools, page)
        overview = show(tab, "/")
        for group in _routes_under(overview["links"] if overview else [], "/"):
            shown = show(tab, group)
            if shown is None:
                continue
            reading.groups[group] = _routes_under(shown["links"], group)
            for entry in reading.groups[group]:
                shown = show(tab, entry)
                if shown is not None:
                    reading.entries[entry] = shown["text"]
        tools.call("Browser.close")
    for event in tools.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if not url.startswith(LOCAL_SCHEMES) and not url.startswith(KNOWN_REMOTE):
                reading.remote_requests.append(url)
        elif method == "Runtime.exceptionThrown":
            reading.console_errors.append(json.dumps(params["exceptionDetails"])[:500])
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            reading.console_errors.append(json.dumps(params["args"])[:500])
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            entry = params["entry"]
            if not str(entry.get("url", "")).startswith(KNOWN_REMOTE):
                reading.console_errors.append(entry["text"])
    return reading


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    verbs = parser.add_subparsers(dest="verb", required=True)
    build_verb = verbs.add_parser("build", help="write the HTML reference")
    build_verb.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    build_verb.add_argument("--output", type=Path, default=ROOT / "build" / "docs" / "index.html")
    read_verb = verbs.add_parser("read", help="print what Chromium shows on the page, as JSON")
    read_verb.add_argument("page", type=Path)
    read_verb.add_argument("--chromium", type=Path, default=CHROMIUM)
    read_verb.add_argument(
        "--timeout", type=float, default=15.0, help="seconds each route gets to render"
    )
    args = parser.parse_args(argv)
    try:
        if args.verb == "build":
            if not args.spec.is_file():
                parser.error(f"spec {args.spec} does not exist")
            build(args.spec.resolve(), args.output.resolve())
            print(f"docs: wrote {args.output}")
        else:
            if not args.page.is_file():
                parser.error(f"page {args.page} does not exist")
            reading = read(args.page, args.chromium, args.timeout)
            print(json.dumps(asdict(reading), indent=2))
    except DocsError as error:
        print(f"docs: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
