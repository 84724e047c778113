"""A verify run: fetch each cited source once, find the evidence, record what was found.

Each cited page is one record (``net.probe.Fetched``) carried through four stages:

1. **fetch** every distinct page the chosen claims cite, concurrently, at most
   ``per_host`` at a time to one host (``net.schedule``; pages come from the
   web cache when fresh enough, or ``offline``).  A page is its URL without
   the fragment: sources citing ``URL#a`` and ``URL#b`` share one fetch;
2. **read** the page into text (``net.probe.read_page``), and
3. **judge** it: look for each citing source's quote (or its claim) in the
   text and compare the key facts (``evidence``).  ``evaluate`` does both,
   given all it needs, in worker processes for big runs;
4. **record**: for each claims file, as soon as every page its chosen claims
   cite is done, through the store's one edit path (under its lock, on a
   fresh read), write each source's ``last_check`` and move the claim's
   status by the rules of ``lifecycle``, appending a history event by
   ``verify``.  A file's results never wait for another file's sources, but
   one with a page no server answered for waits until some server answers:
   when none does, from more than one host, the desk's own network failed,
   and those failures are not recorded (``_Pipeline``).

A person's verdict is never moved: the evidence is recorded, drift reported, and
a disagreement flagged for review (``_apply``, ``lifecycle.disputes``).
"""

from __future__ import annotations

import enum
import functools
import hashlib
import re
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

import msgspec

from factcheck.model import defaults
from factcheck.model.claims import (
    TOOLS,
    ArchivedEvidence,
    Claim,
    ClaimsFile,
    Event,
    LastCheck,
    Review,
    Source,
    utc_now,
)
from factcheck.model.errors import InputError
from factcheck.model.vocab import Outcome, Status
from factcheck.net.cache import WebCache, default_folder
from factcheck.net.policy import Policy
from factcheck.net.probe import Fetched, ProbeKind, read_page, remember
from factcheck.net.schedule import Progress, probe_all
from factcheck.store.atomic import sweep
from factcheck.store.edit import update
from factcheck.store.folder import Catalog, StoredFile
from factcheck.text import convert
from factcheck.text.clean import clean
from factcheck.verify import lifecycle

# What a run found is in a module of its own, where renderers read it without loading the store.
from factcheck.verify.results import NO_ANSWER, ClaimResult, Run, SourceResult

if TYPE_CHECKING:
    # Finding evidence needs the key-fact readers, a costly import: it is made
    # where pages are read (worker processes, for big runs), not before fetching starts.
    from factcheck.verify.evidence import Evidence

BY = "verify"
#: How the event of a flag verify raised begins, before the flag's reason.
FLAGGED = "flagged for review: "


@dataclass(frozen=True)
class Options:
    """Everything a verify run can be told: how to fetch (``policy``), and what to do with what comes back."""

    policy: Policy = Policy()  # timeouts, retries, sizes, the addresses allowed, connections per host
    jobs: int = defaults.JOBS  # URLs fetched at the same time
    offline: bool = False
    cache_dir: Path | None = None
    fresh_seconds: float = defaults.FRESH_MINUTES * 60  # a page fetched this recently is not asked for again
    refresh: bool = False  # ask for every page, however fresh the cached copy
    processes: int | None = None  # worker processes reading pages (default: one per CPU beyond the first, for big runs)
    rules: lifecycle.Rules = lifecycle.Rules()
    archive_api: str | None = None  # where to look for archived copies (None: nowhere)
    no_copy_days: float = 0.0  # an archive without the evidence this many days ago or less is not asked again


# --- choosing the claims ----------------------------------------------------------


