"""``factcheck check``: the findings in the formats people and CI systems read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from factcheck.check.rules import RULES, Finding, Result
from factcheck.model.vocab import FailOn


@dataclass(frozen=True)
class CheckOutput:
    """The result of a run, and the severity that fails it.

    ``found``, when given, is the run's findings as it finds them: a renderer
    goes through them once, in its main loop, while the run goes on, and
    reads ``result``'s totals (counts, unmatched baseline entries) after.
    ``baseline`` is the baseline file as shown to the user, when one was read,
    and ``reasons`` the reason its entry gives for each finding it accepts.
    """

    result: Result
    fail_on: FailOn = FailOn.ERROR
    found: Iterable[Finding] | None = None
    baseline: str | None = None
    reasons: Mapping[tuple[str, str, str], str] = field(default_factory=dict)

    def findings(self) -> Iterable[Finding]:
        """The findings, to go through once: as they are found, or the finished result's."""
        return self.result.findings if self.found is None else self.found


def repo_relative(path: str) -> str:
    """``path`` from the top of the git repository that holds it, as code scanning and GitHub's annotations
    name files, wherever check ran; as it is outside a repository.  A folder on the way that is a symbolic
    link is named as where it leads, the folder the repository holds the file in."""
    return posix(_from_top(os.path.abspath(path), path))  # by where it is: the same name is another file elsewhere


def posix(path: str) -> str:
    """``path`` with forward slashes, as CI systems read a file's name whatever system check ran on (Windows
    joins a path's parts with backslashes)."""
    return path.replace(os.sep, "/")


@cache
def _from_top(absolute: str, path: str) -> str:
    absolute = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    top = os.path.dirname(absolute)
    while not os.path.exists(os.path.join(top, ".git")):
        parent = os.path.dirname(top)
        if parent == top:
            return path
        top = parent
    return os.path.relpath(absolute, top)


def unmatched(rule: str, claim: str, url: str) -> str:
    """What a report says of a baseline entry that matched no finding, naming the entry.

    An entry whose rule check does not know (renamed, or a typo) is said to be
    so: rewriting the baseline keeps it, so a person has to correct or remove it.
    """
    what = (
        "baseline entry no longer matches anything" if rule in RULES else "baseline entry of a rule check does not know"
    )
    return f"{what}: " + " ".join(p for p in (rule, claim, url) if p)
