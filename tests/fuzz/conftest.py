"""Fuzzing tests: the long runs only under DLI_FUZZ=1 (scripts/ is on pytest's path).

test_fuzz_inprocess.py and test_fuzz_live.py run schemathesis for tens of seconds, and the
in-process module generates its coverage cases while it is collected. `make fuzz-inprocess`
(part of `make test`) runs them with DLI_FUZZ=1; a plain `pytest` leaves them out, to stay fast.
"""

import os

FUZZING_RUNS = ["test_fuzz_inprocess.py", "test_fuzz_live.py"]
collect_ignore = [] if os.environ.get("DLI_FUZZ") == "1" else FUZZING_RUNS
