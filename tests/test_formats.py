"""The output formats of ``consistency check``: golden files, the SARIF schema, GitHub's escaping.

The findings are built by hand from the seed corpus (the troop count that seeds/002 line 14 and seeds/001
line 11 disagree on, the "Tuesday, January 31" dateline of seeds/004), plus one accepted in the baseline, one
suppressed inline and one whose path and message carry every character GitHub's workflow commands escape.

Golden files live in tests/golden/check/; after a reviewed change regenerate them with
``pytest tests/test_formats.py --update-golden`` and read the diff.

The SARIF schema in tests/data/sarif-schema-2.1.0.json is the official OASIS one, copied byte for byte from
oasis-tcs/sarif-spec, Documents/CommitteeSpecifications/2.1.0/sarif-schema-2.1.0.json (commit 3682e9ee648f),
a JSON Schema draft-07 document (see tests/data/README.md).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator  # type: ignore[import-untyped]

from consistency.findings import RULES, Finding, Location, Suppression
from consistency.output.findings import (
    Format,
    format_findings,
    github_escape_data,
    github_escape_property,
)
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "check"
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

D000 = "seeds/000_b3be5b1ba27ca5a8.txt"
D001 = "seeds/001_7833a452b3925789.txt"
D002 = "seeds/002_4f8a57ab780d97d1.txt"
D003 = "seeds/003_7deddba1370a0920.txt"
D004 = "seeds/004_e558128c81437959.txt"
#: A path with a comma, a colon and a percent sign, which GitHub's property escaping must cover.
ODD_PATH = "drafts/troops, v2: 100%.md"

TROOPS_002 = Location(D002, 14, 44, "002_4f8a57ab780d97d1", "more than 100,000 troops", "(100000, inf)")
TROOPS_001 = Location(D001, 11, 19, "001_7833a452b3925789", "between 75,000-100,000 Russian troops", "[75000, 100000]")

FINDINGS = (
    # seeds/002 line 14 vs seeds/001 line 11: disjoint troop counts.
    Finding(
        code="CST001",
        message=(
            "troops: 002_4f8a57ab780d97d1 says more than 100,000 troops (100000, inf) but "
            "001_7833a452b3925789:11 says between 75,000-100,000 Russian troops [75000, 100000]"
        ),
        primary=TROOPS_002,
        related=(TROOPS_001,),
        claim="quantity:troops",
        fingerprint="9c1f4e2b7a3d5c60",
    ),
    # The same pair of documents on the talks' date, reviewed and accepted in the baseline.
    Finding(
        code="CST001",
        message=(
            "talks: 000_b3be5b1ba27ca5a8 says January 10 (XXXX-01-10) but "
            "002_4f8a57ab780d97d1:6 says January 12 (XXXX-01-12)"
        ),
        primary=Location(D000, 15, 58, "000_b3be5b1ba27ca5a8", "January 10", "XXXX-01-10"),
        related=(Location(D002, 6, 98, "002_4f8a57ab780d97d1", "January 12", "XXXX-01-12"),),
        claim="date:talks",
        fingerprint="51d0a7c3e9b24f18",
        suppressed=Suppression.BASELINE,
        note="000 dates the proposal, 002 the talks; reviewed",
    ),
    # seeds/003 line 3 "On Thursday" read against the wrong day: a false alarm, suppressed by an inline directive.
    Finding(
        code="CST003",
        message="003_7deddba1370a0920 says Thursday (2021-12-17): Thursday but 2021-12-17 is a Friday",
        primary=Location(D003, 3, 4, "003_7deddba1370a0920", "Thursday", "2021-12-17"),
        claim="weekday:Thursday",
        fingerprint="0b6e2d9f4a7c1358",
        suppressed=Suppression.INLINE,
    ),
    # seeds/004 line 1: "Tuesday, January 31", but January 31, 2022 is a Monday.
    Finding(
        code="CST003",
        message="004_e558128c81437959 says Tuesday, January 31 (2022-01-31): Tuesday but 2022-01-31 is a Monday",
        primary=Location(D004, 1, 1, "004_e558128c81437959", "Tuesday, January 31", "2022-01-31"),
        claim="weekday:Tuesday",
        fingerprint="e47a0c3b92d1f865",
    ),
    # A compatible pair (a warning) whose path and message need every GitHub escape.
    Finding(
        code="CST002",
        message="share: draft says 100%, more than 100,000 troops\nwhile 002_4f8a57ab780d97d1:14 says: over 100,000",
        primary=Location(ODD_PATH, 3, 7, "draft", "100%, more than 100,000 troops", "(100000, inf)"),
        related=(TROOPS_002,),
        claim="quantity:troops",
        fingerprint="3a8d5f1c0e6b7294",
    ),
)
SORTED = tuple(sorted(FINDINGS, key=lambda f: f.sort_key))
STALE = ("7d2c9a1e5b3f8046 CST001 quantity:killed",)
OPEN = [f for f in SORTED if f.suppressed is Suppression.NONE]

SUFFIXES = {
    Format.TEXT: "txt",
    Format.CONCISE: "txt",
    Format.JSON: "json",
    Format.GITHUB: "txt",
    Format.SARIF: "sarif",
}


def render(fmt: Format) -> str:
    return format_findings(SORTED, fmt, stale=STALE, version="0.1.0")


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
def test_golden(fmt: Format, update_golden: bool) -> None:
    fresh = render(fmt)
    golden = GOLDEN / f"findings.{fmt.value}.{SUFFIXES[fmt]}"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(fresh.encode("utf-8"))
    assert golden.exists(), f"{golden.relative_to(ROOT)} is missing: run pytest --update-golden"
    assert fresh.encode("utf-8") == golden.read_bytes(), (
        f"{golden.relative_to(ROOT)} is stale: run `pytest tests/test_formats.py --update-golden` and review the diff"
    )


@pytest.mark.parametrize("fmt", list(Format), ids=[f.value for f in Format])
def test_output_is_deterministic_and_ends_with_a_newline(fmt: Format) -> None:
    first = render(fmt)
    shuffled = format_findings(tuple(reversed(SORTED)), fmt, stale=STALE, version="0.1.0")
    assert first == render(fmt) == shuffled
    assert first.endswith("\n")
    assert "\r" not in first


@pytest.mark.parametrize("fmt", [Format.CONCISE, Format.GITHUB], ids=["concise", "github"])
def test_quiet_formats_print_nothing_when_nothing_is_open(fmt: Format) -> None:
    accepted = [f for f in SORTED if f.suppressed is not Suppression.NONE]
    assert format_findings(accepted, fmt) == ""
    assert format_findings([], fmt) == ""


# --- text ----------------------------------------------------------------------------------------------------


def test_text_names_every_other_source_and_sums_up() -> None:
    text = render(Format.TEXT)
    assert f"{D002}:14:44: CST001 [value-conflict] troops: " in text
    assert f"  also: {D001}:11:19: between 75,000-100,000 Russian troops [75000, 100000]\n" in text
    assert "Stale baseline entries" in text and "  7d2c9a1e5b3f8046 CST001 quantity:killed\n" in text
    assert text.endswith("3 findings, 1 accepted by the baseline, 1 suppressed inline\n")
    assert D000 not in text  # accepted findings are counted, not shown


def test_text_without_findings() -> None:
    assert format_findings([], Format.TEXT) == "No findings.\n"
    one = format_findings(SORTED[:1], Format.TEXT)
    assert one.endswith("\n1 finding, 0 accepted by the baseline, 0 suppressed inline\n")


# --- concise -------------------------------------------------------------------------------------------------


def test_concise_is_one_line_per_open_finding() -> None:
    lines = render(Format.CONCISE).splitlines()
    assert len(lines) == len(OPEN) == 3
    for line, finding in zip(lines, OPEN, strict=True):
        p = finding.primary
        assert line.startswith(f"{p.path}:{p.line}:{p.column}: {finding.code} ")
    assert lines[-1] == (
        f"{D004}:1:1: CST003 004_e558128c81437959 says Tuesday, January 31 (2022-01-31): "
        "Tuesday but 2022-01-31 is a Monday"
    )


# --- json ----------------------------------------------------------------------------------------------------


def test_json_round_trips_every_finding() -> None:
    records = json.loads(render(Format.JSON))
    assert len(records) == len(FINDINGS)
    rebuilt = [
        Finding(
            code=r["code"],
            message=r["message"],
            primary=Location(r["path"], r["line"], r["column"], r["doc_id"], r["text"], r["value"]),
            related=tuple(
                Location(x["path"], x["line"], x["column"], x["doc_id"], x["text"], x["value"]) for x in r["related"]
            ),
            claim=r["claim"],
            fingerprint=r["fingerprint"],
            suppressed=Suppression(r["suppressed"]),
            note=r["note"],
        )
        for r in records
    ]
    assert tuple(rebuilt) == SORTED
    for record, finding in zip(records, SORTED, strict=True):
        assert record["rule"] == finding.rule.name and record["level"] == finding.rule.level
    assert [r["suppressed"] for r in records].count("baseline") == 1
    assert {r["note"] for r in records if r["suppressed"] == "baseline"} == {FINDINGS[1].note}


def test_json_of_nothing_is_an_empty_list() -> None:
    assert format_findings([], Format.JSON) == "[]\n"


# --- github --------------------------------------------------------------------------------------------------
# The expected escapes are those of @actions/core, actions/toolkit packages/core/src/command.ts:
# escapeData: % -> %25, \r -> %0D, \n -> %0A; escapeProperty: the same plus : -> %3A and , -> %2C.


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain text", "plain text", "plain text"),
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("troops: 100,000", "troops: 100,000", "troops%3A 100%2C000"),
        ("%0A is not a newline", "%250A is not a newline", "%250A is not a newline"),
        ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
        (ODD_PATH, ODD_PATH.replace("%", "%25"), "drafts/troops%2C v2%3A 100%25.md"),
    ],
    ids=["plain", "percent", "crlf", "colon-comma", "percent-first", "command-injection", "odd-path"],
)
def test_github_escaping(raw: str, data: str, prop: str) -> None:
    assert github_escape_data(raw) == data
    assert github_escape_property(raw) == prop


def test_github_annotations() -> None:
    lines = render(Format.GITHUB).splitlines()
    assert len(lines) == len(OPEN)
    assert lines[0] == (
        "::warning file=drafts/troops%2C v2%3A 100%25.md,line=3,col=7,title=CST002 value-imprecise::"
        "share: draft says 100%25, more than 100,000 troops%0Awhile 002_4f8a57ab780d97d1:14 says: over 100,000"
        f"%0Aalso: {D002}:14:44: more than 100,000 troops (100000, inf)"
    )
    assert lines[1].startswith(f"::error file={D002},line=14,col=44,title=CST001 value-conflict::troops: ")
    assert lines[1].endswith(f"%0Aalso: {D001}:11:19: between 75,000-100,000 Russian troops [75000, 100000]")
    assert lines[2].startswith(f"::error file={D004},line=1,col=1,title=CST003 weekday-mismatch::")


# --- sarif ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    assert schema["$id"].endswith("/sarif-schema-2.1.0.json")
    Draft7Validator.check_schema(schema)
    # Every $ref is local ("#/definitions/..."), and draft-07 itself ships with jsonschema: no network needed.
    return Draft7Validator(schema)


def sarif(findings: tuple[Finding, ...] = SORTED) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(format_findings(findings, Format.SARIF, version="0.1.0"))
    return loaded


def test_sarif_validates_against_the_official_schema(validator: Draft7Validator) -> None:
    errors = sorted(validator.iter_errors(sarif()), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    assert not list(validator.iter_errors(sarif(()))), "an empty run must validate too"


def test_sarif_schema_rejects_a_broken_log(validator: Draft7Validator) -> None:
    """The validator is not vacuous: a result without a message, or with an unknown level, is an error."""
    log = sarif()
    del log["runs"][0]["results"][0]["message"]
    log["runs"][0]["results"][1]["level"] = "conflict"
    assert len(list(validator.iter_errors(log))) == 2


def test_sarif_rules_and_results() -> None:
    log = sarif()
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json" and log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("consistency", "0.1.0")
    assert [r["id"] for r in driver["rules"]] == sorted(RULES)
    assert {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]} == {
        code: "error" if rule.level == "conflict" else "warning" for code, rule in RULES.items()
    }
    results = run["results"]
    assert len(results) == len(FINDINGS)  # accepted findings are reported, marked as suppressed
    for result, finding in zip(results, SORTED, strict=True):
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        assert result["partialFingerprints"] == {"consistency/v1": finding.fingerprint}
        assert result["message"]["text"] == finding.message
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith(("/", "file:")) and "\\" not in uri
    troops = next(r for r in results if r["partialFingerprints"]["consistency/v1"] == "9c1f4e2b7a3d5c60")
    assert troops["level"] == "error"
    assert troops["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": D002},
        "region": {"startLine": 14, "startColumn": 44},
    }
    assert troops["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {"artifactLocation": {"uri": D001}, "region": {"startLine": 11, "startColumn": 19}},
            "message": {"text": "001_7833a452b3925789 says between 75,000-100,000 Russian troops [75000, 100000]"},
        }
    ]
    odd = results[0]
    assert odd["level"] == "warning"
    # Percent-encoded, ":" included, so that no relative path can read as a URI scheme ("c:notes.txt").
    assert odd["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "drafts/troops%2C%20v2%3A%20100%25.md"


def test_sarif_marks_accepted_findings_as_suppressed() -> None:
    suppressions = {
        r["partialFingerprints"]["consistency/v1"]: r.get("suppressions") for r in sarif()["runs"][0]["results"]
    }
    assert suppressions["51d0a7c3e9b24f18"] == [
        {"kind": "external", "justification": "000 dates the proposal, 002 the talks; reviewed"}
    ]
    assert suppressions["0b6e2d9f4a7c1358"] == [{"kind": "inSource"}]
    assert suppressions["9c1f4e2b7a3d5c60"] is None
    unexplained = Finding(**{**FINDINGS[1].__dict__, "note": ""})
    (result,) = sarif((unexplained,))["runs"][0]["results"]
    assert result["suppressions"] == [{"kind": "external", "justification": "accepted in the baseline"}]


def test_vendored_schema_is_documented() -> None:
    readme = (SCHEMA.parent / "README.md").read_text(encoding="utf-8")
    assert SCHEMA.name in readme and "oasis-tcs/sarif-spec" in readme


def test_golden_files_exist_for_every_format() -> None:
    names = {p.name for p in Path(GOLDEN).iterdir()} if GOLDEN.exists() else set()
    assert {f"findings.{f.value}.{SUFFIXES[f]}" for f in Format} <= names
