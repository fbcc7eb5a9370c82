#!/usr/bin/env bash
# The first README command: install, build, create the demo database if there is none,
# and serve it. Usage: scripts/demo.sh [--listen 127.0.0.1:8080] [--db demo.db]
set -euo pipefail
cd "$(dirname "$0")/.."
listen="127.0.0.1:8080"
db="demo.db"
while (($#)); do
  case "$1" in
    --listen) listen="$2"; shift 2 ;;
    --db) db="$2"; shift 2 ;;
    *) echo "usage: scripts/demo.sh [--listen HOST:PORT] [--db FILE]" >&2; exit 2 ;;
  esac
done
scripts/install-deps.sh
scripts/build.sh
if [[ ! -f "$db" ]]; then
  build/server/certhours demo --db "$db"
else
  echo "using the existing demo database $db (delete it for a fresh one)"
  build/server/certhours demo --logins
fi
echo "open the URL below in a browser; stop with Ctrl-C"
exec build/server/certhours serve --db "$db" --listen "$listen" --web web
