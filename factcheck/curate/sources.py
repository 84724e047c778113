"""A claim's sources: citing one, no longer citing one, and telling two URLs of one page (or passage) apart."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from factcheck.model.claims import Claim, Source
from factcheck.model.errors import UsageError
from factcheck.model.vocab import Stance

_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
# Query parameters that say how a reader came to a page, not which page it is.
_TRACKING = re.compile(
    r"^(utm_[a-z0-9_]+|fbclid|gclid|gclsrc|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid"
    r"|_ga|_gl|_hsenc|_hsmi|mkt_tok|oly_anon_id|oly_enc_id|vero_id|wt_mc|cmpid|s_cid|at_medium|at_campaign)$",
    re.IGNORECASE,
)


def _invisible(ch: str) -> bool:
    """White space, control, format (bidi, zero-width) and separator characters: none belongs in a URL."""
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Zs", "Cs")


def check_url(url: str) -> str:
    """Return the URL if it is an absolute http(s) URL that is safe to store and show, else raise UsageError.

    Refused: other schemes; no host; a bad port or bracketed host; white space,
    control characters (a terminal escape such as OSC 52 could ride along and
    be echoed) and invisible formatting characters (bidi controls disguise
    what a URL says); and a user name or password, which would be committed
    to the claims file in git and shown in every report.
    """
    if (bad := next((ch for ch in url if _invisible(ch)), None)) is not None:
        raise UsageError(
            f"this is not a valid URL: it contains white space or an invisible or control character (U+{ord(bad):04X}); "
            "percent-encode it (e.g. %20 for a space)"
        )
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise UsageError(f"{url!r} is not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise UsageError(f"{url!r} is not an http(s) URL; URLs must start with http:// or https://")
    if not parts.hostname:
        raise UsageError(f"{url!r} is not a valid URL (no host)")
    if parts.username is not None or parts.password is not None:
        raise UsageError(
            "the URL holds a user name or password; claims files are shared in git and shown in reports, "
            "so cite the page without credentials"
        )
    return url


def check_date(date: str) -> str:
    """Return the date if it is YYYY, YYYY-MM or YYYY-MM-DD, else raise UsageError."""
    if not _DATE.fullmatch(date):  # match would take a final newline ($)
        raise UsageError(f"{date!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    return date


def without_tracking(url: str) -> str:
    """The URL without the query parameters that only track readers (``utm_*``, ``fbclid``, ``gclid``, ...)."""
    try:
        p = urlsplit(url)
    except ValueError:
        return url
    if not p.query:
        return url
    pairs = parse_qsl(p.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not _TRACKING.match(k)]
    if len(kept) == len(pairs):
        return url
    return urlunsplit(p._replace(query=urlencode(kept, doseq=True)))


def same_url(a: str, b: str) -> bool:
    """Whether two URLs name the same page.

    Scheme and host case, a default port, ``www.``, a trailing slash, the
    fragment, the order of query parameters and tracking parameters aside.
    """
    return _url_key(a) == _url_key(b)


def _url_key(url: str) -> tuple[str, str, str, str]:
    try:
        p = urlsplit(url)
        port = p.port
    except ValueError:  # not a URL at all: only the very same text names the same page
        return ("", "", url, "")
    scheme = p.scheme.lower()
    host = (p.hostname or "").removeprefix("www.")
    if port is not None and port != {"http": 80, "https": 443}.get(scheme):
        host += f":{port}"
    query = sorted((k, v) for k, v in parse_qsl(p.query, keep_blank_values=True) if not _TRACKING.match(k))
    # http and https name the same page for citing purposes.
    return ("http" if scheme in ("http", "https") else scheme, host, p.path.rstrip("/") or "/", urlencode(query))


def _fragment(url: str) -> str:
    return url.partition("#")[2]


def same_source(a: str, b: str) -> bool:
    """Whether two URLs cite the same passage: the same page and the same fragment.

    A fragment (``#section``, or a text fragment ``#:~:text=...``) is how two
    sources of one claim cite two passages of one page.
    """
    return same_url(a, b) and _fragment(a) == _fragment(b)


def _refuse_twice(claim: Claim, source: Source, url: str, quote: str | None) -> None:
    """UsageError when ``claim`` cites ``url`` already (other than as ``source``), or that page with ``quote``."""
    for existing in claim.sources:
        if existing is source or not same_url(existing.url, url):
            continue
        if same_source(existing.url, url):
            raise UsageError(
                f"{claim.id} already cites {existing.url}",
                tip="to cite another passage of that page, give the URL a #fragment of its own "
                "(e.g. #:~:text=its%20first%20words) and its own --quote",
            )
        if quote is not None and existing.quote is not None and quote.strip() == existing.quote.strip():
            raise UsageError(f"{claim.id} already cites {existing.url} with that quote")


def add_source(claim: Claim, source: Source) -> None:
    """Append a source; the same page twice is refused, unless a fragment tells two passages of it apart."""
    check_url(source.url)
    _refuse_twice(claim, source, source.url, source.quote)
    claim.sources.append(source)


def edit_source(claim: Claim, url: str, changes: dict[str, str | None]) -> list[str]:
    """Change the given fields of the source citing ``url`` (None: leave; "": clear); the fields that changed.

    A new URL or quote makes the last check about other evidence, so it is
    dropped (with a pending change notice): the next verify checks afresh.
    """
    source = find_source(claim, url)
    changed = []
    for name, value in changes.items():
        if value is None:
            continue
        value = value.strip()
        new: str | Stance | None
        if name == "url":
            if not value:
                raise UsageError("a source needs a URL; remove the source instead")
            new = without_tracking(check_url(value))
            _refuse_twice(claim, source, new, source.quote)
        elif name == "stance":
            if value not in set(Stance):
                raise UsageError(f"{value!r} is not a stance; use {', '.join(Stance)}")
            new = Stance(value)
        elif name == "date":
            new = check_date(value) if value else None
        else:
            new = value or None
        if getattr(source, name) != new:
            setattr(source, name, new)
            changed.append(name)
    if "url" in changed or "quote" in changed:
        source.last_check = None
        source.changed_at = None
    if "url" in changed:
        source.archive_url = source.archived_at = None  # a copy of the other page
    return changed


def find_source(claim: Claim, url: str) -> Source:
    """The source of the claim with this URL, or numbered so by ``show`` (from 1); UsageError says what it cites.

    A bare number is never a URL: it is the source's place among the claim's
    sources.  A URL without a fragment finds a source with one when it is the
    only one citing that page; among several, the fragment has to say which.
    """
    if url.isascii() and url.isdigit():
        number, count = int(url), len(claim.sources)
        if 1 <= number <= count:
            return claim.sources[number - 1]
        has = "no sources" if not count else "1 source, [1]" if count == 1 else f"{count} sources, [1] to [{count}]"
        raise UsageError(f"{claim.id} has no source [{number}]; it has {has}")
    exact = [s for s in claim.sources if same_source(s.url, url)]
    if exact:
        return exact[0]
    page = [s for s in claim.sources if same_url(s.url, url)]
    if len(page) == 1:
        return page[0]
    if page:
        named = ", ".join(s.url for s in page)
        raise UsageError(
            f"{claim.id} cites {url.partition('#')[0]} {len(page)} times; give the URL with its fragment: {named}"
        )
    if not claim.sources:
        raise UsageError(f"{claim.id} has no sources")
    cited = ", ".join(s.url for s in claim.sources)
    raise UsageError(f"{claim.id} does not cite {url}; it cites {cited}")


def acknowledge_change(claim: Claim, url: str) -> tuple[str, bool]:
    """A person has seen that the source's page changed: its URL, and False when no change was waiting."""
    source = find_source(claim, url)
    waiting = source.changed_at is not None
    source.changed_at = None
    return source.url, waiting


def remove_source(claim: Claim, url: str) -> Source:
    """Remove the source with this URL (or number, see ``find_source``) and return it."""
    source = find_source(claim, url)
    claim.sources.remove(source)
    return source
