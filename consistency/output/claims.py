"""``claims.csv``: one row per claim and value group, the unit a reviewer reads.

A *claim* is one fact that several documents state (the troops massed on a border, the date talks start); a
*value group* is every fact of the claim with the same normalized ``value``. Thirty outlets repeating one figure
are one row with ``documents == 30``, so the table grows with the documents, never with their pairs.

>>> import consistency
>>> table = claims_table(consistency.check(["seeds/"]))
>>> shown = table[table["value"].isin(["(100000, inf)", "[75000, 100000]", "2022-01-12", "2022-01"])]
>>> print(shown[["claim_id", "value", "documents", "doc_ids", "verdict", "claim_verdict"]].to_string(index=False))
claim_id           value  documents                                   doc_ids    verdict claim_verdict
   C0001   (100000, inf)          1                      002_4f8a57ab780d97d1      agree      conflict
   C0001 [75000, 100000]          1                      001_7833a452b3925789   conflict      conflict
   C0002      2022-01-12          2 000_b3be5b1ba27ca5a8;002_4f8a57ab780d97d1      agree    compatible
   C0002         2022-01          1                      000_b3be5b1ba27ca5a8 compatible    compatible

Two values stated by one document each: the first value by its text comes first (as ``comparisons.csv`` picks
the value the others are compared with) and the other is in conflict with it. A value two documents state
comes before one stated by a single document.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any, NamedTuple, TextIO

import numpy as np
import pandas as pd

from consistency.compare import AGREE, compare
from consistency.config import Settings
from consistency.facts import Fact
from consistency.output.csv import escape_frame
from consistency.pipeline import Result

__all__ = [
    "CLAIM_COLUMNS",
    "CLAIM_ORDER",
    "ORDER_COLUMNS",
    "claim_label",
    "claim_rows",
    "claims_table",
    "integer",
    "missing",
    "text",
    "typed_claims",
    "value_label",
    "write_claims_csv",
]

#: Public column order of ``claims.csv`` and of :func:`claims_table`: extend only at the end, never rename.
CLAIM_COLUMNS = [
    "claim_id",
    "kind",
    "measure",
    "holder",
    "subject",
    "value",
    "low",
    "high",
    "unit",
    "documents",
    "doc_ids",
    "fact_ids",
    "verdict",
    "claim_verdict",
    "rule",
    "example_doc",
    "example_line",
    "example_text",
    "example_sentence",
]


def missing(value: object) -> bool:
    """Is ``value`` absent: None, NaN or pandas' NA (whichever convention the tables use)?

    >>> missing(None), missing(float("nan")), missing(pd.NA), missing(""), missing(0.0)
    (True, True, True, False, False)
    """
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def text(value: object) -> str:
    """A table cell as text, ``""`` when it is missing.

    >>> text(pd.NA), text("troops"), text(None)
    ('', 'troops', '')
    """
    return "" if missing(value) else str(value)


def integer(value: object) -> int | None:
    """A table cell as a whole number, None when it is missing or not a number.

    >>> integer(3.0), integer(pd.NA), integer("x")
    (3, None, None)
    """
    if missing(value):
        return None
    try:
        return int(value)  # type: ignore[call-overload,no-any-return]
    except (TypeError, ValueError, OverflowError):
        return None


class _Group:
    """The facts of one claim that state one value, in document order."""

    __slots__ = ("docs", "fact_ids", "first", "value")

    def __init__(self, value: str, first: int) -> None:
        self.value = value
        self.first = first  # row number of its first fact in ``result.facts`` (document order)
        self.docs: set[str] = set()
        self.fact_ids: list[str] = []


class _Claim:
    """What the comparisons say about one claim: its facts, verdicts between values, claim-level fields."""

    __slots__ = ("claim_id", "fact_ids", "fields", "verdicts")

    def __init__(self, claim_id: str) -> None:
        self.claim_id = claim_id
        self.fact_ids: dict[str, None] = {}  # ordered set
        self.verdicts: dict[tuple[str, str], str] = {}
        self.fields: dict[str, object] = {}


def claims_table(result: Result) -> pd.DataFrame:
    """One row per claim and value group, with :data:`CLAIM_COLUMNS`, sorted the way a reviewer reads.

    Disputed claims (``claim_verdict`` conflict) come first, then claims stated by more documents, then by
    ``claim_id``; inside a claim, the values stated by more documents first, then by value (as text).
    ``verdict`` compares each value group with the claim's first (most-stated) one, which is ``agree`` with
    itself; ``claim_verdict`` is the worst verdict of the claim's pairs. ``example_*`` is the
    group's first fact in document order. Linear in the number of comparisons and facts.
    """
    if result.comparisons.empty or result.facts.empty:
        return pd.DataFrame({name: [] for name in CLAIM_COLUMNS}, columns=CLAIM_COLUMNS)
    return typed_claims(claim_rows(result.comparisons, result.facts), result.comparisons)


#: How :func:`claim_rows` sorts its rows: the claim is not disputed, minus how many documents state it, the claim
#: id, the value group's place in the claim.
CLAIM_ORDER = ["later", "stating", "claim_id", "place"]
#: The columns of :data:`CLAIM_ORDER` that :func:`claim_rows` adds to :data:`CLAIM_COLUMNS`.
ORDER_COLUMNS = [name for name in CLAIM_ORDER if name != "claim_id"]


def claim_rows(comparisons: pd.DataFrame, facts: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`claims_table` with :data:`ORDER_COLUMNS` after them, sorted by those and the claim id,
    before :func:`typed_claims`: of any comparisons and the facts they name (such as one story's, before the
    claims are numbered: then sort again once they are)."""
    if comparisons.empty or facts.empty:
        return pd.DataFrame({name: [] for name in [*CLAIM_COLUMNS, *ORDER_COLUMNS]})
    claims = _claims(comparisons)
    # Only the facts some comparison names, and of those only the three columns that group them, are read as
    # Python values: the other cells of a value group come from its first fact's row, taken once for all
    # groups at the end (a million facts' sentences as Python strings would be gigabytes).
    named = facts["fact_id"].isin(set(comparisons["fact_a"]) | set(comparisons["fact_b"])).to_numpy()
    rows_named = np.flatnonzero(named)
    row_of = {fact_id: int(n) for n, fact_id in zip(rows_named, facts["fact_id"].to_numpy()[named], strict=True)}
    doc_id = dict(zip(rows_named.tolist(), facts["doc_id"].to_numpy()[named].tolist(), strict=True))
    value_of = dict(zip(rows_named.tolist(), facts["value"].to_numpy()[named].tolist(), strict=True))
    out: list[tuple[tuple[Any, ...], dict[str, object], int]] = []
    # Value groups no comparison row sets against their claim's reference value: compared below, all at once.
    unsettled: list[tuple[dict[str, object], int, int]] = []
    for claim in claims:
        groups: dict[str, _Group] = {}
        for n, fact_id in sorted((row_of[f], f) for f in claim.fact_ids if f in row_of):
            value = text(value_of[n])
            group = groups.get(value)
            if group is None:
                group = groups[value] = _Group(value, n)
            group.docs.add(str(doc_id[n]))
            group.fact_ids.append(fact_id)
        if not groups:
            continue
        # Ties by the value's text, as ``pipeline._reported`` picks the claim's main value: the reference here
        # is the value every other one was compared with there.
        ordered = sorted(groups.values(), key=lambda g: (-len(g.docs), g.value))
        reference = ordered[0]
        stating = len(set().union(*(g.docs for g in ordered)))
        disputed = claim.fields["claim_verdict"] == "conflict"
        for place, group in enumerate(ordered):
            # As the pipeline compared the two values (so with the run's settings) when some row pairs them.
            verdict = AGREE if group is reference else claim.verdicts.get((reference.value, group.value))
            row: dict[str, object] = {
                "claim_id": claim.claim_id,
                "kind": claim.fields["kind"],
                "measure": claim.fields["measure"],
                "holder": claim.fields["holder"],
                "subject": claim.fields["subject"],
                "documents": len(group.docs),
                "doc_ids": ";".join(sorted(group.docs)),
                "fact_ids": ";".join(sorted(group.fact_ids)),
                "verdict": verdict,
                "claim_verdict": claim.fields["claim_verdict"],
                "rule": claim.fields["claim_rule"],
            }
            row.update(later=not disputed, stating=-stating, place=place)
            out.append(((not disputed, -stating, claim.claim_id, place), row, group.first))
            if verdict is None:
                unsettled.append((row, reference.first, group.first))
    if unsettled:
        found = _facts_at(facts, sorted({n for _, *firsts in unsettled for n in firsts}))
        for row, reference_first, first in unsettled:
            row["verdict"] = compare(found[reference_first], found[first], Settings()).verdict
    out.sort(key=lambda item: item[0])
    table = pd.DataFrame([row for _, row, _ in out], columns=[*CLAIM_COLUMNS, *ORDER_COLUMNS])
    firsts = np.array([first for _, _, first in out], dtype=np.int64)
    for name, source in _FROM_FIRST_FACT.items():
        if len(firsts):
            table[name] = facts[source].take(firsts).reset_index(drop=True)
    return table


