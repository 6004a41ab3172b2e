"""The analyst's API (issue 10): what someone working in Python with pandas sees of a run.

The seed corpus (``seeds/``, five December 2021 articles on Russia, Ukraine and NATO) is the example: seeds/002
line 14 says "more than 100,000 troops", seeds/000 line 15 and seeds/002 line 6 say the talks start "on
January 12" (2022: the articles are from mid-December 2021).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
from pathlib import Path

import pandas as pd
import pytest

import consistency
from consistency.corpus import Corpus, load_text
from consistency.extract import extract_facts
from consistency.output import REPORT_FILES, ReportError
from consistency.pipeline import COMPARISON_COLUMNS, FACTS_CSV_COLUMNS, Result, check_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
#: The tables of a Result, and the CSV file each is written to (None: not written as a CSV).
TABLES = {"facts": "facts.csv", "comparisons": "comparisons.csv", "documents": None, "findings": None}


@pytest.fixture(scope="module")
def seeds() -> Result:
    return consistency.report(SEEDS)


@pytest.fixture(scope="module")
def written(seeds: Result, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("api") / "report"
    seeds.to_csv(out)
    return out


def read(folder: Path, name: str) -> pd.DataFrame:
    return pd.read_csv(folder / name)


def troops(facts: pd.DataFrame) -> pd.Series:
    """seeds/002 line 14: "Russia has massed more than 100,000 troops on the border with Ukraine"."""
    rows = facts[facts["text"] == "more than 100,000 troops"]
    assert len(rows) == 1
    return rows.iloc[0]


# --- one path or many ------------------------------------------------------------------------------------------


def test_one_path_or_a_list_give_the_same_result(seeds: Result) -> None:
    for given in ("seeds", "seeds/", ["seeds/"], [Path("seeds")], Path("seeds"), os.fspath(SEEDS)):
        other = consistency.report(given)
        for name in ("facts", "comparisons", "documents", "findings", "single_source"):
            # Paths are shown as given ("seeds/x.txt" or "/abs/seeds/x.txt"); everything else is the same.
            pd.testing.assert_frame_equal(
                getattr(other, name).drop(columns=["path"], errors="ignore"),
                getattr(seeds, name).drop(columns=["path"], errors="ignore"),
                obj=f"{given!r}: {name}",
            )


def test_check_is_the_same_function_and_takes_one_string() -> None:
    assert consistency.check is consistency.report
    # A string is one path, never the characters of one ("s", "e", ... would be "no such file" errors).
    result = consistency.check("seeds")
    assert len(result.documents) == len(list(SEEDS.glob("*.txt")))
    assert not result.warnings


def test_a_run_leaves_the_callers_garbage_collector_as_it_was(tmp_path: Path) -> None:
    """A run and its report collect garbage at their own pace (fewer collections: they allocate millions of
    short-lived objects), and give the caller's settings back, even when the report cannot be written."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(123, 4, 5)
    try:
        result = consistency.report("seeds")
        assert gc.get_threshold() == (123, 4, 5)
        result.to_csv(tmp_path / "out")
        assert gc.get_threshold() == (123, 4, 5)
        (tmp_path / "taken").mkdir()
        (tmp_path / "taken" / "notes.txt").write_text("not a report", encoding="utf-8")
        with pytest.raises(ReportError, match="taken"):
            result.to_csv(tmp_path / "taken")
        assert gc.get_threshold() == (123, 4, 5)
    finally:
        gc.set_threshold(*before)


def test_one_file(tmp_path: Path) -> None:
    path = SEEDS / "002_4f8a57ab780d97d1.txt"
    result = consistency.report(path)
    assert list(result.documents["doc_id"]) == ["002_4f8a57ab780d97d1"]
    assert troops(result.facts)["high"] == math.inf


# --- missing values are missing, in memory and in CSV alike -----------------------------------------------------


def test_no_empty_strings_in_memory(seeds: Result) -> None:
    for name in TABLES:
        frame = getattr(seeds, name)
        for column in frame.columns:
            assert not (frame[column].astype(object) == "").any(), f"{name}.{column} holds ''"
    # They are missing, not dropped: the troops figure has no measure; most seeds give no source URL.
    assert pd.isna(troops(seeds.facts)["measure"])
    assert seeds.documents["source"].isna().all()


def test_read_csv_finds_the_same_missing_cells(seeds: Result, written: Path) -> None:
    for name, file in TABLES.items():
        if file is None:
            continue
        frame, back = getattr(seeds, name), read(written, file)
        assert list(back.columns) == list(frame.columns)
        for column in frame.columns:
            missing = frame[column].isna().tolist()
            assert back[column].isna().tolist() == missing, f"{file}: {column}"
    # Columns that today hold empty cells: the check above is not vacuous.
    facts = seeds.facts
    assert facts["attribution"].isna().any() and facts["attribution"].notna().any()


