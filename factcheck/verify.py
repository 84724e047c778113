"""``factcheck verify``: fetch each cited source once, find the evidence, record what was found.

The run has three stages:

1. **fetch** every distinct URL the chosen claims cite, concurrently, at most
   ``per_host`` at a time to one host (the ``probe`` module; pages come from
   the web cache when ``offline``);
2. **match**: as each page arrives, look for each citing source's quote (or
   its claim) in the page's text and compare the key facts (``evidence``);
3. **apply**: for each claims file, under its lock and on a fresh read of it,
   write each source's ``last_check`` and move the claim's status by the
   rules below, appending a history event by ``verify``.

The rules: only ``unverified``, ``verified`` and ``unsupported`` are ever
changed here.  A claim is verified when one of its supporting sources
supports it; unsupported when none of its supporting sources could (the
evidence was not found, a key fact disagrees, the page changed and the quote
is gone, or the source is dead), or it has no supporting source; otherwise
(a source failing for now, blocked, unreadable or not in the cache) it stays
as it is.  A person's verdict stays too: the evidence is recorded, and drift
(a source whose outcome changed) is reported.

A source that cannot be fetched is ``failing``; after ``dead_after``
failures on separate runs in a row (one count per run) it is ``dead``.
"""

from __future__ import annotations

import hashlib
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck import evidence as evidence_mod
from factcheck import sanitize, store
from factcheck.errors import UsageError
from factcheck.model import AUTOMATIC_STATUSES, VERDICT_STATUSES, Claim, ClaimsFile, FactCheck, LastCheck
from factcheck.paths import display
from factcheck.probe import Probe, Progress, SilentProgress, probe_all

if TYPE_CHECKING:
    from factcheck.fetch import Policy

BY = "verify"
DEAD_AFTER = 3
DEFAULT_JOBS = 16
DEFAULT_PER_HOST = 4

# Outcomes that count against a claim, and those that say nothing either way.
AGAINST = frozenset({"weak", "contradicts", "changed", "dead"})


@dataclass(frozen=True)
class Options:
    """Everything a verify run can be told."""

    jobs: int = DEFAULT_JOBS
    per_host: int = DEFAULT_PER_HOST
    timeout: float = 10.0
    retries: int = 2
    backoff: float = 0.5
    max_bytes: int = 5 * 1024 * 1024
    offline: bool = False
    allow_private: bool = False
    allow_hosts: frozenset[tuple[str, int]] = frozenset()
    cache_dir: Path | None = None
    threshold: float = evidence_mod.THRESHOLD
    dead_after: int = DEAD_AFTER
    resolver: Callable[[str, int], list[str]] | None = None  # tests only: a stand-in for DNS

    def policy(self) -> Policy:
        from factcheck.fetch import Policy

        return Policy(
            timeout=self.timeout,
            retries=self.retries,
            backoff=self.backoff,
            max_bytes=self.max_bytes,
            allow_private=self.allow_private,
            allow_hosts=self.allow_hosts,
            per_host=self.per_host,
            resolver=self.resolver,
        )


# --- options ---------------------------------------------------------------------


def parse_allow_host(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (or ``[V6]:PORT``) as a lower-case host and a port; ValueError when malformed."""
    text = text.strip()
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{text!r} is not HOST:PORT")
    host = host.strip("[]").lower()
    if not host or (":" in host and not _is_ip(host)):
        raise ValueError(f"{text!r} is not HOST:PORT")
    return host, int(port)


def parse_allow_hosts(values: Iterable[str]) -> frozenset[tuple[str, int]]:
    """Every HOST:PORT in ``values``, each of which may list several separated by commas or spaces."""
    return frozenset(parse_allow_host(part) for value in values for part in value.replace(",", " ").split())


def _is_ip(text: str) -> bool:
    from factcheck.fetch import is_ip

    return is_ip(text)


# --- choosing the claims ----------------------------------------------------------


def parse_shard(text: str) -> tuple[int, int]:
    """``I/N`` (1 <= I <= N) as (I, N); UsageError otherwise."""
    index, sep, count = text.partition("/")
    if not sep or not index.strip().isdigit() or not count.strip().isdigit():
        raise UsageError(f"--shard {text!r}: expected I/N, e.g. 1/4")
    i, n = int(index), int(count)
    if not 1 <= i <= n:
        raise UsageError(f"--shard {text!r}: I must be between 1 and N, e.g. 1/{max(n, 1)} to {max(n, 1)}/{max(n, 1)}")
    return i, n


def in_shard(claim_id: str, shard: tuple[int, int] | None) -> bool:
    """Whether the claim falls in shard I of N: a stable hash of its id, the same on every machine."""
    if shard is None:
        return True
    index, count = shard
    digest = hashlib.sha256(claim_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count == index - 1


def select(
    claim_store: store.ClaimStore, ids: Sequence[str], all_claims: bool, shard: tuple[int, int] | None
) -> list[tuple[ClaimsFile, Claim]]:
    """The claims to verify, in file order: the given ids (unknown ones raise) or all of them."""
    if all_claims:
        chosen = [(f, c) for f in claim_store.files for c in f.claims]
    else:
        wanted = dict.fromkeys(ids)
        found = {claim_id: claim_store.get(claim_id) for claim_id in wanted}
        chosen = [found[claim_id] for claim_id in wanted]
    return [(f, c) for f, c in chosen if in_shard(c.id, shard)]


# --- results ----------------------------------------------------------------------


@dataclass
class SourceResult:
    """One source of one claim after this run."""

    url: str
    stance: str
    checked: bool
    last_check: LastCheck | None
    previous: str | None  # the outcome before this run
    note: str | None = None  # why it was not checked
    from_cache: bool = False


@dataclass
class ClaimResult:
    """One claim after this run: its status before and after, why, and its sources."""

    id: str
    file: str
    text: str
    before: str
    after: str
    reason: str
    sources: list[SourceResult] = field(default_factory=list)
    verdict_kept: bool = False
    drift: list[str] = field(default_factory=list)
    unsourced: bool = False

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def ok(self) -> bool:
        """Verified, or a person's verdict: what makes the run succeed."""
        return self.after == "verified" or self.after in VERDICT_STATUSES


@dataclass
class Run:
    """The outcome of a verify run."""

    claims: list[ClaimResult]
    urls: int = 0
    fetched: int = 0
    from_cache: int = 0
    seconds: float = 0.0
    offline: bool = False

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.claims)

    def not_checked(self) -> list[tuple[str, str, str]]:
        """(claim id, url, why) of every source that could not be checked at all."""
        return [(c.id, s.url, s.note or "") for c in self.claims for s in c.sources if not s.checked]


