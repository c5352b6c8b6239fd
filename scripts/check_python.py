"""Fail early, with a clear message, when the interpreter is too old for the project."""

import sys

# Runs under whatever `python3` the machine has, before the project's own 3.11 venv exists.
if sys.version_info < (3, 11):  # noqa: UP036
    found = sys.version.split()[0]
    raise SystemExit(f"Python 3.11 or newer is needed, found {found}: use `make PYTHON=python3.11`")
