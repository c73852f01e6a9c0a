#!/usr/bin/env bash
# End-to-end throughput of newsclean on a generated corpus, with the machine's
# reference ceilings measured on the same input in the same run.
#
#   [ROUNDS=3] [REAL_PAGES=FILE.jsonl [REAL_COPIES=5]] bench/e2e_throughput.sh [BUILD_DIR] [DOCS]
#
# Generates DOCS records (default 24000, about 220 MB) with build/corpus_tool
# (deterministic, planted near duplicates), compresses a copy with zstd, then
# runs clean, dedup and clean --dedup at 1 thread and at all cores, reading the
# uncompressed JSONL (and clean with zstd in and out, and with gzip out; and
# clean and dedup on the same records in traditional script, `corpus_tool gen
# --traditional 1`, as Taiwanese and Hong Kong feeds are), and prints a
# Markdown table: MB/s, documents/s, wall and CPU seconds, peak RSS (from
# /usr/bin/time), and each MB/s as a share of the read ceiling. Each
# configuration runs ROUNDS times, interleaved; the table shows the fastest run
# and the range. Outputs at 1 thread and at all cores are compared byte for byte.
# REAL_PAGES adds `clean` on a JSONL file of real scraped pages (the set that
# tools/devset/README.md rebuilds; its text is not in the repository): the
# generated corpus has few short lines, little markup and few boilerplate
# rules firing, and real pages cost several times more per byte. The file is
# run as REAL_COPIES copies one after another (`clean` treats each record on
# its own, so a copy costs what the first did): the 4,166 real pages alone
# take 0.3 s, of which about 0.1 s is the rules' first use (each compiled when
# a line first needs it, which at two threads holds the other thread up), so
# one copy measures start-up as much as throughput.
set -euo pipefail
build="${1:-build}"
docs="${2:-24000}"
rounds="${ROUNDS:-3}"
threads_all="$(nproc)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$build/corpus_tool" gen --fixtures fixtures --docs "$docs" --seed 1 -o "$work/corpus.jsonl"
"$build/corpus_tool" gen --fixtures fixtures --docs "$docs" --seed 1 --traditional 1 \
  -o "$work/corpus.trad.jsonl"
zstd -q -3 "$work/corpus.jsonl" -o "$work/corpus.jsonl.zst"
bytes="$(stat -c %s "$work/corpus.jsonl")"
trad_bytes="$(stat -c %s "$work/corpus.trad.jsonl")"
lines="$(wc -l < "$work/corpus.jsonl")"
real_pages="${REAL_PAGES:-}"
if [ -n "$real_pages" ]; then
  real_copies="${REAL_COPIES:-5}"
  for _ in $(seq "$real_copies"); do cat "$real_pages"; done > "$work/real.jsonl"
  real_bytes="$(stat -c %s "$work/real.jsonl")"
  real_lines="$(wc -l < "$work/real.jsonl")"
fi

echo "## End-to-end throughput"
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/ {print $2}') GiB."
echo "Input: \`corpus_tool gen --docs $docs --seed 1\`: $bytes bytes, $lines records (sha256 $(sha256sum "$work/corpus.jsonl" | cut -c1-16))."
[ -n "$real_pages" ] &&
  echo "Real pages: \`$real_pages\`, $real_copies copies: $real_bytes bytes, $real_lines records (sha256 $(sha256sum "$work/real.jsonl" | cut -c1-16)); its MB/s and documents/s are of its own size and count."
