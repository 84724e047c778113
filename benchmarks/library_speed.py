"""The library at scale: ``library add`` of 10,000 fact-checks, ``match`` per query at 10,000 and 1,000,000, memory.

    python benchmarks/library_speed.py [--sizes 10000,1000000] [--queries 200] [--keep DIR] [--data DIR]

Generates fact-checks (no data needed): claims of 6 to 30 words drawn from a
Zipf-distributed vocabulary of 60,000 made-up words mixed with common English
words, so that the index meets frequent and rare terms as in real text, each
with a rating, publisher, date and URL, written as one ClaimReview feed per size.
Then, for each size, in a fresh process each:
  add     up to 100,000: factcheck library add FEED (the CLI, as a desk runs it), which
          encodes every claim with the model of meaning; timed, and timed again into
          another library with the model taken away: the index alone.  Beyond, in bulk
          through ``Library.add_factchecks``, and the vectors of meaning are random unit
          vectors (seeded) given through ``Library.add_meanings`` instead of the claims'
          (encoding a million claims takes an hour on two cores): what is timed there is
          storing them and learning their cells (``index.CELLS_FROM``), not the model
  match   QUERIES claims of the same kind, one at a time through ``finding.match``
          (first-stage BM25, the nearest in meaning, then re-ranking, top 5), median and
          95th percentile: cold (no word counted yet, as after an import) and warm (the
          same queries again); the mean per query when they are asked together through
          ``finding.match_many``, as ``match --all`` and ``--queries`` ask them, the model
          reading them a batch at a time; and, alone, encoding a query and ``nearest_factchecks``
and prints each figure with its target and the ratio (figure / target), and
the peak resident memory of each match process beside the smallest's (the
library's own page cache is capped at 16 MB, so the ratio should stay near 1).
Targets: add of 10,000 <= 10 s (the index alone); match <= 20 ms at 10,000 and
<= 100 ms at 1,000,000.

With the CLEF claim-matching data (``--data``, default ../shared/data; skipped
and said where missing) it also times both on real text: the 10,375 fact-checks
added through the CLI from a table, their claims encoded, and the dev tweets
matched against them (made-up words split into more word pieces than real ones,
so they cost the model more); and it measures what the cells cost in recall: the
10,375 fact-checks' vectors, with cells forced on at that size, each train and
dev tweet's 20 nearest (``finding.NEAREST``) found cell by cell against those found reading every
vector, for several numbers of cells probed.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import library_data as data  # noqa: E402

from factcheck.library import meaning  # noqa: E402

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
from factcheck.library import finding, meaning
from factcheck.library.index import Library
library = Library(Path(sys.argv[1]), create=False)
library.db.execute("DELETE FROM word_counts")  # as after an import: no word counted yet
queries = json.loads(Path(sys.argv[2]).read_text())
finding.match(library, "load the weights", 5)
result = {"cells": library.db.execute("SELECT count(*) FROM sqlite_master WHERE name = 'cells'").fetchone()[0]
    and library.db.execute("SELECT count(*) FROM cells").fetchone()[0]}
encoder = meaning.encoder()
for step in ("encode", "nearest"):
    times = []
    for q in queries:
        vector = encoder.encode([q])[0]
        start = time.perf_counter()
        encoder.encode([q]) if step == "encode" else library.nearest_factchecks(vector, finding.NEAREST)
        times.append((time.perf_counter() - start) * 1000)
    result[step] = statistics.median(times)
for run in ("cold", "warm"):
    times = []
    for q in queries:
        start = time.perf_counter()
        finding.match(library, q, 5)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    result[run] = statistics.median(times)
    result[run + "_p95"] = times[int(len(times) * 0.95) - 1]
start = time.perf_counter()
finding.match_many(library, queries, 5)
result["together"] = (time.perf_counter() - start) * 1000 / len(queries)
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
import sys, time
from pathlib import Path
import numpy as np
sys.path.insert(0, sys.argv[3])
from library_speed import entries
from factcheck.library import meaning
from factcheck.library.index import Library
rng = np.random.default_rng(3)

def random_vectors(texts):
    vectors = rng.standard_normal((len(texts), meaning.DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)

with Library(Path(sys.argv[1])) as library:
    batch = []
    for entry in entries(int(sys.argv[2])):
        batch.append(entry)
        if len(batch) == 50_000:
            library.add_factchecks(batch, "generated")
            batch = []
    library.add_factchecks(batch, "generated")
    start = time.perf_counter()
    library.add_meanings(random_vectors, meaning.MODEL)
    print(time.perf_counter() - start)
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


def add(size: int, folder: Path, library: Path) -> tuple[float, float]:
    """Seconds to add ``size`` fact-checks with their vectors of meaning, and without (the index alone).

    Up to 100,000 through the CLI from a feed file, the claims encoded, then again without the model;
    in bulk beyond, with random vectors: the seconds their storing and cells took are taken out.
    """
    if size > 100_000:
        command = [sys.executable, "-c", BULK, str(library), str(size), str(Path(__file__).resolve().parent)]
        start = time.perf_counter()
        vectors = float(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
        seconds = time.perf_counter() - start
        return seconds, seconds - vectors
    feed = folder / f"feed-{size}.json"
    generate(size, feed)
    timed = []
    for into, model in ((library, os.environ.get(meaning.ENVIRONMENT)), (folder / "words", str(folder / "none"))):
        command = [sys.executable, "-c", CLI, "-q", "library", "add", str(feed), "--library", str(into)]
        start = time.perf_counter()
        subprocess.run(command, check=True, env={**os.environ, meaning.ENVIRONMENT: model or ""})
        timed.append(time.perf_counter() - start)
    shutil.rmtree(folder / "words")
    feed.unlink()
    return timed[0], timed[1]


def recall(probes: Sequence[int]) -> None:
    """What the cells find of each CLEF tweet's nearest fact-checks (``finding.NEAREST``), and the shipped MAP@5 on dev with them."""
    import numpy as np

    from factcheck.library import finding, index

    try:
        dev = data.queries("dev")
        tweets = [q.text for q in data.queries("train") + dev]
        with data.temporary_folder() as tmp:
            library = data.matching_library(Path(tmp), meanings=True)
            encoder = meaning.encoder()
            assert encoder is not None
            vectors = encoder.encode(tweets)

            def shipped() -> float:
                found = [[m.entry.url or "" for m in finding.match(library, q.text, 5)] for q in dev]
                return float(np.mean([data.average_precision(f, q.relevant) for f, q in zip(found, dev, strict=True)]))

            exact = [{c.entry.url for c in library.nearest_factchecks(v, finding.NEAREST)} for v in vectors]
            print(f"shipped MAP@5 on {len(dev)} CLEF dev tweets, every vector read: {shipped():.3f}")
            index.CELLS_FROM = 0
            library.give_cells()
            cells = library.db.execute("SELECT count(*) FROM cells").fetchone()[0]
            for n in probes:
                index.PROBES = n
                found = [{c.entry.url for c in library.nearest_factchecks(v, finding.NEAREST)} for v in vectors]
                share = np.mean([len(f & e) / len(e) for f, e in zip(found, exact, strict=True)])
                print(
                    f"{library.stats().with_meaning:,} fact-checks in {cells} cells, {n} probed: recall of the "
                    f"{finding.NEAREST} nearest ({len(tweets)} CLEF tweets) {share:.3f}, shipped MAP@5 (dev) {shipped():.3f}"
                )
            library.close()
    except data.MissingData as exc:
        print(f"recall: {exc}; not measured")


