"""The frame of a fact: what a number or date measures, of whom, and the markers that keep two facts apart.

A fact is a span of a sentence ("at least 40", "$1.2bn", "January 12"); its frame is read from a bounded
window of words on each side, inside the clause that holds it (:func:`clause_span`). Every rule that sets
``measure`` names itself in ``rule`` so that a user can see why two facts were (not) compared.

Object of a verb before the count, subject of a predicate after it:

>>> def frame(s, target, **kw):
...     i = s.index(target)
...     return read_frame(s, i, i + len(target), **kw)
>>> s = "At least 43 people were killed and 55 wounded in the school."
>>> frame(s, "At least 43").measure, frame(s, "55").measure, frame(s, "55").rule
('deaths', 'injuries', 'passive-after:wound')
>>> f = frame("A powerful quake struck, killing at least seven people and injuring 40, 15 of them on Qeshm.", "15")
>>> f.measure, f.part_of, f.rule
('injuries', True, 'part-of:injure')
>>> frame("Shooting at Accounting Firm Leaves Woman Dead and 2 Hurt", "2").measure
'injuries'
>>> frame("the death toll rose to 24", "24").rule
'noun:toll'

Past one apposition; coordinated counts are parts of their total; "to death" and "the death of" are deaths:

>>> frame("Three people, one of them a pregnant woman, were killed.", "Three").measure
'deaths'
>>> f = frame("Police said two women and one man died at a branch of the bank.", "two")
>>> f.measure, f.part_of
('deaths', True)
>>> f = frame("The attacks killed 247 people in Kenya and 10 in Tanzania.", "10")
>>> f.measure, f.part_of
('deaths', False)
>>> frame("Three people have suffocated to death in the bank.", "Three").measure
'deaths'
>>> frame("the tragic death of the three workers", "three").rule
'noun-of:death'

A count with no predicate of its own measures nothing; "more than" is a qualifier, "another" an increment:

>>> frame("Russia has massed more than 100,000 troops on the border.", "more than 100,000")
Frame(measure='', event='', holder='', part_of=False, increment=False, denominator='', rule='')
>>> f = frame("The boy's mother and 10 other people died when their boat sank.", "10")
>>> f.measure, f.increment
('deaths', True)

Money, percentages, magnitudes and limits, with their holder and per-unit:

>>> f = frame("The Pro plan costs $49 per month.", "$49", kind="money")
>>> f.measure, f.holder, f.denominator
('price', 'Pro plan', 'month')
>>> frame("The FBI offered a $35,000 reward for information.", "$35,000", kind="money").measure
'reward'
>>> f = frame("A strong 6.1-magnitude earthquake struck Aceh.", "6.1")
>>> f.measure, f.holder
('magnitude', 'earthquake')
>>> f = frame("The free tier allows up to 100 requests per minute.", "up to 100")
>>> f.measure, f.holder, f.denominator
('rate limit', 'free tier', 'minute')

The price past an apposition, and the haul of a theft however it is told:

>>> frame("AMD agreed to acquire SeaMicro, a maker of servers, for $334 million.", "$334 million", kind="money").measure
'price'
>>> frame("Robbers stole diamonds valued at 85 million euros ($108 million).", "$108 million", kind="money").rule
'converted:value-of-stolen'

A date measures the event it dates: the main verb of its clause, not a trailing ", police said":

>>> frame("Police said Wednesday that the suspect surrendered.", "Wednesday", kind="date").measure
'date:announce'
>>> frame("He fell about 2,000 feet while climbing on Saturday, police said.", "Saturday", kind="date").measure
'date:fall'
>>> frame("On Saturday, Robert Buckley, originally from Essex, fell 600m.", "Saturday", kind="date").rule
'date-fronted'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consistency.extract._numwords import DOZEN, ONES, SCALES, TEENS, TENS, VAGUE_SCALES
from consistency.lexicon import measures as lex

__all__ = ["Frame", "clause_span", "read_frame"]


@dataclass(frozen=True, slots=True)
class Frame:
    """What a fact measures and of whom; see the module docstring for examples."""

    measure: str = ""
    event: str = ""
    holder: str = ""
    part_of: bool = False
    increment: bool = False
    denominator: str = ""
    rule: str = ""


# ---------------------------------------------------------------------------------------------------
# Word forms: every inflection of every lemma the tables name, generated once at import
# ---------------------------------------------------------------------------------------------------
def _inflections(lemma: str) -> tuple[str, ...]:
    """Regular forms of a verb lemma (irregular ones come from ``lex.IRREGULAR``).

    >>> _inflections("kill"), _inflections("injure"), _inflections("bury"), _inflections("flee")
    (('kill', 'kills', 'killed', 'killing'), ('injure', 'injures', 'injured', 'injuring'), \
('bury', 'buries', 'buried', 'burying'), ('flee', 'flees', 'fleed', 'fleeing'))
    """
    if lemma.endswith("ee"):
        return (lemma, lemma + "s", lemma + "d", lemma + "ing")
    if lemma.endswith("e"):
        return (lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


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


def _event(word: str) -> str:
    """The event class of a word (verb form or event noun), "" when it names none."""
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


def clause_span(sentence: str, start: int, end: int, *, reach: int = 2 * _CHARS) -> tuple[int, int]:
    """Bounds (within ``sentence``) of the clause that holds ``sentence[start:end]``.

    It stops at ";", at ", which"/", who"/", but"/"while", at a participle clause after a comma, and at a
    new count that follows a predicate; it looks at most ``reach`` characters each side.

    >>> s = "Ten people were killed and at least 50 injured when an earthquake razed villages"
    >>> i = s.index("50"); lo, hi = clause_span(s, i, i + 2); s[lo:hi]
    'at least 50 injured when an earthquake razed villages'
    >>> s = "The 2004 tsunami that killed 230,000 people was triggered by a 9.1-magnitude quake, which hit Aceh"
    >>> i = s.index("9.1"); lo, hi = clause_span(s, i, i + 3); s[lo:hi]
    'The 2004 tsunami that killed 230,000 people was triggered by a 9.1-magnitude quake'
    """
    start = max(0, min(start, len(sentence)))
    end = max(start, min(end, len(sentence)))
    lo, hi = max(0, start - reach), min(len(sentence), end + reach)
    left = list(_TOKEN.finditer(sentence, lo, start))
    fact = list(_TOKEN.finditer(sentence, start, end))
    right = list(_TOKEN.finditer(sentence, end, hi))
    spans = [m.span() for m in (*left, *fact, *right)]
    low = [m.group().lower() for m in (*left, *fact, *right)]
    a, b = _clause(low, len(left), len(left) + len(fact), len(low))
    clause_start = lo if a == 0 else spans[a][0] if a < len(spans) else start
    clause_end = spans[b][0] if b < len(spans) else hi
    return clause_start, clause_end


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


def _magnitude(w: _Window) -> bool:
    """Is it a magnitude? "a 6.1-magnitude quake", "magnitude 6.1", "a magnitude of 6.1", "measuring 6.4 on
    the Richter scale", "a 6.7 degree quake", "a 9.1 temblor"."""
    r, left = w.right, w.left
    if any(t in ("magnitude", "richter") for t in w.fact):
        return True
    r0 = (r[1:2] or [""])[0] if r[:1] == ["-"] else (r[0] if r else "")
    if r0 in ("magnitude", "strength", "degree", "richter"):
        return True
    if r[:3] == ["on", "the", "richter"]:
        return True
    l0 = (left[1:2] or [""])[0] if left[:1] == ["-"] else (left[0] if left else "")
    if l0 in ("magnitude", "richter") or (l0 == "of" and left[1:2] == ["magnitude"]):
        return True
    decimal = any("." in t for t in w.fact if t[:1].isdigit())
    # "An earthquake measuring 4.6 rattled Sonoma" (38_2ecbplus): "measure" is in no verb table.
    return decimal and (r0 in lex.QUAKE_NOUNS or (l0 in _MEASURING and _near_quake(w) != ""))


