"""Three versions of a claims file merged claim by claim: what ``factcheck merge`` does for git.

The claims of the ancestor and of the two sides are matched by id, and a
claim one side renamed by the id its rename event records (``renames``), so
that a claim renamed on one side and judged on the other stays one claim.
Whatever one side changed and the other left as the ancestor had it is that
side's: a claim, one of its fields, a source, the article's metadata; so is
a claim added, removed, set aside or restored on one side.  A claim both
sides changed is merged field by field: its history is the ancestor's, then
the events either side added, in time order; its sources are merged by URL,
field by field, a source checked on both sides keeping the newer check.
What extract and verify wrote on both sides is theirs to settle, not a
person's: anchors (ours, until extract runs again), flags for review (the
first), statuses verify set (the newer; a person's verdict over verify's).
A verdict on words the other side changed is flagged for review, and a flag
verify raised against a verdict the other side replaced is dropped.
Anything else both sides changed, differently, is a conflict: two verdicts,
two notes, one side's edit of a claim the other removed.  Nothing is chosen
for a person: such a claim is written whole as each side has it, between
git's conflict markers, and every other claim merged.  A conflict outside the
claims (the article's metadata) is a ``Conflict``, for git's text merge.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, NamedTuple

import msgspec

from factcheck.history.renames import renamed_from
from factcheck.model.claims import Claim, ClaimsFile, Event, Review, SetAside, Source, utc_now
from factcheck.model.errors import InputError
from factcheck.store import codec
from factcheck.store.atomic import as_on_disk
from factcheck.store.folder import id_places

Entry = Claim | SetAside


class Conflict(Exception):
    """Both sides changed something, differently, and merging it would mean choosing one: each arg says what."""


class Markers(NamedTuple):
    """How git writes conflict markers here: its labels for the sides, their size, and whether the ancestor's
    version is shown (merge.conflictStyle diff3 or zdiff3)."""

    ours: str = "ours"
    base: str = "base"
    theirs: str = "theirs"
    size: int = 7
    diff3: bool = False


class Merged(NamedTuple):
    """The merged file's bytes, and what is left in it for a person to choose, one line each."""

    data: bytes
    conflicts: list[str]


class _Clash(NamedTuple):
    """A claim both sides changed, differently: its three versions, and why."""

    old: Entry | None
    ours: Entry | None
    theirs: Entry | None
    why: tuple[str, ...]


def merge(base: bytes, ours: bytes, theirs: bytes, where: str, markers: Markers | None = None) -> Merged:
    """The merged claims file, its conflicts between markers; Conflict when it must be merged as text, InputError
    when a version is not a claims file.

    An empty ancestor is none: git gives one for a file both sides added.
    """
    ancestor = None if not base or base.isspace() else codec.decode(base, where)
    mine, yours = codec.decode(ours, where), codec.decode(theirs, where)
    old = _entries(ancestor) if ancestor else {}
    a, b = _keyed(mine, old), _keyed(yours, old)
    merged: list[Entry | _Clash | None] = []
    for key in _order(a, b):
        versions = _aside_once(old.get(key), a.get(key), b.get(key))
        try:
            merged.append(_three(*versions, f"claim {key.lstrip('+')}", _fields))
        except Conflict as exc:
            merged.append(_Clash(*versions, exc.args))
    clashes = [reason for entry in merged if isinstance(entry, _Clash) for reason in entry.why]
    try:
        article = _three(ancestor and ancestor.article, mine.article, yours.article, "the article", _fields)
        head = ClaimsFile(schema_version=mine.schema_version, article=article, claims=[])
        data = [_valid(head, [_side(entry, side) for entry in merged], where) for side in ((0, 1) if clashes else (0,))]
    except Conflict as exc:
        raise Conflict(*exc.args, *clashes) from None
    if clashes:
        data[0] = _marked(head, merged, markers or Markers())
    return Merged(as_on_disk(data[0], ours), clashes)


def _side(entry: Entry | _Clash | None, side: int) -> Entry | None:
    """A merged entry, or a clash resolved for one side (0 ours, 1 theirs)."""
    return (entry.ours, entry.theirs)[side] if isinstance(entry, _Clash) else entry


