"""Fail early, with a clear message, when the interpreter is too old for the project."""

import sys

if sys.version_info < (3, 11):
    raise SystemExit(
        f"Python 3.11 or newer is needed, found {sys.version.split()[0]}: run `make PYTHON=python3.11 ...`"
    )
