"""Word tables for :mod:`consistency.extract.quantities`: number words, units, qualifiers, stop words.

One table per idea; the extractor compiles its regular expressions from these at import time.
"""

from __future__ import annotations


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# --- Cardinal words -------------------------------------------------------------------------------
ONES: dict[str, int] = {
    "zero": 0,
    "nought": 0,
    "naught": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
TEENS: dict[str, int] = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
HUNDRED: dict[str, int] = {"hundred": 100}
# Scale words and the abbreviations news uses after digits ("$2bn", "10 mln").
SCALES: dict[str, float] = {
    "thousand": 1e3,
    "k": 1e3,
    "lakh": 1e5,
    "lakhs": 1e5,
    "million": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "crore": 1e7,
    "crores": 1e7,
    "billion": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "tln": 1e12,
}
DOZEN: dict[str, int] = {"dozen": 12, "dozens": 12, "dzs": 12, "doz": 12, "dozs": 12}

# Scale letters glued to digits ("10k", "1.2b", "$2.174T", "US$ 1MM"); lower-case "m" is read in context
# (million after a currency sign, metre otherwise), so it is not here.
SUFFIX_SCALES: dict[str, float] = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "MM": 1e6,
    "mm": 1e6,
    "b": 1e9,
    "B": 1e9,
    "bn": 1e9,
    "T": 1e12,
    "tn": 1e12,
    "mil": 1e6,
    "mln": 1e6,
}

# --- Ordinals and fraction denominators -----------------------------------------------------------
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
    "millionth": 1_000_000,
    "billionth": 1_000_000_000,
    "trillionth": 1_000_000_000_000,
}
# Words that name a fraction after a cardinal ("two thirds", "a quarter", "one-half").  "second" is
# left out: "two seconds" is a duration.
DENOMINATORS: dict[str, int] = {
    "half": 2,
    "halves": 2,
    "quarter": 4,
    "quarters": 4,
    **{w: v for w, v in ORDINALS.items() if w not in {"first", "second"}},
    **{w + "s": v for w, v in ORDINALS.items() if w not in {"first", "second"}},
}

# --- Vague amounts: "tens of thousands" -> [20000, 99999] ------------------------------------------
# The plural scale word names the order of magnitude; "tens of"/"hundreds of" multiply it.
VAGUE_SCALES: dict[str, float] = {
    "dozens": 12,
    "hundreds": 100,
    "thousands": 1e3,
    "millions": 1e6,
    "billions": 1e9,
}
VAGUE_MULTIPLIERS: dict[str, float] = {"tens": 10, "hundreds": 100}

