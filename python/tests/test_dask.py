"""The Dask run drops exactly what `newsclean clean --dedup` drops, keeps the
same copies and writes the same index, under every keep policy."""

import gzip
import json
import os
import shutil
import socket
import subprocess
import sys
import time

import distributed  # installed by scripts/install-deps.sh: a missing one fails, never skips
import pytest

import newsclean
import newsclean.dask as nd
from conftest import run_cli


@pytest.fixture(scope="module")
def split_corpus(corpus, tmp_path_factory):
    """The corpus as three files: plain, gzip and zstd."""
    path, records = corpus
    d = tmp_path_factory.mktemp("split")
    third = len(records) // 3
    chunks = [records[:third], records[third:2 * third], records[2 * third:]]
    names = []
    for n, chunk in enumerate(chunks):
        plain = d / f"part{n}.jsonl"
        with open(plain, "w", encoding="utf-8") as f:
            for r in chunk:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        names.append(str(plain))
    with open(names[1], "rb") as f, gzip.open(names[1] + ".gz", "wb") as g:
        g.write(f.read())
    subprocess.run(["zstd", "-q", "-f", names[2]], check=True)
    return [names[0], names[1] + ".gz", names[2] + ".zst"]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=3, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    yield c
    c.close()
    cluster.close()


def read_outputs(paths):
    out = b""
    for p in paths:
        if p.endswith(".gz"):
            out += gzip.open(p).read()
        elif p.endswith(".zst"):
            out += subprocess.run(["zstd", "-dcq", p], check=True, capture_output=True).stdout
        else:
            out += open(p, "rb").read()
    return out


def cli_run(cli, files, out, *flags):
    r = run_cli(cli, "clean", "--dedup", "--threads", "1", *flags, *files, "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


@pytest.mark.parametrize("keep", ["first", "longest", "earliest"])
def test_dask_equals_the_cli_for_every_keep_policy(cli, split_corpus, client, tmp_path, keep):
    expected = cli_run(cli, split_corpus, tmp_path / "cli.jsonl", "--keep", keep)
    report = nd.run(split_corpus, str(tmp_path / "out"), keep=keep, client=client)
    assert read_outputs(report["outputs"]) == expected
    dropped = report["dropped"]
    assert dropped.get("exact-duplicate", 0) + dropped.get("near-duplicate", 0) > 20
    assert report["documents_in"] == 400
    assert not [f for f in os.listdir(tmp_path / "out") if f.startswith(".")]  # no part files


def test_dask_with_an_existing_index_updates_it_as_the_cli_does(cli, split_corpus, client,
                                                                tmp_path):
    seen = tmp_path / "seen.idx"
    r = run_cli(cli, "dedup", "--index", str(seen), split_corpus[0], "-o", str(tmp_path / "d0"))
    assert r.returncode == 0, r.stderr
    shutil.copy(seen, tmp_path / "dask.idx")
    expected = cli_run(cli, split_corpus[1:], tmp_path / "cli.jsonl", "--keep", "longest",
                       "--index", str(seen))
    report = nd.run(split_corpus[1:], str(tmp_path / "out"), keep="longest",
                    index=str(tmp_path / "dask.idx"), client=client)
    assert read_outputs(report["outputs"]) == expected
    assert report["dedup"]["index_documents_loaded"] > 0
    assert (tmp_path / "dask.idx").read_bytes() == seen.read_bytes()
    # A new index is created as the CLI would create it.
    expected = cli_run(cli, split_corpus, tmp_path / "cli2.jsonl", "--index",
                       str(tmp_path / "cli-new.idx"))
    report = nd.run(split_corpus, str(tmp_path / "out2"), index=str(tmp_path / "dask-new.idx"),
                    client=client)
    assert read_outputs(report["outputs"]) == expected
    assert (tmp_path / "dask-new.idx").read_bytes() == (tmp_path / "cli-new.idx").read_bytes()


def test_dedup_without_cleaning_equals_cli_dedup(cli, split_corpus, client, tmp_path):
    r = run_cli(cli, "dedup", "--threads", "1", *split_corpus, "-o", str(tmp_path / "cli.jsonl"))
    assert r.returncode == 0, r.stderr
    report = nd.run(split_corpus, str(tmp_path / "out"), clean=False, client=client)
    assert read_outputs(report["outputs"]) == (tmp_path / "cli.jsonl").read_bytes()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler_address():
    """A scheduler and two workers started as separate processes on 127.0.0.1, as
    on a cluster of machines."""
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host",
                               "127.0.0.1", "--port", str(port), "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "2",
             "--nthreads", "1", "--no-dashboard"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL))
        with distributed.Client(address, timeout=60) as c:
            c.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait(timeout=30)


