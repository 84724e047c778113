"""Sentence segmentation of article text, skipping site chrome.

An article saved from a web page carries more than the article: a section
label ("OPINION"), "4 Mins read", a by-line, share buttons, "Related posts"
and a comment form.  ``segments`` returns the units of the article proper,
each with its character span in the original text: sentences, headings and
list items.

The splitter is rule-based: a sentence ends at ``.``, ``!``, ``?`` or ``…``
(with any closing quotes and brackets) followed by white space and a
capital, a digit or an opening quote; abbreviations ("U.S.", "Dr.",
"No. 5", "Oct. 2021", "Co. Cork"), initials and decimals do not end one.
Where letters have no capitals, a letter starts the next sentence too: after
``!`` and ``?``, and after ``.`` in Arabic and Hebrew (a ``.`` in Devanagari or
Chinese text marks an abbreviation: "डॉ. मेहता").  Chinese and Japanese end
a sentence at ``。``, ``！``, ``？`` and ``．`` (not between digits: "３８．２")
with no space after it, Arabic at ``؟`` and Hindi at ``।`` and ``॥``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

SENTENCE, HEADING, ITEM = "sentence", "heading", "item"
# The parts of a news page that frame the story rather than tell it: kept out of extract's proposals.
STANDFIRST, CAPTION, NOTICE, RIGHTS = "standfirst", "caption", "notice", "rights"
#: Kinds of unit that are page furniture, not the article's own statements: headline and subheads,
#: standfirst, captions, corrections or editor's notes (whose facts are about the article), and
#: copyright or reuse notices (about who may print it).
FURNITURE = frozenset({HEADING, STANDFIRST, CAPTION, NOTICE, RIGHTS})


@dataclass(frozen=True)
class Segment:
    """One unit of article text and its span: ``text == article[start:end]``."""

    start: int
    end: int
    text: str
    kind: str  # "sentence", "heading", "item", or a kind of page furniture: "standfirst", "caption", "notice", "rights"


# --- chrome ---------------------------------------------------------------------

# A line like these ends the article: what follows is the site, not the story.
_END_MARKERS = re.compile(
    r"^(?:related (?:posts|articles|stories|news|content)|read (?:more|next|also)|"
    r"you (?:may|might) also like|more (?:from|stories|on this)|also read|recommended(?: for you)?|"
    r"leave a (?:reply|comment)|post a comment|comments?(?: \(\d+\))?|\d+ comments?|"
    r"about the author|share this(?: article| post| story)?|tags?:.*|filed under:?.*|"
    r"trending(?: now)?|popular posts|latest (?:news|posts)|#{3}|-\s*ends\s*-|"
    r"(?:media|press|investor) (?:contacts?|enquiries|inquiries|relations)|"
    r"forward-looking statements?\b.*|safe harbou?r statement\b.*)\s*:?$",
    re.IGNORECASE,
)
# A capital letter in any alphabet Latin, Greek or Cyrillic writes: "Gardaí", "Łukasz", "Ørsted", "Óscar".
# Every pattern here that reads a name takes these, never ASCII's A-Z alone: "ÉIRE (Reuters) -", "About Ørsted".
_CAPITALS = "".join(c for c in map(chr, range(0x530)) if c.isupper())
CAPITAL = f"[{_CAPITALS}]"
#: The characters of Chinese and Japanese, which write words without spaces between them: kana, the
#: ideographs and their repetition mark (a class's inside, "[...]" left to the pattern).
HAN = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{HAN}]")
# What stands between words in Chinese and Japanese text: their letters, and their punctuation ("、", "。", "！").
_HAN_SPACE = re.compile(f"[{HAN}\u3000-\u3004\u3006-\u303f\uff01-\uff0f\uff1a-\uff20]")


def word_count(text: str) -> int:
    """How many words a text has: those between spaces, and a word for about two Chinese or Japanese characters."""
    han = len(_HAN_CHAR.findall(text))
    if not han:
        return len(text.split())
    return len(_HAN_SPACE.sub(" ", text).split()) + (han + 1) // 2


# Press-release boilerplate opens with a heading such as "About Nordvik Energy".
_ABOUT = re.compile(rf"^About(?: the)? {CAPITAL}[\w.&'’-]*(?: [{_CAPITALS}&][\w.&'’-]*){{0,4}}$")
# Lines that are site furniture wherever they appear.
# The words a by-line opens with, in English, Spanish, German, French and Russian ("Por Ana Ruiz", "Автор: ...").
_BYLINE_WORDS = r"by|written by|words by|posted by|por|von|par|автор|author"
_CHROME_LINES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^\d+\s*(?:mins?|minutes?)\s*read$",
        r"^(?:reading time|read time)\s*:?.*$",
        (
            r"^(?:share|tweet|email|print|facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest)"
            r"(?:\s+(?:on|via|this|article|post))*(?:\s+(?:facebook|twitter|x|linkedin|whatsapp|email))?$"
        ),
        r"^(?:subscribe|sign up|advertisement|sponsored|newsletter)\b.{0,60}$",
        r"^your email address will not be published.*$",
        r"^required fields are marked.*$",
        r"^(?:published|updated|posted|last updated)\s*(?:on|:)?\s*.{0,40}\d.{0,20}$",
        r"^(?:photo|image|picture|credit|file photo)s?\s*(?::|by)\s*.{0,80}$",
        r"^(?:home|menu|search|skip to (?:main )?content|log ?in|sign in)$",
        r"^(?:name|email|website|comment)\s*\*?$",
        r"^(?:post comment|submit|save my name, email.*)$",
    )
]
# A wire story's credits: "Reporting by Jeff Mason and Steve Holland; Additional reporting by Andrea Shalal in
# Washington; Editing by Andrew Heavens", each part naming people ("Reporting by Reuters found ..." is news).  Tried
# only on a line with " by " in it: one more pattern for every line of a page costs segmentation a tenth.
_CREDITS = re.compile(
    r"^\(?(?:(?:additional )?(?:reporting|writing|editing|research|compiled|graphics|production|translation)"
    rf" by (?-i:{CAPITAL})[\w.'’-]*(?:(?:\s+(?:and|in|&|de|van|von|al)|,)?\s+(?-i:{CAPITAL})[\w.'’-]*){{0,12}}"
    r"\s*(?:;\s*|$|\)))+\)?\.?$",
    re.IGNORECASE,
)
# A section label: one to three capitalised words with no sentence punctuation ("OPINION").
_LABEL = re.compile(rf"^{CAPITAL}[{_CAPITALS}&'’-]+(?:\s+{CAPITAL}[{_CAPITALS}&'’-]+){{0,2}}$")
# A date as a date line or a by-line writes it: "May 17, 2023", "17 May 2023", "2023-05-17" (English weekdays and
# months: no name), perhaps with a time after it.
_DATE = (
    r"(?P<date>(?:[A-Z][a-z]+day,?\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2}))(?:\s*[|,]?\s*\d{1,2}:\d{2}.*)?"
)
# A date line on its own.
_DATELINE = re.compile(rf"^{_DATE}$")
_NAME = rf"{CAPITAL}[\w.'’-]*"
# A by-line names people, in capitalised words ("By deepening ..." and "By 2030 ..." are sentences), perhaps their
# outlet or their job, and a date: "By Ellen Marsh, Larkspur Post, 3 March 2026", "By Ellen Marsh | Larkspur Post |
# March 3, 2026", "By Ellen Marsh and Tom Reed"; or, without "By", a name and an outlet before a dash ("Ellen Marsh,
# Larkspur Post —").  ``who`` is what it says of the people.
_BYLINES = (
    re.compile(
        rf"^(?:{_BYLINE_WORDS})\s*:?\s*(?-i:(?P<who>{_NAME}(?:\s+{_NAME}){{0,4}}"
        rf"(?:(?:\s*[,|]\s*|\s+and\s*){CAPITAL}[\w.'’-]*(?:\s+(?!and\s*{CAPITAL})[^\W\d_][\w.'’-]*){{0,3}})*?)"
        rf"(?:\s*[,|·]\s*{_DATE})?)$",
        re.IGNORECASE,
    ),
    re.compile(rf"^(?P<who>{_NAME}(?:\s+{_NAME}){{1,3}}),\s+{_NAME}(?:\s+{_NAME}){{0,4}}\s*(?:—|–|--)(?:\s*{_DATE})?$"),
)


# A correction, clarification or editor's note about the article itself.
_NOTICE = re.compile(
    r"^[*_>\s]*(?:\[?(?:corrections?|clarifications?|editor[’']?s[’']? notes?|note to readers|updates?|amendment)"
    r"\b[^:\n]{0,40}?[:.]\]?|this (?:article|story|report|piece) (?:was|has been|is) (?:amended|corrected|updated|"
    r"changed|edited)\b|an earlier version of this (?:article|story|report|piece)\b)",
    re.IGNORECASE,
)
# A reuse notice forbids printing the text again, in the words notices use: what is forbidden (one verb, or a list:
# "published, broadcast, rewritten or redistributed"), then only what makes the ban general ("in whole or in part", "in
# any form", "by any means", "without (the prior written) permission (of its owner)").  It holds no figure and names no
# one but the owner, so "The report may not be published before March, the agency said." or "The photos may not be
# published without the consent of the families." are news, not a notice.
_REUSE_VERB = (
    r"(?:otherwise\s+)?(?:re)?(?:published|produced|printed|broadcast|written|distributed|copied|used|posted|transmitted"
    r"|stored|displayed|edited|sold|modified|cached|archived|shared|translated|adapted|altered|framed)"
    r"(?:\s+for\s+(?:broadcast|publication)(?:\s+or\s+(?:broadcast|publication))?)?"
)
_REUSE_VERBS = rf"{_REUSE_VERB}(?:\s*,\s*{_REUSE_VERB})*(?:,?\s+(?:or|and|and/or)\s+{_REUSE_VERB})?"
_REUSE_BAN = r"(?:(?:may|must|shall|can|will)\s+not|cannot|can[’']t|(?:is|are)\s+not\s+to)\s+be\s+"
# Who may give leave: the publisher, the editor, the copyright owner, or a name.
_OWNER = (
    rf"(?:the\s+)?(?:publishers?|editors?|authors?|copyright\s+(?:owners?|holders?)|(?-i:{CAPITAL})[\w.&'’-]*"
    rf"(?:\s+(?:(?-i:{CAPITAL})[\w.&'’-]*|of|and|&|the|for)){{0,6}})(?:\s+staff)?"
)
_PERMISSION = (
    r"without\s+(?:the\s+|an?\s+)?(?:(?:prior|express|explicit|expressed|written|advance|specific|formal)\s+)*"
    rf"(?:permission|consent|authori[sz]ation|authority|approval|licen[cs]e)(?:\s+in\s+writing)?(?:\s+(?:of|from)\s+{_OWNER})?"
)
_GENERAL = (
    r"in\s+whole\s+or\s+in\s+part|in\s+any\s+(?:other\s+)?(?:form|medium|media|format|manner|way)(?:\s+or\s+medium)?"
    r"|by\s+any\s+means(?:,?\s+electronic\s+or\s+mechanical)?|directly\s+or\s+indirectly|for\s+any\s+(?:commercial\s+)?purposes?"
    rf"|from\s+(?:this|the)\s+(?:newspaper|paper|site|website|page|publication|magazine)|{_PERMISSION}"
)
_ASIDE = r"\([^()\d]{1,160}\)"
_QUALIFIERS = rf"(?:,?\s*(?:{_GENERAL}|{_ASIDE}))"
_WORK = (
    r"(?:material|article|story|stories|content|report|text|work|photo|photograph|image|video|publication|newspaper"
    r"|broadcast|transcript|feed|column|piece|information|graphic|trademark|headline)s?"
)
# What a notice is about: the text itself ("this material", "such content", "any article"), or a work named with no
# pointer to this one ("AP content", "the information contained in the AP report").  The first may stand with a bare
# ban ("This story may not be republished."); the second needs three ways of reuse or a qualifier that makes the ban
# general.  "No part of this newspaper may be reproduced" bans with "may be".
_OWN_WORK = rf"(?:this|these|such|our|its|any|all)\s+(?:[a-z-]+\s+){{0,3}}{_WORK}"
_A_WORK = rf"(?:the\s+)?(?:[a-z&][a-z&'’.-]*\s+){{0,3}}{_WORK}(?:\s+(?:contained|published|appearing)\s+(?:in|on)\s+[^\d.;,]{{1,60}}?)?"
_THREE_VERBS = rf"{_REUSE_VERB}(?:\s*,\s*{_REUSE_VERB})+,?\s+(?:or|and|and/or)\s+{_REUSE_VERB}"
_REUSE = (
    rf"(?:{_OWN_WORK}(?:\s*{_ASIDE})?\s+{_REUSE_BAN}{_REUSE_VERBS}{_QUALIFIERS}*"
    rf"|no\s+part\s+of\s+[^\d.;]{{1,80}}?\s+(?:may|must|shall|can)\s+be\s+{_REUSE_VERBS}{_QUALIFIERS}*"
    rf"|{_A_WORK}(?:\s*{_ASIDE})?\s+{_REUSE_BAN}(?:{_THREE_VERBS}{_QUALIFIERS}*|{_REUSE_VERBS}{_QUALIFIERS}+))[.!]?"
)
# Where the text was first printed, said by the text itself: "This story was originally published by Floodlight.",
# "This article is republished from The Conversation under a Creative Commons license.", "Reprinted with permission."
# What follows is a name, not a day ("This story was first published on Monday." is a note of when).
_PLACE_NAME = (
    r"(?:the\s+)?(?!(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june"
    rf"|july|august|september|october|november|december)\b)(?-i:{CAPITAL})[\w.&'’-]*"
    rf"(?:\s+(?:(?-i:{CAPITAL})[\w.&'’-]*|of|and|&|the|for)){{0,6}}"
)
_PROVENANCE = (
    r"(?:this\s+(?:[a-z-]+\s+){0,2}(?:story|stories|article|post|column|piece|content|essay|commentary)\s+"
    r"(?:(?:was|is|has\s+been)\s+(?:originally\s+|first\s+)?(?:published|republished|reprinted|reposted|syndicated)"
    rf"|(?:originally|first)\s+(?:appeared|ran))\s+(?:here\s+)?(?:by|from|on|in|through|via|courtesy\s+of)\s+{_PLACE_NAME}"
    r"(?:,?\s+(?:and\s+is\s+)?(?:re)?(?:published|printed|posted)\s+(?:here\s+)?(?:with\s+permission|by\s+permission))?"
    r"(?:\s+under\s+(?:a|the)\s+creative\s+commons\s+(?:[\w.-]+\s+){0,4}licen[cs]e)?"
    r"|(?:re)?(?:published|printed|posted|used)\s+(?:here\s+)?(?:with|by)\s+(?:the\s+)?(?:kind\s+)?permission"
    rf"(?:\s+(?:of|from)\s+{_OWNER})?)[.!]?"
)
# One sentence of a copyright or reuse notice, whole: "© 2021 Larkspur Post", "Copyright 2012 The Associated
# Press.", "All rights reserved.", "This material may not be published, broadcast, rewritten or redistributed."
# The sentence must be the notice and nothing more, and an owner after a bare year must be capitalised, so that
# a sentence about copyright ("Copyright 1998 reforms extended ...") stays a sentence.
_RIGHTS = re.compile(
    r"[*_>(\[\s]*(?:"
    rf"(?:copyright\s*)?©\s*(?:copyright\s*)?(?:\d{{4}}|(?-i:{CAPITAL}))[^©]{{0,100}}"
    # "(c)" only before a year: "(c) The third option ..." is a list's third point.
    r"|(?:copyright\s*)?\(c\)\s*\d{4}[^©]{0,100}"
    rf"|copyright\s+\d{{4}}(?:\s*[-–]\s*\d{{2,4}})?,?\s+(?:by\s+)?(?-i:{CAPITAL})[^©]{{0,100}}"
    r"|all\s+rights\s+reserved[.!]?"
    rf"|{_REUSE}|{_PROVENANCE}"
    r")[\s*_)\]]*",
    re.IGNORECASE,
)
# A whole paragraph that is a notice is short, and its last sentence (some 250 characters at most) holds one of
# these words: other paragraphs are not split into sentences an extra time to find out.  Plain substring tests,
# since a regular expression's search of every paragraph's tail would add a third to segmentation's time.
_RIGHTS_LONGEST, _RIGHTS_TAIL = 600, 250
_RIGHTS_HINTS = (
    "©", "(c)", "copyright", "rights reserved", "not be ", "cannot be", "can't be", "can’t be", "not to be",
    "no part of", "published", "reprinted", "appeared", "permission",
)  # fmt: skip


def _may_end_with_rights(block: str) -> bool:
    tail = block[-_RIGHTS_TAIL:].lower().replace("\n", " ")
    return any(hint in tail for hint in _RIGHTS_HINTS)


# A photo caption: "Caption: ...", or text ending with its credit ("Photograph: Jane Doe/Reuters", "(AP Photo)").
_CAPTION = re.compile(r"[*_\s]*(?:caption|pictured|above|top|main image)\s*[:.]", re.IGNORECASE)
_CREDIT = re.compile(
    r"(?:photograph|photo|image|picture|illustration|composite)(?:\s+by)?\s*:\s*[^.]{0,80}[*_]*$"
    r"|\((?:[^\W\d_]+ )?(?:photo|photograph|image|picture|file photo)\b[^)]{0,80}\)[*_]*$",
    re.IGNORECASE,
)
_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)\s*$")
# A paragraph set in emphasis as a whole (Markdown's way of writing a standfirst or caption).
_EMPHASIS = re.compile(r"^(\*{1,2}|_{1,2})[^*_\n][\s\S]*[^*_\s]\1$")
# A wire dateline opening a story's first paragraph: a place in capitals, maybe its state or country
# and a date, the outlet in brackets, and a dash ("MILWAUKEE (CBS 58) --", "WASHINGTON (Reuters) -",
# "LONDON, May 3 (AP) —").  A paper's own correspondent files without the outlet, and then a true dash
# and a capital follow ("WASHINGTON — The Senate").  It says where the story was filed, and by whom: no
# claim of the story.
_WIRE_DATELINE = re.compile(
    rf"[*_]{{0,2}}{CAPITAL}[{_CAPITALS}.'’-]+(?:[ -]{CAPITAL}[{_CAPITALS}.'’-]+){{0,3}}"  # the place in capitals
    rf"(?:,\s*{CAPITAL}[\w.'’-]*(?:\s+{CAPITAL}[\w.'’-]*){{0,2}})?"
    r"(?:,?\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)?"
    rf"(?:\s*\([{_CAPITALS}0-9][^()\n]{{0,39}}\)[*_]{{0,2}}\s*(?:--|[-–—])\s+"  # the outlet's name, then the dash
    rf"|[*_]{{0,2}}\s+(?:--|[–—])\s+(?=[{_CAPITALS}\"“‘']))"  # no outlet: a true dash, then the story
)
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?:[^\n]*\n)*?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")


def is_rights_sentence(sentence: str) -> bool:
    """Whether one sentence is (part of) a copyright or reuse notice: "All rights reserved."."""
    return bool(_RIGHTS.fullmatch(" ".join(sentence.split())))


# What a notice says of who owns the text: "©", "(c) 2021", "Copyright 2012 ...", "All rights reserved".  A
# reuse sentence alone ("The report may not be published before March.") may be the story's own words, so a
# notice inside the story, with the story going on after it, must hold one of these.
_OWNERSHIP_HINTS = ("©", "(c)", "copyright", "rights reserved")


def _rights_runs(block: str, spans: list[tuple[int, int]], closing: bool) -> list[tuple[int, int]]:
    """The runs of a paragraph's sentences (as indices into ``spans``, end exclusive) that are a copyright or
    reuse notice: those that say who owns the text, anywhere in it, and -- when the paragraph ``closing`` the
    article ends with one -- its trailing notice, whatever it says."""
    lowered = block.lower()
    if not any(hint in lowered for hint in (_OWNERSHIP_HINTS if not closing else _RIGHTS_HINTS)):
        return []  # the common case: a paragraph that mentions no copyright is read once, not sentence by sentence
    runs: list[tuple[int, int]] = []
    first = None
    for n, (s, e) in enumerate([*spans, (len(block), len(block))]):
        piece = lowered[s:e]
        if n < len(spans) and any(h in piece for h in _RIGHTS_HINTS) and is_rights_sentence(block[s:e]):
            first = n if first is None else first
            continue
        if first is not None:
            owned = any(h in lowered[spans[k][0] : spans[k][1]] for k in range(first, n) for h in _OWNERSHIP_HINTS)
            if owned or (closing and n == len(spans)):
                runs.append((first, n))
            first = None
    return runs


def is_caption(block: str) -> bool:
    """Whether a paragraph is a photo caption (labelled as one, or ending with the photo's credit)."""
    if len(block.split()) > 80:
        return False
    # A credit holds no full stop, and (in brackets) no closing bracket but its last: it starts after them,
    # so the search need not try every offset of a long paragraph.
    close = block.rfind(")")
    start = min(block.rfind(".") + 1, block.rfind(")", 0, close) + 1 if close >= 0 else len(block))
    return bool(_CAPTION.match(block) or _CREDIT.search(block, start))


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """A Markdown article's front matter (``---``, ``key: value`` lines, ``---``) and where the text after it starts."""
    m = _FRONT_MATTER.match(text)
    if m is None:
        return {}, 0
    fields: dict[str, str] = {}
    for line in m.group().splitlines()[1:-1]:
        key, sep, value = line.partition(":")
        if sep and key.strip() and not line[:1].isspace():
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields, m.end()


def wire_dateline(paragraph: str) -> int:
    """How many characters of a paragraph a wire dateline takes at its start ("MILWAUKEE (CBS 58) -- "); 0 for none."""
    m = _WIRE_DATELINE.match(paragraph)
    return m.end() if m and m.end() < len(paragraph) else 0


def _without_credits(
    block: str, spans: list[tuple[int, int]], notice: dict[int, int]
) -> tuple[list[tuple[int, int]], dict[int, int]]:
    """The sentences of the article's last paragraph, and its notice runs, without the wire credits that
    close it ("... he said. (Reporting by Jane Doe; Editing by John Roe)"), or that come right before its
    closing copyright notice.

    Only there: a credits line is the story's sign-off at its very end, and on a line of its own it is
    chrome already (``is_chrome``).  The paragraph's first sentence stays unless a notice follows it, so a
    paragraph is never emptied by this rule.
    """
    # A notice run that closes the paragraph stays; the credits come just before it.
    end = next((first for first, last in notice.items() if last == len(spans)), len(spans))
    cut, kept = end, 1 if end == len(spans) else 0
    while cut > kept:
        s, e = spans[cut - 1]
        piece = block[s:e]
        if not ((" by " in piece or " By " in piece) and _CREDITS.match(piece)):
            break
        cut -= 1
    if cut == end:
        return spans, notice
    dropped = end - cut
    return spans[:cut] + spans[end:], {
        f - dropped if f >= end else f: t - dropped if f >= end else t for f, t in notice.items()
    }


# A dateline as other languages write it, the place first or not: "Москва, 7 декабря 2026 г.", "Berlin, 7. Dezember
# 2026", "Madrid, 7 de diciembre de 2026": the day, a word for the month, the year, and nothing else on the line.
# In Arabic and Hindi, which have no capitals, the place is any one to three words of the script, and a month
# may be two words ("كانون الأول") with vowel signs in them ("दिसंबर"): "القاهرة، ٧ ديسمبر ٢٠٢٦".
_CASELESS = r"[\u0600-\u06ff\u0900-\u097f]"
_DATELINE_ABROAD = re.compile(
    rf"^(?:{CAPITAL}[^\W\d_]+(?:[ -]{CAPITAL}[^\W\d_]+){{0,2}},\s*)?"
    r"\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,10}\.?(?:,?\s+|\s+de\s+)\d{4}(?:\s*г\.?)?$"
    rf"|^(?:{_CASELESS}+(?: {_CASELESS}+){{0,2}}[,،]\s*)?\d{{1,2}}\s+{_CASELESS}{{3,12}}(?: {_CASELESS}{{3,8}})?\s+\d{{4}}$"
)


def byline(line: str) -> tuple[str, str | None] | None:
    """What one stripped line says of the people who wrote the article, and the date it gives; None if no by-line."""
    for pattern in _BYLINES:
        m = pattern.match(line)
        if m and m.group("who").split(maxsplit=1)[0].rstrip(",.").lower() not in _DATE_WORDS:  # "By Monday, …"
            return m.group("who"), m.group("date")
    return None


def is_chrome(line: str) -> bool:
    """Whether one stripped line of text is site furniture, not article text."""
    if not line:
        return False
    if _LABEL.match(line) or _DATELINE.match(line) or _DATELINE_ABROAD.match(line) or byline(line):
        return True
    if (" by " in line or " By " in line) and _CREDITS.match(line):
        return True
    return any(p.match(line) for p in _CHROME_LINES)


def is_end_marker(line: str) -> bool:
    """Whether a line starts what follows the article ("Related posts", "Leave a Reply")."""
    return bool(_END_MARKERS.match(line) or _ABOUT.match(line))


# --- blocks ---------------------------------------------------------------------

_BULLET = re.compile(r"^(\s*(?:[-*+•]|\d{1,3}[.)])\s+)")
_MD_HEADING = re.compile(r"^(\s*#{1,6}\s+)")
_QUOTED = re.compile(r"\s*(?:>(?=\s|$)\s*)*")
#: The marks a line ends in when its last sentence is done, in Latin letters and in CJK, Arabic and Devanagari.
TERMINAL = '.!?…:;"”’。！？．؟।॥」』'


def _ends_a_sentence(line: str) -> bool:
    """Whether a line ends in final punctuation; a ")" counts only where what it closes does ("(It did.)")."""
    return line.rstrip("*_").rstrip(")")[-1:] in TERMINAL


def _lines(text: str) -> Iterator[tuple[int, str]]:
    at = 0
    for line in text.splitlines(keepends=True):
        yield at, line
        at += len(line)


CHROME = "chrome"


def _blocks(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph, heading, list item and line of chrome (a front matter skipped)."""
    para_start: int | None = None
    para_end = 0
    seen_text = False
    _, body = front_matter(text)

    def flush() -> Iterator[tuple[int, int, str]]:
        nonlocal para_start
        if para_start is not None:
            yield para_start, para_end, "paragraph"
        para_start = None

    for at, raw in _lines(text):
        if at < body:
            continue
        # A Markdown quotation's marker ("> ") is not its text: the line begins after it.
        lead = _QUOTED.match(raw).end()  # type: ignore[union-attr]
        line = raw[lead:].strip()
        if not line:
            yield from flush()
            continue
        if is_end_marker(line):
            if seen_text:
                yield from flush()
                return
            continue
        if is_chrome(line) or _IMAGE.match(line):
            yield from flush()
            yield at + lead, at + lead + len(line), CHROME
            continue
        start = at + lead
        end = start + len(line)
        heading = _MD_HEADING.match(raw)
        bullet = _BULLET.match(raw)
        if heading or bullet:
            yield from flush()
            marker = (heading or bullet).group(1)  # type: ignore[union-attr]
            # A marker alone on its line ("#", "-") is no heading or item: its
            # whitespace ran into the line's end.
            if at + len(marker) < end:
                yield at + len(marker), end, HEADING if heading else ITEM
                seen_text = True
            continue
        if para_start is None:
            para_start = start
        para_end = end
        seen_text = True
    yield from flush()


def _looks_like_heading(block: str) -> bool:
    """A short line without a sentence's final punctuation, and one sentence: a last paragraph that ends
    in a copyright line ("The bridge opened. (Photo: Jane Doe/Reuters.) © 2021 Larkspur Post") is none."""
    return (
        word_count(block) <= 14
        and not _ends_a_sentence(block)
        and "\n" not in block
        and len(list(_sentences(block))) == 1
    )


# A headline is one sentence's length at most: a first line longer than this is prose, however it ends.
_HEADLINE_WORDS = 30
# Text wrapped by hand is wrapped at 80 characters or fewer: where a line is longer than this, the text is not,
# and a line that ends there ends because its writer ended it.
_WRAP_WIDTH = 100


def _headline_end(block: str, alone: bool) -> int:
    """How much of the article's first paragraph is its headline: its first line, 0 for none.

    The line is set off by a blank line (``alone``: more text follows), or the body follows it
    straight, opening with a wire dateline ("LUBBOCK, Texas (AP) --") or not wrapped by hand.
    Wire headlines run to 20 words, past the 14 of ``_looks_like_heading``.
    """
    first, newline, rest = block.partition("\n")
    first = first.rstrip()
    words = first.split()
    if not words or len(words) > _HEADLINE_WORDS or _ends_a_sentence(first):
        return 0
    opening = first.lstrip("*_")[:1]
    if not (opening.isupper() or opening.isdigit() or opening in "\"“‘'"):
        return 0
    if len(list(_sentences(first))) > 1:
        return 0
    if not newline:
        return len(first) if alone else 0
    body = rest.lstrip()
    line = body.split("\n", 1)[0].rstrip()
    if wire_dateline(body) or (line[:1].isupper() and max(len(first), len(line)) > _WRAP_WIDTH):
        return len(first)
    return 0


# --- sentences ------------------------------------------------------------------

# The marks that end a sentence whatever follows them, the CJK ones with no space after them ("。", "！", "？",
# and "．" but between digits), Arabic's question mark, and Devanagari's danda and double danda; with the closing
# quotes and brackets after any end.
_FINAL = r"(?:[。！？؟।॥]|(?<!\d)．|．(?!\d))++"
_FINAL_MARKS = "。！？．؟।॥"
# Letters of the scripts without capitals that end a sentence with ".": Hebrew and Arabic.
_STOPS_BEFORE = re.compile(r"[\u0590-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_CLOSING = "\"'”’)\\]」』）》】"
# Read from the first mark of a run only, and taken whole: tried from each mark of a line of dots, the
# search would take time growing with the square of its length.
_END = re.compile(rf"(?<![.!?…])[.!?…]++[{_CLOSING}]*+(?=\s)|{_FINAL}[{_CLOSING}]*+")
_TITLES = frozenset(
    "mr mrs ms mx dr prof st sr jr gen sen rep gov lt col capt cpt sgt maj adm rev hon pres "
    "supt insp det fr mt ft vol vols fig figs pp p para art sec ch cf vs v approx ca est dept "
    "univ assn bros ave rd blvd e.g i.e al viz "
    # Titles news copy sets before a name ("District 6 Ald. Milele A. Coggs", "Asst. Chief", "Rt. Hon."):
    # none of them is also a word or a place that ends a sentence ("Del." is Delaware, so it is left out).
    "ald alds atty attys asst assoc cmdr cmdt rt sens reps govs msgr cpl pvt pfc spc brig ofc".split()
)
# German and Spanish copy: a title ("Sra. Hidalgo"), the first half of "EE. UU.", a scale after an amount ("1,9 Mrd. Fahrgäste", whose
# noun takes a capital) go on with the sentence, as does a day before its month ("ab dem 1. August").
_TITLES_ABROAD = frozenset("sra sras srta dra mio mrd ee".split())
_MONATE = frozenset("januar februar märz april mai juni juli august september oktober november dezember".split())
_NUMBER_ABBREVIATIONS = frozenset(
    ["no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]
)
# After "a.m." or "p.m." these words go on with the time ("10 a.m. Tuesday", "8 p.m. ET"): weekdays,
# months and (written in capitals, so "West" or "Wet" still starts a sentence) time zones.  Any other
# capital is taken to start a new sentence.
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_TIME_ZONES = frozenset(
    "ET CT MT PT EST EDT CST CDT MST MDT PST PDT AKST AKDT HST GMT UTC BST CET CEST EET EEST WET WEST "
    "IST JST KST AEST AEDT ACST AWST NZST NZDT".split()
)
# What wire copy writes after "a.m." or "p.m." to give the time in other words: its zone spelt out ("5 p.m.
# Eastern Time"), and a bracket that gives it in another zone ("10 a.m. (1500 GMT)", "9:30 a.m. (1330 GMT
# Tuesday)").  A bracket that holds a sentence of its own ends with its full stop ("(The vote was put off.)"):
# one that does not is an aside to the time, and the sentence goes on after it.
_TIME_ASIDE = re.compile(
    r"(?:Eastern|Central|Mountain|Pacific|Atlantic)(?:\s+(?:Standard|Daylight))?"
    r"(?:\s+[Tt]ime\b|\s*(?=[(\[]))"
    r"|[(\[][^()\[\]\n]{0,59}[^()\[\]\n.!?…][)\]]"
)
# A company's legal form, which ends its name and may end a sentence ("... a stake in Alphabet Inc.").  Wire
# copy goes on after one with a ticker in brackets ("Apple Inc. (AAPL.O) shares rose", "Exxon Mobil Corp.
# (XOM.N)") or with the title of the person it names ("Tesla Inc. Chief Executive Elon Musk", "Toyota Motor Corp.
# Chairman Akio Toyoda"); a lowercase word after it ("Apple Inc. said") goes on as after any full stop.
_LEGAL_FORMS = frozenset("inc corp co cos ltd plc llc bhd".split())
# "Co." also stands for "County" before a place's name, as Irish and British copy writes it ("a farm in Co. Cork",
# "Ballymena, Co. Antrim", "Co. Donegal's council").  A company's "Co." closes a name and so follows one ("Boeing
# Co.", "Eli Lilly and Co."); a county's follows what is no part of a name: a lowercase word, a comma or other
# mark, or nothing, where it opens the sentence.  Before a capital, that "Co." ends no sentence.
_NAME_JOINERS = frozenset(["and", "&", "und", "et", "y"])
_COUNTY_BEFORE = re.compile(rf"(?:\bCo\.?\s+{CAPITAL}[\w'’-]*,?|,)\s+$")
_JOB_TITLES = frozenset(
    "Chief CEO CFO COO CTO Chairman Chairwoman Chair President Vice Executive Director Founder Co-founder "
    "Managing Spokesman Spokeswoman Spokesperson Treasurer".split()
)
# A bracket that is an aside to the words before it: no sentence's final punctuation before it closes.
_BRACKET_ASIDE = re.compile(r"[(\[][^()\[\]\n]{0,59}[^()\[\]\n.!?…][)\]]")
# Russian "г." or "гг." (год, годы: year, years) after a year, and the date it closes opening its sentence or clause:
# no more than a word, a day and a word before the year ("В 2026 г.", "По итогам 2026 г.", "С 1 января 2026 г.",
# ", в 2020–2025 гг.").  A capital after such a date is a name far more often than a new sentence ("В 2026 г. Минфин
# потратил"); after a date at the end of a clause ("Цены выросли в 2026 г. Министр сказал") it starts one.
_YEAR_ABBREVIATION = re.compile(r"\d{4}\s?гг?$")
_DATE_OPENING = re.compile(
    r"(?:^|[.!?…:;,(]\s*|\s[—–-]\s*)[^\W\d_]*\s*(?:\d{1,2}\s+)?[^\W\d_]*\s*(?:\d{4}\s*[–—-]\s*)?\d{4}\s?гг?$"
)
# Words that often begin a sentence; after "U.S." one of these means a new sentence.
SENTENCE_STARTERS = frozenset(
    "the a an this that these those it its he she they we i you there here in on at but and so "
    "yet however meanwhile also as after before when while if since his her their our".split()
)


def _is_county(block: str, start: int, end: int) -> bool:
    """Whether the "Co" at ``block[start:end]`` (before its full stop) abbreviates "County": it follows no name."""
    word = block[start:end]
    if word != "Co":
        # "(Co. Cork)", "“Co. Cork": a bracket or quote opens it, and no name can stand before it.
        return word.endswith("Co") and all(c in "\"“‘'([" for c in word[:-2])
    before = block[:start].rstrip()
    if not before or not (before[-1].isalnum() or before[-1] in "&"):
        return True  # the sentence's or paragraph's first word, or after a comma, bracket or dash
    at = len(before)
    while at > 0 and not before[at - 1].isspace():
        at -= 1
    previous = before[at:]
    if previous in _NAME_JOINERS:
        # "Eli Lilly and Co." is a company; "Co. Cork and Co. Kerry", "Mallow, Co. Cork, and Co. Kerry" counties.
        return bool(_COUNTY_BEFORE.search(before, 0, at))
    return previous.islower()


# The word after a full stop, read where it stands: a word, a hyphenated one, one of Latin letters after a bracket.
_WORD = re.compile(r"[\w’']+")
_HYPHENATED = re.compile(r"[\w-]+")
_LATIN_WORD = re.compile(r"[(\[]?([A-Za-z]+)\b")


def _ends_sentence(block: str, dot_at: int, punct: str, nxt: int) -> bool:
    """Whether the punctuation at ``dot_at`` ends a sentence, given the next word at ``nxt``."""
    following = block[nxt]
    if punct[0] in _FINAL_MARKS:
        # A quotation's own full stop inside its brackets ends nothing when the sentence goes on: 「…。」と述べた。
        return not (punct[-1] in "」』" and following == "と")
    caseless = following.isalpha() and not following.isupper() and not following.islower()
    # "©" opens a copyright line ("... the council said. © 2021 Larkspur Post").
    if not (following.isupper() or following.isdigit() or following in "\"“‘'([¿¡©" or caseless):
        return False
    if punct[0] != ".":
        return True
    if caseless and not _STOPS_BEFORE.match(following):
        return False
    # The word before the punctuation, read backwards: a search from the block's start would make
    # finding every sentence end of a long text quadratic.  A line break just before it is passed over.
    end = dot_at - 1 if block[dot_at - 1 : dot_at] == "\n" else dot_at
    start = end
    while start > 0 and not block[start - 1].isspace():
        start -= 1
    if start == end:
        return True
    token = block[start:end].lstrip("\"“‘'([").lower()
    # Matched where it stands: a copy of the rest of the block at each full stop would make a long text quadratic.
    next_word = _WORD.match(block, nxt)
    next_lower = next_word.group().lower() if next_word else ""
    if token in _TITLES or token in _TITLES_ABROAD or (token.isdigit() and len(token) < 3 and next_lower in _MONATE):
        return False
    if token in _LEGAL_FORMS:
        if token == "co" and _is_county(block, start, end):
            return False
        if _BRACKET_ASIDE.match(block, nxt):
            return False
        word = _HYPHENATED.match(block, nxt)
        return not (word and word.group() in _JOB_TITLES)
    if token in _NUMBER_ABBREVIATIONS:
        return not following.isdigit()
    if token.endswith("г") and _YEAR_ABBREVIATION.search(block, max(0, end - 8), end):
        return not _DATE_OPENING.search(block, max(0, end - 60), end)
    if len(token) == 1 and token.isalpha():
        return False  # an initial: "George W. Bush", "J. K. Rowling"
    if token in ("a.m", "p.m"):
        # A time is rarely followed by a name, often by a new sentence, unless the next word dates the
        # time or names its zone ("10 a.m. Tuesday", "8 p.m. (ET)"), or a bracket gives the time again
        # ("10 a.m. (1500 GMT)", "5 p.m. Eastern (2100 GMT)").
        if _TIME_ASIDE.match(block, nxt):
            return False
        word = _LATIN_WORD.match(block, nxt)
        return not (word and (word.group(1).lower() in _DATE_WORDS or word.group(1) in _TIME_ZONES))
    if "." in token and re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", token):
        # "U.S.", "U.N.", Arabic's "أ.د.": a new sentence only when a typical first word follows.
        return next_lower in SENTENCE_STARTERS
    return True


# Where a passage of a page may end besides final punctuation: a blank line, or a line that starts a list
# (a numbered item's number is short: a line of hard-wrapped text may start with "2024." or "33.4 million").
# A run of marks is taken whole even where no sentence ends (the loop below passes it over), for the reason
# given at ``_END``; a look behind would miss the end of a run the search starts inside.
_BREAK = re.compile(
    rf"[.!?…]++(?:[{_CLOSING}]*+(?=\s))?|{_FINAL}[{_CLOSING}]*+|\n\s*\n|\n(?=\s*(?:[-*•#]|\d{{1,3}}[.)]\s))"
)


def sentence_ends(text: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """The offsets in ``text`` where a sentence ends, from ``lo`` to ``hi``.

    The one rule for where sentences end, for extract's proposals and for the
    passages verify quotes alike: final punctuation not after an abbreviation
    or an initial ("U.S. officials", "George W. Bush"), a blank line, and a
    line that starts a list item or a heading.
    """
    hi = len(text) if hi is None else hi
    ends = []
    for m in _BREAK.finditer(text, lo, hi):
        mark = m.group()[0]
        if mark in ".!?…" or mark in _FINAL_MARKS:
            nxt = m.end()
            if mark in ".!?…" and not text[nxt : min(nxt + 1, hi)].isspace():
                continue
            while nxt < len(text) and text[nxt].isspace():
                nxt += 1
            if nxt < len(text) and not _ends_sentence(text, m.start(), m.group(), nxt):
                continue
        ends.append(m.end())
    return ends


def _sentences(block: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _END.finditer(block):
        nxt = m.end()
        while nxt < len(block) and block[nxt].isspace():
            nxt += 1
        if nxt >= len(block):
            break
        if _ends_sentence(block, m.start(), m.group(), nxt):
            yield start, m.end()
            start = nxt
    if start < len(block):
        yield start, len(block.rstrip())


def _kinds(text: str, marked: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """The blocks with their kinds: headings, and the news page's furniture told from its story.

    ``marked`` maps a paragraph's text (as ``norm`` makes it) to its kind, for
    a page whose structure said so (an HTML ``figcaption`` or standfirst).
    """
    blocks = list(_blocks(text))
    out: list[tuple[int, int, str]] = []
    for n, (start, end, kind) in enumerate(blocks):
        if kind == CHROME:
            continue
        block = text[start:end]
        after = blocks[n + 1][2] if n + 1 < len(blocks) else None
        if kind == "paragraph":
            tagged = marked.get(norm(block)) if marked else None
            if tagged is not None:
                kind = tagged
            elif (
                len(block) <= _RIGHTS_LONGEST
                and _may_end_with_rights(block)
                and all(is_rights_sentence(block[s:e]) for s, e in _sentences(block))
            ):
                # Every sentence of it is a copyright or reuse notice: about who may print the article, and
                # no correction of it.
                kind = RIGHTS
            elif _NOTICE.match(block):
                kind = NOTICE
            elif is_caption(block) or (
                n > 0 and blocks[n - 1][2] == CHROME and _IMAGE.match(text[blocks[n - 1][0] : blocks[n - 1][1]])
            ):
                kind = CAPTION
            elif len(out) == 1 and out[0][2] == HEADING and (after == CHROME or _EMPHASIS.match(block)):
                # The headline's first paragraph, set off by a by-line or dateline after it, or in emphasis.
                kind = STANDFIRST
            elif not out and (headline := _headline_end(block, alone=any(k != CHROME for _, _, k in blocks[n + 1 :]))):
                # The article's opening line is its headline (and so its title), however long.
                out.append((start, start + headline, HEADING))
                if headline == len(block):
                    continue
                start += len(block) - len(block[headline:].lstrip())
                kind = "paragraph"
            elif _looks_like_heading(block):
                kind = HEADING
        out.append((start, end, kind))
    return out


# Markdown's inline markup, each with the text a reader reads in a group of its own: a link or an
# image (inline or by reference) keeps its text, emphasis and code their content.  Emphasis opens
# before and closes after a non-space, and "_" only outside a word, so "5 * 3" and snake_case stay.
# What markup holds is at most 1000 characters: else each "[" or "*" of a long line that closes none
# would be read to the line's end, and a line of them would take time growing with its square.
_INLINE = re.compile(
    r"!?\[([^\]\n]{1,1000}+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'))?\)"
    r"|!?\[([^\]\n]{1,1000}+)\]\[[^\]\n]{0,1000}+\]"
    r"|\*\*(?=\S)(.{1,1000}?)(?<=\S)\*\*"
    r"|(?<![\w_])__(?=\S)(.{1,1000}?)(?<=\S)__(?![\w_])"
    r"|(?<![\w*])\*(?=[^\s*])(.{1,1000}?)(?<=[^\s*])\*(?![\w*])"
    r"|(?<![\w_])_(?=[^\s_])(.{1,1000}?)(?<=[^\s_])_(?![\w_])"
    r"|`([^`\n]+)`"
)


def reading_text(text: str) -> str:
    """A span of Markdown as a reader reads it: emphasis, code and link markup left out, link text kept.

    ``Ferry operator **Bayline** raised fares, the [port authority](https://…) said.`` reads
    ``Ferry operator Bayline raised fares, the port authority said.``  A claim's text is
    this; its anchor keeps the article's own characters.
    """
    if not any(c in text for c in "*_[`"):
        return text  # the common case: plain prose
    for _ in range(4):  # markup inside markup ("**[the port](…)**") comes off layer by layer
        plain = _INLINE.sub(lambda m: next(g for g in m.groups() if g is not None), text)
        if plain == text:
            break
        text = plain
    return text


def norm(text: str) -> str:
    """A paragraph's text as ``segments``' ``marked`` keys it: markup, case and spacing aside."""
    return " ".join(text.strip("*_> \t\n").split()).casefold()


# A blank line after a sentence: it is its paragraph's last, and with nothing before it, its whole.
_PARAGRAPH_END = re.compile(r"[ \t]*(?:\r?\n[ \t]*){2}")


def title(text: str) -> str | None:
    """The title an article's own text gives: its headline, else an opening sentence that reads as one; else None.

    A headline is a ``heading`` among the article's first units, in every
    format alike (a Markdown ``#`` line, an HTML ``h1``, a text article's
    opening line).  An opening sentence reads as a headline when it is a
    paragraph of its own with more text after it, opens with a capital, a
    figure or a quote, and is at most 14 words, a heading's length: "Council
    approves toll on Larkspur bridge." (its full stop left off).  A lede runs
    longer, and a title cut from one would be a title nobody wrote.
    """
    units = segments(text)
    for unit in units[:3]:
        if unit.kind == HEADING:
            return " ".join(reading_text(unit.text).split())
    if len(units) < 2 or units[0].kind != SENTENCE:
        return None
    first = " ".join(reading_text(units[0].text).split())
    opening = first.lstrip("*_")[:1]
    if len(first.split()) > 14 or not (opening.isupper() or opening.isdigit() or opening in "\"“‘'"):
        return None
    start, end = units[0].start, units[0].end
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" \t*_>") or not _PARAGRAPH_END.match(text, end):
        return None  # after a wire dateline on its line, or with more of its paragraph after it
    return first[:-1] if first.endswith(".") and not first.endswith("..") else first


def segments(text: str, marked: Mapping[str, str] | None = None) -> list[Segment]:
    """The article's sentences, headings and list items, in order, with site chrome left out.

    A news page's headline and subheads are headings; its standfirst,
    captions, corrections or editor's notes, and copyright or reuse notices
    are segments of those kinds (see ``FURNITURE``), each one whole.  A
    copyright notice is recognised as a paragraph of its own, as the last
    sentences of the article's last paragraph, and inside any paragraph when
    it says who owns the text ("© 2021 ...", "All rights reserved."), the
    sentences around it staying the story's.  A wire dateline that
    opens the first paragraph ("WASHINGTON (Reuters) -") is no part of its
    first sentence.
    """
    out: list[Segment] = []
    blocks = _kinds(text, marked or {})
    first = True
    for n, (b_start, b_end, kind) in enumerate(blocks):
        block = text[b_start:b_end]
        if kind in FURNITURE:
            out.append(Segment(b_start, b_end, block, kind))
            continue
        if kind == "paragraph" and first:
            # A wire dateline opens only the story's first paragraph: its first sentence starts after it.
            first = False
            skip = wire_dateline(block)
            b_start, block = b_start + skip, block[skip:]
        spans = list(_sentences(block))
        # A wire story often closes its last paragraph with its copyright line, and a page's text may carry
        # the line inside a paragraph, the story going on after it: each notice is one unit of furniture, the
        # sentences around it the story's.
        closing = n == len(blocks) - 1
        runs = _rights_runs(block, spans, closing=closing) if kind == "paragraph" else []
        notice = {first: last for first, last in runs}
        if closing and kind == "paragraph":
            spans, notice = _without_credits(block, spans, notice)
        k = 0
        while k < len(spans):
            s, e = spans[k]
            if k in notice:
                e = spans[notice[k] - 1][1]
                out.append(Segment(b_start + s, b_start + e, block[s:e], RIGHTS))
                k = notice[k]
                continue
            piece = block[s:e]
            if piece.strip():
                out.append(Segment(b_start + s, b_start + e, piece, SENTENCE if kind == "paragraph" else ITEM))
            k += 1
    return out
