"""Sentences, who a sentence credits, and the words that say what a fact is about.

>>> [s.text for s in split_sentences("Talks begin on Jan. 10 in Vienna, the U.S. said. Dr. Smith agreed.")]
['Talks begin on Jan. 10 in Vienna, the U.S. said.', 'Dr. Smith agreed.']
>>> attribution("According to Washington, Russia has massed troops near the border.")
'Washington'
>>> event_phrase("Russia has massed 100,000 troops near the border.", 17, 24)
'russia mass troop border'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from consistency.extract._datewords import AMBIGUOUS_MONTHS, MONTHS, NUMBER_WORDS, WEEKDAYS
from consistency.extract._numwords import trie_pattern

__all__ = ["Sentence", "attribution", "context_words", "event_phrase", "is_furniture", "split_sentences"]


def _words(text: str) -> frozenset[str]:
    """A word table written as one string."""
    return frozenset(text.split())


@dataclass(frozen=True)
class Sentence:
    """A sentence of a text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str


# Abbreviations after which a period does not end a sentence (titles, months, "No. 5", "Gov.", "St.").
_ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof gen lt col sgt capt cmdr adm maj gov sen rep rev fr st sr jr pres supt insp det
    no nos vol art fig jan feb mar apr jun jul aug sep sept oct nov dec mt ft co corp inc ltd bros vs
    approx est dept univ ave blvd rd
    """
)
# Words that start a sentence after an abbreviation with dots ("... in the U.S. The talks"), where a
# name would not ("the U.S. Embassy", "4 a.m. EDT").
_STARTERS = _words(
    "the a an he she it they we i this that these those there but and in on at after before while when "
    "his her their its our"
)
# A sentence may end at . ! ? or an ellipsis, then closing quotes or brackets, then space and a capital,
# a digit or opening quotes (TimeML text opens quotes with ``).
# Written to start with one class ("[.!?]+" is that class and more of it), so the engine skips to the next stop at
# once instead of trying the pattern at every character.
_BOUNDARY = re.compile(r"[.!?…](?:(?<=[.!?])[.!?]*)?[\"”’')\]]*(?=\s+[\"“‘'(\[`]*[A-Z0-9])")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?]+[\"”’')\]]*\Z")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[`]*(\w+)")
# A line break ends a sentence, except inside a hard-wrapped one: a line ending in a lowercase word or a
# comma, continued by a lowercase word or a number (seeds/001: "Russian troops along\nthe Ukraine border").
# (Runs of other characters are taken whole: one step of the repetition per line, not per character.)
_PARAGRAPH = re.compile(r"(?:[^\n]+|(?<=[a-z,;\-])\n(?=[a-z0-9(]))+")


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; a newline ends one, unless it only wraps a line mid-sentence.

    Abbreviations, initials, decimals and quotes that close a sentence are handled:

    >>> [s.text for s in split_sentences('He said: "It is 1.5 km." Gen. J. Smith left at 4 a.m. EDT...')]
    ['He said: "It is 1.5 km."', 'Gen. J. Smith left at 4 a.m. EDT...']
    >>> [s.text for s in split_sentences("Troops left the U.S. The talks... Went well!\\n\\nNew line\\nNext")]
    ['Troops left the U.S.', 'The talks...', 'Went well!', 'New line', 'Next']
    >>> [s.text for s in split_sentences("troops along\\nthe border")]
    ['troops along\\nthe border']
    """
    out: list[Sentence] = []
    for para in _PARAGRAPH.finditer(text):
        start = para.start()
        for m in _BOUNDARY.finditer(text, para.start(), para.end()):
            if m.group().startswith(".") and not m.group().startswith("..") and not _ends_sentence(text, m):
                continue
            _emit(text, start, m.end(), out)
            start = m.end()
        _emit(text, start, para.end(), out)
    return out


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether the period of boundary ``m`` ends a sentence rather than an abbreviation."""
    before = _WORD_BEFORE.search(text, max(0, m.start() - 30), m.end())
    word = before.group(1) if before else ""
    bare = word.rsplit(".", 1)[-1] if "." in word else word
    if bare.lower() in _ABBREVIATIONS or (len(bare) == 1 and bare.isupper() and "." not in word):
        return False  # "Dr. Smith", "Jan. 10", "J. Smith"
    if "." in word:  # "U.S.", "a.m.": a sentence ends only if a sentence-like word follows
        nxt = _NEXT_WORD.match(text, m.end())
        return nxt is not None and nxt.group(1).lower() in _STARTERS
    return True


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        out.append(Sentence(start, end, text[start:end]))


# --- attribution -------------------------------------------------------------------------------------

# Lowercase only, and no forms that are more often plural nouns ("neighboring states", "news reports");
# "claimed" needs "that" ("The conflict has claimed 13,000 lives" credits nobody).
_SPEECH_WORDS = _words(
    """
    said says say told tells stated announced announces added adds insisted insists reported warned warns
    confirmed confirms noted explained wrote argued estimated acknowledged denied declared condemned condemns
    praised praises welcomed welcomes urged urges vowed vows pledged pledges
    """
)
# One tree of shared prefixes ("s(?:a(?:id|y(?:s)?)|tated)"), which the engine fails twice as fast as a flat
# list at each character of a sentence. Both patterns below take the verb as a whole word (a boundary or a
# blank follows it), so at most one of the words can match at a place and their order never matters.
_SPEECH_VERBS = rf"(?:{trie_pattern(sorted(_SPEECH_WORDS))}|claim(?:ed|s)(?=\s+that\b))"
_AUXILIARIES = _words(
    "has have had was were is are also again already later earlier previously then once would will could"
)
# Words that end a subject when reading back from the verb: clause words, prepositions other than "of",
# and pronouns' partners.
_SUBJECT_STOP = _words(
    """
    that which who whom whose and but or nor when while as if because after before since where so than then
    though although until unless whether in at on for to from with by about over under into against during
    not no it is was were are be been being has have had do does did this these those there here
    something anything everything nothing
    """
)
_PRONOUNS = _words("he she they we i you it one someone")
# Words that date the statement, never name its source: "HP today announced", "announced Nov. 12".
_TIME_WORDS = _words("today yesterday tonight tomorrow now") | set(WEEKDAYS) | (set(MONTHS) - AMBIGUOUS_MONTHS)
_DETERMINERS = frozenset({"the", "a", "an"})
_MAX_SOURCE_WORDS = 6
_TOKEN = re.compile(r"[\w’'.\-]+|[^\w\s]")
_VERB = re.compile(rf"\b{_SPEECH_VERBS}\b")
# A source's words: anything but punctuation, except the dots of "Lt.", "J." and "U.S.".
_NP = r"(?:(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|Lt|Sgt|Gen|Capt|Col|Gov|Sen|Rep|Prof|St)\.|[^,.;:!?\"“”()])+"
_ACCORDING = re.compile(rf"\baccording\s+to\s+({_NP})", re.IGNORECASE)
_QUOTED_AS = re.compile(r"\bquot(?:ed|es|ing)\s+([^,.;:\"“”()]+?)\s+as\s+(?:saying|stating)\b", re.IGNORECASE)
_QUOTED_BY = re.compile(rf"\bquoted\s+by\s+({_NP})", re.IGNORECASE)
# "X, a spokesman for Y, said": the part between the commas describes X.
_APPOSITIVE = re.compile(r"([^,.;:\"“”()]+),\s+(?:a|an|the|who)\b[^,;\"“”]{0,100},\s*$")
_INVERTED = re.compile(rf"[,\"“”’']\s*{_SPEECH_VERBS}\s+({_NP}?)\s*(?:[,.;!?\"”]|$)")


def attribution(sentence: str) -> str:
    """Who the sentence credits, as written (at most six words); '' if nobody, or only a pronoun.

    "X quoted Y as saying" credits Y, the original source, not the outlet that relays it. A name of
    several words drops its leading article ("the TASS news agency" -> "TASS news agency"); a one-word
    one keeps it, so it still reads as a name ("the Kremlin").

    >>> attribution("Peskov said that Moscow would respond.")
    'Peskov'
    >>> attribution("the TASS news agency quoted the Russian Foreign Ministry as saying that talks start")
    'Russian Foreign Ministry'
    >>> attribution("Talks will start, Russia's Foreign Ministry said on Sunday, quoted by the TASS agency.")
    "Russia's Foreign Ministry"
    >>> attribution("“We would certainly disagree,“ said Lavrov.")
    'Lavrov'
    >>> attribution("The Kremlin has insisted that NATO stop.")
    'The Kremlin'
    >>> attribution("Russia massed troops near the border.")
    ''
    """
    # Each pattern is searched only where its word is ("quot", "accord": letters re.IGNORECASE matches only as
    # themselves in either case, so lowercasing finds every place it would match).
    low = sentence.lower()
    quoted = "quot" in low
    m = _QUOTED_AS.search(sentence) if quoted else None
    if m:
        return _clean(m.group(1))
    m = _ACCORDING.search(sentence) if "accord" in low else None
    if m:
        return _clean(m.group(1))
    for verb in _VERB.finditer(sentence):
        subject = _subject_before(sentence[: verb.start()])
        if subject:
            return subject
    m = _INVERTED.search(sentence)
    if m:
        source = _clean(m.group(1))
        if (
            source
            and (source[0].isupper() or source.split()[0].lower() in _DETERMINERS)
            and not _CLAUSE_VERBS.intersection(m.group(1).lower().split())
        ):
            return source
    m = _QUOTED_BY.search(sentence) if quoted else None
    if m:
        return _clean(m.group(1))
    return ""


def _subject_before(prefix: str) -> str:
    """The noun phrase that ends ``prefix`` (the words before a speech verb), or ''."""
    tokens = _TOKEN.findall(prefix[-200:])
    while tokens:
        low = tokens[-1].lower()
        if low in _TIME_WORDS:  # "HP today announced", "Hewlett-Packard on Monday said"
            tokens.pop()
            if tokens and tokens[-1].lower() in ("on", "this", "last", "late", "early"):
                tokens.pop()
        elif low in _AUXILIARIES or low.endswith(("n't", "n’t")):
            tokens.pop()
        else:
            break
    if tokens and tokens[-1] == ",":
        m = _APPOSITIVE.search(prefix)
        if m:
            return _clean(m.group(1).split(",")[-1])
        return ""
    words: list[str] = []
    for tok in reversed(tokens):
        low = tok.lower()
        if low == "and" and words and words[-1][0].isupper():
            words.append(tok)  # "The United States and Ukraine say"
            continue
        if words and words[-1] == "and" and not tok[0].isupper():
            words.pop()
            break
        if not tok[0].isalnum() or low in _SUBJECT_STOP or tok[0].isdigit() or low.endswith("ly"):
            break
        words.append(tok)
        if low in _DETERMINERS or len(words) == _MAX_SOURCE_WORDS:
            break
    return _clean(" ".join(reversed(words)))


# Words that end a source's name when reading forward: "according to Woodburn police an officer arrived",
# "according to an investigator quoted by the newspaper".
_NAME_END = _words("a an the who which that quoted when as")
_TRAILING = _words("of in at for and to from")
# A verb inside what follows "said" makes it a clause, not a name: ", said Poland was well prepared".
_CLAUSE_VERBS = _words("is was were are had has have would will could can may might should")


#: Sentence openers that are not part of the source's name: seeds/000 "And Putin said - last Thursday - that".
_OPENERS = _words("and but so yet also meanwhile however")


def _clean(phrase: str) -> str:
    words = phrase.split()
    while words and words[0].lower().strip(",") in _OPENERS:
        words = words[1:]
    cut = next((k for k, w in enumerate(words) if k > 0 and w.lower() in _NAME_END), len(words))
    words = words[:cut]
    if len(words) > _MAX_SOURCE_WORDS:
        # Keep the head of a long phrase: "Lt. Gregg Hastings of the Oregon State Police".
        cut = next((k for k, w in enumerate(words) if w in ("of", "in", "at", "for") and k > 0), _MAX_SOURCE_WORDS)
        words = words[: min(cut, _MAX_SOURCE_WORDS)]
    while words and words[-1].lower() in _TRAILING:
        words.pop()
    if len(words) > 2 and words[0].lower() in _DETERMINERS:
        words = words[1:]
    if not words or (len(words) == 1 and words[0].lower() in _PRONOUNS) or words[0].lower().strip(".") in _TIME_WORDS:
        return ""
    return " ".join(words)


# --- event phrase ------------------------------------------------------------------------------------

_STOPWORDS = (
    _words(
        """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours out over own same she should so
    some such than that the their theirs them themselves then there these they this those through to too
    under until up upon very was we were what when where which while who whom why will with would you
    your yours said says say told according would may might must shall its it's which whose been
    last next ago week weeks day days month months year years today yesterday tomorrow
    least nearly almost around roughly approximately some estimated along among across near toward towards
    dozen dozens hundreds thousands millions
    """
    )
    | frozenset(MONTHS)
    | frozenset(WEEKDAYS)
    | frozenset(NUMBER_WORDS)
)
_WORD = re.compile(r"[^\W\d_][\w’'\-]*|\d[\d,.]*|[;]|,\s*(?:which|who|but)\b")
_WORDS_PER_SIDE = 6
#: How far, in characters, context words are looked for on each side (six content words fit in far less).
_REACH_CHARS = 300


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """A crude, cheap suffix stripper: enough for "talks" and "talk", "countries" and "country" to meet.

    It lowercases, drops a possessive, then one of: -ies -> -y, -sses -> -ss, -s (not -ss, -us, -is),
    -ing, -ed (when at least three letters remain). It is not a linguistic stemmer; it only needs to map
    the variants of one word to one string, in every document alike.

    >>> [stem(w) for w in ["Talks", "troops", "countries", "Moscow's", "massed", "starting", "press", "bus"]]
    ['talk', 'troop', 'country', 'moscow', 'mass', 'start', 'press', 'bus']
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("sses"):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    if w.endswith("ing") and len(w) > 5:
        return w[:-3]
    if w.endswith("ed") and len(w) > 4:
        return w[:-2]
    return w


