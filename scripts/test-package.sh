#!/usr/bin/env bash
# The .deb end to end, on this machine (docs/install.md): builds it with cpack from a build
# directory, installs it with dpkg -i, checks its files, the certhours user and the unit
# (systemd-analyze verify), runs the unit's ExecStart as certhours the way systemd would (the
# environment file's settings, NOTIFY_SOCKET) on a fresh state directory and a free port, waits
# for READY=1 and /readyz, checks the web UI and the database, stops it with SIGTERM, then
# dpkg -r and checks that the binary is gone and the data kept.
# Usage: scripts/test-package.sh [BUILD_DIR]   (default build; certhours is built there first)
# Needs root (sudo when not root), dpkg-dev, curl, python3 (scripts/install-deps.sh). It leaves
# the package removed (its conffile and /var/lib/certhours stay, as after any dpkg -r): not for
# a machine whose certhours is in use. Re-runnable; a certhours installed before is replaced.
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
[[ -f "$build/CPackConfig.cmake" ]] || { echo "test-package: $build is not a configured build directory" >&2; exit 2; }
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
started=$SECONDS

unit=/lib/systemd/system/certhours.service
envfile=/etc/certhours/certhours.env
work=$(mktemp -d /tmp/certhours-package.XXXXXX)
server_pid=""  # the process started (setpriv, or sudo when not root)
notify_pid=""
created_db=""
cleanup() {
  if [[ -n "$server_pid" ]]; then $sudo kill -KILL "$server_pid" 2>/dev/null || true; fi
  if [[ -n "$notify_pid" ]]; then kill "$notify_pid" 2>/dev/null || true; fi
  if [[ -n "$created_db" ]]; then $sudo rm -f "$created_db" "$created_db-wal" "$created_db-shm"; fi
  $sudo rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "test-package: FAILED: $*" >&2
  for f in "$work/server.out" "$work/server.err" "$work/notify.log"; do
    [[ -s "$f" ]] && { echo "--- $f" >&2; tail -n 40 "$f" >&2; }
  done
  exit 1
}
step() { echo "test-package: $*"; }
# Polls `test` every 0.1 s for at most `seconds`; false when it never held.
wait_for() {
  local seconds=$1
  shift
  local deadline=$((SECONDS + seconds))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# --- the package ---------------------------------------------------------------------------
step "building certhours and the .deb from $build"
cmake --build "$build" --target certhours >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "build"; }
# -B: the package and cpack's staging tree go to the temporary directory, not the build tree.
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/pkg" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack"; }
debs=("$work"/pkg/certhours_*.deb)
[[ ${#debs[@]} -eq 1 && -f "${debs[0]}" ]] || fail "cpack made no single certhours_*.deb: ${debs[*]}"
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
depends=$(dpkg-deb -f "$deb" Depends)
step "$(basename "$deb"): $(stat -c %s "$deb") bytes; Depends: $depends"
for need in tzdata libsystemd0 libsqlite3-0 libsodium23 libxlsxwriter libstdc++6; do
  [[ ",$depends" == *", $need"* || ",$depends" == *",$need"* ]] || fail "Depends lacks $need"
done
dpkg-deb -I "$deb" conffiles | grep -qx "$envfile" || fail "$envfile is not a conffile"

step "dpkg -i"
# confold: an env file edited on this machine is kept, never asked about (no terminal in CI).
$sudo env DEBIAN_FRONTEND=noninteractive dpkg -i --force-confdef --force-confold "$deb" >"$work/dpkg.log" 2>&1 ||
  { cat "$work/dpkg.log" >&2; fail "dpkg -i"; }
[[ "$(dpkg-query -W -f='${Status} ${Version}' certhours)" == "install ok installed $version" ]] ||
  fail "dpkg-query: $(dpkg-query -W -f='${Status} ${Version}' certhours)"
for f in /usr/bin/certhours /usr/share/certhours/web/index.html /usr/share/certhours/seeds/units.csv \
  "$unit" /usr/lib/sysusers.d/certhours.conf "$envfile" /usr/share/doc/certhours/install.md; do
  [[ -f "$f" ]] || fail "$f is not installed"
done
[[ "$(/usr/bin/certhours --version)" == "certhours $version (commit "* ]] || fail "certhours --version: $(/usr/bin/certhours --version)"
IFS=: read -r _ _ _ _ _ home shell < <(getent passwd certhours) || fail "no certhours user"
[[ "$home" == /var/lib/certhours && "$shell" == /usr/sbin/nologin ]] || fail "certhours user: home $home, shell $shell"
getent group certhours >/dev/null || fail "no certhours group"
[[ "$(stat -c %U:%G /var/lib/certhours)" == certhours:certhours ]] || fail "/var/lib/certhours is $(stat -c %U:%G /var/lib/certhours)"

# --- systemd-analyze verify ----------------------------------------------------------------
# Its exit status, and every line it prints about certhours.service, count. Lines about other
# units (this machine's, e.g. a container's missing pieces) do not: they are not ours.
step "systemd-analyze verify $unit"
verify_status=0
$sudo systemd-analyze verify --man=no "$unit" >"$work/verify.log" 2>&1 || verify_status=$?
if ((verify_status != 0)) || grep -q 'certhours' "$work/verify.log"; then
  cat "$work/verify.log" >&2
  fail "systemd-analyze verify: status $verify_status"
fi

# --- the unit's ExecStart, as certhours, on a fresh state directory ---------------------------
# systemd's expansion: ${VAR} is one argument, a lone $VAR is split at whitespace; the settings
# of the environment file, with the database in a fresh directory and port 0 (a free one).
state="$work/state"
$sudo chmod 0711 "$work"
$sudo install -d -o certhours -g certhours -m 0750 "$state"
python3 - "$unit" "$envfile" "$work/argv" "$work/env" "CERTHOURS_DB=$state/certhours.db" \
  "CERTHOURS_LISTEN=127.0.0.1:0" <<'EOF'
import re, shlex, sys
unit, envfile, argv_out, env_out, *overrides = sys.argv[1:]
env = {}
for line in open(envfile, encoding="utf-8"):
    line = line.strip()
    if not line or line[0] in "#;":
        continue
    key, _, value = line.partition("=")
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        value = value[1:-1]
    env[key.strip()] = value
env.update(o.split("=", 1) for o in overrides)
lines = [l.split("=", 1)[1].strip() for l in open(unit, encoding="utf-8") if l.startswith("ExecStart=")]
if len(lines) != 1 or not lines[0].startswith("/"):
    sys.exit("expected one ExecStart=/... line, found %r" % lines)
argv = []
for word in shlex.split(lines[0]):
    lone = re.fullmatch(r"\$([A-Za-z_][A-Za-z0-9_]*)", word)
    if lone:
        argv += env.get(lone[1], "").split()
    else:
        argv.append(re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", lambda m: env.get(m[1], ""), word))
open(argv_out, "w").write("\0".join(argv) + "\0")
open(env_out, "w").write("\0".join("%s=%s" % kv for kv in env.items()) + "\0")
EOF
mapfile -d '' argv <"$work/argv"
mapfile -d '' unit_env <"$work/env"
step "ExecStart: ${argv[*]}"

# NOTIFY_SOCKET as systemd gives it to a Type=notify service: what the server sends is logged.
python3 - "$work/notify.sock" "$work/notify.log" <<'EOF' &
import os, socket, sys
path, log = sys.argv[1:]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
os.chmod(path, 0o666)
with open(log, "ab", buffering=0) as out:
    while True:
        out.write(s.recv(4096) + b"\n")
EOF
notify_pid=$!
wait_for 10 test -S "$work/notify.sock" || fail "no notify socket"

# The environment systemd gives: its PATH, what User= sets, the environment file, NOTIFY_SOCKET.
$sudo setpriv --reuid=certhours --regid=certhours --init-groups --inh-caps=-all \
  env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/var/lib/certhours \
  USER=certhours LOGNAME=certhours SHELL=/usr/sbin/nologin NOTIFY_SOCKET="$work/notify.sock" "${unit_env[@]}" \
  "${argv[@]}" </dev/null >"$work/server.out" 2>"$work/server.err" &
server_pid=$!
# /proc, not kill -0: when not root, $server_pid is sudo's, which kill -0 may not signal. An
# exited child not yet reaped (state Z) is not running.
running() {
  local st
  st=$(awk '{print $3}' "/proc/$server_pid/stat" 2>/dev/null) && [[ "$st" != Z ]]
}
ready() {
  running || fail "the server exited before it was ready"
  grep -q '^READY=1$' "$work/notify.log" 2>/dev/null
}
wait_for 30 ready || fail "no READY=1 on NOTIFY_SOCKET within 30 s"
url=$(sed -n 's/^listening on \(http:[^ ]*\)$/\1/p' "$work/server.out")
[[ -n "$url" ]] || fail "no 'listening on URL' line"
grep -qx "STATUS=listening on $url" "$work/notify.log" || fail "no STATUS=listening on $url"
pid=$(pgrep -u certhours -f -- "--db $state/certhours.db") || fail "no certhours serve running as certhours"
[[ "$pid" =~ ^[0-9]+$ ]] || fail "not one server: $pid"
step "ready at $url (pid $pid, user $(stat -c %U "/proc/$pid"))"

# Readiness: /readyz reads the database file the service created.
code=$(curl -s -o "$work/ready.body" -w '%{http_code}' --max-time 10 "$url/readyz") || fail "GET /readyz"
[[ "$code" == 200 ]] || fail "/readyz answered $code: $(cat "$work/ready.body")"
grep -q '"ready"' "$work/ready.body" || fail "/readyz said: $(cat "$work/ready.body")"
curl -sf --max-time 10 -o "$work/index.html" "$url/" || fail "GET /"
cmp -s "$work/index.html" /usr/share/certhours/web/index.html || fail "GET / is not /usr/share/certhours/web/index.html"
[[ "$($sudo stat -c %U "$state/certhours.db")" == certhours ]] || fail "$state/certhours.db is not certhours's"

step "SIGTERM"
$sudo kill -TERM "$pid"
stopped() { ! running; }
wait_for 20 stopped || fail "still running 20 s after SIGTERM (the unit's TimeoutStopSec)"
server_status=0
wait "$server_pid" || server_status=$?
server_pid=""
((server_status == 0)) || fail "the server exited with $server_status"
grep -q '^STOPPING=1$' "$work/notify.log" || fail "no STOPPING=1"

# --- dpkg -r ---------------------------------------------------------------------------------
# The service's database as the first start makes it (certhours init as certhours), unless this
# machine has one: it must outlive dpkg -r. One made here is deleted at the end.
data=/var/lib/certhours/certhours.db
if [[ ! -e "$data" ]]; then
  created_db=$data
  $sudo setpriv --reuid=certhours --regid=certhours --init-groups /usr/bin/certhours init --db "$data" >/dev/null ||
    fail "certhours init --db $data"
fi
step "dpkg -r"
$sudo dpkg -r certhours >"$work/dpkg-r.log" 2>&1 || { cat "$work/dpkg-r.log" >&2; fail "dpkg -r"; }
[[ ! -e /usr/bin/certhours && ! -e /usr/share/certhours && ! -e "$unit" ]] || fail "files left after dpkg -r"
[[ -f "$data" && -f "$envfile" ]] || fail "dpkg -r removed $data or $envfile"
[[ "$(dpkg-query -W -f='${Status}' certhours)" == "deinstall ok config-files" ]] ||
  fail "after dpkg -r: $(dpkg-query -W -f='${Status}' certhours)"

step "ok in $((SECONDS - started)) s"
