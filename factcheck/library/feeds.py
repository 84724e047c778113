"""Importing fact-checks: schema.org ClaimReview (JSON-LD, or pages embedding it), CSV/TSV, and claims files.

ClaimReview arrives in many shapes: one object, a list, an ``@graph``, a
``DataFeed`` of items (the feeds fact-check markup tools export), or
``<script type="application/ld+json">`` blocks in a fact-check's page.  Every
ClaimReview anywhere in the tree is taken.  Text fields may hold markup or
character references ("&lt;b&gt;"): they are reduced to plain text here, and
the renderers escape what is left, so nothing in a feed reaches a terminal
or an HTML page as markup.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from factcheck.library.records import FactCheckEntry
from factcheck.model.claims import URL_PATTERN, ClaimsFile
from factcheck.model.errors import InputError
from factcheck.model.vocab import Status
from factcheck.store.paths import display
from factcheck.store.reading import decode_utf8, read_bytes

if TYPE_CHECKING:
    from factcheck.store.folder import IdRegister

#: The largest feed read whole; a bigger one is refused before any byte is read.
MAX_FEED_BYTES = 256 * 1024 * 1024
#: How deep a JSON-LD tree is walked looking for ClaimReviews.
MAX_DEPTH = 32
#: The longest text kept of a field.
MAX_FIELD = 5000

#: The statuses that are a verdict on a claim.
_VERDICTS = frozenset(s for s in Status if s not in (Status.UNVERIFIED, Status.OPINION))
_TAG = re.compile(r"<[^>]{0,2000}>")
# The key only a claims file has: a file with it that is not valid JSON is a broken claims file, not a feed.
_CLAIMS_KEY = re.compile(rb'"schema_version"\s*:')
_SCRIPT = re.compile(
    rb"<script\b[^>]{0,500}type\s*=\s*[\"']?application/ld\+json[\"']?[^>]{0,500}>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)

#: CSV column names (lower-case, without spaces, dashes and underscores) and the field each gives.
COLUMNS: dict[str, str] = {
    name: given
    for given, names in {
        "claim": "claim claimreviewed vclaim text",
        "rating": "rating verdict reviewrating textualrating alternatename",
        "url": "url reviewurl factcheckurl link",
        "publisher": "publisher author factchecker",
        "date": "date datepublished reviewdate",
        "claimant": "claimant claimauthor",
        "headline": "headline title name",
    }.items()
    for name in names.split()
}


def plain(value: object, limit: int = MAX_FIELD) -> str | None:
    """A field as one line of plain text: markup dropped, character references read; None when empty."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    # Twice: a feed may escape its markup ("&lt;b&gt;"), and the markup may escape its text.
    for _ in range(2):
        value = html.unescape(_TAG.sub(" ", value))
    value = _TAG.sub(" ", value)
    text = " ".join(value.split())[:limit]
    return text or None


def _name(value: object) -> str | None:
    """The name of an Organization or Person, which may be a string, an object or a list of them."""
    if isinstance(value, list):
        return next(filter(None, map(_name, value)), None)
    if isinstance(value, dict):
        return plain(value.get("name") or value.get("alternateName"))
    return plain(value)


def _types(node: dict[str, Any]) -> set[str]:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.rsplit("/", 1)[-1] for k in kinds if isinstance(k, str)}


def _reviews(node: object, at: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], dict[str, Any]]]:
    """Every ClaimReview in a JSON-LD tree, with its path in the tree (for its line in the file)."""
    if len(at) > MAX_DEPTH:
        return
    if isinstance(node, list):
        for i, item in enumerate(node):
            yield from _reviews(item, (*at, i))
    elif isinstance(node, dict):
        if "ClaimReview" in _types(node):
            yield at, node
            return
        for key, value in node.items():
            if isinstance(value, (list, dict)):
                yield from _reviews(value, (*at, key))


def _rating_words(rating: dict[str, Any]) -> str | None:
    """A rating as a reader would say it: its words, else its value on the publisher's scale ("2/5")."""
    words = plain(rating.get("alternateName") or rating.get("name"), 200)
    value = plain(rating.get("ratingValue"), 40)
    if words is not None or value is None:
        return words
    # A bare number means nothing without the scale: 2 is poor out of 5 and good out of 2.
    best, worst = plain(rating.get("bestRating"), 40), plain(rating.get("worstRating"), 40)
    if best is None:
        return value
    if worst is None or worst in ("0", "1"):
        return f"{value}/{best}"
    return f"{value} ({worst} to {best})"


