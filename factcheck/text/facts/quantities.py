"""Reading quantities: a figure or a number in words with its sign, currency, scale, range,
unit, rate, bound and change ("about $2.4 billion", "rose by 3.1 ± 0.3 mm per year"), and
telling a quantity from a number that is part of a name ("Apollo 11", "No. 5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fact import TALLY, Fact
from .numerals import Number, read_figure
from .patterns import (
    AFTER,
    AGO,
    BARE_SCALE,
    CHANGE_AFTER,
    CURRENCY_BEFORE,
    FIG,
    GLUED_MULT,
    ID_BEFORE,
    ID_CONTINUES,
    LETTERS,
    OLD,
    ORD_SUFFIX,
    PER,
    PER_UNIT,
    PERCENT,
    PLUSMINUS,
    RANGE_JOIN,
    SHARED_UNIT,
    STREET,
    TALLY_JOIN,
    TALLY_NOUN,
    TIME_UNIT,
    TIMES,
    UNIT_SYMBOL,
    WORD_AFTER,
)
from .scanner import FactFields, Scanner
from .vocabulary import (
    APPROX_AFTER,
    LASTING,
    MONTHS,
    NOT_NAMES,
    SCALES,
    STOPWORDS,
    SYMBOLS,
    TALLY_BEFORE,
    TIME_UNITS,
    UNIT_NAMES,
    UNIT_SYMBOLS,
    convert,
    convertible,
)


@dataclass(slots=True)
class _Draft:
    """A quantity as far as it has been read: its first number, its span, its value (a range's
    low end) and the value of its last digit, and what the words around it have said so far."""

    first: Number
    first_at: int  # where the first number starts (``start`` may take in a sign or a currency)
    start: int
    end: int
    value: float
    step: float
    currency: str | None = None
    bound: str | None = None
    spread: float = 0.0
    plus_minus: bool = False
    in_between: bool = False  # "between 36% and 66%"
    from_before: bool = False  # "from 25 to 10 days": two values, not a range
    high: float | None = None
    high_step: float = 0.0
    kind: str | None = None
    unit: str | None = None
    per: str | None = None
    change: bool = False
    ago: bool = False

    def fields(self) -> FactFields:
        """What the fact records besides its kind, span, value, unit and currency."""
        extra: FactFields = {"precision": self.step, "high": self.high, "bound": self.bound, "per": self.per}
        if self.high is not None:
            extra["high_precision"] = self.high_step
        elif self.first.zeros:
            extra["zeros"] = self.first.zeros
        if self.spread:
            extra["spread"] = self.spread
        if self.ago:
            extra["ago"] = True
        if self.change and self.kind != "duration":
            extra["change"] = True  # a duration says how long a change took, not by how much
        return extra


class QuantityReader(Scanner):
    """Reads the quantities of a text."""

    def quantity(self, at: int) -> list[Fact]:
        """The quantity whose figure or number in words starts at ``at``, read step by step from
        what stands before it to what follows it; none when it is part of a name or not a quantity."""
        first = self.number(at)
        if first is None:
            return []
        q = _Draft(first, first_at=at, start=at, end=first.end, value=first.value, step=first.step)
        self.sign_before(q)
        self.currency_before(q)
        self.article_before(q)
        q.bound = self.approx_before(q.start)
        self.plus_minus(q)
        if not first.words and LETTERS.match(self.text, q.end):
            ordinal = self.glued_ordinal(q)
            if ordinal is not None:
                return [ordinal]
            if not self.glued_scale_or_unit(q):
                return []  # "3D", "5G": letters that make the figure a name
        q.in_between = self.preceded_by(q.start, "between")
        q.from_before = self.preceded_by(q.start, "from")
        self.range_of_figures(q)
        if not self.unit_of(q):
            return []
        self.range_with_units(q)
        self.rate(q)
        self.bound_after(q)
        q.change = self.is_change(q.start) or bool(CHANGE_AFTER.match(self.text, q.end))
        self.ago(q)
        self.over_a_period(q)
        return self.as_facts(q)

    def tally(self, at: int) -> Fact | None:
        """A tally: the two counts of a vote or a game ("passed on a 9-2 vote", "voted 52-48", "won 3-1", "by a
        vote of nine to two"), one fact, a ``number`` whose ``unit`` is ``"tally"``: ``value`` is the smaller
        count and ``high`` the larger, as which side is written first follows the sentence (Arsenal's 3-1 win
        is Chelsea's 1-3 defeat).  Two whole counts joined by a dash or "to", with a word that names the contest
        just before or after them; None for anything else ("from 9 to 2", "won 2-3 seats", "2-3%")."""
        text = self.text
        first = self.number(at)
        if first is None or not _count(text, at, first):
            return None
        join = TALLY_JOIN.match(text, first.end)
        if join is None:
            return None
        second = self.number(join.end(), words_ok=first.words)
        if second is None or second.words != first.words or not _count(text, join.end(), second):
            return None
        if _glued_letters(text, second.end) or self.unit(second.end, None, second.value)[0] is not None:
            return None  # "9-2a", "2-3%", "5-10 days": no tally
        if self.preceded_by(at, "from") or self.preceded_by(at, "between"):
            return None  # two values, or a range: "fell from 9 to 2"
        if not TALLY_NOUN.match(text, second.end):
            # A word before the counts names the contest ("voted 52-48", "beat Chelsea 3-1"), and no noun after
            # them says they count something else ("won 2-3 seats").
            words: list[str] = []
            for word in reversed(self.tail(at)[-4:]):
                if not word[0].isalpha() or word.endswith("."):
                    break  # the clause ends: "the vote, 9-2" speaks of something else
                words.append(word)
            after = WORD_AFTER.match(text, second.end)
            counted = after is not None and after.group("w").islower() and after.group("w") not in STOPWORDS
            if TALLY_BEFORE.isdisjoint(words) or counted:
                return None
        low, high = sorted((first.value, second.value))
        return self.make("number", at, second.end, low, unit=TALLY, precision=1.0, high=high, high_precision=1.0)

    def sign_before(self, q: _Draft) -> None:
        """A minus sign: "-3%", "−0.5 °C", "minus 5 degrees", but not "16-21" or "Chandrayaan-3"."""
        if q.first.words:
            return
        text, at = self.text, q.start
        if at > 0 and text[at - 1] in "-−" and (at == 1 or text[at - 2] in " (\t\n[/:"):
            q.value, q.start = -q.value, at - 1
        elif self.tail(at)[-1:] == ["minus"]:
            q.value = -q.value

    def currency_before(self, q: _Draft) -> None:
        """A currency symbol or code written before a figure: "$2.4", "US$ 300", "RMB 10", "Rs. 50"."""
        if q.first.words:
            return
        before = self.before(q.start, 5)
        cur = CURRENCY_BEFORE.search(before)
        if not cur:
            return
        sym = cur.group("sym") or cur.group("code")
        currency = SYMBOLS.get(sym) or ("INR" if sym.startswith("Rs") else sym.upper())
        q.currency = "CNY" if currency == "RMB" else currency
        q.start -= len(before) - cur.start()

    def article_before(self, q: _Draft) -> None:
        """The article of a scale word, which is part of the number: "a million", "an hundred"."""
        at = q.start
        if not q.first.words:
            return
        before = self.before(at, 4)
        article = re.search(r"\b(?P<a>a|an)\s+$", before, re.IGNORECASE)
        if article and self.text[at : q.first.end].split()[0].lower() in SCALES:
            q.start = at - (len(before) - article.start("a"))

    def plus_minus(self, q: _Draft) -> None:
        """An uncertainty written after the figure: "3.1 ± 0.3"."""
        pm = PLUSMINUS.match(self.text, q.end)
        if pm:
            q.spread, q.end, q.plus_minus = float(pm.group("u")), pm.end(), True

    def glued_ordinal(self, q: _Draft) -> Fact | None:
        """A rank written with its suffix glued to a whole figure: "21st", "the 20th century"."""
        text, end = self.text, q.end
        if not ORD_SUFFIX.match(text, end) or q.value != int(q.value) or q.first.scaled:
            return None
        letters = LETTERS.match(text, end)
        return self.rank(q.start, letters.end() if letters else end, q.value)

    def glued_scale_or_unit(self, q: _Draft) -> bool:
        """Whether the letters glued to a figure belong to the quantity: a scale after money
        ("$2.4bn", read here), a unit, a percent or "times" ("75cm", "1.5°C", "10x", read later);
        False for letters that make it a name ("3D", "5G")."""
        text, end = self.text, q.end
        glued = GLUED_MULT.match(text, end) if q.currency else None
        if glued:
            factor = {"k": 1e3, "m": 1e6, "b": 1e9, "bn": 1e9, "mn": 1e6, "tn": 1e12}[glued.group("m").lower()]
            q.value, q.step, q.end = q.value * factor, q.step * factor, glued.end()
            return True
        letters = LETTERS.match(text, end)
        suffix = letters.group() if letters else ""
        return bool(
            UNIT_SYMBOL.match(text, end)
            or PERCENT.match(text, end)
            or TIMES.match(text, end)
            or BARE_SCALE.match(text, end)
            or TIME_UNIT.match(text, end)
            or (suffix.lower() in ("m", "b") and q.currency)
        )

    def range_of_figures(self, q: _Draft) -> None:
        """A range written with two figures and one unit after them: "1.1 to 6.4", "16–21",
        "between 0.2 and 0.3 billion", "$2-3 billion" (whose scale both ends share)."""
        text, first = self.text, q.first
        join = RANGE_JOIN.match(text, q.end)
        if not join or q.from_before or q.plus_minus or (join.group("j").lower() == "and" and not q.in_between):
            return
        at2 = self.after_currency_symbol(q, join.end())
        if not (text[at2 : at2 + 1].isdigit() or first.words):
            return
        second = self.number(at2, words_ok=first.words)
        if second is None or second.words != first.words or _glued_letters(text, second.end):
            return
        low, top = q.value, second.value
        figure = FIG.match(text, at2)
        unscaled = read_figure(self.as_read(figure.group()))[0] if second.scaled and figure else 0.0
        if second.scaled and not first.scaled and unscaled:
            # "between 0.2 and 0.3 billion tons", "$2-3 billion": the scale is shared
            # (a second figure of 0, "0-0k", tells no scale: nothing to share)
            factor = second.value / unscaled
            low, q.step = low * factor, q.step * factor
        if low < top:
            q.value, q.high, q.high_step, q.end = low, top, second.step, second.end

    def after_currency_symbol(self, q: _Draft, at: int) -> int:
        """Where the second figure of a money range starts: after its own symbol ("$2–$3")."""
        if q.currency:
            sym = re.match(r"(?:US\$|\$|€|£|¥|₹)", self.text[at:])
            if sym:
                return at + sym.end()
        return at

    def unit_of(self, q: _Draft) -> bool:
        """The unit after the figure (or the range), and so the kind of quantity; a unit written
        once for two figures ("1.5 or 2 °C"); millions written "m" ("5m people"). False when
        what was read is not a quantity: "one" as a pronoun, degrees of latitude."""
        text, first = self.text, q.first
        kind, unit, end = self.unit(q.end, q.currency, q.value)
        if kind is None and q.high is None and not first.words:
            kind, unit = self.unit_shared_with_next(q)
        if kind is None and first.words and not first.scaled:
            tokens = text[q.first_at : first.end].lower().split()
            if tokens == ["one"] or tokens == ["zero"]:
                return False  # "one way to": a pronoun, not a count
        if kind == "loose":
            return False
        if kind == "million":
            q.value, q.step = q.value * 1e6, q.step * 1e6
            kind, unit, end = self.unit(end, q.currency, q.value)
        q.kind, q.unit, q.end = kind, unit, end
        return True

    def unit_shared_with_next(self, q: _Draft) -> tuple[str | None, str | None]:
        """The unit of the next figure, when one unit serves two: "1.5 or 2 °C", "from 25 to 10 days"."""
        shared = SHARED_UNIT.match(self.text, q.end)
        if shared and (shared.group("j").lower() != "to" or q.from_before):
            second = self.number(shared.end(), words_ok=False)
            if second is not None:
                kind, unit, _ = self.unit(second.end, None, second.value)
                if kind in ("measure", "percent", "duration"):
                    return kind, unit
        return None, None

    def range_with_units(self, q: _Draft) -> None:
        """A range with a unit on each end: "75 cm to 2 metres", "between 36% and 66%"."""
        text = self.text
        if q.kind not in ("measure", "percent", "duration", "money") or q.high is not None or q.from_before:
            return
        join = RANGE_JOIN.match(text, q.end)
        if not join or (join.group("j").lower() == "and" and not q.in_between):
            return
        follows = text[join.end() : join.end() + 1]
        if not (follows.isdigit() or (q.currency is not None and follows in "$€£¥₹")):
            return
        second = self.number(self.after_currency_symbol(q, join.end()), words_ok=False)
        if second is None:
            return
        kind2, unit2, end2 = self.unit(second.end, q.currency, second.value)
        if kind2 == q.kind and q.unit == "°" and unit2 in ("°C", "°F"):
            q.unit = unit2  # "between 0.1° and 1.5 °C"
        if kind2 == q.kind and (unit2 == q.unit or convertible(q.kind, q.unit, unit2)):
            converted = convert(q.kind, q.value, q.unit, unit2)
            if converted is not None and converted < second.value:
                q.step = q.step * abs(convert(q.kind, 1.0, q.unit, unit2) or 1.0)
                q.value, q.high, q.high_step, q.unit, q.end = converted, second.value, second.step, unit2, end2

    def rate(self, q: _Draft) -> None:
        """What a rate is per: a time unit ("3.1 mm per year", "12% a year", "annually") or a
        unit of measure ("11 cents/litre", "$80 a barrel")."""
        text = self.text
        p = PER.match(text, q.end)
        if (
            p
            and q.kind is not None
            and not (q.kind == "duration" and TIME_UNITS.get((p.group("p") or "year").lower()) == q.unit)
        ):
            word = (p.group("p") or "year").lower()
            q.per = {"y": "year", "annum": "year"}.get(word) or TIME_UNITS.get(word, "year")
            q.end = p.end()
        elif q.kind in ("money", "measure", "number", "percent") and (per_unit := PER_UNIT.match(text, q.end)):
            word = per_unit.group("u")
            q.per = UNIT_NAMES.get(word.lower()) or UNIT_SYMBOLS.get(word) or UNIT_SYMBOLS.get(word.lower(), word)
            q.end = per_unit.end()

    def bound_after(self, q: _Draft) -> None:
        """A bound written after the quantity: "400 ppm or more", "30 or so", "18+"."""
        text = self.text
        after = AFTER.match(text, q.end)
        if after and not (
            after.group("a") == "+" and (after.start("a") != q.end or text[after.end() : after.end() + 1].isalnum())
        ):
            q.bound = APPROX_AFTER[" ".join(after.group("a").lower().split())]
            q.end = after.end()

    def ago(self, q: _Draft) -> None:
        """A duration counted back from now: "10,000 years ago", "160 years before present"."""
        if q.kind == "duration":
            a = AGO.match(self.text, q.end)
            if a:
                q.ago, q.end = True, a.end()

    def over_a_period(self, q: _Draft) -> None:
        """ "Over" before a duration says across what period ("rose 5% over two years", "$1.5
        trillion over ten years"), not a bound -- unless a word before it says how long
        something is or lasted ("for over two years", "took over a decade"), or it is an age."""
        if q.kind != "duration" or q.bound != ">" or q.ago:
            return
        words = self.tail(q.start)
        if words[-1:] != ["over"] or (len(words) >= 2 and words[-2] in LASTING) or OLD.match(self.text, q.end):
            return
        q.bound = None

    def as_facts(self, q: _Draft) -> list[Fact]:
        """The fact read, by its kind; a bare figure that is part of a name is none."""
        extra = q.fields()
        start, end, value, kind, unit = q.start, q.end, q.value, q.kind, q.unit
        if kind is None:
            if not q.first.words and self.is_identifier(q.first_at, q.first):
                return []
            return [self.make("number", start, end, value, **extra)]
        if kind == "times":
            return [self.make("number", start, end, value, unit="times", **extra)]
        if kind == "money":
            if unit == "cents":  # "11 cents": hundredths of an unnamed currency
                extra["precision"] = q.step / 100
                if q.high is not None:
                    extra["high"], extra["high_precision"] = q.high / 100, q.high_step / 100
                return [self.make("money", start, end, value / 100, **extra)]
            return [self.make("money", start, end, value, currency=q.currency or unit, **extra)]
        return [self.make(kind, start, end, value, unit=unit, **extra)]

    def is_identifier(self, at: int, number: Number) -> bool:
        """Whether the figure at ``at`` is part of a name or an identifier, not a quantity."""
        text = self.text
        if self.last_identifier is not None and ID_CONTINUES.fullmatch(text, self.last_identifier, at):
            self.last_identifier = number.end
            return True  # "Category 3 or 4", "Articles 5 and 6"
        found = self.identifier(at, number)
        if found:
            self.last_identifier = number.end
        return found

    def identifier(self, at: int, number: Number) -> bool:
        text = self.text
        before = self.before(at, 12)
        if ID_BEFORE.search(before):
            return True  # "No. 5", "#3"
        if before.endswith("[") and text[number.end : number.end + 1] == "]":
            return True  # a reference mark: "[12]"
        if before.endswith(("/", "\\")) or text[number.end : number.end + 1] in ("/", ":"):
            return True  # "24/7", a ratio "3:1"
        word = self.word_before(at)
        if word and not number.scaled:  # a name carries no scale word: "Costó 2400 millones" is an amount
            name = word.rstrip(".")
            if (
                (name[:1].isupper() or any(c.isupper() for c in name[1:]))
                and name.lower() not in NOT_NAMES
                and name.lower() not in MONTHS
                and name not in UNIT_SYMBOLS
            ):
                start_of_word = self.text.rfind(word, 0, at)
                if not (self.at_sentence_start(start_of_word) and name.lower() in STOPWORDS):
                    return True  # "Apollo 11", "Launch Complex 34", "Chang'e 4", "Article 5", "CO 2"
        if STREET.match(text, number.end):
            return True  # "10 Downing Street"
        return False


def _count(text: str, at: int, number: Number) -> bool:
    """Whether a number read at ``at`` is a whole count as a tally writes it: "52", "nine", not "2.5" or "2,000"."""
    if number.scaled or number.value > 9999 or number.value != int(number.value):
        return False
    return number.words or text[at : number.end].isdigit()


def _glued_letters(text: str, at: int) -> bool:
    return bool(LETTERS.match(text, at))
