"""The evidence found in real pages stays what it was: score, passage, offsets and key facts, case by case.

Each article in ``tests/data/extract`` is served two ways, as the plain text
and as an HTML page (menu, paragraphs, footer) read by ``convert``; from each,
a few of its sentences are looked for as a source would quote them: as
written, with the typography and spacing changed, with words dropped, with a
figure changed, and as the claim alone.  ``evidence_pinned.json`` holds what
``evidence.find`` and ``match.locate`` gave for each; a change to matching
that is meant to be a pure speed-up must leave every one of them alone.

    FACTCHECK_UPDATE_PINNED=1 pytest tests/test_evidence_pinned.py

writes the file anew, for a change that means to alter the results (say so
in its commit).
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import msgspec

from factcheck.text import convert, match, segment
from factcheck.verify import evidence

DATA = Path(__file__).parent / "data"
PINNED = DATA / "evidence_pinned.json"
ABSENT = "The committee approved 4,200 new housing permits for the northern district in 2019"


def as_html(text: str) -> bytes:
    """The article as a web page: a menu, one paragraph per block, a footer."""
    paragraphs = "".join(f"<p>{html.escape(block)}</p>\n" for block in text.split("\n\n") if block.strip())
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>Article</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/news'>News</a> | <a href='/sport'>Sport</a></nav>"
        f"<main><article>{paragraphs}</article></main>"
        "<footer>Share this article | Contact us | Privacy</footer></body></html>"
    ).encode()


def sentences(text: str) -> list[str]:
    cuts = [0, *segment.sentence_ends(text), len(text)]
    found = [" ".join(text[a:b].split()) for a, b in zip(cuts, cuts[1:])]
    return [s for s in found if len(s.split()) >= 6]


def variants(sentence: str) -> Iterator[tuple[str, str, str | None]]:
    """(name, claim, quote) for one sentence of a page."""
    yield "as written", sentence, sentence.rstrip(".")
    typed = sentence.replace("'", "’").replace(" - ", " — ").replace(" ", "  ", 3).upper()
    yield "retyped", sentence, f"“{typed}”"
    words = sentence.split()
    yield "words dropped", sentence, " ".join(w for k, w in enumerate(words) if k % 4 != 2)
    changed = re.sub(r"\d", lambda m: str((int(m.group()) + 3) % 10), sentence, count=1)
    if changed != sentence:
        yield "figure changed", changed, changed
    yield "claim alone", sentence, None
    yield "absent", sentence, ABSENT


def cases() -> Iterator[tuple[str, str, str | None, str, Any]]:
    """(case name, claim, quote, main text, full text) over every page, both ways."""
    for path in sorted((DATA / "extract").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        read = convert.to_text(as_html(text), "text/html; charset=utf-8")
        chosen = sentences(text)
        picks = sorted({0, len(chosen) // 3, (2 * len(chosen)) // 3, len(chosen) - 1}) if chosen else []
        for k in picks:
            for name, claim, quote in variants(chosen[k]):
                yield f"{path.stem} text {k} {name}", claim, quote, text, None
                yield f"{path.stem} html {k} {name}", claim, quote, read.text, read.full_text


def results() -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, claim, quote, text, full in cases():
        got = evidence.find(claim, quote, text, full)
        located = match.locate(quote or claim, text)
        found[name] = {"evidence": msgspec.to_builtins(got), "locate": list(located)}
    return found


def test_the_evidence_in_real_pages_is_what_it_was() -> None:
    got = results()
    if os.environ.get("FACTCHECK_UPDATE_PINNED"):
        PINNED.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    pinned = json.loads(PINNED.read_text(encoding="utf-8"))
    assert len(got) > 400
    assert {r["evidence"]["exact"] for r in got.values()} == {True, False}
    changed = [name for name in pinned if json.loads(json.dumps(got.get(name))) != pinned[name]]
    assert not changed, f"{len(changed)} of {len(pinned)} cases changed, first {changed[:5]}"
    assert sorted(got) == sorted(pinned)