_MEASURING = frozenset({"measuring", "measured", "measures", "measure"})


def _near_quake(w: _Window) -> str:
    for tok, orig in zip(w.right[:_QUAKE_HOLDER_WINDOW], w.right_orig, strict=False):
        if tok in lex.QUAKE_NOUNS:
            return orig
    for tok, orig in zip(w.left[:_QUAKE_HOLDER_WINDOW], w.left_orig, strict=False):
        if tok in lex.QUAKE_NOUNS:
            return orig
    return ""


def _denominator(w: _Window) -> str:
    """The per-unit after the fact and its counted noun: "per minute", "/min", "a month", "each hour", "monthly"."""
    r = w.right
    for i in range(min(len(r), 5)):
        tok = r[i]
        nxt = r[i + 1] if i + 1 < len(r) else ""
        if tok in lex.DENOMINATOR_ADVERBS:
            return lex.DENOMINATOR_ADVERBS[tok]
        if tok in ("per", "/", "each", "every") and nxt in lex.DENOMINATORS:
            return lex.DENOMINATORS[nxt]
        if tok in ("a", "an") and nxt in lex.DENOMINATORS and len(nxt) > 2:
            after = r[i + 2] if i + 2 < len(r) else ""
            # "a day after the attack" dates; "10 people a day" is a rate.
            if after in ("after", "before", "earlier", "later", "ago", "into", "of", "or", "and"):
                return ""
            return lex.DENOMINATORS[nxt]
        if tok in _FUNCTION or tok in (",", ";", "(", ")") or _is_number(tok):
            return ""
    return ""


def _holder_before_verb(w: _Window, verbs: frozenset[str]) -> str:
    """The noun phrase before a verb of having or costing: "the Pro plan costs", "the free tier allows"."""
    i = _first_left(w)
    # Skip limit markers that sit between the verb and the count ("allows up to", "is capped at").
    while i < len(w.left) and w.left[i] in _LIMIT_LINKS:
        i += 1
    if i >= len(w.left) or w.left[i] not in verbs:
        return ""
    words: list[str] = []
    for tok, orig in zip(w.left[i + 1 : i + 5], w.left_orig[i + 1 : i + 5], strict=False):
        if tok in _DETERMINERS or not orig[:1].isalpha() or tok in _FUNCTION:
            break
        words.append(orig)
    return " ".join(reversed(words))


