"""What a number measures: the word tables that :mod:`consistency.extract.frames` reads (data only, no logic).

Verbs are listed by lemma; ``frames`` generates the regular inflections (kill, kills, killed, killing) and
takes the irregular ones from :data:`IRREGULAR`. Every table maps a word to a name from :data:`MEASURES`
(or to an event class, for :data:`EVENTS`).

"casualties" is its own measure: outlets use it for the dead alone, for the dead and injured together, or
(British usage) for the injured, so it is never read as "deaths" nor as "injuries" and is only compared
with other "casualties" counts.
"""

from __future__ import annotations

# fmt: off
#: Every measure name a frame may carry (dates carry "date:" + an event class instead).
MEASURES: frozenset[str] = frozenset({
    "deaths", "injuries", "casualties", "shot", "arrests", "missing", "evacuated", "displaced", "rescued",
    "hostages", "damaged", "destroyed",
    "magnitude", "depth", "distance", "height", "area", "speed", "temperature", "weight",
    "price", "share price", "bid", "reward", "fine", "salary", "revenue", "profit", "loss", "cost", "budget", "damage",
    "funding", "value", "stolen", "ransom",
    "population", "share", "turnout", "votes", "change", "uptime", "unemployment", "inflation", "interest",
    "growth", "approval",
    "age", "duration", "rate limit", "limit", "storage", "version", "time of day",
})

#: Verb lemma -> (measure of a count it governs, event class). The count is the verb's object ("killing 3",
#: "arrested 12") or, in the passive or an intransitive use, its subject ("40 people were killed",
#: "N people died"): both count the same thing.
VERBS: dict[str, tuple[str, str]] = {
    "kill": ("deaths", "kill"), "die": ("deaths", "kill"), "slay": ("deaths", "kill"),
    "murder": ("deaths", "kill"), "massacre": ("deaths", "kill"), "execute": ("deaths", "kill"),
    "drown": ("deaths", "kill"), "perish": ("deaths", "kill"), "behead": ("deaths", "kill"),
    "injure": ("injuries", "injure"), "wound": ("injuries", "injure"), "hurt": ("injuries", "injure"),
    "maim": ("injuries", "injure"), "hospitalize": ("injuries", "injure"), "hospitalise": ("injuries", "injure"),
    "shoot": ("shot", "shoot"),
    "arrest": ("arrests", "arrest"), "detain": ("arrests", "arrest"), "apprehend": ("arrests", "arrest"),
    "evacuate": ("evacuated", "evacuate"),
    "displace": ("displaced", "displace"), "flee": ("displaced", "displace"),
    "rescue": ("rescued", "rescue"), "save": ("rescued", "rescue"),
    "kidnap": ("hostages", "kidnap"), "abduct": ("hostages", "kidnap"),
    "damage": ("damaged", "damage"),
    "destroy": ("destroyed", "destroy"), "flatten": ("destroyed", "destroy"), "level": ("destroyed", "destroy"),
    "raze": ("destroyed", "destroy"),
}

#: Irregular inflections -> lemma (regular ones are generated from the lemma).
IRREGULAR: dict[str, str] = {
    "slain": "slay", "slew": "slay", "shot": "shoot", "hurt": "hurt", "hurts": "hurt", "hurting": "hurt",
    "fled": "flee", "kidnapped": "kidnap", "kidnapping": "kidnap", "said": "say", "told": "tell",
    "left": "leave", "leaving": "leave", "found": "find", "met": "meet", "held": "hold", "struck": "strike",
    "sold": "sell", "paid": "pay", "won": "win", "lost": "lose", "losing": "lose", "bought": "buy",
    "fell": "fall", "fallen": "fall", "rose": "rise", "risen": "rise", "rising": "rise", "stood": "stand",
    "hit": "hit", "hitting": "hit", "shook": "shake", "shaken": "shake", "began": "begin", "begun": "begin",
    "beginning": "begin", "took": "take", "taken": "take", "spoke": "speak", "spoken": "speak",
    "stole": "steal", "stolen": "steal", "brought": "bring", "caught": "catch", "dying": "die",
    "robbed": "rob", "robbing": "rob", "planned": "plan", "ran": "run", "running": "run", "won't": "win",
    "gave": "give", "given": "give", "sent": "send", "set": "set", "cost": "cost", "costing": "cost",
    "bid": "bid", "bidding": "bid", "dropped": "drop", "dropping": "drop", "slid": "slide",
    "sank": "sink", "sunk": "sink", "spent": "spend", "identified": "identify",
    "wrote": "write", "written": "write", "chose": "choose", "elected": "elect",
    "grabbed": "grab", "grabbing": "grab", "nabbed": "nab", "nabbing": "nab"
}

