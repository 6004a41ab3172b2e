"""Verdicts: interval logic on the values real articles state.

Cases pair real sentences (cited) and go through the whole extraction, so a verdict test also checks that the
qualifier was read: "more than 100,000" must be an open interval for the first case to be a conflict.
"""

from __future__ import annotations

import dataclasses

import pytest

from consistency.compare import compare
from consistency.config import Settings
from consistency.corpus import load_text
from consistency.extract import extract_facts
from consistency.facts import Fact


def quantity(sentence: str, subject_word: str) -> Fact:
    found = [f for f in extract_facts(load_text(sentence)) if f.kind == "count" and subject_word in f.subject]
    assert len(found) == 1, [f.text for f in extract_facts(load_text(sentence))]
    return found[0]


CASES = [
    # seeds/001 line 11 vs seeds/002 line 13: the range ends where "more than" begins.
    (
        "Putin who says Western powers are to blame for tensions arising from recent buildup of between "
        "75,000-100,000 Russian troops along the Ukraine border is pushing Western leaders to end NATO's expansion.",
        "According to Washington, Russia has massed more than 100,000 troops on the border with Ukraine.",
        "troops",
        "conflict",
    ),
    # ecbplus/text/20/20_4ecbplus.txt:22 vs 20_1ecbplus.txt:9 (Bam, 2003): two "more than" counts overlap.
    (
        "In December 2003, the southeastern city of Bam was razed by a 6.7 degree quake that left more than "
        "31,000 people dead.",
        "A 6.7-strength quake killed more than 26,000 people in the ancient city of Bam in December 2003.",
        "people",
        "compatible",
    ),
    # ecbplus/text/37/37_6ecbplus.txt:16 vs 37_12ecbplus.txt:11 (2004 tsunami): "some" and "about" hedge alike.
    (
        "In 2004, a magnitude 9.1 quake off Indonesia triggered a tsunami that killed some 230,000 people "
        "around the Indian Ocean.",
        "The 2004 tsunami that killed about 230,000 people across Asia was triggered by a massive 9.1-magnitude "
        "quake off Aceh.",
        "people",
        "agree",
    ),
    # ecbplus/text/37/37_1ecb.txt:11 vs 37_4ecb.txt:12: "more than 220,000" holds "at least 230,000".
    (
        "There have been hundreds of earthquakes in Indonesia since a 9.1 temblor in 2004 caused a tsunami that "
        "swept across the Indian Ocean, devastating coastal communities and leaving more than 220,000 people dead "
        "in Indonesia, Sri Lanka, India, Thailand and other countries.",
        "In December 2004, a massive undersea quake off the western Indonesian province of Aceh triggered a giant "
        "tsunami that left at least 230,000 people dead and missing in a dozen countries facing the Indian Ocean.",
        "people",
        "compatible",
    ),
]


@pytest.mark.parametrize(
    ("a", "b", "word", "expected"),
    CASES,
    ids=[
        "troops-range-vs-more-than",
        "bam-more-than",
        "tsunami-some-vs-about",
        "tsunami-more-than-vs-at-least",
    ],
)
def test_quantity_verdicts(a: str, b: str, word: str, expected: str) -> None:
    assert compare(quantity(a, word), quantity(b, word), Settings()).verdict == expected


def test_tolerance_turns_a_near_miss_into_agreement() -> None:
    # ecbplus/text/20/20_2ecbplus.txt:28 against the same sentence with a count 3% lower.
    sentence = (
        "Iranians are still haunted by harrowing images of the world's worst disaster in December 2003, in which "
        "{} people were killed in the ancient city of Bam."
    )
    a = quantity(sentence.format("31,000"), "people")
    b = quantity(sentence.format("30,100"), "people")
    assert compare(a, b, Settings()).verdict == "conflict"
    assert compare(a, b, Settings(quantity_tolerance=0.05)).verdict == "agree"


def date(sentence: str, surface: str, published: str | None = None) -> Fact:
    import datetime as dt

    anchor = dt.date.fromisoformat(published) if published else None
    found = [f for f in extract_facts(load_text(sentence, published=anchor)) if f.kind == "date" and f.text == surface]
    assert len(found) == 1, [f.text for f in extract_facts(load_text(sentence, published=anchor))]
    return found[0]


# seeds/000 line 15 and line 1, both read as published on 2021-12-19 (a Sunday after the talks were proposed).
TALKS_ON = (
    "For its part, the TASS news agency quoted the Russian Foreign Ministry as saying that Russia had received a "
    "proposal from NATO to start talks on January 12 regarding Moscow's security concerns."
)
TALKS_NEXT_MONTH = (
    "Russia is studying a proposal to start talks next month with NATO and considers Ukraine's accession to it a "
    "red line"
)


def test_a_day_inside_a_month_is_compatible() -> None:
    day = date(TALKS_ON, "January 12", "2021-12-19")
    month = date(TALKS_NEXT_MONTH, "next month", "2021-12-19")
    assert (day.value, month.value) == ("2022-01-12", "2022-01")
    verdict = compare(day, month, Settings())
    assert verdict.verdict == "compatible" and "within" in verdict.reason


def test_the_same_day_without_a_year_agrees() -> None:
    # seeds/000 line 15 and seeds/002 line 6: neither article carries a publication date.
    other = (
        "Russia is considering a proposal from the North Atlantic Treaty Organization (NATO) calling on it to start "
        "talks on January 12 over its security expectations, Russia's Foreign Ministry said on Sunday."
    )
    a, b = date(TALKS_ON, "January 12"), date(other, "January 12")
    assert (a.value, a.resolved) == ("XXXX-01-12", False)
    assert compare(a, b, Settings()).verdict == "agree"


