"""report.md reads claim-first and claims.csv has one row per claim and value, as a reviewer would check them.

Expected values were read off the seed articles by hand:
- seeds/001 line 11: "recent buildup of between 75,000-100,000 Russian troops along the Ukraine border";
- seeds/002 line 14: "Russia has massed more than 100,000 troops on the border with Ukraine";
- "January 12" (talks start): seeds/000 line 15 and seeds/002 line 6; "next month": seeds/000 lines 1 and 5
  (the aligner may add other wordings of when talks start, e.g. seeds/004 line 13 "the beginning of the [next]
  year": the tests do not depend on them).
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from markdown_it import MarkdownIt

import consistency
from consistency.facts import fact_place
from consistency.output import REPORT_FILES, write_report
from consistency.output import markdown as markdown_module
from consistency.output.claims import CLAIM_COLUMNS, claims_table, write_claims_csv
from consistency.output.markdown import document_links, markdown_report
from tests.conftest import SEEDS

#: Real sentences stating the troop figure (seeds/002 line 14, seeds/001 line 11).
MORE = "According to Washington, Russia has massed more than 100,000 troops on the border with Ukraine."
BETWEEN = "Putin says recent buildup of between 75,000-100,000 Russian troops along the Ukraine border is a response."
LINK = re.compile(r"\[((?:\\.|[^\[\]\\])*)\]\(([^)\s]+)\)")


@pytest.fixture(scope="module")
def seeds() -> consistency.Result:
    return consistency.check([SEEDS])


@pytest.fixture(scope="module")
def seeds_report(seeds: consistency.Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "out"
    write_report(seeds, out)
    return out


def links(markdown: str) -> list[tuple[str, str]]:
    return LINK.findall(markdown)


def target_file(report_dir: Path, target: str) -> tuple[Path, int | None]:
    path, _, anchor = target.partition("#")
    line = int(anchor[1:]) if anchor.startswith("L") else None
    return (report_dir / unquote(path)).resolve(), line


# --- report.md: the first screen -----------------------------------------------------------------------------


def test_the_troop_dispute_opens_the_report_with_both_values_and_links(seeds_report: Path) -> None:
    lines = (seeds_report / "report.md").read_text(encoding="utf-8").splitlines()
    first = "\n".join(lines[:30])
    headline = next(line for line in lines[:30] if line.startswith("**troops**"))
    assert "more than 100,000 (1 document)" in headline and "75,000–100,000 (1 document)" in headline
    assert " vs " in headline
    # Each value's evidence links the line that says it, with the words in bold.
    assert "[002_4f8a57ab780d97d1:14](" in first and "#L14)" in first
    assert "[001_7833a452b3925789:11](" in first and "#L11)" in first
    assert "**more than 100,000 troops**" in first
    assert "**between 75,000-100,000 Russian troops**" in first
    # No wide table before the disputes: the documents table comes last.
    assert not any(line.startswith("|") for line in lines[:30])
    assert lines.index("## Documents") > lines.index("## Agreements (1)") > lines.index("## Disputed claims (1)")


def test_every_link_resolves_to_the_line_that_states_the_value(seeds_report: Path) -> None:
    markdown = (seeds_report / "report.md").read_text(encoding="utf-8")
    found = links(markdown)
    assert len(found) > 10
    for _, target in found:
        path, line = target_file(seeds_report, target)
        assert path.is_file(), target
        assert not target.startswith("/") and ":" not in target.split("#")[0], target  # relative
        if line is not None:
            assert line <= len(path.read_text(encoding="utf-8").splitlines()), target
    # The troop figures are on the lines their links name (seeds/002 line 14, seeds/001 line 11).
    for label, words in (
        ("002_4f8a57ab780d97d1:14", "more than 100,000 troops"),
        ("001_7833a452b3925789:11", "75,000-100,000"),
    ):
        target = next(t for text, t in found if text == label)
        path, line = target_file(seeds_report, target)
        assert line is not None and words in path.read_text(encoding="utf-8").splitlines()[line - 1]


def test_links_reach_documents_in_different_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for folder, sentence in (("wire", MORE), ("desk/local", BETWEEN)):
        Path(folder).mkdir(parents=True)
        Path(folder, "story.txt").write_text(f"Border\n\n{sentence}\n", encoding="utf-8")
    result = consistency.check(["wire", "desk"])
    write_report(result, "reports/today")
    markdown = Path("reports/today/report.md").read_text(encoding="utf-8")
    targets = {target for _, target in links(markdown)}
    assert "../../wire/story.txt#L3" in targets and "../../desk/local/story.txt#L3" in targets
    for target in targets:
        assert target_file(tmp_path / "reports/today", target)[0].is_file()
    # Printed without a folder (stdout, a job summary), links are relative to the working directory, or a prefix.
    assert "(wire/story.txt#L3)" in markdown_report(result)
    assert "(../wire/story.txt#L3)" in markdown_report(result, base="../")
    assert set(document_links(result, "reports/today").values()) == {
        "../../wire/story.txt",
        "../../desk/local/story.txt",
    }


def test_agreements_are_one_line_and_single_source_facts_are_collapsed(seeds_report: Path) -> None:
    text = (seeds_report / "report.md").read_text(encoding="utf-8")
    agreements = text.split("## Agreements (1)")[1].split("## ")[0]
    items = [line for line in agreements.splitlines() if line.startswith("- ")]
    assert len(items) == 1
    # "January 12" in two documents comes first; "next month" (seeds/000 only) is one of the other values.
    assert "2022-01-12 (2 documents), " in items[0] and "2022-01 (1 document)" in items[0]
    assert "#L15)" in items[0] and "#L6)" in items[0]  # seeds/000 line 15, seeds/002 line 6
    single = text.split("## Single-source facts")[1].split("## ")[0]
    assert "<details>" in single and "</details>" in single
    assert re.search(r"</summary>\n\n- ", single), "GitHub renders Markdown in <details> only after a blank line"


# --- report.md: document text cannot break out -----------------------------------------------------------------

HOSTILE = {
    "a.txt": "Border\n\n| col | **bold** [x](javascript:alert(1)) <script>alert(1)</script> " + MORE + "\n",
    "b.txt": "Border\n\n" + BETWEEN.replace("Putin", "Putin ** [y](javascript:alert(2)) | <img src=x>") + "\n",
}
ALLOWED_HTML = {"<details>", "</details>", "</summary>"}


def render(markdown: str) -> list[tuple[str, str, str]]:
    """(type, content, href) of every inline token, as a CommonMark renderer with tables and raw HTML sees it."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    out = []
    for token in parser.parse(markdown):
        for child in [token, *(token.children or [])]:
            out.append((child.type, child.content, str(child.attrGet("href") or "")))
    return out