_COST_VERBS = frozenset({"costs", "cost", "charges", "charge", "is", "are", "runs", "run", "priced", "sells"})
_HAVE_VERBS = frozenset(
    {"allows", "allow", "permits", "permit", "supports", "support", "includes", "include", "offers", "offer",
     "gets", "get", "has", "have", "provides", "provide", "limits", "caps", "is", "are", "accepts", "accept"}
)  # fmt: skip


def _possessive(w: _Window) -> str:
    """The owner named by a possessive: "the company's $2bn acquisition" -> "company"."""
    i = 0
    while i < len(w.left) and w.left[i] in ("estimated", "proposed", "planned", "reported"):
        i += 1
    if i + 1 < len(w.left) and w.left[i] == "s" and w.left[i + 1] in ("'", "’"):
        return w.left_orig[i + 2] if i + 2 < len(w.left_orig) else ""
    if i < len(w.left) and w.left[i].endswith(("'s", "’s")):
        return w.left_orig[i][:-2]
    return ""


def _money(w: _Window) -> tuple[str, str, str, bool]:
    """(measure, rule, holder, part_of) of an amount of money."""
    converted = _converted(w)
    if converted is not None:
        # "85 million euros ($108 million)", "2m euros (£1.7m; $2.6m)" (24_3ecb, 24_4ecbplus): an amount in
        # brackets after another is that amount in another currency, and measures what it measures.
        measure, rule, holder, part = _money(converted)
        if measure == "value" and _theft(w):
            measure, rule = "stolen", "value-of-stolen"
        return measure, rule and f"converted:{rule}", holder, part
    measure, rule, holder, part = _money_here(w)
    if measure == "value" and _theft(w):
        # "Armed robbers stole diamonds valued at 85 million euros" (24_3ecb): the haul (see lex.THEFT_WORDS)
        measure, rule = "stolen", "value-of-stolen"
    return measure, rule, holder, part


def _money_here(w: _Window) -> tuple[str, str, str, bool]:
    """(measure, rule, holder, part_of) of an amount of money, from the words around it."""
    r = w.right
    holder = _possessive(w)
    if r[:1] in (["-"], [")"]):
        r = r[1:]
    # "a $35,000 reward", "a 110bn-euro emergency rescue package", "2 mn-euro jewelry heist"
    for tok in r[:3]:
        if tok in lex.MONEY_NOUNS and tok != "worth":
            return lex.MONEY_NOUNS[tok], f"noun-after:{tok}", holder, False
        if not tok.isalpha() or tok in _FUNCTION:
            break
    r0 = r[0] if r else ""
    if (
        r0 == "in"
        and r[1:2]
        and r[1] in _MEANS_OF_PAYMENT
        and not (r[2:3] == ["and"] and r[3:4] and r[3] in _MEANS_OF_PAYMENT)
    ):
        # "$281 million in cash", "$281m in cash and $53m in stock" (43_3ecbplus, 43_15ecbplus): the share of a
        # price paid one way is a part of the price ("$334 million in cash and stock" is the whole).
        measure, rule, holder, _ = _money_here(_without_right(w))
        if not measure:  # "including $281 million in cash": what is paid in cash is a price
            measure, rule = "price", f"paid-in:{r[1]}"
        return measure, rule, holder, True
    if r0 == "in" and len(r) > 1 and r[1] in lex.MONEY_NOUNS:
        return lex.MONEY_NOUNS[r[1]], f"noun-after:{r[1]}", holder, False
    # "$281 million of the purchase price": a part of a price stated elsewhere
    if r0 == "of":
        for tok in r[1:4]:
            if tok in lex.MONEY_NOUNS:
                return lex.MONEY_NOUNS[tok], f"noun-after:{tok}", holder, True
    i = _first_left(w)
    left = w.left
    if i >= len(left):
        return "", "", holder, False
    tok = left[i]
    nxt = left[i + 1] if i + 1 < len(left) else ""
    if tok == "for":
        found = _for_verb(left[i + 1 : i + 7])
        if not found and nxt == ",":
            found = _for_verb(_past_apposition(w, i + 1))
        if found:
            measure, rule = found
            return measure, rule, holder, False
    if tok == "with" and (nxt == "off" or nxt in _GETAWAY):
        return "stolen", f"verb-before:{nxt}-with", holder, False
    if tok == "worth" or (tok == "at" and nxt == "valued") or (tok == "be" and nxt == "to" and "worth" in left[:3]):
        # "jewellery worth £1.7m have been stolen" states the haul that another outlet says was stolen
        if _theft(w):
            return "stolen", "value-of-stolen", holder, False
        return "value", "verb-before:value", holder, False
    if tok in _CLOSE_VERBS and i > 0 and left[i - 1] == "at":  # "shares ... to close at $46.64"
        return "price", f"verb-before:{tok}", holder, False
    lemma = _lemma(tok)
    # "The deal cost AMD $334 million": a verb with an indirect object before the amount
    if not lemma and (tok in _OBJECT_PRONOUNS or w.left_orig[i][:1].isupper()) and _lemma(nxt) in _DITRANSITIVE:
        tok, lemma = nxt, _lemma(nxt)
    # "the Pro plan costs $49" is a verb; "the costs of $5bn", "a fine of $250,000" are nouns.
    if lemma in lex.MONEY_VERBS and not (tok in lex.MONEY_NOUNS and nxt == "the"):
        holder = holder or (_holder_before_verb(w, _COST_VERBS) if lemma in ("cost", "charge", "price") else "")
        return lex.MONEY_VERBS[lemma], f"verb-before:{lemma}", holder, False
    if lemma in lex.CHANGE_VERBS:  # "HP shares dropped $2.49"
        return "change", f"verb-before:{lemma}", holder, False
    # "revenue of $54 billion", "a fine of up to $250,000", "its valuation was about $120 million"
    j = i
    while j < len(left) and (left[j] in lex.TOLL_LINKS or left[j] in _SKIP):
        j += 1
    if j < len(left) and left[j] in lex.MONEY_NOUNS:
        noun = left[j]
        return lex.MONEY_NOUNS[noun], f"noun-before:{noun}", holder, False
    return "", "", holder, False