# --- deciding ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Asked:
    """What was looked for in a page, so that an edit made meanwhile is noticed."""

    claim_text: str
    quote: str | None


def _last_check(
    found: Probe, ev: evidence_mod.Evidence | None, previous: LastCheck | None, options: Options
) -> LastCheck:
    """The source's new last_check from this run's probe and evidence, and its last one."""
    failures = previous.failures if previous is not None else 0
    # The last content seen is kept through failures, so a change is noticed after one.
    last_hash = previous.content_hash if previous is not None else None
    check = LastCheck(
        found.at,
        "failing",
        found.http_status,
        found.final_url,
        last_hash,
        error=sanitize.clean(found.error, single_line=True) if found.error else None,
        failures=failures,
    )
    if found.kind == "ok" and ev is not None:
        check.content_hash = found.content_hash
        check.failures = 0
        check.score = ev.score
        check.passage = sanitize.clean(ev.passage, single_line=True) or None
        check.facts = [
            FactCheck(claimed.text, result, sanitize.clean(seen.text, single_line=True) if seen else None)
            for claimed, result, seen in ev.facts
        ]
        if ev.supports(options.threshold):
            check.outcome = "supported"
        elif ev.found(options.threshold):
            check.outcome = "contradicts"
        elif last_hash is not None and last_hash != found.content_hash:
            check.outcome = "changed"
        else:
            check.outcome = "weak"
    elif found.kind == "unreadable":
        check.outcome, check.failures = "unreadable", 0
    elif found.kind == "blocked":
        check.outcome = "blocked"  # says nothing of whether the page is there: the count stays
    elif found.kind in ("gone", "failing"):
        check.failures = failures + 1
        check.outcome = "dead" if check.failures >= options.dead_after else "failing"
        if check.outcome == "dead":
            check.error = f"{check.error}; failed on {check.failures} runs in a row"
    else:  # refused by our own rules: no news about the source
        check.outcome = "failing"
    return check


def _short(url: str) -> str:
    return sanitize.clean(url, single_line=True)


def _against(url: str, check: LastCheck, quoted: bool) -> str:
    if check.outcome == "contradicts":
        for fact in check.facts:
            if fact.result == "disagrees":
                return f"{_short(url)} says {fact.found} where the claim says {fact.fact}"
        return f"a key fact disagrees at {_short(url)}"
    if check.outcome == "changed":
        return f"{_short(url)} changed and the {'quote' if quoted else 'evidence'} is gone"
    if check.outcome == "dead":
        return f"{_short(url)} is gone ({check.error})"
    what = "the quote was not found" if quoted else "nothing like the claim was found"
    return f"{what} at {_short(url)} (best match {check.score:g} of 100)"


def decide(claim: Claim, checked: dict[str, LastCheck | None]) -> tuple[str | None, str]:
    """The status the evidence calls for (None: no change) and why.

    ``checked`` maps each source URL checked this run to its new last_check
    (None: it could not be checked).
    """
    supporting = [s for s in claim.sources if s.stance == "supports"]
    if not claim.sources:
        return None, "no sources to check; add one with `factcheck source add`"
    if not supporting:
        return "unsupported", "none of its sources supports it (they give context or contradict it)"
    for source in supporting:
        check = checked.get(source.url)
        if check is not None and check.outcome == "supported":
            how = "quote found" if source.quote else "evidence found"
            return "verified", f"{how} at {_short(source.url)} (score {check.score:g})"
    for source in supporting:
        check = checked.get(source.url)
        if check is None or check.outcome not in AGAINST:
            if check is None:
                return None, f"could not check {_short(source.url)}"
            return None, f"could not check {_short(source.url)}: {check.outcome}"
    first = supporting[0]
    check = checked[first.url]
    assert check is not None
    return "unsupported", _against(first.url, check, bool(first.quote))


