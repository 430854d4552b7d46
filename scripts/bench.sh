#!/usr/bin/env bash
# The benchmark (not a test: it prints figures; README.md, "Benchmark"). Works from any directory:
#   1. installs what is missing (scripts/setup.sh: Trunk, wasm-opt, Chromium, Lighthouse 12, ...)
#   2. trunk build --release                 (BENCH_BUILD=0 measures dist/ as it is)
#   3. node scripts/lib/bench.mjs dist       on a snapshot of dist/, served gzip-compressed on
#      127.0.0.1 as a web host would: (a) first-load bytes gzip per file and total, (b) Lighthouse
#      mobile and desktop: the four scores, FCP, LCP, TBT, CLS, (c) Next → next step, → result and
#      → plan latency under 4x CPU throttling, p50/p95, (d) #/saved and #/staff with 10, 100 and
#      1,000 stored plans: load + render time, bytes per plan
#   4. node scripts/bench-staff.mjs          staff mode with 5,000 full records (passcode, list,
#      search, storage), on records from `cargo run --release --example full_records`
# Environment: BENCH_RUNS=N questionnaires for (c) (default 10: 50 step changes),
#              BENCH_SKIP=lighthouse,latency,growth,staff skips parts.
# About 10 minutes on 2 cores (more the first time: the release build of the example).

set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$MESO_ROOT"

if [ "${BENCH_BUILD:-1}" != 0 ]; then
  say "trunk build --release"
  trunk build --release
fi
node scripts/lib/bench.mjs dist

case ",${BENCH_SKIP:-}," in
  *,staff,*) ;;
  *)
    say "staff mode with 5,000 full records (scripts/bench-staff.mjs)"
    records="$(mktemp -t meso-records.XXXXXX)"
    trap 'rm -f "$records"' EXIT
    cargo run --quiet --release --example full_records -- 5000 >"$records"
    node scripts/bench-staff.mjs dist "$records"
    ;;
esac
