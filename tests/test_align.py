"""The aligner: which facts from different documents are taken to be the same claim.

Sentences are real: ECB+ (../shared/corpora/ecbplus/text/, file and line cited) and the seeds.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pandas as pd
import pytest

from consistency.align import align
from consistency.compare import compare
from consistency.config import Settings
from consistency.corpus import load_corpus, load_text
from consistency.extract import extract_facts
from consistency.facts import Fact
from consistency.pipeline import extract_corpus
from tests.conftest import SHARED


def facts_of(*sentences: str) -> list[Fact]:
    """Each sentence as its own document, doc0, doc1, ..."""
    return [f for n, s in enumerate(sentences) for f in extract_facts(load_text(s, doc_id=f"doc{n}"))]


def claims_of(*sentences: str) -> list[tuple[str, ...]]:
    return [tuple(f.text for f in c.facts) for c in align(facts_of(*sentences), Settings().min_score)]


def written(*texts: tuple[str, dt.date]) -> list[Fact]:
    """Each (text, day) as its own document (doc0, doc1, ...) written on that day, its relative dates read
    against it."""
    docs = [load_text(text, doc_id=f"doc{n}", published=day) for n, (text, day) in enumerate(texts)]
    return [f for d in docs for f in extract_facts(d)]


def dated_facts(day: dt.date, *texts: str) -> list[Fact]:
    """Each text as its own document (doc0, doc1, ...) written on ``day``."""
    return written(*((text, day) for text in texts))


ALIGNED = [
    pytest.param(
        # ecbplus 20_4ecbplus.txt:22 and 20_1ecbplus.txt:9: the Bam death toll, told two ways.
        "In December 2003, the southeastern city of Bam was razed by a 6.7 degree quake that left more than "
        "31,000 people dead.",
        "A 6.7-strength quake killed more than 26,000 people in the ancient city of Bam in December 2003.",
        ("more than 31,000 people", "more than 26,000 people"),
        id="bam-death-toll",
    ),
    pytest.param(
        # seeds/001:11 and seeds/002:14 (line breaks of 001 joined).
        "Putin who says Western powers are to blame for tensions arising from recent buildup of between "
        "75,000-100,000 Russian troops along the Ukraine border is pushing Western leaders to end NATO's expansion.",
        "According to Washington, Russia has massed more than 100,000 troops on the border with Ukraine, a possible "
        "prelude to an invasion.",
        ("between 75,000-100,000 Russian troops", "more than 100,000 troops"),
        id="troops-at-the-border",
    ),
    pytest.param(
        # seeds/000:15 and seeds/002:6.
        "For its part, the TASS news agency quoted the Russian Foreign Ministry as saying that Russia had received a "
        "proposal from NATO to start talks on January 12 regarding Moscow's security concerns, and that it was "
        "studying the proposal.",
        "Russia is considering a proposal from the North Atlantic Treaty Organization (NATO) calling on it to start "
        "talks on January 12 over its security expectations, Russia's Foreign Ministry said on Sunday, quoted by the "
        "TASS agency.",
        ("January 12", "January 12"),
        id="talks-start-date",
    ),
]


@pytest.mark.parametrize(("a", "b", "claim"), ALIGNED)
def test_same_fact_is_one_claim(a: str, b: str, claim: tuple[str, str]) -> None:
    assert claim in claims_of(a, b)


NOT_ALIGNED = [
    pytest.param(
        # ecbplus 20_11ecbplus.txt and 20_1ecb.txt: killed and injured are different counts.
        "Ten people were killed and at least 50 injured when an earthquake razed mud-brick villages on the Persian "
        "Gulf island of Qeshm off Iran's southern coast.",
        "A 5.6 magnitude earthquake hit an island off Iran's southern coast on Sunday, injuring five people and "
        "damaging buildings, Iranian media said.",
        id="killed-vs-injured",
    ),
    pytest.param(
        # ecbplus 20_1ecbplus.txt: two quakes' death tolls three orders of magnitude apart in one story.
        "A powerful earthquake has hit southern Iran, killing at least 10 people, injuring dozens more and damaging "
        "several villages, officials say.",
        "A 6.7-strength quake killed more than 26,000 people in the ancient city of Bam in December 2003.",
        id="different-quakes",
    ),
    pytest.param(
        # seeds/001:37 and seeds/002:18: the 1987 INF treaty is not the May 1997 NATO baseline.
        "Intermediate-range nuclear forces (INF) in Europe were banned under a 1987 treaty agreed between Soviet "
        "leader Mikhail Gorbachev and US President Ronald Reagan.",
        "The Kremlin mainly demands that the North Atlantic Treaty Organization does not deploy any troops or "
        "additional military equipment outside the countries which made up the Alliance in May 1997, before the "
        "start of the expansion towards the East.",
        id="treaty-vs-baseline",
    ),
    pytest.param(
        # ecbplus 8_3ecbplus.txt and 8_6ecbplus.txt: another city's march, and an increment, not a total.
        "Violence also broke out in the northern city of Thessaloniki, where another 20,000 people marched through "
        "the city center and some youths smashed store windows.",
        "In Heraklion, 10,000 people are reported as marching against the measures.",
        id="increment-in-another-city",
    ),
    pytest.param(
        # seeds/000:17 and seeds/002:10: two places listed together are a list, not a contradiction.
        "And last week, Russia revealed a list of security proposals it wants to negotiate, including a pledge by "
        "NATO to abandon any military activity in Eastern Europe and Ukraine.",
        "Priorities for the Kremlin: the promise to cease all military activity in Ukraine and Eastern Europe and "
        "that of ending the enlargement of the Alliance.",
        id="places-listed-together",
    ),
]


@pytest.mark.parametrize(("a", "b"), NOT_ALIGNED)
def test_different_facts_never_conflict(a: str, b: str) -> None:
    for claim in align(facts_of(a, b), Settings().min_score):
        x, y = claim.facts
        assert compare(x, y, Settings()).verdict != "conflict", (x.text, y.text)


def test_troops_never_align_with_lives() -> None:
    # seeds/002:14 and seeds/004:33: both counts sit in sentences about the Russia-Ukraine conflict.
    claims = claims_of(
        "According to Washington, Russia has massed more than 100,000 troops on the border with Ukraine.",
        "The conflict has claimed more than 13,000 lives.",
    )
    assert claims == []


def test_one_document_never_contradicts_itself_within_a_claim() -> None:
    # A headline and its story may both give the toll; two different values of one document are two facts.
    import consistency

    folder = SHARED / "corpora" / "ecbplus" / "text" / "37"
    result = consistency.check([folder])
    assert not result.comparisons.empty, "ECB+ topic 37 (Indonesian earthquakes) has facts stated by several outlets"
    facts = result.facts.set_index("fact_id")
    members = pd.concat(
        [
            result.comparisons[["claim_id", "fact_a"]].set_axis(["claim_id", "fact"], axis=1),
            result.comparisons[["claim_id", "fact_b"]].set_axis(["claim_id", "fact"], axis=1),
        ]
    )
    members = members.drop_duplicates()
    members["doc"] = facts.loc[members["fact"], "doc_id"].to_numpy()
    by_id = {f.fact_id: f for found in extract_corpus(load_corpus([folder]).documents).facts.values() for f in found}
    for (_, _), group in members.groupby(["claim_id", "doc"]):
        own = [by_id[x] for x in group["fact"]]
        assert all(compare(a, b, Settings()).verdict != "conflict" for a in own for b in own), [f.text for f in own]
    assert (result.comparisons["doc_a"] != result.comparisons["doc_b"]).all()


def test_troops_and_soldiers_count_the_same_thing() -> None:
    from consistency.align.blocking import block_key

    # NYT19990312.0271 (AQUAINT) line 25 and seeds/002 line 14.
    soldiers, troops = (
        next(f for f in facts_of(s) if f.kind == "count" and f.subject.endswith(word))
        for s, word in (
            (
                "In Kosovo, where the Yugoslav leader, Slobodan Milosevic, is resisting the deployment of NATO-led "
                "troops, including 4,000 U.S. soldiers, Albright insisted that NATO was the best tool to enforce a "
                "peace settlement.",
                "soldiers",
            ),
            (
                "According to Washington, Russia has massed more than 100,000 troops on the border with Ukraine.",
                "troops",
            ),
        )
    )
    assert block_key(soldiers) == block_key(troops) == ("count", "count", "", "troop", "")


def test_a_headline_figure_and_its_story_join_the_other_outlets() -> None:
    """A document stating one toll at two precisions (headline "Three dead", story "at least three people") is
    one fact: it must not keep the other outlets' "three people" out of the claim. Sentences: ecbplus
    8_4ecbplus.txt:2-3 (one document) and 8_5ecbplus.txt:4."""
    one = load_text(
        "Three dead after fire-bomb hits bank during Greek riots\n\n"
        "A FIRE-BOMB attack on a bank in Athens left at least three people dead as police fought pitched battles "
        "with striking protesters furious at brutal spending cuts designed to avoid national bankruptcy.",
        doc_id="doc0",
    )
    other = load_text(
        "Three people have died after rioters in Greece set fire to a bank in Athens during a nationwide strike "
        "against huge spending cuts aimed at rescuing the country's economy.",
        doc_id="doc1",
    )
    facts = [f for d in (one, other) for f in extract_facts(d) if f.kind == "count"]
    claims = align(facts, Settings().min_score)
    assert [sorted(f.text for f in c.facts) for c in claims] == [
        ["Three dead", "Three people", "at least three people"]
    ]


def test_two_tolls_of_one_document_stay_two_facts() -> None:
    """The same veto still keeps apart two values of one document that exclude each other."""
    from consistency.align.vetoes import veto

    doc = load_text("Three people were killed in the north and 40 people were killed in the south.", doc_id="d")
    three, forty = [f for f in extract_facts(doc) if f.kind == "count"]
    stopped = veto(three, forty)
    assert stopped is not None and stopped[0] == "one-document"


def test_a_year_naming_what_the_sentence_recalls_does_not_date_the_new_quake() -> None:
    """ "region hit by 2004 tsunami" dates the tsunami, not the 6.1 quake of the headline: the headline joins the
    other outlet's 6.1 (ecbplus 37_10ecbplus.txt:2 and 37_11ecbplus.txt:3)."""
    assert ("6.1-magnitude", "6.1-magnitude") in claims_of(
        "6.1-magnitude quake strikes Indonesia's Aceh province in region hit by 2004 tsunami",
        "A powerful 6.1-magnitude earthquake struck the Indonesian province of Aceh with no tsunami warning issued",
    )


