"""``factcheck check``: the rules a CI job enforces on a claims folder.

Unlike the other commands, a broken file does not stop the run: it becomes
an ``invalid`` finding like any other, and the remaining files are checked.
Every finding carries the claims file path and the line of the claim's
``"id"``, so CI annotations land on the right line.
"""

from __future__ import annotations

import datetime as _dt
import gc
import json
import multiprocessing
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from factcheck import article, jsonpos, sanitize, schema, store
from factcheck.errors import InputError
from factcheck.model import Claim, ClaimsFile
from factcheck.paths import display

SEVERITIES = ("error", "warning")
FAILING_OUTCOMES = frozenset({"failing", "dead", "blocked"})


@dataclass(frozen=True)
class Rule:
    """A check with a stable id, a default severity and the help text CI tools show."""

    id: str
    severity: str
    summary: str
    help: str


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule(
            "unsourced",
            "error",
            "A claim that is not an opinion has no sources.",
            "Every factual claim cites at least one source. Add one with `factcheck source add ID URL --quote ...`, "
            "or mark the claim `opinion` if it is not a checkable statement of fact.",
        ),
        Rule(
            "missing-quote",
            "warning",
            "A source has no evidence quote.",
            "A source should carry the passage that supports the claim, exactly as it appears in the source, "
            "so that `factcheck verify` can find it again.",
        ),
        Rule(
            "dead-source",
            "warning",
            "The last check of a source failed.",
            "The source could not be fetched the last time it was checked (gone, failing, or blocked). "
            "Run `factcheck verify ID` again, or find an archived or replacement source.",
        ),
        Rule(
            "stale",
            "warning",
            "A claim has not been verified for longer than the maximum age.",
            "Neither a person nor `factcheck verify` has looked at this claim's sources within --max-age days. "
            "Check it again.",
        ),
        Rule(
            "unsupported",
            "warning",
            "A claim has the status unsupported.",
            "No evidence was found for the claim, or its evidence is gone. Find a source, or correct the article.",
        ),
        Rule(
            "anchor-lost",
            "error",
            "A claim's text can no longer be found in the article.",
            "The article was edited (or its text file is missing) and the claim cannot be placed in it again. "
            "Update the claim's text, or run `factcheck extract` to re-anchor the claims file.",
        ),
        Rule(
            "invalid",
            "error",
            "A claims file is not valid JSON or does not follow the schema.",
            "Fix the file at the line given; `factcheck schema` prints the schema claims files follow.",
        ),
        Rule(
            "duplicate-id",
            "error",
            "A claim id is used more than once in the claims folder.",
            "Claim ids are unique across the whole claims folder. Rename one of the claims.",
        ),
    )
}


class Finding(NamedTuple):
    """One problem, where it is, and how serious it is."""

    # A NamedTuple, not a frozen dataclass: a big folder makes tens of
    # thousands of these, and tuples are several times cheaper to build.
    rule: str
    severity: str
    path: str
    line: int | None
    message: str
    claim: str | None = None
    url: str | None = None

    @property
    def key(self) -> tuple[str, str, str]:
        """What a baseline matches on: rule, claim id and source URL, never the line."""
        return (self.rule, self.claim or self.path, self.url or "")


@dataclass
class Options:
    """What to check and how strictly; ``severities`` maps a rule id to error, warning or off."""

    max_age: int = 180
    severities: dict[str, str] = field(default_factory=dict)
    select: frozenset[str] | None = None
    ignore: frozenset[str] = frozenset()
    today: _dt.date | None = None
    # --changed-since: each claim id as it was at that revision (normalised);
    # claims equal to their old selves are not checked.
    before: dict[str, dict] | None = None

    def severity(self, rule: str) -> str:
        return self.severities.get(rule, RULES[rule].severity)

    def enabled(self, rule: str) -> bool:
        if self.select is not None and rule not in self.select:
            return False
        return rule not in self.ignore and self.severity(rule) != "off"


class Checked(NamedTuple):
    """A claim that was checked, and where it is."""

    path: str
    claim: str
    line: int | None


@dataclass
class Result:
    """The findings of a run, the files and claims checked, and baseline entries that matched nothing."""

    findings: list[Finding]
    files: int
    checked: list[Checked] = field(default_factory=list)
    unmatched: list[tuple[str, str, str]] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str) -> bool:
        """Whether a finding reaches the failing severity (``error``, ``warning`` or ``never``)."""
        if fail_on == "never":
            return False
        levels = ("error",) if fail_on == "error" else ("error", "warning")
        return any(f.severity in levels for f in self.findings)


# Below this many files a second process costs more than it saves.
PARALLEL_MIN_FILES = 64


