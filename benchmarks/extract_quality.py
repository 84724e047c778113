"""How well ``factcheck extract`` finds check-worthy sentences, against hand labels.

Each ``tests/data/extract/*.labels.json`` names an article and labels every
unit of its text (in order) 1 (a check-worthy factual statement) or 0; the
real, published ones carry their ``source`` URL.  What extract never proposes
(a news page's headline, standfirst, captions and notices) counts as not
proposed.  The news articles are also pooled: the published ones (the
line the precision target speaks of), the development set that settings
for news are chosen on (``"split": "development"``), and the first three,
one written for the tests (``constructed``).  This script segments each article, checks that the segmentation matches the
labelled units, scores every unit as extract does (beside its neighbours) and
prints precision and recall at the threshold, and average precision of the
ranking (threshold-free); with weights that score in context, the pooled
published line is repeated for the units scored alone.  ``benchmarks/worthiness_quality.py`` sets the same articles
beside the untrained rules and the TF-IDF baselines.

    python benchmarks/extract_quality.py [--min-score 0.4] [--alone] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from factcheck.model.defaults import MIN_SCORE
from factcheck.text import segment, worthiness
from factcheck.text.worthiness import model

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "extract"


@dataclass
class Result:
    name: str
    genre: str
    units: int
    worthy: int
    proposed: int
    hits: int
    average_precision: float
    misses: list[str]
    false_alarms: list[str]
    constructed: bool = False  # written for the tests, not published
    development: bool = False  # a news article of the development set (chosen on, not held out)

    @property
    def precision(self) -> float:
        return self.hits / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.hits / self.worthy if self.worthy else 1.0


def evaluate(labels_path: Path, min_score: float = MIN_SCORE, context: bool = True) -> Result:
    """Score one labelled article; ValueError when segmentation and labels disagree."""
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    text = (labels_path.parent / labels["article"]).read_text(encoding="utf-8")
    units = segment.segments(text)
    if len(units) != len(labels["units"]):
        raise ValueError(f"{labels_path.name}: {len(units)} units segmented, {len(labels['units'])} labelled")
    # Units are scored as read, Markdown's inline markup left out, as ``propose`` scores them.
    readings = [segment.reading_text(u.text) for u in units]
    names = worthiness.known_names(readings)
    for unit, (_, starts) in zip(units, labels["units"]):
        if not unit.text.startswith(starts):
            raise ValueError(f"{labels_path.name}: unit {unit.text[:50]!r} was labelled as {starts!r}")
    # What extract proposes, as it scores: a news page's furniture (headline, standfirst, captions,
    # notices) never is, and every other unit is scored beside its neighbours among them.
    read = [i for i, u in enumerate(units) if u.kind not in segment.FURNITURE]
    got = (
        worthiness.score_units([(readings[i], units[i].kind) for i in read], names)
        if context
        else [worthiness.score(readings[i], units[i].kind, names) for i in read]
    )
    score_at = {i: s.score for i, s in zip(read, got) if s is not None}
    scored = [(score_at.get(i, 0.0), label, u.text) for i, (u, (label, _)) in enumerate(zip(units, labels["units"]))]
    proposed = [s for s in scored if s[0] >= min_score]
    return Result(
        name=labels_path.name.removesuffix(".labels.json"),
        genre=labels.get("genre", ""),
        units=len(scored),
        worthy=sum(label for _, label, _ in scored),
        proposed=len(proposed),
        hits=sum(label for _, label, _ in proposed),
        average_precision=_average_precision(scored),
        misses=[t for s, label, t in scored if label and s < min_score],
        false_alarms=[t for s, label, t in proposed if not label],
        constructed="constructed" in labels,
        development=labels.get("split") == "development",
    )


def _average_precision(scored: list[tuple[float, int, str]]) -> float:
    ranked = sorted(scored, key=lambda s: -s[0])
    hits, total = 0, 0.0
    for rank, (_, label, _) in enumerate(ranked, 1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 1.0


def all_labels() -> list[Path]:
    return sorted(DATA.glob("*.labels.json"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-score", type=float, default=MIN_SCORE)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    parser.add_argument("--alone", action="store_true", help="score each unit alone, without its context")
    args = parser.parse_args(argv)
    results = [evaluate(p, args.min_score, context=not args.alone) for p in all_labels()]
    # The shipped weights may have no context weights, and then every unit is scored alone anyway.
    in_context = not args.alone and model.default().uses_context
    print(f"threshold {args.min_score}, each unit scored {'in its context' if in_context else 'alone'}")
    header = f"{'article':<21} {'genre':<15} {'units':>5} {'worthy':>6} {'proposed':>8} {'precision':>9} {'recall':>6} {'F1':>5} {'AP':>5}"
    print(header)
    print("-" * len(header))
    for r in results:
        f1 = 2 * r.precision * r.recall / (r.precision + r.recall) if r.precision + r.recall else 0.0
        print(
            f"{r.name:<21} {r.genre.split(' (')[0]:<15} {r.units:>5} {r.worthy:>6} {r.proposed:>8} "
            f"{r.precision:>9.2f} {r.recall:>6.2f} {f1:>5.2f} {r.average_precision:>5.2f}"
        )
        if args.verbose:
            for text in r.misses:
                print(f"    missed:      {text[:90]}")
            for text in r.false_alarms:
                print(f"    false alarm: {text[:90]}")
    news = [r for r in results if r.genre.startswith("news")]
    if news:
        # The published news articles pooled, sentence by sentence: the measure the precision target speaks
        # of.  A constructed report (written for the tests) is left out of it, and shown with the first three.
        published = [r for r in news if not r.constructed]
        print(f"news articles pooled, published: {_pooled(published)}")
        print(f"  the development articles: {_pooled([r for r in news if r.development])}")
        print(f"  the first three, one constructed: {_pooled([r for r in news if not r.development])}")
        if in_context:
            alone = [evaluate(p, args.min_score, context=False) for p in all_labels()]
            alone = [r for r in alone if r.genre.startswith("news") and not r.constructed]
            print(f"  the published ones scored alone: {_pooled(alone)}")
    return 0


def _pooled(results: list[Result]) -> str:
    hits, proposed, worthy = (sum(getattr(r, k) for r in results) for k in ("hits", "proposed", "worthy"))
    return (
        f"{len(results)} articles, {sum(r.units for r in results)} units, "
        f"precision {hits / proposed if proposed else 1.0:.2f}, recall {hits / worthy if worthy else 1.0:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