def _valid(head: ClaimsFile, entries: list[Entry | None], where: str) -> bytes:
    """The claims file of ``head`` and ``entries`` in its canonical bytes; Conflict when it is no valid one."""
    result = msgspec.structs.replace(
        head,
        claims=[entry for entry in entries if isinstance(entry, Claim)],
        set_aside=[entry for entry in entries if isinstance(entry, SetAside)],
    )
    twice = [claim_id for claim_id, count in Counter(i for i, _ in id_places(result)).items() if count > 1]
    if twice:
        raise Conflict(f"claim {twice[0]}: the id is given to two different claims")
    try:
        return codec.checked(result, where)
    except InputError as exc:
        raise Conflict(exc.reason) from None


def _marked(head: ClaimsFile, merged: list[Entry | _Clash | None], markers: Markers) -> bytes:
    """The canonical layout of the merged file, each clash between git's conflict markers, whole, in each list
    it has a place in on either side (a claim set aside on one side is in both).

    Whichever side a person keeps of each, the file is valid JSON: commas go after an entry when an entry
    that is always there follows, before it when one precedes (its side may be left out); when none is
    always there, the whole list is one choice.
    """
    text = codec.encode(head).decode()
    for name, kind in (("claims", Claim), ("set_aside", SetAside)):
        items: list[tuple[Any, ...]] = []
        for entry in merged:
            if isinstance(entry, _Clash):
                sides = tuple(
                    side if isinstance(side, kind) else None for side in (entry.ours, entry.old, entry.theirs)
                )
                items += [sides] if sides[0] or sides[2] else []
            elif isinstance(entry, kind):
                items.append((entry,))
        kept = [i for i, item in enumerate(items) if item[0] and item[-1]]
        if not kept and len(items) > 1:
            items = [tuple([item[side] for item in items] for side in range(3))]
        lines: list[str] = []
        for i, item in enumerate(items):
            comma = "" if not kept or i == kept[-1] else "after" if i < kept[-1] else "before"
            texts = [_item(side, comma) for side in item]
            lines += _hunk(texts, markers) if len(item) > 1 else [text for text in texts if text]
        array = "[\n" + "\n".join(lines) + "\n  ]" if lines else "[]"
        text = text.replace(f'\n  "{name}": []', f'\n  "{name}": {array}', 1)
    return text.encode()


def _item(entry: Any, comma: str) -> str | None:
    """An entry (several, as one choice) as a claims file lists it, and the comma that separates it; None for none."""
    if isinstance(entry, list):
        return ",\n".join(text for one in entry if (text := _item(one, "")) is not None) or None
    if entry is None:
        return None
    body = msgspec.json.format(msgspec.json.encode(entry), indent=codec.INDENT).decode()
    body = "\n".join("    " + line for line in body.splitlines())
    return body + "," if comma == "after" else "    ,\n" + body if comma == "before" else body


def _hunk(texts: list[str | None], markers: Markers) -> list[str]:
    """Lines of one conflict as git writes it: ours, the ancestor's (diff3), theirs."""
    ours, old, theirs = texts

    def mark(sign: str, label: str) -> list[str]:
        return [sign * markers.size + (f" {label}" if label else "")]

    base = [*mark("|", markers.base), *([old] if old else [])] if markers.diff3 else []
    return [
        *mark("<", markers.ours),
        *([ours] if ours else []),
        *base,
        *mark("=", ""),
        *([theirs] if theirs else []),
        *mark(">", markers.theirs),
    ]


def _order(a: dict[str, Entry], b: dict[str, Entry]) -> list[str]:
    """Ours' keys in their order, and each claim only theirs has after the claim before it there that ours has
    too (article order), or first when none is before it; after ours when the two have no claim in common,
    as what theirs alone set aside."""
    after: dict[str | None, list[str]] = {}
    last: str | None = None
    aside = []
    for key, entry in b.items():
        if key not in a:
            if isinstance(entry, Claim):
                after.setdefault(last, []).append(key)
            else:
                aside.append(key)
        elif isinstance(entry, Claim) and isinstance(a[key], Claim):
            last = key
    first = after.pop(None, [])
    order = [k for key in a for k in (key, *after.get(key, ()))]
    return [*first, *order, *aside] if last is not None else [*order, *first, *aside]


def _claim(entry: Entry) -> Claim:
    return entry.claim if isinstance(entry, SetAside) else entry