def _content(token: str, stemmed: bool = True) -> str:
    low = token.lower().replace("’", "'")
    if low in _STOPWORDS or low.split("'")[0] in _STOPWORDS or not token[0].isalpha():
        return ""
    return stem(token) if stemmed else low.split("'")[0]


# One cache per form, each keyed by the token alone (the cache's fastest key): every word around every fact.
@lru_cache(maxsize=1 << 16)
def _stemmed_content(token: str) -> str:
    return _content(token, stemmed=True)


@lru_cache(maxsize=1 << 16)
def _plain_content(token: str) -> str:
    return _content(token, stemmed=False)


def event_phrase(sentence: str, start: int, end: int, stemmed: bool = True) -> str:
    """Content words around the fact at ``sentence[start:end]``: what the fact is about.

    Up to six stemmed content words on each side (nearest first; no stopwords, numbers, months or
    weekdays), in sentence order; a side stops at ';' and at ", which" / ", who" / ", but".

    >>> s = "Russia had received a proposal from NATO to start talks on January 12 regarding Moscow's fears"
    >>> event_phrase(s, s.index("January"), s.index(" regarding"))
    'russia receiv proposal nato start talk regard moscow fear'
    >>> s = "the countries which made up the Alliance in May 1997, before the start of the expansion"
    >>> event_phrase(s, s.index("May"), s.index(","))
    'country made alliance start expansion'
    """
    left, right = context_words(sentence, start, end, stemmed=stemmed)
    return " ".join([*reversed(left), *right])


