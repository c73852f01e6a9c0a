"""newsclean: clean and de-duplicate scraped news text, from Python.

The same library as the ``newsclean`` command line, with the same results:

    import newsclean
    cleaner = newsclean.Cleaner()
    result = cleaner.clean("黨(dang) 組織發(fā)展……")   # .text, .removals, .metadata

Cleaning: :class:`Cleaner` (``clean``, ``clean_batch`` without the GIL).
Duplicates: :class:`DedupIndex` (``fingerprints``, ``decide`` under every keep
policy, ``query``, ``save``/``to_bytes`` in the CLI's ``--index`` format) and
:class:`MinHasher` (signatures as ``uint32[n, K]`` arrays).
Feeds: :func:`check` (findings, summary, verdict, reports in four formats).
Pipelines: :mod:`newsclean.adapters` (Hugging Face ``datasets``, datatrove-style
steps, document modifiers), importing nothing from those frameworks.

Errors are ``ValueError`` (a bad value), ``FileNotFoundError`` (a missing
file) or :class:`Error` (anything else), with the library's message; an error
about an option names it in ``.option``. Every object pickles (rebuilt from its
options; an index also from its bytes), so it travels to worker processes.
"""

from newsclean._newsclean import (  # noqa: F401
    CheckResult,
    Cleaner,
    CleanResult,
    Decision,
    DedupIndex,
    Error,
    Fingerprints,
    MinHasher,
    Removal,
    Verdict,
    __version__,
    check,
)

__all__ = [
    "CheckResult",
    "Cleaner",
    "CleanResult",
    "Decision",
    "DedupIndex",
    "Error",
    "Fingerprints",
    "MinHasher",
    "Removal",
    "Verdict",
    "check",
    "__version__",
]