echo "Traditional: \`corpus_tool gen --docs $docs --seed 1 --traditional 1\`: $trad_bytes bytes (sha256 $(sha256sum "$work/corpus.trad.jsonl" | cut -c1-16)); its MB/s are of its own size."
echo
echo "### Reference ceilings (same input, same run)"
echo
echo '```'
"$build/bench/reference_ceilings" "$work/corpus.jsonl" "$work/corpus.jsonl.zst" | sed "s|$work/||"
echo '```'
read_mbs="$("$build/bench/reference_ceilings" "$work/corpus.jsonl" | awk -F'\t' '/read\+decompress/ {print $3+0}')"
echo
echo "| run | threads | MB/s | documents/s | wall s (best of $rounds: min–max) | CPU s | peak RSS MB | share of read ceiling |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
# One timed run; appends "wall user sys rss bytes" to $work/times.<label>.<threads>.
# IN and OUT_EXT (environment) choose the input file and the output's extension;
# BYTES and RECORDS, the uncompressed size and the records MB/s and documents/s
# are of (the generated corpus's by default).
# The earlier runs' output is written back first (sync, untimed), so that no
# run pays for the writeback of the 200 MB files before it. (On a VM, a run's
# system time also depends on whether its output lands on pages the VM has
# written before: bench/RESULTS.md, 2026-12-02, fifth session.)
run() {
  local label="$1" threads="$2"
  shift 2
  rm -f "$work/out.$label.$threads.${OUT_EXT:-jsonl}"
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$build/newsclean" "$@" --threads "$threads" \
    --no-progress "$work/${IN:-corpus.jsonl}" -o "$work/out.$label.$threads.${OUT_EXT:-jsonl}"
  echo "$(cat "$work/time") ${BYTES:-$bytes} ${RECORDS:-$lines}" >> "$work/times.$label.$threads"
}
# The row of the fastest run (its CPU and RSS), with the range of wall times.
row() {
  local label="$1" threads="$2"
  sort -n "$work/times.$label.$threads" | awk -v l="$label" -v t="$threads" -v c="$read_mbs" '
    NR == 1 { w = $1; u = $2; s = $3; r = $4; b = $5; n = $6 } { last = $1 }
    END {
      mbs = b / 1e6 / w;
      printf "| %s | %d | %.0f | %.0f | %.2f (%.2f–%.2f) | %.2f | %.0f | %.1f%% |\n", l, t, mbs, n / w, w, w, last, u + s, r / 1024, 100 * mbs / c }'
}
# Rounds interleave the configurations, so that a slow spell of a shared host
# does not fall on one of them only.
# Then compressed input and output, as pipelines store corpora; and the
# traditional-script copy of the corpus.
labels=(clean dedup "clean --dedup" "clean, .zst in and out" "clean, .gz out"
  "clean, traditional script" "dedup, traditional script")
[ -n "$real_pages" ] && labels+=("clean, real pages")
for round in $(seq "$rounds"); do
  for threads in 1 "$threads_all"; do
    run clean "$threads" clean
    run dedup "$threads" dedup
    run "clean --dedup" "$threads" clean --dedup
    IN=corpus.jsonl.zst OUT_EXT=jsonl.zst run "clean, .zst in and out" "$threads" clean
    OUT_EXT=jsonl.gz run "clean, .gz out" "$threads" clean
    IN=corpus.trad.jsonl BYTES=$trad_bytes run "clean, traditional script" "$threads" clean
    IN=corpus.trad.jsonl BYTES=$trad_bytes run "dedup, traditional script" "$threads" dedup
    if [ -n "$real_pages" ]; then
      IN=real.jsonl BYTES=$real_bytes RECORDS=$real_lines run "clean, real pages" "$threads" clean
    fi
  done
done
for threads in 1 "$threads_all"; do
  for label in "${labels[@]}"; do row "$label" "$threads"; done
done
echo
for label in "${labels[@]}"; do
  ext=jsonl
  case "$label" in *zst*) ext=jsonl.zst ;; *gz*) ext=jsonl.gz ;; esac
  if cmp -s "$work/out.$label.1.$ext" "$work/out.$label.$threads_all.$ext"; then
    echo "- \`$label\`: output at 1 and $threads_all threads is byte-identical."
  else
    echo "- \`$label\`: OUTPUT DIFFERS between 1 and $threads_all threads."
  fi
done