# --- Qualifiers -----------------------------------------------------------------------------------
# surface (lower case, single spaces) -> (normalized qualifier, interval kind).  Kinds: gt, ge, lt, le,
# approx (both sides), under (approximately below: "nearly"), overa (approximately above: "just over"),
# exact.
PREFIX_QUALIFIERS: dict[str, tuple[str, str]] = {
    "more than": ("more than", "gt"),
    "over": ("over", "gt"),
    "above": ("above", "gt"),
    "greater than": ("more than", "gt"),
    "larger than": ("more than", "gt"),
    "bigger than": ("more than", "gt"),
    "higher than": ("more than", "gt"),
    "in excess of": ("more than", "gt"),
    "well over": ("over", "gt"),
    "well above": ("above", "gt"),
    "exceeding": ("more than", "gt"),
    "exceed": ("more than", "gt"),
    "exceeds": ("more than", "gt"),
    "surpass": ("more than", "gt"),
    "surpassing": ("more than", "gt"),
    ">": ("more than", "gt"),
    "at least": ("at least", "ge"),
    "no less than": ("at least", "ge"),
    "not less than": ("at least", "ge"),
    "no fewer than": ("at least", "ge"),
    "not fewer than": ("at least", "ge"),
    "a minimum of": ("at least", "ge"),
    "upwards of": ("at least", "ge"),
    "as few as": ("at least", "ge"),
    "greater than or equal to": ("at least", "ge"),
    "more than or equal to": ("at least", "ge"),
    "equal to or more than": ("at least", "ge"),
    "equal to or greater than": ("at least", "ge"),
    "bigger or equal than": ("at least", "ge"),
    "higher or equal than": ("at least", "ge"),
    "at least or equal to": ("at least", "ge"),
    ">=": ("at least", "ge"),
    "≥": ("at least", "ge"),
    "> =": ("at least", "ge"),
    "less than": ("less than", "lt"),
    "fewer than": ("less than", "lt"),
    "under": ("under", "lt"),
    "below": ("below", "lt"),
    "lower than": ("less than", "lt"),
    "smaller than": ("less than", "lt"),
    "<": ("less than", "lt"),
    "at most": ("at most", "le"),
    "up to": ("up to", "le"),
    "no more than": ("at most", "le"),
    "not more than": ("at most", "le"),
    "a maximum of": ("at most", "le"),
    "as many as": ("up to", "le"),
    "as much as": ("up to", "le"),
    "less than or equal to": ("at most", "le"),
    "equal to or less than": ("at most", "le"),
    "fewer than or equal to": ("at most", "le"),
    "smaller or equal than": ("at most", "le"),
    "lower or equal than": ("at most", "le"),
    "less or equal than": ("at most", "le"),
    "<=": ("at most", "le"),
    "< =": ("at most", "le"),
    "≤": ("at most", "le"),
    "about": ("about", "approx"),
    "around": ("around", "approx"),
    "some": ("some", "approx"),
    "roughly": ("roughly", "approx"),
    "approximately": ("approximately", "approx"),
    "approx.": ("approximately", "approx"),
    "an estimated": ("an estimated", "approx"),
    "estimated": ("an estimated", "approx"),
    "close to": ("close to", "approx"),
    "circa": ("about", "approx"),
    "more or less": ("about", "approx"),
    "somewhere around": ("around", "approx"),
    "~": ("about", "approx"),
    "nearly": ("nearly", "under"),
    "almost": ("almost", "under"),
    "just under": ("just under", "under"),
    "just below": ("just under", "under"),
    "just shy of": ("just under", "under"),
    "just over": ("just over", "overa"),
    "just above": ("just over", "overa"),
    "slightly more than": ("just over", "overa"),
    "exactly": ("exactly", "exact"),
    "equal to": ("exactly", "exact"),
    "equals": ("exactly", "exact"),
    "equals to": ("exactly", "exact"),
    "equaling to": ("exactly", "exact"),
    "a total of": ("a total of", "exact"),
    "between": ("between", "range"),
    "from": ("from", "range"),
}
SUFFIX_QUALIFIERS: dict[str, tuple[str, str]] = {
    "or more": ("at least", "ge"),
    "and more": ("at least", "ge"),
    "or greater": ("at least", "ge"),
    "and above": ("at least", "ge"),
    "and over": ("at least", "ge"),
    "or above": ("at least", "ge"),
    "or over": ("at least", "ge"),
    "plus": ("at least", "ge"),
    "+": ("at least", "ge"),
    "or less": ("at most", "le"),
    "or fewer": ("at most", "le"),
    "and less": ("at most", "le"),
    "or below": ("at most", "le"),
    "or under": ("at most", "le"),
    "or so": ("about", "approx"),
    "or greater than": ("at least", "ge"),
    "or more than": ("at least", "ge"),
    "or less than": ("at most", "le"),
    "or equal": ("at most", "le"),
}
# Words before "from" that make "from A to B" a change between two values, not a range.
CHANGE_WORDS: frozenset[str] = _set(
    "rose risen rise rises rising fell fallen fall falls falling increased increase increases "
    "increasing decreased decrease decreases decreasing jumped jump jumps climbed climb climbs "
    "dropped drop drops grew grow grows growing reduced reduce cut cuts raised raise raises "
    "lowered lower slashed boosted surged soared plunged slumped declined decline declines "
    "changed change went moved up down shrank expanded widened narrowed revised"
)