# --- open bounds are infinite -----------------------------------------------------------------------------------


def test_an_open_bound_is_infinite_in_memory_and_after_read_csv(seeds: Result, written: Path) -> None:
    for facts in (seeds.facts, read(written, "facts.csv")):
        row = troops(facts)
        assert (row["low"], row["high"]) == (100000.0, math.inf)
        assert bool(row["low_open"]) and bool(row["high_open"])
        assert row["value"] == "(100000, inf)"
    # A fact with no interval at all (a place) keeps NaN: unknown, not unbounded.
    places = seeds.facts[seeds.facts["kind"] == "place"]
    assert len(places) and places["low"].isna().all() and places["high"].isna().all()


def test_a_bound_below_is_minus_infinity() -> None:
    # timeml-tbaq/AQUAINT-text/NYT19980907.0112.txt: "fewer than 100,000" is (-inf, 100000).
    text = (
        "The number of visitors to Tanzania jumped from fewer than 100,000 in 1980 to more than 300,000 last"
        " year, prompting the government to improve roads needed for safari tours."
    )
    result = check_corpus(Corpus((load_text(text, doc_id="d0", path="d0.txt"),)))
    counts = result.facts[result.facts["kind"] == "count"].set_index("text")
    assert (counts.loc["fewer than 100,000", "low"], counts.loc["fewer than 100,000", "high"]) == (-math.inf, 1e5)
    assert bool(counts.loc["fewer than 100,000", "low_open"])
    assert (counts.loc["more than 300,000", "low"], counts.loc["more than 300,000", "high"]) == (3e5, math.inf)


# --- dates are datetimes beside the ordinals ----------------------------------------------------------------------


def test_the_talks_date_is_a_datetime(seeds: Result) -> None:
    talks = seeds.facts[seeds.facts["text"] == "January 12"]
    assert len(talks) == 2  # seeds/000 line 15 and seeds/002 line 6
    for _, row in talks.iterrows():
        assert row["low_date"] == row["high_date"] == pd.Timestamp(2022, 1, 12)
        assert row["low"] == dt.date(2022, 1, 12).toordinal()


def test_datetime_columns_are_the_ordinals(seeds: Result) -> None:
    facts = seeds.facts
    assert all(str(facts[c].dtype).startswith("datetime64") for c in ("low_date", "high_date", "when_low_date"))
    dates = facts[facts["kind"] == "date"]
    assert len(dates) > 10
    for _, row in dates.iterrows():
        for ordinal, day in ((row["low"], row["low_date"]), (row["high"], row["high_date"])):
            if math.isfinite(ordinal):
                assert day == pd.Timestamp(dt.date.fromordinal(int(ordinal)))
            else:
                assert pd.isna(day)
    # A count's bounds are no dates; its "when" is.
    others = facts[facts["kind"] != "date"]
    assert others["low_date"].isna().all() and others["high_date"].isna().all()
    dated = facts[facts["when_low"].notna()]
    for _, row in dated.iterrows():
        assert row["when_low_date"] == pd.Timestamp(dt.date.fromordinal(int(row["when_low"])))


def test_public_columns_only_grow_at_the_end(seeds: Result, written: Path) -> None:
    assert list(seeds.facts.columns) == FACTS_CSV_COLUMNS
    assert FACTS_CSV_COLUMNS[-5:] == ["alignable", "low_date", "high_date", "when_low_date", "when_high_date"]
    assert list(seeds.comparisons.columns) == COMPARISON_COLUMNS
    dates = read(written, "facts.csv").set_index("fact_id")["low_date"]
    assert pd.isna(dates[troops(seeds.facts)["fact_id"]])
    talks = seeds.facts[seeds.facts["text"] == "January 12"]["fact_id"]
    assert set(dates[talks]) == {"2022-01-12"}


# --- categoricals -------------------------------------------------------------------------------------------------


def test_kind_measure_and_verdicts_are_categoricals(seeds: Result, written: Path) -> None:
    for frame, columns in ((seeds.facts, ("kind", "measure")), (seeds.comparisons, ("kind", "measure"))):
        for column in columns:
            assert isinstance(frame[column].dtype, pd.CategoricalDtype), column
    assert "count" in seeds.facts["kind"].cat.categories  # every kind, also those a run did not find
    for column in ("verdict", "claim_verdict"):
        dtype = seeds.comparisons[column].dtype
        assert isinstance(dtype, pd.CategoricalDtype) and dtype.ordered
        assert list(dtype.categories) == ["agree", "compatible", "conflict"]
    assert seeds.comparisons["verdict"].max() == "conflict"  # ordered: the worst verdict is the max
    # The CSV holds the labels, as before.
    back = read(written, "comparisons.csv")
    assert back["verdict"].tolist() == seeds.comparisons["verdict"].astype(str).tolist()
    assert back["kind"].tolist() == seeds.comparisons["kind"].astype(str).tolist()