def test_a_year_naming_the_subject_still_dates_its_facts() -> None:
    """ "The 2004 tsunami that killed about 230,000 people": the year comes first and names what the clause is
    about, so the toll and the 9.1 magnitude belong to 2004 (ecbplus 37_12ecbplus.txt)."""
    doc = load_text(
        "The 2004 tsunami that killed about 230,000 people across Asia was triggered by a massive 9.1-magnitude "
        "quake off Aceh."
    )
    when = {f.text: f.when for f in extract_facts(doc) if f.kind == "count"}
    assert when == {"about 230,000 people": "2004", "9.1-magnitude": "2004"}


def test_a_figure_without_a_measure_meets_the_same_count_told_with_one() -> None:
    """ "suspected of shooting three people" names no measure the frame reads, "A gunman shot three people" does
    (shot); the first still meets the second, not the story's larger block of injuries (ecbplus
    18_11ecbplus.txt:4, 18_4ecbplus.txt:5 and 18_2ecbplus.txt for the injured)."""
    claims = claims_of(
        "A man suspected of shooting three people, killing one, at a suburban Detroit accounting firm from which he "
        "was fired last week was arrested after a high-speed chase a few hours after the attack this morning, "
        "authorities said.",
        '"A gunman shot three people at a suburban Detroit office building Monday morning, and officers were '
        "searching for the shooter, police said.",
    )
    assert ("three people", "three people") in claims


