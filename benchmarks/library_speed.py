"""The library at scale: ``library add`` of 10,000 fact-checks, ``match`` per query at 10,000 and 1,000,000, memory.

    python benchmarks/library_speed.py [--sizes 10000,1000000] [--queries 200] [--keep DIR]

Generates fact-checks (no data needed): claims of 6 to 30 words drawn from a
Zipf-distributed vocabulary of 60,000 made-up words mixed with common English
words, so that the index meets frequent and rare terms as in real text, each
with a rating, publisher, date and URL, written as one ClaimReview feed per size.
Then, for each size, in a fresh process each:
  add     factcheck library add FEED (the CLI, as a desk runs it; timed for the smallest size)
  match   QUERIES claims of the same kind, one at a time through ``finding.match``
          (first-stage BM25 then re-ranking, top 5), median and 95th percentile:
          cold (no word counted yet, as after an import) and warm (the same queries again)
and prints each figure with its target and the ratio (figure / target), and
the peak resident memory of each match process beside the smallest's (the
library's own page cache is capped at 16 MB, so the ratio should stay near 1).
Targets: add of 10,000 <= 10 s; match <= 20 ms at 10,000 and <= 100 ms at 1,000,000.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMON = (
    "the of and to in a is that for it as was with be by on not he this are or his from at which but have an they "
    "you were her she there been one all we their has would when if so no will more can who said about also what "
    "people new years government president state million percent city country world first water health police "
    "vaccine election tax children school money video photo trump biden covid china climate war law"
).split()
TARGETS = {"add": 10.0, "match_small": 20.0, "match_large": 100.0}

MATCH = """
import json, resource, statistics, sys, time
from pathlib import Path
from factcheck.library import finding
from factcheck.library.index import Library
library = Library(Path(sys.argv[1]), create=False)
library.db.execute("DELETE FROM word_counts")  # as after an import: no word counted yet
queries = json.loads(Path(sys.argv[2]).read_text())
finding.match(library, "load the weights", 5)
result = {}
for run in ("cold", "warm"):
    times = []
    for q in queries:
        start = time.perf_counter()
        finding.match(library, q, 5)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    result[run] = statistics.median(times)
    result[run + "_p95"] = times[int(len(times) * 0.95) - 1]
result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def vocabulary(rng: random.Random, size: int = 60_000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(4, 10))))
    return sorted(words)


def claim(rng: random.Random, words: list[str], cumulative: list[float]) -> str:
    n = rng.randint(6, 30)
    picked = rng.choices(words, cum_weights=cumulative, k=n)
    mixed = [w if rng.random() > 0.4 else rng.choice(COMMON) for w in picked]
    if rng.random() < 0.3:
        mixed.insert(rng.randrange(len(mixed)), str(rng.randint(1, 2030)))
    return " ".join(mixed).capitalize() + "."


def reviews(count: int, seed: int = 0):  # type: ignore[no-untyped-def]
    """``count`` generated ClaimReviews, one at a time."""
    rng = random.Random(seed)
    words = vocabulary(random.Random(1))
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    ratings = ("False", "True", "Misleading", "Mostly false", "Mixture")
    for i in range(count):
        text = claim(rng, words, cumulative)
        yield {
            "@type": "ClaimReview",
            "url": f"https://checks.example.org/{i}",
            "claimReviewed": text,
            "headline": f"Is it true that {text[:-1].lower()}?",
            "author": {"name": f"Desk {i % 50}"},
            "datePublished": f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}",
            "reviewRating": {"alternateName": ratings[i % len(ratings)]},
        }


def generate(count: int, path: Path, seed: int = 0) -> None:
    """A ClaimReview feed of ``count`` fact-checks, streamed to ``path``."""
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('{"@context": "https://schema.org", "@graph": [\n')
        for i, review in enumerate(reviews(count, seed)):
            fh.write(("" if i == 0 else ",\n") + json.dumps(review))
        fh.write("\n]}\n")


def queries(count: int, path: Path) -> None:
    rng = random.Random(7)
    words = vocabulary(random.Random(1))
    cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))
    path.write_text(json.dumps([claim(rng, words, cumulative) for _ in range(count)]), encoding="utf-8")


CLI = "import sys; from factcheck.cli import main; sys.argv[0] = 'factcheck'; main()"

BULK = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from library_speed import entries
from factcheck.library.index import Library
with Library(Path(sys.argv[1])) as library:
    batch = []
    for entry in entries(int(sys.argv[2])):
        batch.append(entry)
        if len(batch) == 50_000:
            library.add_factchecks(batch, "generated")
            batch = []
    library.add_factchecks(batch, "generated")
"""


def entries(count: int, seed: int = 0):  # type: ignore[no-untyped-def]
    """The generated fact-checks as the library keeps them, one at a time."""
    from factcheck.library.records import FactCheckEntry

    for review in reviews(count, seed):
        yield FactCheckEntry(
            claim=review["claimReviewed"],
            rating=review["reviewRating"]["alternateName"],
            url=review["url"],
            publisher=review["author"]["name"],
            date=review["datePublished"],
            headline=review["headline"],
        )


def add(size: int, folder: Path, library: Path) -> float:
    """Seconds to add ``size`` fact-checks: through the CLI from a feed file up to 100,000, in bulk beyond."""
    if size <= 100_000:
        feed = folder / f"feed-{size}.json"
        generate(size, feed)
        command = [sys.executable, "-c", CLI, "-q", "library", "add", str(feed), "--library", str(library)]
    else:
        feed = None
        command = [sys.executable, "-c", BULK, str(library), str(size), str(Path(__file__).resolve().parent)]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - start
    if feed is not None:
        feed.unlink()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the generated feeds and libraries in DIR")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="factcheck-library-speed-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        asked = folder / "queries.json"
        queries(args.queries, asked)
        results = {}
        for size in sizes:
            library = folder / f"library-{size}"
            seconds = add(size, folder, library) if not (library / "library.db").exists() else float("nan")
            run = subprocess.run(
                [sys.executable, "-c", MATCH, str(library), str(asked)], check=True, capture_output=True, text=True
            )
            results[size] = (seconds, json.loads(run.stdout))
            size_mb = sum(f.stat().st_size for f in library.iterdir()) / 1024 / 1024
            print(
                f"{size:>9,} fact-checks: add {seconds:6.1f} s ({size / seconds:,.0f}/s), library {size_mb:,.0f} MB; "
                f"match median {results[size][1]['cold']:6.1f} ms (p95 {results[size][1]['cold_p95']:.1f}) "
                f"on first queries, {results[size][1]['warm']:6.1f} ms (p95 {results[size][1]['warm_p95']:.1f}) "
                "once their words were counted, "
                f"peak memory {results[size][1]['peak_mb']:5.0f} MB",
                flush=True,
            )
        small = sizes[0]
        print()
        seconds_10k = results[small][0] * 10_000 / small
        print(
            f"add, 10,000 fact-checks: {seconds_10k:.2f} s / {TARGETS['add']:.0f} s = {seconds_10k / TARGETS['add']:.2f}"
        )
        for size in sizes:
            target = TARGETS["match_small"] if size <= 10_000 else TARGETS["match_large"]
            for run in ("cold", "warm"):
                median = results[size][1][run]
                print(f"match at {size:,} ({run}): {median:.1f} ms / {target:.0f} ms = {median / target:.2f}")
            print(
                f"peak memory at {size:,} / at {small:,}: "
                f"{results[size][1]['peak_mb'] / results[small][1]['peak_mb']:.2f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
