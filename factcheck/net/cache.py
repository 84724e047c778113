"""The on-disk cache of fetched pages: conditional requests, a freshness window, and ``verify --offline``.

One file per URL, named by the sha256 of the URL: a line of JSON (the final
URL, status, content type, ETag, Last-Modified, when it was fetched, the
body's sha256 and the hash of its text) followed by the decoded body.
Files are replaced by rename, so a reader sees a whole entry or none; the
temporary files a killed run left are removed by the first write into their
folder in a later run.  An entry that does not hold together (a body that
does not match its digest, a fetch time that is not a time, a status that is
not one) is ignored, and replaced on the next fetch.  Only successful answers are stored: a failure
must be seen afresh on the next run, never replayed from here.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import queue
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import msgspec

from factcheck.model.errors import InputError
from factcheck.store.atomic import sweep, write_bytes
from factcheck.store.paths import cache_dir
from factcheck.store.reading import open_file, read_bytes

FORMAT = 1
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
_TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
_ENTRY_NAME = "[0-9a-f]{64}[.]page"  # what ``_path`` names an entry
#: The largest entry read: a body at the largest ``--max-size`` (1,024 MB), decoded (five times that), and its line.
MAX_ENTRY_BYTES = 5 * 1024**3 + 64 * 1024


def _is_time(text: str) -> bool:
    """Whether ``text`` is a UTC time as entries write it, and a real one (not 2026-13-45T99:99:99Z)."""
    if not _TIMESTAMP.fullmatch(text):  # fullmatch: "$" would let a trailing newline through
        return False
    try:
        _dt.datetime.strptime(text, _TIME_FORMAT)
    except ValueError:
        return False
    return True


def default_folder() -> Path:
    """``web/`` in the user cache folder (``$FACTCHECK_CACHE_DIR``, ``$XDG_CACHE_HOME/factcheck``, ...)."""
    return cache_dir() / "web"


class Entry(msgspec.Struct, frozen=True, kw_only=True):
    """A cached answer for one URL (``body`` is empty when only the header was read)."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    fetched_at: str
    body: bytes = b""
    content_hash: str | None = None  # the hash of the page's text, once it was read

    def validators(self) -> dict[str, str]:
        """The headers that ask the server whether this copy is still current."""
        asked = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {name: value for name, value in asked.items() if value}

    def age(self, now: str) -> float:
        """Seconds between the fetch and ``now`` (both UTC timestamps)."""
        fmt = _TIME_FORMAT
        return (_dt.datetime.strptime(now, fmt) - _dt.datetime.strptime(self.fetched_at, fmt)).total_seconds()


class _Stamp(msgspec.Struct):
    """What an entry's first line holds besides the entry: the format it is written in, and the body's digest."""

    format: int
    sha256: str


# The first line is decoded as both: each decoder checks the types of its fields and skips the rest.
_entries = msgspec.json.Decoder(Entry)
_stamps = msgspec.json.Decoder(_Stamp)


