"""Score ``consistency.extract.dates.find_dates`` on TimeBank + AQUAINT TimeML ``TIMEX3 type="DATE"``.

For each ``.tml`` file the ``<TEXT>`` element is stripped of its tags (character spans of the gold
``DATE`` timexes are recorded on the way) and ``find_dates(text, anchor=DCT)`` runs on it. A prediction
matches a gold timex when their character spans overlap (the convention of ../shared/PEERS.md).

Columns:
    P, R, F1                   span scores (any overlap);
    value_acc                  of the gold timexes found, the share whose value is right: for us the exact
                               TIMEX3 string (``PRESENT_REF`` must be ``PRESENT_REF``); for dateparser its
                               datetime written at the gold's granularity (gold ``1998-08`` -> year-month);
    found_right_of_resolvable  gold timexes found with the right value, over the resolvable gold
                               (values that are not ``*_REF`` nor durations like ``P1W``);
    docs_per_s                 documents per second for the extractor alone.

Run: ``python benchmarks/eval_dates.py`` (``--errors`` prints our misses, false alarms and wrong values).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from tabulate import tabulate

from consistency.extract.dates import find_dates

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora" / "timeml-tbaq"
SETS = ("TimeBank", "AQUAINT")

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r'<DCT>\s*<TIMEX3[^>]*value="([^"]+)"')


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    value: str
    text: str


@dataclass(frozen=True)
class Doc:
    name: str
    dct: dt.date
    text: str
    gold: tuple[Gold, ...]


@dataclass(frozen=True)
class Pred:
    start: int
    end: int
    value: str | None
    text: str


def load(set_name: str) -> list[Doc]:
    """Read one TimeML set: plain text, DCT and the gold DATE timexes with their character spans."""
    docs = []
    for path in sorted((CORPUS / set_name).glob("*.tml")):
        raw = path.read_text(encoding="utf-8")
        dct_match = _DCT.search(raw)
        assert dct_match, path
        dct = dt.date.fromisoformat(dct_match.group(1)[:10])
        body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
        out: list[str] = []
        length = 0
        open_timex: tuple[int, dict[str, str]] | None = None
        gold: list[Gold] = []
        pos = 0
        for tag in _TAG.finditer(body):
            chunk = html.unescape(body[pos : tag.start()])
            out.append(chunk)
            length += len(chunk)
            pos = tag.end()
            closing, name, attrs = tag.groups()
            if name != "TIMEX3":
                continue
            if not closing:
                open_timex = (length, dict(_ATTR.findall(attrs)))
            elif open_timex is not None:
                start, attr = open_timex
                if attr.get("type") == "DATE":
                    text_so_far = "".join(out)
                    gold.append(Gold(start, length, attr.get("value", ""), text_so_far[start:length]))
                open_timex = None
        out.append(html.unescape(body[pos:]))
        docs.append(Doc(path.name, dct, "".join(out), tuple(gold)))
    return docs


def resolvable(value: str) -> bool:
    """Gold values that name a stretch of the calendar (not ``PRESENT_REF``, nor a duration like ``P1W``)."""
    return not value.endswith("_REF") and not value.startswith("P")


def normalise_gold(value: str) -> str:
    """Zero-pad ISO weeks: the gold writes both ``2000-W7`` and ``1998-W08`` for the same format."""
    return re.sub(r"-W(\d)\b", r"-W0\1", value)


def ours(doc: Doc) -> list[Pred]:
    return [Pred(m.start, m.end, m.timex, m.text) for m in find_dates(doc.text, anchor=doc.dct)]


_SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}


def at_granularity(gold: str, when: dt.datetime) -> str | None:
    """Write a datetime the way the gold value is written, so a peer is judged at the gold's precision."""
    y = f"{when.year:04d}"
    if re.match(r"\d{4}-\d{2}-\d{2}", gold):
        return when.strftime("%Y-%m-%d") + gold[10:] if "T" in gold else when.strftime("%Y-%m-%d")
    if re.fullmatch(r"\d{4}-\d{2}", gold):
        return when.strftime("%Y-%m")
    if re.fullmatch(r"\d{4}-Q\d", gold):
        return f"{y}-Q{(when.month - 1) // 3 + 1}"
    if re.fullmatch(r"\d{4}-H\d", gold):
        return f"{y}-H{1 if when.month <= 6 else 2}"
    if re.fullmatch(r"\d{4}-W\d\d", gold):
        iso = when.isocalendar()
        return f"{iso[0]:04d}-W{iso[1]:02d}"
    if re.fullmatch(r"\d{4}-(SP|SU|FA|WI)", gold):
        return f"{y}-{_SEASON_OF_MONTH.get(when.month, 'FA')}"
    if re.fullmatch(r"\d{4}", gold):
        return y
    if re.fullmatch(r"\d{3}", gold):
        return y[:3]
    if re.fullmatch(r"\d{2}", gold):
        return f"{(when.year - 1) // 100:02d}"
    return None


