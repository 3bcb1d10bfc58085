#!/usr/bin/env bash
# Instructions per chat call, raw undici vs ours, counted by valgrind's callgrind over a window of CALLS calls after
# WARMUP warm-up calls (counting is off outside the window). Needs valgrind (apt-get install valgrind); takes a
# minute or two. Usage: [CONCURRENCY=64] bash bench/instructions.sh [variant...]
set -euo pipefail
cd "$(dirname "$0")/.."
CALLS=${CALLS:-2000}
WARMUP=${WARMUP:-20000}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
[ -f dist/lib/index.js ] || npm run build >/dev/null
tmp=$(node -p 'require("os").tmpdir()')
count() {
  local variant=$1 log
  log=$(mktemp)
  # --single-threaded: V8 compiles and collects on the main thread, so the count does not depend on thread timing.
  valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file=/dev/null \
    node --single-threaded bench/instructions.js "$variant" "$CALLS" "$WARMUP" >/dev/null 2>"$log" &
  local pid=$!
  until [ -e "$tmp/bench-ic-ready-$pid" ]; do sleep 0.5; done
  callgrind_control -i on "$pid" >/dev/null 2>&1; touch "$tmp/bench-ic-go-$pid"
  until [ -e "$tmp/bench-ic-done-$pid" ]; do sleep 0.2; done
  callgrind_control -i off "$pid" >/dev/null 2>&1; touch "$tmp/bench-ic-stop-$pid"
  wait "$pid"
  rm -f "$tmp"/bench-ic-*-"$pid"
  local total
  total=$(grep -oP "Collected : \K\d+" "$log"); rm -f "$log"
  echo $(( total / CALLS ))
}
variants=("$@")
[ ${#variants[@]} -gt 0 ] || variants=("raw undici" "ours" "ours (node options)")
base=""
for v in "${variants[@]}"; do
  n=$(count "$v")
  base=${base:-$n}
  echo "$v: $n instructions/call ($(node -p "($n / $base).toFixed(2)")x vs ${variants[0]})"
done
