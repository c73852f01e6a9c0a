#!/usr/bin/env bash
# Interleaved A/B timing of two newsclean builds on the same input, for claims
# like "this change made clean 1.9x faster" on a host whose speed drifts.
#
#   bench/ab_compare.sh ROUNDS BINARY_A BINARY_B INPUT -- SUBCOMMAND [FLAGS...]
#   e.g. bench/ab_compare.sh 5 /tmp/before/newsclean build/newsclean corpus.jsonl -- clean --threads 1
#
# Each round runs A then B (outputs removed first, so no run replaces an
# existing file), timing wall and CPU (user + system) with /usr/bin/time.
# Prints every time, the best of each, their ratio, and whether the two last
# outputs are byte-identical.
set -euo pipefail
if [ $# -lt 6 ] || [ "$5" != "--" ]; then
  sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
  exit 2
fi
rounds="$1" a="$2" b="$3" input="$4"
shift 5
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# `check` draws no progress line, and exits 1 when the feed fails its limits.
progress=(--no-progress)
[ "$1" = check ] && progress=()
for i in $(seq "$rounds"); do
  for side in a b; do
    bin="$a"
    [ "$side" = b ] && bin="$b"
    rm -f "$work/out.$side.jsonl"
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$bin" "$@" "${progress[@]}" "$input" \
      -o "$work/out.$side.jsonl" > /dev/null || [ "$1" = check ]
    # (the last line: /usr/bin/time first notes a non-zero exit)
    tail -1 "$work/time" | awk '{printf "%s %.2f\n", $1, $2 + $3}' >> "$work/times.$side"
  done
done
bytes="$(stat -c %s "$input")"
for side in a b; do
  sort -n "$work/times.$side" | awk -v s="$side" -v bytes="$bytes" '
    { wall[NR] = $1; cpu[NR] = $2 }
    END {
      line = "";
      for (i = 1; i <= NR; ++i) line = line " " wall[i];
      printf "%s: wall%s s; best %.2f s = %.0f MB/s (CPU %.2f s)\n", toupper(s), line, wall[1], bytes / 1e6 / wall[1], cpu[1] }'
done
best_a="$(sort -n "$work/times.a" | head -1 | cut -d' ' -f1)"
best_b="$(sort -n "$work/times.b" | head -1 | cut -d' ' -f1)"
awk -v a="$best_a" -v b="$best_b" 'BEGIN { printf "best A / best B = %.2f\n", a / b }'
if cmp -s "$work/out.a.jsonl" "$work/out.b.jsonl"; then
  echo "outputs: byte-identical"
else
  echo "outputs: DIFFER"
fi
