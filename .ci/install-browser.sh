#!/usr/bin/env bash
# Headless browser for the browser tests (tests/test_browser.py): Debian's chromium and chromium-driver.
# Idempotent and quiet: does nothing when /usr/bin/chromium is already there.
# Playwright's own browser downloads (`playwright install`) are never used.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-browser chromium chromium-driver fonts-dejavu-core

if [ ! -x /usr/bin/chromium ]; then
  echo "install-browser: chromium installed but /usr/bin/chromium is missing" >&2
  exit 1
fi