class WebCache:
    """Cached pages in ``folder``, which is created on the first write."""

    #: Entries waiting for the writing thread at most; a caller putting one more waits.
    BEHIND = 64

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._made: set[Path] = set()  # the subfolders known to exist
        self._behind: queue.Queue[Entry | None] | None = None

    @contextlib.contextmanager
    def writing_behind(self) -> Iterator[None]:
        """While this lasts, ``put`` hands entries to a thread that writes them, so callers never wait on the disk.

        Every entry put is written by the time it ends.  Start it after any
        fork: a forked child gets this object, but not the thread.  Should
        writing an entry fail unexpectedly, the thread goes on taking entries
        (so no caller waits forever) and the error is raised here at the end.
        """
        waiting: queue.Queue[Entry | None] = queue.Queue(self.BEHIND)
        failed: list[Exception] = []
        writer = threading.Thread(target=self._write_all, args=(waiting, failed), name="cache-writer", daemon=True)
        writer.start()
        self._behind = waiting
        try:
            yield
        finally:
            self._behind = None
            waiting.put(None)
            writer.join()
        if failed:
            raise failed[0]

    def _write_all(self, waiting: queue.Queue[Entry | None], failed: list[Exception]) -> None:
        while (entry := waiting.get()) is not None:
            try:
                self._write(entry)
            except Exception as exc:  # noqa: BLE001 - raised in the calling thread once the run ends
                failed.append(exc)

    def _path(self, url: str) -> Path:
        digest = hashlib.sha256(url.encode("utf-8", "surrogatepass")).hexdigest()
        return self.folder / digest[:2] / f"{digest}.page"

    def peek(self, url: str) -> Entry | None:
        """The entry for ``url`` without its body (cheap), or None when there is none or it is not valid."""
        try:
            with open(open_file(self._path(url), "cache entry", MAX_ENTRY_BYTES), "rb") as fh:
                head = fh.readline(64 * 1024)
        except (OSError, InputError):  # none, or not a file (a FIFO would block a plain open for ever)
            return None
        read = self._head(head, url)
        return None if read is None else read[0]

    def get(self, url: str) -> Entry | None:
        """The entry for ``url`` with its body, or None when there is none or it does not hold together."""
        try:
            raw = read_bytes(self._path(url), "cache entry", MAX_ENTRY_BYTES)
        except InputError:
            return None
        head, newline, body = raw.partition(b"\n")
        read = self._head(head, url) if newline else None
        if read is None or hashlib.sha256(body).hexdigest() != read[1].sha256:
            return None
        return msgspec.structs.replace(read[0], body=body)

    @staticmethod
    def _head(head: bytes, url: str) -> tuple[Entry, _Stamp] | None:
        """The entry (without its body) and its stamp, from a first line that holds together for ``url``."""
        try:
            entry, stamp = _entries.decode(head), _stamps.decode(head)
        except msgspec.DecodeError:
            return None
        valid = (
            stamp.format == FORMAT and entry.url == url and 100 <= entry.status <= 599 and _is_time(entry.fetched_at)
        )
        return (entry, stamp) if valid else None

    def _no_copy(self, asked: str) -> Path:
        return self.folder / "no-copy" / hashlib.sha256(asked.encode("utf-8", "surrogatepass")).hexdigest()

    def no_copy_since(self, asked: str) -> float | None:
        """When (seconds since the epoch) the web archive last had no copy to give for ``asked`` (a page and
        what was looked for in it) that holds the evidence, if it ever had none."""
        try:
            return self._no_copy(asked).stat().st_mtime
        except OSError:
            return None

    def note_no_copy(self, asked: str) -> None:
        """Remember that the web archive has no copy for ``asked`` now; a cache that cannot be written only costs
        speed."""
        path = self._no_copy(asked)
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch()

    def put(self, entry: Entry) -> None:
        """Store ``entry``, replacing any older one; a cache that cannot be written only costs speed."""
        behind = self._behind
        if behind is not None:
            behind.put(entry)
        else:
            self._write(entry)

    def _write(self, entry: Entry) -> None:
        meta = msgspec.structs.asdict(entry)
        del meta["body"]  # it follows the line, as it is
        meta.update(format=FORMAT, sha256=hashlib.sha256(entry.body).hexdigest())
        try:
            # One line: JSON escapes every line break in a string.
            data = msgspec.json.encode(meta) + b"\n" + entry.body
        except UnicodeEncodeError:  # a lone surrogate: not text that can be stored, nor needs to be
            return
        path = self._path(entry.url)
        try:
            if path.parent not in self._made:
                path.parent.mkdir(parents=True, exist_ok=True)
                sweep(path.parent, _ENTRY_NAME)  # entries are never flushed, nor swept as they are written
                self._made.add(path.parent)
            # Not flushed to disk: an entry lost in a crash is fetched again.
            write_bytes(path, data, durable=False)
        except InputError:
            self._made.discard(path.parent)  # removed meanwhile, perhaps: made again next time
        except OSError:
            pass
