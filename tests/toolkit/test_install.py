"""The README's install: one wheel gives dli_client, dli_toolkit, `dli` and the emulator.

The wheel is built from this checkout and installed into a fresh virtualenv, then used the way
the README says: the emulator from the installed package, AK/SK in the environment, and
`dli submit "select 1" --wait`. Third-party packages come from the project's own virtualenv
(added as a plain path), so the test needs no network and sees none of the editable install.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest

from dli_emulator.testing import EmulatorFactory, EmulatorInstance

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtualenv with only the project's wheel installed; returns its bin folder."""
    work = tmp_path_factory.mktemp("install")
    wheels = work / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / "bin"
    new_site = next((env_dir / "lib").glob("python3.*/site-packages"))
    # Dependencies only: a plain path entry does not run the editable install's own .pth hooks.
    (new_site / "deps.pth").write_text(site.getsitepackages()[0] + "\n")
    wheel = next(wheels.glob("dli_sqljob-*.whl"))
    subprocess.run(
        [str(bin_dir / "pip"), "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
    )
    return bin_dir


def _run(
    bin_dir: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "python"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=bin_dir.parent,
        check=False,
    )


def test_packages_come_from_the_wheel_with_the_spec(installed: Path) -> None:
    probe = (
        "import json, dli_client, dli_toolkit, dli_emulator.http.app as app, dli_signing;"
        "print(json.dumps({m.__name__: m.__file__ for m in (dli_client, dli_toolkit, dli_signing)}"
        " | {'spec': str(app.DEFAULT_SPEC), 'spec_exists': app.DEFAULT_SPEC.is_file()}))"
    )
    result = _run(installed, "-c", probe)
    assert result.returncode == 0, result.stderr
    where = json.loads(result.stdout)
    for name in ("dli_client", "dli_toolkit", "dli_signing"):
        assert str(installed.parent) in where[name], (name, where[name])
    assert where["spec_exists"] and not Path(where["spec"]).is_symlink()
    assert Path(where["spec"]).read_bytes() == (ROOT / "openapi.yaml").read_bytes()


@pytest.fixture
def served(emulator_factory: EmulatorFactory) -> Iterator[EmulatorInstance]:
    yield emulator_factory.start()


def test_dli_submit_wait_against_the_emulator(installed: Path, served: EmulatorInstance) -> None:
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(installed.parent),
        "HUAWEICLOUD_SDK_AK": served.ak,
        "HUAWEICLOUD_SDK_SK": served.sk,
        "HUAWEICLOUD_SDK_PROJECT_ID": served.project_id,
        "DLI_ENDPOINT": served.base_url,
    }
    result = subprocess.run(
        [str(installed / "dli"), "submit", "select 1 as one", "--wait"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "one" in result.stdout and "1" in result.stdout
    assert served.sk not in result.stdout + result.stderr
