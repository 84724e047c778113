"""The hand-written check-worthiness rules: a transparent linear scorer over named cues.

The cues a fact-checker looks for, each with a weight set by hand, summed and
squashed by a logistic function.  What raises the score: key facts (numbers,
money, percentages, dates, durations), named entities, verbs of record
(signed, launched, invested, held, ...), concrete instruments (a law, a
contract, a loan), comparisons and superlatives.  What lowers it: hedges and
predictions, evaluation, rhetoric and interpretation, first-person opinion,
questions, imperatives, and not being a full sentence.

``read`` gives the score, the reasons and which words fired each cue; the
trained scorer (``worthiness.score``) uses all three as features.  ``score``
gives the score and reasons alone: the untrained baseline that
``benchmarks/worthiness_quality.py`` measures the trained model against.
A predictive or evaluative sentence that still carries a checkable fact keeps
a fair score (facts weigh more than framing), and its first reason says what
in it is checkable.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Collection
from dataclasses import dataclass

from factcheck.model.defaults import MIN_SCORE
from factcheck.text import facts as _facts
from factcheck.text import segment
from factcheck.text.facts import Fact

_BIAS = -1.0
# Weight of the first key fact of each kind; each further fact adds a little.
_FACT_WEIGHTS = {
    "money": 1.9, "percent": 1.8, "date": 1.7, "measure": 1.5, "duration": 1.3, "time": 1.0, "number": 0.8,
    "ordinal": 0.3,
}  # fmt: skip
_STATISTIC = 1.2  # a number of 100 or more, or with decimals: a measured figure, not a count of things
_SMALL_WORD_NUMBER = 0.3  # "the two countries": more often a reference than a count
_MORE_FACTS = 0.3
_FACTS_CAP = 3.0


class _Cue:
    """A list of words and phrases to look for in a sentence, case-insensitively.

    Plain words (and simple inflections such as ``invest(?:ed|s)``) are
    looked up in a set of the sentence's words; only the rest (phrases,
    look-arounds) go through a regular expression.  A long alternation
    tried at every character was most of the time extraction took.
    """

    def __init__(self, *items: str) -> None:
        self.items = items
        self.words: set[str] = set()
        rest: list[str] = []
        leads: set[str] = set()
        always = False
        for item in items:
            forms = _expand(item)
            if forms is not None:
                self.words |= forms
                continue
            rest.append(item)
            # A phrase is only worth a regex search when its literal start is in the text.
            lead = re.match(r"[a-z ]*", item).group()  # type: ignore[union-attr]
            if item[len(lead) : len(lead) + 1] in ("?", "*", "{"):
                lead = lead[:-1]  # "visas?" needs only "visa"
            if len(lead) >= 3:
                leads.add(lead)
            else:
                always = True
        self.regex = re.compile(r"\b(?:" + "|".join(rest) + r")\b", re.IGNORECASE) if rest else None
        self.leads = None if always else tuple(leads)

    def hits(self, text: str, words: list[str], lower: str) -> list[str]:
        """The cue's words and phrases in ``text`` (``words`` and ``lower``: its lowercase words and text)."""
        found = [w for w in words if w in self.words]
        if self.regex is not None and (self.leads is None or any(lead in lower for lead in self.leads)):
            found += [m.group().lower() for m in self.regex.finditer(text)]
        return list(dict.fromkeys(found))


_STEM_ALTERNATIVES = re.compile(r"([a-z-]+)\(\?:([a-z|]+)\)(\?)?")


def _expand(item: str) -> set[str] | None:
    """The words a simple pattern stands for ("tax(?:es)?" -> tax, taxes), or None when not simple."""
    if re.fullmatch(r"[a-z-]+", item):
        return {item}
    if re.fullmatch(r"[a-z-]+s\?", item):
        return {item[:-2], item[:-1]}
    m = _STEM_ALTERNATIVES.fullmatch(item)
    if m:
        stem, alternatives, optional = m.groups()
        forms = {stem + alt for alt in alternatives.split("|")}
        return forms | {stem} if optional else forms
    return None


def _words(*items: str) -> _Cue:
    return _Cue(*items)


_WORD_TOKEN = re.compile(r"[a-z]+(?:-[a-z]+)*")


