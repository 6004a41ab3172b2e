"""The base layer of :mod:`consistency.extract.frames`: words, tokens, clauses and the window around a fact.

What is here: the word forms (every inflection of every lemma the lexicon names, built once at import) and the
small word tables the rules share; the tokenizer; clause breaks (``_clause``, used by ``clause_span``); the
``_Window`` of words around a fact; and the readers of a count's predicate that the other rules build on (the
verb before a count, the predicate after it, the noun before it, the predicate crossed from a whole).

Layering: this module imports only the lexicon and ``_numwords``; ``_frame_money`` and ``frames`` import it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from consistency.extract._numwords import DOZEN, ONES, SCALES, TEENS, TENS, VAGUE_SCALES
from consistency.lexicon import measures as lex


# ---------------------------------------------------------------------------------------------------
# Word forms: every inflection of every lemma the tables name, generated once at import
# ---------------------------------------------------------------------------------------------------
def _inflections(lemma: str) -> tuple[str, ...]:
    """Regular forms of a verb lemma (irregular ones come from ``lex.IRREGULAR``).

    >>> _inflections("kill"), _inflections("injure"), _inflections("bury"), _inflections("flee")
    (('kill', 'kills', 'killed', 'killing'), ('injure', 'injures', 'injured', 'injuring'), \
('bury', 'buries', 'buried', 'burying'), ('flee', 'flees', 'fleed', 'fleeing'))

    A final consonant after one vowel is doubled ("shipped", "robbed", "kidnapped"); where English does not
    double it ("visited") the extra form is simply never met:

    >>> _inflections("ship")
    ('ship', 'ships', 'shipped', 'shipping', 'shiped', 'shiping')
    """
    if lemma.endswith("ee"):
        return (lemma, lemma + "s", lemma + "d", lemma + "ing")
    if lemma.endswith("e"):
        return (lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    regular = (lemma, lemma + "s", lemma + "ed", lemma + "ing")
    if _DOUBLES.search(lemma):
        last = lemma[-1]
        return (lemma, lemma + "s", lemma + last + "ed", lemma + last + "ing", *regular[2:])
    return regular


#: A verb ending consonant-vowel-consonant (not w, x or y) doubles its last letter before -ed and -ing.
_DOUBLES = re.compile(r"(?:^|[^aeiou])[aeiou][b-df-hj-np-tvz]$")


def _build_forms() -> dict[str, str]:
    lemmas = {
        *lex.VERBS,
        *lex.MONEY_VERBS,
        *lex.CHANGE_VERBS,
        *lex.FALL_VERBS,
        *lex.LIFE_VERBS,
        *lex.LEAVE_VERBS,
        *(w for w in lex.EVENTS if w.isalpha()),
    }
    forms: dict[str, str] = {}
    for lemma in sorted(lemmas):
        for form in _inflections(lemma):
            forms.setdefault(form, lemma)
    for lemma in lemmas:  # a lemma is always its own lemma ("cost" is not an inflection of "cot")
        forms[lemma] = lemma
    forms.update(lex.IRREGULAR)
    return forms


_FORMS: dict[str, str] = _build_forms()
_NUMBER_WORDS = frozenset([*ONES, *TEENS, *TENS, *SCALES, *DOZEN, *VAGUE_SCALES])


def _words(text: str) -> frozenset[str]:
    """A word table written as one string."""
    return frozenset(text.split())


# Words, numbers (with their decimal point), and single punctuation marks.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_][\w’']*(?:-[^\W\d_][\w’']*)*|[^\w\s]")
_WINDOW = 9  # words looked at on each side
_WIDE = 18  # words looked at on the right past an apposition
_CHARS = 72  # characters looked at on each side (bounds the cost whatever the sentence)

# Words between a verb and its count that do not break the link: qualifiers and determiners
# ("killing at least 10", "wounding around 1,400", "injured an estimated 40", "claimed some 30").
_SKIP = _words(
    """
    at least most more than about some around nearly almost over up an a the estimated total of as many
    approximately roughly just only another further additional fewer less under upwards in excess no well
    reportedly other
    """
)
_DETERMINERS = _words("the a an its their his her our your this that these those each every per")
# First words of a parenthetical that the subject of a predicate may carry: "including ...", "one of them".
_PARENTHETICAL = frozenset({"including", "among", "mostly", "many", "most", "all", "some", "both", "a", "an", "of"})
# Words between a verb of having and its limit: "allows up to", "is capped at", "supports a maximum of".
# Words that end a noun phrase because a time phrase begins: "of national economic output last year".
_TIME_WORDS = frozenset({"last", "next", "this", "year", "month", "week", "today", "yesterday", "tomorrow"})
_LIMIT_LINKS = frozenset(
    {"is", "are", "at", "to", "limited", "capped", "of", "up", "a", "maximum", "max", "most", "no", "more", "than"}
)
_FUNCTION = _words(
    """
    the a an and or but of in on at to for from with by as is are was were be been has have had it its this that
    these those which who whom when where while than then also not no
    """
)
_MODALS = frozenset({"will", "would", "could", "can", "may", "might", "must", "to", "did", "does", "should", "shall"})
_QUAKE_HOLDER_WINDOW = 8


def _is_number(tok: str) -> bool:
    return tok[:1].isdigit() or tok in _NUMBER_WORDS


def _tokens(text: str, lo: int, hi: int) -> list[str]:
    return _TOKEN.findall(text, lo, hi) if lo < hi else []


def _lemma(word: str) -> str:
    return _FORMS.get(word, "")


def _count_measure(word: str) -> tuple[str, str]:
    """(measure, lemma) of a predicate word: a verb form of ``lex.VERBS`` or a predicate adjective."""
    lemma = _FORMS.get(word)
    if lemma is not None and lemma in lex.VERBS:
        return lex.VERBS[lemma][0], lemma
    if word in lex.PREDICATE_ADJECTIVES:
        measure = lex.PREDICATE_ADJECTIVES[word]
        return measure, _ADJECTIVE_LEMMA.get(word, word)
    return "", ""


_ADJECTIVE_LEMMA = {"dead": "die", "injured": "injure", "wounded": "wound", "missing": "missing"}


@lru_cache(maxsize=1 << 14)
def _event(word: str) -> str:
    """The event class of a word (verb form or event noun), "" when it names none (read once per word: the
    frame rules ask it of every word around every fact)."""
    lemma = _FORMS.get(word, word)
    if lemma in lex.VERBS:
        return lex.VERBS[lemma][1]
    return lex.EVENTS.get(lemma, lex.EVENTS.get(word, ""))


# ---------------------------------------------------------------------------------------------------
# Clause span
# ---------------------------------------------------------------------------------------------------
# Clause breaks are read on tokens, not with a regular expression over characters: the tokens are needed
# anyway, and a pattern that may start at any character costs more than the whole frame.
_BREAK_PUNCT = _words("; : — –")
_COMMA_BREAKS = _words(
    "which who whom whose where when while but whereas although though because and after before until so as"
)
_BARE_BREAKS = _words("while whereas although though because but")
_BREAK_CANDIDATES = _BREAK_PUNCT | _BARE_BREAKS | {",", "and", "-"}
_QUALIFIER_WORDS = _words("at least more than about some around nearly almost over another up to as many")


def _breaks(low: list[str], k: int) -> bool:
    """Does a clause break sit at token ``k`` of ``low`` (lower-case tokens in reading order)?"""
    t = low[k]
    nxt = low[k + 1] if k + 1 < len(low) else ""
    if t in _BREAK_PUNCT or t in _BARE_BREAKS or (t == "-" and nxt == "-"):
        return True
    if t == ",":
        if nxt in _COMMA_BREAKS:
            return True
        # ", injuring 40": a participle clause after a comma ("including" lists a part, it is no clause)
        if nxt.endswith("ing") and nxt.isalpha() and nxt != "including":
            return True
    if t in (",", "and") and k > 0:
        # "... were killed and at least 50 injured", "Two Dead, Three Injured": a new count after a predicate,
        # but not inside a list ("247 people in Kenya and 10 in Tanzania" shares its verb).
        j = k + 1
        while j < len(low) and j < k + 4 and low[j] in _QUALIFIER_WORDS:
            j += 1
        return j < len(low) and _is_number(low[j]) and bool(_count_measure(low[k - 1])[0])
    return False


def _clause(low: list[str], first: int, last: int, reach: int, right_reach: int = 0) -> tuple[int, int]:
    """Token bounds [a, b) of the clause holding tokens ``low[first:last]``, looking ``reach`` tokens to the left
    and ``right_reach`` (default ``reach``) to the right."""
    a = max(0, first - reach)
    for k in range(first - 1, a - 1, -1):
        if low[k] in _BREAK_CANDIDATES and _breaks(low, k):
            a = k + 2 if low[k] == "-" else k + 1
            break
    b = min(len(low), last + (right_reach or reach))
    for k in range(last, b):
        if low[k] in _BREAK_CANDIDATES and _breaks(low, k):
            b = k
            break
    return a, b


# ---------------------------------------------------------------------------------------------------
# The rules
# ---------------------------------------------------------------------------------------------------
class _Window:
    """The words around a fact: ``left`` nearest first, ``right`` in reading order, both lower case, cut at
    the clause; ``wide_left`` is the left side past the clause start (for the rules that cross it);
    ``wide_right`` the right side up to _WIDE words (for a predicate past an apposition)."""

    __slots__ = (
        "end", "fact", "head", "left", "left_orig", "left_tokens", "right", "right_orig", "sentence", "start",
        "wide_left", "wide_right", "wide_right_orig",
    )  # fmt: skip

    def __init__(self, sentence: str, start: int, end: int) -> None:
        left = _tokens(sentence, max(0, start - _CHARS), start)
        fact = _tokens(sentence, start, end)
        right = _tokens(sentence, end, min(len(sentence), end + _CHARS))
        # Tokens never hold whitespace, so one lower() over the joined tokens lowers each of them.
        low = " ".join((*left, *fact, *right)).lower().split(" ") if left or fact or right else []
        nl, nf = len(left), len(fact)
        a, b = _clause(low, nl, nl + nf, _WINDOW + 1, _WIDE + 1)
        self.sentence, self.start, self.end = sentence, start, end
        self.left_orig = left[a:][::-1][:_WINDOW]
        self.left = low[a:nl][::-1][:_WINDOW]
        self.wide_left = low[:nl][::-1][: _WINDOW + 3]
        self.left_tokens = left  # in reading order, for the rare rule that needs the original words past the clause
        self.fact = low[nl : nl + nf]
        # The right side as far as the clause goes (up to _WIDE words): a predicate may sit past one
        # apposition ("Three people, one of them a pregnant woman, were killed"); the rules read
        # ``right`` (the first _WINDOW words) unless they have crossed such an apposition.
        self.wide_right_orig = right[: b - nl - nf][:_WIDE]
        self.wide_right = low[nl + nf : b][:_WIDE]
        self.right_orig = self.wide_right_orig[:_WINDOW]
        self.right = self.wide_right[:_WINDOW]
        self.head = ""  # the counted noun's last word, when the number extractor found it


def _first_left(w: _Window) -> int:
    """Index in ``w.left`` of the first word that is not a qualifier or determiner."""
    i = 0
    left = w.left
    # "to" is a qualifier only in "up to", "close to": "evacuated to 10 temporary shelters" is a place.
    while i < len(left):
        if left[i] == "to" and left[i + 1 : i + 2] in (["up"], ["close"]):
            i += 2
        elif left[i] in _SKIP:
            i += 1
        else:
            break
    return i


def _verb_before(w: _Window) -> tuple[str, str]:
    """Object of a verb before the count: "killing 3", "killed at least 40", "arrested 12", "shot dead 2"."""
    i = _first_left(w)
    if i >= len(w.left):
        return "", ""
    word = w.left[i]
    if word == "dead" and i + 1 < len(w.left) and _lemma(w.left[i + 1]) == "shoot":
        return "deaths", "shoot-dead"
    if word == "death" and w.left[i + 1 : i + 2] == ["to"] and i + 2 < len(w.left):
        # "A Michigan man shot to death one person" (18_1ecbplus); not "sentenced to death 3 men"
        verb = w.left[i + 2]
        if _is_participle(verb) and _lemma(verb) not in _SENTENCING and verb not in _SENTENCING_FORMS:
            return "deaths", "to-death"
    lemma = _lemma(word)
    if not lemma or lemma not in lex.VERBS:
        return "", ""
    # A bare lemma before a count is a noun or an imperative ("level 3") unless a modal makes it a verb.
    if word == lemma and word not in lex.IRREGULAR and not (i + 1 < len(w.left) and w.left[i + 1] in _MODALS):
        return "", ""
    measure, _ = _count_measure(word)
    return measure, lemma


#: Words before a predicate word that make it a noun: "in each shot", "a shot", "the wounded".
_NOUN_MARKERS = frozenset({"each", "every", "a", "an", "the", "per", "this", "that", "its", "his", "her", "their"})


def _after(w: _Window, *, cross_number: bool = False, cross_comma: bool = False) -> tuple[str, str]:
    """Subject of the predicate after the count's noun phrase: "40 people were killed", "24 dead", "N others
    were hurt", "At least 74, including eight Americans, were killed", "two women and one man died"."""
    right = w.wide_right
    n = len(right)
    limit = min(n, _WINDOW)  # grows past an apposition, never beyond the wide window
    i = 0
    np_words = 0
    aux = False
    while i < limit:
        tok = right[i]
        measure, lemma = _count_measure(tok)
        if measure and lemma in lex.VERBS and tok != lemma and tok.endswith("s") and tok not in lex.IRREGULAR:
            # "more than a dozen attempted murders": an -s form after a count is a plural noun, not a verb
            measure = ""
        if measure and tok.endswith("ing") and tok not in lex.PREDICATE_ADJECTIVES:
            return "", ""  # "10 other people fleeing Cuba drowned": a participle modifies the noun
        if (
            measure
            and tok == lemma
            and lemma in lex.VERBS
            and tok not in lex.IRREGULAR
            and lemma not in _BARE_PREDICATES
        ):
            measure = ""  # "one count of first-degree murder": a bare lemma after a count is a noun
        if measure and i > 0 and right[i - 1] in _NOUN_MARKERS:
            measure = ""  # "nine pellets in each shot" (ecbplus 18_10ecbplus.txt:35): a determiner makes a noun
        if i + 2 < n and right[i + 2] == "death" and _to_death(right, i) and (measure or aux or _is_participle(tok)):
            # "three people were burnt to death", "two women suffocated to death" (8_3ecbplus), "shot to
            # death": the manner verb may be any verb; "to death" says the outcome.
            return "deaths", "to-death"
        if measure:
            nxt = right[i + 1] if i + 1 < n else ""
            if (
                lemma == "shoot"
                and nxt in ("dead", "and")
                and (nxt == "dead" or _lemma(right[min(i + 2, n - 1)]) == "kill")
            ):
                return "deaths", "shoot-dead"
            if not aux and tok not in lex.PREDICATE_ADJECTIVES and _has_object(right, i + 1):
                return "", ""  # "two powerful earthquakes flattened buildings": the count is the doer
            return measure, lemma
        if _lemma(tok) == "lose" and right[i + 1 : i + 3] == ["their", "lives"]:
            return "deaths", "lose-lives"
        if tok in (";", ":", ".", "—", "–"):
            return "", ""
        if _is_number(tok):
            if cross_number:
                cross_number = False
                i += 1
                continue
            return "", ""
        if tok in ("and", "or"):
            nxt = right[i + 1] if i + 1 < n else ""
            if (_is_number(nxt) or nxt in ("a", "an")) and not aux and np_words <= 4:
                # A coordinated subject shares our predicate: "two women and one man died" (8_1ecbplus),
                # "two Cuban exile leaders and 133 other people were arrested" (APW20000107.0318).
                i += 2
                continue
            if _is_number(nxt) or _count_measure(nxt)[0] or _lemma(nxt):
                return "", ""
        elif tok == ",":
            j = _apposition_end(w, i)
            if j:
                # One apposition between the noun and its predicate: "Three people, one of them a pregnant
                # woman, were killed" (8_8ecbplus), "two managers, Paul Riva and Alan Steinberg, were wounded"
                # (18_10ecbplus), "two men, ages 47 and 48, were shot" (18_9ecbplus).
                limit = min(n, limit + (j - i))
                i = j + 1
                continue
            if not cross_comma:
                return "", ""
            cross_comma = False
        elif tok in _TRUE_AUXILIARIES:
            aux = True
        elif tok not in lex.AUXILIARIES and tok not in ("(", ")", "-", "'s", "’s"):
            if aux and not tok.endswith("ly"):
                return "", ""  # "17 camps had been set up for the displaced": the predicate is "set up"
            np_words += 1
            # Another verb before any predicate of ours ("40 Palestinians seeking shelter", "Two bombs
            # exploded outside U.S. embassies, killing"): the count is that verb's subject, not ours.
            lemma = _lemma(tok)
            if np_words > 6 or (lemma and tok != lemma and (tok in lex.IRREGULAR or tok.endswith(("ed", "ing")))):
                return "", ""
        i += 1
    return "", ""


