"""Key facts: the numbers, money, percentages, durations and dates of a text.

``extract`` finds them with their character spans and normalised values, so
that ``compare`` can tell whether a claim's facts agree with an evidence
passage even when the wording differs ("$2.4 billion" = "2.4bn dollars",
"October 2021" = "Oct. 2021") and catch a mismatch that a fuzzy text score
would wave through ("$2.4 billion" against "$2.6 billion").

Values:

- ``number``, ``money``, ``percent``: a float (``money`` also has a
  ``currency`` such as ``"USD"``, or None when the text names none;
  ``percent`` is in percent, so "1.5%" is 1.5);
- ``duration``: a float and a ``unit`` ("day", "week", "month", "year",
  "decade", ...), e.g. "10 days" is (10.0, "day");
- ``date``: an ISO 8601-like partial date string: "1992", "2021-10",
  "2023-05-18", or "--05-18" for a month and day without a year.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

KINDS = ("number", "money", "percent", "duration", "date")


@dataclass(frozen=True)
class Fact:
    """One key fact: what kind, the text as written, its span and its normalised value."""

    kind: str
    text: str
    start: int
    end: int
    value: float | str
    unit: str | None = None  # durations: "day", "year", ...
    currency: str | None = None  # money: "USD", "EUR", ... or None when unnamed
    precision: float = 0.0  # the value of the last written digit: "2.4 billion" -> 1e8

    def key(self) -> tuple[str, object, str | None]:
        """A hashable identity of the value: facts with equal keys say the same thing."""
        if self.kind == "duration":
            return (self.kind, round(_in_days(self), 6), None)
        if self.kind == "date":
            return (self.kind, self.value, None)
        return (self.kind, round(float(self.value), 9), self.currency)

    def describe(self) -> str:
        """A short human form of the normalised value, e.g. ``2.4e9 USD`` or ``10 day``."""
        if self.kind == "date":
            return str(self.value)
        value = float(self.value)
        shown = f"{value:g}"
        if self.kind == "money":
            return f"{shown} {self.currency}" if self.currency else shown
        if self.kind == "percent":
            return f"{shown}%"
        if self.kind == "duration":
            return f"{shown} {self.unit}"
        return shown


# --- vocabulary -----------------------------------------------------------------

_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "dozen": 12, "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
# Scale words and abbreviations that may follow a figure: "2.4 billion", "2.4bn", "$5m".
_MULTIPLIERS = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
_SYMBOLS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₸": "KZT", "₽": "RUB"}
_CODES = ("USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "KZT", "RUB", "PKR", "CHF", "AUD", "CAD")
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP",
    "pounds": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "tenge": "KZT", "rouble": "RUB", "roubles": "RUB",
    "ruble": "RUB", "rubles": "RUB",
}  # fmt: skip
_UNITS = {
    "second": "second", "minute": "minute", "hour": "hour", "day": "day", "week": "week",
    "fortnight": "fortnight", "month": "month", "year": "year", "decade": "decade",
    "century": "century", "centuries": "century", "millennium": "millennium",
    "millennia": "millennium", "yr": "year", "yrs": "year", "hr": "hour", "hrs": "hour",
    "min": "minute", "mins": "minute", "wk": "week", "wks": "week",
}  # fmt: skip
_DAYS_PER_UNIT = {
    "second": 1 / 86400, "minute": 1 / 1440, "hour": 1 / 24, "day": 1.0, "week": 7.0,
    "fortnight": 14.0, "month": 365.25 / 12, "year": 365.25, "decade": 3652.5,
    "century": 36525.0, "millennium": 365250.0,
}  # fmt: skip
_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# --- patterns -------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so "millennia" is not read as "millennium"'s prefix, etc.
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_WORD = _alternation(list(_SMALL) + list(_SCALES))
# A number in words: "three", "twenty-five", "one hundred and twenty", "two million".
_WORDS = rf"(?:(?:a|an)\s+)?(?:{_WORD})(?:(?:\s+and\s+|[\s-]+)(?:{_WORD}))*"
# A figure: "1,234.5", "2.4", "-3", ".5"; thousands separators must group by three.
_FIGURE = r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-−]?\.\d+"
_NUM = rf"(?:(?P<fig>{_FIGURE})|(?P<words>{_WORDS}))"
_MULT = rf"(?:\s*(?P<mult>{_alternation(_MULTIPLIERS)})\b)"
_SYMBOL = _alternation(_SYMBOLS)
_CODE = _alternation(_CODES)
_CUR_WORD = _alternation(_CURRENCY_WORDS)
_UNIT = _alternation(_UNITS)
_MONTH = _alternation(_MONTHS)

_FLAGS = re.IGNORECASE

_MONEY_PREFIX = re.compile(rf"(?<![\w$])(?P<cur>{_SYMBOL}|\b(?:{_CODE})\s?)\s?(?P<fig>{_FIGURE})(?:{_MULT})?", _FLAGS)
_MONEY_SUFFIX = re.compile(
    rf"(?<![\w.,])(?:(?P<fig>{_FIGURE})|(?P<words>\b{_WORDS}))(?:{_MULT})?\s*(?P<cur>\b(?:{_CUR_WORD}|{_CODE}))\b",
    _FLAGS,
)
_PERCENT = re.compile(
    rf"(?<![\w.,])(?:(?P<fig>{_FIGURE})|(?P<words>\b{_WORDS}))\s*(?:%|\s(?:per\s?cent|percent)\b)", _FLAGS
)
_DURATION = re.compile(
    rf"(?<![\w.,])(?:(?P<fig>{_FIGURE})|(?P<words>\b{_WORDS}))(?:\s+|-)(?P<unit>{_UNIT})s?\b", _FLAGS
)
_ORD = r"(?:st|nd|rd|th)?"
# "May 18th", "May 18, 2023", "October 2021", "Oct. 2021"
_DATE_MDY = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?:(?P<day>\d{{1,2}}){_ORD}\b(?:,?\s+(?P<year>\d{{4}})\b)?|(?P<yearonly>\d{{4}})\b)",
    _FLAGS,
)
# "18 May 2023", "18th of May", "3 January 1992"
_DATE_DMY = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<month>{_MONTH})\b(?:\.?,?\s+(?P<year>\d{{4}})\b)?", _FLAGS
)
_DATE_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})(?:-(?P<day>\d{2}))?\b")
_YEAR = re.compile(r"(?<![\w$€£¥.,-])(?P<year>1[89]\d\d|20\d\d)(?![\w%]|[.,]\d)")
_NUMBER = re.compile(rf"(?<![\w.,])(?:(?P<fig>{_FIGURE})|(?P<words>\b{_WORDS}\b))(?:{_MULT})?(?!\w)", _FLAGS)


_NUMBER_WORDS = frozenset(_SMALL) | frozenset(_SCALES)
_DIGIT = re.compile(r"\d")

# --- reading values -------------------------------------------------------------


def parse_words(words: str) -> float | None:
    """The value of a number written in words ("twenty-five", "two hundred thousand"), or None."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if tokens and tokens[0] in ("a", "an"):
        tokens[0] = "one"
    if not tokens:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for token in tokens:
        if token in _SMALL:
            current += _SMALL[token]
            seen = True
        elif token in ("hundred", "dozen"):
            current = (current or 1) * (100 if token == "hundred" else 12)
            seen = True
        elif token in _SCALES:  # thousand and up
            total += (current or 1) * _SCALES[token]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def _figure(fig: str) -> tuple[float, float]:
    """A written figure's value and the value of its last digit ("2.40" -> (2.4, 0.01))."""
    clean = fig.replace(",", "").replace("−", "-")
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return float(clean), 10.0**-decimals