def _tokens(text: str) -> list[str]:
    """The lowercase words of a sentence, hyphenated compounds both whole and in parts."""
    out: list[str] = []
    for token in _WORD_TOKEN.findall(text.lower()):
        out.append(token)
        if "-" in token:
            out.extend(token.split("-"))
    return out


_RECORD = _words(
    r"signed", r"sign(?:s|ing)? (?:an? |the )?(?:agreement|deal|contract|treaty)", r"launched",
    r"invest(?:ed|s|ing)", r"held", r"hosted", r"implement(?:ed|s|ing)?", r"established", r"founded",
    r"built", r"constructed", r"opened", r"reopened", r"closed", r"completed", r"approved", r"agreed",
    r"ratified", r"passed", r"enacted", r"introduced", r"adopted", r"abolished", r"banned",
    r"elected", r"appointed", r"resigned", r"acquired", r"bought", r"sold", r"merged", r"joined",
    r"withdrew", r"visit(?:ed)?", r"met", r"recorded", r"rose", r"fell", r"grew", r"increased",
    r"decreased", r"declined", r"dropped", r"doubled", r"tripled", r"halved", r"reached",
    r"surpassed", r"exceeded", r"won", r"lost", r"killed", r"injured", r"arrested", r"charged",
    r"convicted", r"sentenced", r"fined", r"sued", r"ruled", r"voted", r"spent", r"allocated",
    r"awarded", r"raised", r"cut", r"produced", r"exported", r"imported", r"hired", r"employ(?:s|ed)",
    r"boosted", r"led to", r"carried", r"replaced", r"paid", r"cost", r"financed", r"funded",
    r"located in", r"borders?", r"includes?", r"including", r"consists of", r"comprises",
    r"members?", r"partners?", r"proposed", r"confirmed", r"published", r"released", r"began",
    r"data show(?:s|ed)?", r"figures show(?:s|ed)?", r"records show(?:s|ed)?", r"has become", r"became", r"constructions?",
    r"ceremony", r"decision",
)  # fmt: skip
_ATTRIBUTION = _words(r"said", r"says", r"told", r"according to", r"announced", r"reported", r"stated", r"called")
_CAPITAL = segment.CAPITAL
# Names of institutions and programmes, and defined acronyms: "the Shanghai Cooperation Organization (SCO)".
_INSTITUTION = re.compile(
    r"\b(?:Organi[sz]ation|Corridor|Initiative|Park|Group|Bank|Ministry|Council|Department|Union|Agency|"
    r"Company|Corporation|Inc|Ltd|University|Institute|Commission|Committee|Parliament|Court|Fund|"
    rf"Authority|Association|Party|Club|Army|Assembly|Office|Program|Programme|Zone|Port)\b|\({_CAPITAL}{{2,6}}\)"
)
# Concrete instruments and records a claim can be checked against.
_INSTRUMENT = _words(
    r"polic(?:y|ies)", r"laws?", r"bill", r"regulations?", r"tariffs?", r"tax(?:es)?", r"sanctions?",
    r"visas?(?:-free)?", r"treat(?:y|ies)", r"agreements?", r"deals?", r"contracts?", r"budgets?",
    r"loans?", r"grants?", r"subsid(?:y|ies)", r"investments?", r"project", r"programm?e",
    r"election", r"referendum", r"survey", r"poll", r"report", r"study", r"statistics",
    r"infrastructure", r"exploration", r"mining", r"pipelines?", r"railways?", r"highways?",
    r"ports?", r"revenue", r"penalty", r"tolls?",
)  # fmt: skip
_COMPARISON = _words(
    r"more than", r"less than", r"fewer than", r"at least", r"at most", r"up to (?=[$€£¥]?\d)",
    r"compared (?:with|to)", r"than", r"largest", r"biggest", r"smallest", r"highest", r"lowest",
    r"fastest", r"longest", r"oldest", r"newest", r"busiest", r"deadliest", r"richest", r"poorest",
    r"first", r"(?<!not )only", r"record", r"twice", r"half", r"majority", r"the most \w+",
    r"cutting", r"average", r"per (?:day|week|month|year|capita|person)",
    r"a (?:day|week|month|year)", r"ahead of", r"over (?:budget|schedule)",
)  # fmt: skip
_HEDGE = _words(
    r"(?-i:may)", r"might", r"could", r"perhaps", r"possibly", r"likely", r"unlikely", r"probably",
    r"potentially", r"potential to", r"potential (?!for\b)[a-z]+", r"appears? to", r"seems? to", r"suggests?", r"expected to", r"plans? to",
    r"stands? to", r"would", r"hopes?", r"aims? to", r"seeks? to", r"looks? to",
    r"promises?", r"prospects?", r"keen to", r"eager to", r"wants? to", r"intends? to", r"will",
    r"shall", r"is set to", r"are set to", r"is going to", r"are going to", r"in the (?:years|months|decades) to come",
    r"in the future", r"future", r"upcoming", r"next (?:year|decade|generation)", r"continue to",
    r"going forward",
)  # fmt: skip
_OPINION = _words(
    r"remarkable", r"unique", r"crucial", r"vital", r"key", r"strong", r"significant", r"promising",
    r"brighter?", r"prosperous", r"prosperity", r"shared", r"clear step", r"essential", r"important",
    r"importance", r"great(?:er|est)?", r"best", r"worst", r"excellent", r"impressive", r"disastrous",
    r"shameful", r"admirable", r"deserves?", r"should", r"must", r"ought", r"need to", r"needs to",
    r"opportunit(?:y|ies)", r"ambitions?", r"clout", r"prowess", r"strengths?", r"benefits?",
    r"success(?:ful)?", r"mutual", r"generous(?:ly)?", r"chance", r"avenue", r"pave the way",
    r"positive", r"negative", r"progress", r"pressing", r"keen", r"better", r"worse", r"milestone",
    r"proud", r"believes?", r"committed to", r"convinced", r"worry", r"doubt", r"surely", r"ugl(?:y|ier)",
)  # fmt: skip
# Interpretation of motives and meanings, and figures of speech.
_RHETORIC = _words(
    r"reflects", r"symboli[sz]es", r"represents", r"sees .{1,40} as", r"regarded as", r"like the",
    r"destiny", r"symbol", r"threshold", r"model for", r"grand scheme", r"all eyes",
    r"winds of change", r"build(?:ing)? bridges", r"building blocks?", r"world at large", r"heart of",
    r"rising sun", r"marks an? (?:milestone|turning point|new era|new chapter)",
)  # fmt: skip
_PAST_FACT = _words(
    r"already", r"since \d{4}", r"last (?:year|month|week)", r"was", r"were", r"has been",
    r"have been", r"now", r"over the past", r"to date", r"so far",
)  # fmt: skip
_PERFECT = re.compile(r"\b(?:has|have|had)\s+(?:\w+ly\s+)?(?:been\s+)?\w+ed\b", re.IGNORECASE)
_FIRST_SINGULAR = re.compile(r"\b(?:I|my|me|mine)\b")
_FIRST_PLURAL = _words(r"we", r"our", r"ours", r"(?-i:us)(?! ?\$)")
# An imperative opening addresses the reader: "Think about ...", "Imagine ...".
_IMPERATIVE = re.compile(
    r"^[\"“‘'(]*(?:think|imagine|consider|look|remember|picture|note|let's|let us|ask)\b", re.IGNORECASE
)
_SMALL_WORDS = frozenset(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])

