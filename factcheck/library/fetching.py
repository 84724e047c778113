"""Fetching a URL for the library, through the same guarded client as ``verify``: one small function."""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.net.policy import Policy


@dataclass(frozen=True)
class Fetched:
    """A page as the library reads it: where it ended up, its type and its bytes; or why it could not be had."""

    url: str
    content_type: str | None = None
    body: bytes = b""
    error: str | None = None


def get(url: str, policy: Policy) -> Fetched:
    """GET ``url`` under ``policy`` (addresses, size cap, timeouts, retries); a failure is ``Fetched.error``."""
    from factcheck.net.fetch import FetchError, check_url, fetch, session

    try:
        url = check_url(url)
        with session(policy) as client:
            page = fetch(client, url, policy)
    except FetchError as exc:
        return Fetched(url, error=exc.message)
    if not 200 <= page.status < 300:
        return Fetched(page.final_url, error=f"HTTP {page.status}")
    return Fetched(page.final_url, page.content_type, page.body)
