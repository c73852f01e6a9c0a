"""newsclean on a Dask ``distributed`` cluster: ``clean --dedup`` past one machine.

    python3 -m newsclean.dask OUT_DIR FILE... [--keep longest] [--index seen.idx]
                                             [--scheduler tcp://HOST:8786]

or, from Python, :func:`run`. The result is exactly that of
``newsclean clean --dedup`` (``dedup`` with ``clean=False``) on the same files in
the same order: the same documents dropped, the same copy of each duplicate
group kept, under every keep policy and with an existing index, which is
updated in the CLI's format, byte for byte. Output is one cleaned file per input
file (``OUT_DIR/<input's name>``, compressed by its extension), each written
atomically.

How it stays exact. The CLI decides documents one at a time in input order,
comparing each only with documents kept so far that share an LSH band key with
it (or have its exact hash, which implies sharing every key). So a document's
decision depends only on the documents it is connected to through shared band
keys, directly or through others; documents in different connected components
can never meet and are decided independently. The run:

1. *clean* (a task per file, on the workers): read, clean and fingerprint the
   file; write the survivors to a part file next to the output (a dot-file);
   keep the fingerprints on the worker.
2. *shuffle band keys*: each file's band keys go, by ``key % P`` (integers
   only: Dask 2022.12 groups string keys wrongly across processes, whose
   string hashes are seeded differently), to P tasks that turn shared keys into
   edges between documents (global ordinals: file number << 32 | row).
3. *components* (on the client): union-find over the edges alone, vectorised
   (hooking and pointer jumping); a document in no edge is a component of one,
   kept without deciding.
4. *decide*: the fingerprints of the documents in components of two or more
   move to P decision tasks, by component; each decides its components one by
   one, each in a fresh index holding that component's documents of the
   existing index, in input order, exactly as the CLI would.
5. *write*: each file's task copies the kept lines of its part file to the
   output. The updated index (existing documents, then every document kept
   when it came, in input order) is saved only after every output is written.

Only fingerprints move between tasks (band keys, then the packed signature, the
exact hash, the id and the date of documents that have a possible duplicate);
the report gives the bytes moved per document. A worker that dies is replaced
by Dask and its tasks run again: every task is a pure function of its inputs,
and the part files are rewritten whole.
"""

from __future__ import annotations

import argparse
import json
import operator
import os
import sys
import time
from typing import Any, Dict, List, Optional, Sequence

import numpy as np

from newsclean import _newsclean as _nc

_ROW_BITS = 32
_ROW_MASK = (1 << _ROW_BITS) - 1


# --- Tasks (run on the workers; pure functions of their arguments) -----------


_cleaners: Dict[str, Any] = {}


def _cleaner(options):
    """One Cleaner per worker process and options: building one compiles every
    rule (about 0.1 s), which a task per file should not pay each time."""
    if options is None:
        return None
    key = json.dumps(options, sort_keys=True)
    if key not in _cleaners:
        _cleaners[key] = _nc.Cleaner(**options)
    return _cleaners[key]


def _clean_task(path, part_path, cleaner_options, dedup, text_field, skip_bad_records):
    _fault_once()
    return _nc._clean_file(path, part_path, _cleaner(cleaner_options), dedup, text_field,
                           skip_bad_records)


def _fault_once():
    """Fault injection for the tests: with NEWSCLEAN_DASK_FAULT_ONCE=PATH in the
    workers' environment, the first task to create PATH kills its worker
    process, as a machine that dies mid-run would."""
    marker = os.environ.get("NEWSCLEAN_DASK_FAULT_ONCE")
    if not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return
    os.close(fd)
    os._exit(1)


def _ordinals(file_no: int, n: int) -> np.ndarray:
    return (np.int64(file_no) << _ROW_BITS) | np.arange(n, dtype=np.int64)


def _bucket_task(result, file_no, partitions):
    """(band key, ordinal) pairs of a file, split into `partitions` buckets."""
    empty, _, _, keys, _ = result["fingerprints"].arrays
    ords = _ordinals(file_no, len(empty))[~empty]
    keys = keys[~empty]
    flat_keys = keys.reshape(-1)
    flat_ords = np.repeat(ords, keys.shape[1]) if keys.size else np.zeros(0, np.int64)
    bucket = (flat_keys % np.uint64(partitions)).astype(np.int64)
    order = np.argsort(bucket, kind="stable")
    bounds = np.searchsorted(bucket[order], np.arange(partitions + 1))
    return [
        (flat_keys[order[bounds[p]:bounds[p + 1]]], flat_ords[order[bounds[p]:bounds[p + 1]]])
        for p in range(partitions)
    ]