def test_two_places_of_one_document_are_never_one_claim() -> None:
    """Places have no interval to overlap: two towns one article names are two facts, so an article and its
    copy give no place conflict (ecbplus 38_11ecbplus.txt:2 and :4 name Sacramento and Santa Rosa)."""
    text = (SHARED / "corpora/ecbplus/text/38/38_11ecbplus.txt").read_text(encoding="utf-8")
    one, two = load_text(text, doc_id="article"), load_text(text, doc_id="copy")
    facts = [f for d in (one, two) for f in extract_facts(d)]
    for claim in align(facts, Settings().min_score):
        for a in claim.facts:
            for b in claim.facts:
                assert compare(a, b, Settings()).verdict != "conflict", (a.text, b.text)


def test_the_incident_day_told_around_different_verbs_is_one_claim() -> None:
    """Outlets hang the day of one incident on different verbs ("died when an Athens bank went up in flames
    Wednesday", "were killed when ... threw petrol bombs at a bank in Athens on Wednesday"): with both dates
    resolved to one day they are one claim (ecbplus 8_9ecbplus.txt:9 and 8_8ecbplus.txt:4, written 2010-05-05)."""
    day = dt.date(2010, 5, 5)
    facts = dated_facts(
        day,
        "Three people died when an Athens bank went up in flames Wednesday as tens of thousands of Greeks took to "
        "the streets to protest harsh spending cuts aimed at saving the country from bankruptcy.",
        "Three people, one of them a pregnant woman, were killed when Greeks protesting against government "
        "austerity measures threw petrol bombs at a bank in Athens on Wednesday.",
    )
    dates = [sorted(f.text for f in c.facts) for c in align(facts, Settings().min_score) if c.kind == "date"]
    assert dates == [["Wednesday", "Wednesday"]]