# A capitalised word, or a run of them joined by "of", "and", hyphens: "Bank of China".  "St.", "Mt." and "Ft."
# belong to the name after them ("St. Louis", "Mt. Everest"), and so does "Co." when it opens the name (a county:
# "Co. Cork"); a company's "Co." ends one ("Boeing Co.", "Eli Lilly and Co.").  "And" before a place's
# abbreviation joins two names, not the halves of one: "St. Louis and St. Paul", "Co. Kerry and Co. Cork".  A
# capital alone is a word of a name before another ("Ó Briain", "George W Bush"), and no name at its end.  A name
# ends where Chinese or Japanese, written without spaces, go on: "JR九州は".
_NAME_WORD = rf"{_CAPITAL}(?:(?:[^\W{segment.HAN}]|[’'-])*[^\W_{segment.HAN}]|(?=\s+{_CAPITAL}))"
_PLACE_ABBREVIATION = r"(?:St|Mt|Ft)\.\s+"
# After "and", another name: "St. Paul", and "Co. Cork" after a county ("Co. Kerry and Co. Cork"), not a company.
_OPENS_A_NAME = rf"(?:(?(county)Co\.\s+|(?!))|{_PLACE_ABBREVIATION}){_CAPITAL}"
_ENTITY = re.compile(
    rf"\b(?:(?P<county>Co\.\s+)|{_PLACE_ABBREVIATION})?{_NAME_WORD}"
    rf"(?:\s+(?:(?:of|for|the|de|al)\s+|and\s+(?!{_OPENS_A_NAME}))?(?:{_PLACE_ABBREVIATION})?{_NAME_WORD})*"
)
# Capitalised only because they start a sentence: the sentence starters, and a few more.
_NOT_ENTITIES = segment.SENTENCE_STARTERS | frozenset(
    "by through like one another additionally moreover furthermore for with from to of what "
    "who why how according some others other many most all no not every each both".split()
)
_FIRST_WORD = re.compile(r"^[\s\"“‘'(\[]*")


