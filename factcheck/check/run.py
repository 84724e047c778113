"""Running the checks over a claims path.

Unlike the other commands, a broken file does not stop the run: it becomes
an ``invalid`` finding like any other, and the remaining files are checked.
Every finding carries the claims file path and the line of the claim's
``"id"``, so CI annotations land on the right line.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, compress, repeat
from pathlib import Path
from typing import NamedTuple

import msgspec

from factcheck.check.rules import RULES, Checked, Finding, Options, Result
from factcheck.model.claims import Claim
from factcheck.model.errors import InputError
from factcheck.model.vocab import UNREACHABLE, Outcome, Severity, Status
from factcheck.store import positions
from factcheck.store.folder import StoredFile, bulk, discover, parse, read_raw, repair
from factcheck.store.parallel import map_files
from factcheck.store.paths import display
from factcheck.text import anchor, article
from factcheck.text.clean import clean, number, quoted


class _FileResult(NamedTuple):
    """What checking one file found.

    ``ids`` are the ids the file uses (its ``claims`` claims', then its
    set-aside claims'), with their ``lines``; ``counts`` says how many findings each has
    (-1: not checked, as a set-aside claim or one unchanged since the older
    revision).  ``findings`` are the file's own ``own`` findings, then each
    claim's in turn.  ``repeats``: the file uses an id twice.
    """

    where: str
    findings: list[Finding]
    own: int
    ids: list[str]
    lines: list[int | None]
    counts: list[int]
    repeats: bool
    claims: int


Key = tuple[str, str, str]  # what a baseline entry matches: rule, claim id (or file) and url


class Run:
    """One check of a claims path, whose findings come as the files are checked.

    ``findings()`` yields each finding as soon as its file is checked and
    merged, so that a renderer can work while the workers check the rest, and
    keeps it in ``result``; once they are all through, ``result`` is complete.
    Findings of rules that are off are left out, and so are those a baseline
    accepts (``accepted``: its entries' keys), which go to ``result.accepted``;
    accepted keys that match no finding end up in ``result.unmatched``, in
    their order.
    """

    def __init__(
        self,
        root: Path,
        options: Options,
        processes: int | None = None,
        accepted: Sequence[Key] = (),
        no_claims_yet: bool = False,
    ) -> None:
        # no_claims_yet: the caller found the default claims folder not there yet, which holds no claims.
        self.paths = [] if no_claims_yet else discover(root)
        self.options = options
        self.processes = processes
        self.accepted = accepted
        self.result = Result([], len(self.paths))
        self._found: Iterator[Finding] | None = None

    def findings(self) -> Iterator[Finding]:
        """The findings, in order, as they are found (one stream: a second call continues it)."""
        if self._found is None:
            self._found = chain.from_iterable(self._files())
        return self._found

    def complete(self) -> Result:
        """The result, once every file is checked."""
        for _ in self.findings():
            pass
        return self.result

    def _files(self) -> Iterator[list[Finding]]:
        """Each file's findings, kept in the result as they come."""
        options = self.options
        on = {rule for rule in RULES if options.enabled(rule)}
        every_rule = len(on) == len(RULES)
        accepted = set(self.accepted)
        seen: set[Key] = set()
        kept = self.result.findings
        present: dict[str, int] = {}  # every claim id of the run, filled in by _merge
        work = functools.partial(_check_file_packed, options=options, cutoff=_cutoff(options))
        with bulk():
            packed = map_files(self.paths, work, self.processes)
            results = (_unpack(p) if isinstance(p, bytes) else p for p in packed)
            for findings in _merge(results, options, self.result.checked, present):
                if not every_rule:
                    findings = [f for f in findings if f.rule in on]
                if accepted:
                    keys = [f.key for f in findings]
                    seen.update(keys)
                    self.result.accepted.extend(f for f, key in zip(findings, keys, strict=True) if key in accepted)
                    findings = [f for f, key in zip(findings, keys, strict=True) if key not in accepted]
                kept.extend(findings)
                yield findings
        # Only an entry this run could have matched can be found to match nothing: not one
        # of a rule that is off (--select, --ignore, a severity of off), nor, with
        # --changed-since, one of a claim left unchecked because it is unchanged (those
        # of the claims checked, of the files and of claims that are gone can).
        skipped = RULES.keys() - on
        judged = {c.claim for c in self.result.checked} if options.before is not None else None
        self.result.unmatched = [
            key
            for key in self.accepted
            if key not in seen
            and key[0] not in skipped
            and (judged is None or key[1] not in present or key[1] in judged)
        ]


def run(root: Path, options: Options, processes: int | None = None, no_claims_yet: bool = False) -> Result:
    """Check every claims file under ``root``; big folders in ``processes`` processes (default: one per CPU).

    ``no_claims_yet``: ``root`` is the default claims folder, not there yet: nothing to check, and no finding.
    """
    return Run(root, options, processes, no_claims_yet=no_claims_yet).complete()


def _merge(
    results: Iterable[_FileResult], options: Options, checked: list[Checked], first: dict[str, int]
) -> Iterator[list[Finding]]:
    """Each file's findings in turn, noting each checked claim; an id seen in an earlier place is a duplicate.

    ``first`` is filled in with each claim id's first file, by number.
    """
    files: list[tuple[str, list[str], list[int | None], int]] = []  # each file's place, ids, lines and claims
    for where, findings, own, ids, lines, counts, repeats, claims in results:
        number = len(files)
        files.append((where, ids, lines, claims))
        flags = [count >= 0 for count in counts]
        if not repeats and first.keys().isdisjoint(ids):
            # Ids new to the run, as they mostly are: nothing to look at claim by claim.
            first.update(zip(ids, repeat(number)))
            checked.extend(map(Checked, repeat(where), compress(ids, flags), compress(lines, flags)))
            yield findings
            continue
        merged = findings[:own]
        at = own
        for index, (claim_id, line, count) in enumerate(zip(ids, lines, counts)):
            mine = findings[at : at + count] if count > 0 else []
            at += max(count, 0)
            if claim_id in first:
                earlier, earlier_ids, earlier_lines, earlier_claims = files[first[claim_id]]
                earlier_index = earlier_ids.index(claim_id)
                fix = repair(claim_id, (earlier, earlier_index < earlier_claims), (where, index < claims))
                message = f"claim id {claim_id!r} is also used at {earlier}:{earlier_lines[earlier_index]}; {fix}"
                merged.append(Finding("duplicate-id", options.severity("duplicate-id"), where, line, message, claim_id))
                continue
            first[claim_id] = number
            if count >= 0:
                checked.append(Checked(where, claim_id, line))
                merged.extend(mine)
        yield merged


def claims_at(root: Path, revision: str) -> dict[str, Claim]:
    """Every claim under ``root`` where HEAD parted from a git revision, by id (broken old files are skipped)."""
    # Only checking changed claims pays for loading git support.
    from factcheck.store import git

    repo = git.find_repo(root)
    if repo is None:
        if git.no_repo("") == git.NO_GIT:
            raise InputError(f"{git.NO_GIT}; checking only changed claims needs it")
        raise InputError(f"checking only changed claims needs a git repository, and {display(root)} is not in one")
    commit = repo.commit(revision)
    if commit is None:
        raise InputError(f"{revision!r} is not a revision of this repository{repo.shallow_hint()}")
    # As git diff REV...HEAD: from where the branch parted, so what REV changed since is not counted.
    head = repo.commit("HEAD")
    if head is not None:
        commit = repo.merge_base(commit, head)
        if commit is None:
            raise InputError(f"{revision!r} and HEAD share no history{repo.shallow_hint()}")
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


# A file's result crosses from a worker process as msgpack: msgspec decodes it
# into findings in C, where unpickling costs a call per finding and severity.
_pack = msgspec.msgpack.Encoder().encode
_unpack = msgspec.msgpack.Decoder(_FileResult).decode


def _check_file_packed(path: Path, options: Options, cutoff: str) -> bytes | _FileResult:
    result = _check_file(path, options, cutoff)
    try:
        return _pack(result)
    except UnicodeEncodeError:  # a lone surrogate (a file name that is not UTF-8): sent as it is
        return result


def _check_file(path: Path, options: Options, cutoff: str) -> _FileResult:
    where = display(path)
    try:
        raw = read_raw(path)
        stored = parse(path, raw, where)
    except InputError as exc:
        invalid = Finding("invalid", options.severity("invalid"), where, exc.line, exc.reason)
        return _FileResult(where, [invalid], 1, [], [], [], False, 0)
    before = options.before
    findings: list[Finding] = []
    article_text = _article_text(stored, raw, options)
    if isinstance(article_text, Finding):
        findings.append(article_text)
        article_text = None
    own = len(findings)
    claims = stored.claims
    set_aside = stored.claims_file.set_aside
    ids = [claim.id for claim in claims]
    ids_here = set(ids)
    # An id used twice in the file (rare): its second use is not checked, and id_lines knows only its first line.
    repeated: set[str] | None = set() if len(ids_here) != len(ids) else None
    # Most files are laid out as factcheck writes them, where the claims' lines are found in the bytes.
    found_lines = None if repeated is not None or set_aside else positions.claim_lines(raw, ids)
    lines: list[int | None]
    if found_lines is None:
        text = raw.decode("utf-8")
        id_lines = positions.id_lines(text)
        lines = list(map(id_lines.get, ids))
    else:
        lines = list(found_lines)
    severity = {rule: options.severity(rule) for rule in RULES}  # looked up once, not per finding
    counts: list[int] = []
    for index, claim in enumerate(claims):
        if repeated is not None:
            if claim.id in repeated:
                lines[index] = positions.line_of(text, ["claims", index, "id"])
                counts.append(0)
                continue
            repeated.add(claim.id)
        if before is not None and before.get(claim.id) == claim:
            counts.append(-1)
            continue
        found = _check_claim(claim, where, lines[index], options, severity, cutoff, article_text, claims)
        if found:
            findings.extend(found)
        counts.append(len(found))
    for index, entry in enumerate(set_aside):
        # Set aside: out of every rule, but its id is still taken.
        claim_id = entry.claim.id
        if claim_id in ids_here:  # id_lines knows only an id's first line
            lines.append(positions.line_of(text, ["set_aside", index, "claim", "id"]))
        else:
            ids_here.add(claim_id)
            lines.append(id_lines.get(claim_id))
        ids.append(claim_id)
        counts.append(-1)
    return _FileResult(where, findings, own, ids, lines, counts, len(set(ids)) != len(ids), len(claims))


def _said(claim: Claim) -> str:
    """A claim's id and the start of its text (white space folded), as messages name it."""
    text = claim.text
    # Printable text has no white space but plain spaces: single ones inside it are already folded.
    if not text.isprintable() or "  " in text or text.startswith(" ") or text.endswith(" "):
        text = " ".join(text.split())
    if len(text) > 60:
        # Cut after the last whole word that fits, so no word is left half-written;
        # a text with no space early enough (one long word, a URL) is cut where it reaches the width.
        cut = text.rfind(" ", 0, 60)
        if cut < 30:
            cut = 59
        text = text[:cut].rstrip(" ,;:-–—") + "…"
    return f"{claim.id} {quoted(text)}"


# Looking a member up on its enum class runs Python code: once, here.
_UNVERIFIED, _OPINION, _UNSUPPORTED = Status.UNVERIFIED, Status.OPINION, Status.UNSUPPORTED
#: What each outcome dead-source warns of means: only ``dead`` is a source gone (failed on several runs in a row).
_UNREACHABLE_WORDS = {Outcome.FAILING: "failing, not dead yet", Outcome.BLOCKED: "blocked: the site refuses robots"}


def _check_claim(
    claim: Claim,
    where: str,
    line: int | None,
    options: Options,
    severity: dict[str, Severity],
    cutoff: str,
    article_text: str | None,
    others: list[Claim],
) -> list[Finding]:
    """The claim's findings, in rule order; each message starts with the claim as ``_said`` names it."""
    # Most claims break a rule or two: the rules note what they found (rule,
    # the rest of the message, url), and the messages are made once, at the end.
    found: list[tuple[str, str, str | None]] = []
    status = claim.status
    sources = claim.sources
    if not sources:
        # A verdict must rest on a source; an unverified claim without one is work in progress.
        if status == _UNVERIFIED:
            found.append(("unsourced-unverified", " has no sources yet", None))
        elif status != _OPINION:
            found.append(("unsourced", " has no sources", None))
    if status == _UNSUPPORTED:
        found.append(("unsupported", " is unsupported", None))
    if claim.review is not None:
        found.append(("needs-review", f" needs review: {claim.review.why}", None))
    strong = options.strong_matches.get(claim.id) if options.strong_matches else None
    if strong is not None:
        url, score = strong
        found.append(("strong-match", f" may be checked already: {url} matches it (score {number(score, 2)})", url))
    last = None
    for source in sources:
        url = source.url
        if source.changed_at is not None:
            found.append(
                ("changed-source", f": source {url} changed on {source.changed_at[:10]} and its evidence is gone", url)
            )
        if not source.quote:
            found.append(("missing-quote", f": source {url} has no evidence quote", url))
        check = source.last_check
        if check is not None:
            if check.outcome in UNREACHABLE:
                detail = check.error or (f"HTTP {check.http_status}" if check.http_status else check.outcome)
                state = _UNREACHABLE_WORDS.get(check.outcome, check.outcome)
                found.append(("dead-source", f": source {url} is {state} ({detail}, checked {check.at[:10]})", url))
            if last is None or check.at > last:
                last = check.at
    if sources and status != _OPINION and (last is None or last < cutoff):
        # When a person or verify last looked at the claim: its latest event or source check.
        # (A source checked since the cutoff is enough: no event can make the claim stale.)
        for event in claim.history:
            if last is None or event.at > last:
                last = event.at
        if last is None or last < cutoff:
            when = f"since {last[:10]}" if last else "ever"
            found.append(("stale", f" has not been verified {when} (max age {options.max_age} days)", None))
    if article_text is not None:
        lost = anchor.why_unplaced(claim.anchor, claim.text, article_text)
        if not lost and claim.anchor is not None and not anchor.is_valid(claim.anchor, article_text):
            # Found only fuzzily: the article words the claim otherwise now (a figure corrected, say), and the
            # claim and its verdict are still about the old words until extract re-anchors it -- unless
            # another claim holds those words, when extract leaves this one lost.
            located = anchor.locate(claim.anchor, article_text)
            if located.status == "fuzzy" and _held(located, claim, others, article_text):
                lost = "can no longer be found in the article"
            elif located.status == "fuzzy":
                again = "the article words it otherwise now; extract the article into its claims file again"
                found.append(("anchor-lost", f" can no longer be found word for word: {again}", None))
        if lost:
            cid = claim.id
            lost += (
                f": factcheck anchor {cid} TEXT re-attaches it, factcheck retire {cid} --note WHY sets it aside if cut"
            )
            found.append(("anchor-lost", f" {lost}", None))
    if not found:
        return []
    said = _said(claim)
    claim_id = claim.id
    # Messages quote claim text and URLs: no control character gets through to a log or a report.
    return [
        Finding(rule, severity[rule], where, line, clean(said + rest, single_line=True), claim_id, url)
        for rule, rest, url in found
    ]


def _held(located: anchor.Located, claim: Claim, claims: list[Claim], text: str) -> bool:
    """Whether another claim's anchor, still valid, covers part of the place ``claim`` was found at fuzzily."""
    start, end = located.start or 0, located.end or 0
    for other in claims:
        held = other.anchor
        if other is not claim and held is not None and held.start is not None and held.end is not None:
            if held.start < end and start < held.end and anchor.is_valid(held, text):
                return True
    return False


def _article_text(stored: StoredFile, raw: bytes, options: Options) -> str | Finding | None:
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
        return article.read_text(path)
    except InputError as exc:
        return Finding(
            "anchor-lost",
            options.severity("anchor-lost"),
            stored.shown,
            positions.line_of(raw.decode("utf-8"), ["article", "path"]),
            clean(
                f"the article text cannot be read ({exc.message}), so no claim can be placed in it", single_line=True
            ),
        )
