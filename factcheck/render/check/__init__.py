"""``factcheck check``: the findings in the formats people and CI systems read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.check.rules import Finding, Result
from factcheck.model.vocab import FailOn


@dataclass(frozen=True)
class CheckOutput:
    """The result of a run, and the severity that fails it.

    ``found``, when given, is the run's findings as it finds them: a renderer
    goes through them once, in its main loop, while the run goes on, and
    reads ``result``'s totals (counts, unmatched baseline entries) after.
    ``baseline`` is the baseline file as shown to the user, when one was read.
    """

    result: Result
    fail_on: FailOn = FailOn.ERROR
    found: Iterable[Finding] | None = None
    baseline: str | None = None

    def findings(self) -> Iterable[Finding]:
        """The findings, to go through once: as they are found, or the finished result's."""
        return self.result.findings if self.found is None else self.found