def typed_claims(table: pd.DataFrame, comparisons: pd.DataFrame) -> pd.DataFrame:
    """The claims table from the rows of :func:`claim_rows` (or several of them, numbered, concatenated and
    sorted): :data:`ORDER_COLUMNS` dropped, and the dtypes of ``comparisons`` (categoricals for kind, measure and
    verdicts, when they are)."""
    table = table.drop(columns=[c for c in ORDER_COLUMNS if c in table.columns])
    table["documents"] = table["documents"].astype("int64")
    same = {"kind": "kind", "measure": "measure", "verdict": "verdict", "claim_verdict": "verdict"}
    for name, source in same.items():
        dtype = comparisons[source].dtype
        if isinstance(dtype, pd.CategoricalDtype):
            table[name] = table[name].astype(dtype)
    return table


#: The columns of a value group's row that are its first fact's (in document order): column -> facts column.
_FROM_FIRST_FACT = {
    "value": "value",
    "low": "low",
    "high": "high",
    "unit": "unit",
    "example_doc": "doc_id",
    "example_line": "line",
    "example_text": "text",
    "example_sentence": "sentence",
}


class _Row(NamedTuple):
    claim_id: Any
    kind: Any
    subject: Any
    fact_a: Any
    fact_b: Any
    value_a: Any
    value_b: Any
    verdict: Any
    claim_verdict: Any
    measure: Any
    holder: Any
    claim_rule: Any


