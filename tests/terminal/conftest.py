"""The `dli` command line in a real terminal (tmux). `make cli-terminal` (part of `make test`)
installs tmux when missing and runs these with DLI_TERMINAL=1; a plain `pytest` leaves them out."""

import os

collect_ignore = [] if os.environ.get("DLI_TERMINAL") == "1" else ["test_dli_in_tmux.py"]
