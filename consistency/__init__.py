"""consistency: where do documents about the same story agree on the facts, and where do they contradict?

>>> import consistency
>>> result = consistency.report("seeds/")
>>> result.counts()["conflict"]
1
>>> list(result.comparisons.columns[:4])
['claim_id', 'kind', 'subject', 'doc_a']
>>> consistency.check is consistency.report
True

The names below load on first use (PEP 562): ``import consistency`` and ``consistency --help`` do not pay for
pandas, the gazetteer and the pipeline until a run needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from consistency.config import Settings
    from consistency.corpus import Corpus, CorpusError, Document, load_corpus
    from consistency.facts import Fact
    from consistency.pipeline import Progress, Result, check, check_corpus, report

#: Each public name and the module it lives in.
_LAZY = {
    "Corpus": "consistency.corpus",
    "CorpusError": "consistency.corpus",
    "Document": "consistency.corpus",
    "Fact": "consistency.facts",
    "Progress": "consistency.pipeline",
    "Result": "consistency.pipeline",
    "Settings": "consistency.config",
    "check": "consistency.pipeline",
    "check_corpus": "consistency.pipeline",
    "load_corpus": "consistency.corpus",
    "report": "consistency.pipeline",
}

__all__ = [
    "Corpus",
    "CorpusError",
    "Document",
    "Fact",
    "Progress",
    "Result",
    "Settings",
    "check",
    "check_corpus",
    "load_corpus",
    "report",
]


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use, and keep it here.

    >>> import consistency
    >>> consistency.Result is consistency.pipeline.Result
    True
    >>> consistency.nothing
    Traceback (most recent call last):
    AttributeError: module 'consistency' has no attribute 'nothing'
    """
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
