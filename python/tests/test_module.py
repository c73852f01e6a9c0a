"""The module's API: cleaning, signatures, the index, check, errors, pickling."""

import pickle

import numpy as np
import pytest

import newsclean

GLOSSED = "黨(dang) 組織發(fā)展,國(guo) 家。"
BODY = "全市共有党员十万名,分布在各个行业,基层党组织建设稳步推进。"


def test_clean_strips_glosses_and_reports_each_removal_with_offsets():
    text = GLOSSED + "\n分享到 Facebook Twitter"
    r = newsclean.Cleaner().clean(text)
    assert r.text == "黨組織發展,國家。"
    assert r.dropped is None
    assert [m.reason for m in r.removals] == ["pinyin-gloss"] * 3 + ["share-widget"]
    encoded = text.encode("utf-8")
    for m in r.removals:
        # Code-point offsets index the str, byte offsets its UTF-8: the same text.
        assert text[m.start:m.end] == encoded[m.byte_start:m.byte_end].decode("utf-8")
        assert m.text == text[m.start:m.end]
    assert text[r.removals[0].start:r.removals[0].end] == "(dang) "


def test_real_parentheticals_stay():
    text = "世界卫生组织(WHO)发布报告,全市上下(包括各县区)认真落实,(一)总体要求。"
    r = newsclean.Cleaner().clean(text)
    assert r.text == text and r.removals == []


def test_metadata_of_removed_furniture():
    r = newsclean.Cleaner().clean("（中央社記者林某某台北3日電）" + "行政院今天通過新的預算案,將送立法院審議。")
    assert r.metadata["source"] == ["中央社"]
    assert r.metadata["date"] == ["3日"]
    assert r.metadata["byline"] == ["記者林某某台北"]
    assert r.text == "行政院今天通過新的預算案,將送立法院審議。"


def test_a_document_that_cleans_to_nothing_is_dropped():
    r = newsclean.Cleaner().clean("分享\n\n编辑:唐依婷\n")
    assert r.dropped == "empty" and r.text == ""


def test_clean_batch_equals_clean_for_any_thread_count(seeds):
    cleaner = newsclean.Cleaner()
    texts = [s["text"] for s in seeds] * 3
    one = [cleaner.clean(t) for t in texts]
    for threads in (1, 2, 0):
        batch = cleaner.clean_batch(texts, threads=threads)
        assert [b.text for b in batch] == [o.text for o in one]
        assert [[(m.rule, m.start, m.end) for m in b.removals] for b in batch] == [
            [(m.rule, m.start, m.end) for m in o.removals] for o in one
        ]


def test_rules_options_and_rule_texts():
    cleaner = newsclean.Cleaner(rule_texts=["line site-footer page-furniture ^本站声明.*$\n"])
    rules = {r["name"]: r for r in cleaner.rules}
    assert rules["site-footer"]["origin"] == "rule_texts[0]:1"
    assert rules["share-widget"]["enabled"] is True
    r = cleaner.clean(BODY + "\n本站声明:转载请注明出处")
    assert r.text == BODY
    assert [m.rule for m in r.removals] == ["site-footer"]
    share = BODY + "\n分享到 Facebook Twitter"
    assert [m.rule for m in cleaner.clean(share).removals] == ["share-widget"]
    disabled = newsclean.Cleaner(disabled_rules=["share-widget"])
    assert {r["name"]: r for r in disabled.rules}["share-widget"]["enabled"] is False
    assert "share-widget" not in [m.rule for m in disabled.clean(share).removals]


def test_explain_marks_removals():
    out = newsclean.Cleaner().explain(GLOSSED)
    assert "[-pinyin-gloss: (dang) -]" in out