class _FileResult(NamedTuple):
    """What checking one file found: file-level findings, then each claim's id, line and findings.

    A claim's findings are None when it was not checked (unchanged since --changed-since).
    """

    where: str
    findings: list[Finding]
    claims: list[tuple[str, int | None, list[Finding] | None]]


def run(root: Path, options: Options, jobs: int | None = None) -> Result:
    """Check every claims file under ``root``, in ``jobs`` processes (default: one per CPU) for big folders."""
    paths = store.discover(root)
    cutoff = _cutoff(options)
    jobs = jobs or os.cpu_count() or 1
    collecting = gc.isenabled()
    gc.disable()  # see store.ClaimStore.load
    try:
        if jobs > 1 and len(paths) >= PARALLEL_MIN_FILES and "fork" in multiprocessing.get_all_start_methods():
            results = _in_processes(paths, options, cutoff, jobs)
        else:
            results = [_check_file(path, options, cutoff) for path in paths]
        findings, checked = _merge(results, options)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
        schema.flush()
    return Result([f for f in findings if options.enabled(f.rule)], len(paths), checked)


def _merge(results: Iterable[_FileResult], options: Options) -> tuple[list[Finding], list[Checked]]:
    """Put the files' results together in order; an id seen in an earlier place is a duplicate."""
    findings: list[Finding] = []
    checked: list[Checked] = []
    seen: dict[str, tuple[str, int | None]] = {}
    for where, file_findings, claims in results:
        findings.extend(file_findings)
        for claim_id, line, claim_findings in claims:
            first = seen.get(claim_id)
            if first is not None:
                message = f"claim id {claim_id!r} is also used at {first[0]}:{first[1]}"
                findings.append(
                    Finding("duplicate-id", options.severity("duplicate-id"), where, line, message, claim_id)
                )
                continue
            seen[claim_id] = (where, line)
            if claim_findings is not None:
                checked.append(Checked(where, claim_id, line))
                findings.extend(claim_findings)
    return findings, checked


# Set in the parent before the worker processes are forked, so they inherit it instead of unpickling it per task.
_JOB: tuple[Options, str] | None = None


