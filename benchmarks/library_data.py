"""The public data the library's ranking learns from and is measured on, for the scripts beside this one.

- ``../shared/data/claim-matching/``: CLEF CheckThat! 2020 Task 2, tweets and the
  Snopes fact-checks that cover them (``match``);
- ``../shared/data/evidence/climate-fever-dev.jsonl``: CLIMATE-FEVER claims and
  their Wikipedia evidence sentences (``search``);
- ``../shared/data/checkworthiness/claimbuster-train.json``: sentences from US
  election debates, text from outside the matching data (``match_static.py``).

Each loader raises MissingData when the folder is not there; the scripts then
say so and exit cleanly.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.library.index import Library
from factcheck.library.records import FactCheckEntry

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"


def arguments(parser: argparse.ArgumentParser, argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The script's arguments, with ``--data``: where the shared data are, applied here (``use_data``)."""
    parser.add_argument("--data", type=Path, help="the shared data folder (default: ../shared/data)")
    args = parser.parse_args(argv)
    if args.data:
        use_data(args.data)
    return args


def use_data(folder: Path) -> None:
    """Read the data from ``folder`` (a scripts's ``--data``) instead of ../shared/data."""
    global MATCHING, EVIDENCE, CHECKWORTHINESS
    MATCHING = folder / "claim-matching"
    EVIDENCE = folder / "evidence" / "climate-fever-dev.jsonl"
    CHECKWORTHINESS = folder / "checkworthiness" / "claimbuster-train.json"


MATCHING = DATA / "claim-matching"
EVIDENCE = DATA / "evidence" / "climate-fever-dev.jsonl"
CHECKWORTHINESS = DATA / "checkworthiness" / "claimbuster-train.json"


class MissingData(Exception):
    """The shared data are not where they were looked for."""


def need(path: Path) -> Path:
    if not path.exists():
        raise MissingData(f"no data at {path}: it belongs in ../shared/data/ beside the repository")
    return path


def _tsv(path: Path) -> list[list[str]]:
    with open(need(path), encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    return rows[1:]


def verified_url(vclaim_id: str) -> str:
    """A fact-check's address in the benchmark's library: the data carry no URLs, so one is made (.invalid)."""
    return f"https://clef2020.invalid/vclaim/{vclaim_id}"


def verified_claims(folder: Path | None = None) -> list[FactCheckEntry]:
    """The 10,375 fact-checks, as the library keeps them."""
    return [
        FactCheckEntry(claim=row[1], headline=row[2] or None, url=verified_url(row[0]), publisher="Snopes")
        for row in _tsv((folder or MATCHING) / "verified_claims.docs.tsv")
        if len(row) >= 3 and row[1].strip()
    ]


@dataclass(frozen=True)
class Query:
    id: str
    text: str
    relevant: frozenset[str]  # the URLs of the fact-checks that cover it


def queries(split: str, folder: Path | None = None) -> list[Query]:
    """The tweets of ``train`` or ``dev`` with the fact-checks that cover each."""
    folder = folder or MATCHING
    relevant: dict[str, set[str]] = defaultdict(set)
    with open(need(folder / split / "tweet-vclaim-pairs.qrels"), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 4 and parts[3] != "0":
                relevant[parts[0]].add(verified_url(parts[2]))
    return [
        Query(row[0], row[1], frozenset(relevant[row[0]]))
        for row in _tsv(folder / split / "tweets.queries.tsv")
        if relevant.get(row[0])
    ]


def matching_library(folder: Path, meanings: bool = False) -> Library:
    """A library in ``folder`` holding the verified claims; with ``meanings``, their vectors of meaning too."""
    library = Library(folder)
    library.add_factchecks(verified_claims(), "verified_claims.docs.tsv")
    if meanings:
        from factcheck.library import meaning

        model = meaning.encoder()
        if model is None:
            raise MissingData("the model of meaning is not installed (see factcheck/library/meaning.py)")
        library.add_meanings(model.encode, meaning.MODEL)
    return library


def average_precision(ranked: list[str], relevant: frozenset[str], k: int = 5) -> float:
    """AP@k: the mean of the precision at each relevant item in the top k, over min(|relevant|, k)."""
    hits = 0
    total = 0.0
    for i, item in enumerate(ranked[:k]):
        if item in relevant:
            hits += 1
            total += hits / (i + 1)
    return total / min(len(relevant), k) if relevant else 0.0


# --- evidence --------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceClaim:
    id: str
    text: str
    evidence: tuple[str, ...]  # the SUPPORTS and REFUTES sentences


def evidence_claims(path: Path | None = None) -> tuple[list[EvidenceClaim], dict[str, list[str]]]:
    """The claims with at least one SUPPORTS or REFUTES sentence, and every article's sentences."""
    path = path or EVIDENCE
    claims = []
    articles: dict[str, list[str]] = defaultdict(list)
    with open(need(path), encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            found = []
            for ev in row["evidences"]:
                sentence = " ".join(ev["evidence"].split())
                if sentence not in articles[ev["article"]]:
                    articles[ev["article"]].append(sentence)
                if ev["evidence_label"] in ("SUPPORTS", "REFUTES"):
                    found.append(sentence)
            if found:
                claims.append(EvidenceClaim(row["claim_id"], row["claim"], tuple(found)))
    return claims, dict(articles)


def write_pages(articles: dict[str, list[str]], folder: Path) -> None:
    """One HTML page per article, its name as the title and each sentence a paragraph."""
    for i, (name, sentences) in enumerate(sorted(articles.items())):
        slug = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-")[:60] or "page"
        body = "\n".join(f"<p>{html.escape(s)}</p>" for s in sentences)
        page = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(name)}</title></head>"
            f"<body><article><h1>{html.escape(name)}</h1>\n{body}\n</article></body></html>\n"
        )
        (folder / f"{i:04d}-{slug}.html").write_text(page, encoding="utf-8")


def temporary_folder() -> tempfile.TemporaryDirectory[str]:
    """A folder removed when the script ends."""
    return tempfile.TemporaryDirectory(prefix="factcheck-library-")


def document_library(pages: Path, folder: Path) -> Library:
    """A library in ``folder`` holding the pages in ``pages``, added as ``library add`` adds a folder."""
    from factcheck.library import documents

    library = Library(folder)
    for path in documents.files(pages):
        if isinstance(path, Path):
            library.add_document(documents.from_file(path))
    return library