def _entry(review: dict[str, Any]) -> FactCheckEntry | None:
    claim = plain(review.get("claimReviewed"))
    item = review.get("itemReviewed")
    if isinstance(item, list):
        item = next((i for i in item if isinstance(i, dict)), None)
    if claim is None and isinstance(item, dict):
        claim = plain(item.get("text") or item.get("name"))
    if claim is None:
        return None
    rating = review.get("reviewRating")
    if isinstance(rating, list):
        rating = next((r for r in rating if isinstance(r, dict)), None)
    words = _rating_words(rating) if isinstance(rating, dict) else None
    # The review's own date only: itemReviewed's datePublished is when the claim was made, which would
    # read (and be exported in associatedClaimReview) as the day the fact-check was published.
    date = plain(review.get("datePublished"), 40)
    claimant = _name(item.get("author")) if isinstance(item, dict) else None
    url = plain(review.get("url"), 2000)
    return FactCheckEntry(
        claim=claim,
        rating=words,
        url=url if web_url(url) else None,
        publisher=_name(review.get("author")) or _name(review.get("publisher")),
        date=date,
        claimant=claimant,
        headline=plain(review.get("headline") or review.get("name")),
    )


def web_url(url: str | None) -> bool:
    """Whether ``url`` is an http(s) URL a claims file takes (with a host, no white space), as ``match --accept`` writes it."""
    return url is not None and re.search(URL_PATTERN, url) is not None


def from_json_ld(data: object) -> list[FactCheckEntry]:
    """The fact-checks of a parsed JSON-LD document: every ClaimReview in it, at any depth."""
    return [e for e in (_entry(r) for _, r in _reviews(data)) if e is not None]


def _decode_json(raw: bytes, where: str) -> object:
    try:
        return msgspec.json.decode(raw)
    except msgspec.DecodeError as exc:
        message = str(exc)
        found = re.search(r"\(byte (\d+)\)", message)
        line = raw.count(b"\n", 0, int(found.group(1))) + 1 if found else None
        reason = message.split(" (byte")[0].replace("JSON is malformed: ", "")
        raise InputError(f"not valid JSON: {reason}", where, line) from None


def from_html(raw: bytes) -> list[FactCheckEntry]:
    """The fact-checks a web page embeds as ``<script type="application/ld+json">``; blocks that are not JSON skipped."""
    found: list[FactCheckEntry] = []
    for block in _SCRIPT.finditer(raw):
        try:
            data = msgspec.json.decode(block.group(1).strip())
        except msgspec.DecodeError:
            continue  # a page's broken block costs that block, not the page
        found.extend(from_json_ld(data))
    return found


def from_table(text: str, where: str, delimiter: str) -> Feed:
    """The fact-checks of a CSV or TSV whose header names the columns (see ``COLUMNS``); one needs a claim.

    A row that gives no fact-check (no claim, or a URL that is not http(s)) is left out and named
    with its line and column; the other rows are kept.  A row with every cell empty is no row.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the table is empty", where) from None
    except csv.Error as exc:
        raise InputError(f"not a readable table: {exc}", where, 1) from None
    fields: dict[int, str] = {}
    for i, name in enumerate(header):
        field = COLUMNS.get(re.sub(r"[\s_-]", "", name.lower()))
        if field and field not in fields.values():
            fields[i] = field
    if "claim" not in fields.values():
        known = ", ".join(sorted({k for k, v in COLUMNS.items() if v == "claim"}))
        raise InputError(f"no column names the claim (one of: {known})", where, 1, tip="name the columns in line 1")
    # Each field's column as the header writes it, to name it in a row's problem.
    column = {field: header[i].strip() for i, field in fields.items()}
    out: list[FactCheckEntry] = []
    left_out: list[InputError] = []
    try:
        while True:
            # The row's first line: a quoted cell may run over several, and line_num is the last.
            line = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if not any(cell.strip() for cell in row):
                continue  # a blank line, or the empty rows a spreadsheet exports below its data
            values = {field: plain(row[i]) if i < len(row) else None for i, field in fields.items()}
            url = values.get("url")
            if not values.get("claim"):
                left_out.append(InputError(f"no claim in column {column['claim']!r}", where, line))
            elif url and not web_url(url):
                reason = f"the URL {url!r} in column {column['url']!r} is not http(s)"
                left_out.append(InputError(reason, where, line))
            else:
                out.append(FactCheckEntry(**values))  # type: ignore[arg-type]
    except csv.Error as exc:
        raise InputError(f"not a readable table: {exc}", where, reader.line_num) from None
    return Feed(out, left_out)


def _delimiter(text: str) -> str:
    """The separator of a CSV: a comma, or the semicolon (or tab) its header uses more.

    Spreadsheets set to a language that writes decimals with a comma export CSV with semicolons.
    """
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


def claim_url(page: object, claim_id: object) -> str | None:
    """The URL a claim of a claims file has in the library: its article's review page (else the article), ``#`` its id."""
    if not isinstance(page, str) or not page.lower().startswith(("http://", "https://")):
        return None
    return f"{page.split('#', 1)[0]}#{claim_id}"  # the page without a fragment it was given with


