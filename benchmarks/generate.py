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

from factcheck.model.claims import (  # noqa: E402
    SCHEMA_VERSION,
    Anchor,
    Article,
    Claim,
    ClaimsFile,
    Event,
    LastCheck,
    Source,
    Worthiness,
)
from factcheck.store.edit import save  # noqa: E402

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
                check = LastCheck(
                    at="2026-10-01T12:00:00Z",
                    outcome="supported",
                    http_status=200,
                    content_hash="ab" * 32,
                    score=97.5,
                    passage=text[:60],
                )
            sources.append(
                Source(
                    url=f"https://news{s}.example.org/{number}/{i}",
                    title="A report",
                    publisher="Example News",
                    date="2024-05-01",
                    quote=text[10:70],
                    stance="supports",
                    last_check=check,
                )
            )
        history = [
            Event(at="2026-01-01T00:00:00Z", from_status=None, to_status="unverified", by="extract", why="proposed")
        ]
        if status != "unverified":
            history.append(
                Event(
                    at="2026-02-01T00:00:00Z",
                    from_status="unverified",
                    to_status=status,
                    by="editor",
                    why="checked by hand",
                )
            )
        out.append(
            Claim(
                id=f"a{number:04d}-c{i:03d}",
                text=text,
                status=status,
                note="A note on why." if status != "unverified" else None,
                worthiness=Worthiness(score=round(rng.random(), 2), reasons=["number", "date"]),
                anchor=Anchor(
                    exact=text, prefix="previous words ", suffix=" next words", start=offset, end=offset + len(text)
                ),
                sources=sources,
                history=history,
            )
        )
        offset += len(text) + 1
    article = Article(title=f"Article {number}", author="A. Writer", publisher="Example News", date="2024-05-01")
    return ClaimsFile(schema_version=SCHEMA_VERSION, article=article, claims=out)


def generate(folder: Path, files: int = 1000, claims: int = 100, seed: int = 1) -> list[Path]:
    """Write ``files`` claims files of ``claims`` claims each into ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(files):
        path = folder / f"article-{n:04d}.json"
        save(path, claims_file(path, n, claims, rng))
        paths.append(path)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100)
    args = parser.parse_args()
    generate(args.folder, args.files, args.claims)