@dataclass(frozen=True)
class Scored:
    """A sentence's check-worthiness, the reasons for it, and its key facts."""

    score: float
    reasons: tuple[str, ...]
    facts: tuple[Fact, ...]


def _bare(word: str) -> str:
    return re.sub(r"(?:[’']s)$", "", word)


_CAPITALISED = re.compile(rf"\b{_CAPITAL}[\w’'-]*")


def known_names(sentences: Collection[str]) -> set[str]:
    """Capitalised words seen away from a sentence's start: the names of a text.

    A sentence's first word is capitalised whatever it is; it counts as a
    name only if the text also capitalises it elsewhere ("Kazakhstan, with
    its ...") and not if it does not ("Some residents say ...").
    """
    names: set[str] = set()
    for sentence in sentences:
        lead = _FIRST_WORD.match(sentence)
        body_start = lead.end() if lead else 0
        for m in _CAPITALISED.finditer(sentence):
            if m.start() > body_start:
                names.add(_bare(m.group()))
    return names


def entities(text: str, names: Collection[str] | None = None) -> list[str]:
    """Capitalised names in a sentence: a rough named-entity finder.

    The sentence's first word counts when it is in ``names`` (see
    ``known_names``) or is an acronym; without ``names``, only acronyms do.
    """
    found: dict[str, None] = {}  # in order, each once (a list's look-up would make a long list of names quadratic)
    lead = _FIRST_WORD.match(text)
    body_start = lead.end() if lead else 0
    for m in _ENTITY.finditer(text):
        words = m.group().split()
        if m.start() == body_start:
            first = _bare(words[0])
            # An abbreviation that opens a place's name ("St. Louis", "Co. Cork") names it wherever it stands.
            initial_name = (
                first.isupper() and len(first) > 1 or first.endswith(".") or (names is not None and first in names)
            )
            if first.lower() in _NOT_ENTITIES or not initial_name:
                words = words[1:]
        words = list(itertools.dropwhile(lambda w: w.lower() in _NOT_ENTITIES, words))
        if words:
            found[" ".join(words)] = None
    return list(found)


def _is_date_word(name: str, key_facts: tuple[Fact, ...]) -> bool:
    """Whether a capitalised word is just a month of a date ("May" in "May 18th")."""
    return any(f.kind == "date" and name in f.text.split() for f in key_facts)


def _fact_weight(key_facts: tuple[Fact, ...]) -> float:
    weight = 0.0
    seen: set[str] = set()
    for fact in key_facts:
        if fact.kind in seen:
            weight += _MORE_FACTS
        elif fact.kind == "number" and fact.text.lower() in _SMALL_WORDS:
            weight += _SMALL_WORD_NUMBER
        elif fact.kind == "number" and (abs(float(fact.value)) >= 100 or float(fact.value) % 1):
            weight += _STATISTIC
            seen.add(fact.kind)
        else:
            weight += _FACT_WEIGHTS[fact.kind]
            seen.add(fact.kind)
    return min(weight, _FACTS_CAP)