def _amount(match: re.Match[str]) -> tuple[float, float] | None:
    groups = match.groupdict()
    if groups.get("fig"):
        value, step = _figure(groups["fig"])
    elif groups.get("words"):
        parsed = parse_words(groups["words"])
        if parsed is None:
            return None
        value, step = parsed, 1.0
    else:
        return None
    mult = groups.get("mult")
    if mult:
        factor = _MULTIPLIERS[mult.lower()]
        value, step = value * factor, step * factor
    return value, step


def _is_loose_word_number(words: str | None, tail: str) -> bool:
    """Whether a number in words is too vague to be a fact on its own.

    "one" and "a"/"an" are more often pronouns and articles ("one way to",
    "a dozen reasons" aside) than counts, so alone they count only when a
    scale follows ("one million", "a thousand").
    """
    if not words:
        return False
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t]
    if tokens[0] in ("a", "an") and len(tokens) == 1:
        return True
    return tokens in (["one"], ["a", "one"]) and not tail.strip()


def _date(year: str | None, month: int | None, day: str | None) -> str | None:
    if day is not None:
        d = int(day)
        if not 1 <= d <= 31:
            return None
    if month is not None and not 1 <= month <= 12:
        return None
    if year and month and day:
        return f"{year}-{month:02d}-{int(day):02d}"
    if year and month:
        return f"{year}-{month:02d}"
    if month and day:
        return f"--{month:02d}-{int(day):02d}"
    return year


