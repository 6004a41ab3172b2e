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