#: Verbs of a getaway before "with" and the haul: "escaped with around €60,000" (24_5ecbplus).
_GETAWAY = _words("escaped escape escapes fled away")


def _for_verb(words: list[str]) -> tuple[str, str] | None:
    """(measure, rule) of "VERB ... for $N": "acquire EYP for $13bn", "a deal to acquire startup SeaMicro for"."""
    for tok in words:
        lemma = _lemma(tok)
        if lemma in lex.MONEY_VERBS:
            return lex.MONEY_VERBS[lemma], f"verb-for:{lemma}"
        if tok in lex.MONEY_NOUNS:
            return lex.MONEY_NOUNS[tok], f"noun-for:{tok}"
        if tok in (";", ":", ","):
            break
    return None


_APPOSITION_OPENERS = frozenset({"a", "an", "the", "one"})


def _past_apposition(w: _Window, comma: int) -> list[str]:
    """The words before an apposition that ends at ``w.left[comma]`` (a comma), nearest first; [] if none.

    "to acquire SeaMicro, a pioneer in energy-efficient, high-bandwidth microservers, for approximately $334
    million" (43_2ecbplus): the apposition opens with an article after a comma and may hold commas of its own;
    it may run past the window, so the left side is read again over a wider, still bounded, stretch.
    """
    words = _TOKEN.findall(w.sentence, max(0, w.start - 2 * _CHARS), w.start)[::-1]
    low = [t.lower() for t in words[: comma + 1 + 2 * _APPOSITION_WORDS]]
    for m in range(comma + 2, len(low)):
        if low[m] in (";", ":", ".", "(", ")"):
            return []
        if low[m] == "," and low[m - 1] in _APPOSITION_OPENERS:
            return low[m + 1 : m + 7]
    return []


def _theft(w: _Window) -> bool:
    """Is a theft told near the amount: a verb or noun of theft, or "made off with"?"""
    for side in (w.wide_left, w.right):
        for k, tok in enumerate(side):
            if tok in lex.THEFT_WORDS or lex.MONEY_VERBS.get(_lemma(tok)) == "stolen":
                return True
            if tok == "off" and _lemma(side[k + 1] if side is w.wide_left and k + 1 < len(side) else "") == "make":
                return True
    return False


_MEANS_OF_PAYMENT = _words("cash stock stocks shares equity")


def _without_right(w: _Window) -> _Window:
    """The window with nothing on the right (to read the left side of an amount alone)."""
    bare = _Window.__new__(_Window)
    for slot in _Window.__slots__:
        setattr(bare, slot, getattr(w, slot))
    bare.right, bare.right_orig, bare.wide_right, bare.wide_right_orig = [], [], [], []
    return bare


def _amount_word(tok: str) -> bool:
    """A word of an amount: a number, a number word, a currency symbol."""
    return tok[:1].isdigit() or tok in _NUMBER_WORDS or (len(tok) == 1 and not tok.isalnum() and tok not in "(),;:")


def _converted(w: _Window) -> _Window | None:
    """The window of the amount that a bracketed amount converts, or None: "85 million euros ($108 million)"."""
    # The wide left: "(£1.7m; $2.6m)" puts a clause break (";") inside the bracket. Only an amount alone in
    # its bracket converts: "The deal cost AMD $334 million ($281M in cash)" (43_10ecbplus) is a part of it.
    if w.right[:1] not in ([")"], [";"], [","]):
        return None
    left = w.wide_left
    for k in range(min(len(left), 6)):
        tok = left[k]
        if tok == "(":
            for j in range(k + 1, min(len(left), k + 5)):
                if left[j][:1].isdigit() or (left[j] in _NUMBER_WORDS and left[j] not in ("a", "an")):
                    while j + 1 < len(left) and _amount_word(left[j + 1]):
                        j += 1  # "$2.6 million": the amount starts at its first word or symbol
                    shifted = _Window.__new__(_Window)
                    for slot in _Window.__slots__:
                        setattr(shifted, slot, getattr(w, slot))
                    wide_left_orig = w.left_tokens[::-1][: _WINDOW + 3]
                    shifted.left, shifted.left_orig = left[j + 1 :][:_WINDOW], wide_left_orig[j + 1 :][:_WINDOW]
                    shifted.wide_left = left[j + 1 :]
                    shifted.right = [t for t in w.right if t != ")"]  # "(... $108 million) from": read on
                    return shifted
            return None
        if tok.isalpha() and len(tok) > 3 and tok not in _NUMBER_WORDS:
            return None  # a word of text, not the bracket's amount
    return None