def test_errors_are_python_exceptions_with_the_librarys_message(tmp_path):
    with pytest.raises(ValueError) as e:
        newsclean.Cleaner(disabled_rules=["no-such-rule"])
    assert "no rule named 'no-such-rule'" in str(e.value)
    with pytest.raises(FileNotFoundError):
        newsclean.Cleaner(rule_files=[str(tmp_path / "missing.rules")])
    with pytest.raises(ValueError) as e:
        newsclean.DedupIndex(threshold=1.5)
    assert e.value.option == "threshold"
    with pytest.raises(ValueError):
        newsclean.DedupIndex(keep="shortest")
    with pytest.raises(ValueError):
        newsclean.MinHasher(num_perm=0)
    with pytest.raises(newsclean.Error):
        newsclean.DedupIndex.from_bytes(b"not an index")
    damaged = tmp_path / "damaged.idx"
    damaged.write_bytes(b"NEWSCLEAN" + b"\0" * 64)
    with pytest.raises(newsclean.Error):
        newsclean.DedupIndex(path=str(damaged))
    with pytest.raises(ValueError):
        newsclean.check(["a"], files=["b"])


def test_signatures_are_a_uint32_matrix():
    hasher = newsclean.MinHasher(num_perm=64, ngram=4)
    sigs = hasher.signatures([BODY, BODY + "有", "完全不同的另一篇文章内容,讲的是天气和交通。", ""])
    assert sigs.dtype == np.uint32 and sigs.shape == (4, 64)
    assert (sigs[0] == hasher.signatures([BODY], threads=1)[0]).all()
    assert (sigs[3] == 0xFFFFFFFF).all()  # empty matching view
    assert newsclean.MinHasher.estimate_jaccard(sigs[0], sigs[1]) > 0.8
    assert newsclean.MinHasher.estimate_jaccard(sigs[0], sigs[2]) < 0.2
    assert hasher.name.startswith("minhash-v1") and "k64" in hasher.name


def test_index_decides_queries_and_keeps_by_policy():
    short, longer = BODY, BODY + "今年新发展党员三百名。"
    other = "台风今天下午在沿海登陆,多地发布暴雨预警,交通部门提醒市民注意出行安全。"
    for keep, kept in (("first", "a"), ("longest", "b")):
        index = newsclean.DedupIndex(keep=keep, threshold=0.5)
        fps = index.fingerprints([short, longer, other, short])
        decisions = index.decide(fps, ["a", "b", "c", "d"])
        verdicts = index.verdicts(decisions)
        dropped = {i: v.of_id for i, v in zip("abcd", verdicts) if v.duplicate}
        assert dropped == {x: kept for x in "abd" if x != kept}, keep
        assert verdicts[3].exact and decisions[3].kind == "exact"
    index = newsclean.DedupIndex(keep="earliest", threshold=0.5)
    fps = index.fingerprints([short, longer, other])
    verdicts = index.verdicts(index.decide(fps, ["a", "b", "c"], dates=["2022-05-01", "2021-01-01",
                                                                        None]))
    assert [v.of_id for v in verdicts] == ["b", None, None]
    # query decides without inserting
    n = len(index)
    q = index.query(index.fingerprints([longer, "全新的文章,与之前任何一篇都不一样,说的是体育比赛。"]))
    assert [d.kind for d in q] == ["exact", "unique"] and len(index) == n
    with pytest.raises(ValueError):
        index.decide(fps, ["only-one-id"])


def test_fingerprints_move_between_processes_as_arrays():
    index = newsclean.DedupIndex()
    fps = index.fingerprints([BODY, "", BODY + "啊"])
    empty, exact, packed, keys, text_bytes = fps.arrays
    assert list(empty) == [False, True, False]
    assert list(fps.empty) == list(empty)
    assert fps.nbytes == sum(a.nbytes for a in fps.arrays)
    assert exact.shape == (3, 2) and packed.shape == (3, 64) and keys.shape[0] == 3
    assert list(text_bytes) == [len(BODY.encode()), 0, len((BODY + "啊").encode())]
    again = pickle.loads(pickle.dumps(fps))
    both = newsclean.Fingerprints.concat([again, fps.select([2])])
    assert len(both) == 4
    decisions = index.decide(both, ["a", "b", "c", "d"])
    # d repeats c exactly, but c was dropped: d is compared with the kept a only.
    assert [d.kind for d in decisions] == ["unique", "unique", "near", "near"]
    assert decisions[1].inserted is None  # empty: kept, never indexed


