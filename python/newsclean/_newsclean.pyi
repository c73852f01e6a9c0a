"""Type stubs of newsclean._newsclean (the pybind11 bindings)."""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

__version__: str

class Error(RuntimeError):
    option: Optional[str]

class Removal:
    reason: str
    rule: str
    start: int
    end: int
    byte_start: int
    byte_end: int
    text: str

class CleanResult:
    text: str
    invalid_utf8: int
    dropped: Optional[str]
    removals: List[Removal]
    @property
    def metadata(self) -> Dict[str, List[str]]: ...

class Cleaner:
    def __init__(
        self,
        *,
        disabled_rules: Sequence[str] = ...,
        rule_files: Sequence[str] = ...,
        rule_texts: Sequence[str] = ...,
        repeated_paragraph_min_chars: int = 8,
        near_paragraph_threshold: float = 0.8,
        near_paragraph_min_chars: int = 30,
        near_paragraph_ngram: int = 3,
        caption_max_chars: int = 40,
    ) -> None: ...
    def clean(self, text: str) -> CleanResult: ...
    def clean_batch(self, texts: Sequence[str], threads: int = 0) -> List[CleanResult]: ...
    def explain(self, text: str, color: bool = False) -> str: ...
    @property
    def rules(self) -> List[Dict[str, Any]]: ...
    @property
    def options(self) -> Dict[str, Any]: ...

class MinHasher:
    def __init__(self, *, num_perm: int = 128, ngram: int = 4, seed: int = 0) -> None: ...
    def signatures(self, texts: Sequence[str], threads: int = 0) -> npt.NDArray[np.uint32]: ...
    @property
    def name(self) -> str: ...
    @property
    def num_perm(self) -> int: ...
    @property
    def ngram(self) -> int: ...
    @staticmethod
    def estimate_jaccard(a: npt.ArrayLike, b: npt.ArrayLike) -> float: ...

class Fingerprints:
    def __len__(self) -> int: ...
    @property
    def arrays(
        self,
    ) -> Tuple[
        npt.NDArray[np.bool_],
        npt.NDArray[np.uint64],
        npt.NDArray[np.uint8],
        npt.NDArray[np.uint64],
        npt.NDArray[np.uint64],
    ]: ...
    @property
    def empty(self) -> npt.NDArray[np.bool_]: ...
    @property
    def nbytes(self) -> int: ...
    @staticmethod
    def from_arrays(arrays: Tuple[Any, Any, Any, Any, Any]) -> Fingerprints: ...
    @staticmethod
    def concat(parts: Sequence[Fingerprints]) -> Fingerprints: ...
    def select(self, rows: Sequence[int]) -> Fingerprints: ...

class Decision:
    @property
    def kind(self) -> str: ...
    @property
    def duplicate_of(self) -> Optional[int]: ...
    @property
    def inserted(self) -> Optional[int]: ...
    similarity: float

class Verdict:
    duplicate: bool
    exact: bool
    of: Optional[int]
    of_id: Optional[str]
    similarity: float

class DedupIndex:
    def __init__(
        self,
        *,
        threshold: float = 0.8,
        num_perm: int = 128,
        ngram: int = 4,
        seed: int = 0,
        keep: str = "first",
        date_field: str = "date",
        path: Optional[str] = None,
    ) -> None: ...
    @staticmethod
    def from_bytes(
        data: bytes,
        *,
        threshold: float = 0.8,
        num_perm: int = 128,
        ngram: int = 4,
        seed: int = 0,
        keep: str = "first",
        date_field: str = "date",
    ) -> DedupIndex: ...
    def fingerprints(self, texts: Sequence[str], threads: int = 0) -> Fingerprints: ...
    def decide(
        self,
        fingerprints: Fingerprints,
        ids: Sequence[str],
        dates: Optional[Sequence[Optional[str]]] = None,
    ) -> List[Decision]: ...
    def query(self, fingerprints: Fingerprints) -> List[Decision]: ...
    def verdict(self, decision: Decision) -> Verdict: ...
    def verdicts(self, decisions: Sequence[Decision]) -> List[Verdict]: ...
    def id_of(self, doc: int) -> str: ...
    def save(self, path: str) -> None: ...
    def to_bytes(self) -> bytes: ...
    def add_loaded(self, fingerprints: Fingerprints, ids: Sequence[str]) -> None: ...
    def indexed(self) -> Tuple[Fingerprints, List[str]]: ...
    def __len__(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def lsh_params(self) -> Tuple[int, int]: ...
    @property
    def options(self) -> Dict[str, Any]: ...

class CheckResult:
    documents: int
    truncated: bool
    passed: bool
    @property
    def findings(self) -> List[Dict[str, Any]]: ...
    @property
    def summary(self) -> Dict[str, Dict[str, Any]]: ...
    def report(self, format: str = "text", color: bool = False) -> str: ...

def check(
    documents: Optional[Iterable[Union[str, Tuple[str, str], Mapping[str, Any]]]] = None,
    *,
    files: Optional[Sequence[str]] = None,
    cleaner: Optional[Cleaner] = None,
    limits: Sequence[str] = ...,
    config: Optional[str] = None,
    duplicates: bool = True,
    dedup: Optional[Mapping[str, Any]] = None,
    index: Optional[str] = None,
    max_findings: int = 1000,
    text_field: str = "text",
    threads: int = 0,
) -> CheckResult: ...

# Steps of newsclean.dask (private).
def _clean_file(
    path: str,
    part_path: str,
    cleaner: Optional[Cleaner],
    dedup: Mapping[str, Any],
    text_field: str = "text",
    skip_bad_records: bool = False,
) -> Dict[str, Any]: ...
def _write_survivors(part_path: str, out_path: str, drop: Sequence[bool]) -> None: ...
def _expand_inputs(inputs: Sequence[str]) -> List[str]: ...

class _IndexLock:
    def __init__(self, path: str) -> None: ...