_CLOSE_VERBS = _words("close closed closing finish finished end ended trade traded trading open opened")
_TIME_UNITS = _words("second minute hour day week month year")
_DITRANSITIVE = _words("cost pay charge fine offer")


def _percent(w: _Window) -> tuple[str, str, str]:
    """(measure, rule, holder) of a percentage."""
    r = w.right
    r0 = r[0] if r else ""
    if r0 in lex.PERCENT_NOUNS:
        return lex.PERCENT_NOUNS[r0], f"noun-after:{r0}", ""
    if r0 == "of":
        k = 2 if r[1:2] == ["the"] else 1
        noun = r[k] if k < len(r) else ""
        if noun in ("vote", "votes", "ballots"):
            return "votes", "share-of:vote", ""
        words = []
        for tok in w.right_orig[k : k + 4]:
            if not tok[:1].isalpha() or tok.lower() in _FUNCTION or tok.lower() in _TIME_WORDS:
                break
            words.append(tok)
        if words:
            return "share", "share-of", " ".join(words)
    i = _first_left(w)
    left = w.left
    while i < len(left) and left[i] in ("by", "rate", "was", "is", "of", "at", "to", "stood", "stands", "reached"):
        i += 1
    if i < len(left):
        tok = left[i]
        if tok in lex.PERCENT_NOUNS:
            return lex.PERCENT_NOUNS[tok], f"noun-before:{tok}", ""
        lemma = _lemma(tok)
        if lemma in lex.CHANGE_VERBS or tok in lex.CHANGE_ADVERBS:
            return "change", f"verb-before:{lemma or tok}", ""
    return "", "", ""


def _physical(w: _Window) -> tuple[str, str]:
    """(measure, rule) of a length, speed, temperature... from its unit and the words around it."""
    unit = w.fact[-1] if w.fact else ""
    if unit in lex.UNIT_MEASURES:
        return lex.UNIT_MEASURES[unit], f"unit:{unit}"
    if unit not in lex.LENGTH_UNITS:
        return "", ""
    r, left = w.right, w.left
    if r[:1] == [")"]:  # "less than 25 km (15 miles) from the border": read on past the bracket
        r = r[1:]
    if r[:1] == ["("] and ")" in r:
        r = r[r.index(")") + 1 :]
    r0 = r[0] if r else ""
    i = _first_left(w)
    l0 = left[i] if i < len(left) else ""
    if r0 in lex.DEPTH_WORDS or l0 in ("depth",) or (l0 == "of" and left[i + 1 : i + 2] == ["depth"]):
        return "depth", "noun:depth"
    if r[:2] == ["in", "height"]:  # "tsunamis 10 to 40 centimeters in height"
        return "height", "noun:height"
    if r0 in lex.HEIGHT_WORDS or l0 in lex.HEIGHT_WORDS or (l0 == "of" and left[i + 1 : i + 2] == ["height"]):
        return "height", "noun:height"
    if (
        r0 in lex.DIRECTIONS
        or r0 in ("from", "away", "off", "outside", "inland")
        or (r0 and all(part in lex.DIRECTIONS for part in r0.split("-")))  # "north-northeast of"
    ):
        return "distance", "direction-after"
    if _lemma(l0) in lex.FALL_VERBS:
        return "distance", f"verb-before:{_lemma(l0)}"
    return "", ""


def _limit(w: _Window, denominator: str) -> tuple[str, str, str]:
    """A limit in product docs: "up to 100 requests per minute", "the limit is 60 requests per hour", "a maximum
    of 5 users"."""
    noun = w.head or (w.right[0] if w.right else "")
    if noun not in lex.RATE_NOUNS and noun not in lex.LIMIT_NOUNS:
        return "", "", ""
    marked = any(t in lex.LIMIT_MARKERS for t in w.fact) or any(t in lex.LIMIT_MARKERS for t in w.left[:4])
    timed = denominator in ("second", "minute", "hour", "day", "week", "month", "year")
    if noun in lex.RATE_NOUNS and timed:
        measure = "rate limit"
    elif marked:
        measure = "rate limit" if timed else "limit"
    else:
        return "", "", ""
    return measure, f"limit:{noun}", _holder_before_verb(w, _HAVE_VERBS)


#: Events that only say a phase of another event ("start talks", "end the strike"): the other one is the event.
_ASPECTUAL = frozenset({"begin", "end"})


def _nearest_event(w: _Window) -> str:
    """The event class nearest to the fact, preferring a real event to a phase of one ("to start this
    discussion from the beginning of the year" dates the discussion, seeds/004:13) and to a trailing report
    ("fell about 2,000 feet ... on Saturday, police said" dates the fall, 23_10ecbplus)."""
    return _scan_events(w)[0]


