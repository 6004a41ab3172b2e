"""Fuzz the library and the CLI with generated and mutated real documents (issue 9, "Measure it").

Run on demand, never in the test suite:

    python benchmarks/fuzz.py [--n 10000] [--seed 0] [--cli 200] [--workers 2] [--batch 25] [--show 5]

Documents are built from real sentences (ECB+ ``/work/shared/corpora/ecbplus/text/*/*.txt``, TimeBank/AQUAINT
``timeml-tbaq/AQUAINT-text/*.txt`` and ``seeds/*.txt``), mutated (words swapped, duplicated, deleted; absurd
numbers such as ``1e309``, ``10^400``, 400-digit runs, ``-0``, ``NaN``; front-matter dates at the ends of the
calendar with "tomorrow", "last month", "in August"; zero-width, RTL-override and combining characters; control
characters; CR/LF mixes) and put into shapes: plain text, Markdown with front matter, HTML, very long single
lines, repeated patterns (``"1 " * 4000 + "people"``, ``"between 1 and " * 2000``, ``"May " * 5000``), CSV and
JSONL corpora with bad quoting and deep nesting, file names holding newlines, ``::`` and ``|``, and text that
tries to inject GitHub workflow commands (``::add-mask::``).

Each batch of documents goes through ``load_corpus`` + ``check_corpus`` (twice, with the paths in reverse order,
and with the documents in reverse order) and each document through ``extract_facts(load_text(text))`` (twice);
a sample goes through ``python -m consistency report DIR --out OUT -q`` and ``check DIR --format github`` (twice
each, the second time with the files named in reverse order). Two worker processes; an item that runs past its
hard limit is killed and counted as a hang, so one hang never blocks the run.

Invariants: no exception (nor one swallowed into a "cannot read/clean (XError: ...)" warning or the CLI's
"internal error"); every fact has ``0 <= start <= end <= len(doc.text)`` and ``doc.text[start:end] == text``;
``low <= high`` where both are set; no NaN in ``low``/``high``; the same output across two runs and across input
orders. CLI: exit code in {0, 1, 2}; no "Traceback" on stderr; every stderr line is one whole message
(``warning: ``, ``error: ``, ``note: ``...); no line of stdout or stderr starts with ``::`` except the
``::error``/``::warning``/``::notice`` commands that ``--format github`` itself writes (never with the
injected marker ``PWNED`` among their properties).

Budget: ``max(2 s, 3 s per MB)`` per document for one load + extract (a document over it is "over budget");
an item is killed (a "hang") at ``3 * budget + 10 s``.
"""

from __future__ import annotations

import argparse
import json
import math
import multiprocessing as mp
import multiprocessing.connection as mp_connection
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT))

import consistency  # noqa: E402
from consistency.corpus import Corpus, CorpusError, load_text  # noqa: E402
from consistency.extract import extract_facts  # noqa: E402

# ---------------------------------------------------------------------------------------------------------
# Real sentences.
# ---------------------------------------------------------------------------------------------------------


def real_sentences() -> list[str]:
    """Lines of real news text, 20 to 400 characters, in a fixed order."""
    files = sorted((CORPORA / "ecbplus" / "text").glob("*/*.txt"))
    files += sorted((CORPORA / "timeml-tbaq" / "AQUAINT-text").glob("*.txt"))
    files += sorted((ROOT / "seeds").glob("*.txt"))
    out: list[str] = []
    for path in files:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if 20 <= len(line) <= 400:
                out.append(line)
    return out


# ---------------------------------------------------------------------------------------------------------
# Mutations.
# ---------------------------------------------------------------------------------------------------------

