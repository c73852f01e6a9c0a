"""Adapters for the pipelines corpus builders use, importing none of them.

* :func:`datasets_map` — a callable for Hugging Face ``datasets``
  ``Dataset.map(fn, batched=True)``: cleans a text column and drops the rows
  that clean to nothing (every column filtered alike).
* :class:`CleanStep` — a datatrove-style step: ``run(data, rank, world_size)``
  over documents with ``.text`` (and ``.id``), yielding the cleaned ones and
  counting the dropped ones in ``.stats``.
* :class:`NewscleanModifier` — a NeMo-Curator-style document modifier:
  ``modify_document(text) -> str``.

Each holds a :class:`newsclean.Cleaner` and pickles with it.
"""

from __future__ import annotations

from collections import Counter
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional

from newsclean._newsclean import Cleaner


def datasets_map(
    cleaner: Optional[Cleaner] = None,
    text_column: str = "text",
    drop_empty: bool = True,
    removals_column: Optional[str] = None,
    threads: int = 0,
) -> Callable[[Dict[str, List[Any]]], Dict[str, List[Any]]]:
    """A function for ``Dataset.map(fn, batched=True)``.

    It cleans ``batch[text_column]`` with ``clean_batch``; with ``drop_empty``
    (the default) rows whose text cleans to nothing are removed from every
    column, as the CLI drops them. ``removals_column``, when given, receives
    each row's removals as a list of dicts (reason, rule, start, end, text).
    """
    cleaner = cleaner if cleaner is not None else Cleaner()
    return _DatasetsMap(cleaner, text_column, drop_empty, removals_column, threads)


class _DatasetsMap:
    def __init__(self, cleaner, text_column, drop_empty, removals_column, threads):
        self.cleaner = cleaner
        self.text_column = text_column
        self.drop_empty = drop_empty
        self.removals_column = removals_column
        self.threads = threads

    def __call__(self, batch: Dict[str, List[Any]]) -> Dict[str, List[Any]]:
        results = self.cleaner.clean_batch(list(batch[self.text_column]), threads=self.threads)
        keep = [not (self.drop_empty and r.dropped) for r in results]
        out = {name: [v for v, k in zip(values, keep) if k] for name, values in batch.items()}
        out[self.text_column] = [r.text for r, k in zip(results, keep) if k]
        if self.removals_column:
            out[self.removals_column] = [
                [
                    {"reason": m.reason, "rule": m.rule, "start": m.start, "end": m.end,
                     "text": m.text}
                    for m in r.removals
                ]
                for r, k in zip(results, keep)
                if k
            ]
        return out


class CleanStep:
    """A datatrove-style pipeline step that cleans documents.

    ``run(data, rank=0, world_size=1)`` takes an iterable of documents with a
    ``.text`` attribute (and ``.id``, ``.metadata`` when present), cleans
    each, yields it with the cleaned text and, when the document has a
    ``metadata`` dict, adds ``newsclean_removals`` (the count) and what the
    removed furniture said (``byline``, ``date``, ``source``...). Documents
    that clean to nothing are not yielded; ``stats`` counts them by reason.
    """

    name = "newsclean"

    def __init__(self, cleaner: Optional[Cleaner] = None, batch_size: int = 256,
                 threads: int = 0):
        self.cleaner = cleaner if cleaner is not None else Cleaner()
        self.batch_size = batch_size
        self.threads = threads
        self.stats: Counter = Counter()

    def run(self, data: Iterable[Any], rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        batch: List[Any] = []
        for doc in data:
            batch.append(doc)
            if len(batch) >= self.batch_size:
                yield from self._flush(batch)
                batch = []
        if batch:
            yield from self._flush(batch)

    def __call__(self, data: Iterable[Any], rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        return self.run(data, rank, world_size)

    def _flush(self, batch: List[Any]) -> Iterator[Any]:
        results = self.cleaner.clean_batch([d.text for d in batch], threads=self.threads)
        for doc, result in zip(batch, results):
            self.stats["documents"] += 1
            if result.dropped:
                self.stats["dropped_" + result.dropped] += 1
                continue
            self.stats["removals"] += len(result.removals)
            doc.text = result.text
            metadata = getattr(doc, "metadata", None)
            if isinstance(metadata, dict):
                metadata["newsclean_removals"] = len(result.removals)
                for key, values in result.metadata.items():
                    if values:
                        metadata[key] = values
            yield doc


class NewscleanModifier:
    """A document modifier: ``modify_document(text)`` returns the cleaned text
    ("" when nothing is left)."""

    def __init__(self, cleaner: Optional[Cleaner] = None):
        self.cleaner = cleaner if cleaner is not None else Cleaner()

    def modify_document(self, text: str) -> str:
        return self.cleaner.clean(text).text

    def __call__(self, text: str) -> str:
        return self.modify_document(text)
