"""``report.html``: what a reader sees, checked in a real headless Chromium, and the page's text itself.

The browser tests load the file with ``chromium --headless --dump-dom`` (the DOM after the page's script ran),
with the filter state in the URL fragment, and parse the DOM with :mod:`html.parser`: no Python dependency
beyond the standard library. They are skipped, with the reason, where no Chromium or Chrome is installed
(``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

import consistency
from consistency.config import Settings
from consistency.output.claims import claims_table
from consistency.output.html import html_report, write_html
from consistency.pipeline import Result

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
BROWSER = next((b for b in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if b), None)
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no chromium, chromium-browser or google-chrome on PATH (.ci/run installs chromium)"
)

# seeds/001 line 11 and seeds/002 line 14, read by hand: the two troop figures of the seeds' disputed claim.
TROOPS_A = "between 75,000-100,000 Russian troops"
TROOPS_B = "more than 100,000 troops"

# Planted in a file name, a source, a sentence and a warning: each must show as text and do nothing.
PWN = "document.body.setAttribute('data-pwned','1')"
# A loaded test machine must not skip a seed for time (the per-document budget is at least 2 s, and the first
# document also pays for loading the lexicons).
PATIENT = Settings(time_budget=3600.0)
PAYLOADS = ("<script>alert(1)</script>", f'"><img src=x onerror="{PWN}">', "</script>")


# --- a tiny DOM ----------------------------------------------------------------------------------------------

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclasses.dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = dataclasses.field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Node]:
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str, **attrs: str) -> list[Node]:
        def ok(n: Node) -> bool:
            return n.tag == tag and all(n.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items())

        return [n for n in self.iter() if ok(n)]

    def has_class(self, name: str) -> bool:
        return name in self.attrs.get("class", "").split()

    @property
    def hidden(self) -> bool:
        return "hidden" in self.attrs


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(markup: str) -> Node:
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root


def dump_dom(page: Path, fragment: str, profile: Path) -> Node:
    """The DOM a reader of ``page#fragment`` has once the page's script ran (Chromium, headless)."""
    assert BROWSER is not None
    command = [
        BROWSER,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-extensions",
        "--disable-background-networking",
        f"--user-data-dir={profile}",
        "--virtual-time-budget=2000",
        "--dump-dom",
        page.as_uri() + (f"#{fragment}" if fragment else ""),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<html" in done.stdout, done.stderr[-2000:]
    return parse(done.stdout)


def cards(dom: Node) -> dict[str, Node]:
    return {n.attrs["data-claim"]: n for n in dom.find_all("article") if n.has_class("card")}


def visible(dom: Node) -> list[str]:
    return [claim for claim, card in cards(dom).items() if not card.hidden]


def count(dom: Node, verdict: str) -> str:
    return next(n.text() for n in dom.find_all("span", data_count=verdict))


# --- fixtures ------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds() -> Result:
    with contextlib.chdir(ROOT):  # relative document paths, as a user running in the repository gets
        return consistency.check(["seeds"], settings=PATIENT)


def doc(result: Result, prefix: str) -> str:
    """The id of the document whose file name starts with ``prefix``."""
    (found,) = [d for d in result.documents["doc_id"] if d.startswith(prefix)]
    return str(found)


@pytest.fixture(scope="module")
def seeds_page(seeds: Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    page = tmp_path_factory.mktemp("report") / "report.html"
    with page.open("w", encoding="utf-8") as handle:
        write_html(seeds, handle, base="../")
    return page


@pytest.fixture
def browse(tmp_path: Path) -> Callable[[Path, str], Node]:
    profiles = iter(range(1000))

    def run(page: Path, fragment: str = "") -> Node:
        return dump_dom(page, fragment, tmp_path / f"profile{next(profiles)}")

    return run


def planted(tmp_path: Path) -> Result:
    """Two documents in conflict on a death toll, with the payloads in a file name, a source, the sentence of
    the disputed value and a warning. (The sentence splitter cuts sentences at a planted ``>``, so the payloads
    go into the sentence cell after extraction, as a document whose sentence held them would put them.)"""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"a{PAYLOADS[1]}.txt").write_text("Police said 40 people were killed in the blast near the station.\n")
    (corpus / "b.txt").write_text("Officials said 55 people were killed in the blast near the station.\n")
    result = consistency.check([str(corpus)], settings=PATIENT)
    facts = result.facts.copy()
    facts["sentence"] = [f"{s} {' '.join(PAYLOADS)}" for s in facts["sentence"]]
    documents = result.documents.copy()
    documents["source"] = "".join(PAYLOADS)
    return dataclasses.replace(result, facts=facts, documents=documents, warnings=(*result.warnings, "".join(PAYLOADS)))


# --- the page as text ----------------------------------------------------------------------------------------


def test_same_input_same_bytes(seeds: Result) -> None:
    with contextlib.chdir(ROOT):
        assert html_report(seeds, base="../") == html_report(seeds, base="../")
        assert html_report(seeds) == html_report(consistency.check(["seeds"], settings=PATIENT))


def test_the_disputed_claim_is_the_first_card_with_both_values_marked(seeds: Result) -> None:
    page = parse(html_report(seeds))
    first, *_ = cards(page).values()
    assert first.attrs["data-verdict"] == "conflict" and first.attrs["data-kind"] == "count"
    assert sorted(m.text() for m in first.find_all("mark")) == [TROOPS_A, TROOPS_B]
    sentences = [n.text() for n in first.iter() if n.tag == "blockquote"]
    assert any("Russia has massed more than 100,000 troops on the border with Ukraine" in s for s in sentences)


def test_documents_link_to_their_files_at_the_line(seeds: Result) -> None:
    with contextlib.chdir(ROOT):  # document paths are relative to the working directory
        page = html_report(seeds, base="../")
    first = cards(parse(page))["C0001"]
    links = {a.text(): a.attrs["href"] for a in first.find_all("a")}
    assert links[f"{doc(seeds, '001_')}:11"] == "../seeds/001_7833a452b3925789.txt#L11"
    assert links[f"{doc(seeds, '002_')}:14"] == "../seeds/002_4f8a57ab780d97d1.txt#L14"


def test_a_mapping_base_gives_each_document_its_own_relative_path(seeds: Result) -> None:
    links = {d: f"../../corpus dir/{d}.txt" for d in seeds.documents["doc_id"]}
    links[doc(seeds, "001_")] = "javascript:alert(1)"
    page = html_report(seeds, base=links)
    assert f'href="../../corpus%20dir/{doc(seeds, "002_")}.txt#L14"'.replace(" ", "%20") in page
    assert 'href="javascript%3Aalert%281%29#L11"' in page
    assert "javascript:" not in page


def test_an_absolute_path_stays_absolute_and_a_missing_file_gets_no_link(tmp_path: Path) -> None:
    result = planted(tmp_path)
    (absolute,) = [Path(p) for p in result.documents["path"] if p.endswith("b.txt")]
    assert absolute.is_absolute()
    assert f'href="{absolute.as_posix()}#L1"' in html_report(result, base="../")
    absolute.unlink()
    page = parse(html_report(result, base="../"))
    (card,) = cards(page).values()
    assert [a.text() for a in card.find_all("a")] == [f"{doc(result, 'a')}:1"]
    assert f"{doc(result, 'b')}:1" in [n.text() for n in card.find_all("span") if n.has_class("doc")]


def test_nothing_is_fetched_from_the_network(seeds: Result) -> None:
    page = html_report(seeds, base="../")
    assert not re.search(r"""(?:src|href|action|srcset)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|url\(|<link|<iframe|<img|<object|<embed", page, re.I)
    (policy,) = parse(page).find_all("meta", http_equiv="Content-Security-Policy")
    assert policy.attrs["content"].startswith("default-src 'none';")


def test_the_script_is_the_one_the_content_security_policy_allows(seeds: Result) -> None:
    page = html_report(seeds)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    (policy,) = parse(page).find_all("meta", http_equiv="Content-Security-Policy")
    assert policy.attrs["content"].endswith(f"script-src 'sha256-{digest}'")


def test_planted_markup_is_text(tmp_path: Path) -> None:
    page = html_report(planted(tmp_path))
    assert page.count("<script") == 1 and page.count("</script>") == 1
    assert "<img" not in page and 'onerror="' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&quot;&gt;&lt;img src=x onerror=&quot;" in page


def test_timeline_has_a_row_per_dated_claim_and_per_other_date(seeds: Result) -> None:
    page = parse(html_report(seeds))
    table = claims_table(seeds)
    dated_claims = sorted(set(table.loc[table["kind"] == "date", "claim_id"]))
    assert dated_claims == ["C0002"]
    rows = [n for n in page.find_all("li") if n.has_class("tl-row")]
    assert sorted(n.attrs["data-claim"] for n in rows if "data-claim" in n.attrs) == dated_claims
    in_claims = {f for ids in table["fact_ids"] for f in ids.split(";")}
    dates = seeds.facts[(seeds.facts["kind"] == "date") & ~seeds.facts["fact_id"].isin(in_claims)]
    assert sorted(n.attrs["data-fact"] for n in rows if "data-fact" in n.attrs) == sorted(dates["fact_id"])
    # earliest first: the 1987 treaty (seeds/001 line 37) opens the timeline
    assert rows[0].find_all("span")[0].text() == "1987"


# --- in the browser ------------------------------------------------------------------------------------------


@needs_browser
def test_a_reader_sees_every_claim_then_only_the_disputed_one(
    seeds_page: Path, browse: Callable[[Path, str], Node]
) -> None:
    everything = browse(seeds_page, "")
    assert visible(everything) == ["C0001", "C0002"]
    assert everything.find_all("output", id="status")[0].text() == "showing 2 of 2 claims"
    disputed = browse(seeds_page, "verdict=conflict")
    assert visible(disputed) == ["C0001"]
    assert cards(disputed)["C0002"].hidden
    marks = sorted(m.text() for m in cards(disputed)["C0001"].find_all("mark"))
    assert marks == [TROOPS_A, TROOPS_B]
    assert disputed.find_all("output", id="status")[0].text() == "showing 1 of 2 claims"


@needs_browser
def test_search_and_kind_narrow_the_cards_and_the_counts(seeds_page: Path, browse: Callable[[Path, str], Node]) -> None:
    talks = browse(seeds_page, "q=talks")
    assert visible(talks) == ["C0002"]
    assert (count(talks, "conflict"), count(talks, "compatible")) == ("0", "1")
    counts = browse(seeds_page, "kind=count&q=russian+troops")
    assert visible(counts) == ["C0001"]
    assert count(counts, "single") == "0"  # no single-source count fact says "russian troops"
    nothing = browse(seeds_page, "verdict=agree")
    assert visible(nothing) == []
    assert not nothing.find_all("p", id="nothing")[0].hidden


@needs_browser
def test_the_timeline_shows_the_dates(seeds: Result, seeds_page: Path, browse: Callable[[Path, str], Node]) -> None:
    dom = browse(seeds_page, "verdict=conflict")
    rows = [n for n in dom.find_all("li") if n.has_class("tl-row")]
    assert len(rows) > 10 and not any(r.hidden for r in rows)  # the filters are for the cards
    # The date talks start (seeds/000 line 15, seeds/002 line 6: "January 12"): one row, a bar per value,
    # earliest first.
    talks = next(r for r in rows if r.attrs.get("data-claim") == "C0002")
    table = claims_table(seeds).query("claim_id == 'C0002'").sort_values(["low", "high", "value"])
    bars = [b.attrs["title"] for b in talks.iter() if b.has_class("tl-bar")]
    assert bars == list(table["value"]) and "2022-01-12" in bars


@needs_browser
def test_planted_markup_stays_inert_in_the_browser(tmp_path: Path, browse: Callable[[Path, str], Node]) -> None:
    page = tmp_path / "report.html"
    page.write_text(html_report(planted(tmp_path)), encoding="utf-8")
    dom = browse(page, "q=killed")
    assert not dom.find_all("img")
    assert len(dom.find_all("script")) == 1
    assert not any(k.startswith("on") for n in dom.iter() for k in n.attrs)
    assert "data-pwned" not in dom.find_all("body")[0].attrs
    (card,) = cards(dom).values()
    assert not card.hidden  # the page's own script still ran: the search matched
    assert all(p in card.text() for p in PAYLOADS)


def test_a_value_stated_by_many_documents_lists_the_first_links_and_how_many_more(
    seeds: Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value thousands of outlets state would list thousands of links in its card; past ``MAX_LINKS`` the card
    says how many more (on the seeds, January 12 is stated by two documents, with the cap at one)."""
    import consistency.output.html as module

    monkeypatch.setattr(module, "MAX_LINKS", 1)
    card = cards(parse(html_report(seeds)))["C0002"]
    listed = next(p for p in card.find_all("p") if p.attrs.get("class") == "docs")  # January 12's
    assert len(listed.find_all("a")) == 1 and listed.text().endswith(" and 1 more")
    monkeypatch.setattr(module, "MAX_LINKS", 50)
    card = cards(parse(html_report(seeds)))["C0002"]
    listed = next(p for p in card.find_all("p") if p.attrs.get("class") == "docs")
    assert len(listed.find_all("a")) == 2 and "more" not in listed.text()


def test_a_long_timeline_shows_its_earliest_rows_and_says_how_many_more(
    seeds: Result, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``MAX_ROWS`` dates the timeline shows the earliest rows, in the order the whole timeline has them
    (claims and single dates mixed), and says how many more (on the seeds: 24 rows, the talks' claim C0002 the
    23rd, so a cap of 3 shows single dates only, and one of 23 ends with the claim)."""
    import consistency.output.html as module

    def timeline_rows(page: Node) -> list[str]:
        return [n.attrs.get("data-claim") or n.attrs["data-fact"] for n in page.find_all("li") if n.has_class("tl-row")]

    everything = timeline_rows(parse(html_report(seeds)))
    assert len(everything) == 24 and everything.index("C0002") == 22
    for cap in (3, 23):
        monkeypatch.setattr(module, "MAX_ROWS", cap)
        page = parse(html_report(seeds))
        assert timeline_rows(page) == everything[:cap]
        timeline = next(n for n in page.find_all("section") if n.attrs.get("id") == "timeline")
        assert f"… and {len(everything) - cap} more dates in facts.csv." in timeline.text()


def test_a_report_with_no_claim_says_so() -> None:
    """One document (a sentence of seeds/002): its facts are single-source, and the page says no fact is
    stated by more than one document (the claims table has no rows, and no text columns)."""
    from consistency.corpus import Corpus, load_text
    from consistency.pipeline import check_corpus

    said = "Russia has massed more than 100,000 troops on the border with Ukraine, officials said on Friday."
    result = check_corpus(Corpus((load_text(said, doc_id="d0", path="d0.txt"),)))
    assert result.counts()["claims"] == 0 and len(result.single_source)
    page = html_report(result)
    assert '<p class="empty">No fact is stated by more than one document.</p>' in page
    assert "more than 100,000 troops" in page


@pytest.mark.parametrize("block", [1, 2, 3])
def test_cards_read_their_facts_a_block_at_a_time_and_say_the_same(
    seeds: Result, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    """The cards join their values' facts a block of about ``_BLOCK`` facts at a time (a big story's cards name
    millions); each value's links and sentences are the same however the blocks fall (on the seeds, the talks'
    claim C0002 has a value stated by two documents, so a block of one fact cuts between values)."""
    from consistency.output._html_facts import FactIndex

    whole = html_report(seeds)
    assert '<p class="docs">' in whole, "a value stated by several documents, or the blocks prove little"
    monkeypatch.setattr(FactIndex, "_BLOCK", block)
    assert html_report(seeds) == whole
