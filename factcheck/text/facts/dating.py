"""Reading dates and times of day: ISO dates, "18 May 2023", "October 2021", "6 مارس 2026", a month alone ("in
November"), years and periods of years ("1998–2012", "the 1970s"), "9:32 a.m.", each with its role
in the sentence.
"""

from __future__ import annotations

from .dates import date_interval, date_string
from .fact import Fact
from .patterns import (
    CHANGE_WORD,
    CLOCK,
    CUR_WORD,
    CURRENCY_BEFORE,
    DATE_JOIN,
    DATE_PREFIX,
    DMY,
    DMY_ABROAD,
    ID_BEFORE,
    ISO,
    MDY,
    MONTH_BEFORE_YEAR,
    MONTH_NAME,
    MULT,
    PERCENT,
    SUBJECT_VERB,
    TIME_UNIT,
    UNIT_NAME,
    UNIT_SYMBOL,
    WIRE_CLOCK,
    YEAR,
    YEAR_RANGE,
)
from .scanner import Scanner
from .vocabulary import (
    AGENT_PARTICIPLES,
    DATE_PREPOSITIONS,
    DATE_SKIP,
    MONTH_BEFORE,
    MONTHS,
    MONTHS_ABROAD,
    MONTHS_ARABIC_HINDI,
    PERSON_BEFORE_FOR,
    ROLES,
    TIMING_PARTICIPLES,
)


