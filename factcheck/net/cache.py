"""The on-disk cache of fetched pages, for conditional requests and ``verify --offline``.

One file per URL, named by the sha256 of the URL: a line of JSON (the final
URL, status, content type, ETag, Last-Modified, when it was fetched, and the
body's sha256) followed by the decoded body.  Files are replaced by rename,
so a reader sees a whole entry or none; an entry whose body does not match
its digest is ignored.  Only successful answers are stored: a failure must
be seen afresh on the next run, never replayed from here.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from factcheck.model.errors import InputError
from factcheck.store.atomic import write_bytes
from factcheck.store.paths import cache_dir

FORMAT = 1


def default_folder() -> Path:
    """``web/`` in the user cache folder (``$FACTCHECK_CACHE_DIR``, ``$XDG_CACHE_HOME/factcheck``, ...)."""
    return cache_dir() / "web"


@dataclass(frozen=True)
class Entry:
    """A cached answer for one URL."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: str
    body: bytes

    def validators(self) -> dict[str, str]:
        """The headers that ask the server whether this copy is still current."""
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers


class WebCache:
    """Cached pages in ``folder``, which is created on the first write."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.page"

    def get(self, url: str) -> Entry | None:
        """The entry for ``url``, or None when there is none or it cannot be read."""
        try:
            raw = self._path(url).read_bytes()
        except OSError:
            return None
        head, newline, body = raw.partition(b"\n")
        if not newline:
            return None
        try:
            meta = json.loads(head)
            if meta.get("format") != FORMAT or meta.get("url") != url:
                return None
            if hashlib.sha256(body).hexdigest() != meta["sha256"]:
                return None
            return Entry(
                url,
                meta["final_url"],
                int(meta["status"]),
                meta.get("content_type"),
                meta.get("etag"),
                meta.get("last_modified"),
                meta["fetched_at"],
                body,
            )
        except (ValueError, KeyError, TypeError):
            return None

    def put(self, entry: Entry) -> None:
        """Store ``entry``, replacing any older one; a cache that cannot be written only costs speed."""
        meta = {
            "format": FORMAT,
            "url": entry.url,
            "final_url": entry.final_url,
            "status": entry.status,
            "content_type": entry.content_type,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
            "fetched_at": entry.fetched_at,
            "sha256": hashlib.sha256(entry.body).hexdigest(),
        }
        data = json.dumps(meta, ensure_ascii=True).encode("ascii") + b"\n" + entry.body
        path = self._path(entry.url)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Not flushed to disk: an entry lost in a crash is fetched again.
            write_bytes(path, data, durable=False)
        except (OSError, InputError):
            pass
