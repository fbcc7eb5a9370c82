#!/usr/bin/env bash
# Configures and builds certhours and its tests into build/ with ccache, two jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
# Configure every time (a second or two): it picks up tools installed since, e.g. node.
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2
