"""Shared fixtures: the CLI built next to the module, the bundled seeds, and a
generated corpus with planted duplicates (and dates, for keep='earliest')."""

import json
import os
import random
import subprocess

import pytest


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("NEWSCLEAN_CLI")
    if not path or not os.path.exists(path):
        pytest.fail("NEWSCLEAN_CLI must name the built newsclean binary (ctest sets it)")
    return path


@pytest.fixture(scope="session")
def seeds():
    path = os.path.join(os.environ["NEWSCLEAN_FIXTURES"], "seeds.jsonl")
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory):
    """400 generated records with planted exact and near duplicates, each with
    a date (some missing) so that every keep policy has something to decide."""
    tool = os.environ["NEWSCLEAN_CORPUS_TOOL"]
    d = tmp_path_factory.mktemp("corpus")
    raw = d / "raw.jsonl"
    subprocess.run([tool, "gen", "--fixtures", os.environ["NEWSCLEAN_FIXTURES"], "--docs", "400",
                    "--seed", "7", "-o", str(raw)], check=True)
    rng = random.Random(7)
    records = []
    with open(raw, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if rng.random() < 0.9:
                r["date"] = "2022-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
            records.append(r)
    path = d / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return str(path), records


def run_cli(cli, *args):
    return subprocess.run([cli, *args], capture_output=True, text=True)