def test_index_round_trips_through_bytes_files_and_pickle(tmp_path):
    index = newsclean.DedupIndex(num_perm=64)
    index.decide(index.fingerprints([BODY]), ["a"])
    path = tmp_path / "x.idx"
    index.save(str(path))
    assert path.read_bytes() == index.to_bytes()
    for loaded in (newsclean.DedupIndex(num_perm=64, path=str(path)),
                   newsclean.DedupIndex.from_bytes(index.to_bytes(), num_perm=64),
                   pickle.loads(pickle.dumps(index))):
        q = loaded.query(loaded.fingerprints([BODY]))[0]
        assert q.kind == "exact" and loaded.id_of(q.duplicate_of) == "a"
    with pytest.raises(newsclean.Error):  # other MinHash settings: refused
        newsclean.DedupIndex(num_perm=128, path=str(path))


def test_pickled_objects_are_rebuilt_from_their_options():
    cleaner = newsclean.Cleaner(disabled_rules=["reflow"], caption_max_chars=30)
    again = pickle.loads(pickle.dumps(cleaner))
    assert again.options == cleaner.options
    assert again.clean(GLOSSED).text == cleaner.clean(GLOSSED).text
    hasher = pickle.loads(pickle.dumps(newsclean.MinHasher(num_perm=32, seed=5)))
    assert hasher.num_perm == 32 and "s5" in hasher.name
    decision = newsclean.DedupIndex().decide(newsclean.DedupIndex().fingerprints([BODY]), ["a"])[0]
    assert pickle.loads(pickle.dumps(decision)).kind == "unique"


def test_check_in_memory_finds_glosses_and_duplicates_and_renders_every_format():
    docs = [GLOSSED, ("clean", BODY), {"id": "copy", "text": BODY}]
    result = newsclean.check(docs)
    kinds = {(f["kind"], f["id"]) for f in result.findings}
    assert ("pinyin-gloss", "<memory>:1") in kinds
    assert ("duplicate-document", "copy") in kinds
    assert result.documents == 3 and not result.passed
    assert result.summary["pinyin-gloss"]["exceeded"]
    assert result.report("json").startswith('{"schema":"newsclean-check/1"')
    assert "<testsuites" in result.report("junit")
    assert "::error" in result.report("github")
    assert "pinyin-gloss" in result.report("text")
    with pytest.raises(ValueError):
        result.report("xml")
    relaxed = newsclean.check(docs, limits=["pinyin-gloss=off", "duplicate-document=off"])
    assert relaxed.passed
    assert newsclean.check([BODY]).passed


def test_check_files_equals_the_cli(cli, tmp_path, seeds):
    import json
    import subprocess

    path = tmp_path / "feed.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for s in seeds + seeds[:1]:
            f.write(json.dumps(s, ensure_ascii=False) + "\n")
    result = newsclean.check(files=[str(path)])
    out = subprocess.run([cli, "check", "--report-format", "json", str(path)],
                         capture_output=True, text=True)
    assert out.returncode == (0 if result.passed else 1)
    assert out.stdout == result.report("json")
    with pytest.raises(FileNotFoundError):
        newsclean.check(files=[str(tmp_path / "missing.jsonl")])


def test_lone_surrogates_are_cleaned_as_the_cli_cleans_their_escapes(cli, tmp_path):
    import json
    import subprocess

    record = '{"id": "s", "text": "黨(dang) 組織發(fā)展,\\ud800國(guo) 家。"}\n'
    text = json.loads(record)["text"]  # what Python's json makes of the escape
    assert "\ud800" in text
    r = newsclean.Cleaner().clean(text)
    assert r.invalid_utf8 == 1
    assert r.text == "黨組織發展,\ufffd國家。"
    for m in r.removals:  # offsets still index the str
        assert text[m.start:m.end] == m.text
    assert newsclean.Cleaner().clean_batch([text, "x"])[0].text == r.text
    path = tmp_path / "s.jsonl"
    path.write_text(record, encoding="utf-8")
    out = subprocess.run([cli, "clean", str(path)], capture_output=True, text=True)
    assert json.loads(out.stdout)["text"] == r.text
    found = newsclean.check([text], duplicates=False)
    assert found.summary["invalid-utf8"]["documents"] == 1
    assert newsclean.DedupIndex().fingerprints([text]).arrays[0].tolist() == [False]
    assert newsclean.MinHasher().signatures([text]).shape == (1, 128)
