"""consistency: where do documents about the same story agree on the facts, and where do they contradict?

>>> import consistency
>>> result = consistency.report("seeds/")
>>> result.counts()["conflict"]
1
>>> list(result.comparisons.columns[:4])
['claim_id', 'kind', 'subject', 'doc_a']
>>> consistency.check is consistency.report
True
"""

from consistency.config import Settings
from consistency.corpus import Corpus, CorpusError, Document, load_corpus
from consistency.facts import Fact
from consistency.pipeline import Progress, Result, check, check_corpus, report

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
