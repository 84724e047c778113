"""Pairing a claim's facts with a passage's: ``align`` (and ``compare``, for facts already
read) gives each claim fact at most one partner that speaks of the same thing -- by the words
around them and by their values -- and says whether the pair agrees or disagrees.
"""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.model.vocab import FactResult

from .comparison import judge
from .context import set_context
from .dates import date_interval
from .fact import AGREES, DISAGREES, MISSING, TALLY, VAGUER, Fact, Pairing, base_value

#: How much the words around two facts must overlap for a conflict between them to count.
#: The overlap is the sum, over the stems the two contexts share, of the product of their
#: weights (1 for the nearest word, falling with distance): one shared neighbouring word is 1.
MIN_CONTEXT = 0.5
#: How much agreeing values count, against overlapping words, when facts are paired; a
#: passage value that only allows the claim's (a range, a bound) counts half as much.
AGREEMENT_WEIGHT = 1.0
_VALUE_WEIGHT = {AGREES: AGREEMENT_WEIGHT, VAGUER: AGREEMENT_WEIGHT / 2}


def _similarity(a: Sequence[tuple[str, float]] | None, b: Sequence[tuple[str, float]] | None) -> float:
    """How much two contexts overlap; a fact whose context could not be worked out (made by
    hand, with no text to read it from) has None, and overlaps nothing."""
    if not a or not b:
        return 0.0
    other = dict(b)
    return sum(w * other[s] for s, w in a if s in other)


def _prepared(text: str | None, facts: Sequence[Fact]) -> list[Fact]:
    """The facts, each with the words around it, worked out (once) from the text it was read
    from; facts made by hand take them from ``text``."""
    facts = list(facts)
    pending: dict[int, tuple[str, list[Fact]]] = {}
    for fact in facts:
        if fact.context is None:
            source = fact.source or text or ""
            pending.setdefault(id(source), (source, []))[1].append(fact)
    for source, group in pending.values():
        if source:
            set_context(source, sorted(group, key=lambda f: f.start))
    return facts


def _groups(facts: Sequence[Fact]) -> list[int]:
    """For each fact, the index of the first fact of its group: a fact and its restatements
    in other units ("110.6 metres (363 ft)") count as one."""
    group: list[int] = []
    for i, fact in enumerate(facts):
        same = i > 0 and fact.restates and facts[i - 1].kind == fact.kind
        group.append(group[i - 1] if same else i)
    return group


def _is_period(fact: Fact) -> bool:
    """Whether a fact spans values (a range, a period, a decade), so may stand for several claim values;
    a tally's two counts are one value, not a span."""
    if fact.unit == TALLY:
        return False
    return fact.high is not None or (fact.kind == "date" and "/" in str(fact.value))  # decades too


def align(
    claim_text: str | None,
    claim_facts: Sequence[Fact],
    passage_text: str | None,
    passage_facts: Sequence[Fact],
) -> list[Pairing]:
    """Pair each of a claim's facts with at most one passage fact, and judge each pair.

    Candidates are facts of the same kind and dimension (money in the same currency,
    lengths with lengths, dates with dates ...). A pair scores the overlap of the words
    around its two facts, plus ``AGREEMENT_WEIGHT`` when the values agree (half of it when
    the passage's value only allows the claim's: ``VAGUER``); pairs are
    taken best first, each passage fact (with its restatements in other units) used
    once -- except that a range or a period may stand for every claim value inside it
    ("2015 and 2016" in "2014–16"). A pair whose values conflict is kept only when it
    is plainly the same thing: the words around them overlap by ``MIN_CONTEXT`` or
    more, and a bare count also shares the word it counts ("27 islands"); but when the
    claim's figure has no words around it at all, the closest value of the same kind is
    taken. A claim fact without a partner is
    ``MISSING``; the passage then says nothing against it, nor does a ``VAGUER`` one.
    Facts that are no key facts (ranks: ``KEY_KINDS``) are left out: they get no pairing.
    """
    claims, claim_facts = _key_facts(claim_text, claim_facts)
    passages, passage_facts = _key_facts(passage_text, passage_facts)
    cgroup, pgroup = _groups(claims), _groups(passages)
    # Every pair is judged once: choosing partners and judging a group ask again of the same pairs.
    verdicts = [[judge(c, p) for p in passages] for c in claims]
    chosen, partner = _choose(_candidates(claims, passages, verdicts), cgroup, pgroup, passages)
    out: list[Pairing] = []
    for i, gi in enumerate(cgroup):
        found = None
        if gi in partner:
            members = [k for k in range(len(passages)) if pgroup[k] == partner[gi]]
            found = _judge_group(i, claims, cgroup, members, passages, chosen.get(i), verdicts)
        if found is None:
            out.append(Pairing(claim_facts[i], MISSING, None))
        else:
            out.append(Pairing(claim_facts[i], found[1], passage_facts[found[0]]))
    return out


def _key_facts(text: str | None, facts: Sequence[Fact]) -> tuple[list[Fact], list[Fact]]:
    """The key facts of ``facts`` (``Fact.is_key``), each with the words around it, and as given.

    The words around each fact are read with every fact in place (a rank's word is no
    context word); the facts that are not key are left out after."""
    return [f for f in _prepared(text, facts) if f.is_key], [f for f in facts if f.is_key]


