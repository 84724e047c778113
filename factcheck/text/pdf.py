"""Reading a PDF's text layer as a person reads the page: without what the typesetting puts around the text.

pypdf gives the text of each page as lines; the page's running header and footer, footnote markers
set after figures, section headings, words hyphenated at a line's end and a table's rows are then told
apart from the sentences, so that a passage quoted from a statistics release reads as printed.
"""

from __future__ import annotations

import functools
import io
import re
from collections import Counter
from typing import Any

from factcheck.text.convert import Unreadable, looks_like_html

#: The most pages read of one PDF.
MAX_PAGES = 300


def text_layer(body: bytes) -> str:
    """The text of a PDF: its text layer, without running headers and footers or footnote markers, its
    headings set apart and its hyphenated words made whole; Unreadable when there is none.
    """
    import logging

    # pypdf reports every oddity of a file through logging; a source's quirks are not ours to print.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from pypdf import PdfReader

    if not body.strip():
        raise Unreadable("an empty file")
    if b"%PDF-" not in body[:1024]:  # where a PDF's header must be
        raise Unreadable(
            "not a PDF" + (": it holds a web page (a download that failed?)" if looks_like_html(body) else "")
        )
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Unreadable("an encrypted PDF")
        pages = [_page_text(page) for page in reader.pages[:MAX_PAGES]]
    except Unreadable:
        raise
    except Exception as exc:  # noqa: BLE001 - a malformed PDF may fail anywhere inside the reader
        raise Unreadable(f"a PDF that cannot be read ({type(exc).__name__})") from None
    text = _rejoined("\n".join(_headings_apart(page) for page in _without_running_lines(pages)))
    if not text.strip():
        raise Unreadable("a PDF without a text layer (a scan?)")
    return text


# A footnote's marker: a number of one or two digits, or a sign, set smaller and higher than the text before it.
_MARKER = re.compile(r"\s?(?:\d{1,2}|[*†‡§])")