def _claims(comparisons: pd.DataFrame) -> list[_Claim]:
    """Each claim of ``comparisons`` with its facts (in row order) and the verdict between each pair of values."""
    claims: dict[str, _Claim] = {}
    # Plain lists, not itertuples: categorical columns are slow to read one cell at a time.
    for row in map(_Row._make, zip(*(comparisons[name].tolist() for name in _Row._fields), strict=True)):
        claim_id = str(row.claim_id)
        claim = claims.get(claim_id)
        if claim is None:
            claim = claims[claim_id] = _Claim(claim_id)
            claim.fields = {
                "kind": row.kind,
                "subject": row.subject,
                "claim_verdict": row.claim_verdict,
                "claim_rule": row.claim_rule,
                "measure": row.measure,
                "holder": row.holder,
            }
        # measure and holder of the claim: the first row that names one ("a.measure or b.measure" per row).
        for name in ("measure", "holder"):
            if not text(claim.fields[name]) and text(getattr(row, name)):
                claim.fields[name] = getattr(row, name)
        claim.fact_ids[str(row.fact_a)] = None
        claim.fact_ids[str(row.fact_b)] = None
        a, b = text(row.value_a), text(row.value_b)
        claim.verdicts.setdefault((a, b), str(row.verdict))
        claim.verdicts.setdefault((b, a), str(row.verdict))
    return list(claims.values())


_FACT_FIELDS = {f.name for f in fields(Fact)}


def _facts_at(facts: pd.DataFrame, rows: Sequence[int]) -> dict[int, Fact]:
    """The facts at ``rows`` of ``facts`` back as :class:`Fact` objects: those rows alone are read as Python
    values (every cell of a million facts would be gigabytes), in one take (a row read through ``iloc`` builds
    a Series of every column, 0.1 ms a fact)."""
    names = sorted(_FACT_FIELDS & {str(k) for k in facts.columns})
    part = facts.take(list(rows))
    columns = [part[name].to_numpy() for name in names]
    return {n: _fact({name: _plain(c[i]) for name, c in zip(names, columns, strict=True)}) for i, n in enumerate(rows)}


def _plain(value: object) -> object:
    """A cell as the Python value a :class:`Fact` holds (a NumPy scalar as its ``int``, ``float`` or ``bool``)."""
    return value.item() if isinstance(value, np.generic) else value


