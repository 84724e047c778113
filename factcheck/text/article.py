"""Reading article texts: the bytes of a plain-text or Markdown article, as text, with their sha256.

``hashlib`` loads OpenSSL, which costs more than reading the article: it is
imported by the two functions that hash, so that ``report`` and ``check``,
which read the text alone (``read_text``), do not pay for it.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.store.paths import display
from factcheck.store.reading import MAX_ARTICLE_BYTES, decode_utf8, read_bytes

#: Articles that are turned into text first, by the conversion verify uses for web pages.
CONVERTED = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml", ".pdf": "application/pdf"}


def read(path: Path) -> tuple[str, str]:
    """An article's text and its sha256 as extract records it (a byte-order mark left out, CRLF read as LF);
    InputError when missing, unreadable or not UTF-8."""
    text = read_text(path)
    return text, sha256(text)


def read_text(path: Path) -> str:
    """An article's text, its line breaks LF whoever saved it; InputError when missing, unreadable or not UTF-8.

    A clone with git's ``core.autocrlf`` or a Windows editor gives the same text CRLF line ends: read as they
    are, its sha256 and every anchor's offsets would differ from the text's elsewhere, and extract there would
    rewrite them all.
    """
    raw = read_bytes(path, "article file", MAX_ARTICLE_BYTES)
    return decode_utf8(raw, display(path), "article").replace("\r\n", "\n")


def is_converted(path: Path) -> bool:
    """Whether the article is a web page or PDF, whose text extract keeps beside the claims file."""
    return path.suffix.lower() in CONVERTED


def sha256(text: str) -> str:
    """The hex SHA-256 of an article text as stored (UTF-8)."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()
