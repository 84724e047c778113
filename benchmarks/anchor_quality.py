"""How well a claim is found again after an editor changes its first or last words.

Every sentence of five words or more in the shipped article and the labelled
test articles (``tests/data/extract``) is taken as a claim, anchored, and
edited at an edge, one edit at a time: its last word replaced, words put in
before its last word, its first word replaced, words put in after its first
word, its last two words made one.  The punctuation that closed the sentence
stays.  ``anchor.locate`` then looks for it in the edited text, and each
answer is counted as *exact* (the edited sentence, to the character), *off*
(found, but with a word too many or too few, or elsewhere), *ambiguous* or
*lost*.  Exact is what a desk needs: the claim's text becomes what the span
covers, and a figure cut off at an edge is a key fact gone.

    python benchmarks/anchor_quality.py [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from pathlib import Path

from factcheck.text import anchor, segment

ROOT = Path(__file__).resolve().parent.parent
WORDS = "nearly about more than 2.5 million twelve percent recently its own some".split()
EDITS = (
    "last word replaced",
    "words before the last",
    "first word replaced",
    "words after the first",
    "last two as one",
)


def edit(sentence: str, kind: int, rng: random.Random) -> str:
    body, closing = re.match(r"(.*?)([.!?…\"'’”)]*)$", sentence, re.S).groups()  # type: ignore[union-attr]
    words = body.split(" ")
    new = " ".join(rng.sample(WORDS, rng.randint(1, 3)))
    if kind == 0:
        words[-1] = new
    elif kind == 1:
        words.insert(len(words) - 1, new)
    elif kind == 2:
        words[0] = new.capitalize() if words[0][:1].isupper() else new
    elif kind == 3:
        words.insert(1, new)
    else:
        words[-2:] = [new]
    return " ".join(words) + closing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    articles = sorted(ROOT.glob("claims/*.txt")) + sorted((ROOT / "tests" / "data" / "extract").glob("*.txt"))
    counts: dict[str, Counter[str]] = {name: Counter() for name in EDITS}
    for path in articles:
        text = path.read_text(encoding="utf-8")
        for unit in segment.segments(text):
            if unit.kind != "sentence" or len(unit.text.split(" ")) < 5:
                continue
            for kind, name in enumerate(EDITS):
                edited = edit(unit.text, kind, rng)
                if edited == unit.text:
                    continue
                found = anchor.locate(
                    anchor.make(text, unit.start, unit.end), text[: unit.start] + edited + text[unit.end :]
                )
                if not found.found:
                    counts[name][found.status if found.status == "ambiguous" else "lost"] += 1
                else:
                    exact = (found.start, found.end) == (unit.start, unit.start + len(edited))
                    counts[name]["exact" if exact else "off"] += 1
    print(f"{len(articles)} articles; each sentence of five words or more, edited at an edge one way at a time\n")
    print(f"{'edit':<24}{'sentences':>10}{'exact':>8}{'off':>6}{'ambiguous':>11}{'lost':>6}")
    total: Counter[str] = Counter()
    for name, c in counts.items():
        total.update(c)
        n = sum(c.values())
        print(f"{name:<24}{n:>10}{c['exact']:>8}{c['off']:>6}{c['ambiguous']:>11}{c['lost']:>6}")
    n = sum(total.values())
    print(f"\nplaced exactly: {total['exact']} of {n} ({total['exact'] / n:.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
