"""consistency: where do documents about the same story agree on the facts, and where do they contradict?

>>> import consistency
>>> result = consistency.check(["seeds/"])                           # doctest: +SKIP
>>> result.comparisons[["kind", "subject", "verdict"]].head()         # doctest: +SKIP
"""

from consistency.config import Settings
from consistency.corpus import Corpus, CorpusError, Document, load_corpus
from consistency.facts import Fact
from consistency.pipeline import Result, check, check_corpus

__all__ = [
    "Corpus",
    "CorpusError",
    "Document",
    "Fact",
    "Result",
    "Settings",
    "check",
    "check_corpus",
    "load_corpus",
]
