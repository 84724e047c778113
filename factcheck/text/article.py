"""Reading article texts: plain text and Markdown as they are, web pages and PDFs converted to text."""

from __future__ import annotations

import hashlib
from pathlib import Path

from factcheck.model.errors import InputError
from factcheck.store.paths import display
from factcheck.store.reading import MAX_ARTICLE_BYTES, decode_utf8, read_bytes
from factcheck.text import convert

#: Articles that are turned into text first, by the conversion verify uses for web pages.
CONVERTED = {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml", ".pdf": "application/pdf"}


def read(path: Path) -> tuple[str, str]:
    """An article's text and the sha256 of its bytes; InputError when missing, unreadable or not UTF-8."""
    raw = read_bytes(path, "article file", MAX_ARTICLE_BYTES)
    return decode_utf8(raw, display(path), "article"), hashlib.sha256(raw).hexdigest()


def is_converted(path: Path) -> bool:
    """Whether the article is a web page or PDF, whose text extract keeps beside the claims file."""
    return path.suffix.lower() in CONVERTED


def load(path: Path) -> str:
    """The text of any article extract reads; InputError when missing, unreadable, not UTF-8 or empty.

    A web page (.html) or PDF becomes its main text, without menus, footers
    and the like.
    """
    if is_converted(path):
        raw = read_bytes(path, "article file", MAX_ARTICLE_BYTES)
        try:
            text = convert.to_text(raw, CONVERTED[path.suffix.lower()]).text.strip() + "\n"
        except convert.Unreadable as exc:
            raise InputError(f"cannot read the article: {exc}", display(path)) from None
    else:
        text, _ = read(path)
    if not text.strip():
        raise InputError("the article is empty", display(path))
    return text


def sha256(text: str) -> str:
    """The hex SHA-256 of an article text as stored (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