def _scan_events(w: _Window) -> tuple[str, str]:
    """(event, fallback): the nearest content event and, when there is none, the best of the rest (a phase,
    or a statement after a comma on the right: the reporting frame, not the event)."""
    phase = ""
    left, right = w.left, w.right
    comma = False
    for i in range(_WINDOW):
        if i < len(left):
            tok = left[i]
            event = (
                _event_in(left[i + 2 : i + 3], left[i + 1 : i + 2], tok, left[i - 1 : i] if i else w.fact[:1])
                if tok in _CONTEXT_WORDS
                else _event(tok)
            )
            if event and event not in _ASPECTUAL:
                return event, ""
            phase = phase or event
        if i < len(right):
            tok = right[i]
            comma = comma or tok == ","
            event = (
                _event_in(right[max(0, i - 2) : i - 1], right[max(0, i - 1) : i], tok, right[i + 1 : i + 2])
                if tok in _CONTEXT_WORDS
                else _event(tok)
            )
            if event and event not in _ASPECTUAL and not (comma and event in _REPORTING):
                return event, ""
            phase = phase or event
    return "", phase


#: Words that may lead a date at the head of a sentence: "On Saturday,", "Early on Monday,", "In February,".
_DATE_LEAD = _words("on in early late last this by at since during from until of the")
#: A participle adjunct shares the main clause's subject and time: "died while climbing ... on Saturday".
_ADJUNCTS = _words("while whilst")
_OTHER_CLAUSES = _COMMA_BREAKS - _ADJUNCTS


def _date_event(w: _Window) -> tuple[str, str]:
    """(event, rule) of a date: the main verb of its own clause.

    A date that leads its sentence ("On Saturday, 32-year-old Englishman Robert Buckley, originally from Essex,
    but living in Christchurch, fell", 23_3ecbplus) dates the first event of the main clause, past the
    appositions of its subject. A date inside a participle adjunct ("died while climbing to a hut ... on
    Saturday", 23_5ecbplus) dates the main clause's event. Otherwise the nearest event; a statement after a
    comma (", police said") only when no other event is near.
    """
    if w.right[:1] == [","] and all(t in _DATE_LEAD for t in w.wide_left) and len(w.wide_left) < _WINDOW:
        event = _first_event_after(w)
        if event:
            return event, "date-fronted"
    event, fallback = _scan_events(w)
    if event:
        return event, "date-event"
    event = _event_before_adjunct(w)
    if event:
        return event, "date-adjunct"
    return fallback, "date-event" if fallback else ""


def _first_event_after(w: _Window) -> str:
    """The first event of the clause after a fronted date, read over a bounded stretch past its commas."""
    words = [t.lower() for t in _TOKEN.findall(w.sentence, w.end, min(len(w.sentence), w.end + 3 * _CHARS))]
    for k, tok in enumerate(words[: 2 * _WIDE]):
        if tok in (";", ":", "."):
            return ""
        event = _event_in(words[max(0, k - 2) : max(0, k - 1)], words[max(0, k - 1) : k], tok, words[k + 1 : k + 2])
        if event and event not in _ASPECTUAL:
            return event
    return ""


def _event_before_adjunct(w: _Window) -> str:
    """The event of the main clause before a "while ...ing" adjunct that holds the date, or ""."""
    words = [t.lower() for t in _TOKEN.findall(w.sentence, max(0, w.start - 2 * _CHARS), w.start)][::-1]
    for k, tok in enumerate(words[: 2 * _WIDE]):
        if tok in (";", ":", ".") or tok in _OTHER_CLAUSES:
            return ""
        if tok in _ADJUNCTS and k > 0 and words[k - 1].endswith("ing"):
            for j in range(k + 1, min(len(words), k + 7)):
                event = _event_in(words[j + 2 : j + 3], words[j + 1 : j + 2], words[j], words[j - 1 : j])
                if event and event not in _ASPECTUAL:
                    return event
            return ""
    return ""


_REPORTING = frozenset({"announce"})
_OPEN_FORMS = _words("open opens opened opening")
_MAKE_FORMS = _words("make makes made making")
_POSSESSIVES = _words("his her their its")
_MOVEMENT_AFTER = _words("into onto to toward towards")
_MARCH_FORMS = _words("march marches marched marching")
_SHOT_AFTER = _words("at on into upon shots shot rounds bullets")
#: The words whose event class depends on their neighbours (see _event_in).
_CONTEXT_WORDS = frozenset({"fire", "off", "death", "fired", *_MARCH_FORMS})


def _event_in(before: list[str], prev: list[str], tok: str, nxt: list[str]) -> str:
    """The event class of ``tok`` read with its neighbours (in reading order; each a list of at most one word):
    "opened fire" is a shooting, "made off with" a theft, "fell to his death" and "burnt to death" a death
    (not "sentenced to death"); "marched into a school" is a movement, no protest.
    """
    if tok == "fire" and prev and prev[0] in _OPEN_FORMS:
        return "shoot"
    if tok == "off" and prev and prev[0] in _MAKE_FORMS:
        return "steal"
    if tok == "death" and prev:
        if prev[0] in _POSSESSIVES and before == ["to"]:
            return "kill"
        if prev[0] == "to" and before and _lemma(before[0]) not in _SENTENCING and before[0] not in _SENTENCING_FORMS:
            return "kill"
    if tok in _MARCH_FORMS and nxt and nxt[0] in _MOVEMENT_AFTER:
        return ""
    if tok == "fired":
        # "fired at the crowd", "fired shots" is a shooting; "he was fired last week" (18_1ecbplus) a dismissal
        return "shoot" if nxt and nxt[0] in _SHOT_AFTER else "dismiss"
    return _event(tok)