def _edges_task(*buckets):
    """Edges between documents that share a band key: each key's documents
    chained in ordinal order (enough for connectivity), without repeats."""
    keys = np.concatenate([b[0] for b in buckets]) if buckets else np.zeros(0, np.uint64)
    ords = np.concatenate([b[1] for b in buckets]) if buckets else np.zeros(0, np.int64)
    if keys.size < 2:
        return np.zeros((0, 2), np.int64), int(keys.nbytes + ords.nbytes)
    order = np.lexsort((ords, keys))
    keys, ords = keys[order], ords[order]
    same = (keys[1:] == keys[:-1]) & (ords[1:] != ords[:-1])
    edges = np.stack([ords[:-1][same], ords[1:][same]], axis=1)
    if len(edges):
        edges = np.unique(edges, axis=0)
    return edges, int(keys.nbytes + ords.nbytes)


def _rows_task(result, file_no, rows, comps, partitions):
    """The fingerprints of this file's documents that have a possible
    duplicate, split by decision partition (of their component)."""
    out = []
    part_of = (comps * np.int64(0x9E3779B1) & np.int64(0x7FFFFFFF)) % partitions
    fps, ids, dates = result["fingerprints"], result["ids"], result["dates"]
    for p in range(partitions):
        sel = np.nonzero(part_of == p)[0]
        r = rows[sel]
        out.append({
            "ordinals": (np.int64(file_no) << _ROW_BITS) | r,
            "comps": comps[sel],
            "fingerprints": fps.select(r.tolist()),
            "ids": [ids[i] for i in r],
            "dates": [dates[i] for i in r],
        })
    return out


def _decide_task(dedup, *payloads):
    """Decides every component given, each in an index of its own."""
    payloads = [p for p in payloads if len(p["ordinals"])]
    if not payloads:
        return {"ordinals": np.zeros(0, np.int64), "duplicate": np.zeros(0, bool),
                "exact": np.zeros(0, bool), "inserted": np.zeros(0, bool), "resolved_ids": {},
                "bytes": 0}
    ords = np.concatenate([p["ordinals"] for p in payloads])
    comps = np.concatenate([p["comps"] for p in payloads])
    fps = _nc.Fingerprints.concat([p["fingerprints"] for p in payloads])
    ids = [i for p in payloads for i in p["ids"]]
    dates = [d for p in payloads for d in p["dates"]]
    moved = sum(p["fingerprints"].nbytes + p["ordinals"].nbytes
                + p["comps"].nbytes + sum(len(i) for i in p["ids"]) for p in payloads)
    order = np.lexsort((ords, comps))
    duplicate = np.zeros(len(ords), bool)
    exact = np.zeros(len(ords), bool)
    inserted = np.zeros(len(ords), bool)
    # The id an index file gives an inserted document that a preferred copy
    # superseded: the id of that copy (what the index resolves it to).
    resolved_ids = {}
    starts = np.flatnonzero(np.r_[True, comps[order][1:] != comps[order][:-1], True])
    for a, b in zip(starts[:-1], starts[1:]):
        members = order[a:b]
        loaded = [int(i) for i in members if (ords[i] >> _ROW_BITS) == 0]
        fresh = [int(i) for i in members if (ords[i] >> _ROW_BITS) != 0]
        index = _nc.DedupIndex(**dedup)
        if loaded:
            index.add_loaded(fps.select(loaded), [ids[i] for i in loaded])
        decisions = index.decide(fps.select(fresh), [ids[i] for i in fresh],
                                 dates=[dates[i] for i in fresh])
        for i, d, v in zip(fresh, decisions, index.verdicts(decisions)):
            duplicate[i] = v.duplicate
            exact[i] = v.duplicate and v.exact
            inserted[i] = d.inserted is not None
            if inserted[i] and v.duplicate:
                resolved_ids[int(ords[i])] = v.of_id
        for i in loaded:
            inserted[i] = False  # already in the index
    return {"ordinals": ords, "duplicate": duplicate, "exact": exact, "inserted": inserted,
            "resolved_ids": resolved_ids, "bytes": int(moved)}