ABSURD_NUMBERS = [
    "1e309", "-1e309", "10^400", "10**400", "9" * 400, "1" + "0" * 310, "-0", "NaN", "nan", "inf", "-inf",
    "Infinity", "1.7976931348623157e308", "0x1p1024", "99999999999999999999 billion", "1,000,000,000,000,000,000,000",
    "0.000000000000000000000000001", "1" * 5000, "1/0", "0/0", "10 to the 400th power", "9" * 20 + "." + "9" * 400,
    "½", "١٢٣", "１２３", "²", "Ⅻ", "3.14.15", "1,2,3,4,5,6", "--5", "+-3", "5-", "1e-400", "2^1024",
]  # fmt: skip
NOUNS = ["tanks", "rifles", "people", "troops", "dollars", "deaths", "dead", "injured", "years", "percent", "km"]
DATE_WORDS = [
    "tomorrow", "yesterday", "last month", "next month", "in August", "next year", "last year", "on Thursday",
    "on December 31", "on January 1", "January 1, 0001", "December 31, 9999", "in the year 9999", "10000 BC",
    "December 32, 2021", "February 29, 2023", "9999-12-31", "0001-01-01", "0000-00-00", "in 99999",
    "the 31st of February", "mid-December", "early next week", "Dec. 31, 10000",
]  # fmt: skip
UNICODE = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u202e", "\u202d", "\u2066", "\u0301", "\u0308" * 20,
    "\u00a0", "\u2028", "\u2029", "\u0085", "“", "”", "‘", "’", "–", "—", "…", "\U0001f600", "ﬁ", "\u00ad",
    "\ufffd", "\u3000", "\u2009", "é", "ß", "İ", "\U0001d7d9",
]  # fmt: skip
CONTROL = [chr(c) for c in range(1, 32) if c not in (10, 13)] + ["\x7f", "\x1b[31m", "\x1b]0;x\x07", "\x00"]
NEWLINES = ["\n", "\n", "\n", "\r\n", "\r", "\n\r", "\r\r\n", "\n\n", "\u2028", "\x0b", "\x0c"]
INJECT = [
    "::add-mask::PWNED", "::stop-commands::PWNED", "::error title=PWNED::boom", "::set-output name=PWNED::x",
    "%0A::error::PWNED", "::warning file=PWNED::x", "::endgroup::", "::group::PWNED",
]  # fmt: skip
#: Repeated patterns, as Python expressions (the report names a slow document by its pattern).
REPEATS = [
    '"1 " * 4000 + "people"',
    '"between 1 and " * 2000 + "5 people died."',
    '"May " * 5000',
    '"12 " * 3000 + "dead."',
    '"more than " * 2000 + "10 troops."',
    '"January 1, " * 2000 + "2020."',
    '"-" * 100000',
    '"(" * 50000 + "5 people"',
    '"1-" * 5000 + "1 people"',
    '"$" * 1000 + "5 million"',
    '"the " * 10000 + "3 troops"',
    '"1, " * 5000 + "and 2 people."',
    '"Paris, " * 3000 + "France."',
    '"on Monday and " * 2000 + "Tuesday."',
    '"<b>" * 5000 + "5 dead"',
    '"&amp;" * 10000',
    '"**" * 10000 + "3 dead"',
    '"[" * 5000 + "](" * 5000',
    '\'"\' * 20000 + "3 dead"',
    '"a" * 200000',
    '"9" * 100000',
    '"1.1." * 20000',
    '"ofNorth " * 5000',
    '"\\t" * 50000 + "3 dead"',
    '" 5 people said. " * 5000',
]


def mutate_words(rng: random.Random, sentence: str) -> str:
    words = sentence.split(" ")
    for _ in range(rng.randint(0, 3)):
        op = rng.randrange(6)
        i = rng.randrange(len(words))
        if op == 0 and len(words) > 1:
            j = rng.randrange(len(words))
            words[i], words[j] = words[j], words[i]
        elif op == 1:
            words.insert(i, words[i])
        elif op == 2 and len(words) > 1:
            del words[i]
        elif op == 3:
            words.insert(i, f"{rng.choice(ABSURD_NUMBERS)} {rng.choice(NOUNS)}")
        elif op == 4:
            words.insert(i, rng.choice(DATE_WORDS))
        else:
            words[i] = (
                rng.choice(["more than", "between 3 and", "up to", "about", "another", "-", "and"]) + " " + words[i]
            )
    return " ".join(words)


def mutate_chars(rng: random.Random, text: str) -> str:
    if not text or rng.random() < 0.5:
        return text
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        pool = rng.choice((UNICODE, UNICODE, CONTROL))
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(pool))
    return "".join(chars)


def sentence(rng: random.Random, pool: list[str]) -> str:
    s = rng.choice(pool)
    if rng.random() < 0.7:
        s = mutate_words(rng, s)
    return mutate_chars(rng, s)


def paragraphs(rng: random.Random, pool: list[str], k: int) -> str:
    nl = rng.choice(NEWLINES) if rng.random() < 0.3 else "\n"
    out = []
    for _ in range(k):
        out.append(sentence(rng, pool))
        out.append(rng.choice(NEWLINES) if rng.random() < 0.2 else nl)
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------
# Document shapes.
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Doc:
    name: str  # file name
    shape: str
    content: str
    note: str = ""  # the repeated pattern, for the report