_Candidate = tuple[float, float, int, int, FactResult]  # score, -distance, claim, passage, verdict


def _candidates(claims: list[Fact], passages: list[Fact], verdicts: list[list[FactResult | None]]) -> list[_Candidate]:
    """Every pair of a claim fact and a passage fact that may speak of the same thing, best first
    (``verdicts[i][j]``: how claim fact i and passage fact j compare)."""
    candidates: list[_Candidate] = []
    for i, c in enumerate(claims):
        bare = not c.context
        for j, p in enumerate(passages):
            verdict = verdicts[i][j]
            if verdict is None:
                continue
            sim = _similarity(c.context, p.context)
            counted = set(c.head) & set(p.head)
            if not bare and c.kind == "number" and c.unit is None and not counted and verdict != AGREES:
                # "27 islands" is no partner of "nine atolls"; but the very count, whatever words surround
                # it ("a net gain of 164,000", "increased by 164,000"), states it.
                continue
            if verdict == DISAGREES and not bare and sim < MIN_CONTEXT:
                continue
            score = sim + _VALUE_WEIGHT.get(verdict, 0.0)
            candidates.append((score, -_distance(c, p), i, j, verdict))
    candidates.sort(key=lambda t: (-t[0], -t[1], t[2], t[3]))
    return candidates


def _choose(
    candidates: list[_Candidate], cgroup: list[int], pgroup: list[int], passages: list[Fact]
) -> tuple[dict[int, tuple[int, FactResult]], dict[int, int]]:
    """The pairs taken, best first: for each claim fact its passage fact and verdict, and for
    each claim group its passage group.  A passage group is used once, except that a range or
    a period may stand for every claim value inside it."""
    chosen: dict[int, tuple[int, FactResult]] = {}
    used: dict[int, list[FactResult]] = {}  # passage group -> verdicts of its pairs
    partner: dict[int, int] = {}  # claim group -> passage group
    for _, _, i, j, verdict in candidates:
        gi, gj = cgroup[i], pgroup[j]
        if i in chosen or partner.get(gi, gj) != gj:
            continue
        if gj in used and not (
            verdict != DISAGREES
            and _is_period(passages[j])
            and all(v != DISAGREES for v in used[gj])
            and gi not in partner
        ):
            if partner.get(gi) != gj:
                continue
        chosen[i] = (j, verdict)
        partner[gi] = gj
        used.setdefault(gj, []).append(verdict)
    return chosen, partner


def _judge_group(
    i: int,
    claims: list[Fact],
    cgroup: list[int],
    members: list[int],
    passages: list[Fact],
    chosen: tuple[int, FactResult] | None,
    verdicts: list[list[FactResult | None]],
) -> tuple[int, FactResult] | None:
    """How claim fact ``i`` compares with the passage group it was paired with (its
    ``members``), and which member to name; None when it compares with none of them."""
    c = claims[i]
    judged = [(k, v) for k in members if (v := verdicts[i][k]) is not None]
    if not judged:
        return None
    # a group agrees as one: "2 °C (3.6 °F)" against "2 °C" -- a conflict within the
    # rounding of a conversion is no conflict
    gi = cgroup[i]
    group = {verdicts[a][b] for a in range(len(claims)) if cgroup[a] == gi for b in members}
    agreeing = [k for k, v in judged if v == AGREES]
    allowing = [k for k, v in judged if v == VAGUER]
    if agreeing or AGREES in group:
        return _same_unit(c, agreeing or [k for k, _ in judged], passages), AGREES
    if allowing or VAGUER in group:
        return _same_unit(c, allowing or [k for k, _ in judged], passages), VAGUER
    k = chosen[0] if chosen is not None else _same_unit(c, [k for k, _ in judged], passages)
    return _same_unit(c, [k] + [m for m, _ in judged if m != k], passages), DISAGREES


def _same_unit(claim: Fact, ks: list[int], passages: list[Fact]) -> int:
    """Of a group's members, the one written in the claim's unit if any, so that a report reads well."""
    return next((k for k in ks if passages[k].unit == claim.unit and passages[k].currency == claim.currency), ks[0])


def _distance(a: Fact, b: Fact) -> float:
    """How far apart two values are, relative to their size (dates: in decades), to break ties."""
    if a.kind != b.kind:
        return 0.0  # "ten years" and "2019–28": no distance to speak of
    if a.kind == "date":
        days_a, days_b = date_interval(str(a.value)), date_interval(str(b.value))
        if days_a is None or days_b is None:
            return 0.0
        return abs(days_a[0] - days_b[0]) / 3650.0
    x = base_value(a, float(a.value))
    y = base_value(b, float(b.value))
    return abs(x - y) / max(abs(x), abs(y), 1e-9)


def compare(claim_facts: Sequence[Fact], passage_facts: Sequence[Fact]) -> list[Pairing]:
    """``align`` for facts already extracted (they carry the words around them): a thin wrapper."""
    return align(None, claim_facts, None, passage_facts)