@pytest.mark.parametrize("keep", ["first", "longest", "earliest"])
def test_scheduler_and_workers_as_separate_processes(cli, split_corpus, tmp_path,
                                                     scheduler_address, keep):
    expected = cli_run(cli, split_corpus, tmp_path / "cli.jsonl", "--keep", keep)
    out = subprocess.run([sys.executable, "-m", "newsclean.dask", str(tmp_path / "out"),
                          *split_corpus, "--keep", keep, "--scheduler", scheduler_address,
                          "--report", str(tmp_path / "report.json")],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["workers"] == 2
    assert read_outputs(report["outputs"]) == expected


def test_a_worker_that_dies_mid_run_is_replaced_and_the_result_is_still_exact(
        cli, split_corpus, tmp_path, monkeypatch):
    marker = tmp_path / "died"
    monkeypatch.setenv("NEWSCLEAN_DASK_FAULT_ONCE", str(marker))  # inherited by the workers
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                       dashboard_address=None)
    c = distributed.Client(cluster)
    try:
        expected = cli_run(cli, split_corpus, tmp_path / "cli.jsonl")
        report = nd.run(split_corpus, str(tmp_path / "out"), client=c)
        assert marker.exists()  # a worker did die
        assert read_outputs(report["outputs"]) == expected
    finally:
        c.close()
        cluster.close()


def test_errors_name_the_file_and_exit_2(tmp_path, split_corpus):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "正文"}\n{"id": "b", "text": \n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "newsclean.dask", str(tmp_path / "out"),
                          str(bad), "--workers", "1"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "bad.jsonl:2" in out.stderr
    assert not (tmp_path / "out" / "bad.jsonl").exists()
    assert not [f for f in os.listdir(tmp_path / "out") if f.startswith(".")]
    out = subprocess.run([sys.executable, "-m", "newsclean.dask", str(tmp_path / "out"),
                          str(tmp_path / "missing.jsonl")], capture_output=True, text=True)
    assert out.returncode == 2 and "missing.jsonl" in out.stderr
    with pytest.raises(ValueError):
        nd.run(split_corpus, str(tmp_path / "o"), keep="shortest")


def test_an_index_in_use_is_refused(split_corpus, client, tmp_path):
    index = str(tmp_path / "busy.idx")
    held = newsclean._newsclean._IndexLock(index)  # as a CLI run on it would hold it
    with pytest.raises(newsclean.Error) as e:
        nd.run(split_corpus, str(tmp_path / "out"), index=index, client=client)
    assert "busy.idx" in str(e.value)
    assert not (tmp_path / "out").exists()
    del held
    report = nd.run(split_corpus, str(tmp_path / "out"), index=index, client=client)
    assert os.path.exists(index) and report["documents_in"] == 400


def test_skipped_records_are_counted_as_the_cli_counts_them(cli, split_corpus, client, tmp_path):
    bad = tmp_path / "bad.jsonl"
    with open(split_corpus[0], encoding="utf-8") as f:
        lines = f.readlines()[:40]
    lines.insert(7, '{"id": "broken", "text": \n')
    bad.write_text("".join(lines), encoding="utf-8")
    expected = cli_run(cli, [str(bad)], tmp_path / "cli.jsonl", "--on-error", "skip")
    report = nd.run([str(bad)], str(tmp_path / "out"), skip_bad_records=True, client=client)
    assert read_outputs(report["outputs"]) == expected
    assert report["skipped"] == 1 and report["documents_in"] == 41
    with pytest.raises(newsclean.Error) as e:  # without skipping: an error naming file:line
        nd.run([str(bad)], str(tmp_path / "out2"), client=client)
    assert "bad.jsonl:8" in str(e.value)


def test_inputs_with_one_file_name_are_refused(split_corpus, tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        shutil.copy(split_corpus[0], tmp_path / d / "same.jsonl")
    with pytest.raises(ValueError) as e:
        nd.run([str(tmp_path / "a"), str(tmp_path / "b")], str(tmp_path / "out"))
    assert "same name" in str(e.value)