def test_different_days_conflict_and_tolerance_forgives_them() -> None:
    # seeds/001 line 5 ("Tuesday (14 December)", published Friday 17 December 2021) against line 31's Monday.
    call = date(
        "Russian president Vladimir Putin said Tuesday (14 December) in a phone call with the Finish President "
        "Sauli Niinsto that he wants immediate talks",
        "Tuesday (14 December)",
        "2021-12-17",
    )
    interview = date(
        "Meanwhile, Russian Deputy Foreign Minister Sergei Ryabkov said in an interview on Monday (13 December) "
        "that Moscow would have to deploy intermediate-range nuclear missiles",
        "Monday (13 December)",
        "2021-12-17",
    )
    assert compare(call, interview, Settings()).verdict == "conflict"
    assert compare(call, interview, Settings(date_tolerance_days=1)).verdict == "agree"


def test_a_weekday_read_against_an_interval_holds_only_that_weekday() -> None:
    """An undated article's "on Monday" read against the fortnight it was published in is some Monday of it,
    never the Sunday in between: against another outlet's "on Sunday" (2005-11-27) it conflicts, against a Monday
    it is compatible (ecbplus 20_2ecbplus.txt:4, an aftershock the day after the quake, and 20_8ecbplus.txt:4)."""
    import datetime as dt

    from consistency.compare import overlaps

    aftershock = next(
        f
        for f in extract_facts(
            load_text(
                "The sixth aftershock shook this southern Iranian island in the Persian Gulf on Monday as death toll "
                "from a strong earthquake a day before rose to 10.",
                doc_id="a",
            ),
            anchor=(dt.date(2005, 11, 20), dt.date(2005, 12, 5)),
        )
        if f.kind == "date"
    )
    assert aftershock.precision == "range" and aftershock.weekday == 0
    day = dt.date(2005, 11, 27)
    quake = next(
        f
        for f in extract_facts(
            load_text(
                "A powerful earthquake hit southern Iran on Sunday, causing major destruction in seven villages and "
                "killing 10 people and injuring 80.",
                doc_id="b",
                published=day,
            ),
            anchor=day,
        )
        if f.kind == "date"
    )
    assert quake.value == "2005-11-27"
    assert not overlaps(aftershock, quake)
    assert compare(aftershock, quake, Settings()).verdict == "conflict"
    monday = dataclasses.replace(quake, low=quake.low + 1, high=quake.high + 1, value="2005-11-28")
    assert overlaps(aftershock, monday)


@pytest.mark.parametrize(
    ("first", "second", "one", "other"),
    [
        pytest.param(
            # ecbplus 37_12ecbplus.txt:5 and 37_10ecbplus.txt:10: one depth, in miles and in kilometres.
            "The epicenter of the quake, which originated six miles beneath the surface, was located 34 miles west of "
            "the town of Bireun, near the western coast of Sumatra island, according to the U. S. Geological Survey.",
            "The quake, which hit at a shallow depth of just 10 kilometres, injured more than 200 people and damaged "
            "more than 300 houses in Aceh, said national disaster agency spokesman Sutopo Purwo Nugroho.",
            "six miles beneath",
            "10 kilometres",
            id="six-miles-is-ten-kilometres",
        ),
        pytest.param(
            # ecbplus 37_7ecb.txt:4 and 37_6ecb.txt:3: 22 miles is 35.4 km, and 35 km is 21.7 miles.
            "The epicenter was about 85 miles from Papua's main city of Manokwari and occurred at a depth of 22 miles, "
            "the U.S. Geological Survey said.",
            "The first quake, magnitude 7.6, struck at 4:43 a.m. local time about 135 kilometers from Manokwari at a "
            "depth of 35 kilometers, the U.S. Geological Survey said.",
            "22 miles",
            "35 kilometers",
            id="twenty-two-miles-is-thirty-five-kilometres",
        ),
    ],
)
def test_one_quantity_rounded_in_two_units_is_no_conflict(first: str, second: str, one: str, other: str) -> None:
    """Outlets round a depth in their own unit: "six miles" and "10 kilometres" (9.66 km against 10) are one
    value, each rounded to its last stated digit: compatible, not a conflict."""
    a = next(f for f in extract_facts(load_text(first, doc_id="a")) if f.text == one)
    b = next(f for f in extract_facts(load_text(second, doc_id="b")) if f.text == other)
    assert a.value != b.value
    assert compare(a, b, Settings()).verdict == "compatible"


def test_two_figures_in_one_unit_are_compared_as_stated() -> None:
    """Rounding only bridges two units: "55 kilometres south of Bireun and 72 kilometres southeast of Reuleuet"
    (ecbplus 37_11ecbplus.txt:6) are two distances in one unit, compared as stated."""
    text = (
        "There were no immediate reports of damage after the quake struck inland at a depth of just 10 kilometres "
        "(6.2 miles), 55 kilometres south of Bireun and 72 kilometres southeast of Reuleuet, said the USGS."
    )
    facts = {f.text: f for f in extract_facts(load_text(text, doc_id="a"))}
    assert compare(facts["55 kilometres"], facts["72 kilometres"], Settings()).verdict == "conflict"