#: Predicate words after a count that are not verb forms: "24 dead", "12 missing", "3,000 homeless".
PREDICATE_ADJECTIVES: dict[str, str] = {
    "dead": "deaths", "missing": "missing", "unaccounted": "missing", "homeless": "displaced",
    "injured": "injuries", "wounded": "injuries", "hospitalized": "injuries", "hospitalised": "injuries",
}

#: A count that is itself the measure: "13,000 lives", "three deaths", "5 arrests" ("the 80 wounded" and
#: "24 dead" are read as predicates, from PREDICATE_ADJECTIVES).
COUNT_NOUNS: dict[str, str] = {
    "death": "deaths", "deaths": "deaths", "fatality": "deaths", "fatalities": "deaths",
    "casualty": "casualties", "casualties": "casualties",
    "injury": "injuries", "injuries": "injuries",
    "arrest": "arrests", "arrests": "arrests", "detainees": "arrests",
    "hostage": "hostages", "hostages": "hostages", "captives": "hostages",
    "evacuee": "evacuated", "evacuees": "evacuated",
    "vote": "votes", "votes": "votes", "ballots": "votes",
    "inhabitants": "population",
}

#: A noun of an event before "of" and a count counts its victims: "the tragic death of the three workers"
#: (ecbplus 8_6ecbplus), "the deaths of at least 24 people", "the arrest of two suspects".
NOUNS_OF: dict[str, str] = {
    "death": "deaths", "deaths": "deaths", "killing": "deaths", "killings": "deaths", "murder": "deaths",
    "murders": "deaths", "arrest": "arrests", "arrests": "arrests", "detention": "arrests",
    "evacuation": "evacuated", "rescue": "rescued", "kidnapping": "hostages", "abduction": "hostages",
}

#: "claimed 13 lives", "took 3 lives", "cost 40 lives", "lost their lives": lives are deaths after these verbs.
LIFE_VERBS: frozenset[str] = frozenset({"claim", "take", "cost", "lose", "save"})

#: A toll noun before a count: "the death toll rose to 24", "the toll stands at 10".
TOLL_MODIFIERS: dict[str, str] = {
    "death": "deaths", "casualty": "casualties", "injury": "injuries", "human": "deaths", "civilian": "deaths",
}
#: Words allowed between "toll"/"number"/"total" and its count: "the death toll rose to", "stands at", "topped".
TOLL_LINKS: frozenset[str] = frozenset({
    "rose", "risen", "rises", "rising", "climbed", "climbs", "jumped", "jumps", "reached", "reaches", "stood",
    "stands", "stand", "is", "was", "has", "had", "have", "at", "to", "above", "over", "past", "hit", "hits",
    "topped", "tops", "increased", "increases", "now", "further", "passed", "surpassed", "grew", "grows",
    "officially", "reportedly", "already", "soared", "mounted", "climbing", "exceeded", "exceeds", "hovering", "of",
    "totaling", "totalling", "totaled", "totalled", "totals", "amounted", "amounts", "around", "about", "some",
    "were", "are", "hovered", "approximately", "roughly", "nearly", "almost"
})

