"""Running the checks over a claims path.

Unlike the other commands, a broken file does not stop the run: it becomes
an ``invalid`` finding like any other, and the remaining files are checked.
Every finding carries the claims file path and the line of the claim's
``"id"``, so CI annotations land on the right line.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from factcheck.check.rules import Checked, Finding, Options, Result
from factcheck.model.claims import Claim
from factcheck.model.errors import InputError
from factcheck.model.vocab import UNREACHABLE, Status
from factcheck.store import positions
from factcheck.store.folder import IdRegister, StoredFile, bulk, discover, parse
from factcheck.store.parallel import map_files
from factcheck.store.paths import display
from factcheck.store.reading import read_bytes
from factcheck.text import anchor, article
from factcheck.text.clean import clean


class _FileResult(NamedTuple):
    """What checking one file found: file-level findings, then each claim's id, line and findings.

    A claim's findings are None when it was not checked (unchanged since the older revision).
    """

    where: str
    findings: list[Finding]
    claims: list[tuple[str, int | None, list[Finding] | None]]


def run(root: Path, options: Options, processes: int | None = None) -> Result:
    """Check every claims file under ``root``; big folders in ``processes`` processes (default: one per CPU)."""
    paths = discover(root)
    work = functools.partial(_check_file, options=options, cutoff=_cutoff(options))
    with bulk():
        findings, checked = _merge(map_files(paths, work, processes), options)
    return Result([f for f in findings if options.enabled(f.rule)], len(paths), checked)


def _merge(results: Iterable[_FileResult], options: Options) -> tuple[list[Finding], list[Checked]]:
    """Put the files' results together in order; an id seen in an earlier place is a duplicate."""
    findings: list[Finding] = []
    checked: list[Checked] = []
    register = IdRegister()
    for where, file_findings, claims in results:
        findings.extend(file_findings)
        for claim_id, line, claim_findings in claims:
            if not register.add(claim_id, f"{where}:{line}"):
                message = f"claim id {claim_id!r} is also used at {register.first(claim_id)}"
                findings.append(
                    Finding("duplicate-id", options.severity("duplicate-id"), where, line, message, claim_id)
                )
                continue
            if claim_findings is not None:
                checked.append(Checked(where, claim_id, line))
                findings.extend(claim_findings)
    return findings, checked


def claims_at(root: Path, revision: str) -> dict[str, Claim]:
    """Every claim under ``root`` as it was at a git revision, by id (broken old files are skipped)."""
    # Only checking changed claims pays for loading git support.
    from factcheck.store import git

    repo = git.find_repo(root)
    if repo is None:
        raise InputError(f"checking only changed claims needs a git repository, and {display(root)} is not in one")
    commit = repo.commit(revision)
    if commit is None:
        raise InputError(f"{revision!r} is not a revision of this repository")
    blobs = repo.blobs(commit, repo.relative(root))
    old: dict[str, Claim] = {}
    for name, raw in repo.read_blobs(blobs.values()).items():
        try:
            stored = parse(Path(name), raw)
        except InputError:
            continue  # an old file that is broken: its claims count as changed
        old.update((claim.id, claim) for claim in stored.claims)
    return old


def _cutoff(options: Options) -> str:
    today = options.today or _dt.datetime.now(_dt.UTC).date()
    # Timestamps are canonical ISO 8601 UTC strings, so they compare as text.
    return (today - _dt.timedelta(days=options.max_age)).isoformat() + "T00:00:00Z"


def _check_file(path: Path, options: Options, cutoff: str) -> _FileResult:
    where = display(path)
    try:
        raw = read_bytes(path, "claims file")
        stored = parse(path, raw, where)
    except InputError as exc:
        return _FileResult(where, [Finding("invalid", options.severity("invalid"), where, exc.line, exc.reason)], [])
    text = raw.decode("utf-8")
    lines = positions.id_lines(text)
    before = options.before
    file_findings: list[Finding] = []
    article_text = _article_text(stored, text, options)
    if isinstance(article_text, Finding):
        file_findings.append(article_text)
        article_text = None
    claims: list[tuple[str, int | None, list[Finding] | None]] = []
    ids_here: set[str] = set()
    for index, claim in enumerate(stored.claims):
        line = lines.get(claim.id)
        if claim.id in ids_here:
            # The second use of an id in one file: id_lines knows only the first.
            line = positions.line_of(text, ["claims", index, "id"])
            claims.append((claim.id, line, []))
            continue
        ids_here.add(claim.id)
        if before is not None and before.get(claim.id) == claim:
            claims.append((claim.id, line, None))
        else:
            claims.append((claim.id, line, list(_check_claim(claim, where, line, options, cutoff, article_text))))
    for index, entry in enumerate(stored.claims_file.set_aside):
        # Set aside: out of every rule, but its id is still taken.
        claims.append((entry.claim.id, positions.line_of(text, ["set_aside", index, "claim", "id"]), None))
    return _FileResult(where, file_findings, claims)


