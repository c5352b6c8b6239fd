#!/usr/bin/env bash
# Install Debian's tmux when it is missing, for the CLI's real-terminal test
# (tests/terminal/test_dli_in_tmux.py). As root it installs without questions; without root it
# can only explain: under CI that is a failure, elsewhere the test skips and says why.
set -euo pipefail

if command -v tmux >/dev/null; then
    exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure_tmux: tmux is missing and installing it needs root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y tmux" >&2
    if [[ -n "${CI:-}" ]]; then
        exit 1
    fi
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends tmux >/dev/null
command -v tmux >/dev/null || { echo "ensure_tmux: apt-get ran but tmux is not there" >&2; exit 1; }
echo "ensure_tmux: installed $(tmux -V)"
