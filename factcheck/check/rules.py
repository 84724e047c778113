"""The rules of ``factcheck check``, what a finding is, and what a run found."""

from __future__ import annotations

import datetime as _dt

import msgspec

from factcheck.model import defaults
from factcheck.model.claims import Claim
from factcheck.model.vocab import FailOn, Severity


class Rule(msgspec.Struct, frozen=True):
    """A check with a stable id, a default severity and the help text CI tools show."""

    id: str
    severity: Severity
    summary: str
    help: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "unsourced",
            Severity.ERROR,
            "A claim with a verdict has no sources.",
            "A claim whose status is a verdict (verified, mixed, misleading, false, unsupported) cites at least one "
            "source the verdict rests on. Add one with `factcheck source add ID URL --quote ...`, mark the claim "
            "`opinion` if it is not a checkable statement of fact, or set it back to `unverified` while the work "
            "is in progress.",
        ),
        Rule(
            "unsourced-unverified",
            Severity.WARNING,
            "An unverified claim has no sources yet.",
            "Work in progress: nobody has checked the claim and it cites nothing yet (what `factcheck extract` "
            "proposes). Add a source with `factcheck source add ID URL --quote ...`, or mark it `opinion`. A "
            "warning by default so that new claims can be committed; set `severity.unsourced-unverified = error` "
            "where every claim must be sourced, for example in CI before publishing.",
        ),
        Rule(
            "missing-quote",
            Severity.WARNING,
            "A source has no evidence quote.",
            "A source should carry the passage that supports the claim, exactly as it appears in the source, "
            "so that `factcheck verify` can find it again.",
        ),
        Rule(
            "dead-source",
            Severity.WARNING,
            "The last check of a source failed.",
            "The source could not be fetched the last time it was checked: dead (it failed on several runs in a "
            "row), failing (not dead yet: it failed on the last run), or blocked (the site refuses robots). "
            "Run `factcheck verify ID` again, or find an archived or replacement source.",
        ),
        Rule(
            "stale",
            Severity.WARNING,
            "A claim has not been verified for longer than the maximum age.",
            "Neither a person nor `factcheck verify` has looked at this claim's sources within the maximum age "
            "(--max-age days). Check it again.",
        ),
        Rule(
            "unsupported",
            Severity.WARNING,
            "A claim has the status unsupported.",
            "No evidence was found for the claim, or its evidence is gone. Find a source, or correct the article.",
        ),
        Rule(
            "needs-review",
            Severity.ERROR,
            "A person's verdict needs another look.",
            "Either the article was edited and the claim re-anchored to new words, so its verdict is no longer "
            "known to fit, or `factcheck verify` found that the claim's sources go against the verdict (a "
            "verified claim whose evidence is gone, a false one a source now supports). The verdict itself is "
            "never changed by automation. Look at the claim again (`factcheck show ID` says why it was flagged) "
            "and record the verdict with `factcheck set ID --status ...`, which clears the flag.",
        ),
        Rule(
            "strong-match",
            Severity.WARNING,
            "A fact-check published elsewhere may already cover the claim.",
            "The desk's library (`factcheck library`) holds a published fact-check that matches this claim "
            "strongly, and nobody has accepted it on the claim. Look at it: if it covers the claim, "
            "`factcheck match ID --accept URL` keeps it (and cites it in the ClaimReview export); if not, accept "
            "the finding in the baseline. Checked only where a library exists.",
        ),
        Rule(
            "changed-source",
            Severity.WARNING,
            "A source's page changed and its evidence is gone.",
            "verify found that the page changed and the quoted evidence is no longer there. Look at the page, "
            "fix the quote or find another source, then `factcheck source ack ID URL`.",
        ),
        Rule(
            "anchor-lost",
            Severity.ERROR,
            "A claim's text can no longer be found in the article.",
            "The article was edited (or its text file is missing) and no longer says the claim word for word. "
            "Run `factcheck extract ARTICLE --into FILE` to re-anchor the claims file (a verdict on words that "
            "changed is then flagged for review), or retire a claim whose sentence was cut.",
        ),
        Rule(
            "invalid",
            Severity.ERROR,
            "A claims file is not valid JSON or does not follow the schema.",
            "Fix the file at the line given; `factcheck schema` prints the schema claims files follow.",
        ),
        Rule(
            "duplicate-id",
            Severity.ERROR,
            "A claim id is used more than once in the claims folder.",
            "Claim ids are unique across the whole claims folder, set-aside claims included. Give one of two "
            "claims a new id in its own file, `factcheck --claims FILE rename ID NEW_ID` (run on the folder, "
            "rename refuses the id used twice); the finding names both files and the command. A claim both kept "
            "and set aside in one file (after a merge) is repaired by hand: delete the set-aside entry to keep "
            "the claim, or the claim to keep it set aside.",
        ),
    )
}


class Finding(msgspec.Struct, frozen=True):
    """One problem, where it is, and how serious it is."""

    rule: str
    severity: Severity
    path: str
    line: int | None
    message: str
    claim: str | None = None
    url: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """What a baseline matches on: rule, claim id and source URL, never the line."""
        return (self.rule, self.claim or self.path, self.url or "")


class Options(msgspec.Struct, kw_only=True):
    """What to check and how strictly; ``severities`` maps a rule id to a severity (or off)."""

    max_age: int = defaults.MAX_AGE_DAYS
    severities: dict[str, Severity] = msgspec.field(default_factory=dict)
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    today: _dt.date | None = None
    # Checking only changed claims: each claim as it was at the older revision;
    # claims equal to their old selves are not checked.
    before: dict[str, Claim] | None = None
    # The best unaccepted match of each claim that has a strong one: (fact-check URL, score), looked up
    # in the library by the caller (the checks themselves never open it).
    strong_matches: dict[str, tuple[str, float]] = msgspec.field(default_factory=dict)

    def severity(self, rule: str) -> Severity:
        return self.severities.get(rule, RULES[rule].severity)

    def enabled(self, rule: str) -> bool:
        if self.select is not None and rule not in self.select:
            return False
        return rule not in self.ignore and self.severity(rule) != Severity.OFF


class Checked(msgspec.Struct, frozen=True):
    """A claim that was checked, and where it is."""

    path: str
    claim: str
    line: int | None


class Result(msgspec.Struct):
    """The findings of a run, the files and claims checked, and what its baseline accepted or matched nothing."""

    findings: list[Finding]
    files: int
    checked: list[Checked] = msgspec.field(default_factory=list)
    unmatched: list[tuple[str, str, str]] = msgspec.field(default_factory=list)
    accepted: list[Finding] = msgspec.field(default_factory=list)  # found, and left out because the baseline has them

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: FailOn) -> bool:
        """Whether a finding reaches the failing severity."""
        return any(fail_on.fails(f.severity) for f in self.findings)
