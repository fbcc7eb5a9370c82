#!/usr/bin/env bash
# Profiles `certhours serve` under one load of issue 15 with perf (call graphs by DWARF
# unwinding: the build has no frame pointers) and prints where the time went
# (bench/perf_summary.py: thread roles, inclusive shares, top symbols). Usage:
#   bench/profile.sh hours|import [--db /tmp/certhours-perf-100000.db] [--build build] [--seconds 10]
#                    [--rows 400000] [--keep]
#   hours   loadgen on GET /api/v1/officers/{random id}/hours?year=2025 with a Bearer token, 64
#           connections, 2 client threads; perf attached for --seconds after 3 s of load.
#   import  --rows new sign-in rows (every officer at as many new sessions as needed, added to the
#           copy) posted as one CSV to POST /api/v1/imports/attendance with curl; perf attached
#           for the whole request.
# The database is one bench_perf made (its default file for 100,000 officers); the profile runs on
# a copy. Use a RelWithDebInfo build (the default) for symbols. Needs perf (linux-perf), sqlite3,
# curl, python3. Leaves nothing behind unless --keep (then the copy, perf.data and perf script's
# output stay in /tmp/certhours-profile-*). Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

what="${1:-}"
[[ "$what" == hours || "$what" == import ]] || { sed -n '2,16p' "$0"; exit 2; }
shift
db=/tmp/certhours-perf-100000.db build=build seconds=10 rows=400000 keep=0
while (($#)); do
  case "$1" in
    --db) db="$2"; shift 2 ;;
    --build) build="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --rows) rows="$2"; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -f "$db" ]] || { echo "no $db: run $build/bench/bench_perf first (it generates it)" >&2; exit 1; }
certhours="$build/server/certhours"
prefix=/tmp/certhours-profile-$what
work=$prefix.db data=$prefix.perf.data script=$prefix.script
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  if ((!keep)); then rm -f "$work" "$work-wal" "$work-shm" "$data" "$data.old" "$script" "$prefix.csv"; fi
}
trap cleanup EXIT

rm -f "$work" "$work-wal" "$work-shm"
cp "$db" "$work"
[[ -f "$db-wal" ]] && cp "$db-wal" "$work-wal"
year=2025
if [[ "$what" == import ]]; then
  officers=$(sqlite3 "$work" "SELECT count(*) FROM officers")
  sessions=$(((rows + officers - 1) / officers))
  first=$(sqlite3 "$work" "SELECT max(id) + 1 FROM trainings")
  for ((k = 0; k < sessions; k++)); do
    sqlite3 "$work" "INSERT INTO trainings(id, title, organizer_unit_id, start_date, end_date, year, legal_halves,
      business_halves, political_halves, rotation, mode, created_at)
      VALUES ($((first + k)), '导入培训$k', 1, '$year-12-01', '$year-12-01', $year, 4, 8, 2, 0, 'in_person', '2024-01-01T00:00:00Z')"
  done
  { printf 'training_id,id_number,legal,business,political\r\n'
    sqlite3 -csv -newline $'\r\n' "$work" "SELECT t.id, o.id_number, NULL, NULL, NULL FROM trainings t, officers o
      WHERE t.id >= $first ORDER BY t.id, o.id LIMIT $rows"; } > "$prefix.csv"
fi

"$certhours" serve --db "$work" --listen 127.0.0.1:0 --no-access-log > "$prefix.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do grep -q 'listening on' "$prefix.log" 2>/dev/null && break; sleep 0.1; done
port=$(grep -o '127.0.0.1:[0-9]*' "$prefix.log" | cut -d: -f2)
rm -f "$prefix.log"
token=$(curl -s -XPOST "127.0.0.1:$port/api/v1/session" -H 'Content-Type: application/json' \
  -d '{"username":"bench","password":"bench-password"}' | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')

if [[ "$what" == hours ]]; then
  officers=$(sqlite3 "$work" "SELECT count(*) FROM officers")
  "$build/bench/loadgen" --port "$port" --bearer "$token" --ids "$officers" --connections 64 --threads 2 \
    --seconds $((seconds + 5)) --path "/api/v1/officers/{id}/hours?year=$year" &
  load_pid=$!
  sleep 3
  perf record -F 499 --call-graph dwarf,32768 -p "$server_pid" -o "$data" -- sleep "$seconds" 2>&1 | grep -v 'Woken up' || true
  wait "$load_pid"
else
  perf record -F 499 --call-graph dwarf,32768 -p "$server_pid" -o "$data" 2> "$prefix.perf.log" &
  perf_pid=$!
  sleep 1
  took=$(curl -s -o "$prefix.answer" -w '%{time_total}' -H "Authorization: Bearer $token" -H 'Content-Type: text/csv' \
    --data-binary @"$prefix.csv" "127.0.0.1:$port/api/v1/imports/attendance")
  echo "POST /imports/attendance: $rows rows in $took s: $(python3 -c "print(round($rows / $took))") rows/s under perf;" \
    "the answer: $(head -c 200 "$prefix.answer")"
  kill -INT "$perf_pid"
  wait "$perf_pid" || true
  rm -f "$prefix.perf.log" "$prefix.answer"
fi
nice perf script -i "$data" -F comm,tid,ip,sym,dso 2>/dev/null > "$script"
python3 bench/perf_summary.py --top 25 < "$script"
