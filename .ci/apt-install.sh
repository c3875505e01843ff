#!/usr/bin/env bash
# Install Debian packages the project needs, quietly: `apt-install.sh NAME PKG...` (NAME names the caller in
# messages). Used by install-icu.sh and install-browser.sh, which first check whether the tools are there.
set -euo pipefail
name="$1"; shift

if ! command -v apt-get >/dev/null 2>&1; then
  echo "$name: apt-get is not available; install $* by hand" >&2
  exit 1
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo -n"
  else
    echo "$name: not root and no sudo: cannot install $*" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "$@"; } >"$log" 2>&1; then
  cat "$log" >&2
  echo "$name: apt-get failed" >&2
  exit 1
fi