#: Verbs of leaving someone in a state: "left 24 dead", "leaving 3 people missing".
LEAVE_VERBS: frozenset[str] = frozenset({"leave"})

# --- Money -----------------------------------------------------------------------------------------
#: Verb before an amount -> measure: "acquire EYP for $13bn", "fined $5,000", "earned $716 million".
MONEY_VERBS: dict[str, str] = {
    "acquire": "price", "buy": "price", "purchase": "price", "pay": "price", "sell": "price", "cost": "price",
    "price": "price", "charge": "price", "merge": "price", "bid": "bid", "offer": "bid",
    "fine": "fine", "penalize": "fine", "penalise": "fine",
    "earn": "profit", "net": "profit", "lose": "loss",
    "raise": "funding", "invest": "funding", "fund": "funding", "borrow": "funding", "lend": "funding",
    "steal": "stolen", "rob": "stolen", "snatch": "stolen", "grab": "stolen", "nab": "stolen",
    "value": "value", "spend": "cost", "budget": "budget", "demand": "ransom",
}
#: Noun next to an amount -> measure: "a $35,000 reward", "revenue of $54 billion", "$2bn acquisition".
MONEY_NOUNS: dict[str, str] = {
    "reward": "reward", "rewards": "reward", "bounty": "reward",
    "fine": "fine", "fines": "fine", "penalty": "fine", "penalties": "fine",
    "salary": "salary", "salaries": "salary", "wage": "salary", "wages": "salary", "pay": "salary",
    "revenue": "revenue", "revenues": "revenue", "sales": "revenue", "turnover": "revenue",
    "profit": "profit", "profits": "profit", "earnings": "profit", "income": "profit",
    "loss": "loss", "losses": "loss", "deficit": "loss",
    "cost": "cost", "costs": "cost", "bill": "cost",
    "budget": "budget", "budgets": "budget",
    "damage": "damage", "damages": "damage",
    "funding": "funding", "investment": "funding", "round": "funding", "grant": "funding", "aid": "funding",
    "bailout": "funding", "loan": "funding", "loans": "funding", "package": "funding",
    "price": "price", "acquisition": "price", "deal": "price", "purchase": "price", "takeover": "price",
    "buy": "price", "buyout": "price", "merger": "price", "subscription": "price", "fee": "price", "fees": "price",
    "bid": "bid", "offer": "bid", "agreement": "price",
    "valuation": "value", "value": "value", "worth": "value",
    "ransom": "ransom",
    "heist": "stolen", "haul": "stolen", "booty": "stolen", "loot": "stolen", "robbery": "stolen",
    "theft": "stolen",
}

#: Words that make an amount nearby the amount of a theft: the thieves, the haul, the act. An amount "worth"
#: or "valued at" is the haul's "stolen" amount when one of these is near, so that "made off with $2.6m" and
#: "jewels worth $2.6m" (24_3ecbplus, 24_9ecbplus) - one haul told two ways - fall in one block; the aligner
#: blocks on measure and would otherwise never compare them. "value" is left for a worth with no theft near.
THEFT_WORDS: frozenset[str] = frozenset({
    "thief", "thieves", "robber", "robbers", "burglar", "burglars", "raiders", "crooks", "bandit", "bandits",
    "gang", "heist", "heists", "robbery", "theft", "haul", "loot", "booty", "stolen", "stole", "steal",
    "stealing", "robbed", "grabbed", "snatched", "nabbed", "looted",
})

