#!/usr/bin/env bash
# The second README command: install, build and run every test (unit, store, API over
# real HTTP, and the web UI in real Chromium); then the same suites again under ASan+UBSan
# (build-asan); then each libFuzzer target for a bounded time (build-fuzz).
# FUZZ_RUNS (default 20000) is the inputs per fuzz target; FUZZ_RUNS=0 skips fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh --browser
scripts/build.sh
ctest --test-dir build --output-on-failure -j2
# The .deb from build/: installed with dpkg, the unit's ExecStart run as the certhours user,
# /readyz and the web UI checked, removed with the data kept (docs/install.md).
scripts/test-package.sh build

# --- ASan + UBSan (gcc) ------------------------------------------------------------------
# Every binary of build-asan is instrumented, the certhours that api_tests starts too. A report
# aborts the process (UB too: -fno-sanitize-recover, abort_on_error), which fails the request
# or command a test is waiting for. What a test cannot see is caught here: the harness ignores
# the server's exit status, so a server that fails after its last answer or leaks (LeakSanitizer
# runs when it exits on SIGTERM), or a command whose output a test swallows, would pass. So
# ASan/LSan reports also go to files (log_path), and UBSan's (gcc's libubsan writes to stderr
# only) are looked for in every test's output, kept whole in a JUnit file.
# The web suite runs here too: against the sanitized server it took 137 s (measured on 2 cores),
# little for the UI's own sequences of requests (Chromium itself is not instrumented).
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCERTHOURS_SANITIZE=address,undefined >/dev/null
cmake --build build-asan -j2 --target domain_tests store_tests app_tests api_unit_tests api_tests certhours
reports=$(mktemp -d)
trap 'rm -rf "$reports"' EXIT
status=0
ASAN_OPTIONS="abort_on_error=1:halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_string_checks=1:log_path=$reports/asan" \
UBSAN_OPTIONS="abort_on_error=1:halt_on_error=1:print_stacktrace=1" \
  ctest --test-dir build-asan --output-on-failure -j2 \
        --output-junit "$PWD/build-asan/ctest-junit.xml" --test-output-size-passed 100000000 --test-output-size-failed 100000000 ||
  status=$?
if compgen -G "$reports/asan.*[0-9]" >/dev/null; then
  for f in "$reports"/asan.*[0-9]; do echo "--- sanitizer report $f" >&2; cat "$f" >&2; done
  status=1
fi
if grep -E -n 'runtime error:|ERROR: (AddressSanitizer|LeakSanitizer)|SUMMARY: [A-Za-z]+Sanitizer' build-asan/ctest-junit.xml >&2; then
  echo "sanitizer reports in the output of the tests above (all of it: build-asan/ctest-junit.xml)" >&2
  status=1
fi
((status == 0)) || { echo "the ASan/UBSan suites failed" >&2; exit "$status"; }

# --- libFuzzer (clang) -------------------------------------------------------------------
# Each target of tests/fuzz over a copy of its corpus (tests/fuzz/corpus/<name>, never written
# to) for FUZZ_RUNS inputs from a fixed seed: the same inputs on every run, so CI is never
# flaky; at most 300 s a target. New findings are looked for by hand, from a random seed:
# build-fuzz/tests/fuzz/fuzz_<name> -max_total_time=600 DIR. A crash or a broken property
# leaves its input in build-fuzz/artifacts/; replay it with build-fuzz/tests/fuzz/fuzz_<name> FILE.
fuzz_runs=${FUZZ_RUNS:-20000}
if ((fuzz_runs > 0)); then
  cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCERTHOURS_FUZZ=ON \
        -DCMAKE_C_COMPILER=clang-16 -DCMAKE_CXX_COMPILER=clang++-16 >/dev/null
  cmake --build build-fuzz -j2 --target fuzz
  mkdir -p build-fuzz/artifacts
  for seeds in tests/fuzz/corpus/*/; do
    name=$(basename "$seeds")
    cp -r "$seeds" "$reports/$name"
    echo "fuzz_$name: $fuzz_runs inputs (seed 1) from $(ls "$seeds" | wc -l) seeds"
    if ! build-fuzz/tests/fuzz/fuzz_"$name" -seed=1 -runs="$fuzz_runs" -max_total_time=300 -timeout=30 -rss_limit_mb=2560 \
         -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$name-" "$reports/$name" \
         >"$reports/fuzz_$name.log" 2>&1; then
      tail -n 60 "$reports/fuzz_$name.log" >&2
      echo "fuzz_$name failed: the input is in build-fuzz/artifacts/$name-*" >&2
      exit 1
    fi
    grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$reports/fuzz_$name.log" || true
  done
fi
