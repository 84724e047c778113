"""Generate a large folder of realistic claims files for the benchmarks.

    python benchmarks/generate.py DIR [--files 1000] [--claims 100]

Each claim has an anchor, a check-worthiness score, zero to two sources
(some checked) and a history, so files have the size and shape of real ones.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from factcheck import store  # noqa: E402
from factcheck.model import (  # noqa: E402
    Anchor,
    Article,
    Claim,
    ClaimsFile,
    Event,
    LastCheck,
    Source,
    Worthiness,
)

STATUSES = ["unverified"] * 5 + ["verified"] * 3 + ["mixed", "false", "unsupported", "opinion", "misleading"]
WORDS = (
    "the government signed an agreement worth billion dollars in October with partners to build "
    "a railway port pipeline city highway plant that will cut travel time from days by sea to rail"
).split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 30))]
    words.insert(rng.randint(0, len(words)), f"${rng.randint(1, 99)}.{rng.randint(0, 9)} billion")
    words.insert(rng.randint(0, len(words)), str(rng.randint(1990, 2025)))
    return " ".join(words).capitalize() + "."


def claims_file(path: Path, number: int, claims: int, rng: random.Random) -> ClaimsFile:
    out = []
    offset = 0
    for i in range(claims):
        text = sentence(rng)
        status = rng.choice(STATUSES)
        sources = []
        for s in range(rng.choice([0, 1, 1, 2])):
            check = None
            if rng.random() < 0.5:
                check = LastCheck("2026-10-01T12:00:00Z", "supported", 200, None, "ab" * 32, 97.5, text[:60])
            sources.append(
                Source(
                    f"https://news{s}.example.org/{number}/{i}",
                    "A report",
                    "Example News",
                    "2024-05-01",
                    text[10:70],
                    "supports",
                    check,
                )
            )
        history = [Event("2026-01-01T00:00:00Z", None, "unverified", "extract", "proposed")]
        if status != "unverified":
            history.append(Event("2026-02-01T00:00:00Z", "unverified", status, "editor", "checked by hand"))
        out.append(
            Claim(
                f"a{number:04d}-c{i:03d}",
                text,
                status,
                "A note on why." if status != "unverified" else None,
                Worthiness(round(rng.random(), 2), ["number", "date"]),
                Anchor(text, "previous words ", " next words", offset, offset + len(text)),
                sources,
                history,
            )
        )
        offset += len(text) + 1
    article = Article(f"Article {number}", "A. Writer", "Example News", "2024-05-01", None, None, None)
    return ClaimsFile(path, article, out)


def generate(folder: Path, files: int = 1000, claims: int = 100, seed: int = 1) -> list[Path]:
    """Write ``files`` claims files of ``claims`` claims each into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(files):
        path = folder / f"article-{n:04d}.json"
        store.write(claims_file(path, n, claims, rng))
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100)
    args = parser.parse_args()
    generate(args.folder, args.files, args.claims)
