"""Fuzzing tests: the fuzz scripts on the import path; the long runs only under DLI_FUZZ=1.

test_fuzz_inprocess.py and test_fuzz_live.py run schemathesis for tens of seconds, and the
in-process module generates its coverage cases while it is collected. `make fuzz-inprocess`
(part of `make test`) runs them with DLI_FUZZ=1; a plain `pytest` leaves them out, to stay fast.
"""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# The fuzz scripts are not a package; the tests import them as scripts/fuzz.py does.
sys.path.append(str(REPO / "scripts"))

FUZZING_RUNS = ["test_fuzz_inprocess.py", "test_fuzz_live.py"]
collect_ignore = [] if os.environ.get("DLI_FUZZ") == "1" else FUZZING_RUNS
