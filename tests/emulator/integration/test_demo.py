"""`make demo` runs scripts/demo.py: it must show the query's progress and result, then stop."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]


def test_the_demo_prints_progress_and_the_result_table() -> None:
    paths = os.pathsep.join([str(REPO / "src"), str(REPO / "generated")])
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "demo.py")],
        env={**os.environ, "PYTHONPATH": paths, "COLUMNS": "120"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    output = done.stdout
    assert "DLI emulator on http://127.0.0.1:" in output
    assert "FINISHED  100%" in output
    assert "3 rows" in output
    rows = [
        [cell.strip() for cell in line.split("│")[1:-1]]
        for line in output.splitlines()
        if line.startswith("│")
    ]
    assert rows == [
        ["north", "2", "42.5", "2024-01-20"],
        ["south", "2", "22.25", "2024-01-11"],
        ["east", "1", "5.5", "2024-01-28"],
    ]
    assert output.rstrip().endswith("Emulator stopped.")
