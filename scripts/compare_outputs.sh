#!/usr/bin/env bash
# Runs two builds of the CLI on the same input with the same flags and
# compares every output byte for byte: clean, dedup (each keep policy, drop
# and annotate), clean --dedup, check (every report format) and, for text
# inputs, explain. For refactors that must not change results.
#
#   scripts/compare_outputs.sh OLD_NEWSCLEAN NEW_NEWSCLEAN INPUT [EXTRA_FLAGS...]
#
# Prints one line per case; exits 1 if any output differs. REPORT_SED, if
# set, is a sed expression applied to both reports first, for a difference
# the change means to make (say which in the commit).
set -uo pipefail
old="$1" new="$2" input="$3"
shift 3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cases=(
  "clean"
  "clean --threads 2"
  "clean --annotate"
  "dedup"
  "dedup --keep longest"
  "dedup --keep earliest"
  "dedup --mode annotate"
  "dedup --mode annotate --keep longest"
  "clean --dedup"
  "clean --dedup --keep longest --mode annotate"
  "clean --dedup --keep earliest"
  "clean --dedup --threads 2"
  "clean --dedup --repeated-paragraphs 2 --containment 0.9 --mode annotate"
  "clean --repeated-paragraphs 3"
)
status=0
n=0
for c in "${cases[@]}"; do
  n=$((n + 1))
  for side in old new; do
    bin="${!side}"
    # shellcheck disable=SC2086
    "$bin" $c "$@" --output-format jsonl --no-progress "$input" -o "$work/$side.$n.out" \
      --report "$work/$side.$n.report" 2>"$work/$side.$n.err"
    echo "rc=$?" >>"$work/$side.$n.err"
    # The report's timings differ from run to run; everything else must not.
    grep -vE '"(seconds|mb_per_s|documents_per_s)"' "$work/$side.$n.report" 2>/dev/null |
      sed -E "${REPORT_SED:-}" >"$work/$side.$n.report.cmp"
  done
  if cmp -s "$work/old.$n.out" "$work/new.$n.out" && cmp -s "$work/old.$n.err" "$work/new.$n.err" &&
     cmp -s "$work/old.$n.report.cmp" "$work/new.$n.report.cmp"; then
    echo "same      $c ($(wc -c <"$work/new.$n.out") bytes)"
  else
    echo "DIFFERENT $c"
    for f in out err report.cmp; do
      cmp -s "$work/old.$n.$f" "$work/new.$n.$f" || diff "$work/old.$n.$f" "$work/new.$n.$f" | head -n 6
    done
    status=1
  fi
done
for format in text json github junit; do
  for side in old new; do
    bin="${!side}"
    "$bin" check --report-format "$format" "$@" "$input" -o "$work/$side.check.$format" 2>&1
    echo "rc=$?" >>"$work/$side.check.$format"
  done
  if cmp -s "$work/old.check.$format" "$work/new.check.$format"; then
    echo "same      check --report-format $format ($(wc -c <"$work/new.check.$format") bytes)"
  else
    echo "DIFFERENT check --report-format $format"
    status=1
  fi
done
exit $status
