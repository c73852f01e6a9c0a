#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 30) on a copy of its
# seed corpus (fixtures/fuzz/<target>), so the repository's corpus stays as it
# is. Exits non-zero on the first crash, leak or sanitizer report; the input
# that caused it is left in $WORK/<target>-crash-*.
#
#   scripts/fuzz.sh [BUILD_DIR] [SECONDS]      # BUILD_DIR built with -DNEWSCLEAN_FUZZ=ON
#
# For hours: FUZZ_JOBS=2 scripts/fuzz.sh build-asan 3600 (a job a core, per target).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build-asan}"
seconds="${2:-30}"
jobs="${FUZZ_JOBS:-1}"
work="${WORK:-$(mktemp -d)}"
status=0
for target in cleaner reader index rule_file check_config; do
  corpus="$work/$target"
  mkdir -p "$corpus"
  cp fixtures/fuzz/"$target"/* "$corpus"/
  echo "fuzz: $target for ${seconds}s" >&2
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      "$build/fuzz/${target}_fuzzer" "$corpus" -max_total_time="$seconds" -rss_limit_mb=4096 \
      -timeout=60 -jobs="$jobs" -workers="$jobs" -artifact_prefix="$work/$target-" \
      -print_final_stats=1 > "$work/$target.log" 2>&1; then
    echo "fuzz: $target FAILED; log: $work/$target.log" >&2
    tail -40 "$work/$target.log" >&2
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb|cov:" "$work/$target.log" | tail -3 | sed "s/^/fuzz: $target: /" >&2
  fi
done
exit "$status"
