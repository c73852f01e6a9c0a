"""The pipeline adapters, with stand-ins for the frameworks' objects."""

import pickle
from dataclasses import dataclass, field

import newsclean
from newsclean.adapters import CleanStep, NewscleanModifier, datasets_map

GLOSSED = "黨(dang) 組織發(fā)展,國(guo) 家。"
BODY = "全市共有党员十万名,分布在各个行业,基层党组织建设稳步推进。"
EMPTY = "分享\n\n编辑:唐依婷\n"


def test_datasets_map_cleans_and_drops_empty_rows_in_every_column():
    fn = datasets_map(removals_column="removals")
    out = fn({"text": [GLOSSED, EMPTY, BODY], "id": [1, 2, 3], "url": ["a", "b", "c"]})
    assert out["text"] == ["黨組織發展,國家。", BODY]
    assert out["id"] == [1, 3] and out["url"] == ["a", "c"]
    assert [len(r) for r in out["removals"]] == [3, 0]
    assert out["removals"][0][0]["reason"] == "pinyin-gloss"
    keep_all = datasets_map(drop_empty=False)({"text": [EMPTY]})
    assert keep_all["text"] == [""]
    again = pickle.loads(pickle.dumps(fn))  # travels to datasets' worker processes
    assert again({"text": [GLOSSED]})["text"] == ["黨組織發展,國家。"]


@dataclass
class Doc:  # what datatrove's Document looks like to the step
    text: str
    id: str
    metadata: dict = field(default_factory=dict)


def test_clean_step_yields_cleaned_documents_and_counts_the_dropped():
    step = CleanStep(batch_size=2)
    docs = [Doc("（中央社記者林某某台北3日電）" + "行政院今天通過新的預算案,將送立法院審議。", "a"),
            Doc(EMPTY, "b"), Doc(GLOSSED, "c")]
    out = list(step.run(iter(docs), rank=0, world_size=1))
    assert [d.id for d in out] == ["a", "c"]
    assert out[1].text == "黨組織發展,國家。"
    assert out[0].metadata["source"] == ["中央社"]
    assert out[1].metadata["newsclean_removals"] == 3
    assert step.stats["documents"] == 3 and step.stats["dropped_empty"] == 1


def test_modifier_returns_the_cleaned_text():
    modifier = pickle.loads(pickle.dumps(NewscleanModifier(newsclean.Cleaner())))
    assert modifier.modify_document(GLOSSED) == "黨組織發展,國家。"
    assert modifier(BODY) == BODY
