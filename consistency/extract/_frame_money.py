"""The rules of :mod:`consistency.extract.frames` for amounts: money, percentages, magnitudes, physical
quantities, limits and their per-unit denominators.

Layering: this module imports the base layer ``_frame_words``; ``frames`` imports it, never the reverse.
"""

from __future__ import annotations

from consistency.extract._frame_words import (
    _APPOSITION_WORDS,
    _CHARS,
    _DETERMINERS,
    _FUNCTION,
    _LIMIT_LINKS,
    _NUMBER_WORDS,
    _OBJECT_PRONOUNS,
    _QUAKE_HOLDER_WINDOW,
    _SKIP,
    _TIME_WORDS,
    _TOKEN,
    _WINDOW,
    _first_left,
    _is_number,
    _lemma,
    _Window,
    _words,
)
from consistency.lexicon import measures as lex


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


_SHARE_WORDS = _words("shares stock stocks")
#: Words that start a clause with a subject of its own.
_OTHER_SUBJECT = _words("while whereas but although though")


def _shares_of(w: _Window) -> str:
    """The firm whose shares the clause prices: the capitalised name right before "shares" or "stock" ("HP
    shares dropped $2.49 ... to close at $46.64", ecbplus 44_2ecb.txt:6) or after "shares of", or ""."""
    before = w.left_tokens[::-1]  # nearest first, past the clause's commas ("..., to close at $46.64")
    for k, tok in enumerate(before):
        if tok in (".", ";", ":") or tok.lower() in _OTHER_SUBJECT:
            break  # "LIN shares soared ..., while McCaw fell $2.50": McCaw's, not LIN's
        if tok.lower() in _SHARE_WORDS:
            name = before[k + 1] if k + 1 < len(before) else ""
            if k >= 2 and before[k - 1] == "of":  # "shares of Apple closed at $150"
                name = before[k - 2]
            return name if name[:1].isupper() and name.lower() not in _FUNCTION else ""
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
        firm = _shares_of(w)
        if firm:  # "HP shares ... close at $46.64", "EDS shares ... close at $24.34": two firms' prices
            return "share price", f"verb-before:{tok}", holder or firm, False
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
        return "change", f"verb-before:{lemma}", holder or _shares_of(w), False
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