#: Measures of people, the only ones whose coordinated counts are parts of one total ("two women and one
#: man died" are three deaths; "2 million iPhones and 3 million iPads" are two totals).
_PEOPLE_MEASURES = frozenset(
    {"deaths", "injuries", "shot", "arrests", "missing", "evacuated", "displaced", "rescued", "hostages"}
)
_CONJUNCTIONS = frozenset({"and", "or"})


def _np_words(words: list[str], i: int, most: int = 3) -> int:
    """How many words of a bare noun phrase start at ``words[i]`` ("women", "Cuban exile leaders")."""
    k = i
    while (
        k < len(words)
        and k - i < most
        and words[k].isalpha()
        and words[k] not in _FUNCTION
        and words[k] not in lex.AUXILIARIES
        and not _count_measure(words[k])[0]
        and not _is_number(words[k])
    ):
        k += 1
    return k - i


def _numbered(words: list[str], k: int) -> bool:
    """Does a numbered or singular noun phrase start (reading leftwards) at ``words[k]``: "two", "a", "an"?"""
    while k < len(words) and words[k] in _QUALIFIER_WORDS:
        k += 1
    return k < len(words) and (_is_number(words[k]) or words[k] in ("a", "an"))


def _coordinated(w: _Window) -> bool:
    """Is the count one conjunct of a coordinated noun phrase, a part of the whole they make together?

    "two women and one man died" (8_1ecbplus) - both counts; "The three bank workers a man and two women died"
    (8_3ecbplus); a count inside the apposition of a total: "at least three people, a man and two women, were
    killed" (8_4ecbplus). Not "killed 247 people in Kenya and 10 in Tanzania": a place sits between them.
    """
    left, right = w.left, w.right
    head = right[:5]
    if not (left[:1] in (["and"], ["or"]) or "and" in head or "or" in head or ("," in head and "," in left)):
        return False  # the common case, decided without reading the phrases
    # Leftwards: "<a|N> NOUN and <this>"
    if left[:1] and left[0] in _CONJUNCTIONS:
        k = _np_words(left, 1)
        if k and _numbered(left, 1 + k):
            return True
    # Rightwards: "<this> NOUN and <a|N>"
    k = _np_words(right, 0)
    if k and right[k : k + 1] and right[k] in _CONJUNCTIONS and _numbered(right, k + 1):
        return True
    # Inside an apposition of a numbered noun: "three people, a man and two women, were killed"
    j = 0
    while j < min(len(left), _APPOSITION_WORDS) and (left[j].isalpha() or _is_number(left[j])):
        j += 1
    k = _np_words(left, j + 1)
    if left[j : j + 1] == [","] and k and _numbered(left, j + 1 + k):
        return "," in right[:4]
    return False


_INCREMENT_STARTS = frozenset(p.split()[0] for p in lex.INCREMENT_BEFORE)


def _part_of(w: _Window, kind: str) -> bool:
    left, r = w.left, w.right
    i = 0
    while i < len(left) and left[i] in ("at", "least", "about", "some", "around", "nearly", "more", "than"):
        i += 1
    if i < len(left) and left[i] in ("including", "among", "includes", "include"):
        return True
    if i + 1 < len(left) and left[i] in ("them", "whom", "which", "those") and left[i + 1] in ("of", "among"):
        return True
    pair = " ".join(r[:2])
    # "80 percent of the haul", "a third of the power" are shares, whose whole is named right there.
    return pair in lex.PART_AFTER and (kind == "count" or pair != "of the")


def _increment(w: _Window, measure: str) -> bool:
    if w.fact and w.fact[0] in _INCREMENT_STARTS:
        fact = " ".join(w.fact)
        if any(fact.startswith(p + " ") or fact == p for p in lex.INCREMENT_BEFORE):
            return True
    pair = " ".join(reversed(w.left[:2]))
    if w.left[:1] in (["another"], ["further"]) or pair in lex.INCREMENT_BEFORE:
        return True
    r = w.right
    if not r or r[0] not in lex.INCREMENT_AFTER or r[1:2] == ["than"]:
        return False
    # "Twelve people were killed and 70 others were injured": "others" sets the injured apart from the
    # dead (a different measure), it does not add to an injury count stated elsewhere.
    return not any((m := _count_measure(t)[0]) and m != measure for t in w.wide_left)


# ---------------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------------
_FIXED_KINDS = {"age": "age", "version": "version", "duration": "duration", "time": "time of day"}