@dataclass(frozen=True)
class Reading:
    """What the rules read in one unit of text: its score and reasons, and the words behind each cue.

    ``cues`` maps a cue's name (one of ``features.CUES``) to the words and phrases that fired it,
    in the order found; a cue without words (a question, a heading) maps to ``()``.
    Cues that did not fire are absent.
    """

    score: float
    reasons: tuple[str, ...]
    facts: tuple[Fact, ...]
    cues: dict[str, tuple[str, ...]]


def score(text: str, kind: str = "sentence", names: Collection[str] | None = None) -> Scored:
    """The rules' check-worthiness of one sentence (or heading, or list item), with reasons and facts.

    ``names`` is the set of capitalised words of the whole text (``known_names``),
    which tells a name at the start of a sentence from a capitalised common word.
    """
    r = read(text, kind, names)
    return Scored(r.score, r.reasons, r.facts)


def read(text: str, kind: str = "sentence", names: Collection[str] | None = None) -> Reading:
    """The rules' score, reasons and key facts of one unit of text, and the words that fired each cue."""
    key_facts = tuple(_facts.extract(text))
    total = _BIAS
    plus: list[str] = []
    minus: list[str] = []
    fired: dict[str, tuple[str, ...]] = {}

    words = _tokens(text)
    lower = text.lower()

    def cue(name: str, pattern: _Cue, label: str, first: float, more: float, cap: float, show: int = 3) -> list[str]:
        nonlocal total
        hits = pattern.hits(text, words, lower)
        if hits:
            weight = min(first + more * (len(hits) - 1), cap)
            total += weight
            (plus if weight > 0 else minus).append(f"{label}: {', '.join(hits[:show])}")
            fired[name] = tuple(hits)
        return hits

    def flag(name: str, weight: float, label: str) -> None:
        nonlocal total
        total += weight
        minus.append(label)
        fired[name] = ()

    if key_facts:
        total += _fact_weight(key_facts)
        by_kind: dict[str, list[str]] = {}
        for fact in key_facts:
            by_kind.setdefault(fact.kind, []).append(fact.text)
        plus.extend(f"{k}: {', '.join(v)}" for k, v in by_kind.items())
    found_names = [n for n in entities(text, names) if not _is_date_word(n, key_facts)]
    if found_names:
        total += min(0.4 * len(found_names), 1.4)
        plus.append(f"named entities: {', '.join(found_names[:6])}")
        fired["entities"] = tuple(found_names)
    cue("record", _RECORD, "verbs of record", 0.9, 0.2, 1.3, show=4)
    cue("attribution", _ATTRIBUTION, "attributed", 0.3, 0.0, 0.3)
    cue("instrument", _INSTRUMENT, "concrete subject", 0.4, 0.0, 0.4)
    cue("comparison", _COMPARISON, "comparison", 0.5, 0.0, 0.5)
    past = _PAST_FACT.hits(text, words, lower) + [m.group().lower() for m in _PERFECT.finditer(text)]
    if past:
        total += 0.4
        plus.append(f"states what is or was: {', '.join(past[:3])}")
        fired["past"] = tuple(past)
    institutions = list(dict.fromkeys(m.group().lower() for m in _INSTITUTION.finditer(text)))
    if institutions:
        total += 0.4
        plus.append(f"names an institution or programme: {', '.join(institutions[:3])}")
        fired["institution"] = tuple(institutions)

    framing = cue("hedge", _HEDGE, "hedge or prediction", -0.6, -0.15, -1.05)
    framing += cue("evaluative", _OPINION, "evaluative", -0.3, -0.3, -1.0, show=4)
    framing += cue("rhetoric", _RHETORIC, "rhetoric or interpretation", -0.6, -0.6, -1.8)
    singular = [m.group() for m in _FIRST_SINGULAR.finditer(text)]
    if singular:
        # Each "I" makes the sentence more about the writer than about the world.
        total -= min(1.2 * len(singular), 2.4)
        minus.append(f"first person: {', '.join(dict.fromkeys(singular))}")
        fired["first_singular"] = tuple(singular)
    elif cue("first_plural", _FIRST_PLURAL, "first person plural", -0.8, 0.0, -0.8):
        pass
    stripped = text.rstrip()
    if stripped.rstrip("\"'”’)").endswith("?"):
        flag("question", -1.5, "question")
    if stripped.endswith("!"):
        flag("exclamation", -0.5, "exclamation")
    if _IMPERATIVE.match(text):
        flag("imperative", -1.0, "addresses the reader")
    if kind == "heading":
        flag("heading", -2.0, "a heading, not a sentence")
    elif segment.word_count(text) < 5:
        flag("short", -1.0, "too short to state a fact")

    value = round(1 / (1 + math.exp(-total)), 3)
    reasons = tuple(plus) + tuple(f"lowered by {r}" for r in minus)
    weighty = [f.text for f in key_facts if f.text.lower() not in _SMALL_WORDS]
    if weighty and framing and value >= MIN_SCORE:
        # Say outright why a hedged or evaluative sentence is still proposed.
        checkable = ", ".join(weighty[:3])
        reasons = (f"checkable despite the framing: {checkable}",) + reasons
    return Reading(value, reasons, key_facts, fired)