def context_words(
    sentence: str,
    start: int,
    end: int,
    per_side: int = _WORDS_PER_SIDE,
    stemmed: bool = True,
    within: tuple[int, int] | None = None,
) -> tuple[list[str], list[str]]:
    """The content words of :func:`event_phrase`, each side nearest first: ``(left, right)``.

    ``within`` limits both sides to ``sentence[lo:hi]``: the words beyond another fact belong to that fact.

    >>> s = "Russia had received a proposal from NATO to start talks on January 12 regarding Moscow's fears"
    >>> context_words(s, s.index("January"), s.index(" regarding"), per_side=2)
    (['talk', 'start'], ['regard', 'moscow'])
    >>> s = "Ten people were killed and at least 50 injured when an earthquake razed villages"
    >>> context_words(s, 0, 10, per_side=3, within=(0, s.index("at least")))
    ([], ['kill'])
    """
    lo, hi = within if within is not None else (0, len(sentence))
    # Never more than a bounded stretch each side: a "sentence" of 20 MB without a full stop must not be read
    # again for each of its facts.
    lo, hi = max(lo, start - _REACH_CHARS), min(hi, end + _REACH_CHARS)
    return _left(sentence, lo, start, per_side, stemmed), _right(sentence, end, hi, per_side, stemmed)