def _in_processes(paths: list[Path], options: Options, cutoff: str, jobs: int) -> list[_FileResult]:
    global _JOB
    _JOB = (options, cutoff)
    size = max(1, len(paths) // (jobs * 4))
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            return [result for chunk in pool.imap(_check_chunk, chunks) for result in chunk]
    finally:
        _JOB = None


def _check_chunk(paths: list[Path]) -> list[_FileResult]:
    assert _JOB is not None
    options, cutoff = _JOB
    gc.disable()
    results = [_check_file(path, options, cutoff) for path in paths]
    schema.flush()  # digests of files this worker validated
    return results


def claims_at(root: Path, revision: str) -> dict[str, dict]:
    """Every claim under ``root`` as it was at a git revision, by id, in its normalised form."""
    from factcheck import gitrev
    from factcheck.model import claim_from_dict

    repo = gitrev.find_repo(root)
    if repo is None:
        raise InputError(f"--changed-since needs a git repository, and {display(root)} is not in one")
    commit = repo.commit(revision)
    if commit is None:
        raise InputError(f"--changed-since: {revision!r} is not a revision of this repository")
    blobs = repo.blobs(commit, repo.relative(root))
    old: dict[str, dict] = {}
    for raw in repo.read_blobs(blobs.values()).values():
        try:
            document = json.loads(raw)
            for claim in document["claims"]:
                old[claim["id"]] = claim_from_dict(claim).to_dict()
        except (ValueError, KeyError, TypeError, AttributeError):
            continue  # an old file that is broken: its claims count as changed
    return old


def _cutoff(options: Options) -> str:
    today = options.today or _dt.datetime.now(_dt.UTC).date()
    # Timestamps are canonical ISO 8601 UTC strings, so they compare as text.
    return (today - _dt.timedelta(days=options.max_age)).isoformat() + "T00:00:00Z"


def _check_file(path: Path, options: Options, cutoff: str) -> _FileResult:
    where = display(path)
    try:
        raw = path.read_bytes()
        claims_file = store.parse(path, raw)
    except OSError as exc:
        finding = Finding("invalid", options.severity("invalid"), where, None, f"cannot read: {exc.strerror}")
        return _FileResult(where, [finding], [])
    except InputError as exc:
        return _FileResult(where, [Finding("invalid", options.severity("invalid"), where, exc.line, exc.reason)], [])
    text = raw.decode("utf-8")
    lines = jsonpos.id_lines(text)
    before = options.before
    file_findings: list[Finding] = []
    article_text = _article_text(claims_file)
    if isinstance(article_text, Finding):
        file_findings.append(article_text)
        article_text = None
    claims: list[tuple[str, int | None, list[Finding] | None]] = []
    ids_here: set[str] = set()
    for index, claim in enumerate(claims_file.claims):
        line = lines.get(claim.id)
        if claim.id in ids_here:
            # The second use of an id in one file: id_lines knows only the first.
            line = jsonpos.line_of(text, ["claims", index, "id"])
            claims.append((claim.id, line, []))
            continue
        ids_here.add(claim.id)
        if before is not None and before.get(claim.id) == claim.to_dict():
            claims.append((claim.id, line, None))
        else:
            claims.append(
                (claim.id, line, list(_check_claim(claims_file, claim, where, line, options, cutoff, article_text)))
            )
    return _FileResult(where, file_findings, claims)


def _finding(
    options: Options, rule: str, where: str, line: int | None, claim: Claim, message: str, url: str | None = None
) -> Finding:
    # Messages quote claim text and URLs: no control character gets through to a log or a report.
    return Finding(rule, options.severity(rule), where, line, sanitize.clean(message, single_line=True), claim.id, url)


class _Said:
    """A claim's id and the start of its text, as messages name it; formatted only when used."""

    __slots__ = ("claim",)

    def __init__(self, claim: Claim) -> None:
        self.claim = claim

    def __format__(self, spec: str) -> str:
        text = " ".join(self.claim.text.split())
        if len(text) > 60:
            text = text[:59].rstrip() + "…"
        return f"{self.claim.id} “{text}”"


def _check_claim(
    claims_file: ClaimsFile,
    claim: Claim,
    where: str,
    line: int | None,
    options: Options,
    cutoff: str,
    article: str | None,
) -> Iterable[Finding]:
    said = _Said(claim)
    if claim.status != "opinion" and not claim.sources:
        yield _finding(options, "unsourced", where, line, claim, f"{said} has no sources")
    if claim.status == "unsupported":
        yield _finding(options, "unsupported", where, line, claim, f"{said} is unsupported")
    for source in claim.sources:
        if not source.quote:
            yield _finding(
                options,
                "missing-quote",
                where,
                line,
                claim,
                f"{said}: source {source.url} has no evidence quote",
                source.url,
            )
        check = source.last_check
        if check is not None and check.outcome in FAILING_OUTCOMES:
            detail = check.error or (f"HTTP {check.http_status}" if check.http_status else check.outcome)
            yield _finding(
                options,
                "dead-source",
                where,
                line,
                claim,
                f"{said}: source {source.url} is {check.outcome} ({detail}, checked {check.at[:10]})",
                source.url,
            )
    if claim.sources and claim.status != "opinion":
        last = _last_looked_at(claim)
        if last is None or last < cutoff:
            when = f"since {last[:10]}" if last else "ever"
            yield _finding(
                options,
                "stale",
                where,
                line,
                claim,
                f"{said} has not been verified {when} (max age {options.max_age} days)",
            )
    if article is not None:
        lost = _anchor_lost(claims_file, claim, article)
        if lost:
            yield _finding(options, "anchor-lost", where, line, claim, f"{said} {lost}")


def _last_looked_at(claim: Claim) -> str | None:
    """When a person or verify last looked at the claim: its latest event or source check."""
    times = [e.at for e in claim.history]
    times.extend(s.last_check.at for s in claim.sources if s.last_check is not None)
    return max(times) if times else None


def _article_text(claims_file: ClaimsFile) -> str | Finding | None:
    """The article text, None when the file names none, or an anchor-lost finding when it is unreadable."""
    path = claims_file.article_path()
    if path is None:
        return None
    try:
        return article.read(path)[0]
    except InputError as exc:
        line = jsonpos.line_of(claims_file.path.read_text(encoding="utf-8"), ["article", "path"])
        return Finding(
            "anchor-lost",
            "error",
            display(claims_file.path),
            line,
            f"the article text cannot be read ({exc.message}), so no claim can be placed in it",
        )


def _anchor_lost(claims_file: ClaimsFile, claim: Claim, article: str) -> str | None:
    """Why the claim cannot be placed in the article, or None when it can."""
    from factcheck import anchor

    if claim.anchor is None:
        return None if claim.text in article else "is not in the article text"
    if anchor.is_valid(claim.anchor, article):
        return None
    located = anchor.locate(claim.anchor, article)
    if located.found:
        return None
    if located.status == "ambiguous":
        return "matches several places of the edited article equally well"
    return "can no longer be found in the article"