# --- Units: (pattern, unit, dimension); the patterns are joined longest first, case-insensitively
# unless wrapped in (?-i:...). --------------------------------------------------------------------
UNITS: list[tuple[str, str, str]] = [
    # percentages
    (r"%", "%", "percent"),
    (r"per\s?cent", "%", "percent"),
    (r"pct", "%", "percent"),
    (r"percentage\s+points?", "pp", "percent"),
    (r"(?-i:pp)", "pp", "percent"),
    # currency words and codes after the number
    (r"(?:us\s+)?dollars?", "USD", "currency"),
    (r"euros?", "EUR", "currency"),
    (r"pounds?\s+sterling", "GBP", "currency"),
    (r"yen", "JPY", "currency"),
    (r"yuan", "CNY", "currency"),
    (r"renminbi", "CNY", "currency"),
    (r"r[ou]ubles?", "RUB", "currency"),
    (r"hryvnias?", "UAH", "currency"),
    (r"rupees?", "INR", "currency"),
    (r"swiss\s+francs?", "CHF", "currency"),
    (r"francs?", "CHF", "currency"),
    (r"cents?", "cent", "currency"),
    (r"pence", "penny", "currency"),
    (r"pennies", "penny", "currency"),
    (r"dimes?", "dime", "currency"),
    (r"(?-i:USD|EUR|GBP|JPY|CNY|RUB|UAH|INR|CHF|SEK|NOK|DKK|PLN|CAD|AUD)", "", "currency"),
    # length
    (r"km|kms|kilomet(?:er|re)s?", "km", "length"),
    (r"miles?|(?-i:mi)", "mile", "length"),
    (r"nautical\s+miles?", "nmi", "length"),
    (r"(?-i:m)|met(?:er|re)s?", "m", "length"),
    (r"(?-i:cm)|centimet(?:er|re)s?", "cm", "length"),
    (r"(?-i:mm)|millimet(?:er|re)s?", "mm", "length"),
    (r"(?-i:nm)|nanomet(?:er|re)s?", "nm", "length"),
    (r"picomet(?:er|re)s?", "pm", "length"),
    (r"ft|feet|foot", "ft", "length"),
    (r"inch(?:es)?", "inch", "length"),
    (r"yards?|yd", "yd", "length"),
    # mass
    (r"kg|kgs|kilo(?:gram|gramme)?s?", "kg", "mass"),
    (r"(?-i:g)|grams?|grammes?", "g", "mass"),
    (r"(?-i:mg)|milligrams?", "mg", "mass"),
    (r"tonnes?|tons?|(?-i:t)", "t", "mass"),
    (r"lbs?|pounds?", "lb", "mass"),
    (r"oz|ounces?", "oz", "mass"),
    # duration (and ages: "30 years old")
    (r"seconds?|secs?", "s", "duration"),
    (r"minutes?|mins?", "min", "duration"),
    (r"hours?|hrs?", "h", "duration"),
    (r"days?", "day", "duration"),
    (r"nights?", "night", "duration"),
    (r"weeks?", "week", "duration"),
    (r"fortnights?", "fortnight", "duration"),
    (r"months?", "month", "duration"),
    (r"years?(?:\s*-?\s*old)?|yrs?", "year", "duration"),
    (r"decades?", "decade", "duration"),
    (r"centur(?:y|ies)", "century", "duration"),
    # area and volume
    (
        r"(?:sq\.?|square)\s*(?:km|kilomet(?:er|re)s?)|km(?:2|²|\^2)|(?:km|kilomet(?:er|re)s?)\s+squared",
        "km2",
        "other",
    ),
    (r"(?:sq\.?|square)\s*(?:mi|miles?)", "mi2", "other"),
    (r"(?:sq\.?|square)\s*(?:m|met(?:er|re)s?)|m(?:2|²)", "m2", "other"),
    (r"(?:sq\.?|square)\s*(?:ft|feet|foot)", "ft2", "other"),
    (r"hectares?|(?-i:ha)", "ha", "other"),
    (r"acres?", "acre", "other"),
    (
        r"(?:cubic\s*(?:km|kilomet(?:er|re)s?))|km(?:3|³|\^3)|(?:km|kilomet(?:er|re)s?)\s+cubed",
        "km3",
        "other",
    ),
    (r"cubic\s*(?:m|met(?:er|re)s?)|m(?:3|³)", "m3", "other"),
    (r"lit(?:er|re)s?|(?-i:L)", "l", "other"),
    (r"(?-i:ml)|millilit(?:er|re)s?", "ml", "other"),
    (r"(?-i:cl)|centilit(?:er|re)s?", "cl", "other"),
    (r"gallons?", "gal", "other"),
    (r"barrels?|bbl", "bbl", "other"),
    (r"cups?", "cup", "other"),
    (r"tablespoons?|tbsp", "tbsp", "other"),
    (r"teaspoons?|tsp", "tsp", "other"),
    # temperature, speed, energy, data
    (r"(?:degrees?\s*)?(?:celsius|centigrade)|°\s?C|degrees?\s+(?-i:C)\b", "°C", "other"),
    (r"(?:degrees?\s*)?fahrenheit|°\s?F|degrees?\s+(?-i:F)\b", "°F", "other"),
    (r"degrees?|°", "°", "other"),
    (r"km/h|kph|km\s+per\s+hour|kilomet(?:er|re)s?\s+(?:per|an)\s+hour", "km/h", "other"),
    (r"mph|miles?\s+(?:per|an)\s+hour", "mph", "other"),
    (r"knots?", "kn", "other"),
    (r"(?-i:[kMGT]?Wh)", "Wh", "other"),
    (r"(?-i:[kMGT]W)", "W", "other"),
    (r"(?:kilo|mega|giga|tera)?watts?(?:\s*-?\s*hours?)?", "W", "other"),
    (r"(?-i:[kMGT]?eV)", "eV", "other"),
    (r"(?-i:[kMGT]?Hz)", "Hz", "other"),
    (r"(?-i:[kKMGTPE]i?B)|(?:kilo|mega|giga|tera|peta|exa)?bytes?", "B", "other"),
    (r"(?:kilo|mega|giga|tera)?bits?", "bit", "other"),
    (r"volts?|(?-i:kV)", "V", "other"),
    (r"(?-i:mGy|Gy)", "Gy", "other"),
    (r"calories|kcal", "cal", "other"),
]

