"""Running extract: preview the proposals for an article, or write them into a claims file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.extract.ids import make_id, slug_of
from factcheck.extract.merge import MergeReport, merge, new_file
from factcheck.extract.proposals import Proposal, propose
from factcheck.model.claims import ClaimsFile
from factcheck.model.errors import InputError
from factcheck.store.atomic import write_bytes
from factcheck.store.edit import update
from factcheck.store.folder import discover, read
from factcheck.store.paths import display
from factcheck.store.reading import read_bytes
from factcheck.text import article, convert


def claims_in(paths: Iterable[Path]) -> dict[str, str]:
    """Claim id -> claim text of every claims file at these paths (files or folders; missing ones skipped)."""
    found: dict[str, str] = {}
    seen: set[Path] = set()
    for path in paths:
        if not path.exists():
            continue
        for file_path in discover(path):
            key = file_path.resolve()
            if key in seen:
                continue
            seen.add(key)
            found.update((claim.id, claim.text) for claim in read(file_path).claims)
    return found


def ids_in_use(paths: Iterable[Path]) -> set[str]:
    """Every claim id in the claims files at these paths."""
    return set(claims_in(paths))


class TextExists(InputError):
    """The article text extract would keep beside the claims file differs from the one already there."""


@dataclass
class Extraction:
    """What ``extract_into`` did to the claims file."""

    claims_file: ClaimsFile
    report: MergeReport
    created: bool
    written: bool


def extract_into(
    article_path: Path, output: Path, min_score: float, id_scopes: Iterable[Path], *, replace_text: bool = False
) -> Extraction:
    """Propose the article's claims and write them to ``output``, merging when it exists.

    The article is read and scored before the claims file is touched, so bad
    input leaves nothing written.  Ids avoid every id under ``id_scopes``.  A
    web page or PDF is kept as text beside the claims file; an existing text
    there that differs is replaced only with ``replace_text``.
    """
    text = convert.load_article(article_path)
    declared = convert.load_metadata(article_path)
    proposals = propose(text, min_score)
    if output.is_dir():
        raise InputError("is a folder; give the claims file to write, e.g. claims/article.json", display(output))
    if not output.parent.is_dir():
        raise InputError("cannot write: the folder does not exist", display(output))
    if article.is_converted(article_path):
        article_path = _keep_text(output.with_suffix(".txt"), text, replace_text)
    taken = ids_in_use([*id_scopes, output.parent])

    def create() -> tuple[ClaimsFile, MergeReport]:
        claims_file = new_file(output, article_path, text, proposals, taken, declared)
        filled = [n for n in ("title", "author", "publisher", "date", "url") if declared and getattr(declared, n)]
        return claims_file, MergeReport(added=[c.id for c in claims_file.claims], metadata=filled)

    def change(claims_file: ClaimsFile) -> MergeReport:
        taken.update(c.id for c in claims_file.claims)
        return merge(claims_file, output, text, article_path, proposals, taken, declared)

    done = update(output, change, create)
    return Extraction(done.stored.claims_file, done.result, done.created, done.written)


def _keep_text(path: Path, text: str, replace_text: bool) -> Path:
    """Save a converted article's text at ``path``, beside its claims file: the claims annotate text."""
    data = text.encode("utf-8")
    if path.exists():
        if read_bytes(path, "article file") == data:
            return path
        if not replace_text:
            raise TextExists(
                "a different article text is already there, and extract does not overwrite it", display(path)
            )
    write_bytes(path, data)
    return path


def preview(
    article_path: Path, min_score: float, id_scopes: Iterable[Path], slug: str | None = None
) -> list[tuple[str, Proposal]]:
    """The proposals for an article with the ids they would get, without writing anything."""
    text = convert.load_article(article_path)
    existing = claims_in(id_scopes)
    # A sentence already claimed shows the id it has; others the id they would get.
    by_text = {claim_text: claim_id for claim_id, claim_text in existing.items()}
    taken = set(existing)
    prefix = slug or slug_of(article_path.stem)
    return [(by_text.get(p.text) or make_id(prefix, p.text, taken), p) for p in propose(text, min_score)]