# --- Percentages -----------------------------------------------------------------------------------
PERCENT_NOUNS: dict[str, str] = {
    "share": "share", "stake": "share", "shares": "share", "majority": "share",
    "turnout": "turnout", "vote": "votes", "votes": "votes", "ballots": "votes",
    "uptime": "uptime", "availability": "uptime",
    "unemployment": "unemployment", "jobless": "unemployment",
    "inflation": "inflation", "interest": "interest", "growth": "growth", "approval": "approval",
    "population": "share",
}
#: Verbs of change before a percentage: "stocks plunged 5.4 per cent", "shares soared nearly 28 percent".
CHANGE_VERBS: frozenset[str] = frozenset({
    "rise", "fall", "drop", "plunge", "plummet", "gain", "climb", "jump", "surge", "slide", "decline", "soar",
    "sink", "slump", "tumble", "dip", "grow", "shrink", "increase", "decrease", "lose", "add", "edge", "cut",
    "raise", "lower"
})
CHANGE_ADVERBS: frozenset[str] = frozenset({"up", "down", "higher", "lower"})

# --- Physical quantities ---------------------------------------------------------------------------
#: The nouns a magnitude is the magnitude of; the holder of a magnitude.
QUAKE_NOUNS: frozenset[str] = frozenset({
    "quake", "quakes", "earthquake", "earthquakes", "tremor", "tremors", "temblor", "temblors", "aftershock",
    "aftershocks", "shock", "shocks"
})
MAGNITUDE_WORDS: frozenset[str] = frozenset({"magnitude", "richter", "strength", "degree"})
DIRECTIONS: frozenset[str] = frozenset({
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
    "north-west", "south-east", "south-west", "northern", "southern", "eastern", "western", "offshore", "inland",
    "away", "outside"
})
#: Unit -> measure for a physical quantity that says nothing else: "120 km/h" is a speed.
UNIT_MEASURES: dict[str, str] = {
    "km/h": "speed", "kph": "speed", "mph": "speed", "knots": "speed", "m/s": "speed",
    "°c": "temperature", "°f": "temperature", "celsius": "temperature", "fahrenheit": "temperature",
    "degrees": "temperature",
    "km2": "area", "km²": "area", "sq": "area", "square": "area", "hectares": "area", "hectare": "area",
    "acres": "area", "acre": "area",
    "kg": "weight", "kilograms": "weight", "kilogram": "weight", "tonnes": "weight", "tons": "weight",
    "pounds": "weight", "lb": "weight", "lbs": "weight",
    "kb": "storage", "mb": "storage", "gb": "storage", "tb": "storage", "pb": "storage", "gib": "storage",
    "mib": "storage", "tib": "storage", "kilobytes": "storage", "megabytes": "storage", "gigabytes": "storage",
    "terabytes": "storage", "bytes": "storage",
}
LENGTH_UNITS: frozenset[str] = frozenset({
    "km", "kilometre", "kilometres", "kilometer", "kilometers", "m", "metre", "metres", "meter", "meters", "mi",
    "mile", "miles", "ft", "foot", "feet", "yards", "yard", "cm", "nautical",
    "centimeter", "centimeters", "centimetre", "centimetres", "inch", "inches"
})
#: Words before a length that make it a height, a depth or a fall ("falling about 150 metres").
HEIGHT_WORDS: frozenset[str] = frozenset({"height", "high", "tall", "altitude", "elevation"})
DEPTH_WORDS: frozenset[str] = frozenset({"depth", "deep", "underground", "below"})
FALL_VERBS: frozenset[str] = frozenset({"fall", "plunge", "tumble", "drop", "slip"})

# --- Limits in product documentation ------------------------------------------------------------------
#: What a rate limit counts: "100 requests per minute", "1,000 calls a day".
RATE_NOUNS: frozenset[str] = frozenset({
    "request", "requests", "call", "calls", "query", "queries", "message", "messages", "event", "events", "token",
    "tokens", "job", "jobs", "build", "builds", "email", "emails", "upload", "uploads", "download", "downloads",
    "operation", "operations", "api"
})
#: What a plain limit counts: "a maximum of 5 users", "up to 10 projects".
LIMIT_NOUNS: frozenset[str] = frozenset({
    "user", "users", "seat", "seats", "project", "projects", "member", "members", "repository", "repositories",
    "repo", "repos", "connection", "connections", "collaborator", "collaborators", "workspace", "workspaces",
    "file", "files", "device", "devices", "site", "sites"
})
#: Words that make a count a limit: "up to", "capped at", "a maximum of", "the limit is".
LIMIT_MARKERS: frozenset[str] = frozenset({
    "up", "to", "maximum", "max", "limit", "limits", "limited", "cap", "capped", "caps", "ceiling", "quota",
    "quotas", "most", "allows", "allow", "allowed", "permits", "permit", "supports", "support", "includes",
    "include", "exceed", "exceeding", "throttled"
})