#: First words of an apposition of age: "two men, ages 47 and 48, were shot" (18_9ecbplus).
_AGE_WORDS = frozenset({"age", "ages", "aged"})
_APPOSITION_WORDS = 8  # the longest apposition skipped


def _apposition_end(w: _Window, i: int) -> int:
    """Index in ``w.wide_right`` of the comma that closes an apposition opened by the comma at ``i``, or 0.

    An apposition is a parenthetical that starts with a quantifier or number ("one of them a pregnant woman",
    "a man and two women", "including eight Americans"), an age ("ages 47 and 48") or is a list of names
    ("Paul Riva and Alan Steinberg"); it holds no predicate of ours. An apposition to a name is no subject
    ("Benjamin David Banky, 40, the CEO of TallGrass, lay dead": "the CEO" starts no apposition we skip).
    """
    right, orig = w.wide_right, w.wide_right_orig
    n = min(len(right), i + 2 + _APPOSITION_WORDS)
    j = i + 1
    while j < n and right[j] != "," and right[j] not in _BREAK_PUNCT and not _count_measure(right[j])[0]:
        j += 1
    if j >= n or right[j] != "," or j == i + 1:
        return 0
    nxt = right[i + 1]
    if nxt in _PARENTHETICAL or _is_number(nxt) or (nxt in _AGE_WORDS and _is_number(right[i + 2])):
        return j
    # A list of names: every word capitalised, joined by "and" ("Paul Riva and Alan Steinberg").
    names = orig[i + 1 : j]
    if all(t[:1].isupper() or t in ("and", "&", ".", "-") for t in names) and any(t[:1].isupper() for t in names):
        return j
    return 0


