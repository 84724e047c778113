"""Turning a fetched body into text: HTML's main text, plain text, or a PDF's text layer.

``to_text`` chooses by the declared content type, checked against the
body's first bytes (a server that calls a PNG ``text/html`` gets no say).
Text is decoded by, in order: a byte-order mark, the charset the server
declared, for HTML a ``<meta>`` charset, then UTF-8 if the bytes are valid
UTF-8, then a detected encoding.  Anything that cannot become text raises
``Unreadable`` with a reason a person can act on.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from factcheck.model.errors import InputError
from factcheck.store.paths import display
from factcheck.store.reading import MAX_ARTICLE_BYTES, read_bytes
from factcheck.text import article

if TYPE_CHECKING:
    from trafilatura.settings import Extractor

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain", "text/markdown", "text/x-markdown", "text/csv", "application/json"})
PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
# Types that hold no text we can read, whatever their bytes look like.
_BINARY_PREFIXES = ("image/", "audio/", "video/", "font/", "model/")
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or an office document)",
    b"\x1f\x8b": "gzip data",
    b"RIFF": "a RIFF file (audio, video or WebP)",
    b"\x00\x00\x00": "binary data",
    b"OggS": "an Ogg file",
    b"ID3": "an MP3 file",
    b"\xd0\xcf\x11\xe0": "an old Microsoft Office document",
}
_META_CHARSET = re.compile(rb"<meta[^>]{0,512}?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_.:-]{1,40})", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


class Unreadable(Exception):
    """The body holds no text we can read; the message says why."""


class Converted(msgspec.Struct, frozen=True):
    """The readable text of a body: its main text, what kind it was, and the encoding used."""

    text: str
    kind: str  # "html", "text" or "pdf"
    encoding: str | None = None
    # For HTML, the whole page's text (menus and footers included), computed
    # only when asked: evidence falls back to it when the main text lacks it.
    _full: Callable[[], str] | None = None
    # For HTML read ``with_metadata``, what the page declares, read from the tree its text came from.
    metadata: PageMetadata | None = None

    def full_text(self) -> str:
        """All the text of the page, where that differs from the main text; else the main text."""
        return self._full() if self._full is not None else self.text


def media_type(content_type: str | None) -> tuple[str | None, str | None]:
    """The lower-case media type and charset of a Content-Type header value."""
    if not content_type:
        return None, None
    parts = content_type.split(";")
    mime = parts[0].strip().lower() or None
    charset = None
    for param in parts[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return mime, charset


def prepare() -> None:
    """Load the readers of web pages now, rather than when the first page is read.

    The PDF reader is not among them: it is loaded by the first PDF, as most
    runs read none.
    """
    import charset_normalizer  # noqa: F401
    import trafilatura  # noqa: F401


def to_text(body: bytes, content_type: str | None, with_metadata: bool = False) -> Converted:
    """The text of ``body``, served as ``content_type``; Unreadable when there is none.

    ``with_metadata``: a web page's metadata too (``page_metadata``), from the one parse of it.
    """
    mime, charset = media_type(content_type)
    if mime and mime.startswith(_BINARY_PREFIXES):
        raise Unreadable(f"unsupported content type {mime}")
    if body.startswith(b"%PDF-") or mime in PDF_TYPES:
        from factcheck.text import pdf

        return Converted(pdf.text_layer(body), "pdf", None)
    what = _binary(body)
    if what:
        raise Unreadable(f"{what}, served as {mime or 'no content type'}")
    if mime in HTML_TYPES or (mime in (None, "application/octet-stream", "text/plain") and looks_like_html(body)):
        return _html(body, charset, with_metadata)
    textual = mime is None or mime in TEXT_TYPES or mime.startswith("text/") or mime.endswith(("+xml", "/xml"))
    if not textual and mime != "application/octet-stream":
        raise Unreadable(f"unsupported content type {mime}")
    text, encoding = decode(body, charset)
    return Converted(text, "text", encoding)


def _binary(body: bytes) -> str | None:
    """What a body is when it is plainly not text, judged by its first bytes."""
    head = body[:1024]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    found = next((what for magic, what in _MAGIC.items() if head.startswith(magic)), None)
    return found or ("binary data" if b"\x00" in head else None)


def looks_like_html(body: bytes) -> bool:
    """Whether a body's first bytes are those of a web page."""
    head = body[:1024].lstrip().lower()
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :].lstrip()
    return head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head[:256]