def _page_text(page: Any) -> str:
    """A PDF page's text layer (pypdf's reading) without the footnote markers that follow a figure, and with
    a table's rows written as rows.

    A marker after a figure ran into it: "since November 2011²" read "November 20112", "6.1%¹" read
    "6.1%1".  A marker is set smaller than the text before it and above its line; after a letter it
    is kept, as that may be a unit's power ("km²").
    """
    chunks: list[tuple[str, float, float, float]] = []  # each piece of text, its size, where it starts and its baseline

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        scale = abs(tm[3] * cm[3]) or 1.0
        chunks.append((text, size * scale, tm[4] * cm[0] + cm[4], tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    text = page.extract_text(visitor_text=visit, visitor_operand_before=_without_soft_hyphens()) or ""
    if "".join(chunk[0] for chunk in chunks) != text:
        return text  # pieces that do not make up the text: nothing to tell a marker by
    out: list[tuple[str, float, float]] = []  # the pieces kept, each with its size and where it starts
    before = (0.0, 0.0, "")  # the size, baseline and last character of the last piece with text
    for piece, size, x, height in chunks:
        if piece.strip():
            if (
                _MARKER.fullmatch(piece)
                and before[2] in "0123456789%.,;:)"
                and size < 0.9 * before[0]
                and height > before[1] + 0.1 * before[0]
            ):
                continue
            before = (size, height, piece.rstrip()[-1])
        out.append((piece, size, x))
    return _with_rows(out)


# A table's cell after its row's label: a figure, of a few words at most ("75.1", "-26", "781 thousand").
_FIGURE_CELL = re.compile(r"\S*\d\S*(?: \S+){0,2}")


def _with_rows(pieces: list[tuple[str, float, float]]) -> str:
    """The text of a page's pieces, a table's rows written "| Vacancies | 781 | -26 |" as a page's table
    is, a paragraph apart.

    A PDF's text layer marks no rows: a table ran into the sentences around it, and a passage quoted from
    it was the whole table.  A row's cells stand apart by more than an em past where the text before could
    end (each character taken as half an em wide), each after the first a figure; a table is two such lines
    or more, one after the other.  Words set close together, or in another font, are a sentence's.
    """
    lines: list[list[tuple[str, float, float]]] = [[]]
    for piece, size, x in pieces:
        first, *rest = piece.split("\n")
        lines[-1].append((first, size, x))
        lines.extend([(part, size, x)] for part in rest)
    rows: list[list[str] | None] = []
    for line in lines:
        cells: list[str] = []
        end = None  # the furthest the text before can reach
        for piece, size, x in line:
            if not cells or (piece.strip() and end is not None and x > end + size):
                cells.append("")
            cells[-1] += piece
            if piece.strip():
                end = x + 0.5 * size * len(piece.strip())
        said = [" ".join(cell.split()) for cell in cells]
        rows.append(said if len(said) > 1 and all(_FIGURE_CELL.fullmatch(cell) for cell in said[1:]) else None)
    out = []
    for i, line in enumerate(lines):
        row = rows[i]
        if row and any(0 <= j < len(rows) and rows[j] for j in (i - 1, i + 1)):
            out.append(f"\n| {' | '.join(row)} |\n")
        else:
            out.append("".join(piece for piece, _, _ in line))
    return "\n".join(out).replace("|\n\n\n|", "|\n|")


def _without_soft_hyphens() -> Any:
    """A visitor of a page's operators that blanks the glyphs standing for a soft hyphen.

    Chromium prints a word's hyphenation points ("em&shy;ploy&shy;ment") as a space glyph marked
    with the soft hyphen as its actual text, which pypdf does not heed: the word read "em ploy ment".
    Where the line breaks there, the hyphen it shows follows the mark, and ``_rejoined`` mends the word.
    """
    marks: list[bool] = []  # for each marked-content sequence open, whether it is a soft hyphen

    def visit(operator: bytes, operands: list[Any], cm: list[float], tm: list[float]) -> None:
        if operator in (b"BDC", b"BMC"):
            props = operands[1].get_object() if operator == b"BDC" and len(operands) > 1 else None
            actual = props.get("/ActualText") if isinstance(props, dict) else None
            marks.append(actual in ("\u00ad", b"\xfe\xff\x00\xad"))
        elif operator == b"EMC" and marks:
            marks.pop()
        elif any(marks) and operator in (b"Tj", b"TJ", b"'", b'"'):
            operands[-1] = [] if operator == b"TJ" else b""  # the operator shows nothing

    return visit


#: How many lines at the top and at the bottom of a PDF's page may be its running header or footer.
RUNNING_LINES = 3
_DIGITS = re.compile(r"\d+")


def _without_running_lines(pages: list[str]) -> list[str]:
    """Each page's text less its running header and footer.

    Those are the lines near a page's top or bottom that recur near the top or bottom of at least half
    the pages (two at least), numbers aside ("Page 2 of 9", a date): a bulletin's name and release date
    would otherwise run into the sentences on either side of every page break.
    """
    if len(pages) < 2:
        return pages

    def key(line: str) -> str:
        return _DIGITS.sub("0", " ".join(line.split()).casefold())

    # Each page's lines, each with its key when it is near the page's top or bottom (else None).
    keyed = []
    for page in pages:
        lines = page.splitlines()
        bottom = len(lines) - RUNNING_LINES
        keyed.append([(line, key(line) if i < RUNNING_LINES or i >= bottom else None) for i, line in enumerate(lines)])
    counts = Counter(k for lines in keyed for k in {k for _, k in lines if k})
    running = {k for k, n in counts.items() if n >= max(2, len(pages) / 2)}
    return ["\n".join(line for line, k in lines if k not in running) for lines in keyed]


# A PDF's section heading: a line of a few words, perhaps numbered ("2. Summary of figures"), without a figure
# or a sentence's punctuation.
_HEADING_LINE = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?([A-Z][^\d.:;,!?]{0,60})")


def _headings_apart(page: str) -> str:
    """A page's text with each section heading a paragraph of its own, without its number.

    A PDF's text layer marks no paragraphs: a heading ran into the sentence after it ("Main points The
    UK employment rate ..."), and a person quoting that sentence quoted the heading too.  A heading is a
    line shorter than most of the page's, that ``_HEADING_LINE`` matches, before a line that starts with
    a capital.
    """
    lines = page.split("\n")
    width = sorted(len(line) for line in lines)[len(lines) // 2]
    out = []
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        heading = _HEADING_LINE.fullmatch(line.strip())
        if heading and len(line) < 0.6 * width and after.lstrip()[:1].isupper():
            line = f"\n{heading.group(1)}\n"
        out.append(line)
    return "\n".join(out)


# A word cut at a line's end: letters, a hyphen (or soft hyphen), the line break, letters.  Sought from a word's
# first letter only: tried from each letter of a long word, the search would take time growing with its square.
_CUT_WORD = re.compile(r"(?<![^\W\d_])([^\W\d_]++)([-\u2010\u00ad])\n([^\W\d_]+)")


def _rejoined(text: str) -> str:
    """``text`` with the words a PDF hyphenated at a line's end made whole again ("sav-\\ning": "saving").

    A hyphen between two lower-case letters is the typesetter's unless the document writes the word with
    it elsewhere ("pre-coronavirus"); any other (a capital, "Anglo-\\nSaxon") is the word's own.
    """
    folded = text.casefold()

    @functools.cache  # a word cut at many lines' ends is sought in the whole text once, not at each
    def written(hyphenated: str) -> bool:
        return hyphenated.casefold() in folded

    def join(m: re.Match[str]) -> str:
        left, hyphen, right = m.groups()
        hyphenated = f"{left}-{right}"
        cut = hyphen == "\u00ad" or (left[-1].islower() and right[0].islower() and not written(hyphenated))
        return left + right if cut else hyphenated

    return _CUT_WORD.sub(join, text)
