"""Importing documents: HTML, PDF, text and Markdown files or folders, and the pages in verify's web cache.

Each document becomes passages of a sentence or a few (at most
``PASSAGE_CHARS`` characters, unless one sentence is longer), cut along the
sentence splitter's boundaries, with the document's title, path or URL and date.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path

from factcheck.library.records import Document
from factcheck.model.errors import InputError
from factcheck.store.paths import display, location
from factcheck.store.reading import read_bytes
from factcheck.text.article import CONVERTED

#: A passage holds sentences up to this many characters.
PASSAGE_CHARS = 600
#: One sentence longer than this is cut, at white space.
SENTENCE_CHARS = 1200
#: The largest document file read.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
#: The most text kept of one document (a PDF can inflate far beyond its size on disk).
MAX_TEXT_CHARS = 20 * 1024 * 1024

#: The files read as documents, by suffix, and the media type each is read as.
TYPES = {
    **CONVERTED,  # web pages and PDFs, read as articles are
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/markdown",
    ".markdown": "text/markdown",
}

_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
# What a PDF's title is when nobody set one: the program's "Microsoft Word - report.docx", a file name,
# "Untitled".  The file's own name says as much.
_NO_TITLE = re.compile(
    r"^(?:microsoft \w+ - .*|untitled\b.*|.*\.(?:pdf|docx?|odt|rtf|pptx?|xlsx?|indd|tex|txt|html?))$", re.IGNORECASE
)


def _pdf_title(body: bytes) -> str | None:
    """The title a PDF's document information gives, unless it is a placeholder."""
    import io

    from pypdf import PdfReader

    try:
        info = PdfReader(io.BytesIO(body)).metadata
        title = " ".join(str(info.title).split())[:500] if info is not None and info.title else ""
    except Exception:  # noqa: BLE001 - the text was read; a title the reader chokes on is only a title
        return None
    return title if title and not _NO_TITLE.match(title) else None


@dataclass(frozen=True)
class Skipped:
    """A file that could not be read, and why: reported, and the import goes on."""

    path: str
    reason: str


def _is_title(sentence: str, title: str | None) -> bool:
    """Whether ``sentence`` is the document's title said again: its headline, or the title less the site's name."""
    if not title:
        return False
    said, named = sentence.casefold().rstrip(" .:"), " ".join(title.split()).casefold()
    return named == said or (named.startswith(said) and named[len(said) : len(said) + 2] in (" |", " -", " –", " —"))


def _row(line: str) -> str:
    """A table's row with its empty cells left out, "" for the line under a header ("|---|---|")."""
    cells = [cell.strip() for cell in line.strip("|").split("|")]
    kept = [cell for cell in cells if cell]
    return "" if all(set(cell) <= set("-: ") for cell in kept) else f"| {' | '.join(kept)} |"


def passages(text: str, title: str | None = None, captions: Collection[str] = ()) -> list[str]:
    """``text`` cut into passages of whole sentences, each at most ``PASSAGE_CHARS`` (a long sentence alone).

    Headings, and the ``title`` where the text says it again (a page's headline), are left out; the
    ``captions`` of its figures are kept, though one without a full stop reads like a heading.
    """
    from factcheck.text.segment import HEADING, segments

    out: list[str] = []
    current: list[str] = []
    size = 0

    def flush() -> None:
        nonlocal size
        if current:
            out.append(" ".join(current))
        current.clear()
        size = 0

    for segment in segments(text[:MAX_TEXT_CHARS]):
        sentence = " ".join(segment.text.split())
        lines = [" ".join(line.split()) for line in segment.text.splitlines()]
        if all(line.startswith("|") and line.endswith("|") for line in lines if line):
            # A table, as the page reader or a Markdown note writes it (a figure's usual place): a row a sentence.
            units = [_row(line) for line in lines]
        elif (segment.kind == HEADING and sentence not in captions) or _is_title(sentence, title):
            # A heading is the title's business, not evidence; a headline too long to be taken for a heading
            # would otherwise run into the first sentence ("... 120 people An unvaccinated child ...").
            flush()
            continue
        else:
            units = [sentence]
        for unit in filter(None, units):
            while len(unit) > SENTENCE_CHARS:
                cut = unit.rfind(" ", 0, SENTENCE_CHARS)
                cut = cut if cut > 0 else SENTENCE_CHARS
                flush()
                out.append(unit[:cut])
                unit = unit[cut:].strip()
            if current and size + 1 + len(unit) > PASSAGE_CHARS:
                flush()
            current.append(unit)
            size += len(unit) + (1 if size else 0)
    flush()
    return out


