"""``factcheck check``: the findings in the formats people and CI systems read."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.check.rules import Result
from factcheck.model.vocab import FailOn


@dataclass(frozen=True)
class CheckOutput:
    """The result of a run, and the severity that fails it."""

    result: Result
    fail_on: FailOn = FailOn.ERROR
