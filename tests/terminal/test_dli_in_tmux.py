"""`dli` typed into bash inside tmux, against an emulator on loopback: what a person sees.

The terminal is the oracle CliRunner cannot be: a real TTY (boxed tables, the live bar, colour
escapes that capture-pane -e shows), NO_COLOR honoured, and completion installed by
`dli --install-completion` and then used by bash itself on a Tab.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from dli_emulator.testing import poll_until

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance

PROMPT = "tmux-ready$ "
GREEN_FINISHED = "\x1b[32mFINISHED"

if shutil.which("tmux") is None:
    if os.environ.get("CI"):
        pytest.fail("tmux is missing: `make cli-terminal` installs it", pytrace=False)
    pytest.skip("tmux is not installed (make cli-terminal installs it)", allow_module_level=True)


class Terminal:
    """One tmux server of our own (its own socket), one window running bash."""

    def __init__(self, socket: str, environment: dict[str, str]) -> None:
        self.socket = socket
        self.environment = environment

    def tmux(self, *args: str) -> str:
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        )
        return done.stdout

    def start(self, shell: list[str]) -> None:
        variables = [f"{name}={value}" for name, value in self.environment.items()]
        self.tmux("new-session", "-d", "-x", "160", "-y", "50", "env", "-i", *variables, *shell)

    def screen(self, *, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", "-J", *(["-e"] if escapes else []), "-S", "-200")

    def type(self, keys: str, *, enter: bool = True) -> None:
        self.tmux("send-keys", "-l", keys)
        if enter:
            self.tmux("send-keys", "Enter")

    def run(self, command: str, *, timeout: float = 60.0) -> str:
        """Type `command`, wait for the next prompt, return the screen from the command on."""
        marker = f"# {uuid.uuid4().hex[:8]}"
        self.type(f"{command}  {marker}")

        def after_command() -> str:
            screen = self.screen()
            return screen[screen.rfind(marker) :] if marker in screen else ""

        output = poll_until(
            after_command,
            lambda text: text.rstrip().endswith(PROMPT.rstrip()),
            timeout=timeout,
            what=f"the prompt after {command!r}",
        )
        return output[len(marker) :]

    def clear(self) -> None:
        self.tmux("send-keys", "-R")
        self.tmux("clear-history")


@pytest.fixture
def terminal(emulator: EmulatorInstance, tmp_path: Path) -> Iterator[Terminal]:
    home = tmp_path / "home"
    home.mkdir()
    # A shell started from another does not keep an inherited PS1; ~/.bashrc sets it again.
    (home / ".bashrc").write_text(f"PS1='{PROMPT}'\n", encoding="utf-8")
    environment = {
        "HOME": str(home),
        "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PS1": PROMPT,
        "HUAWEICLOUD_SDK_AK": emulator.ak,
        "HUAWEICLOUD_SDK_SK": emulator.sk,
        "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id,
        "DLI_ENDPOINT": emulator.base_url,
    }
    started = Terminal(f"dli-test-{uuid.uuid4().hex[:12]}", environment)
    try:
        yield started
    finally:
        subprocess.run(["tmux", "-L", started.socket, "kill-server"], capture_output=True)


def test_dli_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.start(["bash", "--noprofile", "--norc"])
    poll_until(terminal.screen, lambda text: PROMPT.rstrip() in text, what="the first prompt")

    rows = terminal.run("dli submit \"select 1 as one, 'x' as two\" --wait")
    job_id = terminal.run('dli submit "select 42 as answer"').split()[0]
    waited_plain = terminal.run(f"dli wait {job_id}")
    waited = terminal.screen(escapes=True)
    no_colour = terminal.run(f"NO_COLOR=1 dli wait {job_id}")
    no_colour_escapes = terminal.screen(escapes=True).rsplit("NO_COLOR=1", 1)[1]
    listed = terminal.run("dli jobs --status finished --limit 3")
    usage = terminal.run("dli jobs --status sleeping")

    # A boxed table on a terminal, not the tab-separated lines of a pipe.
    assert re.search(r"┃\s*one\s*┃\s*two\s*┃", rows), rows
    assert re.search(r"│\s*1\s*│\s*x\s*│", rows), rows
    assert f"{job_id} FINISHED" in waited_plain
    assert f"{job_id} {GREEN_FINISHED}" in waited  # coloured on a terminal
    assert f"{job_id} FINISHED" in no_colour
    assert GREEN_FINISHED not in no_colour_escapes  # NO_COLOR turns it off
    assert job_id in listed and "UTC" in listed
    assert [line for line in usage.splitlines() if line.startswith("dli:")] == [
        "dli: error: Invalid value for '--status': 'sleeping' is not one of 'cancelled', "
        "'failed', 'finished', 'launching', 'running', 'scaling'. (see 'dli jobs --help')"
    ]


def test_completion_installed_then_used_by_bash(terminal: Terminal) -> None:
    terminal.start(["bash", "--noprofile", "--norc"])
    poll_until(terminal.screen, lambda text: PROMPT.rstrip() in text, what="the first prompt")

    installed = terminal.run("dli --install-completion")
    assert "completion installed" in installed.lower(), installed
    # A new interactive shell reads ~/.bashrc, where the completion was hooked in (and only
    # it: Debian's /etc/bash.bashrc would set its own prompt).
    terminal.type('exec bash --noprofile --rcfile "$HOME/.bashrc" -i')
    poll_until(terminal.screen, lambda text: text.rstrip().endswith(PROMPT.rstrip()))
    terminal.tmux("clear-history")
    terminal.type("dli sub", enter=False)
    terminal.tmux("send-keys", "Tab")
    completed = poll_until(
        terminal.screen, lambda text: "dli submit" in text, timeout=30, what="dli sub<Tab>"
    )
    terminal.tmux("send-keys", "C-u")
    terminal.type("dli jobs --sta", enter=False)
    terminal.tmux("send-keys", "Tab")
    option = poll_until(
        terminal.screen, lambda text: "--status" in text, timeout=30, what="--sta<Tab>"
    )

    assert "dli submit" in completed
    assert "dli jobs --status" in option
