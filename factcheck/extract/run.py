"""Running extract: preview the proposals for an article, or write them into a claims file."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.extract.ids import make_id, word_counts
from factcheck.extract.merge import MergeReport, as_read, fill_metadata, merge, new_file, set_aside_texts
from factcheck.extract.proposals import Proposal, notices, propose
from factcheck.extract.refused import Refused
from factcheck.model.claims import ClaimsFile
from factcheck.model.errors import InputError
from factcheck.store import confine
from factcheck.store.atomic import make_folder, unmake_folders, write_bytes
from factcheck.store.edit import update
from factcheck.store.folder import discover, read
from factcheck.store.paths import display
from factcheck.store.reading import read_bytes
from factcheck.text import article, convert, segment


def claims_in(paths: Iterable[Path], besides: Path | None = None) -> tuple[dict[str, str], set[str]]:
    """Claim id -> claim text of every claims file at these paths (files or folders; missing ones skipped),
    ``besides`` left out.

    Set-aside claims are included, as their ids stay taken; the second value
    holds their texts (white space aside), which extract never proposes again.
    """
    found: dict[str, str] = {}
    refused: set[str] = set()
    seen = {besides.resolve()} if besides is not None else set()
    for path in paths:
        if not path.exists():
            continue
        for file_path in discover(path):
            key = file_path.resolve()
            if key in seen:
                continue
            seen.add(key)
            claims_file = read(file_path).claims_file
            found.update((claim.id, claim.text) for claim in claims_file.claims)
            found.update((entry.claim.id, entry.claim.text) for entry in claims_file.set_aside)
            refused |= set_aside_texts(claims_file)
    return found, refused


class TextExists(InputError):
    """The article text extract would keep beside the claims file differs from the one already there."""


@dataclass
class Extraction:
    """What ``extract_into`` did to the claims file."""

    claims_file: ClaimsFile
    report: MergeReport
    created: bool
    written: bool
    headline: str | None = None  # the edited article's headline, when the title kept is no longer in its text


def extract_into(
    article_path: Path,
    output: Path,
    min_score: float,
    id_scopes: Iterable[Path],
    *,
    replace_text: bool = False,
    furniture: bool = False,
) -> Extraction:
    """Propose the article's claims and write them to ``output``, merging when it exists.

    The article is read before the claims file is touched, so bad input
    leaves nothing written.  Ids avoid every id under ``id_scopes``.  A
    web page or PDF is kept as text beside the claims file; an existing text
    there that differs is replaced only with ``replace_text``.  A news page's
    headline, standfirst, captions and notices are proposed only with
    ``furniture``; its corrections and editor's notes become the article's
    ``correction``.
    """
    text = convert.load_article(article_path)
    declared = convert.load_metadata(article_path, text)
    marked = convert.load_structure(article_path)
    correction = "\n\n".join(notices(text, marked)) or None

    def proposals(skip: Callable[[int, int], bool] | None = None) -> list[Proposal]:
        # Scored when the claims file is read: re-extracting scores only what no claim covers.
        return propose(text, min_score, marked, furniture, skip)

    if output.is_dir():
        instead = display(output / f"{article_path.stem}.json")
        raise InputError(
            f"is a folder; give the claims file to write: factcheck extract {display(article_path)} --into {instead}",
            display(output),
        )
    made = make_folder(output.parent)
    try:
        return _write(article_path, output, text, proposals, declared, correction, id_scopes, replace_text)
    except BaseException:
        unmake_folders(made)  # a failed extract leaves no empty folders behind
        raise


def _write(
    article_path: Path,
    output: Path,
    text: str,
    proposals: Callable[[Callable[[int, int], bool] | None], list[Proposal]],
    declared: convert.PageMetadata | None,
    correction: str | None,
    id_scopes: Iterable[Path],
    replace_text: bool,
) -> Extraction:
    source = article_path
    if article.is_converted(article_path):
        article_path = _keep_text(output.with_suffix(".txt"), text, replace_text)
    elif not Path(os.path.realpath(article_path)).is_relative_to(root := confine.root_of(output)):
        beside = display(output.parent / article_path.name)
        raise InputError(
            f"{display(article_path)} is {confine.outside(root)}, where factcheck reads article texts",
            display(output),
            tip=f"copy it beside its claims file first: cp {display(article_path)} {beside}, "
            f"then factcheck extract {beside} --into {display(output)}",
        )
    # The claims file itself is read once, by ``update``, and ``change`` adds its ids: a large one read twice costs.
    taken = set(claims_in([*id_scopes, output.parent], besides=output)[0])

    def create() -> tuple[ClaimsFile, MergeReport]:
        claims_file = new_file(output, article_path, text, proposals(None), taken, source=source)
        filled = fill_metadata(claims_file.article, declared, title=True) if declared else []
        if correction:
            claims_file.article.correction = correction
            filled.append("correction")
        return claims_file, MergeReport(added=[c.id for c in claims_file.claims], metadata=filled)

    headline = declared.title if declared and declared.title else segment.title(text)

    def change(claims_file: ClaimsFile) -> MergeReport:
        nonlocal headline
        if not replace_text:
            _same_article(output, claims_file.article.path, article_path)
        if claims_file.article.title in text or claims_file.article.sha256 == article.sha256(text):
            headline = None  # the headline kept, or a title a person set, told once already when the text changed
        taken.update(c.id for c in claims_file.claims)
        taken.update(entry.claim.id for entry in claims_file.set_aside)
        report = merge(claims_file, output, text, article_path, proposals, taken, declared)
        if correction and claims_file.article.correction != correction:
            # The article's own notice, as it now reads: a new correction replaces what was there.
            claims_file.article.correction = correction
            report.metadata.append("correction")
        return report

    done = update(output, change, create)
    headline = None if done.created or headline == done.stored.claims_file.article.title else headline
    return Extraction(done.stored.claims_file, done.result, done.created, done.written, headline)


def _same_article(output: Path, kept: str | None, article_path: Path) -> None:
    """Refuse to point a claims file at another article while the one it annotates is still there: every
    claim would be no longer anchored, each with an event saying so.  An article moved (or a folder named) is not there."""
    if kept is None or article.is_converted(article_path):
        return  # a page's text is kept beside the claims file, where _keep_text guards it
    old = output.parent / kept
    if not old.is_file() or os.path.realpath(old) == os.path.realpath(article_path):
        return
    given = display(article_path)
    raise TextExists(
        f"annotates {display(old)}, which is still there, not {given}",
        display(output),
        tip=f"give each article a claims file of its own: factcheck extract {given} --into "
        f"{display(output.parent / article_path.stem)}.json (--force if {given} is the same article under a new name)",
    )


def _keep_text(path: Path, text: str, replace_text: bool) -> Path:
    """Save a converted article's text at ``path``, beside its claims file: the claims annotate text."""
    data = text.encode("utf-8")
    if path.exists():
        # Compared as text: the same text with CRLF line ends (a clone with git's core.autocrlf) is kept as it is.
        if read_bytes(path, "article file").removeprefix(codecs.BOM_UTF8).replace(b"\r\n", b"\n") == data:
            return path
        if not replace_text:
            raise TextExists(
                "a different article text is already there, and extract does not overwrite it", display(path)
            )
    write_bytes(path, data)
    return path


def preview(
    article_path: Path, min_score: float, id_scopes: Iterable[Path], furniture: bool = False
) -> list[tuple[str, Proposal]]:
    """The proposals for an article with the ids they would get, without writing anything."""
    text = convert.load_article(article_path)
    marked = convert.load_structure(article_path)
    existing, refused = claims_in(id_scopes)
    # A sentence already claimed shows the id it has; others the id they would get.
    by_text = {claim_text: claim_id for claim_id, claim_text in existing.items()}
    taken = set(existing)
    common = word_counts(text)
    set_aside = Refused(refused)
    wanted = [p for p in as_read(propose(text, min_score, marked, furniture)) if p.text not in set_aside]
    return [(by_text.get(p.text) or make_id(p.text, taken, common), p) for p in wanted]
