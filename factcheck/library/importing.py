"""``library add``: what each path or URL holds, read and put in the library, one transaction per item."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from factcheck.library import documents, feeds
from factcheck.library.index import Added, Backend, BusyError
from factcheck.model.errors import FactcheckError, InputError
from factcheck.store.paths import display, location

if TYPE_CHECKING:
    from factcheck.library.fetching import Fetched
    from factcheck.store.folder import IdRegister


@dataclass(frozen=True)
class Outcome:
    """What happened to one file, page or cache entry: added (fact-checks or a document), or skipped and why."""

    where: str
    kind: str  # "fact-checks", "document" or "skipped"
    added: Added = Added()
    reason: str | None = None
    # What of a feed was left out and why, each "file:line: reason": the rest of the feed is added.
    left_out: tuple[str, ...] = ()


def add_path(
    path: Path, library: Backend, folders: dict[Path, IdRegister], publisher: str | None = None
) -> Iterator[Outcome]:
    """Add a file or every document and feed under a folder; what happened to each.

    The claims files of a folder are read as a claims folder is: a claim id one of them uses is not used
    again in another, whose refusal names both. ``folders``, shared by the paths of one command, holds
    the ids each folder's files gave, so that files named one by one are held to this as their folder is.
    ``publisher``: the desk, which published the verdicts of its claims files.
    """
    from factcheck.store.folder import IdRegister

    seen = folders.setdefault((path if path.is_dir() else path.parent).resolve(), IdRegister())
    targets: Iterator[Path | documents.Skipped] = documents.files(path) if path.is_dir() else iter([path])
    for target in targets:
        if isinstance(target, documents.Skipped):
            yield Outcome(target.path, "skipped", reason=target.reason)
            continue
        try:
            yield _add_file(target, library, seen, publisher)
        except BusyError:
            raise
        except FactcheckError as exc:
            yield _skipped(target, exc)
    if path.is_dir():
        # A file deleted from the folder is no longer one of the desk's documents: search would offer it.
        for gone in library.documents_in(location(path)):
            if not Path(gone).exists():
                yield Outcome(display(Path(gone)), "document", Added(removed=library.remove(gone)))


def _add_file(path: Path, library: Backend, seen: IdRegister, publisher: str | None) -> Outcome:
    """A feed's fact-checks, a page's embedded ClaimReviews, or else the file as a document."""
    where, origin = display(path), location(path)
    if feeds.is_feed(path):
        feed = feeds.read_feed(path, seen, publisher)
        left_out = tuple(error.message for error in feed.left_out)
        added = library.add_factchecks(feed.entries, origin, whole=feed.whole)
        return Outcome(where, "fact-checks", added, left_out=left_out)
    raw = documents.read(path)  # once: for a web page's embedded ClaimReviews, else the document
    entries = feeds.from_html(raw) if path.suffix.lower() in (".html", ".htm", ".xhtml") else []
    if entries:
        return Outcome(where, "fact-checks", library.add_factchecks(entries, origin))
    return Outcome(where, "document", library.add_document(documents.from_file(path, raw)))


def _skipped(path: Path, error: FactcheckError) -> Outcome:
    """A file skipped: where (with the line, when known) and why, the path said once."""
    if isinstance(error, InputError) and error.path is not None:
        where = error.path + (f":{error.line}" if error.line is not None else "")
        return Outcome(where, "skipped", reason=error.reason)
    return Outcome(display(path), "skipped", reason=error.message)


def add_url(url: str, library: Backend, get: Callable[[str], Fetched]) -> Outcome:
    """Add what a URL serves: the ClaimReviews a page or feed holds, else the page as a document.

    ``get`` is ``fetching.get`` with the command's network policy.
    """
    from factcheck.text.convert import Unreadable, media_type

    fetched = get(url)
    if fetched.error is not None:
        return Outcome(url, "skipped", reason=fetched.error)
    mime, _ = media_type(fetched.content_type)
    if mime in ("application/json", "application/ld+json") or fetched.body.lstrip()[:1] in (b"[", b"{"):
        feed = None
        with contextlib.suppress(msgspec.DecodeError):
            feed = feeds.json_ld_feed(msgspec.json.decode(fetched.body), fetched.body, url)
        if feed is not None:  # as a feed file is added: what was left out is named, an empty feed is no error
            left_out = tuple(error.message for error in feed.left_out)
            return Outcome(url, "fact-checks", library.add_factchecks(feed.entries, fetched.url), left_out=left_out)
        entries = []
    else:
        entries = feeds.from_html(fetched.body)
    if entries:
        return Outcome(url, "fact-checks", library.add_factchecks(entries, fetched.url))
    try:
        document = documents.from_body(fetched.body, fetched.content_type, fetched.url, url=fetched.url)
    except Unreadable as exc:
        return Outcome(url, "skipped", reason=str(exc))
    if not document.passages:
        return Outcome(url, "skipped", reason="the page holds no text")
    return Outcome(url, "document", library.add_document(document))


def add_web_cache(folder: Path, library: Backend, cited: Collection[str]) -> Iterator[Outcome]:
    """Add the pages in verify's web cache of the URLs ``cited`` (the claims' sources) as documents."""
    for item in documents.web_cache(folder, cited):
        if isinstance(item, documents.Skipped):
            yield Outcome(item.path, "skipped", reason=item.reason)
        else:
            yield Outcome(item.location, "document", library.add_document(item))
