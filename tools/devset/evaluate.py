#!/usr/bin/python3
"""Scores newsclean's cleaning on the real-page development set.

The development set (tools/devset/convert.py) holds real scraped articles; a
sample of them is labelled by hand: every piece of page furniture that must go
is listed as an exact substring of the article's text, with its kind. Anything
not listed is real text that must stay. Spans labelled "either" are ambiguous
and count neither way.

Subcommands:
  sample   print the ids of the labelling sample (per site, fixed by a hash)
  validate check label files: every span is found in its document
  export   write label files as offsets only (no third-party text), one per
           site, for tools/devset/labels/ in the repository
  score    run `newsclean clean --annotate` on the development set (or read its
           output) and report, per site: what was removed (by reason), labelled
           furniture removed and missed, and real text removed, in characters
           (whitespace is not counted: reflow only removes whitespace).

Label files are JSON Lines, one record a labelled document:
  {"id": "cna-012", "spans": [{"kind": "dateline", "text": "（中央社記者張謙香港25日電）"},
                              {"kind": "editor", "text": "（編輯：楊昇儒）1090825", "occurrence": 1}]}
"occurrence" (1-based, default 1) picks among repeated substrings; "kind" is
one of KINDS below. A record with an empty "spans" list says the document has
no furniture at all (everything must stay).

The same labels as offsets (what `export` writes; they quote nothing, so they
can be kept in the repository):
  {"id": "cna-012", "sha256": "<of the document's text, UTF-8>",
   "spans": [{"kind": "dateline", "begin": 0, "end": 42}, ...]}
byte offsets into the text's UTF-8; a document whose text no longer has that
hash is an error (the development set changed under the labels).

Standard library only; runs with Debian's /usr/bin/python3.
"""

import argparse
import collections
import hashlib
import json
import subprocess
import sys

KINDS = {
    "byline", "dateline", "source", "timestamp", "editor", "photo-credit", "caption",
    "share", "follow-prompt", "app-prompt", "related", "navigation", "pagination",
    "copyright", "disclaimer", "subscription", "ad", "markup", "script", "feedback",
    "end-marker", "print-stamp", "author-bio", "aggregator", "repeated", "gloss",
    "widget", "other", "either",
}


def load_jsonl(path):
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if line:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as e:
                    sys.exit(f"{path}:{n}: invalid JSON: {e}")


def sample_ids(devset, per_site):
    by_site = collections.defaultdict(list)
    for r in devset:
        by_site[r["site"]].append(r["id"])
    chosen = []
    for site in sorted(by_site):
        ids = sorted(by_site[site], key=lambda i: hashlib.sha1(i.encode()).hexdigest())
        chosen.extend(sorted(ids[:per_site]))
    return chosen


def span_offsets(text, span):
    """Byte range [begin, end) of the span in UTF-8 `text`, or None."""
    needle = span["text"]
    want = span.get("occurrence", 1)
    pos = -1
    for _ in range(want):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return None
    begin = len(text[:pos].encode("utf-8"))
    return begin, begin + len(needle.encode("utf-8"))


def load_labels(paths, docs):
    labels = {}
    errors = []
    for path in paths:
        for n, rec in enumerate(load_jsonl(path), 1):
            doc_id = rec.get("id")
            if doc_id not in docs:
                errors.append(f"{path}:{n}: unknown id {doc_id!r}")
                continue
            if doc_id in labels:
                errors.append(f"{path}:{n}: {doc_id} labelled twice")
            text = docs[doc_id]["text"]
            raw = text.encode("utf-8")
            if "sha256" in rec and rec["sha256"] != hashlib.sha256(raw).hexdigest():
                errors.append(f"{path}:{n}: {doc_id}: the document's text changed since labelling")
                continue
            spans = []
            for s in rec.get("spans", []):
                if s.get("kind") not in KINDS:
                    errors.append(f"{path}:{n}: {doc_id}: unknown kind {s.get('kind')!r}")
                    continue
                if "begin" in s:
                    b, e = s["begin"], s["end"]
                    if not (isinstance(b, int) and isinstance(e, int) and 0 <= b < e <= len(raw)):
                        errors.append(f"{path}:{n}: {doc_id}: bad offsets {b}..{e}")
                        continue
                    spans.append((b, e, s["kind"]))
                    continue
                if not s.get("text"):
                    errors.append(f"{path}:{n}: {doc_id}: empty span")
                    continue
                off = span_offsets(text, s)
                if off is None:
                    errors.append(f"{path}:{n}: {doc_id}: span not found: {s['text'][:40]!r}")
                    continue
                spans.append((off[0], off[1], s["kind"]))
            labels[doc_id] = spans
    return labels, errors