def _fact(row: Mapping[str, object]) -> Fact:
    """One row of ``result.facts`` back as a :class:`Fact` (fields the table lacks take their defaults)."""
    values: dict[str, Any] = {}
    for name in _FACT_FIELDS & set(row):
        value = row[name]
        if name in ("low", "high", "when_low", "when_high"):
            # open bounds may be stored as NaN, NA or +-inf: the Fact model says None
            value = None if missing(value) or math.isinf(float(value)) else float(value)  # type: ignore[arg-type]
        elif missing(value):
            value = None if name in ("source_start", "source_end", "where_id") else ""
        values[name] = value
    return Fact(**values)


# --- how a reader names a claim and a value -----------------------------------------------------------------

#: An interval as ``format_interval`` writes it: ``[75000, 100000]``, ``(100000, inf)``, ``(-inf, 53.6]``.
_INTERVAL = re.compile(r"([\[(])(-inf|[-+]?[\d.]+(?:e[-+]?\d+)?), (inf|[-+]?[\d.]+(?:e[-+]?\d+)?)([\])])")
_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?(?:e[-+]?\d+)?")
#: A calendar value worth showing as it is: an ISO date, month, year, week or interval of them.
_ISO_DATE = re.compile(r"\d{4}(?:-[\dW][\d-]*)?(?:/\d{4}(?:-[\dW][\d-]*)?)?")
_TIME_RANGE = re.compile(r"\[(\d{1,2}:\d{2}), (\d{1,2}:\d{2})\]")
#: An internal id such as ``country:1643084``: never shown as a name.
_INTERNAL_ID = re.compile(r"[a-z_]+:\d+")
#: Units written after the number; counts and ages need none (the claim's label says what is counted).
_SILENT_UNITS = {"count", "year", "date", "place", "time", "other", ""}
#: Kinds whose normalized value is in units the reader did not see (mph as m/s, hours as seconds): the
#: document's own words read better.
_AS_WORDED = {"quantity", "duration"}
#: Longest subject (in words) shown beside a measure.
_QUALIFIER_WORDS = 3


def _number(raw: str) -> str:
    """A number as an article prints it: thousands separated, no spurious decimals.

    >>> _number("250000"), _number("8.0625"), _number("-4"), _number("1e400")
    ('250,000', '8.0625', '-4', 'inf')
    """
    try:
        x = float(raw)
    except ValueError:
        return raw
    if not math.isfinite(x):
        return str(x)
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.2f}" if abs(x) >= 1000 else f"{x:.6g}"


def _amount(value: str, unit: str) -> str:
    """A numeric value (a number or an interval) in words: ``20,000–30,000``, ``more than 40``.

    >>> _amount("[20000, 30000]", "count"), _amount("(40, inf)", "count"), _amount("[12, inf)", "count")
    ('20,000–30,000', 'more than 40', 'at least 12')
    >>> _amount("(-inf, 50)", "%"), _amount("2500000", "USD"), _amount("61", "year")
    ('less than 50 %', '2,500,000 USD', '61')
    """
    suffix = "" if unit in _SILENT_UNITS else f" {unit}"
    match = _INTERVAL.fullmatch(value)
    if match is None:
        return (_number(value) if _NUMBER.fullmatch(value) else value) + suffix
    left, low, high, right = match.groups()
    if low == "-inf" and high == "inf":
        return "any value"
    if high == "inf":
        return ("more than " if left == "(" else "at least ") + _number(low) + suffix
    if low == "-inf":
        return ("less than " if right == ")" else "at most ") + _number(high) + suffix
    inner = f"{_number(low)}–{_number(high)}"
    if left == "(" or right == ")":  # half-open ranges are rare; keep the notation so nothing is lost
        inner = f"{left}{inner}{right}"
    return inner + suffix