def real(folder: Path) -> None:
    """``library add`` and ``match`` on the CLEF data: its fact-checks added through the CLI, its dev tweets asked."""
    try:
        entries = data.verified_claims()
        dev = data.queries("dev")
    except data.MissingData as exc:
        print(f"CLEF: {exc}; not measured")
        return
    table = folder / "clef.tsv"
    with open(table, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t")
        writer.writerow(["claim", "headline", "url", "publisher"])
        writer.writerows([e.claim, e.headline or "", e.url, e.publisher] for e in entries)
    library = folder / "library-clef"
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CLI, "-q", "library", "add", str(table), "--library", str(library)], check=True
    )
    seconds = time.perf_counter() - start
    asked = folder / "clef-queries.json"
    asked.write_text(json.dumps([q.text for q in dev]), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-c", MATCH, str(library), str(asked)], check=True, capture_output=True, text=True
    )
    took = json.loads(run.stdout)
    per_10k = seconds * 10_000 / len(entries)
    print(
        f"CLEF, {len(entries):,} real fact-checks, {len(dev)} dev tweets asked: add {seconds:.1f} s with the claims "
        f"encoded ({per_10k:.1f} s per 10,000 / {TARGETS['add']:.0f} s = {per_10k / TARGETS['add']:.2f}); match "
        f"median {took['cold']:.1f} ms cold, {took['warm']:.1f} ms warm / {TARGETS['match_small']:.0f} ms = "
        f"{took['cold'] / TARGETS['match_small']:.2f}, {took['warm'] / TARGETS['match_small']:.2f} (encoding the "
        f"tweet {took['encode']:.1f} ms, the nearest {took['nearest']:.1f} ms); asked together {took['together']:.1f} "
        f"ms a tweet = {took['together'] / TARGETS['match_small']:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the generated feeds and libraries in DIR")
    parser.add_argument("--probes", default="8,16,24,32,48", help="cells probed in the recall measure")
    args = data.arguments(parser)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="factcheck-library-speed-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        asked = folder / "queries.json"
        queries(args.queries, asked)
        results = {}
        for size in sizes:
            library = folder / f"library-{size}"
            nan = float("nan")
            seconds = add(size, folder, library) if not (library / "library.db").exists() else (nan, nan)
            run = subprocess.run(
                [sys.executable, "-c", MATCH, str(library), str(asked)], check=True, capture_output=True, text=True
            )
            results[size] = (seconds, json.loads(run.stdout))
            took = results[size][1]
            size_mb = sum(f.stat().st_size for f in library.iterdir()) / 1024 / 1024
            vectors = "encoded" if size <= 100_000 else "random, not encoded"
            print(
                f"{size:>9,} fact-checks: add {seconds[0]:6.1f} s with vectors of meaning ({vectors}), "
                f"{seconds[1]:6.1f} s ({size / seconds[1]:,.0f}/s) without; library {size_mb:,.0f} MB, "
                f"{took['cells'] or 'no'} cells; match median {took['cold']:6.1f} ms (p95 {took['cold_p95']:.1f}) "
                f"on first queries, {took['warm']:6.1f} ms (p95 {took['warm_p95']:.1f}) once their words were "
                f"counted, of which encoding the claim {took['encode']:.1f} ms and finding the nearest in meaning "
                f"{took['nearest']:.1f} ms; peak memory {took['peak_mb']:5.0f} MB",
                flush=True,
            )
        small = sizes[0]
        print()
        seconds_10k = results[small][0][1] * 10_000 / small
        print(
            f"add, 10,000 fact-checks, the index alone: {seconds_10k:.2f} s / {TARGETS['add']:.0f} s "
            f"= {seconds_10k / TARGETS['add']:.2f} (with the claims encoded: {results[small][0][0] * 10_000 / small:.1f} s)"
        )
        for size in sizes:
            target = TARGETS["match_small"] if size <= 10_000 else TARGETS["match_large"]
            for run in ("cold", "warm"):
                median = results[size][1][run]
                print(f"match at {size:,} ({run}): {median:.1f} ms / {target:.0f} ms = {median / target:.2f}")
            together = results[size][1]["together"]
            print(f"match at {size:,} (asked together): {together:.1f} ms / {target:.0f} ms = {together / target:.2f}")
            print(
                f"peak memory at {size:,} / at {small:,}: "
                f"{results[size][1]['peak_mb'] / results[small][1]['peak_mb']:.2f}"
            )
        print()
        real(folder)
    print()
    recall([int(n) for n in args.probes.split(",")])
    return 0


if __name__ == "__main__":
    sys.exit(main())
