"""Find the changes between two versions of an OpenAPI document that break existing clients.

`compare(base, new)` takes two parsed documents and returns the problems, sorted. Which
changes count, and why, is in RULES; scripts/breaking.py is the command-line front.
"""

from .compare import compare
from .problems import RULES, Problem
from .spec import SpecError

__all__ = ["RULES", "Problem", "SpecError", "compare"]
