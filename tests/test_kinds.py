"""The registry of fact kinds, end to end: a document's text in, facts with their kind, value and frame out.

Each extractor has its own case table (tests/cases/<kind>.json); these tests check what the registry adds:
which kind claims a span, how a mention becomes a comparable value, and how two facts of a kind compare.
Sentences are real (file and line cited) unless marked as written in the style of product docs.
"""

from __future__ import annotations

import pytest

from consistency.align import align
from consistency.align.blocking import alignable, block_key
from consistency.compare import compare
from consistency.config import Settings
from consistency.corpus import load_text
from consistency.extract import extract_facts
from consistency.extract.kinds import KINDS, kind_of
from consistency.facts import Fact


def facts(text: str, doc_id: str = "a") -> list[Fact]:
    return extract_facts(load_text(text, doc_id=doc_id))


def only(text: str, kind: str) -> Fact:
    found = [f for f in facts(text) if f.kind == kind]
    assert len(found) == 1, [(f.kind, f.text) for f in facts(text)]
    return found[0]


def test_every_kind_is_registered_once_with_a_known_comparison() -> None:
    names = [k.name for k in KINDS]
    assert len(names) == len(set(names))
    assert {k.comparison for k in KINDS} <= {"interval", "calendar", "place"}
    assert kind_of("count").numeric and not kind_of("date").numeric


def test_an_age_is_not_a_count() -> None:
    # ecbplus 18_7ecb.txt:4: the 61 is his age.
    found = facts(
        "Police said Eric Allen Kirkpatrick, 61, surrendered after two hours of negotiations with police and was "
        "charged Saturday with first-degree murder, the CBC reported."
    )
    ages = [f for f in found if f.kind == "age"]
    assert [(f.value, f.holder, f.measure) for f in ages] == [("61", "Eric Allen Kirkpatrick", "age")]
    assert [f.text for f in found if f.kind == "count"] == []


def test_two_ages_of_two_people_never_meet() -> None:
    # ecbplus 18_3ecb.txt:2: the gunman is 61, his victim 40; 18_10ecb.txt:2 gives the gunman's age again.
    a = facts(
        "Police allege Eric Allen Kirkpatrick, 61, opened fire at the TallGrass Distribution Ltd Christmas party, "
        "killing Benjamin David Banky, 40.",
        doc_id="a",
    )
    b = facts(
        "Police allege Eric Allen Kirkpatrick, 61, opened fire at a Vancouver office Christmas party Friday, "
        "killing one man.",
        doc_id="b",
    )
    claims = align([f for f in a + b if f.kind == "age"], Settings().min_score)
    assert [sorted(f.value for f in c.facts) for c in claims] == [["61", "61"]]


def test_a_version_keeps_its_parts() -> None:
    # Written in the style of release notes: "3.10" is not the decimal 3.1.
    ten, nine = only("Support for Python 3.10 was added.", "version"), only("Requires Python 3.9.", "version")
    assert (ten.value, ten.holder) == ("3.10", "Python")
    assert compare(ten, nine, Settings()).verdict == "conflict"
    patch = only("Tested on Python 3.10.2 and later.", "version")
    assert compare(ten, patch, Settings()).verdict == "compatible"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # ecbplus 43_4ecb.txt:1, 43_8ecb.txt:2, 43_7ecb.txt:3: one acquisition's price, three ways.
        (
            "Advanced Micro Devices Inc. shook up the personal computer industry by buying ATI Technologies Inc. for "
            "US $5.4-billion yesterday.",
            5.4e9,
        ),
        ("India will figure prominently in AMD's $5.4bn acquisition of ATI Technologies.", 5.4e9),
        (
            "AMD announced its purchase of Canada-based graphics chips maker ATI Technologies Inc. in a US $5.4 "
            "billion deal.",
            5.4e9,
        ),
        # AQUAINT XIE19980812.0062:15 and APW19980818.0515:19: one reward, Xinhua and AP style.
        ("Albright announced on Monday to offer a reward of up to 2 million U.S. dollars for information.", 2e6),
        ("Albright helped hang a poster advertising a reward of up to dlrs 2 million for information.", 2e6),
    ],
)
def test_money_is_normalised_to_one_currency_value(text: str, value: float) -> None:
    money = only(text, "money")
    assert (money.high, money.unit) == (value, "USD")
    assert money.measure != ""


def test_equal_amounts_in_different_units_agree() -> None:
    # Written in the style of product docs.
    gb, mb = (
        only("Each account gets 5 GB of storage.", "quantity"),
        only("Each account gets 5,000 MB of storage.", "quantity"),
    )
    assert gb.unit == mb.unit
    assert compare(gb, mb, Settings()).verdict == "agree"


def test_durations_compare_in_one_unit() -> None:
    # ecbplus-style: "held for 24 hours" against "held for two days".
    day, two = only("He was held for 24 hours.", "duration"), only("He was held for two days.", "duration")
    assert compare(day, two, Settings()).verdict == "conflict"


def test_rates_per_minute_and_per_second_never_meet() -> None:
    # Written in the style of API docs.
    minute = only("The API allows up to 100 requests per minute.", "count")
    second = only("The API allows up to 100 requests per second.", "count")
    assert (minute.denominator, second.denominator) == ("minute", "second")
    assert block_key(minute) != block_key(second)


def test_up_to_states_a_limit_that_another_limit_contradicts() -> None:
    # Written in the style of API docs: "up to 100" is the limit itself, not "somewhere below 100".
    stated = only("The free tier allows up to 100 requests per minute.", "count")
    assert (stated.measure, stated.low, stated.high) == ("rate limit", 100.0, 100.0)
    other = only("On the free tier the rate limit is 60 requests per minute.", "count")
    assert other.measure == "rate limit"
    assert compare(stated, other, Settings()).verdict == "conflict"


def test_a_time_of_day_is_a_fact() -> None:
    # ecbplus 41_4ecb.txt:5.
    t = only(
        "When the Israeli attack came on the Prep C girls school in the Jabaliya camp at 3.45pm on Tuesday, "
        "Mr Ging said about 350 Palestinians were inside.",
        "time",
    )
    assert (t.low, t.high, t.measure) == (945.0, 945.0, "time of day")


def test_one_death_toll_told_four_ways_is_one_claim() -> None:
    # ecbplus 8_1ecbplus.txt:4, 8_3ecbplus.txt:4, 8_10ecbplus.txt:4 and 8_11ecbplus.txt:4: the Marfin bank fire.
    texts = [
        "A firebomb attack on a bank in Greece killed at least three people today as police fought pitched battles "
        "with striking protesters furious at brutal budget cuts designed to avoid national bankruptcy.",
        "Riots over harsh new austerity measures left three bank workers dead and engulfed the streets of Athens on "
        "Wednesday, as angry protesters tried to storm parliament.",
        "THREE PEOPLE HAVE DIED IN A BLAZE that broke out at MARFIN EGNATIA BANK, on Stadiou Street, downtown Athens.",
        "It comes a day after three bank workers died in a petrol bomb attack as demonstrations over the planned "
        "austerity measures turned violent.",
    ]
    found = [f for n, t in enumerate(texts) for f in facts(t, doc_id=f"d{n}") if f.kind == "count"]
    assert [f.measure for f in found] == ["deaths"] * 4, [(f.text, f.measure) for f in found]
    assert all(alignable(f) for f in found)
    claims = align(found, Settings().min_score)
    assert [len(c.facts) for c in claims] == [4]