def _codec(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when unknown or not to be trusted."""
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    # As browsers do (WHATWG Encoding): these labels mean windows-1252.
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def decode(body: bytes, declared: str | None = None, html: bool = False) -> tuple[str, str]:
    """Decode ``body``; returns the text and the encoding that was used."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(name, errors="replace"), name
    candidates = [_codec(declared)]
    if html:
        match = _META_CHARSET.search(body[:4096])
        meta = _codec(match.group(1).decode("ascii")) if match else None
        # A page cannot declare itself UTF-16 in a tag read as ASCII (HTML spec).
        candidates.append("utf-8" if meta and meta.startswith("utf-16") else meta)
    for candidate in candidates:
        if candidate:
            return body.decode(candidate, errors="replace"), candidate
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    found = from_bytes(body[: 256 * 1024])
    best = found.best()
    # A short Western text reads as cleanly in windows-1250 as in windows-1252, its pound sign as "Ł":
    # of the readings as clean as the best, windows-1252 is the one most undeclared text is written in.
    if best is not None and any(m.encoding == "cp1252" and m.chaos <= best.chaos for m in found):
        best = next(m for m in found if m.encoding == "cp1252")
    detected = (_codec(best.encoding) if best is not None else None) or "cp1252"
    return body.decode(detected, errors="replace"), detected


def _html(body: bytes, declared: str | None, with_metadata: bool) -> Converted:
    text, encoding = decode(body, declared, html=True)
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(text)  # what trafilatura would parse ``text`` into, parsed once for the text and metadata
    if tree is not None:
        _without_consent_banners(tree)
    main = trafilatura.extract(tree, options=_extractor()) if tree is not None else None
    full = functools.cache(functools.partial(_blocks, text))
    if not main or not main.strip():
        main = full()
    if not main.strip():
        raise Unreadable("the page has no text")
    # Each line is a block of the page (a heading, a paragraph, a cell): make
    # them paragraphs, so that no sentence runs from a heading into the text.
    main = "\n\n".join(line.strip() for line in main.splitlines() if line.strip())
    # extract() read a copy of the tree, so the metadata are read from the page as parsed.
    metadata = (_metadata(tree, text) if tree is not None else PageMetadata()) if with_metadata else None
    return Converted(main, "html", encoding, full, metadata)


# The class, id or label that consent tools and sites give a cookie banner.
_CONSENT = re.compile(r"cookie|consent|gdpr|didomi|qc-cmp|onetrust|usercentrics", re.IGNORECASE)


def _without_consent_banners(tree: Any) -> None:
    """Take the page's cookie-consent banners out of ``tree``; the page reader kept some as text.

    A banner is an element that ``_CONSENT`` names, whose text speaks of cookies and is short (not a
    page about cookies), holding no headline, and not the page's body, main part or article.
    """
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.tag.lower() in ("html", "body", "main", "article"):
            continue
        if element.getparent() is None or not _CONSENT.search(
            " ".join(element.get(name) or "" for name in ("class", "id", "aria-label"))
        ):
            continue
        words = element.text_content()
        if "cookie" in words.casefold() and len(words) < 2000 and element.find(".//h1") is None:
            element.drop_tree()


@functools.cache
def _extractor() -> Extractor:
    """trafilatura's settings for every page, made once: making them reads its configuration file's values.

    recall keeps short pages and lists whole; comments are not the source's
    word; fast skips trafilatura's second-opinion extractors (7x quicker):
    when the main text misses the evidence, the evidence search reads the
    whole page.
    """
    from trafilatura.settings import Extractor

    return Extractor(output_format="txt", fast=True, recall=True, comments=False, tables=True, dedup=False)


# Elements whose text stands apart from what comes before and after it.
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer form h1 h2 "
    "h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul".split()
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg")


def _blocks(html: str) -> str:
    """All the text of a page, each block (paragraph, heading, list item, cell, menu) on a line of its own.

    The evidence search falls back to this when the main text lacks the
    quote; keeping blocks apart lets a passage stop where the page's menus
    and footers begin.
    """
    from lxml import etree

    root = _parse(html)
    if root is None:
        return ""
    pieces: list[str] = []
    skipping = 0  # inside an element whose text is not shown
    # Walked without recursion: a hostile page may nest thousands of elements.
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if skipping or tag in _INVISIBLE_TAGS:
                skipping += 1
                continue
            if tag in _BLOCK_TAGS:
                pieces.append("\n")
            if element.text and tag:
                pieces.append(element.text)
            continue
        if skipping:
            skipping -= 1
            if skipping:
                continue
        elif tag in _BLOCK_TAGS:
            pieces.append("\n")
        if element.tail:
            pieces.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _parse(html: str) -> Any:
    """The page's element tree (lxml's), or None when lxml finds no document in it."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html)
    except (ValueError, etree.ParserError):
        return None


class PageMetadata(msgspec.Struct, frozen=True):
    """What a web page declares about itself: title, author, site, date and address (None where it does not)."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None  # the site's name
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None  # the canonical address


_DATE = re.compile(r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")
_URL = re.compile(r"^[hH][tT][tT][pP][sS]?://[^\s/?#]+[^\s]*$")


def _real_date(text: str) -> bool:
    """Whether ``text`` is a YYYY-MM-DD date that exists (no final newline, no 31 February)."""
    import datetime as _dt

    try:
        return bool(_DATE.fullmatch(text)) and bool(_dt.date.fromisoformat(text))
    except ValueError:
        return False


def _no_such_day(text: str, month: str) -> bool:
    """Whether the page states a day of ``month`` (``YYYY-MM-``) that does not exist, such as 2021-02-29.

    trafilatura reads a date it cannot parse as its month and gives the month's
    first day; an article dated by a day it never had is worse than one with no date.
    """
    return any(not _real_date(month + day) for day in re.findall(re.escape(month) + r"([0-9]{2})(?![0-9])", text))


def page_metadata(body: bytes, declared: str | None = None) -> PageMetadata:
    """The metadata an HTML page declares: its meta tags (Open Graph, Dublin Core, ...), JSON-LD, title and by-line.

    Read by trafilatura; the date only from what the page states (no guess from
    the text), the URL only when it is http(s).  Values are single lines.
    """
    text, _ = decode(body, declared, html=True)
    return _metadata(text, text)


def _metadata(page: Any, text: str) -> PageMetadata:
    """``page_metadata`` of a page's ``text``, given as it is or as the tree trafilatura parses it into."""
    import trafilatura

    found = trafilatura.extract_metadata(
        page, date_config={"extensive_search": False, "original_date": True}, extensive=False
    )
    if found is None:
        return PageMetadata()

    def one_line(value: object) -> str | None:
        if not isinstance(value, str):
            return None
        value = " ".join(value.split())
        return value[:500] or None

    date = one_line(found.date)
    if date and date.endswith("-01") and _no_such_day(text, date[:8]):
        date = None
    url = one_line(found.url)
    return PageMetadata(
        title=one_line(found.title),
        author=one_line(found.author),
        publisher=one_line(found.sitename),
        date=date if date and _real_date(date) else None,
        url=url if url and _URL.fullmatch(url) else None,
    )


def load_metadata(path: Path, text: str | None = None) -> PageMetadata | None:
    """The metadata a web-page article declares; for a text article (given its ``text``), what its lines say.

    None for a PDF, or a text article when ``text`` is not given.
    """
    if article.CONVERTED.get(path.suffix.lower()) not in HTML_TYPES:
        if text is None or article.is_converted(path):
            return None
        return text_metadata(text)
    return page_metadata(_raw(path))


# --- news-page structure --------------------------------------------------------------

# Class or id words that page templates give a standfirst, a caption, a by-line, a correction and a
# copyright notice.  "rights" counts only as a whole class or id ("human-rights" is a topic's tag), and
# "credit(s)" stays a caption's: pages use it for a photograph's credit as often as for their own.
_STRUCTURE_CLASSES = (
    (re.compile(r"standfirst|\bdek\b|\bdeck\b|sub-?title|sub-?head(?:line)?|strapline|summary|\blede\b|intro", re.I),
     "standfirst"),
    (re.compile(r"caption|credit", re.I), "caption"),
    (re.compile(r"correction|clarification|editor-?s?-?note|article-note|update-note", re.I), "notice"),
    (re.compile(r"copyright|(?<![\w-])rights(?![\w-])", re.I), "rights"),
)  # fmt: skip


def page_structure(body: bytes) -> dict[str, str]:
    """The furniture of an HTML news page, by its paragraphs' text (``segment.norm``): kind for each.

    Captions are ``figcaption`` elements; standfirsts, captions,
    corrections and copyright notices also the elements whose class or id
    names them so (templates write ``class="standfirst"``,
    ``"article-correction"``, ``"site-copyright"``).  ``segment.segments``
    takes this as ``marked``: the text a page converts to no longer says
    which paragraph was which.
    """
    from factcheck.text.segment import norm

    root = _parse(decode(body, None, html=True)[0])
    if root is None:
        return {}
    found: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        kind = "caption" if element.tag.lower() == "figcaption" else None
        if kind is None:
            names = f"{element.get('class') or ''} {element.get('id') or ''}"
            kind = next((k for pattern, k in _STRUCTURE_CLASSES if names.strip() and pattern.search(names)), None)
        if kind is None:
            continue
        # The element's paragraphs, or the element itself when it holds its text directly.
        parts = [p for p in element.iter("p") if p is not element] or [element]
        for part in parts:
            key = norm(part.text_content())
            if key and len(key) < 2000:
                found.setdefault(key, kind)
    return found


def captions(body: bytes, content_type: str | None = None) -> list[str]:
    """The text of a web page's figure captions (``figcaption``), in order: page readers often leave them out."""
    root = _parse(decode(body, media_type(content_type)[1], html=True)[0])
    if root is None:
        return []
    found = (" ".join(element.text_content().split()) for element in root.iter("figcaption"))
    return [text for text in found if text]


def load_structure(path: Path) -> dict[str, str]:
    """The furniture of a web-page article by paragraph (``page_structure``); empty for any other article."""
    if article.CONVERTED.get(path.suffix.lower()) not in HTML_TYPES:
        return {}
    return page_structure(_raw(path))


_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y", "%b. %d, %Y")


def text_metadata(text: str) -> PageMetadata:
    """What a plain-text or Markdown article says about itself: its front matter, else its by-line and dateline.

    Front matter keys read: title, author (or authors, by), date, publisher
    (or site), url (or canonical_url).  Without it, the first lines that the
    segmenter takes for a by-line and a date give the author and date.
    """
    from factcheck.text import segment

    fields, body = segment.front_matter(text)

    def field(*names: str, words: bool = True) -> str | None:
        # As extract reads a heading: a title or name written with Markdown's * and links is its words.
        found = next((fields[n] for n in names if fields.get(n)), "")
        return " ".join((segment.reading_text(found) if words else found).split())[:500] or None

    author = field("author", "authors", "by")
    date = _iso_date(field("date", "published", "pubdate") or "")
    if author is None or date is None:
        for line in text[body : body + 4000].splitlines()[:40]:
            line = line.strip().strip("*_")
            if not line or not segment.is_chrome(line):
                continue
            byline = segment.byline(line)
            if byline:
                # "By Elena Marsh, Transport Correspondent": the name, not the job.
                author = author or re.split(r",\s*|\s+\|\s+", byline[0])[0][:500]
                date = date or _iso_date(byline[1] or "")
            elif date is None:
                date = _iso_date(re.sub(r"^(?:published|updated|posted)\s*(?:on|:)?\s*", "", line, flags=re.I))
    url = field("url", "canonical_url", "canonical", words=False)
    return PageMetadata(
        title=field("title", "headline"),
        author=author,
        publisher=field("publisher", "site", "sitename"),
        date=date,
        url=url if url and _URL.fullmatch(url) else None,
    )


def _iso_date(value: str) -> str | None:
    from datetime import datetime

    value = " ".join(value.replace(",", ", ").split()).replace(" ,", ",")
    value = re.sub(r"^[A-Z][a-z]+day,?\s+", "", value)
    value = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value)
    if _real_date(value[:10]):
        return value[:10]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return _date_abroad(value)


#: The comma after a dateline's place, as Latin, Cyrillic and Devanagari text write it and as Arabic does.
_COMMAS = (", ", "، ")


def _date_abroad(value: str) -> str | None:
    """A date written day first in German, Spanish, French, Russian, Arabic or Hindi, alone or after a place or
    weekday and a comma, as ISO: "7. Dezember 2026", "Madrid, 7 de diciembre de 2026", "القاهرة، ٧ ديسمبر ٢٠٢٦"."""
    from factcheck.text.facts.patterns import DMY_ABROAD
    from factcheck.text.facts.vocabulary import MONTHS_ABROAD

    m = DMY_ABROAD.search(value)
    if (
        not m
        or not m.group("y")
        or m.end() != len(value)
        or (m.start() and value[m.start() - 2 : m.start()] not in _COMMAS)
    ):
        return None
    # int() reads the digits of every script: "٢٠٢٦" is 2026.
    date = f"{int(m.group('y')):04d}-{MONTHS_ABROAD[m.group('m').lower()]:02d}-{int(m.group('d')):02d}"
    return date if _real_date(date) else None


def load_article(path: Path) -> str:
    """The text of any article extract reads; InputError when missing, unreadable, not UTF-8 or empty.

    A web page (.html) or PDF becomes its main text, without menus, footers
    and the like.
    """
    if article.is_converted(path):
        try:
            text = to_text(_raw(path), article.CONVERTED[path.suffix.lower()]).text.strip() + "\n"
        except Unreadable as exc:
            raise InputError(f"cannot read the article: {exc}", display(path)) from None
    else:
        text, _ = article.read(path)
    if not text.strip():
        raise InputError("the article is empty", display(path))
    return text


def _raw(path: Path) -> bytes:
    return read_bytes(path, "article file", MAX_ARTICLE_BYTES)