# --- extraction -----------------------------------------------------------------


def extract(text: str) -> list[Fact]:
    """All key facts of ``text``, in order, none overlapping another.

    More specific readings win: a date beats the number inside it, money
    and percentages beat a bare number, and a year is a date, not a number.
    """
    if not _DIGIT.search(text) and _NUMBER_WORDS.isdisjoint(re.findall(r"[a-z]+", text.lower())):
        return []  # the common case in prose, and the patterns below are not cheap
    taken: list[tuple[int, int]] = []
    facts: list[Fact] = []

    def free(start: int, end: int) -> bool:
        return all(end <= s or start >= e for s, e in taken)

    def add(fact: Fact) -> None:
        taken.append((fact.start, fact.end))
        facts.append(fact)

    for fact in _dates(text):
        if free(fact.start, fact.end):
            add(fact)
    for pattern in (_MONEY_PREFIX, _MONEY_SUFFIX):
        for m in pattern.finditer(text):
            start, end = _trimmed(text, m.start(), m.end())
            amount = _amount(m)
            if amount is None or not free(start, end):
                continue
            cur = m.group("cur").strip()
            currency = _SYMBOLS.get(cur) or _CURRENCY_WORDS.get(cur.lower()) or cur.upper()
            currency = "CNY" if currency == "RMB" else currency
            add(Fact("money", text[start:end], start, end, amount[0], currency=currency, precision=amount[1]))
    for m in _PERCENT.finditer(text):
        amount = _amount(m)
        start, end = _trimmed(text, m.start(), m.end())
        if amount is not None and free(start, end):
            add(Fact("percent", text[start:end], start, end, amount[0], precision=amount[1]))
    for m in _DURATION.finditer(text):
        amount = _amount(m)
        start, end = _trimmed(text, m.start(), m.end())
        if amount is None or not free(start, end):
            continue
        if m.group("words") and m.group("words").lower() in ("a", "an"):
            continue
        unit = _UNITS[m.group("unit").lower()]
        add(Fact("duration", text[start:end], start, end, amount[0], unit=unit, precision=amount[1]))
    for m in _NUMBER.finditer(text):
        start, end = _trimmed(text, m.start(), m.end())
        if not free(start, end) or _is_loose_word_number(m.group("words"), m.group("mult") or ""):
            continue
        amount = _amount(m)
        if amount is None:
            continue
        add(Fact("number", text[start:end], start, end, amount[0], precision=amount[1]))
    facts.sort(key=lambda f: f.start)
    return facts


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _dates(text: str) -> list[Fact]:
    """Every date reading, the longest winning where two overlap ("18 May 2023" over "May 2023")."""
    found: list[Fact] = []
    for m in _DATE_ISO.finditer(text):
        value = _date(m.group("year"), int(m.group("month")), m.group("day"))
        if value:
            found.append(Fact("date", m.group(), m.start(), m.end(), value))
    for pattern in (_DATE_MDY, _DATE_DMY):
        for m in pattern.finditer(text):
            month_word = m.group("month")
            # "may" and "march" are verbs too: months only when capitalised.
            if month_word.lower() in ("may", "march") and not month_word[0].isupper():
                continue
            groups = m.groupdict()
            year = groups.get("year") or groups.get("yearonly")
            value = _date(year, _MONTHS[month_word.lower()], groups.get("day"))
            if value:
                found.append(Fact("date", m.group(), m.start(), m.end(), value))
    for m in _YEAR.finditer(text):
        found.append(Fact("date", m.group(), m.start(), m.end(), m.group("year")))
    found.sort(key=lambda f: (f.start - f.end, f.start))
    return found


