"""A claim's sources: citing one, no longer citing one, and telling two URLs of one page apart."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from factcheck.model.claims import Claim, Source
from factcheck.model.errors import UsageError

_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")


def check_url(url: str) -> str:
    """Return the URL if it is an absolute http(s) URL, else raise UsageError."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise UsageError(f"{url!r} is not an http(s) URL; sources must start with http:// or https://")
    if not parts.hostname or any(ch.isspace() for ch in url):
        raise UsageError(f"{url!r} is not a valid URL (no host, or spaces in it)")
    return url


def check_date(date: str) -> str:
    """Return the date if it is YYYY, YYYY-MM or YYYY-MM-DD, else raise UsageError."""
    if not _DATE.match(date):
        raise UsageError(f"{date!r} is not a date; write YYYY-MM-DD, YYYY-MM or YYYY")
    return date


def same_url(a: str, b: str) -> bool:
    """Whether two URLs name the same page (scheme and host case, a trailing slash and a fragment aside)."""
    return _url_key(a) == _url_key(b)


def _url_key(url: str) -> tuple[str, str, str, str]:
    p = urlsplit(url)
    netloc = p.netloc.lower()
    return (p.scheme.lower(), netloc, p.path.rstrip("/") or "/", p.query)


def add_source(claim: Claim, source: Source) -> None:
    """Append a source; the same URL twice is refused."""
    check_url(source.url)
    for existing in claim.sources:
        if same_url(existing.url, source.url):
            raise UsageError(f"{claim.id} already cites {existing.url}")
    claim.sources.append(source)


def find_source(claim: Claim, url: str) -> Source:
    """The source of the claim with this URL; UsageError names the URLs it does cite."""
    for existing in claim.sources:
        if same_url(existing.url, url):
            return existing
    if not claim.sources:
        raise UsageError(f"{claim.id} has no sources")
    cited = ", ".join(s.url for s in claim.sources)
    raise UsageError(f"{claim.id} does not cite {url}; it cites {cited}")


def acknowledge_change(claim: Claim, url: str) -> bool:
    """A person has seen that the source's page changed; False when no change was waiting."""
    source = find_source(claim, url)
    if source.changed_at is None:
        return False
    source.changed_at = None
    return True


def remove_source(claim: Claim, url: str) -> Source:
    """Remove the source with this URL and return it; UsageError names the URLs it does cite."""
    source = find_source(claim, url)
    claim.sources.remove(source)
    return source
