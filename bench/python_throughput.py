"""Throughput of the Python module and of the Dask run, against the CLI in the
same run, on a generated corpus.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_throughput.py [BUILD_DIR] [DOCS] [ROUNDS]

Prints a Markdown table. Measured, each ROUNDS times interleaved (best shown):
  * `newsclean clean --threads 1` on the corpus (wall time, reading and writing
    included) — the reference;
  * `Cleaner.clean_batch(texts, threads=1)` on the same texts, already in
    memory (what a pipeline step calls), and the same with json.loads before
    and json.dumps after (a Python step end to end);
  * `newsclean clean --dedup` at 1 and 2 threads, and `python3 -m newsclean.dask`
    with 1 and 2 worker processes on the corpus split into 8 files (wall time
    including the cluster's start), with the bytes moved per document.
Outputs of the Dask runs are compared with the CLI's, byte for byte.
"""

import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import newsclean


def wall(cmd, **kw):
    t = time.monotonic()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, **kw)
    return time.monotonic() - t


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else "build"
    docs = int(sys.argv[2]) if len(sys.argv) > 2 else 6000
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    cli = os.path.join(build, "newsclean")
    work = tempfile.mkdtemp()
    corpus = os.path.join(work, "corpus.jsonl")
    subprocess.run([os.path.join(build, "corpus_tool"), "gen", "--fixtures", "fixtures", "--docs",
                    str(docs), "--seed", "1", "-o", corpus], check=True)
    size = os.path.getsize(corpus)
    with open(corpus, encoding="utf-8") as f:
        lines = f.readlines()
    texts = [json.loads(line)["text"] for line in lines]
    split = []
    per = (len(lines) + 7) // 8
    for n in range(8):
        p = os.path.join(work, f"part{n}.jsonl")
        with open(p, "w", encoding="utf-8") as f:
            f.writelines(lines[n * per:(n + 1) * per])
        split.append(p)

    cleaner = newsclean.Cleaner()
    best = {}
    moved = {}
    phases = {}

    def record(name, seconds):
        best[name] = min(best.get(name, float("inf")), seconds)

    for _ in range(rounds):
        record("cli clean, 1 thread", wall([cli, "clean", "--threads", "1", corpus, "-o",
                                            os.devnull]))
        t = time.monotonic()
        cleaner.clean_batch(texts, threads=1)
        record("Python clean_batch, 1 thread", time.monotonic() - t)
        t = time.monotonic()
        out = []
        for line, r in zip(lines, cleaner.clean_batch([json.loads(x)["text"] for x in lines],
                                                      threads=1)):
            if not r.dropped:
                rec = json.loads(line)
                rec["text"] = r.text
                out.append(json.dumps(rec, ensure_ascii=False))
        record("Python json + clean_batch + json, 1 thread", time.monotonic() - t)
        for threads in (1, 2):
            record(f"cli clean --dedup, {threads} thread(s)",
                   wall([cli, "clean", "--dedup", "--threads", str(threads), *split, "-o",
                         os.path.join(work, "cli.jsonl")]))
        for workers in (1, 2):
            out_dir = os.path.join(work, f"dask{workers}")
            report_path = os.path.join(work, "report.json")
            env = dict(os.environ)
            record(f"python3 -m newsclean.dask, {workers} worker(s)",
                   wall([sys.executable, "-m", "newsclean.dask", out_dir, *split, "--workers",
                         str(workers), "--report", report_path], env=env))
            with open(report_path) as f:
                report = json.load(f)
            moved[workers] = report["bytes_moved_per_document"]
            record(f"newsclean.dask, {workers} worker(s), without the cluster's start",
                   report["seconds"]["total"] - report["seconds"]["start"])
            phases[workers] = report["seconds"]
            merged = b"".join(open(p, "rb").read() for p in report["outputs"])
            if merged != open(os.path.join(work, "cli.jsonl"), "rb").read():
                sys.exit("Dask output differs from the CLI's")

    reference = best["cli clean, 1 thread"]
    dedup_reference = best["cli clean --dedup, 1 thread(s)"]
    print(f"Input: `corpus_tool gen --docs {docs} --seed 1`: {size} bytes, {len(lines)} records; "
          f"{os.cpu_count()} cores; best of {rounds} rounds, interleaved.")
    print()
    print("| run | MB/s | documents/s | wall s | vs reference | bytes moved/document |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name, seconds in best.items():
        ref = dedup_reference if ("dedup" in name or "dask" in name) else reference
        workers = int(name.split(", ")[1][0]) if "dask" in name else None
        if workers and "without" in name:
            workers = None
        print(f"| {name} | {size / seconds / 1e6:.1f} | {len(lines) / seconds:.0f} | {seconds:.2f} "
              f"| {ref / seconds:.2f}x | {moved[workers] if workers else ''} |")
    print()
    for workers, seconds in phases.items():
        print(f"Dask phases with {workers} worker(s), last round: "
              + ", ".join(f"{k} {v:.2f} s" for k, v in seconds.items()))
    print()
    print("Reference: `cli clean, 1 thread` for cleaning, `cli clean --dedup, 1 thread(s)` for "
          f"dedup. Peak RSS of this script: "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB.")


if __name__ == "__main__":
    main()
