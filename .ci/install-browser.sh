#!/usr/bin/env bash
# Headless browser for the browser tests (tests/test_browser.py): Debian's chromium and chromium-driver.
# Idempotent and quiet: does nothing when /usr/bin/chromium is already there.
# Playwright's own browser downloads (`playwright install`) are never used.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-browser: /usr/bin/chromium is missing and apt-get is not available;" \
       "install Chromium by hand (the browser tests are skipped without it)" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "install-browser: not root and no sudo: cannot install chromium" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq && \
       $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core; } \
       >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-browser: apt-get failed" >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser: chromium installed but /usr/bin/chromium is missing" >&2
  exit 1
fi