def _to_death(right: list[str], i: int) -> bool:
    """Is ``right[i]`` followed by "to death", and not a sentence ("sentenced to death", "condemned to death")?"""
    return (
        right[i + 1 : i + 3] == ["to", "death"]
        and _lemma(right[i]) not in _SENTENCING
        and right[i] not in _SENTENCING_FORMS
    )


_SENTENCING = frozenset({"sentence", "condemn", "charge"})
_SENTENCING_FORMS = frozenset({"sentenced", "condemned", "sentencing", "doomed"})


def _is_participle(tok: str) -> bool:
    """A past form of a verb, listed or not ("burnt", "suffocated", "stabbed", "beaten")."""
    return tok.isalpha() and (tok.endswith(("ed", "en", "nt")) or tok in lex.IRREGULAR or tok in ("froze", "put"))


# Auxiliaries after which the predicate must come next ("were killed", "have been seriously injured").
_TRUE_AUXILIARIES = frozenset(
    ["is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "am", "will", "would", "may", "might"]
)
# Lemmas that are a predicate in their bare form after a count: headlines' "3 die", "2 drown".
_BARE_PREDICATES = frozenset(["die", "perish", "drown", "flee"])
_OBJECT_PRONOUNS = frozenset(["him", "her", "them", "it", "us", "me", "himself", "herself", "themselves"])


def _has_object(right: list[str], i: int) -> bool:
    """Does an object follow the verb at ``right[i - 1]``? ("flattened buildings", "killed at least one")."""
    nxt = right[i] if i < len(right) else ""
    after = right[i + 1] if i + 1 < len(right) else ""
    if nxt in _DETERMINERS or nxt in _OBJECT_PRONOUNS or _is_number(nxt):
        return True
    if (nxt, after) in (("at", "least"), ("more", "than"), ("as", "many")):
        return True
    if nxt in ("about", "some", "around", "nearly", "over", "almost", "up") and _is_number(after):
        return True
    # A plural noun: "flattened buildings", "killed civilians" (not "killed Tuesday", "died in")
    return nxt.isalpha() and nxt.islower() and len(nxt) > 3 and nxt.endswith("s") and not nxt.endswith(("ss", "us"))


def _noun_before(w: _Window) -> tuple[str, str, str]:
    """A noun before the count, across linking verbs: "the death toll rose to 24", "the toll stands at 10",
    "the number injured topped 2,200", "a population of 120,000": (measure, rule noun, holder)."""
    left = w.left
    for i, tok in enumerate(left):
        if tok in ("toll", "tolls"):
            mod = left[i + 1] if i + 1 < len(left) else ""
            return lex.TOLL_MODIFIERS.get(mod, "deaths"), "toll", ""
        if tok == "population":
            return "population", "population", ""
        measure, _ = _count_measure(tok)
        if measure and i + 1 < len(left) and left[i + 1] in ("number", "total", "tally", "count"):
            return measure, "number", ""
        if tok in lex.TOLL_LINKS or tok in _SKIP:
            continue
        if i + 2 < len(left) and left[i + 1] == "of" and left[i + 2] == "population":
            return "population", "population", w.left_orig[i]
        break
    return "", "", ""


def _noun_of(w: _Window) -> str:
    """An event noun whose victims the count counts: "the tragic death of the three workers" -> "death"."""
    left = w.left
    i = 0
    while i < len(left) and (left[i] in _SKIP or left[i] in _DETERMINERS) and left[i] != "of":
        i += 1  # "the unjust death of these three people" (8_8ecbplus)
    if left[i : i + 1] == ["of"] and i + 1 < len(left) and left[i + 1] in lex.NOUNS_OF:
        return left[i + 1]
    return ""


def _cross_left(w: _Window) -> tuple[str, str]:
    """The predicate of a whole stated just before: "injuring 40, 15 of them", "killed 247 people in Kenya
    and 10 in Tanzania". Only across exactly one other count, so a far predicate is never borrowed."""
    crossed = False
    for k, tok in enumerate(w.wide_left[: _WINDOW + 2]):
        if tok in (";", ":", ".", "said", "says"):
            return "", ""
        if _is_number(tok):
            if crossed:
                return "", ""
            crossed = True
            continue
        measure, lemma = _count_measure(tok)
        if measure:
            # "30 dead and 55 wounded, 15 critically": the predicate ends the conjunct just before.
            return (measure, lemma) if crossed or (k == 1 and w.wide_left[0] == ",") else ("", "")
    return "", ""