def test_undated_reports_of_the_incident_on_one_weekday_are_one_day() -> None:
    """Two undated articles of one story that put its incident on the same weekday ("the Gaza school bombed by
    Israel on Tuesday", "a mortar strike that killed about 40 Palestinians ... Tuesday": ecbplus 41_3ecb.txt:1
    and 41_7ecb.txt:1) date it to one day: the story says they tell one incident. A weekday of an undated article
    against the resolved day of a dated one is not joined this way: "Sunday" may be any Sunday (20_1ecb.txt:2
    against 20_11ecbplus.txt:6, written 2005-11-28, tell of two quakes on Qeshm)."""
    from consistency.align.scoring import incident_day

    def date_of(text: str, published: dt.date | None = None) -> Fact:
        doc = load_text(text, doc_id="d", published=published)
        return next(f for f in extract_facts(doc, anchor=published) if f.kind == "date" and f.text in days)

    days = ("Tuesday", "Sunday")
    bombed = date_of(
        "The United Nations on Wednesday denied Israel Defense Forces claims that there were Palestinian militants "
        "in the Gaza school bombed by Israel on Tuesday."
    )
    strike = date_of(
        "An Israeli mortar strike that killed about 40 Palestinians sheltering in a UN school Tuesday brought new "
        "urgency to diplomatic efforts to end Israel's military onslaught in the Gaza Strip."
    )
    assert not bombed.resolved and bombed.value == strike.value and incident_day(bombed, strike)
    undated = date_of(
        "A 5.6 magnitude earthquake hit an island off Iran's southern coast on Sunday, injuring five people and "
        "damaging buildings, Iranian media said."
    )
    dated = date_of(
        "Ten people were killed and at least 50 injured when an earthquake razed mud-brick villages on the Persian "
        "Gulf island of Qeshm off Iran's southern coast Sunday, officials and state media said.",
        dt.date(2005, 11, 28),
    )
    assert dated.value == "2005-11-27" and not incident_day(undated, dated)


@pytest.mark.parametrize("direct", [False, True])
def test_a_conflict_needs_two_facts_linked_directly(monkeypatch: pytest.MonkeyPatch, direct: bool) -> None:
    """ "at least three people" agrees with "three people" and with "five people"; that says nothing about
    whether those two are one toll. The claim may hold both only where they were linked to each other."""
    from consistency.align import claims as claims_module
    from consistency.align.scoring import Score

    three, at_least, five = (
        next(f for f in facts_of(s) if f.kind == "count")
        for s in ("Three people were killed.", "At least three people were killed.", "Five people were killed.")
    )
    three, at_least, five = (
        dataclasses.replace(f, doc_id=f"doc{n}", fact_id=f"doc{n}-1") for n, f in enumerate((three, at_least, five))
    )
    scores = {("3", "[3, inf)"): 90.0, ("5", "[3, inf)"): 80.0}
    if direct:
        scores[("3", "5")] = 60.0

    def fake_linked(a: Fact, b: Fact, threshold: float) -> tuple[Score | None, str]:
        got = scores.get(tuple(sorted((a.value, b.value))))  # type: ignore[arg-type]
        return (Score(got, ("test",)), "") if got else (None, "no link")

    monkeypatch.setattr(claims_module, "linked", fake_linked)
    monkeypatch.setattr(claims_module, "candidate_pairs", lambda reps: [(0, 1), (0, 2), (1, 2)])
    groups = [sorted(f.value for f in c.facts) for c in claims_module.cluster([three, at_least, five], 40.0)]
    if direct:
        assert groups == [["3", "5", "[3, inf)"]]
    else:
        assert groups == [["3", "[3, inf)"]]


ISSUE_8_EXAMPLES = [
    pytest.param(
        # ecbplus 18_13ecb.txt and 18_5ecb.txt ("police said Saturday"); the first with the city named, as
        # other outlets write it ("police in <city> said ...").
        "A former employee who opened fire at an office Christmas party and killed one man has been charged with "
        "first-degree murder, police in Vancouver said Saturday.",
        "A former employee who opened fire at an office Christmas party killing one man, has been charged with "
        "first-degree murder, police said Saturday.",
        ("Saturday", "Saturday"),
        id="police-in-city-said-weekday",
    ),
    pytest.param(
        # constructed in the style of release notes: two pages of one product's docs.
        "Version 2.0 was released on March 14.",
        "Version 2.0 shipped on March 12.",
        ("March 14", "March 12"),
        id="released-vs-shipped",
    ),
    pytest.param(
        # constructed from the wording of wire reports ("died in hospital Monday" / "died Monday in hospital").
        "One of the wounded died in hospital on Monday, officials said.",
        "A fourth victim died Monday in a hospital in the capital.",
        ("Monday", "Monday"),
        id="died-in-hospital-monday",
    ),
]


@pytest.mark.parametrize(("a", "b", "claim"), ISSUE_8_EXAMPLES)
def test_issue_8_examples_are_compared(a: str, b: str, claim: tuple[str, str]) -> None:
    """Issue 8's cases that were never compared are one claim (without publication dates)."""
    assert claim in claims_of(a, b)