# What news copy says when it has nothing to say yet: that something is still being looked into, is not known, or
# that someone gave no answer.  "Harris said the cause of the fire was still under investigation.", "It was not
# immediately clear whether ...", "The company did not immediately respond to a request for comment."  The words
# are the same at every outlet, and the sentence states no finding to check: only that there is none yet.
_PENDING = re.compile(
    r"\b(?:remains?|remained|is|are|was|were)\s+(?:still\s+|currently\s+|now\s+)?under\s+investigation\b(?!\s+(?:as|for)\b)"
    r"|\b(?:investigations?|inquir(?:y|ies)|enquir(?:y|ies)|probes?)\b[^.;]{0,80}?\b(?:continues|continue|continued"
    r"|(?:is|are|was|were|remains?)\s+(?:still\s+)?(?:ongoing|continuing|under\s*way|at\s+an\s+early\s+stage))\b"
    r"|\bno\s+(?:immediate\s+)?(?:indication|word)\s+(?:that|of|on|as\s+to|yet)\b"
    r"|\b(?:(?:was|is|were|are)\s+not|wasn['’]t|isn['’]t|weren['’]t|aren['’]t)\s+"
    r"(?:immediately\s+(?:clear|known|available|released)|(?:yet\s+)?(?:clear|known))\b"
    r"|\b(?:has|have|had)\s+yet\s+to\s+(?:determine|decide|say|announce|confirm|establish|identify)\b"
    r"|\b(?:did\s+not|didn['’]t|could\s+not|couldn['’]t)\s+(?:immediately\s+)?(?:respond|reply|return)\b[^.;]{0,40}?"
    r"\b(?:requests?|messages?|calls?|emails?|comment)\b"
    r"|\bcould\s+not\s+(?:immediately\s+)?be\s+reached\b|\bdeclined\s+to\s+comment\b"
    r"|\b(?:has|have|had)\s+not\s+(?:yet\s+)?(?:said|decided|determined|announced|disclosed|confirmed)\s+(?:whether|if|what|how|why|when)\b",
    re.IGNORECASE,
)


# A clause joined to the pending one may state what is known: "The initial focus of the investigation was on an
# overloaded power strip, and the investigation is continuing.", "Though the blaze remains under investigation, it
# is not considered a suspicious fire."
_ANOTHER_CLAUSE = re.compile(r";|,\s+(?:and|but|so|yet)\b|\b(?:although|though|while|whereas|but)\b", re.IGNORECASE)


def pending(text: str) -> str | None:
    """What a sentence says is not known yet ("under investigation", "did not immediately respond to a request for
    comment"), when that is all it states: no key fact, no verb of record, and no other clause beside it; else None.

    "Police arrested a man, and the cause of the fire remains under investigation." reports an arrest, and
    "The cause, which destroyed 12 homes, is under investigation." a figure: neither is only pending.
    """
    found = _PENDING.search(text)
    if found is None or _ANOTHER_CLAUSE.search(text):
        return None
    reading = read(text)
    if reading.facts or "record" in reading.cues:
        return None
    return " ".join(found.group().split())
