"""Placing every claim of a file in an edited article at once, telling identical sentences apart by their order.

``anchor.locate`` places one claim from what its anchor remembers: its quote
and the few words around it.  A sentence that occurs many times (a speaker's
refrain in a transcript, boilerplate in a report) cannot be told apart that
way: every copy fits, and their context is often the same.  What does tell
them apart is their order among the other claims, which an edit rarely
changes.  So ``place`` works as a diff does:

1. claims whose quote occurs once in the article, and in no other claim, are
   placed there: these are the pegs;
2. the claims that share a quote with others, or whose quote occurs several
   times, are placed, in their old order, on the copies of their quote that
   lie between the pegs placed before and after them (their gap); when a gap
   holds as many copies as claims, the n-th claim gets the n-th copy;
3. the rest (quotes edited, or found nowhere in their gap) are looked for by
   ``anchor.locate`` between the claims now placed around them, where a
   sentence edited in place is, and where look-alike sentences elsewhere
   cannot be mistaken for it; a quote not found there, or barely, is looked
   for anywhere, unless its words also occur elsewhere, as other claims'
   sentences.

Every step looks up each distinct quote once, and a gap only around its
claims, so placing stays about linear in the size of the article and the
number of claims.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from factcheck.model.claims import Anchor
from factcheck.text import anchor as anchors
from factcheck.text.anchor import Located
from factcheck.text.occurrences import TextIndex

#: Matching n claims to m copies by their context costs n * m comparisons; above this, by position alone.
MAX_PAIRS = 20_000
#: A quote edited this little, found between its neighbours, is not looked for further away.
SURE = 0.9
#: Enough for every copy of a refrain in the largest article extract reads.
ALL = 1 << 30


def place(wanted: Sequence[Anchor | None], index: TextIndex) -> list[Located]:
    """Where each anchor is in the index's text now (``not-found`` for None), as ``anchor.locate`` would say,
    with sentences that repeat told apart by the order of the claims."""
    n = len(wanted)
    out: list[Located | None] = [None] * n
    hits = _Hits(index)
    by_quote: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(wanted):
        if a is None or not a.exact:
            out[i] = anchors.NOT_FOUND
        else:
            by_quote[a.exact].append(i)

    pegs: list[int] = []
    shared: list[int] = []
    for quote, claims in by_quote.items():
        copies = hits(quote)
        if len(claims) == 1 and len(copies) == 1:
            (i,) = claims
            out[i] = _at(wanted[i], copies[0])  # type: ignore[arg-type]
            pegs.append(i)
        elif copies:
            shared.extend(claims)

    # Step 2: claims that share their quote, between the pegs around them.
    gaps = _Gaps(_spans(wanted, out, pegs), len(index.text))
    groups: dict[tuple[int, int, str], list[int]] = defaultdict(list)
    for i in shared:
        a = wanted[i]
        assert a is not None
        groups[(*gaps.around(a.start), a.exact)].append(i)
    for (lo, hi, quote), claims in groups.items():
        everywhere = hits(quote)
        copies = everywhere[bisect_left(everywhere, lo) : bisect_right(everywhere, hi - len(quote))]
        claims.sort(key=lambda i: (wanted[i].start, i))  # type: ignore[union-attr]
        for i, at in _match(claims, copies, wanted, index.text).items():
            out[i] = _at(wanted[i], at)  # type: ignore[arg-type]

    # Step 3: what is left, one claim at a time, with the claims now placed around it.
    spans = _spans(wanted, out, range(n))
    placed = _Gaps(spans, len(index.text))
    taken = {start: end for _, start, end in spans}
    for i in range(n):
        if out[i] is not None:
            continue
        a = wanted[i]
        assert a is not None
        near = anchors.locate(a, index, within=placed.around(a.start))
        if hits(a.exact) or (near.found and near.confidence >= SURE):
            # Its words occur elsewhere, as other claims' sentences: only its own place will do.
            found = near
        else:
            # Edited beyond a typo, or moved away with its neighbours left behind: anywhere will do.
            anywhere = anchors.locate(a, index)
            found = anywhere if anywhere.found or not near.found else near
        if _taken(found, taken):
            # A look-alike sentence that another claim has, word for word: the claim's own sentence is gone.
            found = anchors.NOT_FOUND
        elif found.start is not None and found.end is not None:
            taken[found.start] = found.end
        out[i] = found
    return out  # type: ignore[return-value]


def _taken(found: Located, taken: dict[int, int], slack: int = 3) -> bool:
    """Whether another claim is placed on (about) the same span."""
    if found.start is None or found.end is None:
        return False
    return any(
        (end := taken.get(start)) is not None and abs(end - found.end) <= slack
        for start in range(found.start - slack, found.start + slack + 1)
    )


def _spans(
    wanted: Sequence[Anchor | None], out: Sequence[Located | None], claims: Iterable[int]
) -> list[tuple[int, int, int]]:
    """(old start, new start, new end) of each of ``claims`` placed so far."""
    spans = []
    for i in claims:
        a, found = wanted[i], out[i]
        if a is not None and found is not None and found.start is not None and found.end is not None:
            spans.append((a.start, found.start, found.end))
    return spans


def _at(a: Anchor, at: int) -> Located:
    return Located("exact" if at == a.start else "moved", at, at + len(a.exact), 1.0)


class _Hits:
    """Every occurrence of a quote, looked up once however many claims share it."""

    def __init__(self, index: TextIndex) -> None:
        self.index = index
        self.seen: dict[str, list[int]] = {}

    def __call__(self, quote: str) -> list[int]:
        found = self.seen.get(quote)
        if found is None:
            found = self.seen[quote] = self.index.occurrences(quote, limit=ALL)
        return found


class _Gaps:
    """For an old offset, the stretch of the new text between the placed claims before and after it."""

    def __init__(self, placed: list[tuple[int, int, int]], size: int) -> None:
        """``placed``: (old start, new start, new end) of each claim placed so far."""
        self.size = size
        placed = sorted(placed)
        self.old = [old for old, _, _ in placed]
        self.spans = [(start, end) for _, start, end in placed]
        # The placed claims still in their old order (the longest run that is): a
        # paragraph moved elsewhere must not make its old neighbours' gap empty.
        keep = _increasing([start for start, _ in self.spans])
        self.skeleton_old = [self.old[k] for k in keep]
        self.skeleton = [self.spans[k] for k in keep]

    def around(self, old_start: int) -> tuple[int, int]:
        """``(lo, hi)``: after the claim placed just before ``old_start``, before the one placed just after
        (of all the claims placed, else of those still in their old order, else the whole text)."""
        for olds, spans in ((self.old, self.spans), (self.skeleton_old, self.skeleton)):
            k = bisect_left(olds, old_start)
            lo = spans[k - 1][1] if k > 0 else 0
            hi = spans[k][0] if k < len(spans) else self.size
            if lo <= hi:
                return lo, hi
        return 0, self.size


def _increasing(values: list[int]) -> list[int]:
    """The positions of a longest strictly increasing run (not necessarily contiguous) of ``values``: patience sorting."""
    tails: list[int] = []  # tails[k]: the smallest last value of an increasing run of length k + 1 so far
    ends: list[int] = []  # ends[k]: the position of that value
    before = [-1] * len(values)
    for pos, value in enumerate(values):
        k = bisect_left(tails, value)
        if k > 0:
            before[pos] = ends[k - 1]
        if k == len(tails):
            tails.append(value)
            ends.append(pos)
        else:
            tails[k], ends[k] = value, pos
    run: list[int] = []
    at = ends[-1] if ends else -1
    while at != -1:
        run.append(at)
        at = before[at]
    return run[::-1]


def _match(claims: list[int], copies: list[int], wanted: Sequence[Anchor | None], text: str) -> dict[int, int]:
    """Claims (in old order) to copies of their quote (in new order), order kept: claim -> offset.

    As many copies as claims: the n-th to the n-th.  Otherwise the order-keeping
    matching that places the most claims and, among those, best fits their
    context; for very many pairs, each claim takes the copy nearest where it
    was, when that keeps the order.
    """
    if not copies:
        return {}
    if len(claims) == len(copies):
        return dict(zip(claims, copies, strict=True))
    if len(claims) * len(copies) > MAX_PAIRS:
        return _nearest(claims, copies, wanted)
    scorers: list[Callable[[int, int], float]] = [
        anchors.context_scorer(wanted[i], text)  # type: ignore[arg-type]
        for i in claims
    ]
    size = len(wanted[claims[0]].exact)  # type: ignore[union-attr]
    n, m = len(claims), len(copies)
    # best[i][j]: (claims placed, context) using the first i claims and the first j copies.
    best = [[(0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        row, up = best[i], best[i - 1]
        for j in range(1, m + 1):
            placed, fit = up[j - 1]
            take = (placed + 1, fit + scorers[i - 1](copies[j - 1], copies[j - 1] + size))
            row[j] = max(take, up[j], row[j - 1])
    pairs: dict[int, int] = {}
    i, j = n, m
    while i > 0 and j > 0:
        if best[i][j] == best[i - 1][j]:
            i -= 1
        elif best[i][j] == best[i][j - 1]:
            j -= 1
        else:
            pairs[claims[i - 1]] = copies[j - 1]
            i, j = i - 1, j - 1
    return pairs


def _nearest(claims: list[int], copies: list[int], wanted: Sequence[Anchor | None]) -> dict[int, int]:
    """Each claim on the copy nearest its old offset, dropping any that would break the order or share a copy."""
    pairs: dict[int, int] = {}
    last = -1
    for i in claims:
        old = wanted[i].start  # type: ignore[union-attr]
        k = bisect_left(copies, old)
        options = [c for c in copies[max(0, k - 1) : k + 1] if c > last]
        if options:
            pick = min(options, key=lambda c: abs(c - old))
            pairs[i] = last = pick
    return pairs
