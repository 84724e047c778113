"""The parts of an article text a reader sees as more than body text, told from the text's layout.

An article saved as text keeps the page's front matter before the body: a
label ("OPINION"), the headline, a reading time, a byline ("By: Zaman
Bajwa"), a standfirst; and subheads between the body's paragraphs.  Each is
a paragraph of one short line without final punctuation, which is how they
are told apart from the body here: plainly, from the layout alone, so that
a reader's page can show each for what it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from factcheck.text.segment import TERMINAL


class Kind(StrEnum):
    """What a paragraph of an article is to a reader."""

    LABEL = "label"  # a short line of the front matter: "OPINION", "4 Mins read", a date
    HEADLINE = "headline"  # the article's title, as the text repeats it
    STANDFIRST = "standfirst"  # a longer line of the front matter that is not the byline
    BYLINE = "byline"  # "By ...", in the front matter
    SUBHEAD = "subhead"  # a short line between paragraphs of the body
    BODY = "body"


@dataclass(frozen=True)
class Block:
    """A paragraph of the text: where it starts and ends (white space around it left out), and its kind."""

    start: int
    end: int
    kind: Kind


#: A paragraph break: a blank line (perhaps holding spaces) and the white space after it.
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
#: A line longer than this is body text whatever it ends with.
SHORT = 120
#: At most this many words, a short front-matter line is a label rather than a standfirst.
LABEL_WORDS = 3
# What ends a sentence, a quotation or an aside: a line ending so is body text.
_FINAL = (*TERMINAL, ")", "]", "）")
_BYLINE = re.compile(r"by\b[:\s]", re.IGNORECASE)
#: A Markdown text's markup around a whole line: an ATX heading's hashes, or emphasis wrapping it all.
_LINE_MARKUP = re.compile(r"^(?:#{1,6}[ \t]+)?(\*\*|__|\*|_)?(?P<inner>.*?)(?(1)\1)[ \t]*#*$", re.DOTALL)
# A list item, which can be short and unpunctuated and still be body text.
_ITEM = re.compile(r"([-*•–]|\d+[.)])\s")
_WORDS = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def _short(line: str) -> bool:
    return len(line) <= SHORT and not line.endswith(_FINAL) and not _ITEM.match(line)


def _is_title(line: str, title: str) -> bool:
    # A page's title often adds the site's name ("Headline | Site"): the headline is the start of it.
    words, titled = _words(line), _words(title)
    return bool(words) and titled[: len(words)] == words and len(words) * 2 >= len(titled)


def _unmarked(line: str) -> tuple[int, int]:
    """Where ``line`` is, less the Markdown markup around all of it ("## Subhead", "*By Dana Wells*")."""
    m = _LINE_MARKUP.match(line)
    if m is None or not m.group("inner").strip():
        return 0, len(line)
    return m.start("inner"), m.end("inner")


def unmarked(text: str, block: Block) -> Block:
    """``block`` less the Markdown markup around its whole line, for a page that shows a heading as a heading."""
    if block.kind == Kind.BODY:
        return block
    start, end = _unmarked(text[block.start : block.end])
    return Block(block.start + start, block.start + end, block.kind)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Where each paragraph of the text starts and ends, the white space around it left out."""
    spans = []
    at = 0
    for brk in PARAGRAPH_BREAK.finditer(text):
        spans.append((at, brk.start()))
        at = brk.end()
    spans.append((at, len(text)))
    out = []
    for start, end in spans:
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            first = start + piece.index(stripped[0])
            out.append((first, first + len(stripped)))
    return out


def blocks(text: str, title: str) -> list[Block]:
    """Every paragraph of the text with its kind; ``title`` is the article's, to know its headline by.

    The front matter is the run of one-line, unpunctuated paragraphs before
    the first paragraph of body text; after it, such a paragraph is a subhead.
    """
    out = []
    front = True
    for start, end in paragraphs(text):
        piece = text[start:end]
        line = " ".join(piece.split())
        short = "\n" not in piece and _short(line)
        if not short:
            front = False
            kind = Kind.BODY
        elif not front:
            kind = Kind.SUBHEAD
        elif _BYLINE.match(line[slice(*_unmarked(line))]):
            kind = Kind.BYLINE
        elif _is_title(line.lstrip("# "), title):
            kind = Kind.HEADLINE
        elif len(_words(line)) <= LABEL_WORDS:
            kind = Kind.LABEL
        else:
            kind = Kind.STANDFIRST
        out.append(Block(start, end, kind))
    return out