#: Each side is read first over about this many characters next to the fact (six content words fit in far
#: less); over the whole reach only when that is not enough.
_NEAR_CHARS = 80
#: Where tokens fall in step: the end of a run of blanks after a character that is not a comma. No token
#: crosses it, none ends there (only ", which" holds a blank, and it starts at a comma), and no token's match
#: looks past it: so reading from any point before it gives the same tokens after it, and reading up to it the
#: same tokens before it.
_IN_STEP = re.compile(r"[^,\s]\s+")


def _left(sentence: str, lo: int, start: int, per_side: int, stemmed: bool) -> list[str]:
    """Content words of ``sentence[lo:start]`` read as a text of its own (as ``_WORD.findall`` would read it
    from ``lo``), nearest first."""
    near = max(lo, start - _NEAR_CHARS)
    if near > lo:
        step = _IN_STEP.search(sentence, near, start)
        if step:
            words, done = _walk(reversed(_WORD.findall(sentence, step.end(), start)), per_side, stemmed)
            if done:
                return words
    return _walk(reversed(_WORD.findall(sentence, lo, max(lo, start))), per_side, stemmed)[0]


def _right(sentence: str, end: int, hi: int, per_side: int, stemmed: bool) -> list[str]:
    """Content words of ``sentence[end:hi]`` read as a text of its own, in reading order."""
    begin = min(end, hi)
    if hi - begin > _NEAR_CHARS:
        step = _IN_STEP.search(sentence, begin + _NEAR_CHARS // 2, hi)
        if step and step.end() < hi:
            words, done = _walk(iter(_WORD.findall(sentence, begin, step.end())), per_side, stemmed)
            if done:
                return words
    return _walk(iter(_WORD.findall(sentence, begin, hi)), per_side, stemmed)[0]


def _walk(tokens: Iterator[str], per_side: int, stemmed: bool) -> tuple[list[str], bool]:
    """Up to ``per_side`` content words of ``tokens`` until a ';' or a ", which"; and whether it stopped there
    (or at ``per_side``) rather than at the end of the tokens."""
    words: list[str] = []
    content = _stemmed_content if stemmed else _plain_content
    for token in tokens:
        if not token[0].isalnum():
            return words, True
        word = content(token)
        if word:
            words.append(word)
            if len(words) == per_side:
                return words, True
    return words, False


# --- page furniture ----------------------------------------------------------------------------------

# Lines of a web page that are not the story: photo captions and gallery counters, credits, copyright lines,
# links to other articles, share and subscribe prompts. Their numbers ("Photo 3 of 12", "© 2010", "Comments
# (14)", "Video duration 02 minutes 11 seconds") are never a claim of the story. The rules that hold at the
# start of the sentence are tried there alone (``match``) ...
_FURNITURE_START = re.compile(
    r"""^\W*(?:photos?|images?|pictures?|gallery|slideshow|video|caption)\b\s*(?:\d|:|\(|credit|by\b|duration|$)
      |^\W*(?:related\s*:|related\s+(?:articles?|stories|news|coverage|links?)\b|read\s+more|more\s+on\s+this
        |see\s+also|click\s+here|subscribe\b|sign\s+up|follow\s+us|share\s+this|advertisement)
      |^\W*\d+\s+(?:of|/)\s+\d+\W*$
      |^\W*comments?\s*(?:\(\d+\)|:|$)""",
    re.IGNORECASE | re.VERBOSE,
)
# A wire dateline, the header of the story, not a fact of it: "WASHINGTON, August 11 (Xinhua) --", "NAIROBI, Kenya
# (AP) _" (AQUAINT XIE19980812.0062.txt:1, APW19980808.0022.txt:1).
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'’-]{1,30},[^()]{0,40}\([A-Za-z][\w .-]{0,20}\)\s*(?:--|—|–|_|-)?\s*$")
# ... and the rules that may match anywhere, searched only in a sentence that holds one of their words.
_FURNITURE_ANYWHERE = re.compile(
    r"""\ball\s+rights\s+reserved\b|©|\bcopyright\b
      |\b(?:photo|image|picture|slide)\s+\d+\s+(?:of|/)\s+\d+\b""",
    re.IGNORECASE | re.VERBOSE,
)
_FURNITURE_WORDS = ("reserved", "©", "copyright", "photo", "image", "picture", "slide")
# Letters that re.IGNORECASE also matches to "i", "k" or "s" ("ſ" is an "s"): lowercasing does not find the
# words above through them, so a sentence holding one is searched whatever its words.
_FOLDED_LETTERS = ("\u0130", "\u0131", "\u017f", "\u212a")


def is_furniture(sentence: str) -> bool:
    """Is the sentence page furniture rather than the story?

    >>> [is_furniture(s) for s in ["Photo 3 of 12: rescuers at the bank", "© 2010 Reuters. All rights reserved.",
    ...   "Related: Two dead in Athens riots", "Comments (14)", "Video duration 02 minutes 11 seconds",
    ...   "WASHINGTON, August 11 (Xinhua) --"]]
    [True, True, True, True, True, True]
    >>> [is_furniture(s) for s in ["Police said 3 people died.", "Pictures of the scene show 3 cars",
    ...   "The video showed two men", "Related charges were filed against 4 men"]]
    [False, False, False, False]
    """
    if _FURNITURE_START.match(sentence) or _DATELINE.match(sentence):
        return True
    low = sentence.lower()
    if any(w in low for w in _FURNITURE_WORDS) or any(c in sentence for c in _FOLDED_LETTERS):
        return _FURNITURE_ANYWHERE.search(sentence) is not None
    return False