def from_claims_file(claims_file: ClaimsFile, publisher: str | None = None) -> list[FactCheckEntry]:
    """The claims of one of our claims files (read by the store) that carry a verdict: any status but unverified and opinion.

    They are the desk's fact-checks: ``publisher`` (the desk, ClaimReview's author in export) published them,
    not the outlet whose article they check.

    The rating is the status itself ("false", "misleading", ...).  Only a person's verdict not flagged for review
    is taken, as export publishes: a status verify set is no one's yet.  Set-aside claims are out of the
    fact-check, so none of them is taken, nor the claims of an article with no URL: published nowhere, a
    claim is its own fact-check's only identity, and two drafts saying the same would be one.
    """
    article = claims_file.article
    out = []
    for claim in claims_file.claims:
        text = plain(claim.text)
        url = claim_url(article.review_url or article.url, claim.id)
        if claim.status not in _VERDICTS or not text or not claim.publishable() or url is None:
            continue
        verdict = claim.verdict_event()  # when the fact-check was made, as export dates its review
        out.append(
            FactCheckEntry(
                claim=text,
                rating=claim.status.value,
                url=url,
                publisher=publisher,
                date=verdict.at[:10] if verdict else plain(article.date, 40),
                claimant=plain(claim.claimant) or plain(article.author),
                headline=None,
            )
        )
    return out


def read_claims_file(path: Path, raw: bytes, where: str, seen: IdRegister | None = None) -> ClaimsFile:
    """A claims file read as every other command reads it; the store's InputError (file, line, field) otherwise.

    The store validates against the schema, upgrades older versions and refuses repeated keys; a claim id
    used twice, which every command that reads a claims folder refuses, is refused here too: twice in the
    file, or in it and in a claims file of the same folder read before it (``seen``, where the ids of a
    file taken are noted).
    """
    from factcheck.store import folder

    stored = folder.parse(path, raw, where)
    register = folder.IdRegister()
    place = (stored.path, stored.shown)
    ids = list(folder.id_places(stored.claims_file))
    here = path.resolve()
    for claim_id, at in ids:
        # The same file named twice (by its folder and by a glob, say) is not a second use of its ids.
        earlier = seen is not None and claim_id in seen and seen.first(claim_id)[0].resolve() != here  # type: ignore[index]
        if earlier or not register.add(claim_id, place):
            first = seen.first(claim_id) if seen is not None and earlier else place
            raise folder.duplicate(claim_id, first, place, at)  # type: ignore[arg-type]
    if seen is not None:  # only a file taken: one skipped holds no id another file could clash with
        for claim_id, _ in ids:
            seen.add(claim_id, place)
    return stored.claims_file


class _Top(msgspec.Struct):
    """The top-level keys that tell a claims file from a feed; their values are skipped, never built (empty: absent)."""

    schema_version: msgspec.Raw = msgspec.Raw(b"")
    article: msgspec.Raw = msgspec.Raw(b"")
    claims: msgspec.Raw = msgspec.Raw(b"")