def _inserted_task(result, rows):
    return result["fingerprints"].select(rows.tolist()), [result["ids"][i] for i in rows]


def _write_task(part_path, out_path, drop):
    _nc._write_survivors(part_path, out_path, drop.tolist())
    return out_path


def _remove(path):
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


# --- Components (on the client) ------------------------------------------------


def _components(edges: np.ndarray):
    """(nodes, component of each node): nodes are the ordinals in any edge,
    sorted; a component is named by its smallest ordinal."""
    if len(edges) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    nodes = np.unique(edges)
    u = np.searchsorted(nodes, edges[:, 0])
    v = np.searchsorted(nodes, edges[:, 1])
    label = np.arange(len(nodes))
    while True:
        lu, lv = label[u], label[v]
        low = np.minimum(lu, lv)
        hooked = label.copy()
        np.minimum.at(hooked, lu, low)
        np.minimum.at(hooked, lv, low)
        while True:  # pointer jumping: every node to its root
            jumped = hooked[hooked]
            if np.array_equal(jumped, hooked):
                break
            hooked = jumped
        if np.array_equal(hooked, label):
            break
        label = hooked
    return nodes, nodes[label]


# --- The run -----------------------------------------------------------------------


def _log(progress, message):
    if progress:
        print(f"newsclean.dask: {message}", file=sys.stderr, flush=True)


