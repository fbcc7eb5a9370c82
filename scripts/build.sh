#!/usr/bin/env bash
# Configures (once) and builds certhours and its tests into build/ with ccache, two jobs.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f build/CMakeCache.txt ]] || cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2
