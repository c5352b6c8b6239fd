"""scripts/module_size.py: modules over the line limit are listed and fail the check."""

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "module_size.py"


def check(*args: str) -> "subprocess.CompletedProcess[str]":
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=60
    )


def test_a_module_over_the_limit_fails_naming_it(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "short.py").write_text("a = 1\nb = 2\n")
    (tmp_path / "pkg" / "long.py").write_text("x = 1\n" * 4)
    (tmp_path / "pkg" / "notes.txt").write_text("line\n" * 10)
    done = check("--max", "3", str(tmp_path))
    assert done.returncode == 1
    assert done.stderr == f"{tmp_path / 'pkg' / 'long.py'}: 4 lines (at most 3): split it\n"
    assert check("--max", "4", str(tmp_path)).returncode == 0