def dateparser_tool() -> Callable[[Doc], list[Pred]] | None:
    try:
        from dateparser.search import search_dates  # type: ignore[import-untyped]
    except ImportError:
        return None

    def run(doc: Doc) -> list[Pred]:
        base = dt.datetime(doc.dct.year, doc.dct.month, doc.dct.day)
        try:
            # languages=["en"]: the texts are English, and language detection would cost dateparser ~25x
            found = search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        except Exception as exc:  # a peer crash costs that document, not the run
            print(f"dateparser crashed on {doc.name}: {exc!r}", file=sys.stderr)
            return []
        preds = []
        cursor = 0
        for surface, when in found:
            at = doc.text.find(surface, cursor)
            if at < 0:
                at = doc.text.find(surface)
            if at < 0:
                continue
            cursor = at + len(surface)
            # the value is written at each gold's granularity later; keep the datetime as ISO here
            preds.append(Pred(at, at + len(surface), when.isoformat(), surface))
        return preds

    return run


def score(
    docs: Iterable[Doc], preds: dict[str, list[Pred]], peer: bool
) -> tuple[dict[str, float | int], list[tuple[str, str, str, str]]]:
    n_pred = n_pred_ok = n_gold = n_found = n_right = n_resolvable = n_right_resolvable = 0
    errors: list[tuple[str, str, str, str]] = []
    for doc in docs:
        ps = preds[doc.name]
        n_pred += len(ps)
        for p in ps:
            if any(g.start < p.end and p.start < g.end for g in doc.gold):
                n_pred_ok += 1
            else:
                errors.append((doc.name, "false", p.text, str(p.value)))
        for g in doc.gold:
            n_gold += 1
            gold_value = normalise_gold(g.value)
            ok_res = resolvable(gold_value)
            n_resolvable += ok_res
            over = [p for p in ps if g.start < p.end and p.start < g.end]
            if not over:
                errors.append((doc.name, "miss", g.text, gold_value))
                continue
            n_found += 1
            best = max(over, key=lambda p: min(p.end, g.end) - max(p.start, g.start))
            if peer:
                value = at_granularity(gold_value, dt.datetime.fromisoformat(best.value)) if best.value else None
            else:
                value = best.value
            if value == gold_value:
                n_right += 1
                n_right_resolvable += ok_res
            else:
                errors.append((doc.name, "value", f"{g.text} | {best.text}", f"{gold_value} != {value}"))
    precision = n_pred_ok / n_pred if n_pred else 0.0
    recall = n_found / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    row = {
        "P": precision,
        "R": recall,
        "F1": f1,
        "value_acc": n_right / n_found if n_found else 0.0,
        "found_right_of_resolvable": n_right_resolvable / n_resolvable if n_resolvable else 0.0,
        "gold": n_gold,
    }
    return row, errors


def evaluate(peer: bool = True, errors: list[tuple[str, str, str, str]] | None = None) -> list[dict[str, object]]:
    """Score our extractor (and dateparser when ``peer`` and importable) on TimeBank, AQUAINT and both."""
    corpora = {name: load(name) for name in SETS}
    tools: dict[str, Callable[[Doc], list[Pred]]] = {"consistency": ours}
    if peer:
        dp = dateparser_tool()
        if dp is None:
            print("note: dateparser is not importable; skipping the peer")
        else:
            tools["dateparser search_dates"] = dp
    rows: list[dict[str, object]] = []
    for tool, run in tools.items():
        preds: dict[str, list[Pred]] = {}
        speed: dict[str, tuple[int, float]] = {}
        for name, docs in corpora.items():
            t0 = time.perf_counter()
            for doc in docs:
                preds[doc.name] = run(doc)
            speed[name] = (len(docs), time.perf_counter() - t0)
        for set_name in (*SETS, "both"):
            docs = [d for n, ds in corpora.items() if set_name in (n, "both") for d in ds]
            n_docs = sum(speed[n][0] for n in SETS if set_name in (n, "both"))
            seconds = sum(speed[n][1] for n in SETS if set_name in (n, "both"))
            row, errs = score(docs, preds, peer=tool != "consistency")
            if errors is not None and tool == "consistency" and set_name == "both":
                errors.extend(errs)
            rows.append({"set": set_name, "tool": tool, **row, "docs_per_s": n_docs / seconds if seconds else 0.0})
    return rows


def main() -> None:
    errors: list[tuple[str, str, str, str]] = []
    rows = evaluate(peer="--no-peer" not in sys.argv, errors=errors)
    cols = ["set", "tool", "P", "R", "F1", "value_acc", "found_right_of_resolvable", "docs_per_s", "gold"]
    table = [[r[c] for c in cols] for r in rows]
    print(tabulate(table, headers=cols, floatfmt=".3f"))
    if "--errors" in sys.argv:
        for e in sorted(errors, key=lambda e: (e[1], e[3], e[2])):
            print("\t".join(e))


if __name__ == "__main__":
    main()
