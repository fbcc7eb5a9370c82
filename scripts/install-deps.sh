#!/usr/bin/env bash
# Installs what certhours needs on Debian 12, idempotently: Debian packages only when
# one is missing (so a ready machine runs no apt at all), npm packages only when the
# lock file changed. Usage: scripts/install-deps.sh [--browser]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake g++ make pkg-config ccache libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev zlib1g-dev libsqlitecpp-dev
          libhowardhinnant-date-dev doctest-dev libcli11-dev libsodium-dev libxlsxwriter-dev tzdata sqlite3 unzip python3
          libsystemd-dev  # sd_notify for the service's Type=notify
          libjemalloc-dev # the server's allocator (docs/performance.md)
          dpkg-dev curl   # the .deb (cpack: dpkg-shlibdeps) and scripts/test-package.sh
          clang-16 libclang-rt-16-dev llvm-16  # tests/fuzz: clang, libFuzzer, llvm-symbolizer
          prometheus   # promtool, which checks /metrics in the api tests
          wrk)         # bench/wrk_hours.lua: the cross-check of bench/loadgen (docs/performance.md)
if [[ "${1:-}" == "--browser" ]]; then
  # A CJK font, or Chromium draws every Chinese character of the screenshots as a box.
  packages+=(chromium fonts-wqy-zenhei)
  # Node.js: whatever the machine has (a newer nodesource build is fine); Debian's otherwise.
  command -v npm >/dev/null || packages+=(nodejs npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Never libboost-dev / libboost-all-dev: they are 1.74 and would remove 1.81.
  $sudo apt-get install -y --no-install-recommends "${missing[@]}" ||
    { $sudo apt-get update && $sudo apt-get install -y --no-install-recommends "${missing[@]}"; }
fi

if [[ "${1:-}" == "--browser" && -f package-lock.json ]]; then
  if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
    npm ci --no-audit --no-fund
  fi
fi
