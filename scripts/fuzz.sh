#!/usr/bin/env bash
# Fuzzes every decoder of untrusted input with cargo fuzz (libFuzzer): answers JSON,
# clinic.json, the saved-plans envelope (every version), backup import, share codes and the
# message catalogs, and the sealed (compressed or encrypted) form of stored plans. Installs
# cargo-fuzz when missing; uses stable Rust with RUSTC_BOOTSTRAP=1.
#   scripts/fuzz.sh                 every target, 1,000,000 runs each
#   RUNS=100000 scripts/fuzz.sh share clinic
# Seeds come from the test fixtures (fuzz/corpus/<target>/, made on the first run). A crash,
# panic, hang (10 s) or memory over 2 GB stops the run with the input saved in fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export RUSTC_BOOTSTRAP=1
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
RUNS="${RUNS:-1000000}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(answers clinic envelope backup share catalog sealed)

seed() {
  local t=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  [ -n "$(ls -A "$dir")" ] && return 0
  case $t in
    answers) cp tests/fixtures/answers-suitable.json "$dir/" ;;
    clinic) cp clinic.json "$dir/"; cp tests/fixtures/plans_v1/clinic-priced.json "$dir/" ;;
    envelope|backup) cp tests/fixtures/plans_v1/*.json "$dir/"; printf '{"schema":"meso-advisor/plans@2","plans":[]}' >"$dir/empty.json" ;;
    share) printf 'BRoMyAAAAAAAAAAAAAS' >"$dir/base" ;;
    catalog) head -c 20000 locales/en.txt >"$dir/en"; head -c 20000 locales/de.txt >"$dir/de" ;;
    sealed) printf '{"schema":"meso-advisor/sealed@1","content":"gzip","data":"H4sIAAAAAAAAA6uuBQBDv6ajAgAAAA=="}' >"$dir/gzip"
            printf '{"schema":"meso-advisor/sealed@1","content":"gzip+aes-256-gcm","salt":"BwcHBwcHBwcHBwcHBwcHBw==","iterations":600000,"iv":"CQkJCQkJCQkJCQkJ","data":"AAAA"}' >"$dir/aes" ;;
  esac
}

for t in "${targets[@]}"; do
  seed "$t"
  echo "==> fuzz $t ($RUNS runs)"
  log=$(mktemp)
  rc=0
  cargo fuzz run "$t" "fuzz/corpus/$t" -- -runs="$RUNS" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 >"$log" 2>&1 || rc=$?
  grep -E "^(Done|stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb)|cov: .*ft:" "$log" | tail -5
  if [ "$rc" -ne 0 ]; then
    tail -40 "$log"
    echo "fuzz $t FAILED (the input is in fuzz/artifacts/$t/)"
    exit 1
  fi
  rm -f "$log"
done
