#!/usr/bin/env bash
# The second README command: install, build and run every test (unit, store, API over
# real HTTP, and the web UI in real Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --browser
scripts/build.sh
ctest --test-dir build --output-on-failure -j2
