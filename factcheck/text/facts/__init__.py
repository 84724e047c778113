"""Key facts: the quantities, dates and times of a text, and how a claim's compare with a source's.

``extract(text)`` finds the key facts of a text with their character spans and
normalised values. ``align(claim_text, claim_facts, passage_text, passage_facts)``
pairs each of a claim's facts with at most one fact of the passage that speaks of
the same thing, and says whether the pair agrees, disagrees, or is vaguer (the
passage allows the claim's value without stating it: "by 2040" for 2013, "1.5 to
4.5 °C" for 1.5 °C), or whether the claim fact has no partner (missing). A source
contradicts a claim only through a disagreeing pair, never through a missing or
vaguer one; it confirms a figure only through an agreeing one.

Kinds and values (``Fact.value``):

- ``number``: a count or a bare figure (float); ``unit`` is None, ``"times"``
  for "three times", "10-fold", or ``"tally"`` for the two counts of a vote or a
  game ("passed on a 9-2 vote", "voted 52-48", "won 3-1", "by a vote of nine to
  two"): one fact, ``value`` the smaller count and ``high`` the larger, so that
  "9-2", "9 to 2", "nine to two" and "2-9" agree and "8-3" disagrees;
- ``money``: a float, with ``currency`` ("USD", ...) or None when the text names none;
- ``percent``: a float in percent ("1.5%" is 1.5); ``unit`` is ``"pp"`` for
  percentage points; "two-thirds of" is a percent too (about 66.7);
- ``measure``: a float in the unit as written, ``unit`` its symbol ("m", "kg",
  "°C", "ppm", "km²", "GW", ...): "110.6 metres" is (110.6, "m");
- ``duration``: a float and a time ``unit`` ("day", "year", ...);
- ``date``: an ISO 8601-like string: "1992", "2021-10", "2023-05-18", "--05-18"
  (a day without a year), "--11" (a month alone: "in November", "by September";
  only after a word that dates or opening a sentence ("March saw a rise"), so
  "you may", "March Madness" and the person in "a deal struck by May" are none), and
  intervals "1998/2012" ("1998–2012", "between 1998 and 2012"; "the 1970s" is
  "1970/1979");
- ``time``: a time of day in minutes after midnight (float), ``unit`` the time
  zone when written ("UTC"): "9:32 a.m." is 572.0, wire copy's "1500 GMT" is
  900.0 in "GMT"; a time given again in another zone ("10 a.m. (1500 GMT)",
  "5 p.m. Eastern (2100 GMT)") restates the one before it, as a measure in
  other units does, and the two count as one;
- ``ordinal``: a float ("21st" is 21.0), ``unit`` the word it ranks ("largest"). A rank
  is read (it makes a sentence worth checking) but it is no key fact: ``align`` leaves it
  out (``KEY_KINDS``, ``Fact.is_key``). A century is a date: "the 20th century" is "1901/2000".

A range ("1.1 to 6.4 °C", "between 36% and 66%") is one fact: ``value`` is its
low end and ``high`` its high end. ``bound`` records an approximation or a
bound written with the figure: "~" (about, around, roughly, some ...), "<"
(less than, up to, under, at most ...), ">" (more than, over, at least ...),
"~<" (nearly, almost, just under), "~>" (just over); for dates only "~"
("around 1990", "mid-2018"). ``per`` is what a rate is per: a time unit ("3.1 mm
per year": "year") or a unit of measure ("11 cents/litre": "L"). ``change`` is
true for a change rather than a level ("rose by 3%", "a 25% increase", "0.9 °C
warmer"); ``ago`` for a duration counted back from now ("10,000 years ago");
``role`` says what a date is to its sentence: "start" ("since 1880", "from 1850"),
"end" ("until 2007"), "by" ("by 2100", "before 1990"), "after" ("after 2000",
"post-2000"), "cite" ("IPCC (2013)"), or None. ``precision`` is the value of the
last written digit ("2.40" -> 0.01; "2.4 billion" -> 1e8); a range's high end has
its own; ``zeros`` counts the zeros that end a whole figure ("$800 billion": 2).
A rate and a total, a date's start and its end are never compared with each other;
a level and a change agree when they are the same amount, and never disagree.

How two figures compare (rounding, hedges, bounds, spans of years) is ``comparison``'s
business, and docs/concepts.md tells it as users read it.

Numbers that are part of a name or an identifier are not facts: "Apollo 11",
"Launch Complex 34", "Chandrayaan-3", "COVID-19", "G20", "CO2", "Article 5",
"No. 5", "10 Downing Street", "[12]". A figure with a scale word after it is an
amount whatever capitalised word stands before it: "Costó 2400 millones".

The modules, each of which the next ones may use:

- ``vocabulary``: word lists, units of measure and their conversions;
- ``patterns``: the regular expressions built from them;
- ``fact``: ``Fact``, ``Pairing``, ``KINDS`` and the results (``FactResult`` members);
- ``numerals``: figures and numbers in words (``parse_words``);
- ``dates``: dates as ISO strings, the days they span, whether two agree;
- ``context``: the words around a fact, and restatements in other units;
- ``comparison``: whether two facts are comparable and agree (``APPROXIMATE``, ``ROUNDED``);
- ``alignment``: ``align`` and ``compare`` (``MIN_CONTEXT``, ``AGREEMENT_WEIGHT``);
- ``scanner``: ``Scanner``, the text being read and what stands around a place in it
  (the words before it, the number that starts there, the unit after it);
- ``dating``: ``DateReader``, dates and times of day as written;
- ``quantities``: ``QuantityReader``, a quantity read step by step (sign, currency,
  range, unit, rate, bound, change), and numbers that are part of a name;
- ``reading``: ``extract``, and the ``Reader`` that sends each place a fact may start to
  the reader of what is written there.

The constants are re-exported here for reading; to change one (to measure another
value), set it in the module that uses it: ``facts.alignment.MIN_CONTEXT = 0.75``.
"""

from __future__ import annotations

from .alignment import AGREEMENT_WEIGHT, MIN_CONTEXT, align, compare
from .comparison import APPROXIMATE, ROUNDED, comparable
from .fact import AGREES, DISAGREES, KEY_KINDS, KINDS, MISSING, VAGUER, Fact, Pairing
from .numerals import parse_words
from .reading import extract

__all__ = [
    "AGREEMENT_WEIGHT",
    "AGREES",
    "APPROXIMATE",
    "DISAGREES",
    "Fact",
    "KEY_KINDS",
    "KINDS",
    "MIN_CONTEXT",
    "MISSING",
    "Pairing",
    "ROUNDED",
    "VAGUER",
    "align",
    "comparable",
    "compare",
    "extract",
    "parse_words",
]