def in_shard(claim_id: str, shard: tuple[int, int] | None) -> bool:
    """Whether the claim falls in shard I of N: a stable hash of its id, the same on every machine."""
    if shard is None:
        return True
    index, count = shard
    digest = hashlib.sha256(claim_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count == index - 1


def select(
    catalog: Catalog, ids: Sequence[str], shard: tuple[int, int] | None = None
) -> list[tuple[StoredFile, Claim]]:
    """The claims to verify, in file order: the given ids (unknown ones raise), or all when none are given."""
    chosen = [catalog.get(claim_id) for claim_id in dict.fromkeys(ids)] if ids else catalog.claims()
    return [(f, c) for f, c in chosen if in_shard(c.id, shard)]


# --- applying -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Asked:
    """What was looked for in a page, so that an edit made meanwhile is noticed."""

    claim_text: str
    quote: str | None


class _Same(enum.Enum):
    NOTHING_NEW = "nothing new"


#: Found for a source whose page and question are those of its last check: nothing new to record.
NOTHING_NEW = _Same.NOTHING_NEW

#: One citing source: (claim id, the source's URL as cited, fragment and all).
Key = tuple[str, str]

Found = dict[Key, tuple[_Asked, "Evidence | Literal[_Same.NOTHING_NEW] | None"]]


def page_of(url: str) -> str:
    """The page a cited URL names: the URL without its fragment, which the server never sees."""
    return url.partition("#")[0]


Rescued = dict[tuple[str, str], ArchivedEvidence]


def _apply(
    claim: Claim, pages: dict[str, Fetched], found: Found, rescued: Rescued, options: Options, where: str
) -> ClaimResult:
    before = claim.status
    result = ClaimResult(claim.id, where, claim.text, before, before, "")
    checked: dict[str, LastCheck | None] = {}
    for source in claim.sources:
        previous = source.last_check.outcome if source.last_check else None
        got = pages.get(page_of(source.url))
        asked = found.get((claim.id, source.url))
        note = None  # why the source was not checked
        from_cache = True  # nothing new: the last check stands, as it is
        if got is None or asked is None:
            note = "added while this run was going on"
        elif asked[0] != _Asked(claim.text, source.quote):
            note = "the claim or its quote was edited while this run was going on"
        elif got.kind == ProbeKind.UNCACHED and got.error is not None:
            note = got.error
        elif got.kind == ProbeKind.UNREACHED:
            note = f"{NO_ANSWER}: taken as the desk's network, not the source, and nothing recorded; {got.error}"
        elif asked[1] is not NOTHING_NEW:
            digest = lifecycle.looked_for(claim.text, source.quote)
            archived = rescued.get((claim.id, source.url))
            new, note = lifecycle.record(
                got, asked[1], source.last_check, digest, options.rules, options.offline, archived
            )
            from_cache = got.from_cache
            if note is None and new is not None:
                source.last_check = new
                if new.outcome == Outcome.CHANGED and source.changed_at is None:
                    source.changed_at = new.at  # stays until a person acknowledges it
                if new.archived is not None and source.archive_url is None:
                    source.archive_url, source.archived_at = new.archived.url, new.archived.archived_at
        ok = note is None
        checked[source.url] = source.last_check if ok else None
        result.sources.append(
            SourceResult(source.url, source.stance, ok, source.last_check, previous, note, ok and from_cache)
        )
    target, why = lifecycle.decide(claim, checked)
    by_person = claim.verdict_by_person()
    if not claim.sources:
        result.unsourced = not by_person
        result.reason = why if result.unsourced else f"a person's verdict ({claim.status}); no sources to check"
        return result
    if not by_person:
        if target is not None and target != claim.status:
            claim.set_status(target, BY, why)
        result.after = claim.status
        result.reason = why
        return result
    # A person's verdict stands, whatever the evidence says: record it, and flag a disagreement for review.
    result.verdict_kept = True
    says = {Status.VERIFIED: "support it", Status.UNSUPPORTED: "do not support it"}.get(target, "are inconclusive")  # type: ignore[arg-type]
    result.reason = f"a person's verdict ({claim.status}) is kept; the sources {says}: {why}"
    for done in result.sources:
        now = done.last_check.outcome if done.checked and done.last_check else None
        if done.previous and now and now != done.previous:
            result.drift.append(f"{clean(done.url, single_line=True)}: {done.previous} → {now}")
    raised_here = claim.review is not None and claim.review.by == BY
    if lifecycle.disputes(claim, target):
        flag = f"the sources {says}, against the verdict {claim.status}: {why}"
        if claim.review is None and _kept_on(claim, flag):
            pass  # a person looked again after this very flag and kept the verdict: not raised again
        elif claim.review is None or (raised_here and claim.review.why != flag):
            at = utc_now()
            claim.review = Review(since=at, why=flag, by=BY)
            claim.record(BY, f"{FLAGGED}{flag}", at)
        result.flagged = claim.review.why if claim.review else None  # this run's, or the one another raised
    elif raised_here and target is not None:
        claim.review = None  # verify raised it, and the evidence bears the verdict out again
        claim.record(BY, f"review flag cleared: the sources {says}: {why}")
    return result


def _kept_on(claim: Claim, flag: str) -> bool:
    """Whether a person acted on the claim (a verdict, a note, the flag cleared) after verify last flagged it
    for ``flag``: the same dispute, the same sources saying the same, is then theirs to have weighed.  How
    close a quote came (its best match) is no news."""
    raised = _BEST_MATCH.sub("", f"{FLAGGED}{flag}")

    def same(event: Event) -> bool:
        return event.by == BY and _BEST_MATCH.sub("", event.why or "") == raised

    acted = False  # a person's event since the newest event of that flag
    for event in reversed(claim.history):
        if same(event):
            return acted
        acted = acted or event.by not in TOOLS
    return False


_BEST_MATCH = re.compile(r" \(best match [\d.]+ of 100\)")


# --- the run ----------------------------------------------------------------------


#: What reading one page found: the page as read (without its body) and the evidence for each source citing it.
Evaluation = tuple[Fetched, dict[Key, "Evidence"]]


#: What is asked of one page: what each source citing it looks for.
Citing = tuple[tuple[Key, _Asked], ...]


def prepare() -> None:
    """Load what reading a page and finding evidence in it need (in each worker process, as it starts)."""
    convert.prepare()
    from factcheck.verify import evidence  # noqa: F401


def evaluate(threshold: float, cache: WebCache, job: tuple[Fetched, Citing]) -> Evaluation:
    """Read a fetched page, find the evidence for each source citing it, and cache the page with its text's hash.

    Runs in a worker process for big runs: everything it needs comes in its
    arguments, so it works in spawned workers as in forked ones.
    """
    from factcheck.verify import evidence

    fetched, citing = job
    page, text = read_page(fetched)
    found: dict[Key, Evidence] = {}
    if text is not None:
        full = text.full_text if text.kind == "html" else None
        for key, asked in citing:
            found[key] = evidence.find(asked.claim_text, asked.quote, text.text, full, threshold)
    remember(cache, page)  # here too, so that the fetching process need not
    return msgspec.structs.replace(page, body=b""), found  # the body and text are done with


#: Outcomes that reading the same page for the same claim and quote would find again.
_REPRODUCIBLE = frozenset({Outcome.SUPPORTED, Outcome.UNCONFIRMED, Outcome.CONFLICTS, Outcome.WEAK})


class _Pipeline:
    """One run's bookkeeping: what each page is asked, what it gave, and which files still wait for it.

    ``to_read`` and ``done`` are called by ``probe_all``, in the calling
    thread, as each page is fetched and (where it must be) read; ``done``
    saves each claims file whose pages are all done.  A file with a page no
    server answered for waits until some server answers, or the run ends: when
    none did and more than one host was tried, the desk's own network failed,
    and those pages say nothing of their sources (``finish``).
    """

    def __init__(self, chosen: Sequence[tuple[StoredFile, Claim]], options: Options) -> None:
        self.options = options
        self.cache = WebCache(options.cache_dir or default_folder())
        self.citing: dict[str, list[tuple[Key, _Asked]]] = defaultdict(list)
        self.previous: dict[Key, LastCheck | None] = {}
        self.files: dict[Path, tuple[StoredFile, list[Claim]]] = {}
        for stored, claim in chosen:
            self.files.setdefault(stored.path, (stored, []))[1].append(claim)
            for source in claim.sources:
                key = (claim.id, source.url)
                self.citing[page_of(source.url)].append((key, _Asked(claim.text, source.quote)))
                self.previous[key] = source.last_check
        self.cited = {
            path: {page_of(s.url) for c in in_file for s in c.sources} for path, (_, in_file) in self.files.items()
        }
        # The pages each file still waits for; a file leaves once saved.
        self.waiting = {path: set(urls) for path, urls in self.cited.items()}
        self.ready: list[Path] = []  # files whose pages are all done, not yet saved
        self.answered = False  # whether any server answered in this run
        self.unanswered: set[tuple[str | None, int | None]] = set()  # the hosts (and ports) that did not
        self.files_citing: dict[str, list[Path]] = defaultdict(list)
        for path, urls in self.waiting.items():
            for url in urls:
                self.files_citing[url].append(path)
        self.pages: dict[str, Fetched] = {}
        self.found: Found = {}
        self.results: dict[str, ClaimResult] = {}
        self.unsaved: InputError | None = None  # the first file that could not be saved, raised once the run ends

    def to_read(self, fetched: Fetched) -> Citing | None:
        """What to look for in a fetched page; None when every claim citing it already judged this very page."""
        return None if self._unchanged(fetched) else tuple(self.citing[fetched.url])

    def _unchanged(self, fetched: Fetched) -> bool:
        if not fetched.from_cache or fetched.content_hash is None:
            return False
        for key, asked in self.citing[fetched.url]:
            last = self.previous[key]
            if (
                last is None
                or last.content_hash != fetched.content_hash
                or last.looked_for != lifecycle.looked_for(asked.claim_text, asked.quote)
                or last.outcome not in _REPRODUCIBLE
                or lifecycle.days_between(fetched.at, last.at) >= self.options.rules.recheck_days
            ):
                return False
        return True

    def done(self, fetched: Fetched, evaluation: Evaluation | None) -> None:
        """Note what one page gave, and save each file that waited for it alone."""
        url = fetched.url
        judged: Callable[[Key], Evidence | Literal[_Same.NOTHING_NEW] | None]
        if evaluation is not None:
            page, judged = evaluation[0], evaluation[1].get
        elif fetched.kind == ProbeKind.PAGE:  # nothing new: the last checks stand
            page, judged = msgspec.structs.replace(fetched, kind=ProbeKind.OK, body=b""), lambda _: NOTHING_NEW
        else:  # no page: why is all there is to record
            page, judged = fetched, lambda _: None
        for key, asked in self.citing[url]:
            self.found[key] = (asked, judged(key))
        self.pages[url] = page
        self.answered = self.answered or fetched.reached is True
        if fetched.reached is False:
            parts = urlsplit(url)
            self.unanswered.add((parts.hostname, parts.port))
        for path in self.files_citing[url]:
            left = self.waiting[path]
            left.discard(url)
            if not left:
                self.ready.append(path)
        self._save_ready(final=False)

    def _save_ready(self, final: bool) -> None:
        """Save the files that are ready, but not, until the run ends or a server answers, one whose
        failures may yet prove the desk's own."""
        for path in list(self.ready):
            if final or self.answered or all(self.pages[url].reached is not False for url in self.cited[path]):
                self.ready.remove(path)
                self.save(path)

    def finish(self) -> bool:
        """Save the files still held; whether no server answered from any of several hosts (then no page that
        went unanswered says anything of its source)."""
        down = not self.answered and len(self.unanswered) > 1
        if down:
            for url, page in self.pages.items():
                if page.reached is False:
                    self.pages[url] = msgspec.structs.replace(page, kind=ProbeKind.UNREACHED)
        self._save_ready(final=True)
        return down

    def save(self, path: Path) -> None:
        """Record what was found in one claims file, through the store's edit path."""
        del self.waiting[path]
        stored, in_file = self.files[path]
        rescued, archive_failed = _rescue(in_file, self.pages, self.found, self.options, self.cache)
        if archive_failed:  # down or refusing: asked nothing more this run, the checks standing as they are
            self.options = replace(self.options, archive_api=None)
        try:
            self.results.update(_save(stored, [c.id for c in in_file], self.pages, self.found, rescued, self.options))
        except InputError as exc:  # broken or removed meanwhile (a merge, a checkout): the others are still saved
            self.unsaved = self.unsaved or exc


def run(
    chosen: Sequence[tuple[StoredFile, Claim]],
    options: Options,
    progress: Progress[Fetched] | None = None,
) -> Run:
    """Verify the chosen claims and save what was found; see the module docstring."""
    began = time.monotonic()
    pipeline = _Pipeline(chosen, options)
    for path in pipeline.files:  # a quiet rerun writes no file, so no write sweeps what a killed one left
        sweep(path.parent, re.escape(path.name))
    probe_all(
        list(pipeline.citing),
        options.policy,
        functools.partial(evaluate, options.rules.threshold, pipeline.cache),
        pipeline.done,
        to_read=pipeline.to_read,
        prepare=prepare,
        cache=pipeline.cache,
        jobs=options.jobs,
        offline=options.offline,
        fresh_seconds=0.0 if options.refresh else options.fresh_seconds,
        processes=options.processes,
        progress=progress,
    )
    down = pipeline.finish()
    for path in list(pipeline.waiting):
        pipeline.save(path)  # no URL to wait for: claims without sources
    if pipeline.unsaved is not None:
        raise pipeline.unsaved
    ordered = [pipeline.results[c.id] for _, c in chosen if c.id in pipeline.results]
    outcome = Run(ordered, urls=len(pipeline.citing), offline=options.offline, dead_after=options.rules.dead_after)
    outcome.network_down = down
    pages = pipeline.pages.values()
    outcome.from_cache = sum(1 for p in pages if p.from_cache)
    outcome.unresolved = sum(1 for p in pages if not p.requested and p.reached is False)  # no server: a name lookup
    outcome.refused = sum(1 for p in pages if not p.requested) - outcome.unresolved
    outcome.fetched = sum(1 for p in pages if not p.from_cache and p.kind != ProbeKind.UNCACHED and p.requested)
    outcome.seconds = time.monotonic() - began
    return outcome


def _rescue(
    claims: Sequence[Claim], pages: dict[str, Fetched], found: Found, options: Options, cache: WebCache
) -> tuple[Rescued, bool]:
    """The evidence held by archived copies of the pages that died or lost it in this run, and whether the
    archive failed to answer (then it is asked nothing more).

    A source whose check would now be dead or changed (or weak, when a person
    kept an archived copy of it) is looked up in the archive: its own copy
    when it has one, else the copy closest to when the page last answered.
    A snapshot never changes, so evidence found in one before, for the same
    claim and quote, is taken as it is.  Offline, only that is used.  A page
    the archive had no copy of that holds the evidence (none, or one without
    it) is not looked up again for ``no_copy_days``, for the same claim and quote.
    """
    rescued: Rescued = {}
    wanted: list[tuple[Claim, Source, str | None, str]] = []
    for claim in claims:
        for source in claim.sources:
            got, asked = pages.get(page_of(source.url)), found.get((claim.id, source.url))
            if got is None or asked is None or asked[0] != _Asked(claim.text, source.quote):
                continue
            evidence = asked[1]
            if evidence is NOTHING_NEW:
                continue
            previous = source.last_check
            digest = lifecycle.looked_for(claim.text, source.quote)
            new, _ = lifecycle.record(got, evidence, previous, digest, options.rules, options.offline)
            now = new or previous
            if now is None or now.outcome not in lifecycle.RESCUED:
                continue
            if now.outcome == Outcome.WEAK and source.archive_url is None:
                continue  # never found, and nobody kept a copy: nothing to rescue
            if previous is not None and previous.archived is not None and previous.looked_for == digest:
                rescued[(claim.id, source.url)] = previous.archived
                continue
            question = f"{source.archive_url or source.url}\n{digest}"  # the copy asked for, and what it must hold
            since = cache.no_copy_since(question)
            if since is not None and time.time() - since < options.no_copy_days * 86400:
                continue
            when = previous.failing_since or previous.at if previous is not None else None
            wanted.append((claim, source, when, question))
    if not wanted or options.offline or options.archive_api is None:
        return rescued, False
    from factcheck.net import archive
    from factcheck.verify import evidence as evidence_mod

    endpoints = archive.Endpoints(api=options.archive_api)
    policy = options.policy
    with archive.session(policy, endpoints) as client:
        for claim, source, when, question in wanted:
            stamp = archive.timestamp_of(lifecycle.parse_time(when)) if when else None
            try:
                copy = archive.archived_text(source.archive_url or source.url, policy, client, endpoints, stamp)
            except archive.ArchiveError as exc:
                if exc.kind in _ARCHIVE_FAILED:
                    return rescued, True
                if exc.kind in ("none", "unreadable"):
                    cache.note_no_copy(question)
                continue  # no copy, or none to be had of this page: the check stands as it is
            full = copy.text.full_text if copy.text.kind == "html" else None
            found_there = evidence_mod.find(claim.text, source.quote, copy.text.text, full, options.rules.threshold)
            if found_there.supports(options.rules.threshold):
                rescued[(claim.id, source.url)] = ArchivedEvidence(
                    url=copy.snapshot.url,
                    archived_at=copy.snapshot.archived_at,
                    score=found_there.score,
                    passage=clean(found_there.passage, single_line=True) or None,
                )
            else:
                cache.note_no_copy(question)
    return rescued, False


#: What the archive answers when it is down or asked too often, not of one page: each lookup more would wait
#: out its timeouts and retries in turn, for every dead page of the run.
_ARCHIVE_FAILED = frozenset({"failing", "unavailable", "rate-limited"})


def _save(
    stored: StoredFile,
    ids: list[str],
    pages: dict[str, Fetched],
    found: Found,
    rescued: Rescued,
    options: Options,
) -> dict[str, ClaimResult]:
    """Apply the results to one claims file, through the store's edit path; the result of each claim."""
    results: dict[str, ClaimResult] = {}

    def apply_all(claims_file: ClaimsFile) -> None:
        for claim_id in ids:
            current = claims_file.get(claim_id)
            if current is not None:  # removed meanwhile: nothing to record
                results[claim_id] = _apply(current, pages, found, rescued, options, stored.shown)

    update(stored.path, apply_all)
    return results
