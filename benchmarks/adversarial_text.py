"""Each way in for text nobody controls, on pathological runs of characters at 10,000 and 100,000 characters.

    python benchmarks/adversarial_text.py [--only ENTRY]

Prints, for each entry point and input, the CPU seconds at 10k and at 100k
characters side by side and their ratio: about 10 is linear; far more is a
search or a loop that grows with the square of its input (the last ones
found: a line of dots, markup that never closes, a run of number words,
a run of capitalised words, spaces after a figure).
"""

from __future__ import annotations

import argparse
import time

from factcheck.extract import proposals
from factcheck.library import documents, terms
from factcheck.text import convert, facts, segment, worthiness
from factcheck.verify import evidence

INPUTS = {
    "dots": ".",
    "marks inside words": "a.b?c!",
    "unclosed link": "[a ",
    "unclosed emphasis": "*a ",
    "number words": "one ",
    "capitals": "A ",
    "figures 1-2-3": "1-",
    "figures 1,2,3": "1,2,",
    "thin-space thousands": "1\u202f000\u00a0",
    "money": "$1 ",
    "Mr.": "Mr. ",
    "nested quotes": "\u201c(\u2018[",
    "zero-width": "1\u200b\u200f",
    "no stop": "word ",
    "a": "a",
    "spaces after a figure": ("5", " "),  # (what the text opens with, what is repeated)
}

ENTRIES = {
    "facts.extract": facts.extract,
    "segment.segments": segment.segments,
    "segment.reading_text": segment.reading_text,
    "convert html": lambda s: convert.to_text(f"<html><body><p>{s}</p></body></html>".encode(), "text/html"),
    "worthiness.score": worthiness.score,
    "evidence.find": lambda s: evidence.find("The rate rose 5% in 2020.", None, s),
    "library passages": documents.passages,
    "library fts_query": terms.fts_query,
    "extract propose": lambda s: proposals.propose(s),
}


def seconds(entry: str, unit: str | tuple[str, str], size: int) -> float:
    head, unit = unit if isinstance(unit, tuple) else ("", unit)
    text = head + (unit * (size // len(unit) + 1))[: size - len(head)]
    proposals.units.cache_clear()
    start = time.process_time()
    ENTRIES[entry](text)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=ENTRIES, help="one entry point")
    args = parser.parse_args()
    worthiness.score("The rate rose 5% in 2020.")  # the weights are read once, before any timing
    print(f"{'entry point':22} {'input':22} {'10k s':>7} {'100k s':>7} {'ratio':>6}")
    for entry in [args.only] if args.only else ENTRIES:
        for name, unit in INPUTS.items():
            small, large = seconds(entry, unit, 10_000), seconds(entry, unit, 100_000)
            print(f"{entry:22} {name:22} {small:7.3f} {large:7.3f} {large / max(small, 1e-4):6.1f}", flush=True)


if __name__ == "__main__":
    main()
