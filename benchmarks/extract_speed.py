"""How fast ``factcheck extract`` is on a large article, and re-anchoring after edits.

Builds a ~1 MB article from varied paragraphs (the labelled test articles,
with their figures changed so that no two paragraphs are alike), then times:

- reading the file and splitting it into lines (the floor: no tool can be faster);
- sentence segmentation alone;
- the whole extraction: segmentation, key facts and check-worthiness of every sentence;
- re-anchoring 1,000 claims after scattered edits (insertions and deletions all
  over the text, and an edit inside one claim in twenty);
- for each of ``--merge-sizes`` (1 MB and 5 MB), the whole ``extract --into``
  path twice: a new claims file from an article where ``--repeat`` (a tenth)
  of the sentences are a few dozen refrains said again and again, then the
  same article after 500 scattered edits merged into that file (every claim
  re-placed, the sentences no claim covers scored), in seconds per MB
  elapsed and of processor time (CPU, which other work on the machine
  leaves alone), with how many claims kept their sentence against how many sentences no edit
  touched (the two should be equal);
- ratios measured in the same run, which a busy machine slows alike:
  re-extract against the first extract, and the largest article's seconds
  per MB against the smallest's (1.0 is linear).

    python benchmarks/extract_speed.py [--size 1000000] [--claims 1000] [--edits 500]
                                       [--merge-sizes 1000000,5000000] [--repeat 0.1] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from factcheck.extract.proposals import propose
from factcheck.extract.run import extract_into
from factcheck.model.claims import Anchor
from factcheck.model.defaults import MIN_SCORE as DEFAULT_MIN_SCORE
from factcheck.text import anchor, convert, segment

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"
# The articles the synthetic one is built from, named rather than globbed: a test fixture added to the folder
# must not change the benchmark's article, or figures of two trees could not be compared.
SOURCES = (
    "drought-farmers", "evansville-fire", "house-fire", "infrastructure-debate", "measles-cases",
    "measles-emergency", "news-report", "officer-counts", "opinion-piece", "police-hiring", "press-release",
    "record-2014", "rents-prices", "seed-page", "senate-package", "us-prices", "warmest-year",
)  # fmt: skip


def paragraphs() -> list[str]:
    out = []
    for path in (DATA / f"{name}.txt" for name in SOURCES):
        units = segment.segments(path.read_text(encoding="utf-8"))
        text = " ".join(u.text for u in units if u.kind == segment.SENTENCE)
        sentences = [u.text for u in units if u.kind == segment.SENTENCE]
        for i in range(0, len(sentences), 4):
            out.append(" ".join(sentences[i : i + 4]))
        assert text
    return out


def _name(rng: random.Random) -> str:
    syllables = ["ka", "zor", "mi", "len", "tu", "var", "os", "bri", "del", "an", "qui", "ro", "sen", "ta"]
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))).capitalize()


def _vary(text: str, rng: random.Random) -> str:
    text = re.sub(r"\d+", lambda m: str(rng.randint(1, 99_999)), text)
    return re.sub(r"(?<=[a-z,] )[A-Z][a-z]+", lambda m: _name(rng) if rng.random() < 0.7 else m.group(), text)


def build(size: int, rng: random.Random, repeat: float = 0.0) -> str:
    """Paragraphs drawn from the test articles, with new figures and names, so they rarely repeat.

    With ``repeat``, that share of the sentences is instead one of a few dozen
    sentences used again and again, as boilerplate repeats in a report or a
    speaker's refrain in a transcript.
    """
    pool = paragraphs()
    sentences = [u.text for p in pool for u in segment.segments(p) if u.kind == segment.SENTENCE]
    refrains = [_vary(s, rng) for s in rng.sample(sentences, 40)]
    parts: list[str] = []
    total = 0
    while total < size:
        para = _vary(rng.choice(pool), rng)
        if repeat:
            units = [u.text for u in segment.segments(para)]
            para = " ".join(rng.choice(refrains) if rng.random() < repeat else u for u in units)
        parts.append(para)
        total += len(para) + 2
    return "\n\n".join(parts) + "\n"


def timed(fn, *args):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args)
    return result, time.perf_counter() - start


def scatter_edits(
    text: str,
    rng: random.Random,
    edits: int,
    inside: list[Anchor] | None = None,
    done: list[tuple[int, int, bool]] | None = None,
) -> str:
    """Insert and delete short runs at ``edits`` random places, and edit each anchor of ``inside`` in its middle.

    ``done`` receives each edit as made: (position, end of what it deleted, whether it inserted).
    """
    ops: list[tuple[int, str, int]] = []  # (position, insert, delete)
    for a in inside or []:
        ops.append((a.start + len(a.exact) // 2, " (edited)", 0))
    for _ in range(edits):
        ops.append(
            (
                rng.randrange(len(text)),
                rng.choice([" Also,", "\n\nA new paragraph.\n\n", "", ""]),
                rng.choice([0, 0, 3]),
            )
        )
    # One pass from the start: slicing the text once per edit would make 500 edits of 5 MB the slowest step.
    out: list[str] = []
    at = 0
    for pos, insert, delete in sorted(ops):
        pos = max(pos, at)
        out += [text[at:pos], insert]
        at = min(len(text), pos + delete)
        if done is not None and (insert or at > pos):
            done.append((pos, at, bool(insert)))
    out.append(text[at:])
    return "".join(out)


def merge_speed(size: int, edits: int, repeat: float, rng: random.Random, folder: Path) -> tuple[float, float]:
    """Time ``extract --into`` on a new claims file, then after ``edits`` scattered edits of the article."""
    article = build(size, rng, repeat)
    path = folder / f"article-{size}.txt"
    claims = folder / f"article-{size}.json"
    path.write_text(article, encoding="utf-8")
    mb = path.stat().st_size / 1e6
    cpu = time.process_time()
    first, t_new = timed(lambda: extract_into(path, claims, DEFAULT_MIN_SCORE, []))
    cpu_new = time.process_time() - cpu
    done: list[tuple[int, int, bool]] = []
    path.write_text(scatter_edits(article, rng, edits, done=done), encoding="utf-8")
    cpu = time.process_time()
    again, t_merge = timed(lambda: extract_into(path, claims, DEFAULT_MIN_SCORE, []))
    cpu_merge = time.process_time() - cpu
    r = again.report
    unchanged = sum(1 for c in first.claims_file.claims if c.anchor and not _touched(c.anchor, done))
    label = f"{mb:.1f} MB, {len(first.claims_file.claims):,} claims"
    # Processor time beside the elapsed time: on a machine busy with other work the first grows, the second does not.
    print(f"{f'extract --into, new file ({label})':<58} {t_new:>8.3f} {t_new / mb:>8.2f} s/MB {cpu_new / mb:>6.2f} CPU")
    print(
        f"{f're-extract after {edits} edits ({label})':<58} {t_merge:>8.3f} {t_merge / mb:>8.2f} s/MB {cpu_merge / mb:>6.2f} CPU"
    )
    print(
        f"  outcomes: kept {len(r.kept)}, moved {len(r.moved)}, changed {len(r.changed)}, "
        f"lost {len(r.lost)}, new {len(r.added)}; claims whose sentence no edit touched: {unchanged}"
    )
    return t_new / mb, t_merge / mb


def _touched(a: Anchor, done: list[tuple[int, int, bool]]) -> bool:
    """Whether an edit changed the anchored sentence: an insertion inside it, or a deletion of any of it."""
    for pos, end, inserted in done:
        if inserted and a.start < pos < a.end:
            return True
        if end > pos and pos < a.end and a.start < end:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="article size in characters")
    parser.add_argument("--claims", type=int, default=1000, help="claims to re-anchor")
    parser.add_argument("--edits", type=int, default=500, help="scattered edits outside claims")
    parser.add_argument(
        "--merge-sizes", default="1000000,5000000", help="article sizes to extract --into and re-extract; 0 for none"
    )
    parser.add_argument(
        "--repeat", type=float, default=0.1, help="share of the sentences that repeat, in the merged articles"
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)

    article = build(args.size, rng)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(article, encoding="utf-8")
        mb = path.stat().st_size / 1e6
        lines, t_floor = timed(lambda: path.read_text(encoding="utf-8").splitlines())
        units, t_segment = timed(segment.segments, article)
        proposals, t_extract = timed(lambda: propose(convert.load_article(path), 0.0))

    print(f"article: {mb:.2f} MB, {len(lines):,} lines, {len(units):,} units")
    print(f"{'step':<40} {'seconds':>8} {'MB/s':>8}")
    print(f"{'read + split lines (floor)':<40} {t_floor:>8.3f} {mb / t_floor:>8.1f}")
    print(f"{'segment into sentences':<40} {t_segment:>8.3f} {mb / t_segment:>8.1f}")
    print(f"{'extract (segment + facts + score)':<40} {t_extract:>8.3f} {mb / t_extract:>8.1f}")

    # The claims are what extract proposes at its default threshold.
    worthy = [p for p in proposals if p.scored.score >= DEFAULT_MIN_SCORE]
    chosen = [p.anchor for p in rng.sample(worthy, min(args.claims, len(worthy)))]
    edited = scatter_edits(article, rng, args.edits, rng.sample(chosen, max(1, len(chosen) // 20)))
    results, t_anchor = timed(lambda: [anchor.locate(a, edited) for a in chosen])
    counts = Counter(r.status for r in results)
    print(
        f"{f're-anchor {len(chosen):,} claims after {args.edits} edits':<40} {t_anchor:>8.3f} {len(chosen) / t_anchor:>8.0f} claims/s"
    )
    print("  outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))

    sizes = [int(n) for n in args.merge_sizes.split(",") if int(n) > 0]
    with tempfile.TemporaryDirectory() as folder:
        per_mb = [merge_speed(size, args.edits, args.repeat, rng, Path(folder)) for size in sizes]
    # Ratios measured in this run, which a busy machine slows alike: re-extract against a first extract
    # of the same article, and the largest article's seconds per MB against the smallest's (1.0 is linear).
    for size, (new, again) in zip(sizes, per_mb, strict=True):
        print(f"{f're-extract / new file ({size / 1e6:.1f} MB)':<58} {again / new:>8.2f}")
    if len(sizes) > 1:
        print(f"{'re-extract s/MB, largest / smallest article':<58} {per_mb[-1][1] / per_mb[0][1]:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
