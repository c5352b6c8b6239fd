#!/usr/bin/env bash
# ensure_deb.sh COMMAND PACKAGE: install Debian's PACKAGE when COMMAND (a name on PATH or a path)
# is missing, for a check that needs a real program (Chromium for the docs test, tmux for the
# terminal test). As root (CI, fresh machines) it installs without questions. Without root it
# can only explain: under CI that is a failure, elsewhere the test skips and says why.
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: ensure_deb.sh COMMAND PACKAGE" >&2
    exit 2
fi
COMMAND=$1
PACKAGE=$2

if command -v "$COMMAND" >/dev/null; then
    exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure_deb: $COMMAND is missing and installing $PACKAGE needs root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $PACKAGE" >&2
    if [[ -n "${CI:-}" ]]; then
        exit 1
    fi
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "$PACKAGE" >/dev/null
if ! command -v "$COMMAND" >/dev/null; then
    echo "ensure_deb: apt-get installed $PACKAGE but $COMMAND is not there" >&2
    exit 1
fi
echo "ensure_deb: installed $PACKAGE"
