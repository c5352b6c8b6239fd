"""Fail when a hand-written Python module is longer than the limit (default 450 lines).

    python scripts/module_size.py [--max N] PATH...

PATHs are files or folders (searched for *.py); each module over the limit is listed with its
length, and the exit status is 1 if there is any.
"""

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

DEFAULT_MAX_LINES = 450


def too_long(paths: Iterable[Path], max_lines: int) -> list[tuple[Path, int]]:
    """(module, lines) of every module under `paths` longer than `max_lines`, sorted."""
    found = []
    for path in paths:
        for module in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            with module.open("rb") as handle:
                lines = sum(1 for _ in handle)
            if lines > max_lines:
                found.append((module, lines))
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max", type=int, default=DEFAULT_MAX_LINES, dest="max_lines")
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    found = too_long(args.paths, args.max_lines)
    for module, lines in found:
        print(f"{module}: {lines} lines (at most {args.max_lines}): split it", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