def _apply(
    claim: Claim,
    probes: dict[str, Probe],
    found: dict[tuple[str, str], tuple[_Asked, evidence_mod.Evidence | None]],
    options: Options,
    where: str,
) -> ClaimResult:
    before = claim.status
    result = ClaimResult(claim.id, where, claim.text, before, before, "")
    checked: dict[str, LastCheck | None] = {}
    for source in claim.sources:
        previous = source.last_check.outcome if source.last_check else None
        got = probes.get(source.url)
        asked = found.get((claim.id, source.url))
        note = None
        if got is None or asked is None:
            note = "added while this run was going on"
        elif asked[0] != _Asked(claim.text, source.quote):
            note = "the claim or its quote was edited while this run was going on"
        elif got.kind == "uncached":
            note = got.error
        if note is not None:
            checked[source.url] = None
            result.sources.append(SourceResult(source.url, source.stance, False, source.last_check, previous, note))
            continue
        assert got is not None and asked is not None
        source.last_check = _last_check(got, asked[1], source.last_check, options)
        checked[source.url] = source.last_check
        result.sources.append(
            SourceResult(source.url, source.stance, True, source.last_check, previous, None, got.from_cache)
        )
    target, why = decide(claim, checked)
    if not claim.sources:
        result.unsourced = claim.status in AUTOMATIC_STATUSES
        result.reason = why if result.unsourced else f"a person's verdict ({claim.status}); no sources to check"
        return result
    if claim.status in AUTOMATIC_STATUSES:
        if target is not None and target != claim.status:
            claim.set_status(target, BY, why)
        result.after = claim.status
        result.reason = why
        return result
    # A person's verdict stands; say what the sources say now and what moved.
    result.verdict_kept = True
    says = {"verified": "support it", "unsupported": "do not support it"}.get(target or "", "are inconclusive")
    result.reason = f"a person's verdict ({claim.status}) is kept; the sources {says}: {why}"
    for done in result.sources:
        now = done.last_check.outcome if done.checked and done.last_check else None
        if done.previous and now and now != done.previous:
            result.drift.append(f"{_short(done.url)}: {done.previous} → {now}")
    return result


# --- the run ----------------------------------------------------------------------


def run(
    claim_store: store.ClaimStore,
    chosen: Sequence[tuple[ClaimsFile, Claim]],
    options: Options,
    progress: Progress | None = None,
) -> Run:
    """Verify the chosen claims and save what was found; see the module docstring."""
    began = time.monotonic()
    progress = progress or SilentProgress()
    citing: dict[str, list[tuple[str, _Asked]]] = defaultdict(list)
    for _, claim in chosen:
        for source in claim.sources:
            citing[source.url].append((claim.id, _Asked(claim.text, source.quote)))
    probes: dict[str, Probe] = {}
    found: dict[tuple[str, str], tuple[_Asked, evidence_mod.Evidence | None]] = {}

    def match(result: Probe) -> None:
        extracted = result.extracted
        for claim_id, asked in citing[result.url]:
            ev = None
            if extracted is not None:
                full = extracted.full_text if extracted.kind == "html" else None
                ev = evidence_mod.find(asked.claim_text, asked.quote, extracted.text, full, options.threshold)
            found[(claim_id, result.url)] = (asked, ev)
        result.extracted = None  # the text is done with; 500 pages need not stay in memory
        probes[result.url] = result

    probe_all(list(citing), options, progress, match)
    results = _save(chosen, probes, found, options)
    outcome = Run(results, urls=len(citing), offline=options.offline)
    outcome.from_cache = sum(1 for p in probes.values() if p.from_cache)
    outcome.fetched = sum(1 for p in probes.values() if p.kind != "uncached" and not options.offline)
    outcome.seconds = time.monotonic() - began
    return outcome


def _save(
    chosen: Sequence[tuple[ClaimsFile, Claim]],
    probes: dict[str, Probe],
    found: dict[tuple[str, str], tuple[_Asked, evidence_mod.Evidence | None]],
    options: Options,
) -> list[ClaimResult]:
    """Apply the results file by file, each under its lock on a fresh read, and write it."""
    by_file: dict[Path, list[str]] = defaultdict(list)
    for claims_file, claim in chosen:
        by_file[claims_file.path].append(claim.id)
    results: dict[str, ClaimResult] = {}
    for path, ids in by_file.items():
        where = display(path)
        with store.locked(path):
            fresh = store.read(path)
            for claim_id in ids:
                current = fresh.get(claim_id)
                if current is None:
                    continue  # removed meanwhile: nothing to record
                results[claim_id] = _apply(current, probes, found, options, where)
            store.write(fresh)
    return [results[c.id] for _, c in chosen if c.id in results]