def _claims_file_like(raw: bytes) -> bool:
    """Whether JSON is meant as a claims file (keys in any order): an object naming a schema version, or article and claims.

    Only the keys are looked at, in a tenth of the time a parse takes, so that a claims file is parsed
    once, by the store, and a feed once, here.
    """
    try:
        top = msgspec.json.decode(raw, type=_Top)
    except msgspec.ValidationError:  # valid JSON, not an object: a feed's list
        return False
    except msgspec.DecodeError:  # not JSON: a broken claims file when it names a schema version
        return _CLAIMS_KEY.search(raw) is not None
    return bool(top.schema_version) or (bool(top.article) and bool(top.claims))


def is_feed(path: Path) -> bool:
    """Whether a file is read as fact-checks (JSON, JSON-LD, CSV, TSV), not as a document."""
    return path.suffix.lower() in (".json", ".jsonld", ".csv", ".tsv")


@dataclass(frozen=True)
class Feed:
    """What a feed file gives: its fact-checks, and why each ClaimReview that gives none was left out."""

    entries: list[FactCheckEntry]
    left_out: list[InputError] = field(default_factory=list)
    # Whether the file holds all its fact-checks, as a claims file does (a feed may hold the latest only).
    whole: bool = False


def read_feed(path: Path, seen: IdRegister | None = None, publisher: str | None = None) -> Feed:
    """The fact-checks in a JSON-LD, CSV, TSV or claims file; InputError naming the file when it cannot be read.

    ``seen``: the claim ids of the claims files read before this one from the same folder (see ``read_claims_file``).
    ``publisher``: the desk, which published the verdicts of a claims file.
    """
    raw = read_bytes(path, "feed", MAX_FEED_BYTES)
    where = display(path)
    suffix = path.suffix.lower()
    # A byte-order mark some editors and spreadsheets write: the store reads claims files with one, so must this.
    unmarked = raw.removeprefix(b"\xef\xbb\xbf")
    if suffix in (".csv", ".tsv"):
        text = decode_utf8(unmarked, where)
        return from_table(text, where, "\t" if suffix == ".tsv" else _delimiter(text))
    if _claims_file_like(unmarked):
        # One reader for one format: a claims file is taken only when the store would take it.
        return Feed(from_claims_file(read_claims_file(path, raw, where, seen), publisher), whole=True)
    data = _decode_json(unmarked, where)
    feed = json_ld_feed(data, unmarked, where)
    if feed is None:
        raise InputError("no ClaimReview in it", where, tip="a feed of schema.org ClaimReview objects is expected")
    return feed


def json_ld_feed(data: object, raw: bytes, where: str) -> Feed | None:
    """The fact-checks of parsed JSON-LD (``raw`` its bytes, for lines); None when it is no feed of ClaimReviews."""
    reviews = list(_reviews(data))
    if not reviews:
        # A feed with nothing in it this time, as a scheduled export may be, is a feed.
        return Feed([]) if _empty(data) else None
    entries: list[FactCheckEntry] = []
    missing: list[tuple[str | int, ...]] = []
    for at, review in reviews:
        entry = _entry(review)
        if entry is None:
            missing.append(at)
        else:
            entries.append(entry)
    return Feed(entries, _left_out(raw, where, missing))


#: How many ClaimReviews left out of a feed are named one by one (finding each line reads the file again).
NAMED_LEFT_OUT = 5


def _left_out(raw: bytes, where: str, missing: list[tuple[str | int, ...]]) -> list[InputError]:
    """Why each ClaimReview at these paths was left out, at its line; past a few, how many more."""
    if not missing:
        return []
    from factcheck.store import positions

    text = raw.decode("utf-8", "replace")
    reason = "the ClaimReview has no claimReviewed, nor an itemReviewed with text"
    named = [InputError(reason, where, positions.line_of(text, at)) for at in missing[:NAMED_LEFT_OUT]]
    more = len(missing) - len(named)
    if more:
        named.append(InputError(f"{more} more ClaimReview{'s' if more != 1 else ''} without claimReviewed", where))
    return named


def _empty(data: object) -> bool:
    """Whether a JSON-LD document is a feed with no items: ``[]``, or an empty ``dataFeedElement`` or ``@graph``."""
    if isinstance(data, list):
        return not data
    if isinstance(data, dict):
        items = data.get("dataFeedElement", data.get("@graph"))
        return isinstance(items, list) and not items
    return False
