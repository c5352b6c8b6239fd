#!/usr/bin/env bash
# Install Debian's Chromium when /usr/bin/chromium is missing, for the docs test
# (tests/contract/test_docs.py), which reads the HTML reference in headless Chromium.
# As root (CI, fresh machines) it installs without questions. Without root it can only explain:
# under CI that is a failure, elsewhere the docs test skips and says why.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [[ -x "$CHROMIUM" ]]; then
    exit 0
fi
if [[ "$(id -u)" -ne 0 ]]; then
    echo "ensure_chromium: $CHROMIUM is missing and installing it needs root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
    if [[ -n "${CI:-}" ]]; then
        exit 1
    fi
    exit 0
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [[ ! -x "$CHROMIUM" ]]; then
    echo "ensure_chromium: apt-get installed chromium but $CHROMIUM is not there" >&2
    exit 1
fi
echo "ensure_chromium: installed $("$CHROMIUM" --version 2>/dev/null)"