def _finding(
    options: Options, rule: str, where: str, line: int | None, claim: Claim, message: str, url: str | None = None
) -> Finding:
    # Messages quote claim text and URLs: no control character gets through to a log or a report.
    return Finding(rule, options.severity(rule), where, line, clean(message, single_line=True), claim.id, url)


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
    claim: Claim, where: str, line: int | None, options: Options, cutoff: str, article_text: str | None
) -> Iterable[Finding]:
    said = _Said(claim)
    if not claim.sources:
        # A verdict must rest on a source; an unverified claim without one is work in progress.
        if claim.status == Status.UNVERIFIED:
            yield _finding(options, "unsourced-unverified", where, line, claim, f"{said} has no sources yet")
        elif claim.status != Status.OPINION:
            yield _finding(options, "unsourced", where, line, claim, f"{said} has no sources")
    if claim.status == Status.UNSUPPORTED:
        yield _finding(options, "unsupported", where, line, claim, f"{said} is unsupported")
    if claim.review is not None:
        yield _finding(options, "needs-review", where, line, claim, f"{said} needs review: {claim.review.why}")
    for source in claim.sources:
        if source.changed_at is not None:
            message = f"{said}: source {source.url} changed on {source.changed_at[:10]} and its evidence is gone"
            yield _finding(options, "changed-source", where, line, claim, message, source.url)
        if not source.quote:
            message = f"{said}: source {source.url} has no evidence quote"
            yield _finding(options, "missing-quote", where, line, claim, message, source.url)
        check = source.last_check
        if check is not None and check.outcome in UNREACHABLE:
            detail = check.error or (f"HTTP {check.http_status}" if check.http_status else check.outcome)
            message = f"{said}: source {source.url} is {check.outcome} ({detail}, checked {check.at[:10]})"
            yield _finding(options, "dead-source", where, line, claim, message, source.url)
    if claim.sources and claim.status != Status.OPINION:
        last = _last_looked_at(claim)
        if last is None or last < cutoff:
            when = f"since {last[:10]}" if last else "ever"
            message = f"{said} has not been verified {when} (max age {options.max_age} days)"
            yield _finding(options, "stale", where, line, claim, message)
    if article_text is not None:
        lost = anchor.why_unplaced(claim.anchor, claim.text, article_text)
        if lost:
            yield _finding(options, "anchor-lost", where, line, claim, f"{said} {lost}")


def _last_looked_at(claim: Claim) -> str | None:
    """When a person or verify last looked at the claim: its latest event or source check."""
    times = [e.at for e in claim.history]
    times.extend(s.last_check.at for s in claim.sources if s.last_check is not None)
    return max(times) if times else None


def _article_text(stored: StoredFile, text: str, options: Options) -> str | Finding | None:
    """The article text, None when the file names none, or a finding when it may not or cannot be read.

    A path outside the repository (or absolute) is an ``invalid`` finding, and
    the file it names is never opened; an unreadable text is ``anchor-lost``.
    """
    try:
        path = stored.article_path()
    except InputError as exc:
        return Finding(
            "invalid", options.severity("invalid"), stored.shown, exc.line, clean(exc.reason, single_line=True)
        )
    if path is None:
        return None
    try:
        return article.read(path)[0]
    except InputError as exc:
        return Finding(
            "anchor-lost",
            options.severity("anchor-lost"),
            stored.shown,
            positions.line_of(text, ["article", "path"]),
            clean(
                f"the article text cannot be read ({exc.message}), so no claim can be placed in it", single_line=True
            ),
        )