def test_a_shipped_date_is_a_release_date() -> None:
    """ "shipped" is a form of "ship" (release class): the final consonant doubles before -ed."""
    (date,) = [f for f in facts_of("iOS 17 shipped on September 16, 2023.") if f.kind == "date"]
    assert date.event == "release"


def test_a_figure_told_by_many_outlets_is_still_met(monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``MAX_POSTINGS`` facts a token no longer gives every pair (their square), but the pairs that can
    matter: every outlet's "three people" still joins the claim, and the two that say five still conflict
    with it (ecbplus 8_5ecbplus.txt:4, told by 30 outlets, 2 of them with another figure)."""
    from consistency.align import blocking

    monkeypatch.setattr(blocking, "MAX_POSTINGS", 2)
    sentence = (
        "{} people have died after rioters in Greece set fire to a bank in Athens during a nationwide strike "
        "against huge spending cuts aimed at rescuing the country's economy, the {} desk reported."
    )
    # Each outlet's copy differs by a word, so the copies are not scored once as identical wording.
    desks = [a + b for a in "bcdfg" for b in "aeiouy"]
    figures = ["Three"] * 28 + ["Five"] * 2
    docs = [load_text(sentence.format(n, desk), doc_id=desk) for n, desk in zip(figures, desks, strict=True)]
    facts = [f for d in docs for f in extract_facts(d) if f.kind == "count"]
    (claim,) = align(facts, Settings().min_score)
    assert len(claim.facts) == 30
    assert {compare(a, b, Settings()).verdict for a in claim.facts for b in claim.facts} == {"agree", "conflict"}


@pytest.mark.parametrize(
    ("first", "second"),
    [
        pytest.param(
            # ecbplus 44_8ecbplus.txt:4 and 44_2ecbplus.txt:4, both written 2007-11-12.
            "Extending its reach into the ripening green-consulting space, HP today announced the acquisition of EYP "
            "Mission Critical Facilities, a consulting company specializing in strategic technology planning.",
            "HP today announced that it has signed a definitive agreement to acquire EYP Mission Critical Facilities "
            "Inc. (EYP MCF), a consulting company specializing in strategic technology planning.",
            id="hp-today-announced",
        ),
        pytest.param(
            # ecbplus 43_7ecbplus.txt:4 and 43_2ecbplus.txt:5, both written 2012-02-29 (a Wednesday).
            "Advanced Micro Devices on Wednesday announced a deal to acquire startup SeaMicro, a maker of "
            "microservers and data center fabric technology, for $334 million.",
            "AMD (NYSE: AMD) today announced it has signed a definitive agreement to acquire SeaMicro, a pioneer in "
            "energy-efficient, high-bandwidth microservers, for approximately $334 million.",
            id="amd-announced-wednesday",
        ),
        pytest.param(
            # ecbplus 43_5ecbplus.txt:4 and 43_4ecbplus.txt:6, both written 2012-02-29: a statement and the deal
            # it announces, dated to one day.
            "Advanced Micro Devices announced Wednesday it is buying low-power server vendor SeaMicro, a surprise "
            "move that puts AMD in the systems business and disrupts Intel by acquiring one of its close partners.",
            "Advanced Micro Devices is acquiring Sea Micro today for $334 million, including $281 million in cash.",
            id="amd-announced-buying-acquiring-today",
        ),
        pytest.param(
            # ecbplus 44_5ecbplus.txt:4 and 44_2ecbplus.txt:4, both written 2007-11-12: "HP" is Hewlett-Packard.
            "Hewlett-Packard on Monday said it has agreed to buy EYP Mission Critical Facilities, a consulting "
            "company that specializes in data center cooling and energy efficiency.",
            "HP today announced that it has signed a definitive agreement to acquire EYP Mission Critical Facilities "
            "Inc. (EYP MCF), a consulting company specializing in strategic technology planning.",
            id="hewlett-packard-is-hp",
        ),
    ],
)
def test_one_announcement_on_one_day_is_one_claim(first: str, second: str) -> None:
    """Two outlets dating one announcement to the same day ("today", "on Wednesday") state one date, though
    the words around a statement's date say little and its speaker is not counted."""
    day = dt.date(2012, 2, 29) if "SeaMicro" in first else dt.date(2007, 11, 12)
    docs = [load_text(text, doc_id=f"doc{n}", published=day) for n, text in enumerate((first, second))]
    facts = [f for d in docs for f in extract_facts(d, anchor=day)]
    dates = [sorted(f.text for f in c.facts) for c in align(facts, Settings().min_score) if c.kind == "date"]
    assert len(dates) == 1 and len(dates[0]) == 2


def test_statements_of_different_days_are_not_joined_by_their_verb() -> None:
    """ "said on Tuesday" and "said Monday" by one speaker in one story are two statements: no claim, so no
    conflict (AQUAINT XIE19980812.0062.txt:3 and APW199980817.1193.txt:5, both read in the week of
    1998-08-17)."""
    day = dt.date(1998, 8, 19)
    facts = dated_facts(
        day,
        "U.S. Secretary of State Madeleine Albright said on Tuesday that she was heartened by cooperation from "
        "Kenya and Tanzania in probing into last Friday's bombings of U.S. embassies.",
        "``To America's embassy personnel in Nairobi and Dar es Salaam, I will bring a message of solidarity in "
        "their sorrow, admiration for their courage and support for their continued efforts on behalf of our "
        "country,'' Albright said Monday before leaving Andrews Air Force Base, Maryland .",
    )
    said = [f for f in facts if f.text in ("Tuesday", "Monday")]
    assert len(said) == 2 and said[0].value != said[1].value
    assert [c for c in align(facts, Settings().min_score) if c.kind == "date"] == []


def test_a_date_is_never_the_source_of_a_statement() -> None:
    """ "HP today announced" credits HP, "announced Nov. 12" credits nobody: a date word is not a holder, so two
    outlets' dates of one announcement are not kept apart as two speakers' (ecbplus 44_2ecbplus.txt:4,
    44_6ecbplus.txt:6, 44_5ecbplus.txt:4)."""
    from consistency.extract.sentences import attribution

    assert (
        attribution(
            "HP today announced that it has signed a definitive agreement to acquire EYP Mission Critical Facilities."
        )
        == "HP"
    )
    assert attribution("Financial details of the acquisition, announced Nov. 12, were not disclosed.") == ""
    assert (
        attribution(
            "Hewlett-Packard on Monday said it has agreed to buy EYP Mission Critical Facilities, a consulting firm."
        )
        == "Hewlett-Packard"
    )


def test_a_place_something_comes_from_is_not_where_the_fact_is_set() -> None:
    """ "Aircraft from Sudan ... dropped bombs Thursday" sets the bombing in no place of its own, so it is not
    kept apart from "a refugee camp in South Sudan's Unity state was bombed Thursday" as set elsewhere
    (ecbplus 41_10ecbplus.txt:3 and 41_5ecbplus.txt:4, read as written on Friday 2011-11-11)."""
    day = dt.date(2011, 11, 11)
    facts = dated_facts(
        day,
        "Military aircraft from Sudan crossed the new international border with South Sudan and dropped bombs "
        "Thursday in and around a camp filled with refugees, officials said.",
        "A refugee camp in South Sudan's Unity state was bombed Thursday, South Sudan officials and witnesses "
        "said, threatening to raise tensions with Sudan in the violence-plagued border region.",
    )
    assert next(f for f in facts if f.doc_id == "doc0" and f.kind == "date").where == ""
    dates = [sorted(f.doc_id for f in c.facts) for c in align(facts, Settings().min_score) if c.kind == "date"]
    assert dates == [["doc0", "doc1"]]


def test_a_value_a_document_also_gives_is_not_its_other_facts_rival() -> None:
    """An article that dates its shooting Monday ("Monday's shooting follows ...") and recalls that "in early
    March, a gunman shot and wounded three people" near Los Angeles tells two shootings: its early March is no
    report of another outlet's "shot three people ... on Monday", so there is no conflict between them (ecbplus
    18_1ecbplus.txt:4, :20 and :23 against 18_9ecbplus.txt:4, written 2007-04-10)."""
    day = dt.date(2007, 4, 10)
    facts = dated_facts(
        day,
        "A Michigan man shot to death one person and injured two others Monday at the suburban Detroit accounting "
        "firm from which he was fired last week, police said.\n\nMonday's shooting follows two last week in public "
        "places in Atlanta, Georgia, and Seattle, Washington.\n\nIn early March, a gunman shot and wounded three "
        "people at a printing facility near Los Angeles, California, before killing himself.",
        "A man who was fired last week from his job at an accounting firm in suburban Detroit walked into his "
        "former office with a shotgun on Monday and shot three people, killing one, before fleeing and leading "
        "police officers on a high-speed chase, the authorities said.",
    )
    for claim in align(facts, Settings().min_score):
        texts = {f.text for f in claim.facts}
        assert not ({"early March", "Monday"} <= texts), texts


def test_a_firms_suffix_is_no_other_holder() -> None:
    """ "Hewlett-Packard Co. announced yesterday" (written 2007-11-13) and "Hewlett-Packard on Monday said"
    (written 2007-11-12) date one announcement: "Co." is no other firm (ecbplus 44_3ecbplus.txt:4 and
    44_5ecbplus.txt:4)."""
    facts = written(
        (
            "Hewlett-Packard Co. announced yesterday that it will acquire EYP Mission Critical Facilities Inc., a data "
            "center consulting business, to bolster its own position in the data center facilities space.",
            dt.date(2007, 11, 13),
        ),
        (
            "Hewlett-Packard on Monday said it has agreed to buy EYP Mission Critical Facilities, a consulting "
            "company that specializes in data center cooling and energy efficiency.",
            dt.date(2007, 11, 12),
        ),
    )
    dates = [sorted(f.doc_id for f in c.facts) for c in align(facts, Settings().min_score) if c.kind == "date"]
    assert dates == [["doc0", "doc1"]]


def test_a_fact_its_clause_dates_weeks_before_is_another_event() -> None:
    """ "In February, a gunman killed five people ... in Salt Lake City" in an article written in April recalls
    another shooting: no claim with another outlet's "two of the three victims died", which is about the
    story's own (ecbplus 18_1ecbplus.txt:25, written 2007-04-10, and 18_3ecbplus.txt:23, written 2007-04-12)."""
    facts = written(
        (
            "In February, a gunman killed five people and injured several others at a shopping mall in Salt Lake "
            "City, Utah, before an off-duty policeman killed the shooter.",
            dt.date(2007, 4, 10),
        ),
        (
            "Local evening news in Michigan originally reported that two of the three victims died.",
            dt.date(2007, 4, 12),
        ),
    )
    assert next(f for f in facts if f.text == "five people").when == "2007-02"
    assert [c for c in align(facts, Settings().min_score) if c.kind == "count"] == []


def test_two_places_side_by_side_are_no_conflict_through_a_third() -> None:
    """The quake was felt in Oman and in Dubai: "the gulf in Oman and the United Arab Emirates", "In Oman and the
    United Arab Emirates, buildings were evacuated" and "Office workers in Dubai, United Arab Emirates,
    evacuated" (ecbplus 20_11ecbplus.txt:9, 20_3ecbplus.txt:19, 20_8ecbplus.txt:18). Places share a point only
    when one lies within the other, and a place named in a list ("Oman and the United Arab Emirates") does not
    contradict a place within another of the list (Dubai): no conflict, directly or through a third document."""
    facts = facts_of(
        "The temblor was felt across the gulf in Oman and the United Arab Emirates.",
        "In Oman and the United Arab Emirates, buildings were evacuated and people fled into the streets.",
        "Office workers in Dubai, United Arab Emirates, evacuated several buildings in the city, pouring onto the "
        "streets and snarling traffic.",
    )
    for claim in align(facts, Settings().min_score):
        if claim.kind == "place":
            for a in claim.facts:
                for b in claim.facts:
                    assert compare(a, b, Settings()).verdict != "conflict", (a.text, b.text)


def test_wire_datelines_are_no_facts_of_the_story() -> None:
    """ "WASHINGTON, August 11 (Xinhua) --" heads a story: the day it was filed, not a fact of the story, so two
    Xinhua stories filed two days apart are no date conflict (AQUAINT XIE19980812.0062.txt:1 and
    XIE19980814.0294.txt:1)."""
    facts = facts_of("WASHINGTON, August 11 (Xinhua) --", "WASHINGTON, August 13 (Xinhua) --")
    assert [f.text for f in facts if f.kind == "date"] == ["August 11", "August 13"]
    assert all(f.furniture for f in facts)
    assert align(facts, Settings().min_score) == []


def test_two_reactions_on_two_days_are_two_statements() -> None:
    """ "Iran Saturday condemned the bombing" and "Philippine President Joseph Estrada on Tuesday condemned the
    bombings" date two reactions by two speakers, not the bombing: no conflict between Saturday and Tuesday
    (AQUAINT XIE19980809.0010.txt:3, written 1998-08-09, and APW19980811.0474.txt:3, written 1998-08-11)."""
    facts = written(
        (
            "Iran Saturday condemned the bombing of U.S. embassies in Kenya and Tanzania, and expressed sympathy for "
            "the families of the victims.",
            dt.date(1998, 8, 9),
        ),
        (
            "Philippine President Joseph Estrada on Tuesday condemned the bombings of the U.S. embassies in Kenya "
            "and Tanzania and offered condolences to the victims and their families.",
            dt.date(1998, 8, 11),
        ),
    )
    dates = [f for f in facts if f.kind == "date"]
    assert [(f.holder, f.event) for f in dates] == [
        ("Iran", "announce"),
        ("Philippine President Joseph Estrada", "announce"),
    ]
    assert [c for c in align(facts, Settings().min_score) if c.kind == "date"] == []


@pytest.mark.parametrize(
    ("lines", "old", "new"),
    [
        # ecbplus 20_3ecbplus.txt:14: the clause around the count has no word of its own ("which has").
        (
            ["The island, which has about 200,000 residents, is about 940 miles south of Tehran, the capital."],
            "about 200,000 residents",
            "about 600,007 residents",
        ),
        # ecbplus 20_9ecbplus.txt:3: a story's dateline has no words at all around its date.
        (
            ["Iranian earthquake tremor hits Dubai", "Sunday, November 27-2005 at 16:12"],
            "November 27",
            "November 30",
        ),
        # ecbplus 38_11ecbplus.txt:5: "today" and the changed day are two facts of one sentence; the changed day
        # meets its own twin, not the other copy's "today".
        (
            [
                "A California earthquake today 2013 has erupted outside Santa Rosa.",
                "The strong and shallow quake began in the predawn morning hours today Thursday, March 14, 2013.",
            ],
            "March 14",
            "March 17",
        ),
    ],
    ids=["relative-clause", "dateline", "two-dates-one-sentence"],
)
def test_a_copy_edited_figure_is_a_conflict_with_its_original(lines: list[str], old: str, new: str) -> None:
    """Two copies of an article, one figure changed in one sentence: the two figures are one statement (the
    same words and sentence but for the figure) and their conflict is reported, whatever words stand around."""
    original = "\n".join(lines)
    changed = original.replace(old, new)
    facts = written((original, dt.date(2013, 3, 14)), (changed, dt.date(2013, 3, 14)))
    claims = [c for c in align(facts, Settings().min_score) if any(new in f.text for f in c.facts)]
    assert len(claims) == 1, [tuple(f.text for f in c.facts) for c in claims]
    a = next((f for f in claims[0].facts if f.doc_id == "doc0" and old in f.text), None)
    b = next(f for f in claims[0].facts if f.doc_id == "doc1" and new in f.text)
    assert a is not None, [f.text for f in claims[0].facts]
    assert compare(a, b, Settings()).verdict == "conflict"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        # ecbplus 20_1ecb.txt:2 and 20_3ecbplus.txt:5: two quakes off Iran's coast, years apart, both on a
        # Sunday; 20_7ecbplus.txt:3 reports the second one.
        (
            "A 5.6 magnitude earthquake hit an island off Iran's southern coast on Sunday, injuring five people and "
            "damaging buildings, Iranian media said.",
            "An earthquake measuring at least magnitude-5.9 shook a sparsely populated area of southern Iran on "
            "Sunday, flattening seven villages and killing 10 people, officials said.",
            False,
        ),
        (
            "An earthquake measuring at least magnitude-5.9 shook a sparsely populated area of southern Iran on "
            "Sunday, flattening seven villages and killing 10 people, officials said.",
            "An earthquake with a magnitude of at least 5.9 hit southern Iran on Sunday, killing at least 10 people "
            "and injuring many others.",
            True,
        ),
        # ecbplus 23_2ecbplus.txt:16 and 23_3ecbplus.txt:11: two climbers who died on Mount Cook the same weekend;
        # 23_4ecbplus.txt:10 reports the second one.
        (
            "Yesterday, a 36-year-old Australian climber died after falling about 150 metres at Mt Cook.",
            "On Saturday, 32-year-old Englishman Robert Buckley, originally from Essex, but living in Christchurch, "
            "fell about 2, 000ft while climbing to a small hut on Mount Sefton with three companions.",
            False,
        ),
        (
            "On Saturday, 32-year-old Englishman Robert Buckley, originally from Essex, but living in Christchurch, "
            "fell about 2, 000ft while climbing to a small hut on Mount Sefton with three companions.",
            "On Saturday, 32-year-old Englishman Robert Buckley fell about 600 metres (2,000 feet) while climbing to "
            "a small hut on Mount Sefton.",
            True,
        ),
    ],
    ids=["two-quakes", "one-quake", "two-climbers", "one-climber"],
)
def test_sentences_with_different_magnitudes_or_ages_date_different_events(a: str, b: str, same: bool) -> None:
    """Two documents written the day after a Sunday (or a Saturday): the day of a 5.6 quake is not the day of a
    5.9 quake, nor a 36-year-old's fall a 32-year-old's (veto ``different-marks``), while two reports of one
    quake or one climber still give one day."""
    sunday = dt.date(2005, 11, 28) if "quake" in a else dt.date(2013, 9, 15)
    facts = [f for f in written((a, sunday), (b, sunday)) if f.kind == "date"]
    assert len({f.value for f in facts}) == 1, [(f.text, f.value) for f in facts]  # both read as one day
    claims = align(facts, Settings().min_score)
    assert bool(claims) is same, [tuple(f.text for f in c.facts) for c in claims]