def export(args):
    """Writes the labels as offsets, one file per site, sorted by id."""
    import os

    docs = {r["id"]: r for r in load_jsonl(args.devset)}
    labels, errors = load_labels(args.labels, docs)
    if errors:
        sys.exit("\n".join(errors))
    os.makedirs(args.out_dir, exist_ok=True)
    by_site = collections.defaultdict(list)
    for doc_id in sorted(labels):
        raw = docs[doc_id]["text"].encode("utf-8")
        by_site[docs[doc_id]["site"]].append({
            "id": doc_id,
            "sha256": hashlib.sha256(raw).hexdigest(),
            "spans": [{"kind": k, "begin": b, "end": e} for b, e, k in sorted(labels[doc_id])],
        })
    for site, records in sorted(by_site.items()):
        with open(os.path.join(args.out_dir, f"{site}.jsonl"), "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(labels)} documents, {sum(len(s) for s in labels.values())} spans, "
          f"{len(by_site)} sites written to {args.out_dir}")


def content_mask(raw):
    """Per byte: True where the byte belongs to a non-whitespace character."""
    mask = bytearray(len(raw))
    text = raw.decode("utf-8")
    pos = 0
    for ch in text:
        n = len(ch.encode("utf-8"))
        if not ch.isspace() and ch not in "\u200b\ufeff":
            for k in range(pos, pos + n):
                mask[k] = 1
        pos += n
    return mask


def count_chars(raw, mask, ranges):
    """Non-whitespace characters of `raw` covered by the byte `ranges`."""
    covered = bytearray(len(raw))
    for b, e in ranges:
        for k in range(max(b, 0), min(e, len(raw))):
            covered[k] = 1
    n = 0
    for k, byte in enumerate(raw):
        if covered[k] and mask[k] and (byte & 0xC0) != 0x80:
            n += 1
    return n


def run_newsclean(binary, devset_path, extra):
    cmd = [binary, "clean", "--annotate", "--threads", "1", devset_path, "-o", "-"] + extra
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout.decode("utf-8")
    return [json.loads(line) for line in out.split("\n") if line.strip()]


def score(args):
    devset = list(load_jsonl(args.devset))
    docs = {r["id"]: r for r in devset}
    labels, errors = load_labels(args.labels, docs)
    for e in errors:
        print(e, file=sys.stderr)
    if errors and not args.ignore_label_errors:
        sys.exit(1)
    if args.annotated:
        cleaned = list(load_jsonl(args.annotated))
    else:
        cleaned = run_newsclean(args.binary, args.devset, args.newsclean_arg or [])
    removals_of = {}
    for rec in cleaned:
        removals_of[rec["id"]] = rec.get("newsclean", {}).get("removals", [])
    # newsclean drops documents left empty; they are absent from the output.
    site_of = {r["id"]: r["site"] for r in devset}
    per_site = collections.defaultdict(lambda: collections.Counter())
    reasons = collections.defaultdict(collections.Counter)
    wrong = collections.defaultdict(list)
    missed = collections.defaultdict(list)
    for r in devset:
        site = site_of[r["id"]]
        raw = r["text"].encode("utf-8")
        mask = content_mask(raw)
        total = sum(1 for k, b in enumerate(raw) if mask[k] and (b & 0xC0) != 0x80)
        removals = removals_of.get(r["id"])
        st = per_site[site]
        st["docs"] += 1
        st["chars"] += total
        if removals is None:
            st["dropped_docs"] += 1
            removals = [{"start": 0, "end": len(raw), "reason": "empty", "rule": "empty"}]
        rem_ranges = [(x["start"], x["end"]) for x in removals]
        removed = count_chars(raw, mask, rem_ranges)
        st["removed"] += removed
        for x in removals:
            reasons[site][x["reason"]] += count_chars(raw, mask, [(x["start"], x["end"])])
        if r["id"] not in labels:
            continue
        spans = labels[r["id"]]
        furn = [(b, e) for b, e, k in spans if k != "either"]
        either = [(b, e) for b, e, k in spans if k == "either"]
        furn_chars = count_chars(raw, mask, furn)
        either_chars = count_chars(raw, mask, either)
        both = count_chars(raw, mask, furn + either)
        removed_furn = count_chars_intersection(raw, mask, rem_ranges, furn)
        removed_any_labelled = count_chars_intersection(raw, mask, rem_ranges, furn + either)
        st["labelled_docs"] += 1
        st["labelled_chars"] += total
        st["content_chars"] += total - both
        st["furniture_chars"] += furn_chars
        st["furniture_removed"] += removed_furn
        st["content_removed"] += removed - removed_any_labelled
        st["either_chars"] += either_chars
        for x in removals:
            lost = count_chars(raw, mask, [(x["start"], x["end"])]) - count_chars_intersection(
                raw, mask, [(x["start"], x["end"])], furn + either)
            if lost > 0:
                wrong[site].append((r["id"], x["rule"], x.get("text", "")[:60]))
        for b, e, k in spans:
            if k == "either":
                continue
            left = count_chars(raw, mask, [(b, e)]) - count_chars_intersection(raw, mask, rem_ranges, [(b, e)])
            if left > 0:
                missed[site].append((r["id"], k, raw[b:e].decode("utf-8", "replace")[:60]))
    report(per_site, reasons, wrong, missed, args)