def _entries(claims_file: ClaimsFile) -> dict[str, Entry]:
    """The claims and set-aside claims of a file by id."""
    entries: dict[str, Entry] = {entry.claim.id: entry for entry in claims_file.set_aside}
    entries.update((claim.id, claim) for claim in claims_file.claims)
    if len(entries) != len(claims_file.claims) + len(claims_file.set_aside):
        raise Conflict("one side gives one id to two claims")
    return entries


def _aside_once(old: Entry | None, ours: Entry | None, theirs: Entry | None) -> tuple[Any, Any, Any]:
    """The versions of a claim one side or both removed or set aside, made ready to merge.

    A claim the other side only placed anew (``extract`` after an edit of the
    article moves every claim after it) is taken as unchanged there.  A claim
    both sides set aside the same way (each rejected it, say) is set aside
    once, when and by whom it first was, with each side's other changes (to
    the claim, the reason) merged.
    """
    if not isinstance(old, Claim):
        return old, ours, theirs
    if not isinstance(ours, Claim) and _placed(old, theirs):
        theirs = old
    if not isinstance(theirs, Claim) and _placed(old, ours):
        ours = old
    if not (isinstance(ours, SetAside) and isinstance(theirs, SetAside)) or ours.kind != theirs.kind:
        return old, ours, theirs  # rejected on one side, retired on the other: a choice
    first = min(ours, theirs, key=lambda entry: entry.at)
    ours, theirs = (msgspec.structs.replace(entry, at=first.at, by=first.by) for entry in (ours, theirs))
    return SetAside(kind=first.kind, at=first.at, by=first.by, claim=old), ours, theirs


def _placed(old: Claim, entry: Entry | None) -> bool:
    """Whether a claim differs from ``old`` in its anchor alone."""
    return isinstance(entry, Claim) and msgspec.structs.replace(entry, anchor=old.anchor) == old


def _keyed(side: ClaimsFile, old: dict[str, Entry]) -> dict[str, Entry]:
    """A side's claims by the id the ancestor has for them: a renamed claim by its former id, and a new
    claim that took an id a rename freed by that id after a ``+`` (which no id has)."""
    entries = _entries(side)
    claims = {claim_id: _claim(entry) for claim_id, entry in old.items()}
    former = {}
    for claim_id, entry in entries.items():
        earlier = None if claim_id in old else renamed_from(_claim(entry), claims.get)
        if earlier is not None:
            former[claim_id] = earlier.id
    freed = set(former.values())
    return {former.get(i) or ("+" + i if i in freed else i): entry for i, entry in entries.items()}


def _three(old: Any, ours: Any, theirs: Any, what: str, both: Callable[[Any, Any, Any, str], Any] | None) -> Any:
    """The merge of one value: the side that changed it, or ``both`` to merge two changes; else a Conflict."""
    if ours == theirs or theirs == old:
        return ours
    if ours == old:
        return theirs
    if both in (_newer, _ours, _first_flag) and ours is not None and theirs is not None:
        return both(old, ours, theirs, what)  # what was before, none or another, makes no difference
    if old is None:
        raise Conflict(f"{what} added on both sides, differently")
    if ours is None or theirs is None:
        raise Conflict(f"{what} removed on one side, changed on the other")
    if type(ours) is not type(theirs):
        raise Conflict(f"{what} set aside or restored on one side, changed on the other")
    if both is None or type(old) is not type(ours):
        raise Conflict(f"{what} changed on both sides, differently")
    return both(old, ours, theirs, what)


def _fields(old: Any, ours: Any, theirs: Any, what: str) -> Any:
    """Two changes to a record (an article, a claim, a claim set aside) merged field by field."""
    if isinstance(ours, Claim) and old.status not in (ours.status, theirs.status):
        ours, theirs = _verdicts(ours, theirs)

    def field(name: str) -> Any:
        return _three(
            getattr(old, name), getattr(ours, name), getattr(theirs, name), f"{what}: {name}", _BOTH.get(name)
        )

    merged = _each((name, partial(field, name)) for name in ours.__struct_fields__)
    result = msgspec.structs.replace(ours, **merged)
    return _reviewed(old, ours, theirs, result) if isinstance(result, Claim) else result