# Currency signs and codes written before the number ("$2 billion", "US$ 1MM", "€10M", "Rs 500").
CURRENCY_PREFIXES: dict[str, str] = {
    "$": "USD",
    "us$": "USD",
    "usd": "USD",
    "€": "EUR",
    "eur": "EUR",
    "£": "GBP",
    "gbp": "GBP",
    "¥": "JPY",
    "jpy": "JPY",
    "₹": "INR",
    "rs": "INR",
    "rs.": "INR",
    "inr": "INR",
    "₽": "RUB",
    "rub": "RUB",
    "chf": "CHF",
    "c$": "CAD",
    "a$": "AUD",
    "hk$": "HKD",
    "₴": "UAH",
    "cny": "CNY",
}

# --- Dates ----------------------------------------------------------------------------------------
MONTHS: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
WEEKDAYS: tuple[str, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
# Words before a bare four-digit number that make it a year ("in 1987", "since 2014").
YEAR_LEAD_WORDS: frozenset[str] = _set(
    "in since by until till from of during before after year years circa c. around early late mid "
    "and or to through between spring summer autumn fall winter fiscal fy the a this that"
)

# --- Subjects -------------------------------------------------------------------------------------
# A counted subject stops at these words (prepositions, determiners, pronouns, conjunctions,
# auxiliaries, adverbs that follow numbers).
SUBJECT_STOP: frozenset[str] = _set(
    """
    of in on at to from by with for along across near into onto over under per than about around
    against since after before during between among through toward towards within without inside
    outside including like as via upon amid amongst beyond behind off out up down
    the a an this that these those his her its their our my your which who whom whose what it they
    he she we you i them him us me there here
    and or but nor so yet if while when where because although though whether then
    is are was were be been being has have had do does did will would can could may might shall
    should must said says say told according reported
    each apiece ago later earlier already still also only just now not no too very even
    last next per cent percent
    north south east west northeast northwest southeast southwest north-east north-west south-east
    south-west northward southward eastward westward away long wide high deep tall apart
    """
)
# Words dropped from the end of a subject: "dozens more", "$2.5 million worth of jewellery".
SUBJECT_TRIM: frozenset[str] = _set("more less fewer worth extra each")
# Plural nouns without a final "s": the subject ends after one of these.
IRREGULAR_PLURALS: frozenset[str] = _set(
    "people children men women police personnel staff cattle feet teeth mice geese crew "
    "militia infantry aircraft livestock sheep fish deer"
)
# Determiners and function words that make a following "one" a pronoun ("the one", "no one").
ONE_PRONOUN_BEFORE: frozenset[str] = _set(
    "the this that which any every each no another someone anyone everyone last only single "
    "little big new old right wrong next such"
)
ONE_PRONOUN_AFTER: frozenset[str] = _set("of another who which that thing 's ’s")