class DateReader(Scanner):
    """Reads the dates and times of day of a text."""

    def iso_date(self, at: int, alone: bool = False) -> Fact | None:
        m = ISO.match(self.text, at)
        if not m:
            return None
        if not m.group("d") and int(m.group("m")) == (int(m.group("y")) + 1) % 100:
            return None  # "2009-10" is a season, 2009 to 2010, not October 2009
        value = date_string(int(m.group("y")), int(m.group("m")), int(m.group("d")) if m.group("d") else None)
        if value is None or not 1000 <= int(m.group("y")) <= 2199:
            return None
        return self.make("date", at, m.end(), value) if alone else self.dated(at, m.end(), value)

    def dmy_date(self, at: int, alone: bool = False) -> Fact | None:
        m = DMY.match(self.text, at)
        if not m:
            return self._dmy_abroad(at, alone)
        month = m.group("m")
        if month.lower() in ("may", "march") and not month[0].isupper():
            return None
        if len(month) <= 3 and month.lower() != "may" and not month[0].isupper():
            return None
        year = int(m.group("y")) if m.group("y") else None
        value = date_string(year, MONTHS[month.lower()], int(m.group("d")))
        if value is None:
            return None
        end = m.end()
        if not m.group("y") and self.text[end - 1 : end] == ".":
            end -= 1
        return self.make("date", at, end, value) if alone else self.dated(at, end, value)

    def _dmy_abroad(self, at: int, alone: bool) -> Fact | None:
        m = DMY_ABROAD.match(self.text, at)
        if not m:
            return None
        year = int(m.group("y")) if m.group("y") else None
        value = date_string(year, MONTHS_ABROAD[m.group("m").lower()], int(m.group("d")))
        if value is None:
            return None
        return self.make("date", at, m.end(), value) if alone else self.dated(at, m.end(), value)

    def at_month(self, at: int, alone: bool = False) -> list[Fact]:
        m = MDY.match(self.text, at)
        if not m:
            return self.month_alone(at, alone)
        month = m.group("m")
        if month.lower() in ("may", "march") and not month[0].isupper():
            return []  # "may" and "march" are verbs too
        if len(month) <= 4 and not month[0].isupper():
            return []
        year = m.group("y") or m.group("yo")
        day = int(m.group("d")) if m.group("d") else None
        value = date_string(int(year) if year else None, MONTHS[month.lower()], day)
        if value is None:
            return []
        return [self.make("date", at, m.end(), value) if alone else self.dated(at, m.end(), value)]

    def month_alone(self, at: int, ends_period: bool) -> list[Fact]:
        """A month with no day or year: "in November", "last March", "by September", "from March to May", a date
        of month precision ("--11").  Only its full name, capitalised, after a word that dates what the sentence
        says (``MONTH_BEFORE``, "early", "mid", "late"), opening a sentence ("November's figures show ...", but
        not "May", which opens one as a verb or a name far more often) or ending a period, and with no capitalised
        word after it: "you may", "Theresa May", "March Madness" and "April Ryan" hold no month; nor does "May"
        the person ("a deal struck by May", "after May said": ``names_may``)."""
        m = MONTH_NAME.match(self.text, at)
        if not m or (m.group() == "May" and self.names_may(at)):
            return []
        words = self.after_skipping(at, DATE_SKIP)
        opens = m.group() != "May" and self.at_sentence_start(at)  # "March saw a 3% rise."; "May said ..." is a name
        if not (
            ends_period or opens or (words and words[-1] in MONTH_BEFORE) or DATE_PREFIX.search(self.before(at, 8))
        ):
            return []
        value = f"--{MONTHS[m.group().lower().rstrip('.')]:02d}"
        return [self.make("date", at, m.end(), value) if ends_period else self.dated(at, m.end(), value)]

    def names_may(self, at: int) -> bool:
        """Whether the "May" at ``at`` is the person: an agent after a past participle and "by" ("struck by
        May", "chaired by May"), whom a blow or a backing is "for" ("a setback for May"), or the subject of a
        verb after a conjunction ("after May said", "since May took office")."""
        words = self.tail(at)
        if words[-1:] and words[-1] in ("after", "before", "since", "until", "till"):
            return bool(SUBJECT_VERB.match(self.text, at + 3))
        if len(words) < 2 or words[-1] not in ("by", "for"):
            return False
        before = words[-2]
        if words[-1] == "for":
            return before in PERSON_BEFORE_FOR
        if before in TIMING_PARTICIPLES or CHANGE_WORD.fullmatch(before):
            return False
        participle = before in AGENT_PARTICIPLES or (before.endswith("ed") and len(before) > 3)
        return participle and (len(words) < 3 or words[-3] not in ("be", "have", "has", "had"))

    def clock(self, at: int) -> Fact | None:
        m = CLOCK.match(self.text, at)
        if not m or not (m.group("mi") or m.group("ap")):
            m = WIRE_CLOCK.match(self.text, at)  # "10 a.m. (1500 GMT)": 15:00 in GMT, not the number 1500
            if not m:
                return None
            minutes = float(int(m.group("h")) * 60 + int(m.group("mi")))
            return self.make("time", at, m.end(), minutes, unit=m.group("tz"), precision=1.0)
        if m.group("sep") == "." and not m.group("ap"):
            return None  # "9.32" is a decimal unless "a.m." follows
        hour, minute = int(m.group("h")), int(m.group("mi") or 0)
        ap = (m.group("ap") or "").lower()
        if minute >= 60 or hour > 24 or (ap and not 1 <= hour <= 12):
            return None
        if ap == "p" and hour != 12:
            hour += 12
        elif ap == "a" and hour == 12:
            hour = 0
        zone = m.group("tz") or None
        step = 1.0 if m.group("mi") else 60.0
        bound = self.approx_before(at)
        return self.make("time", at, m.end(), float(hour * 60 + minute), unit=zone, precision=step, bound=bound)

    def year(self, at: int) -> Fact | None:
        """A year ("1992", "the 1970s", "mid-2018"), or a period of years ("1998–2012", "between 1990 and 2100")."""
        text = self.text
        m = YEAR.match(text, at)
        if not m:
            return None
        year = int(m.group("y"))
        end = m.end()
        # "2000 km", "1500 tonnes", "2000 scientists?" -- a unit makes it a quantity
        after = text[end : end + 24]
        if not m.group("s") and (
            TIME_UNIT.match(after)
            or UNIT_NAME.match(after)
            or UNIT_SYMBOL.match(after)
            or PERCENT.match(after)
            or MULT.match(after)
            or (CUR_WORD.match(after) and self.tail(at)[-1:] not in (["in"], ["constant"], ["real"]))
        ):
            return None  # "2000 km", "1500 tonnes", "2000 dollars" -- but "in 2005 dollars" is a year
        if CURRENCY_BEFORE.search(self.before(at, 5)):
            return None
        before = self.before(at, 12)
        word = self.word_before(at)
        prep = word.lower().rstrip(".") if word else ""
        if not (
            1800 <= year <= 2100 or (1000 <= year < 1800 and (prep in DATE_PREPOSITIONS or YEAR_RANGE.match(text, end)))
        ):
            return None
        if ID_BEFORE.search(before):
            return None
        low, high = year, None
        if m.group("s"):  # "the 1970s"
            if year % 10:
                return None
            high = year + 9
        r = YEAR_RANGE.match(text, end)
        if r:
            join = r.group("j").lower()
            other = int(r.group("y"))
            if len(r.group("y")) < 4:  # "2019–28", "2008-9": the last digits of a later year
                scale = 10 ** len(r.group("y"))
                other = (year // scale) * scale + other if join in "–—‒-/" else -1
            ok = (join != "and" or self.preceded_by(at, "between")) and low < other <= 2199 and other - low < 1000
            if ok and r.group("s"):
                if other % 10:
                    ok = False
                else:
                    other += 9
            if ok:
                high, end = other, r.end()
        month = None if high or m.group("s") else MONTH_BEFORE_YEAR.search(text, max(0, at - 24), at)
        if month:  # "مارس 2026", "मार्च 2026": the month is read from where its name starts
            return self.dated(month.start(), end, f"{low}-{MONTHS_ARABIC_HINDI[month.group('m')]:02d}")
        value = f"{low}" if high is None else f"{low}/{high}"
        return self.dated(at, end, value, period=high is not None and not m.group("s"))

    def dated(self, at: int, end: int, value: str, period: bool = False) -> Fact:
        """A date fact, with its role in the sentence: the start of a period ("since 1880", "from
        1850"), its end ("until 2007"), a deadline ("by 2100", "before 1990"), a lower bound ("after
        2000", "post-2000"), or a citation ("IPCC (2013)"); approximate ("around 1990", "mid-2018")
        or not. "18 May to 21 May" is a period."""
        text = self.text
        if "/" not in value and not value.isdigit():
            join = DATE_JOIN.match(text, end)
            if join:
                other = self.iso_date(join.end(), alone=True) or self.dmy_date(join.end(), alone=True)
                if other is None:
                    months = self.at_month(join.end(), alone=True)
                    other = months[0] if months else None
                if other is not None and "/" not in str(other.value) and len(str(other.value)) == len(value):
                    a, b = date_interval(value), date_interval(str(other.value))
                    if a and b and a[0] < b[0]:
                        value, end, period = f"{value}/{other.value}", other.end, True
        before = self.before(at, 4)
        role = None
        if not period:
            words = self.after_skipping(at, DATE_SKIP)
            if words and words[-1] in ROLES:
                role = ROLES[words[-1]]
            elif len(words) >= 2 and words[-1] == "in" and words[-2] in ("starting", "beginning"):
                role = "start"
            elif len(words) >= 2 and words[-1] == "to" and words[-2] == "up":
                role = "by"
            elif before.rstrip().endswith("(") and text[end : end + 2].lstrip().startswith(")") and len(value) == 4:
                role = "cite"  # "IPCC (2013)", "(2005), where ..."
        approx = self.approx_before(at) in ("~", "~<", "~>") or bool(DATE_PREFIX.search(self.before(at, 8)))
        return self.make("date", at, end, value, bound="~" if approx else None, role=role)