def count_chars_intersection(raw, mask, a, b):
    covered_a = bytearray(len(raw))
    for x, y in a:
        for k in range(max(x, 0), min(y, len(raw))):
            covered_a[k] = 1
    n = 0
    seen = bytearray(len(raw))
    for x, y in b:
        for k in range(max(x, 0), min(y, len(raw))):
            if covered_a[k] and mask[k] and not seen[k] and (raw[k] & 0xC0) != 0x80:
                n += 1
            seen[k] = 1
    return n


def pct(a, b, digits=1):
    return f"{100.0 * a / b:.{digits}f}%" if b else "–"


def report(per_site, reasons, wrong, missed, args):
    sites = sorted(per_site)
    tot = collections.Counter()
    print("| site | docs | labelled | chars removed | furniture (labelled) | furniture removed "
          "| recall | real text removed | of content |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for site in sites + ["all"]:
        st = tot if site == "all" else per_site[site]
        if site != "all":
            tot.update(st)
        print(f"| {site} | {st['docs']} | {st['labelled_docs']} | {st['removed']} ({pct(st['removed'], st['chars'])}) "
              f"| {st['furniture_chars']} | {st['furniture_removed']} "
              f"| {pct(st['furniture_removed'], st['furniture_chars'])} "
              f"| {st['content_removed']} | {pct(st['content_removed'], st['content_chars'], 2)} |")
    print()
    print("Removed characters by reason, per site (all documents):")
    print()
    for site in sites:
        parts = ", ".join(f"{k} {v}" for k, v in reasons[site].most_common())
        print(f"- {site}: {parts or 'nothing'}")
    if args.details:
        print("\nReal text removed (labelled sample):")
        for site in sites:
            for doc_id, rule, text in wrong[site]:
                print(f"- {doc_id} [{rule}] {text!r}")
        print("\nFurniture missed (labelled sample):")
        for site in sites:
            for doc_id, kind, text in missed[site]:
                print(f"- {doc_id} [{kind}] {text!r}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sample", help="print the labelling sample's ids")
    s.add_argument("--devset", required=True)
    s.add_argument("--per-site", type=int, default=8)
    v = sub.add_parser("validate", help="check label files against the development set")
    v.add_argument("--devset", required=True)
    v.add_argument("labels", nargs="+")
    x = sub.add_parser("export", help="write the labels as offsets only, one file per site")
    x.add_argument("--devset", required=True)
    x.add_argument("--out-dir", default="tools/devset/labels")
    x.add_argument("labels", nargs="+")
    c = sub.add_parser("score", help="score newsclean on the development set")
    c.add_argument("--devset", required=True)
    c.add_argument("--labels", nargs="*", default=[])
    c.add_argument("--binary", default="build/newsclean")
    c.add_argument("--annotated", help="read this `clean --annotate` output instead of running newsclean")
    c.add_argument("--newsclean-arg", action="append", help="extra argument for newsclean (repeatable)")
    c.add_argument("--details", action="store_true", help="list every wrong removal and missed span")
    c.add_argument("--ignore-label-errors", action="store_true")
    args = ap.parse_args()
    if args.cmd == "sample":
        for i in sample_ids(list(load_jsonl(args.devset)), args.per_site):
            print(i)
    elif args.cmd == "validate":
        docs = {r["id"]: r for r in load_jsonl(args.devset)}
        labels, errors = load_labels(args.labels, docs)
        for e in errors:
            print(e)
        print(f"{len(labels)} documents labelled, {sum(len(s) for s in labels.values())} spans, "
              f"{len(errors)} errors")
        sys.exit(1 if errors else 0)
    elif args.cmd == "export":
        export(args)
    else:
        score(args)


if __name__ == "__main__":
    main()