# --- comparison -----------------------------------------------------------------

AGREES, DISAGREES, MISSING = "agrees", "disagrees", "missing"


def _in_days(fact: Fact) -> float:
    return float(fact.value) * _DAYS_PER_UNIT.get(fact.unit or "day", 1.0)


def _date_parts(value: str) -> dict[str, str]:
    if value.startswith("--"):
        month, day = value[2:].split("-")
        return {"month": month, "day": day}
    parts = value.split("-")
    return dict(zip(("year", "month", "day"), parts))


def _comparable(a: Fact, b: Fact) -> bool:
    """Whether two facts speak of the same kind of quantity, so that they can disagree."""
    if a.kind == "date" or b.kind == "date":
        if a.kind != b.kind:
            return False
        return bool(set(_date_parts(str(a.value))) & set(_date_parts(str(b.value))))
    if a.kind == "money" and b.kind == "money":
        return a.currency is None or b.currency is None or a.currency == b.currency
    return a.kind == b.kind


def _same(claim: Fact, found: Fact) -> bool:
    """Whether ``found`` says what ``claim`` says, to the precision the claim was written with."""
    if claim.kind == "date":
        a, b = _date_parts(str(claim.value)), _date_parts(str(found.value))
        return all(a[k] == b[k] for k in set(a) & set(b))
    if claim.kind == "duration":
        x, y = _in_days(claim), _in_days(found)
        step = claim.precision * _DAYS_PER_UNIT.get(claim.unit or "day", 1.0)
    else:
        x, y = float(claim.value), float(found.value)
        step = claim.precision
    # Half a unit of the claim's last digit: "$2.4 billion" agrees with
    # "$2,412 million" (which rounds to it) but not with "$2.6 billion".
    return math.isclose(x, y, rel_tol=1e-9) or abs(x - y) <= step / 2 + 1e-12 * max(abs(x), 1.0)


def _distance(a: Fact, b: Fact) -> float:
    if a.kind == "date":
        return 0.0
    x = _in_days(a) if a.kind == "duration" else float(a.value)
    y = _in_days(b) if b.kind == "duration" else float(b.value)
    return abs(x - y) / max(abs(x), abs(y), 1e-9)


def compare(claim_facts: Sequence[Fact], passage_facts: Sequence[Fact]) -> list[tuple[Fact, str, Fact | None]]:
    """For each of a claim's facts: does the passage say the same ("agrees"), something else
    of the same kind ("disagrees", with the closest such fact), or nothing of that kind
    ("missing")?

    A money amount also agrees with a bare number of the same value ("2.4 billion"
    in a passage that named the currency elsewhere).
    """
    results: list[tuple[Fact, str, Fact | None]] = []
    for fact in claim_facts:
        same_kind = [p for p in passage_facts if _comparable(fact, p)]
        loose = [p for p in passage_facts if fact.kind == "money" and p.kind == "number"]
        match = next((p for p in same_kind + loose if _same(fact, p)), None)
        if match is not None:
            results.append((fact, AGREES, match))
        elif same_kind:
            closest = min(same_kind, key=lambda p: _distance(fact, p))
            results.append((fact, DISAGREES, closest))
        else:
            results.append((fact, MISSING, None))
    return results
