"""Fail when openapi.yaml breaks clients written against an earlier version of it.

    python scripts/breaking.py --base REF [--spec openapi.yaml]
    python scripts/breaking.py --auto [--spec openapi.yaml]
    python scripts/breaking.py --rules

Compares the spec in the working tree with `git show REF:<spec>` and lists every change that
breaks an existing client (contract_diff.RULES says which and why); exit 1 when there is one.

--auto picks the base CI needs: the merge base with origin/main when that is not HEAD itself
(a branch is compared with where it forked), else HEAD~1 (main is compared with its previous
commit), else nothing (a clone with a single commit has no earlier contract): it says so and
exits 0.

A deliberate break is announced by raising the major number of info.version: the problems are
still listed, and the exit code is 0.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from contract_diff import RULES, SpecError, compare

ROOT = Path(__file__).resolve().parent.parent


class BaseError(Exception):
    """The base version of the spec cannot be read."""


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def auto_base(repo: Path) -> tuple[str | None, str]:
    """The ref --auto compares against, or None, and a sentence saying why."""
    head = _git("rev-parse", "--verify", "--quiet", "HEAD", cwd=repo).stdout.strip()
    if not head:
        return None, "no commit yet"
    fork = _git("merge-base", "HEAD", "origin/main", cwd=repo).stdout.strip()
    if fork and fork != head:
        return fork, f"the merge base with origin/main ({fork[:12]})"
    previous = _git("rev-parse", "--verify", "--quiet", "HEAD~1", cwd=repo).stdout.strip()
    if previous:
        reason = "HEAD is origin/main" if fork else "there is no origin/main"
        return previous, f"HEAD~1 ({previous[:12]}), as {reason}"
    return None, "HEAD has no parent and there is no origin/main to fork from"


def base_document(repo: Path, ref: str, spec: Path) -> Any | None:
    """The spec as committed at `ref`; None when that commit has no such file."""
    if not _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", cwd=repo).stdout:
        raise BaseError(f"{ref!r} is not a commit in {repo}")
    relative = spec.resolve().relative_to(repo.resolve()).as_posix()
    shown = _git("show", f"{ref}:{relative}", cwd=repo)
    if shown.returncode != 0:
        return None
    return yaml.safe_load(shown.stdout)


def _major(document: Any) -> int | None:
    version = str((document.get("info") or {}).get("version", ""))
    head = version.lstrip("vV").split(".", 1)[0]
    return int(head) if head.isdigit() else None


def check(repo: Path, ref: str, spec: Path) -> int:
    old = base_document(repo, ref, spec)
    ref = ref[:12] if re.fullmatch(r"[0-9a-f]{40}", ref) else ref
    if old is None:
        print(f"breaking: {ref} has no {spec.name}: nothing to compare with")
        return 0
    new = yaml.safe_load(spec.read_text())
    problems = compare(old, new)
    if not problems:
        print(f"breaking: {spec.name} keeps every client of {ref} working")
        return 0
    for problem in problems:
        print(f"BREAKING {problem}")
    before, after = _major(old), _major(new)
    if before is not None and after is not None and after > before:
        print(
            f"breaking: {len(problems)} breaking change(s) against {ref}, announced by "
            f"info.version going from major {before} to {after}: allowed"
        )
        return 0
    print(
        f"breaking: {len(problems)} breaking change(s) against {ref}. Keep the old shape, or "
        "announce the break by raising the major number of info.version."
    )
    return 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    choice = parser.add_mutually_exclusive_group(required=True)
    choice.add_argument("--base", metavar="REF", help="git revision holding the earlier spec")
    choice.add_argument("--auto", action="store_true", help="pick the base as CI does")
    choice.add_argument("--rules", action="store_true", help="list the rules and exit")
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    args = parser.parse_args(argv)
    if args.rules:
        for rule, why in RULES.items():
            print(f"{rule:32} {why}")
        return 0
    if not args.spec.is_file():
        parser.error(f"spec {args.spec} does not exist")
    repo_root = _git("rev-parse", "--show-toplevel", cwd=args.spec.resolve().parent)
    if repo_root.returncode != 0:
        parser.error(f"{args.spec} is not inside a git work tree")
    repo = Path(repo_root.stdout.strip())
    ref = args.base
    if args.auto:
        ref, reason = auto_base(repo)
        if ref is None:
            print(f"breaking: skipped, {reason}")
            return 0
        print(f"breaking: comparing with {reason}")
    try:
        return check(repo, ref, args.spec)
    except (BaseError, SpecError, yaml.YAMLError) as error:
        print(f"breaking: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
