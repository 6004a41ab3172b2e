"""Findings: what ``consistency check`` reports, with stable rule codes, locations and fingerprints.

A finding is a plain, sorted record built from a :class:`~consistency.pipeline.Result`; the gate (baseline,
inline suppressions) marks some as accepted, and the formatters in :mod:`consistency.output` only ever see
these records.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Rule:
    """A kind of finding, with a code and a name that never change once released."""

    code: str
    name: str
    summary: str
    #: The verdict level this rule reports at, compared with ``--fail-on``.
    level: str


#: Every rule, by code. Codes are public: baselines, inline directives and SARIF ``ruleId``s name them.
RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        Rule("CST001", "value-conflict", "Two documents state disjoint values for the same fact.", "conflict"),
        Rule(
            "CST002",
            "value-imprecise",
            "Two documents state overlapping but different values for the same fact.",
            "compatible",
        ),
        Rule("CST003", "weekday-mismatch", "A stated weekday contradicts its date within one document.", "conflict"),
        Rule("CST101", "malformed-directive", "An inline consistency directive cannot be read.", "conflict"),
        Rule("CST102", "unused-directive", "An inline consistency directive suppresses nothing.", "compatible"),
    )
}

#: ``--fail-on`` levels from least to most severe: a finding fails the run when its level is at or above.
LEVELS = ("compatible", "conflict")


class Suppression(str, Enum):
    """Why a finding does not fail the run."""

    NONE = ""
    BASELINE = "baseline"
    INLINE = "inline"


@dataclass(frozen=True, order=True)
class Location:
    """A place in a document: ``path`` is the file (relative as given), ``line`` and ``column`` are 1-based."""

    path: str
    line: int
    column: int
    doc_id: str = ""
    text: str = ""
    value: str = ""

    @property
    def says(self) -> str:
        """What the source states: its text and, when it adds anything, its normalized value.

        >>> Location("a", 1, 1, "a", "more than 40 people", "(40, inf)").says
        'more than 40 people (40, inf)'
        >>> Location("a", 1, 1, "a", "March 3", "XXXX-03-03").says
        'March 3 (XXXX-03-03)'
        >>> Location("a", 1, 1, "a", "Vienna", "Vienna (AT)").says, Location("a", 1, 1, "a", "", "x").says
        ('Vienna (AT)', 'x')
        """
        if not self.value or self.value == self.text:
            return self.text
        if not self.text or self.value.startswith(self.text):
            return self.value
        if self.value[:1] in "([":  # an interval already reads as a parenthetical
            return f"{self.text} {self.value}"
        return f"{self.text} ({self.value})"


@dataclass(frozen=True)
class Finding:
    """One reported problem.

    ``primary`` is where an annotation goes (the edited side of a conflict when git tells us); ``related``
    are the other sources. ``fingerprint`` identifies the finding in a baseline: it hashes the rule, the claim
    and the (document, value) pairs, never line numbers.
    """

    code: str
    message: str
    primary: Location
    related: tuple[Location, ...] = ()
    claim: str = ""
    fingerprint: str = ""
    suppressed: Suppression = Suppression.NONE
    #: The reviewer's note from the baseline entry that accepted it, if any.
    note: str = ""

    @property
    def rule(self) -> Rule:
        return RULES[self.code]

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.primary.path, self.primary.line, self.primary.column, self.code, self.fingerprint)