EXTREME_DATES = [
    "9999-12-31", "0001-01-01", "9999-12-31T23:59:59Z", "0000-00-00", "2021-02-29", "10000-01-01", "1-1-1",
    "Friday, December 31st, 9999", "December 31, 2099", "2021-12-17", "", "tomorrow", "0001-01-01T00:00:00+99:99",
]  # fmt: skip
RELATIVE = ["tomorrow", "last month", "in August", "next year", "yesterday", "on Monday", "next week", "last year"]
HOSTILE_NAMES = [
    "a\n::error title=PWNED::x", "b|c", "d::e", "::add-mask::PWNED", "<script>alert(1)<", "=cmd|' -C calc'!A0",
    "+1", "-x", "@SUM(1)", "new\nline", "tab\there", "<!--", "`tick`", "\u202eevil", "sp ace", "%0A::error::PWNED",
    "q\"uote", "back\\slash", "\r::warning::PWNED",
]  # fmt: skip


def make_doc(rng: random.Random, pool: list[str], idx: int) -> Doc:
    shape = rng.choices(
        ["plain", "front", "html", "markdown", "repeat", "longline", "csv", "jsonl", "name", "inject"],
        weights=[30, 14, 8, 5, 6, 3, 11, 9, 8, 6],
    )[0]
    base = f"{idx:05d}"
    k = rng.randint(1, 25)
    if shape == "plain":
        return Doc(f"{base}.txt", shape, paragraphs(rng, pool, k))
    if shape == "front":
        key = rng.choice(["date", "published", "pubdate", "date_published"])
        front = (
            f"---\n{key}: {rng.choice(EXTREME_DATES)}\nsource: {rng.choice(['Reuters', '=1+1', '::x', 'a|b'])}\n---\n"
        )
        body = [sentence(rng, pool) + f" {rng.choice(RELATIVE)} {rng.randint(1, 500)} people came." for _ in range(k)]
        return Doc(f"{base}.md", shape, front + "\n".join(body))
    if shape == "html":
        body = "".join(f"<p>{sentence(rng, pool)}</p>{rng.choice(NEWLINES)}" for _ in range(k))
        extra = rng.choice([
            "<script>var x = '1e309 tanks';", "<!-- unterminated 500 dead", "&#1114112; &#xD800; &#0; 5 dead",
            "&amp;#x202e; 3 tanks", "<a href=\"http://x.com/a.html\">500 troops</a>", "<style>p{}</style>",
            "<div " + "a=b " * 2000 + ">7 dead</div>", "<<<>>>" * 1000,
        ])  # fmt: skip
        return Doc(f"{base}.md", shape, f"<html><body><h1>Title</h1>{body}{extra}</body></html>")
    if shape == "markdown":
        body = paragraphs(rng, pool, k)
        extra = "# Title\n\n**bold 1e309 tanks** [link](http://x) ![img](y)\n> quoted 40 dead\n"
        extra += "| a | b |\n```\n5 dead\n```\n"
        return Doc(f"{base}.md", shape, extra + body)
    if shape == "repeat":
        expr = rng.choice(REPEATS)
        pattern = eval(expr)  # our own constant expressions
        text = paragraphs(rng, pool, rng.randint(0, 3)) + pattern + "\n" + sentence(rng, pool)
        return Doc(f"{base}.txt", shape, text, note=expr)
    if shape == "longline":
        return Doc(f"{base}.txt", shape, " ".join(sentence(rng, pool) for _ in range(rng.randint(100, 600))))
    if shape == "csv":
        return Doc(f"{base}.csv", shape, make_csv(rng, pool, base, k))
    if shape == "jsonl":
        return Doc(f"{base}.jsonl", shape, make_jsonl(rng, pool, base, k))
    if shape == "name":
        return Doc(f"{base}{rng.choice(HOSTILE_NAMES)}{rng.choice(['.txt', '.md'])}", shape, paragraphs(rng, pool, k))
    lines = [
        f"{rng.choice(INJECT)} {sentence(rng, pool)}" if rng.random() < 0.5 else sentence(rng, pool) for _ in range(k)
    ]
    return Doc(f"{base}.txt", shape, rng.choice(["\n", "\r\n", "\r"]).join(lines))


