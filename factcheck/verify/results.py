"""What a verify run found, claim by claim and source by source: what its renderers read.

Plain values with nothing of the store or the network, so that showing a
run's results loads neither; ``run`` builds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.model import defaults
from factcheck.model.claims import LastCheck
from factcheck.model.vocab import Outcome, Stance, Status

#: How the note of a source begins when no server answered in its run: the desk's network failed, not the source.
NO_ANSWER = "no server answered in this run"


@dataclass
class SourceResult:
    """One source of one claim after this run."""

    url: str
    stance: Stance
    checked: bool
    last_check: LastCheck | None
    previous: Outcome | None  # the outcome before this run
    note: str | None = None  # why it was not checked
    from_cache: bool = False


@dataclass
class ClaimResult:
    """One claim after this run: its status before and after, why, and its sources."""

    id: str
    file: str
    text: str
    before: Status
    after: Status
    reason: str
    sources: list[SourceResult] = field(default_factory=list)
    verdict_kept: bool = False
    drift: list[str] = field(default_factory=list)
    unsourced: bool = False
    flagged: str | None = None  # why a person's verdict was flagged for review: the evidence disagrees

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def ok(self) -> bool:
        """Verified, or a person's verdict the evidence does not dispute: what makes the run succeed."""
        return self.flagged is None and (self.after == Status.VERIFIED or self.verdict_kept)


@dataclass
class Run:
    """The outcome of a verify run."""

    claims: list[ClaimResult]
    urls: int = 0
    fetched: int = 0  # requested from their sites
    from_cache: int = 0
    refused: int = 0  # never requested: refused by our rules (an address not allowed, a URL that cannot be fetched)
    unresolved: int = 0  # never requested: the host's name did not resolve (no such name, or no resolver answered)
    seconds: float = 0.0
    offline: bool = False
    dead_after: int = defaults.DEAD_AFTER
    network_down: bool = False  # no server answered, of several hosts: nothing the failures say was recorded

    @property
    def ok(self) -> bool:
        return not self.network_down and all(c.ok for c in self.claims)

    def not_checked(self) -> list[tuple[str, str, str]]:
        """(claim id, url, why) of every source that could not be checked at all."""
        return [(c.id, s.url, s.note or "") for c in self.claims for s in c.sources if not s.checked]