#: Per-unit words -> denominator: "per minute", "/min", "a month", "each hour", "monthly".
DENOMINATORS: dict[str, str] = {
    "second": "second", "seconds": "second", "sec": "second", "secs": "second", "s": "second",
    "minute": "minute", "minutes": "minute", "min": "minute", "mins": "minute", "m": "minute",
    "hour": "hour", "hours": "hour", "hr": "hour", "hrs": "hour", "h": "hour",
    "day": "day", "days": "day", "d": "day", "week": "week", "weeks": "week", "wk": "week",
    "month": "month", "months": "month", "mo": "month", "year": "year", "years": "year", "yr": "year",
    "annum": "year",
    "user": "user", "users": "user", "seat": "seat", "request": "request", "requests": "request",
    "share": "share", "person": "person", "capita": "person", "head": "person", "gb": "GB", "unit": "unit",
    "barrel": "barrel", "ounce": "ounce", "gallon": "gallon", "liter": "liter", "litre": "litre", "tonne": "tonne",
    "ton": "ton", "kilogram": "kilogram", "kg": "kilogram", "night": "night", "ticket": "ticket",
    "file": "file", "project": "project", "key": "key", "token": "token",
}
#: Adverbs that are a denominator on their own: "$49 monthly", "billed annually".
DENOMINATOR_ADVERBS: dict[str, str] = {
    "hourly": "hour", "daily": "day", "weekly": "week", "monthly": "month", "yearly": "year", "annually": "year",
}

# --- Events (the predicate class a date or count hangs on) -----------------------------------------------
#: Word (lemma or noun form) -> event class. Verbs of VERBS are events too (their second field).
EVENTS: dict[str, str] = {
    "say": "announce", "tell": "announce", "announce": "announce", "report": "announce", "state": "announce",
    "confirm": "announce", "declare": "announce", "add": "announce", "disclose": "announce",
    "reveal": "announce", "statement": "announce", "announcement": "announce", "unveil": "announce",
    # Reactions are statements too: "Iran Saturday condemned the bombing" dates what Iran said, not the bombing.
    "condemn": "announce", "praise": "announce", "welcome": "announce", "urge": "announce", "vow": "announce",
    "pledge": "announce", "deny": "announce",
    "meet": "meet", "meeting": "meet", "talk": "meet", "talks": "meet", "summit": "meet", "negotiate": "meet",
    "negotiations": "meet", "hold": "meet", "visit": "meet", "discussion": "meet", "discussions": "meet",
    "negotiation": "meet", "conference": "meet",
    "attack": "attack", "bomb": "attack", "bombing": "attack", "bombings": "attack", "blast": "attack",
    "explode": "attack", "explosion": "attack", "explosions": "attack", "raid": "attack", "assault": "attack",
    "strike": "hit", "airstrike": "attack", "shelling": "attack", "ambush": "attack",
    "shooting": "shoot", "shootings": "shoot", "gunfire": "shoot",
    "vote": "vote", "election": "vote", "elect": "vote", "referendum": "vote", "poll": "vote", "ballot": "vote",
    "release": "release", "launch": "release", "publish": "release", "ship": "release", "deprecate": "release",
    "find": "find", "discover": "find", "recover": "find", "identify": "find",
    "quake": "quake", "earthquake": "quake", "tremor": "quake", "temblor": "quake", "aftershock": "quake",
    "tsunami": "quake",
    "hit": "hit", "shake": "hit", "rock": "hit", "jolt": "hit",
    "fall": "fall", "slip": "fall", "crash": "crash", "collide": "crash", "sink": "crash",
    "charge": "charge", "indict": "charge", "sentence": "sentence", "convict": "sentence", "plead": "sentence",
    "acquire": "acquire", "acquisition": "acquire", "buy": "acquire", "purchase": "acquire", "merge": "acquire",
    "takeover": "acquire", "deal": "acquire", "sign": "sign", "agree": "sign", "agreement": "sign",
    "protest": "protest", "marched": "protest", "marching": "protest", "demonstrate": "protest",
    "rally": "protest", "riot": "protest",
    "steal": "steal", "rob": "steal", "robbery": "steal", "heist": "steal", "theft": "steal",
    # Not "open"/"close": "met behind closed doors on Saturday" dates a meeting (ecbplus 41_5ecb).
    # Aspectual verbs: "start talks", "begin the discussion" date the talks; they count only when nothing else is near.
    "begin": "begin", "start": "begin", "end": "end", "finish": "end",
    "bear": "born", "born": "born", "resign": "resign", "appoint": "appoint", "name": "appoint",
    "surrender": "arrest", "capture": "arrest", "escape": "escape",
    "fire": "fire", "burn": "fire", "blaze": "fire", "flood": "flood", "storm": "storm",
    # "fired" alone is read in context by frames._event_in: a shooting ("fired at"), else a dismissal.
    "dismiss": "dismiss", "sack": "dismiss", "layoff": "dismiss",
}

