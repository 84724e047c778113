"""Every closed set of words the claims files and the commands use, and their groups.

Each word is a ``StrEnum`` member, so it compares equal to the string stored
in a claims file and prints as itself.  The groups (which statuses automated
checks may set, which outcomes count against a claim, ...) are defined here
and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class Status(StrEnum):
    """The verdict on a claim."""

    UNVERIFIED = "unverified"
    VERIFIED = "verified"
    MIXED = "mixed"
    MISLEADING = "misleading"
    FALSE = "false"
    UNSUPPORTED = "unsupported"
    OPINION = "opinion"

    @property
    def meaning(self) -> str:
        """The one-line definition the documentation and ``show`` repeat."""
        return STATUS_MEANINGS[self]


#: Other outlets' rating words and the status each comes nearest to: suggested to whoever types one, never
#: taken for it (docs/concepts.md lists them).
RATING_WORDS: dict[str, Status] = {
    "true": Status.VERIFIED,
    "mostly true": Status.VERIFIED,
    "half true": Status.MIXED,
    "mostly false": Status.FALSE,
    "pants on fire": Status.FALSE,
}


def meant(word: str, allowed: Iterable[str]) -> str | None:
    """The one of ``allowed`` that ``word`` was most likely meant as: the same word in other capitals or
    nearly the same, or the status another outlet's rating word comes nearest to; None when none is near."""
    import difflib  # only for a word that is none of them

    key = " ".join(word.casefold().replace("-", " ").split())
    allowed = list(allowed)
    rating = RATING_WORDS.get(key)
    if rating in allowed:
        return str(rating)
    near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.8)
    return near[0] if near else None


STATUS_MEANINGS: dict[Status, str] = {
    Status.UNVERIFIED: "nobody has checked it yet",
    Status.VERIFIED: "the cited evidence supports it",
    Status.MIXED: "partly right, partly wrong",
    Status.MISLEADING: "accurate in its parts but gives a false impression",
    Status.FALSE: "the evidence contradicts it",
    Status.UNSUPPORTED: "no evidence was found, or the evidence is gone",
    Status.OPINION: "not a checkable statement of fact",
}
#: Statuses automated checks may move a claim between, and only while no person has given it a
#: verdict: once a person has (whatever the status, ``verified`` included), automation never changes it.
AUTOMATIC = frozenset({Status.UNVERIFIED, Status.VERIFIED, Status.UNSUPPORTED})
#: Statuses only a person gives.
VERDICTS = frozenset(Status) - AUTOMATIC


class Aside(StrEnum):
    """Why a claim was taken out of the fact-check (it stays in the file, set aside)."""

    REJECTED = "rejected"  # a proposal that is not a claim worth checking; extract never proposes it again
    RETIRED = "retired"  # a claim whose sentence left the article; its verdict and history are kept


class Stance(StrEnum):
    """How a source bears on its claim; only supporting sources can verify it."""

    SUPPORTS = "supports"
    CONTRADICTS = "contradicts"
    CONTEXT = "context"


class Outcome(StrEnum):
    """What the last automated check of a source found (no word of it is also a stance)."""

    SUPPORTED = "supported"  # the evidence is there and states every key fact of the claim
    UNCONFIRMED = "unconfirmed"  # the evidence is there and nothing disagrees, but a key fact is not stated
    WEAK = "weak"  # nothing matched well enough
    CONFLICTS = "conflicts"  # the passage was found, but a key fact of the claim disagrees with it
    CHANGED = "changed"  # the page changed and the evidence is gone
    FAILING = "failing"  # the fetch failed this time
    DEAD = "dead"  # the fetch failed on repeated runs
    BLOCKED = "blocked"  # the site refuses robots
    UNREADABLE = "unreadable"  # no text could be had from the content


#: Outcomes that count against a claim.
AGAINST = frozenset({Outcome.WEAK, Outcome.CONFLICTS, Outcome.CHANGED, Outcome.DEAD})
#: Outcomes of a source that could not be fetched: what CI calls a dead source.
UNREACHABLE = frozenset({Outcome.FAILING, Outcome.DEAD, Outcome.BLOCKED})

#: The outcomes a source of each stance is expected to have; any other found outcome is drift.
#: A supporting source should support the claim; a contradicting one should still say
#: something that conflicts with it; a context source only needs its evidence to be there.
EXPECTED: dict[Stance, frozenset[Outcome]] = {
    Stance.SUPPORTS: frozenset({Outcome.SUPPORTED}),
    Stance.CONTRADICTS: frozenset({Outcome.CONFLICTS}),
    Stance.CONTEXT: frozenset({Outcome.SUPPORTED, Outcome.UNCONFIRMED, Outcome.CONFLICTS}),
}
#: Outcomes that say nothing about the evidence (the page could not be read this time).
UNDECIDED = frozenset({Outcome.FAILING, Outcome.BLOCKED, Outcome.UNREADABLE})


def drifted(stance: Stance, outcome: Outcome) -> bool:
    """Whether a source's outcome moved away from what its stance expects (in either direction)."""
    return outcome not in UNDECIDED and outcome not in EXPECTED[stance]


class FactResult(StrEnum):
    """How one key fact of a claim compares with the evidence."""

    AGREES = "agrees"  # the evidence states it
    VAGUER = "vaguer"  # the evidence allows it without stating it: "by 2040" for 2013
    DISAGREES = "disagrees"
    MISSING = "missing"  # the evidence says nothing of it


class Severity(StrEnum):
    """How serious a CI finding is; ``off`` turns a rule off."""

    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


class FailOn(StrEnum):
    """The lowest severity that makes ``check`` fail."""

    ERROR = "error"
    WARNING = "warning"
    NEVER = "never"

    def fails(self, severity: Severity) -> bool:
        """Whether a finding of ``severity`` fails the run."""
        if self == FailOn.NEVER:
            return False
        return severity == Severity.ERROR or (self == FailOn.WARNING and severity == Severity.WARNING)
