"""The module and the CLI give the same results and share the index format."""

import json
import subprocess

import pytest

import newsclean
from conftest import run_cli


def test_clean_batch_gives_the_clis_cleaned_texts(cli, corpus, tmp_path):
    path, records = corpus
    out = tmp_path / "out.jsonl"
    r = run_cli(cli, "clean", "--threads", "1", path, "-o", str(out))
    assert r.returncode == 0, r.stderr
    with open(out, encoding="utf-8") as f:
        cli_texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in f}
    results = newsclean.Cleaner().clean_batch([rec["text"] for rec in records])
    py_texts = {rec["id"]: res.text for rec, res in zip(records, results) if not res.dropped}
    assert py_texts == cli_texts


def cli_duplicates(cli, path, tmp_path, *flags):
    """{id: id of the kept copy} for every duplicate `dedup --mode annotate` marks."""
    out = tmp_path / "annotated.jsonl"
    r = run_cli(cli, "dedup", "--mode", "annotate", "--threads", "1", *flags, path, "-o", str(out))
    assert r.returncode == 0, r.stderr
    marks = {}
    with open(out, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if "newsclean_duplicate" in rec:
                marks[rec["id"]] = rec["newsclean_duplicate"]["of"]
    return marks


@pytest.mark.parametrize("keep", ["first", "longest", "earliest"])
def test_index_decides_as_the_cli_does_under_every_keep_policy(cli, corpus, tmp_path, keep):
    path, records = corpus
    expected = cli_duplicates(cli, path, tmp_path, "--keep", keep)
    assert len(expected) > 20  # the corpus has planted duplicates
    index = newsclean.DedupIndex(keep=keep)
    fps = index.fingerprints([r["text"] for r in records])
    decisions = index.decide(fps, [r["id"] for r in records],
                             dates=[r.get("date") for r in records])
    got = {r["id"]: v.of_id for r, v in zip(records, index.verdicts(decisions)) if v.duplicate}
    assert got == expected


def test_an_index_made_in_python_is_read_by_the_cli_and_the_other_way(cli, corpus, tmp_path):
    path, records = corpus
    half = len(records) // 2
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    for p, part in ((first, records[:half]), (second, records[half:])):
        with open(p, "w", encoding="utf-8") as f:
            for rec in part:
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")

    # Python indexes the first half; the CLI, given that index, decides the second.
    py_index = newsclean.DedupIndex()
    py_index.decide(py_index.fingerprints([r["text"] for r in records[:half]]),
                    [r["id"] for r in records[:half]])
    index_path = tmp_path / "py.idx"
    py_index.save(str(index_path))
    with_py_index = cli_duplicates(cli, str(second), tmp_path, "--index", str(index_path))

    # The CLI indexes the first half; Python, given that index, decides the second.
    cli_index = tmp_path / "cli.idx"
    r = run_cli(cli, "dedup", "--index", str(cli_index), str(first), "-o", str(tmp_path / "o.jsonl"))
    assert r.returncode == 0, r.stderr
    assert cli_index.read_bytes() == py_index.to_bytes()  # the same index, byte for byte
    loaded = newsclean.DedupIndex(path=str(cli_index))
    verdicts = loaded.verdicts(loaded.decide(loaded.fingerprints([r["text"] for r in records[half:]]),
                                             [r["id"] for r in records[half:]]))
    from_cli_index = {r["id"]: v.of_id for r, v in zip(records[half:], verdicts) if v.duplicate}
    assert from_cli_index == with_py_index
    assert any(of in {r["id"] for r in records[:half]} for of in from_cli_index.values())