#: The phase of a story each event class belongs to. Two dates of events of one phase may be one date told two
#: ways ("hit southern Iran on Sunday", "razed villages on Sunday", "killed five on Sunday": one quake); a date of
#: the incident and a date of the arrest or of the deal that followed are two dates. Statements ("announce")
#: belong to no phase: "police said Saturday" reports the incident of Saturday as often as not.
EVENT_PHASES: dict[str, str] = {
    **dict.fromkeys(("attack", "shoot", "kill", "injure", "hit", "quake", "destroy", "damage", "fire", "fall",
                     "crash", "steal", "protest", "kidnap", "flood", "storm", "evacuate", "displace", "escape"),
                    "incident"),
    **dict.fromkeys(("arrest", "charge", "sentence", "find", "rescue", "resign", "appoint"), "response"),
    **dict.fromkeys(("acquire", "sign", "meet", "release", "vote", "born", "dismiss"), "business"),
}  # fmt: skip

#: Speech verbs and auxiliaries never set a count's measure (they are the source, not the predicate).
AUXILIARIES: frozenset[str] = frozenset({
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "am", "will", "would", "could", "can",
    "may", "might", "should", "shall", "do", "did", "does", "also", "reportedly", "reported", "confirmed",
    "believed", "feared", "thought", "said", "already", "later", "now", "all", "both", "still", "since", "further",
    "only", "officially", "critically", "seriously", "badly", "slightly", "lightly", "fatally", "mortally", "so",
    "far"
})

#: Words after a count that mark it as an increment on a total: "two other victims", "20 more people".
INCREMENT_AFTER: frozenset[str] = frozenset({"other", "others", "more", "additional", "further", "extra", "new"})
#: Words before a count that mark it as an increment: "another 20,000", "a further 3", "an additional 5".
INCREMENT_BEFORE: tuple[str, ...] = ("another", "a further", "an additional", "an extra", "a further", "further")
#: Words before a count that make it a part of a whole stated elsewhere: "including three children".
PART_BEFORE: tuple[str, ...] = ("including", "among them", "among whom", "among those", "of whom", "of which",
                                "of those", "of them", "among")
#: Words after a count that make it a part: "15 of them", "two of whom", "30 of the 80 wounded".
PART_AFTER: tuple[str, ...] = ("of them", "of whom", "of which", "of those", "of these", "among them", "of the")
# fmt: on