# --- repr, to_csv, progress -----------------------------------------------------------------------------------------


def test_single_source_facts_are_those_no_claim_names(seeds: Result) -> None:
    """Geneva (seeds/000 line 15) is stated by one document; the January 12 talks by two (seeds/000, seeds/002).
    The single-source table follows the facts it is read from, also in a result made with other facts."""
    single = seeds.single_source
    assert "Geneva" in set(single["text"]) and "January 12" not in set(single["text"])
    assert seeds.counts()["single_source"] == len(single) == len(seeds.single_rows())
    named = set(seeds.comparisons["fact_a"]) | set(seeds.comparisons["fact_b"])
    assert set(single["fact_id"]) == set(seeds.facts["fact_id"]) - named
    facts = seeds.facts.copy()
    facts["sentence"] = "(edited) " + facts["sentence"]
    edited = dataclasses.replace(seeds, facts=facts)
    assert edited.single_source["sentence"].str.startswith("(edited) ").all()
    pd.testing.assert_frame_equal(edited.single_source.drop(columns="sentence"), single.drop(columns="sentence"))
    fewer = dataclasses.replace(seeds, facts=seeds.facts[~seeds.facts["text"].eq("Geneva")])
    assert "Geneva" not in set(fewer.single_source["text"])
    assert len(fewer.single_source) == len(single) - (single["text"] == "Geneva").sum()


def test_repr_is_one_line_of_counts(seeds: Result) -> None:
    # Two claims: the troops (seeds/001 "between 75,000-100,000" against seeds/002 "more than 100,000", a conflict)
    # and the talks' date ("January 12" in two documents, "next month" in a third).
    n_docs, n_facts = len(seeds.documents), len(seeds.facts)
    assert repr(seeds) == f"<Result: {n_docs} documents, {n_facts} facts, 2 claims (1 conflict)>"
    assert n_docs == 5


def test_repr_names_skipped_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    import consistency.pipeline as pipeline

    real = extract_facts

    def broken(doc, anchor=None, story=""):  # type: ignore[no-untyped-def]
        if doc.doc_id.startswith("003"):
            raise ValueError("a bug in an extractor")
        return real(doc, anchor, story)

    monkeypatch.setattr(pipeline, "extract_facts", broken)
    result = consistency.report("seeds")
    assert repr(result) == f"<Result: 4 documents, {len(result.facts)} facts, 2 claims (1 conflict), 1 skipped>"


def test_to_csv_writes_the_report_folder(seeds: Result, written: Path) -> None:
    assert sorted(p.name for p in written.iterdir() if not p.name.startswith(".")) == sorted(REPORT_FILES)
    assert len(read(written, "facts.csv")) == len(seeds.facts)
    assert len(read(written, "comparisons.csv")) == len(seeds.comparisons)


def test_to_csv_leaves_formulas_for_pandas_unless_asked(tmp_path: Path) -> None:
    # seeds/002 line 14, after a cell a spreadsheet would run: off by default (for pandas), on when asked.
    text = "-Russia has massed more than 100,000 troops on the border with Ukraine.\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(text)
    result = consistency.report(tmp_path / "in")
    result.to_csv(tmp_path / "plain")
    result.to_csv(tmp_path / "safe", escape_formulas=True)
    plain, safe = read(tmp_path / "plain", "facts.csv"), read(tmp_path / "safe", "facts.csv")
    first = plain["sentence"].iloc[0]
    assert first.startswith("-Russia")
    assert safe["sentence"].iloc[0] == "'" + first


def test_progress_reports_every_stage() -> None:
    calls: list[tuple[str, int, int]] = []
    result = consistency.report(SEEDS, progress=lambda stage, done, total: calls.append((stage, done, total)))
    stages = [c[0] for c in calls]
    assert stages == sorted(stages, key=["extract", "align", "compare"].index)  # one unit: in pipeline order
    assert [c for c in calls if c[0] == "extract"] == [("extract", n, 5) for n in range(1, 6)]
    assert [c for c in calls if c[0] == "align"] == [("align", 0, 1), ("align", 1, 1)]  # units of stories
    claims = result.counts()["claims"]
    assert [c for c in calls if c[0] == "compare"] == [("compare", n, claims) for n in range(1, claims + 1)]


def test_a_missing_measure_keeps_the_gate_fingerprint(seeds: Result) -> None:
    # The troops claim has no measure: the gate keys it by its counted noun, as when the cell was "", or every
    # baseline that accepted it would see a new finding and a stale entry.
    from consistency.gate import _claim_key

    row = {str(k): v for k, v in seeds.comparisons[seeds.comparisons["subject"] == "troops"].iloc[0].items()}
    assert pd.isna(row["measure"])
    assert _claim_key(row) == "count:count:troop"
