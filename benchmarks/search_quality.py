"""How well ``search`` finds a claim's evidence: recall@5 on CLIMATE-FEVER (dev half).

    python benchmarks/search_quality.py [--data DIR]

Reads ../shared/data/evidence/climate-fever-dev.jsonl (see its README), writes
every evidence sentence of the dev claims into one HTML page per Wikipedia
article (the article's name as the page title), adds the folder to a library
as ``library add`` does, and searches each claim that has a SUPPORTS or
REFUTES sentence.  A claim is found when one of those sentences lies inside
one of the top 5 passages.  Prints:
  plain BM25   every sentence its own passage, the claim's words, BM25
  first stage  the library's passages (a few sentences each), BM25
  re-ranked    the first 50 re-ranked, by two folds (fitted on one half of the claims, measured on the other)
  shipped      the shipped weights (fitted on all of these claims: for reference only)
Target: recall@5 >= 0.70.  Without the data it says so and exits cleanly.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import library_data as data  # noqa: E402

from factcheck.library import finding  # noqa: E402
from factcheck.library.index import Library  # noqa: E402
from factcheck.library.records import Document  # noqa: E402

TARGET = 0.70


def found(passages: list[str], claim: data.EvidenceClaim) -> bool:
    return any(sentence in p for p in passages for sentence in claim.evidence)


def main() -> int:
    data.arguments(argparse.ArgumentParser(description=__doc__.split("\n\n")[0]))
    try:
        claims, articles = data.evidence_claims()
    except data.MissingData as exc:
        print(f"search_quality: {exc}; nothing measured")
        return 0
    with data.temporary_folder() as tmp:
        single = Library(Path(tmp) / "single")
        for name, sentences in articles.items():
            single.add_document(Document(location=name, title=name, passages=sentences))
        pages = Path(tmp) / "pages"
        pages.mkdir()
        data.write_pages(articles, pages)
        library = data.document_library(pages, Path(tmp) / "library")
        stats = library.stats()
        print(
            f"claims: {len(claims)}, pages: {stats.documents}, passages: {stats.passages} (sentences: {sum(map(len, articles.values()))})"
        )
        plain = sum(
            found([c.passage.text for c in single.passage_candidates(claim.text, 5)], claim) for claim in claims
        )
        print(f"plain BM25   recall@5 {plain / len(claims):.3f}")
        shipped = sum(found([f.passage.text for f in finding.search(library, c.text, 5)], c) for c in claims)
        try:
            import train_library as training
        except SystemExit:
            print("re-ranked    (needs numpy and scipy: pip install -e '.[train]')")
            training = None
        if training is not None:
            groups = training.search_groups(library, claims)
            print(f"first stage  recall@5 {training.recall_at_5(groups, None):.3f}")
            a, b = training.folds(claims)
            hits = 0.0
            for fit_on, test_on in ((a, b), (b, a)):
                weights, _ = training.fit([groups[i] for i in fit_on])
                hits += training.recall_at_5([groups[i] for i in test_on], weights) * len(test_on)
            cv = hits / len(claims)
            print(f"re-ranked    recall@5 {cv:.3f}   (two folds; target {TARGET:.2f}: ratio {cv / TARGET:.2f})")
        print(f"shipped      recall@5 {shipped / len(claims):.3f}   (fitted on these claims: not a held-out figure)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