def read_frame(
    sentence: str, start: int, end: int, *, subject: tuple[int, int] | None = None, kind: str = "count"
) -> Frame:
    """The frame of the fact ``sentence[start:end]`` of the given ``kind`` ("count", "money", "percent",
    "quantity", "duration", "date", "time", "age" or "version"); ``subject`` is the span of its counted noun
    when known. Never raises; looks at a bounded window whatever the sentence length."""
    n = len(sentence)
    start = max(0, min(start, n))
    end = max(start, min(end, n))
    w = _Window(sentence, start, end)
    if subject is not None and end <= subject[0] < subject[1] <= min(n, end + _CHARS):
        words = _TOKEN.findall(sentence, subject[0], subject[1])
        if words:
            w.head = words[-1].lower()

    if kind == "date":
        event, rule = _date_event(w)
        return Frame(measure=f"date:{event}" if event else "", event=event, rule=rule)
    if kind in _FIXED_KINDS:
        # "a 6-year-old boy" reaches us as a duration; it is an age.
        fixed = (
            "age"
            if kind == "duration" and w.fact[-1:] in (["year-old"], ["years-old"], ["old"])
            else _FIXED_KINDS[kind]
        )
        return Frame(measure=fixed, event=_nearest_event(w), rule=f"kind:{kind}")

    denominator = _denominator(w)
    measure = rule = holder = lemma = ""
    part_of = _part_of(w, kind)
    coordinated = kind == "count" and not part_of and _coordinated(w)
    if kind == "money":
        measure, rule, holder, part = _money(w)
        part_of = part_of or part
    elif kind == "percent":
        measure, rule, holder = _percent(w)
    else:
        if _magnitude(w):
            measure, rule, holder = "magnitude", "magnitude", _near_quake(w)
        elif kind == "quantity":
            measure, rule = _physical(w)
        if not measure:
            measure, rule, holder = _limit(w, denominator)
        if not measure and kind in ("count", "quantity"):
            measure, rule, holder, lemma = _count(w, part_of or coordinated)
            part_of = part_of or (coordinated and measure in _PEOPLE_MEASURES)
    # "$49 per month", "$24 to $26 per share" are prices; "$1 billion a year in remittances" is a flow.
    if not measure and denominator and kind == "money" and not (denominator in _TIME_UNITS and "a" in w.right[:3]):
        measure, rule = "price", "per-unit"
    event = lex.VERBS[lemma][1] if lemma in lex.VERBS else _nearest_event(w)
    return Frame(
        measure=measure,
        event=event,
        holder=holder,
        part_of=part_of,
        increment=_increment(w, measure),
        denominator=denominator,
        rule=rule,
    )


def _count(w: _Window, part_of: bool) -> tuple[str, str, str, str]:
    """(measure, rule, holder, lemma) of a count of people or things."""
    r = w.right
    head = r[0] if r else ""
    if head in ("other", "others", "more") and len(r) > 1 and r[1] in lex.COUNT_NOUNS:
        head = r[1]
    if w.head in lex.COUNT_NOUNS:
        head = w.head
    if head == "lives":
        i = _first_left(w)
        lemma = _lemma(w.left[i]) if i < len(w.left) else ""
        if lemma in lex.LIFE_VERBS:
            return ("rescued" if lemma == "save" else "deaths"), f"noun:lives:{lemma}", "", ""
    noun_measure = lex.COUNT_NOUNS.get(head, "")
    nxt = r[1] if len(r) > 1 else ""
    if noun_measure and head == r[0] and not head.endswith("s") and nxt.isalpha() and nxt not in _FUNCTION:
        noun_measure = ""  # "the first 32 death claims": a singular noun before another is its modifier
    if noun_measure:
        return noun_measure, f"subject-noun:{head}", "", ""
    verb_measure, verb_lemma = _verb_before(w)
    after_measure, after_lemma = _after(w, cross_number=part_of and w.right[:2] == ["of", "the"])
    # "left 24 dead": the state after the count says what it counts; otherwise the verb before wins
    # ("killing 10 people and injuring 80" reads "killing" for 10, never "injuring").
    if verb_measure and not (after_measure and _lemma(w.left[_first_left(w)]) in lex.LEAVE_VERBS):
        return verb_measure, f"verb-before:{verb_lemma}", "", verb_lemma
    if after_measure:
        return after_measure, f"passive-after:{after_lemma}", "", after_lemma
    i = _first_left(w)
    if i < len(w.left) and _lemma(w.left[i]) in lex.LEAVE_VERBS:
        return "", "", "", ""
    noun, which, holder = _noun_before(w)
    if noun:
        return noun, f"noun:{which}", holder, ""
    noun = _noun_of(w)
    if noun:
        return lex.NOUNS_OF[noun], f"noun-of:{noun}", "", ""
    if part_of:
        measure, lemma = _after(w, cross_comma=True)
        if measure:
            return measure, f"part-of:{lemma}", "", lemma
    # Look past the clause start: "30 dead and 55 wounded, 15 critically" starts a clause at "15".
    k = 0
    while k < len(w.wide_left) and w.wide_left[k] in _SKIP:
        k += 1
    l0 = w.wide_left[k] if k < len(w.wide_left) else ""
    if part_of or l0 in ("and", ",", "including", "or"):
        measure, lemma = _cross_left(w)
        if measure:
            return measure, f"{'part-of' if part_of else 'gapped'}:{lemma}", "", lemma
    return "", "", "", ""
