"""Whether a text denies what it says of a stretch of it: negators and the clause they govern.

A plain reading, not a parse.  A span (a key fact, say) is *negated* when a
negator stands in the same clause: "not", "no", "never", "none", "neither",
"nor", "nobody", "nothing", "nowhere", "cannot" and any word ending in "n't"
("didn't", "isn't", "won't").  A clause runs between sentence ends, semicolons,
colons, commas followed by a space, brackets, dashes, and the conjunctions
that turn a sentence ("but", "although", "though", "whereas", "while",
"however"), so that in "Prices did not fall in 2019, but rose 4% in
2020" the 4% is stated, not denied.

Words that bound a figure rather than deny it are not negators: "no more
than", "not less than", "no fewer than", "not only", "not just", "not least";
nor is the abbreviation "No." ("No. 10").  Two negators in one clause ("neither
... nor", "not ... never") still read as one denial: this says whether the
clause denies, not how it nets out.
"""

from __future__ import annotations

import re

#: The words that deny the clause they stand in (with every word ending in "n't").
NEGATORS = frozenset({"not", "no", "never", "none", "neither", "nor", "nobody", "nothing", "nowhere", "cannot"})

# Where a clause ends: punctuation (a full stop, comma or colon only before a space, so "1,200", "2.6"
# and "9:30" are one figure each), brackets, dashes, and the conjunctions that turn a sentence ("yet" is
# not one of them: "has not yet risen" is one clause).
_CLAUSE_END = re.compile(
    r"[.!?](?=\s|$)|[;()\[\]–—]|[:,](?=\s)|\s-\s"
    r"|\b(?:but|although|though|whereas|while|however)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A negator that bounds a figure or adds to a statement instead of denying it, or "No." before a number.
_NOT_A_DENIAL = re.compile(
    r"\b(?:no|not)\s+(?:more|less|fewer|later|earlier|only|just|least)\b|\bno\.(?=\s*\d)",
    re.IGNORECASE,
)


def _is_negator(word: str) -> bool:
    lower = word.lower().replace("’", "'")
    return lower in NEGATORS or lower.endswith("n't")


def clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the clause of ``text`` that holds ``text[start:end]`` (see the module's notes)."""
    begin = 0
    for boundary in _CLAUSE_END.finditer(text, 0, start):
        begin = boundary.end()
    after = _CLAUSE_END.search(text, end)
    return begin, after.start() if after is not None else len(text)


def negated(text: str, start: int, end: int) -> bool:
    """Whether the clause of ``text`` that holds ``text[start:end]`` has a negator outside that span."""
    begin, stop = clause(text, start, end)
    # Blanked, not cut out, so that the words keep their places in the text.
    words = _NOT_A_DENIAL.sub(lambda m: " " * len(m.group()), text[begin:stop])
    return any(_is_negator(w.group()) and not start <= begin + w.start() < end for w in _WORD.finditer(words))
