#!/usr/bin/env bash
# ICU for PyICU (Kazakh and Russian alphabetical order, see generator/ashyq/collation.py): PyICU is built
# from source against the system's ICU, so it needs libicu-dev, pkg-config and a C++ compiler.
# Idempotent and quiet: does nothing when they are already there.
set -euo pipefail

if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists icu-i18n && command -v g++ >/dev/null 2>&1; then
  exit 0
fi
bash "$(dirname "$0")/apt-install.sh" install-icu libicu-dev pkg-config g++
