#!/usr/bin/env bash
# Instructions that two newsclean builds execute on the same input (callgrind),
# for before/after claims on a host too noisy for wall time. Deterministic:
# the same build, input and flags count the same instructions on any run.
# Fewer instructions is not always less time (bench/RESULTS.md, seventh
# session: a change that removed 6% of them ran no faster), so pair a count
# with a timing (bench/ab_compare.sh) where the host allows one. Mispredicted
# branches are the other half: callgrind's branch simulator counts them
# (deterministic too, though its predictor is simpler than a CPU's), and a
# change can save many of them with the instruction count unchanged (the
# eighth session's fold without a branch). Valgrind has no AVX-512: under it,
# the CPU checks of the shingle hashes (src/dedup/shingle_hash.cc,
# src/clean/paragraph_sketch.cc) choose their one-at-a-time paths.
#
#   bench/ab_instructions.sh BINARY_A BINARY_B INPUT -- SUBCOMMAND [FLAGS...]
#   e.g. bench/ab_instructions.sh /tmp/before/newsclean build/newsclean slice.jsonl -- clean
#
# Runs each build once under valgrind --tool=callgrind --branch-sim=yes, adding
# --threads 1 (so leave --threads out of FLAGS; a few thousand records take a
# minute), and prints both totals and their ratio, both counts of mispredicted
# branches, the functions whose own instruction count moved most, and whether
# the two outputs are byte-identical.
set -euo pipefail
if [ $# -lt 5 ] || [ "$4" != "--" ]; then
  sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
command -v valgrind > /dev/null || { echo "ab_instructions: needs valgrind (apt-get install -y valgrind)" >&2; exit 2; }
a="$1" b="$2" input="$3"
shift 4
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
progress=(--no-progress)
[ "$1" = check ] && progress=()
for side in a b; do
  bin="$a"
  [ "$side" = b ] && bin="$b"
  # (`check` exits 1 when the feed fails its limits: that is a result, not a failure.)
  if ! valgrind --tool=callgrind --branch-sim=yes --callgrind-out-file="$work/cg.$side" \
    "$bin" "$@" --threads 1 \
    "${progress[@]}" "$input" -o "$work/out.$side" > /dev/null 2> "$work/log.$side" &&
    [ "$1" != check ]; then
    echo "ab_instructions: $bin failed:" >&2
    tail -20 "$work/log.$side" >&2
    exit 1
  fi
  # Own instructions per function: file and arguments left off, so that the
  # code of a function's overloads and lambdas, and of what was inlined into it
  # from a header, counts as one name.
  callgrind_annotate --show=Ir --inclusive=no --auto=no --threshold=100 "$work/cg.$side" \
    2> /dev/null |
    awk '/^ *[0-9,]+ +\( *[0-9.]+%\) +/ && !/PROGRAM TOTALS/ {
           n = $1; gsub(",", "", n);
           name = $0; sub(/^ *[0-9,]+ +\( *[0-9.]+%\) +/, "", name);
           sub(/ \[[^]]*\]$/, "", name); sub(/^[^:]*:/, "", name); sub(/\(.*$/, "", name);
           own[name] += n }
         END { for (f in own) printf "%d\t%s\n", own[f], f }' > "$work/own.$side"
done
# A run's total of an event (Ir: instructions; Bcm, Bim: conditional and
# indirect branches the simulated predictor missed), by the file's event list.
total() {
  awk -v e="$2" '/^events:/ { for (i = 2; i <= NF; ++i) if ($i == e) col = i }
    /^(summary|totals):/ && col { print $col; exit }' "$work/cg.$1"
}
ta="$(total a Ir)" tb="$(total b Ir)"
ma="$(( $(total a Bcm) + $(total a Bim) ))" mb="$(( $(total b Bcm) + $(total b Bim) ))"
awk -v a="$ta" -v b="$tb" -v ma="$ma" -v mb="$mb" 'BEGIN {
  printf "A: %.1f M instructions\nB: %.1f M instructions\nB / A = %.4f (%+.1f%%)\n",
         a / 1e6, b / 1e6, b / a, 100 * (b / a - 1)
  printf "mispredicted branches (callgrind --branch-sim, a simple model): A %.2f M, B %.2f M, B / A = %.3f\n",
         ma / 1e6, mb / 1e6, mb / ma }'
echo
echo "Largest changes in a function's own instructions (M; A, B, B - A):"
awk -F'\t' 'FNR == NR { a[$2] = $1; next } { b[$2] = $1 }
  END {
    for (f in a) seen[f] = 1
    for (f in b) seen[f] = 1
    for (f in seen) {
      d = b[f] - a[f]
      if (d > -50000 && d < 50000) continue  # unchanged, or too little to show
      printf "%.0f\t%9.1f %9.1f %+9.1f  %s\n", (d < 0 ? -d : d), a[f] / 1e6, b[f] / 1e6, d / 1e6, f
    }
  }' "$work/own.a" "$work/own.b" | sort -rn | head -12 | cut -f2-
if cmp -s "$work/out.a" "$work/out.b"; then
  echo "outputs: byte-identical"
else
  echo "outputs: DIFFER"
fi