def test_document_text_cannot_make_links_html_or_bold(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, content in HOSTILE.items():
        (corpus / name).write_text(content, encoding="utf-8")
    result = consistency.check([corpus])
    assert (result.comparisons["verdict"] == "conflict").any(), "the hostile sentences must still disagree"
    out = tmp_path / "out"
    write_report(result, out)
    markdown = (out / "report.md").read_text(encoding="utf-8")
    tokens = render(markdown)
    hrefs = [href for kind, _, href in tokens if kind == "link_open"]
    assert hrefs and all(href.startswith("../corpus/") for href in hrefs), hrefs
    html = [
        line.strip()
        for kind, content, _ in tokens
        if kind in ("html_inline", "html_block")
        for line in content.splitlines()
    ]
    assert all(h in ALLOWED_HTML or re.fullmatch(r"<summary>[^<>]*</summary>", h) for h in html), html
    # What survives cleaning (the cleaner drops the <script> element itself) is shown as the text it is.
    shown = "".join(content for kind, content, _ in tokens if kind == "text")
    assert "[x](javascript:alert(1))" in shown and "Putin ** [y](javascript:alert(2)) |" in shown
    assert "<script" not in markdown.lower() and "<img" not in markdown.lower()
    # Bold holds exactly the matched words: the document's ** opened nothing.
    bold = re.findall(r"strong_open', '', ''\), \('text', '([^']*)'", repr(tokens))
    assert "more than 100,000 troops" in bold and "**bold**" not in bold
    assert not any(line.startswith("|") and "col" in line for line in markdown.splitlines())


# --- claims.csv ----------------------------------------------------------------------------------------------


def test_claims_csv_has_one_row_per_claim_and_value(seeds: consistency.Result) -> None:
    handle = io.StringIO()
    write_claims_csv(seeds, handle, escape_formulas=False)
    table = pd.read_csv(io.StringIO(handle.getvalue()))
    assert list(table.columns) == CLAIM_COLUMNS
    troops = table[table["subject"] == "troops"]
    assert troops["claim_verdict"].tolist() == ["conflict", "conflict"]
    assert dict(zip(troops["value"], troops["documents"], strict=True)) == {"(100000, inf)": 1, "[75000, 100000]": 1}
    assert dict(zip(troops["value"], troops["example_line"], strict=True)) == {
        "(100000, inf)": 14,
        "[75000, 100000]": 11,
    }
    assert sorted(troops["verdict"]) == ["agree", "conflict"]
    talks_id = table.loc[table["value"] == "2022-01-12", "claim_id"].iloc[0]
    talks = table[table["claim_id"] == talks_id].set_index("value")
    assert talks.index[0] == "2022-01-12"  # the most-stated value first
    assert talks.loc["2022-01-12", "documents"] == 2
    assert talks.loc["2022-01-12", "doc_ids"] == "000_b3be5b1ba27ca5a8;002_4f8a57ab780d97d1"
    assert talks.loc["2022-01", "documents"] == 1  # "next month" twice, in one document
    assert talks.loc["2022-01", "fact_ids"].count(";") == 1
    assert talks.loc["2022-01", "verdict"] == "compatible"  # January lies around January 12
    assert table["claim_id"].iloc[0] == troops["claim_id"].iloc[0]  # the dispute first
    assert table.duplicated(["claim_id", "value"]).sum() == 0


def test_the_verdict_without_a_comparison_row_is_computed_the_same(seeds: consistency.Result) -> None:
    """A value group no comparison row sets against its claim's reference is compared on the facts read back from
    the table (``_facts_at``): the verdict must be the one the rows give where they do."""
    from consistency.compare import compare
    from consistency.config import Settings
    from consistency.output.claims import _claims, _facts_at

    table = claims_table(seeds)
    row_of = {f: n for n, f in enumerate(seeds.facts["fact_id"])}
    compared = 0
    for claim in _claims(seeds.comparisons):
        rows = table[table["claim_id"] == claim.claim_id]
        firsts = [row_of[ids.split(";")[0]] for ids in rows["fact_ids"]]
        found = _facts_at(seeds.facts, sorted(set(firsts)))
        verdicts = [compare(found[firsts[0]], found[n], Settings()).verdict for n in firsts[1:]]
        assert verdicts == rows["verdict"].tolist()[1:]
        compared += len(verdicts)
    assert compared >= 3  # the seeds have three such groups


def test_thirty_outlets_stating_one_figure_stay_linear(tmp_path: Path) -> None:
    for n in range(30):
        (tmp_path / f"outlet{n:02d}.txt").write_text(f"Border report {n}\n\n{MORE}\n", encoding="utf-8")
    (tmp_path / "dissent.txt").write_text(f"Border report\n\n{BETWEEN}\n", encoding="utf-8")
    result = consistency.check([tmp_path])
    table = claims_table(result)
    troops = table[table["kind"] == "count"]
    assert troops["documents"].tolist() == [30, 1]
    assert len(result.comparisons) <= 2 * 31  # about one row per fact, not 465 pairs
    markdown = markdown_report(result)
    assert "more than 100,000 (30 documents) vs 75,000–100,000 (1 document)" in markdown
    assert "and 25 more" in markdown  # five links shown per value, the rest counted


def test_a_huge_corpus_gives_a_bounded_report(seeds: consistency.Result, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(markdown_module, "MAX_TABLE_ROWS", 5)
    markdown = markdown_report(seeds)
    single = markdown.split("## Single-source facts")[1].split("## ")[0]
    assert len([line for line in single.splitlines() if line.startswith("- ")]) == 5
    assert f"_… and {len(seeds.single_source) - 5} more facts in `facts.csv`._" in single


def test_the_report_folder_holds_the_claims(seeds_report: Path) -> None:
    assert set(REPORT_FILES) >= {"claims.csv", "report.md"}
    assert (seeds_report / "claims.csv").is_file()
    assert len(pd.read_csv(seeds_report / "claims.csv")) == len(claims_table(consistency.check([SEEDS])))


def test_links_to_markdown_documents_show_the_line_not_the_rendered_page(tmp_path: Path) -> None:
    """GitHub renders a .md file, and a rendered page has no line anchors: links to Markdown documents ask for
    the plain file (``?plain=1#L3``) in report.md and report.html; text files keep ``#L3``."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "release.md").write_text("# Release\n\nVersion 2.0 was released on March 14.\n", encoding="utf-8")
    (docs / "notes.txt").write_text("Version 2.0 shipped on March 12.\n", encoding="utf-8")
    write_report(consistency.report(docs), tmp_path / "out")
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert "release.md?plain=1#L3)" in md and "notes.txt#L1)" in md
    assert "release.md?plain=1#L3" in html and "notes.txt#L1" in html


def test_a_fact_s_line_is_found_from_its_id_in_any_order_of_the_facts(seeds: consistency.Result) -> None:
    """The report links each value's first documents at the line of their first fact, found from the fact's id
    (its document and start) rather than from a table of every fact its claims name: right whatever order the
    facts come in, and no line for an id the facts do not hold."""
    facts = seeds.facts
    shuffled = facts.sample(frac=1, random_state=7).reset_index(drop=True)
    lines = markdown_module._Lines(shuffled)
    assert [lines.line(*fact_place(f)) for f in facts["fact_id"]] == [int(n) for n in facts["line"]]
    doc, start = fact_place(str(facts["fact_id"].iloc[0]))
    assert lines.line(doc, start + 1) is None and lines.line("elsewhere", 0) is None
    assert lines.line(*fact_place("no id")) is None
