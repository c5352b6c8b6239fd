"""README's client and command-line examples run as written against the emulator, set up the
way README says (AK/SK, project and DLI_ENDPOINT in the environment; a profile for --profile)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from dli_emulator.testing import EmulatorInstance

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def section(title: str) -> str:
    """The README text from the heading `title` to the next heading of any level."""
    start = README.index(f"\n{title}\n")
    following = re.search(r"\n#{2,3} ", README[start + len(title) + 2 :])
    end = len(README) if following is None else start + len(title) + 2 + following.start()
    return README[start:end]


def blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


@pytest.fixture
def readme_env(emulator: EmulatorInstance, tmp_path: Path) -> dict[str, str]:
    """README's set-up: the emulator's keys exported, and a `staging` profile with them."""
    home = tmp_path / "home"
    (home / ".huaweicloud").mkdir(parents=True)
    (home / ".huaweicloud" / "credentials").write_text(
        f"[staging]\nak = {emulator.ak}\nsk = {emulator.sk}\nproject_id = {emulator.project_id}\n",
        encoding="utf-8",
    )
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("HUAWEICLOUD_", "DLI_"))}
    return {
        **keep,
        "HOME": str(home),
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        "HUAWEICLOUD_SDK_AK": emulator.ak,
        "HUAWEICLOUD_SDK_SK": emulator.sk,
        "HUAWEICLOUD_SDK_PROJECT_ID": emulator.project_id,
        "DLI_ENDPOINT": emulator.base_url,
    }


def test_the_python_examples_run_on_the_emulator(readme_env: dict[str, str]) -> None:
    examples = blocks(section("## Using the client"), "python")
    assert len(examples) == 2

    outputs = []
    for example in examples:
        done = subprocess.run(
            [sys.executable, "-c", example],
            env=readme_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)

    # region="cn-north-4" is there, DLI_ENDPOINT wins: the rows come from the emulator.
    assert "[[1]]" in outputs[0].splitlines()
    assert any(line.startswith("failed: ") for line in outputs[0].splitlines())
    assert "[[2]]" in outputs[1].splitlines()


def test_the_command_line_example_runs_on_the_emulator(readme_env: dict[str, str]) -> None:
    (example,) = blocks(section("### Command line"), "sh")
    commands = [line for line in example.splitlines() if line.startswith(("dli ", "JOB="))]
    assert len(commands) >= 12
    script = "\n".join(f'{command}\necho "__exit=$?"' for command in commands)

    done = subprocess.run(
        ["bash", "-c", script], env=readme_env, capture_output=True, text=True, timeout=300
    )

    codes = [int(code) for code in re.findall(r"^__exit=(\d+)$", done.stdout, flags=re.M)]
    expected = [5 if command.startswith("dli cancel") else 0 for command in commands]
    assert codes == expected, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