def from_body(
    body: bytes, content_type: str | None, location: str, url: str | None = None, fallback_title: str | None = None
) -> Document:
    """A document from the bytes of a file or page; ``convert.Unreadable`` when it holds no text."""
    from factcheck.text import convert

    converted = convert.to_text(body, content_type, with_metadata=True)
    text, title, date, published, captions = converted.text, None, None, None, []
    if converted.metadata is not None:
        meta = converted.metadata
        title, date, published = meta.title, meta.date, meta.url
        # A chart's caption often states the figure; the main text leaves captions out.
        said = " ".join(text.split())
        captions = [c for c in convert.captions(body, content_type) if c not in said]
        text = "\n\n".join([text, *captions])
    elif converted.kind == "pdf":
        title = _pdf_title(body)
    elif content_type in ("text/markdown", "text/plain"):
        meta = convert.text_metadata(text)
        title, date, published = meta.title, meta.date, meta.url
        if content_type == "text/markdown":
            heading = _MD_HEADING.search(text)
            title = title or (heading.group(1) if heading else None)
            text = _MD_HEADING.sub(lambda m: m.group(1) + "\n", text)
    # A saved page names the address it was published at (its canonical link, og:url, front matter's
    # url): that is where a passage of it is cited.  A page fetched from the web is at the URL it came from.
    return Document(
        location=location,
        title=title or fallback_title,
        url=url or published,
        date=date,
        passages=passages(text, title=title, captions=captions),
    )


def read(path: Path) -> bytes:
    """The bytes of a document file; InputError naming it when it cannot be read."""
    return read_bytes(path, "document", MAX_DOCUMENT_BYTES)


def from_file(path: Path, raw: bytes | None = None) -> Document:
    """A document from a file, whose bytes are ``raw`` when already read; InputError naming it when it cannot be read."""
    from factcheck.text.convert import Unreadable

    raw = read(path) if raw is None else raw
    try:
        document = from_body(raw, TYPES.get(path.suffix.lower()), location(path), fallback_title=path.stem)
    except Unreadable as exc:
        raise InputError(f"cannot read the document: {exc}", display(path)) from None
    if not document.passages:
        raise InputError("the document holds no text", display(path))
    return document


def files(folder: Path) -> Iterator[Path | Skipped]:
    """The files under ``folder`` that are documents or feeds, in a stable order; each folder visited once.

    Symbolic links are followed, but a folder reached twice (a link loop, or
    two links to one place) is walked only the first time.
    """
    from factcheck.library.feeds import is_feed

    seen: set[tuple[int, int]] = set()

    def walk(current: Path) -> Iterator[Path | Skipped]:
        try:
            info = current.stat()
        except OSError as exc:
            yield Skipped(display(current), exc.strerror or str(exc))
            return
        if (info.st_dev, info.st_ino) in seen:
            return
        seen.add((info.st_dev, info.st_ino))
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as exc:
            yield Skipped(display(current), exc.strerror or str(exc))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue  # .git, .factcheck and the like are not a desk's documents
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
            except OSError as exc:
                yield Skipped(display(path), exc.strerror or str(exc))
                continue
            if is_dir:
                yield from walk(path)
            elif entry.is_symlink() and not path.exists():
                yield Skipped(display(path), "a broken or looping symbolic link")
            elif path.suffix.lower() in TYPES or is_feed(path):
                yield path

    yield from walk(folder)


def web_cache(folder: Path, cited: Collection[str]) -> Iterator[Document | Skipped]:
    """The pages in verify's web cache at ``folder`` fetched for the URLs ``cited``, as documents, each once.

    The cache is the user's, shared by every claims folder: only the pages of the sources a desk
    cites are its own.  Each cited URL is looked up by the name verify's cache gives its entry (a
    digest of the URL), so the cost follows the desk's sources, never the size of the cache.  A page
    reached from several addresses (a redirect) is one document.
    """
    from factcheck.net.cache import WebCache
    from factcheck.text.convert import Unreadable

    cache = WebCache(folder)
    seen: set[str] = set()
    for url in sorted(cited):
        entry = cache.get(url)
        if entry is None or not entry.body or not 200 <= entry.status < 300 or entry.final_url in seen:
            continue  # not fetched, an entry that does not hold together, or a page already read
        seen.add(entry.final_url)
        try:
            document = from_body(entry.body, entry.content_type, entry.final_url, url=entry.final_url)
        except Unreadable as exc:
            yield Skipped(url, str(exc))
            continue
        if document.passages:
            yield document