def _csv_cell(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def make_csv(rng: random.Random, pool: list[str], base: str, k: int) -> str:
    rows = ["id,source,published,text"]
    for r in range(min(k, 8)):
        doc_id = rng.choice([f"{base}-{r}", f"={base}+{r}", f"@{base}-{r}", f"-{base}-{r}", f"{base}::{r}"])
        published = rng.choice(["", "", "2021-12-17", "9999-12-31", "0001-01-01", "2021-13-45", "soon"])
        text = paragraphs(rng, pool, rng.randint(1, 5)).strip()
        if rng.random() < 0.2:
            text += f"\n{rng.choice(INJECT)}\n"
        row = f"{doc_id},{rng.choice(['Reuters', '=HYPERLINK(1)', 'a|b', '::x'])},{published},{_csv_cell(text)}"
        fault = rng.random()
        if fault < 0.08:
            row = row[:-1]  # unterminated quote
        elif fault < 0.14:
            row = row.replace('"', "", 1)  # stray quote
        elif fault < 0.18:
            row += ",extra"
        elif fault < 0.22:
            row = doc_id
        rows.append(row)
    return rng.choice(["\n", "\r\n"]).join(rows) + "\n"


def make_jsonl(rng: random.Random, pool: list[str], base: str, k: int) -> str:
    lines = []
    for r in range(min(k, 8)):
        fault = rng.random()
        text = paragraphs(rng, pool, rng.randint(1, 5)).strip()
        row: dict[str, Any] = {"id": f"{base}-{r}", "text": text}
        if rng.random() < 0.3:
            row["published"] = rng.choice(["2021-12-17", "9999-12-31", "0001-01-01", 12345, None, "x"])
        if fault < 0.06:
            depth = rng.choice([50, 101, 5000, 100000])
            lines.append('{"id": "' + base + f"-{r}" + '", "text": ' + "[" * depth + "]" * depth + "}")
        elif fault < 0.1:
            lines.append('{"id": 1' + "0" * 5000 + ', "text": "5 dead"}')
        elif fault < 0.14:
            lines.append(json.dumps(row)[:-3])
        elif fault < 0.18:
            row["id"] = rng.choice([7, True, None, [1], {"a": 1}, 1.5, "", " "])
            lines.append(json.dumps(row))
        elif fault < 0.22:
            row["text"] = rng.choice([["a"], 5, None, {"t": "x"}])
            lines.append(json.dumps(row))
        else:
            lines.append(json.dumps(row, ensure_ascii=rng.random() < 0.5))
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------------------
# Checks.
# ---------------------------------------------------------------------------------------------------------

# A bug turned into a warning: "cannot clean (TypeError: ...)", "cannot read its facts (IndexError: ...)". (A number too
# long for int() in a JSONL row is reported as "bad JSON (ValueError: ...)" on purpose: not counted.)
SWALLOWED = re.compile(r"cannot [\w ]{1,30}? \((\w+(?:Error|Exception)): ")


def budget(size: int) -> float:
    return max(2.0, 3.0 * size / 1e6)


def hard_limit(size: int) -> float:
    return 3 * budget(size) + 10


def fact_violations(doc: Any, facts: list[Any]) -> list[str]:
    out = []
    n = len(doc.text)
    for f in facts:
        if not 0 <= f.start <= f.end <= n:
            out.append(f"offsets {f.start}-{f.end} outside 0-{n}")
        elif doc.text[f.start : f.end] != f.text:
            out.append(f"slice {doc.text[f.start : f.end]!r} != text {f.text!r}")
        for name in ("low", "high"):
            v = getattr(f, name)
            if isinstance(v, float) and math.isnan(v):
                out.append(f"{name} is NaN in {f.text!r}")
        if f.low is not None and f.high is not None and f.low > f.high:
            out.append(f"low {f.low} > high {f.high} in {f.text!r}")
    return out


def frame_violations(corpus: Corpus, result: Any) -> list[str]:
    texts = {d.doc_id: d.text for d in corpus.documents}
    out = []
    for row in result.facts.itertuples(index=False):
        text = texts.get(row.doc_id)
        if text is None:
            out.append(f"fact of unknown document {row.doc_id!r}")
        elif not 0 <= row.start <= row.end <= len(text) or text[row.start : row.end] != row.text:
            out.append(f"{row.doc_id}: facts.csv slice {row.start}-{row.end} != {row.text!r}")
        if not (pd.isna(row.low) or pd.isna(row.high)) and row.low > row.high:  # NaN or None here means None
            out.append(f"{row.doc_id}: low {row.low} > high {row.high} in {row.text!r}")
    for w in corpus.warnings:
        if SWALLOWED.search(w):
            out.append(f"swallowed exception: {w}")
    return out


def serialise(result: Any) -> str:
    """The whole result as text; warnings sorted (they follow the input order, which is fine) and the
    documents table by id (it follows the corpus's order, which ``load_corpus`` sorts)."""
    parts = [result.documents.sort_values("doc_id", kind="stable").to_csv(index=False)]
    parts += [getattr(result, name).to_csv(index=False) for name in ("facts", "comparisons", "single_source")]
    parts.append(result.findings.to_csv(index=False))
    parts.append("\n".join(sorted(result.warnings)))
    return "\x1e".join(parts)


def short_exc() -> str:
    lines = traceback.format_exc().strip().splitlines()
    where = next((ln.strip() for ln in reversed(lines) if ln.strip().startswith("File ")), "")
    return f"{lines[-1][:300]} [{where[:200]}]"


# ---------------------------------------------------------------------------------------------------------
# Worker side.
# ---------------------------------------------------------------------------------------------------------


@dataclass
class Record:
    label: str
    shape: str
    size: int
    phase: str  # "doc", "corpus", "cli"
    seconds: float = 0.0
    exception: str = ""
    violations: list[str] = field(default_factory=list)
    hang: bool = False


def write_docs(folder: str, docs: list[Doc]) -> list[str]:
    paths = []
    for d in docs:
        path = os.path.join(folder, d.name)
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(d.content)
        paths.append(path)
    return paths


def _label(d: Doc) -> str:
    return f"{d.name!r} {d.note}".strip()


def run_doc(d: Doc) -> Record:
    rec = Record(_label(d), d.shape, len(d.content.encode("utf-8")), "doc")
    try:
        t0 = time.perf_counter()
        try:
            doc = load_text(d.content, doc_id="d", path=d.name)
        except CorpusError:
            rec.seconds = time.perf_counter() - t0
            return rec  # an empty document: rejected as documented
        facts = extract_facts(doc)
        rec.seconds = time.perf_counter() - t0
        rec.violations += fact_violations(doc, facts)
        again = extract_facts(load_text(d.content, doc_id="d", path=d.name))
        if repr(again) != repr(facts):
            rec.violations.append("facts differ between two runs")
    except Exception:
        rec.exception = short_exc()
    return rec


def run_corpus(label: str, docs: list[Doc], flip: bool) -> Record:
    """``load_corpus`` + ``check_corpus`` on the files named in order, then in reverse order (a second run:
    the output must be the same), and with ``flip`` on a corpus whose documents are in reverse order."""
    size = sum(len(d.content.encode("utf-8")) for d in docs)
    rec = Record(label, "batch", size, "corpus")
    folder = tempfile.mkdtemp(prefix="fuzz-")
    try:
        paths = write_docs(folder, docs)
        t0 = time.perf_counter()
        try:
            corpus = consistency.load_corpus(sorted(paths))
        except CorpusError:
            return rec  # nothing left to read: documented
        first = consistency.check_corpus(corpus)
        rec.seconds = time.perf_counter() - t0
        rec.violations += frame_violations(corpus, first)
        reference = serialise(first)
        backwards = consistency.load_corpus(sorted(paths, reverse=True))
        if serialise(consistency.check_corpus(backwards)) != reference:
            rec.violations.append("output differs on a second run with the files given in reverse order")
        if flip:
            flipped = Corpus(tuple(reversed(corpus.documents)), corpus.warnings)
            if serialise(consistency.check_corpus(flipped)) != reference:
                rec.violations.append("output differs when the documents are in reverse order")
    except Exception:
        rec.exception = short_exc()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return rec


GITHUB_COMMAND = re.compile(r"^::(error|warning|notice)((?: [^:]*)?)::")
STDERR_LINE = re.compile(r"^(?:warning|error|note|Error): |^wrote |^stale baseline entry |^Usage: |^Try '")


def cli_violations(args: list[str], proc: subprocess.CompletedProcess[bytes], github: bool) -> list[str]:
    out = []
    stdout = proc.stdout.decode("utf-8", "replace")
    stderr = proc.stderr.decode("utf-8", "replace")
    what = " ".join(args[:2])
    if proc.returncode not in (0, 1, 2):
        out.append(f"{what}: exit code {proc.returncode}")
    if "Traceback" in stderr:
        out.append(f"{what}: traceback: {stderr.strip().splitlines()[-1][:200]!r}")
    if "internal error" in stderr:
        out.append(f"{what}: {next(ln for ln in stderr.splitlines() if 'internal error' in ln)[:300]!r}")
    for m in SWALLOWED.finditer(stderr):
        out.append(f"{what}: swallowed exception {m.group(1)} in a warning")
    for line in stderr.splitlines():
        if line and not STDERR_LINE.match(line):
            out.append(f"{what}: stderr line is not a whole message: {line[:120]!r}")
    for name, text in (("stdout", stdout), ("stderr", stderr)):
        for line in text.splitlines():
            if not line.startswith("::"):
                continue
            m = GITHUB_COMMAND.match(line)
            if not (github and name == "stdout" and m and "PWNED" not in m.group(2)):
                out.append(f"{what}: {name} line starts with '::': {line[:120]!r}")
    return out


def run_cli(label: str, docs: list[Doc]) -> Record:
    size = sum(len(d.content.encode("utf-8")) for d in docs)
    rec = Record(label, "cli", size, "cli")
    root = tempfile.mkdtemp(prefix="fuzzcli-")
    folder = os.path.join(root, "docs")
    os.mkdir(folder)
    limit = 60 + sum(hard_limit(len(d.content)) for d in docs)
    try:
        write_docs(folder, docs)
        names = ["./" + d.name for d in sorted(docs, key=lambda d: d.name)]
        env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
        env.pop("GITHUB_STEP_SUMMARY", None)
        outputs: dict[str, list[bytes]] = {}
        t0 = time.perf_counter()
        for run, inputs in enumerate((names, names[::-1])):
            for command in (["report", *inputs, "--out", "../out", "-q"], ["check", *inputs, "--format", "github"]):
                argv = [sys.executable, "-m", "consistency", *command]
                try:
                    proc = subprocess.run(argv, cwd=folder, env=env, capture_output=True, timeout=limit)
                except subprocess.TimeoutExpired:
                    rec.hang = True
                    rec.violations.append(f"{command[0]}: over {limit:.0f} s")
                    return rec
                rec.violations += cli_violations(command, proc, command[0] == "check")
                produced = [proc.stdout, proc.stderr] if command[0] == "check" else [proc.stderr]
                if command[0] == "report":
                    out = Path(root, "out")
                    produced += [p.read_bytes() for p in sorted(out.iterdir())] if out.is_dir() else []
                key = command[0]
                if run == 0:
                    outputs[key] = produced
                elif produced != outputs[key]:
                    if key == "report" and produced[1:] != outputs[key][1:]:
                        lines = [sorted(b.splitlines()) for b in produced[1:]]
                        same = lines == [sorted(b.splitlines()) for b in outputs[key][1:]]
                        what = "only in the order of their lines (warnings)" if same else ""
                        rec.violations.append(f"report files differ when the files are given in reverse order {what}")
                    elif key == "check" and produced[0] != outputs[key][0]:
                        rec.violations.append("check output differs when the files are given in reverse order")
        rec.seconds = time.perf_counter() - t0
    except Exception:
        rec.exception = short_exc()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return rec


def worker(conn: Any) -> None:
    """Runs tasks sent over ``conn`` and reports each item's start and record back over it."""
    while True:
        task = conn.recv()
        if task is None:
            return
        kind, label, docs, start_at, cli_label = task
        if kind == "cli":
            conn.send(("start", cli_label, 60 + sum(hard_limit(len(d.content)) for d in docs)))
            conn.send(("record", run_cli(cli_label, docs), 0))
        else:
            for i in range(start_at, len(docs)):
                conn.send(("start", i, hard_limit(len(docs[i].content))))
                conn.send(("record", run_doc(docs[i]), 0))
            conn.send(("start", "corpus", 3 * sum(hard_limit(len(d.content)) for d in docs)))
            flip = int(label.split()[1]) % 4 == 0  # "batch 12 (docs ...)": every fourth batch
            conn.send(("record", run_corpus(label, docs, flip), 0))
        conn.send(("done", None, 0))


# ---------------------------------------------------------------------------------------------------------
# Supervisor.
# ---------------------------------------------------------------------------------------------------------


class Pool:
    """Workers fed one task at a time over a pipe of their own; one that overruns its current item is killed
    (by its own handle) and replaced, and the rest of its batch goes back in the queue."""

    def __init__(self, n: int) -> None:
        self.ctx = mp.get_context("fork")
        self.slots: list[dict[str, Any]] = [self._spawn() for _ in range(n)]

    def _spawn(self) -> dict[str, Any]:
        here, there = self.ctx.Pipe()
        proc = self.ctx.Process(target=worker, args=(there,), daemon=True)
        proc.start()
        there.close()
        return {"proc": proc, "conn": here, "task": None, "item": None, "since": 0.0, "limit": 0.0}

    def run(self, pending: deque[tuple[Any, ...]], on_record: Any) -> None:
        while pending or any(s["task"] is not None for s in self.slots):
            for slot in self.slots:
                if slot["task"] is None and pending:
                    slot["task"] = pending.popleft()
                    slot["item"], slot["since"], slot["limit"] = None, time.monotonic(), 3600.0
                    slot["conn"].send(slot["task"])
            ready = mp_connection.wait([s["conn"] for s in self.slots if s["task"] is not None], timeout=0.2)
            for slot in self.slots:
                if slot["conn"] not in ready:
                    continue
                try:
                    what, item, extra = slot["conn"].recv()
                except (EOFError, OSError):  # the worker died: count its item as a hang
                    slot["limit"] = 0.0
                    continue
                if what == "start":
                    slot["item"], slot["since"], slot["limit"] = item, time.monotonic(), extra
                elif what == "record":
                    on_record(item)
                else:
                    slot["task"] = None
            for wid, slot in enumerate(self.slots):
                if slot["task"] is not None and time.monotonic() - slot["since"] > slot["limit"]:
                    self._hang(wid, slot, pending, on_record)

    def _hang(self, wid: int, slot: dict[str, Any], pending: deque[tuple[Any, ...]], on_record: Any) -> None:
        kind, label, docs, _start_at, cli_label = slot["task"]
        item = slot["item"]
        slot["proc"].kill()  # our own worker, by its handle
        slot["proc"].join()
        slot["conn"].close()
        if isinstance(item, int):
            d = docs[item]
            on_record(Record(_label(d), d.shape, len(d.content.encode()), "doc", slot["limit"], hang=True))
            rest = docs[:item] + docs[item + 1 :]
            if rest:
                pending.appendleft((kind, label, rest, item, cli_label))
        else:
            size = sum(len(d.content.encode()) for d in docs)
            phase = "cli" if kind == "cli" else "corpus"
            on_record(Record(label if phase == "corpus" else cli_label, "batch", size, phase, slot["limit"], hang=True))
        self.slots[wid] = self._spawn()

    def close(self) -> None:
        for slot in self.slots:
            slot["conn"].send(None)
        for slot in self.slots:
            slot["proc"].join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="documents to generate [10000]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cli", type=int, default=200, help="documents also run through the CLI [200]")
    parser.add_argument("--cli-group", type=int, default=5, help="documents per CLI run [5]")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=25, help="documents per load_corpus + check_corpus [25]")
    parser.add_argument("--show", type=int, default=5, help="examples shown per failure column [5]")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    pool = real_sentences()
    docs = [make_doc(rng, pool, i) for i in range(args.n)]
    print(f"{len(docs):,} documents ({sum(len(d.content) for d in docs) / 1e6:.1f} M characters) "
          f"from {len(pool):,} real sentences, seed {args.seed}", flush=True)  # fmt: skip
    pending: deque[tuple[Any, ...]] = deque()
    for b in range(0, len(docs), args.batch):
        pending.append(("lib", f"batch {b // args.batch} (docs {b}-{min(b + args.batch, len(docs)) - 1})",
                        docs[b : b + args.batch], 0, ""))  # fmt: skip
    step = max(len(docs) // max(args.cli, 1), 1)
    sample = docs[::step][: args.cli]
    for g in range(0, len(sample), args.cli_group):
        group = sample[g : g + args.cli_group]
        pending.append(("cli", "", group, 0, f"cli {g // args.cli_group}: {', '.join(repr(d.name) for d in group)}"))

    records: list[Record] = []
    t0 = time.monotonic()

    def on_record(rec: Record) -> None:
        records.append(rec)
        if len(records) % 1000 == 0:
            print(f"  {len(records):,} items, {time.monotonic() - t0:.0f} s", flush=True)

    workers = Pool(args.workers)
    try:
        workers.run(pending, on_record)
    finally:
        workers.close()
    print(f"done in {time.monotonic() - t0:.0f} s\n")
    report(records, args.show)


def _what(r: Record) -> str:
    """What went wrong, short enough to group by (numbers and quoted text dropped)."""
    what = r.exception or (r.violations[0] if r.violations else "")
    if not what:  # a hang or a slow document: its pattern (a repeat) or its shape
        pattern = r.label.split(" ", 1)[1] if r.shape == "repeat" and " " in r.label else r.shape
        return f"{'killed' if r.hang else 'slow'}: {pattern}"
    return re.sub(r"'[^']*'|\d+", "_", what)[:90]


def report(records: list[Record], show: int) -> None:
    rows = []
    for phase, title in (("doc", "extract_facts(load_text)"), ("corpus", "load_corpus+check_corpus"),
                         ("cli", "CLI report + check")):  # fmt: skip
        rs = [r for r in records if r.phase == phase]
        over = [r for r in rs if not r.hang and phase == "doc" and r.seconds > budget(r.size)]
        rows.append([title, len(rs), sum(bool(r.exception) for r in rs), sum(r.hang for r in rs), len(over),
                     sum(bool(r.violations) for r in rs)])  # fmt: skip
    print("| run | items | exceptions | hangs (killed) | over budget | invariant violations |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(str(x) for x in row) + " |")
    docs = [r for r in records if r.phase == "doc" and not r.hang and r.seconds > 0]
    print("\nper shape (extract_facts(load_text)):")
    print("| shape | docs | exceptions | hangs | violations | median MB/s | slowest s/MB (docs >= 10 KB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for shape in sorted({r.shape for r in records if r.phase == "doc"}):
        rs = [r for r in records if r.phase == "doc" and r.shape == shape]
        timed = [r for r in docs if r.shape == shape]
        rate = statistics.median(r.size / 1e6 / r.seconds for r in timed) if timed else float("nan")
        big = [r.seconds / (r.size / 1e6) for r in timed if r.size >= 10_000]
        slowest = max(big) if big else float("nan")
        print(f"| {shape} | {len(rs)} | {sum(bool(r.exception) for r in rs)} | {sum(r.hang for r in rs)} | "
              f"{sum(bool(r.violations) for r in rs)} | {rate:.2f} | {slowest:.1f} |")  # fmt: skip
    big = [r for r in docs if r.size >= 10_000]
    if big:
        worst = max(big, key=lambda r: r.seconds / r.size)
        print(f"\nslowest per MB (>= 10 KB): {worst.seconds / (worst.size / 1e6):.1f} s/MB, {worst.label} "
              f"({worst.shape}, {worst.size:,} bytes, {worst.seconds:.2f} s)")  # fmt: skip
        news = [r.seconds / (r.size / 1e6) for r in big if r.shape in ("plain", "longline")]
        if news:
            print(f"ordinary text (plain/longline >= 10 KB): median {statistics.median(news):.1f} s/MB")
    if docs:
        slowest = max(docs, key=lambda r: r.seconds)
        print(f"slowest document: {slowest.seconds:.2f} s, {slowest.label} ({slowest.shape}, {slowest.size:,} bytes)")
    for title, picked in (
        ("exceptions", [r for r in records if r.exception]),
        ("hangs", [r for r in records if r.hang]),
        ("over budget", [r for r in docs if r.seconds > budget(r.size)]),
        ("violations", [r for r in records if r.violations]),
    ):
        if not picked:
            continue
        print(f"\n{title}: {len(picked)}")
        kinds = Counter(_what(r) for r in picked)
        for what, count in kinds.most_common(12):
            example = next(r for r in picked if _what(r) == what)
            print(f"  {count:5d} x {what}\n          e.g. {example.phase} {example.label[:160]} ({example.shape})")
        for r in picked[:show]:
            detail = r.exception or "; ".join(r.violations[:3]) or f"{r.seconds:.1f} s"
            print(f"  - {r.phase} {r.label[:120]} ({r.shape}, {r.size:,} B): {detail[:400]}")


if __name__ == "__main__":
    main()