def _reviewed(old: Claim, ours: Claim, theirs: Claim, merged: Claim) -> Claim:
    """A verdict given on one side, on words the other side changed (extract after an edit of the article),
    flagged for review, as extract flags one given before the change: it is no longer known to fit.  A flag
    verify raised on one side against the verdict that side had, which a person replaced on the other, is
    dropped: it spoke of a verdict that no longer stands, and a person's later verdict clears a flag (the
    flag's event stays in the history; verify, run again, weighs the new verdict)."""
    flag = merged.review
    raised = [side for side in (ours, theirs) if flag and flag.by == "verify" and flag == side.review != old.review]
    if any(side.status != merged.status for side in raised):
        merged.review = None
    for judged, worded in ((ours, theirs), (theirs, ours)):
        verdict = (judged.status, judged.note) != (old.status, old.note)
        if verdict and judged.text == old.text != worded.text and merged.review is None and merged.verdict_by_person():
            why = f"its wording changed after the verdict; was: {old.text}"
            merged.review = Review(since=merged.history[-1].at if merged.history else utc_now(), why=why)
    return merged


def _verdicts(ours: Claim, theirs: Claim) -> tuple[Claim, Claim]:
    """Two new statuses of a claim, one or both set by ``verify``: a person's verdict on the other side stands,
    as verify never overwrites one; of two that verify set, the newer, as of the checks behind them.  Run
    again after the merge, verify flags the verdict or moves the status as the merged sources say."""
    mine, yours = (claim.verdict_event() for claim in (ours, theirs))
    if _by_verify(ours, mine) and _by_verify(theirs, yours):
        kept = ours if mine and yours and mine.at >= yours.at else theirs
    elif _by_verify(ours, mine) and theirs.verdict_by_person():
        kept = theirs
    elif _by_verify(theirs, yours) and ours.verdict_by_person():
        kept = ours
    else:
        return ours, theirs
    return msgspec.structs.replace(ours, status=kept.status), msgspec.structs.replace(theirs, status=kept.status)


def _by_verify(claim: Claim, event: Event | None) -> bool:
    return not claim.verdict_by_person() and event is not None and event.by == "verify"


def _history(old: list[Event], ours: list[Event], theirs: list[Event], what: str) -> list[Event]:
    """The ancestor's events, then those either side added, in time order, none twice."""
    if ours[: len(old)] != old or theirs[: len(old)] != old:
        raise Conflict(f"{what} changed on both sides, differently (one rewrote what was there)")
    added = ours[len(old) :]
    return old + sorted(added + [event for event in theirs[len(old) :] if event not in added], key=lambda e: e.at)


def _sources(old: list[Source], ours: list[Source], theirs: list[Source], what: str) -> list[Source]:
    """Sources by URL, each the side's that changed it."""
    o, a, b = ({source.url: source for source in sources} for sources in (old, ours, theirs))
    if len(o) + len(a) + len(b) != len(old) + len(ours) + len(theirs):
        raise Conflict(f"{what}: one side cites a URL twice")
    merged = _each(
        (url, partial(_three, o.get(url), a.get(url), b.get(url), f"{what} {url}", _fields)) for url in a | b
    )
    return [source for source in merged.values() if source is not None]


def _each(merges: Iterable[tuple[str, Callable[[], Any]]]) -> dict[str, Any]:
    """Each of ``merges`` done, by name; a Conflict that says every one that clashed."""
    done: dict[str, Any] = {}
    clashed: list[str] = []
    for name, one in merges:
        try:
            done[name] = one()
        except Conflict as exc:
            clashed += exc.args
    if clashed:
        raise Conflict(*clashed)
    return done


def _newer(old: Any, ours: Any, theirs: Any, what: str) -> Any:
    """Two checks of a source (``verify`` on both sides): the newer is its last, as no older result wins."""
    return max(ours, theirs, key=lambda check: check.at)


def _first_flag(old: Any, ours: Any, theirs: Any, what: str) -> Any:
    """A claim flagged for review on both sides (``verify`` on each): the verdict has needed a look since the
    first flag; each side's reason is in the claim's history."""
    return min(ours, theirs, key=lambda review: review.since)


def _ours(old: Any, ours: Any, theirs: Any, what: str) -> Any:
    """Two placings in an article edited on both sides (an anchor, the text's sha256): ours, as neither fits the
    merged article until ``extract`` runs on it again, and ``check`` names each claim it cannot place."""
    return ours


_BOTH: dict[str, Callable[[Any, Any, Any, str], Any]] = {
    "history": _history,
    "sources": _sources,
    "claim": _fields,
    "last_check": _newer,
    "review": _first_flag,
    "anchor": _ours,
    "sha256": _ours,
}