def value_label(row: Any) -> str:
    """One value group of :func:`claims_table` as a reader would say it (plain text: escape it for the sink).

    Counts, money, percentages and ages are written from the normalized value; places by name; dates in ISO
    when resolved, else as the document wrote them ("Friday"); quantities and durations as worded ("120 mph",
    not 53.6448 m/s).

    >>> value_label({"kind": "count", "value": "(2500, inf)", "unit": "count", "example_text": "x"})
    'more than 2,500'
    >>> value_label({"kind": "date", "value": "XXXX-WXX-5", "unit": "date", "example_text": "Friday"})
    'Friday'
    >>> value_label({"kind": "place", "value": "Moscow (RU)", "unit": "place", "example_text": "Moscow"})
    'Moscow (RU)'
    >>> value_label({"kind": "time", "value": "[15:45, 16:15]", "unit": "time", "example_text": "around 4 p.m."})
    '15:45–16:15'
    """
    get = row.get
    kind, value, worded = text(get("kind")), text(get("value")).strip(), " ".join(text(get("example_text")).split())
    if kind == "date":
        return value if _ISO_DATE.fullmatch(value) else (worded or value)
    if kind == "place":
        return worded if (not value or _INTERNAL_ID.fullmatch(value)) else value
    if kind in _AS_WORDED:
        return worded or value
    if kind == "time":
        match = _TIME_RANGE.fullmatch(value)  # "[15:45, 16:15]" reads "15:45–16:15"
        return f"{match[1]}–{match[2]}" if match else (value or worded)
    return _amount(value, text(get("unit"))) if value else worded


def claim_label(row: Any) -> tuple[str, str]:
    """What a claim is about, as ``(label, qualifier)``: the measure (or the subject), and its holder.

    A date's measure names the event (``date:meet`` reads "date of meet"); when there is no holder the subject
    words qualify it. Internal ids (``country:1643084``) are never shown.

    >>> claim_label({"kind": "count", "measure": "", "holder": "", "subject": "troops"})
    ('troops', '')
    >>> claim_label({"kind": "age", "measure": "age", "holder": "Riva", "subject": "age of Riva"})
    ('age', 'Riva')
    >>> claim_label({"kind": "date", "measure": "date:meet", "holder": "", "subject": "start talks"})
    ('date of meet', 'start talks')
    >>> claim_label({"kind": "date", "measure": "date:dismiss", "holder": "", "subject": "man fired job accountant"})
    ('date of dismiss', '')
    """
    get = row.get
    kind, measure, holder, subject = (text(get(name)).strip() for name in ("kind", "measure", "holder", "subject"))
    measure, holder, subject = ("" if _INTERNAL_ID.fullmatch(x) else x for x in (measure, holder, subject))
    if measure.startswith("date:"):
        measure = "date of " + measure[len("date:") :].replace("_", " ")
    label = measure or subject or kind
    qualifier = holder
    # The subject qualifies a measure only when it is a short phrase ("start talks"); the words a date's
    # sentences share ("man fired job accountant walked old office") read as noise, not as a name.
    short = len(subject.split()) <= _QUALIFIER_WORDS
    if not qualifier and measure and short and subject.lower() not in (measure.lower(), label.lower()):
        qualifier = subject
    if qualifier and qualifier.lower() in label.lower():
        qualifier = ""
    return label, qualifier


#: A spreadsheet cell holds at most 32,767 characters: in ``claims.csv`` a list of the documents (or facts) of a
#: value that thousands state is cut before that and says how many it leaves out (``comparisons.csv`` pairs
#: each of them with the claim's reference fact).
MAX_LIST_CHARS = 32_000


def write_claims_csv(result: Result, handle: TextIO, escape_formulas: bool = True) -> None:
    """Write :func:`claims_table` as CSV (text cells that would start a formula escaped, see ``csv.py``; lists
    longer than :data:`MAX_LIST_CHARS` cut).

    >>> cell = _bounded(";".join(["doc"] * 20_001))  # 20,001 documents
    >>> cell[-16:], len(cell) <= MAX_LIST_CHARS, cell.count("doc") + 12_006  # the kept and the left out
    ('(... 12006 more)', True, 20001)
    """
    table = result.claims
    long = [c for c in ("doc_ids", "fact_ids") if (table[c].astype(str).str.len() > MAX_LIST_CHARS).any()]
    if long:
        table = table.copy()
        for column in long:
            table[column] = table[column].map(_bounded)
    escape_frame(table, escape_formulas).to_csv(handle, index=False, lineterminator="\n")


def _bounded(cell: object) -> object:
    """A ";"-joined list cut at the last item that fits :data:`MAX_LIST_CHARS`, with how many are left out."""
    if not isinstance(cell, str) or len(cell) <= MAX_LIST_CHARS:
        return cell
    items = cell.count(";") + 1
    cut = cell.rfind(";", 0, MAX_LIST_CHARS - len(f"; (... {items} more)") + 1)
    left = cell.count(";", cut) if cut > 0 else items
    return f"{cell[:cut]}; (... {left} more)" if cut > 0 else f"(... {left} more)"