def run(
    inputs: Sequence[str],
    output_dir: str,
    *,
    clean: bool = True,
    cleaner: Optional[_nc.Cleaner] = None,
    keep: str = "first",
    threshold: float = 0.8,
    num_perm: int = 128,
    ngram: int = 4,
    seed: int = 0,
    date_field: str = "date",
    index: Optional[str] = None,
    text_field: str = "text",
    skip_bad_records: bool = False,
    client: Any = None,
    scheduler: Optional[str] = None,
    n_workers: Optional[int] = None,
    partitions: Optional[int] = None,
    progress: bool = False,
) -> Dict[str, Any]:
    """Cleans (unless ``clean=False``) and de-duplicates JSONL ``inputs`` (files
    or directories, plain, gz, bz2, xz or zst) into ``output_dir``, one output
    file per input file, with the result of ``newsclean clean --dedup`` on the
    same inputs. ``index``: an index file read first and updated (created when
    missing), as the CLI's ``--index``. ``client``: a ``distributed.Client``;
    else ``scheduler`` (an address) or a ``LocalCluster`` of ``n_workers``
    processes. Returns the run's report as a dict."""
    started = time.monotonic()
    times: Dict[str, float] = {}
    dedup = {"threshold": threshold, "num_perm": num_perm, "ngram": ngram, "seed": seed,
             "keep": keep, "date_field": date_field}
    probe = _nc.DedupIndex(**dedup)  # options checked here, before any work
    files = _nc._expand_inputs(list(inputs))
    # One run at a time on an index, as the CLI: held from before it is read
    # until after the updated one is renamed into place.
    lock = _nc._IndexLock(index) if index else None
    os.makedirs(output_dir, exist_ok=True)
    outputs = [os.path.join(output_dir, os.path.basename(f)) for f in files]
    if len(set(outputs)) != len(outputs):
        raise ValueError("two input files have the same name: outputs would collide")
    for f, o in zip(files, outputs):
        if os.path.exists(o) and os.path.samefile(f, o):
            raise ValueError(f"{o}: the output would overwrite its input")
    parts = [os.path.join(output_dir, "." + os.path.basename(f) + ".newsclean-part")
             for f in files]
    if clean and cleaner is None:
        cleaner = _nc.Cleaner()
    if not clean:
        cleaner = None

    own = []  # what this run started, closed at the end whatever happens
    try:
        t = time.monotonic()
        if client is None:
            from distributed import Client, LocalCluster

            if scheduler:
                client = Client(scheduler)
            else:
                cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1,
                                       threads_per_worker=1, processes=True,
                                       dashboard_address=None)
                own.append(cluster)
                client = Client(cluster)
            own.insert(0, client)
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        partitions = partitions or max(1, 2 * workers)
        times["start"] = time.monotonic() - t

        # 1. Clean and fingerprint each file on the workers.
        t = time.monotonic()
        cleaner_options = cleaner.options if cleaner is not None else None
        cleaned = client.map(_clean_task, files, parts, [cleaner_options] * len(files),
                             [dedup] * len(files), [text_field] * len(files),
                             [skip_bad_records] * len(files), pure=False)
        summaries = client.gather(client.map(
            lambda r: {**{k: v for k, v in r.items() if k not in ("fingerprints", "ids", "dates")},
                       "empty": r["fingerprints"].empty},
            cleaned))
        times["clean"] = time.monotonic() - t
        written = [s["written"] for s in summaries]
        _log(progress, f"cleaned {len(files)} files, {sum(written)} documents "
                       f"({times['clean']:.1f} s)")

        # The existing index, as file number 0.
        sources = list(cleaned)
        loaded_ids: List[str] = []
        if index and os.path.exists(index):
            existing = _nc.DedupIndex(path=index, **dedup)
            fps0, loaded_ids = existing.indexed()
        else:
            fps0 = _nc.Fingerprints.concat([])
        loaded = {"fingerprints": fps0, "ids": loaded_ids, "dates": [None] * len(loaded_ids)}
        # scatter() takes a dict as a mapping of keys to data: the payload goes in a list.
        sources.insert(0, client.scatter([loaded])[0])

        # 2. Band keys to P tasks, which return the edges.
        t = time.monotonic()
        buckets = [client.submit(_bucket_task, s, n, partitions, pure=False)
                   for n, s in enumerate(sources)]
        edge_futures = [
            client.submit(_edges_task,
                          *[client.submit(operator.getitem, b, p, pure=False) for b in buckets],
                          pure=False)
            for p in range(partitions)
        ]
        edge_results = client.gather(edge_futures)
        edges = np.concatenate([e for e, _ in edge_results]) if edge_results else np.zeros((0, 2))
        moved = sum(b for _, b in edge_results)
        times["shuffle"] = time.monotonic() - t

        # 3. Components.
        t = time.monotonic()
        nodes, comps = _components(edges.astype(np.int64))
        times["components"] = time.monotonic() - t
        _log(progress, f"{len(edges)} edges, {len(nodes)} documents with a possible duplicate "
                       f"({times['shuffle'] + times['components']:.1f} s)")

        # 4. Decide the components.
        t = time.monotonic()
        file_of = nodes >> _ROW_BITS
        rows_futures = []
        for n, s in enumerate(sources):
            sel = file_of == n
            rows_futures.append(client.submit(_rows_task, s, n, nodes[sel] & _ROW_MASK,
                                              comps[sel], partitions, pure=False))
        decided = client.gather([
            client.submit(_decide_task, dedup,
                          *[client.submit(operator.getitem, r, p, pure=False)
                            for r in rows_futures], pure=False)
            for p in range(partitions)
        ])
        moved += sum(d["bytes"] for d in decided)
        times["decide"] = time.monotonic() - t

        drop = [np.zeros(w, bool) for w in written]
        inserted = [np.ones(w, bool) for w in written]
        exact_count = near_count = 0
        resolved_ids: Dict[int, str] = {}
        for d in decided:
            resolved_ids.update(d["resolved_ids"])
            for o, dup, ex, ins in zip(d["ordinals"], d["duplicate"], d["exact"], d["inserted"]):
                n, row = int(o >> _ROW_BITS), int(o & _ROW_MASK)
                if n == 0:
                    continue
                drop[n - 1][row] = dup
                inserted[n - 1][row] = ins
                if dup:
                    exact_count += int(ex)
                    near_count += int(not ex)

        # 5. The updated index (saved to a temporary first), then the outputs.
        t = time.monotonic()
        index_temp = None
        if index:
            updated = _nc.DedupIndex(path=index, **dedup) if os.path.exists(index) \
                else _nc.DedupIndex(**dedup)
            for n, c in enumerate(cleaned):
                rows = np.flatnonzero(inserted[n] & ~summaries[n]["empty"])
                fps, ids = client.submit(_inserted_task, c, rows, pure=False).result()
                moved += fps.nbytes + sum(len(i) for i in ids)
                base = np.int64(n + 1) << _ROW_BITS
                ids = [resolved_ids.get(int(base | r), i) for r, i in zip(rows, ids)]
                updated.add_loaded(fps, ids)
            index_temp = os.path.join(os.path.dirname(os.path.abspath(index)),
                                      "." + os.path.basename(index) + ".newsclean-tmp")
            updated.save(index_temp)
        client.gather(client.map(_write_task, parts, outputs, drop, pure=False))
        if index_temp:
            os.replace(index_temp, index)
        times["write"] = time.monotonic() - t
    except BaseException:
        for p in parts:
            _remove(p)
        raise
    finally:
        for o in own:
            o.close()
        del lock

    documents = sum(written)
    dropped: Dict[str, int] = {}
    for s in summaries:
        for reason, count in s["dropped"].items():
            dropped[reason] = dropped.get(reason, 0) + count
    if exact_count:
        dropped["exact-duplicate"] = exact_count
    if near_count:
        dropped["near-duplicate"] = near_count
    records = sum(s["records"] for s in summaries)
    report = {
        "files": len(files),
        "outputs": outputs,
        "documents_in": records,
        "documents_out": documents - exact_count - near_count,
        "dropped": dropped,
        "skipped": sum(s["skipped"] for s in summaries),
        "bytes_in": sum(s["bytes_in"] for s in summaries),
        "dedup": {"keep": keep, "threshold": threshold, "name": probe.name,
                  "lsh_bands": probe.lsh_params[0], "lsh_rows": probe.lsh_params[1],
                  "index_documents_loaded": len(loaded_ids),
                  "documents_with_possible_duplicate": int(len(nodes)),
                  "edges": int(len(edges))},
        "workers": workers,
        "partitions": partitions,
        "bytes_moved": int(moved),
        "bytes_moved_per_document": round(moved / documents, 1) if documents else 0.0,
        "seconds": {k: round(v, 3) for k, v in times.items()},
    }
    report["seconds"]["total"] = round(time.monotonic() - started, 3)
    assert report["documents_in"] == report["documents_out"] + sum(dropped.values()) + \
        report["skipped"]
    return report


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python3 -m newsclean.dask",
        description="Clean and de-duplicate JSONL files on a Dask cluster, with the result of "
                    "`newsclean clean --dedup` on the same files in the same order. Exit status: "
                    "0 success, 2 usage, input or I/O error.")
    parser.add_argument("output_dir", help="Directory for the outputs, one per input file")
    parser.add_argument("inputs", nargs="+", help="JSONL files or directories (plain, gz, zst...)")
    parser.add_argument("--no-clean", action="store_true", help="Only de-duplicate (`dedup`)")
    parser.add_argument("--keep", default="first", choices=["first", "longest", "earliest"])
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--ngram", type=int, default=4)
    parser.add_argument("--date-field", default="date")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--index", help="Index file: read first, updated at the end")
    parser.add_argument("--disable", action="append", default=[], help="Rules to switch off")
    parser.add_argument("--rules", action="append", default=[], help="Rule files")
    parser.add_argument("--on-error", choices=["fail", "skip"], default="fail")
    parser.add_argument("--scheduler", help="Address of a running scheduler (tcp://HOST:8786)")
    parser.add_argument("--workers", type=int, help="LocalCluster worker processes (all cores)")
    parser.add_argument("--partitions", type=int, help="Shuffle partitions (2 per worker)")
    parser.add_argument("--report", help="Write the JSON report here ('-': stderr)")
    args = parser.parse_args(argv)
    try:
        cleaner = None if args.no_clean else _nc.Cleaner(
            disabled_rules=[r for d in args.disable for r in d.split(",")], rule_files=args.rules)
        report = run(args.inputs, args.output_dir, clean=not args.no_clean, cleaner=cleaner,
                     keep=args.keep, threshold=args.threshold, num_perm=args.num_perm,
                     ngram=args.ngram, date_field=args.date_field, index=args.index,
                     text_field=args.text_field, skip_bad_records=args.on_error == "skip",
                     scheduler=args.scheduler, n_workers=args.workers,
                     partitions=args.partitions, progress=sys.stderr.isatty())
    except (ValueError, OSError, _nc.Error) as e:
        print(f"newsclean.dask: {e}", file=sys.stderr)
        return 2
    text = json.dumps(report, indent=2, ensure_ascii=False)
    if args.report == "-":
        print(text, file=sys.stderr)
    elif args.report:
        with open(args.report, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
