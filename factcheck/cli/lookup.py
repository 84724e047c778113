"""What ``library``, ``match`` and ``search`` share: where the library is, and which claims or texts to look up."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click
import msgspec

from factcheck.cli import settings
from factcheck.cli.ids import id_options
from factcheck.cli.options import bundled, stacked
from factcheck.model.errors import InputError, UsageError

if TYPE_CHECKING:
    from factcheck.model.claims import Claim
    from factcheck.store.folder import Catalog, StoredFile

F = TypeVar("F", bound=Callable[..., Any])

#: The library's folder beside the claims folder, when nothing says otherwise.
DEFAULT_FOLDER = ".factcheck"


def library_option(f: F) -> F:
    """``--library PATH``: the library's folder."""
    return settings.option(
        "library",
        None,
        f"The library's folder. [default: {DEFAULT_FOLDER}/ beside the claims folder]",
        "PATH",
    )(f)


def library_folder(claims: Path, given: Path | None) -> Path:
    """The library's folder: the one given, else ``.factcheck/`` beside the claims folder.

    For one sub-folder or file of a claims folder, the library beside a folder above it in the same
    repository, where there is one: ``--claims checks/2025`` uses the library of ``checks/``.
    """
    from factcheck.library import FILE_NAME
    from factcheck.store.confine import root_of

    if given is not None:
        return given
    folder = claims if claims.suffix.lower() != ".json" else claims.parent
    folder = Path(os.path.realpath(folder))  # not resolve(): a link loop is the read's to refuse
    root = root_of(folder / FILE_NAME)
    for inner in (folder, *folder.parents):
        if inner == root or root not in inner.parents:
            break
        if (inner.parent / DEFAULT_FOLDER / FILE_NAME).is_file():
            return inner.parent / DEFAULT_FOLDER
    return folder.parent / DEFAULT_FOLDER


def own_urls(catalog: Catalog, claim_id: str) -> frozenset[str]:
    """The URLs a claim itself has in the library, if its claims file was added: not a match for it."""
    stored, claim = catalog.get(claim_id)
    return urls_of(stored, claim)


def urls_of(stored: StoredFile, claim: Claim) -> frozenset[str]:
    """The URLs the library gives a claim of ``stored`` (its review page's, its article's) when the file is added,
    and those pages themselves: every claim of the article is on them, and its siblings, part of the same
    fact-check, have not checked it already.

    Under the ids a rename took from it too (no other claim of the file has taken them since): the
    library holds it under those until the file is added again.
    """
    from factcheck.history.renames import former_ids
    from factcheck.library.feeds import claim_url

    article = stored.claims_file.article
    ids = [claim.id, *(i for i in former_ids(claim) if stored.claims_file.get(i) is None)]
    urls = {u for page in (article.review_url, article.url) for i in ids if (u := claim_url(page, i)) is not None}
    return frozenset(urls | {u.split("#", 1)[0] for u in urls})


def own_article(catalog: Catalog, claim_id: str) -> frozenset[str]:
    """Where the article a claim comes from is, as the library knows a document: its text's path and
    the address it is published at (its page, saved or fetched, names it). Neither is its evidence."""
    from factcheck.store.paths import location

    stored, _ = catalog.get(claim_id)
    url = stored.claims_file.article.url
    try:
        path = stored.article_path()
    except InputError:
        path = None  # a path that is never read, or that no file in a library can have
    return frozenset(([] if path is None else [location(path)]) + ([url] if url else []))


class Queries(msgspec.Struct, frozen=True):
    """The claims or texts to look up, as the command line gives them."""

    claim_ids: tuple[str, ...]
    all_claims: bool
    texts: tuple[str, ...]
    queries_file: Path | None

    def single(self) -> str | None:
        """The claim id, when one claim id is all the command line names."""
        alone = len(self.claim_ids) == 1 and not (self.all_claims or self.texts or self.queries_file)
        return self.claim_ids[0] if alone else None

    def gather(self, load: Callable[[], Catalog]) -> list[tuple[str | None, str]]:
        """The queries, in the order given: (claim id or None, text).

        ``load`` reads the claims, and is called only when claim ids or --all
        are given: texts alone need no claims folder.
        """
        if not (self.claim_ids or self.all_claims or self.texts or self.queries_file):
            raise UsageError("say what to look up: claim ids, --all, --text TEXT or --queries FILE")
        if self.all_claims and self.claim_ids:
            raise UsageError("give claim ids or --all, not both")
        found: list[tuple[str | None, str]] = []
        if self.claim_ids or self.all_claims:
            catalog = load()
            if self.all_claims:
                found += [(claim.id, claim.text) for _, claim in catalog.claims()]
            else:
                found += [(i, catalog.get(i)[1].text) for i in self.claim_ids]
        given = [t for t in self.texts if t.strip()]
        if self.texts and not given and not (self.claim_ids or self.all_claims or self.queries_file):
            raise UsageError("--text is empty: give the claim's words")
        found += [(None, t) for t in given]
        if self.queries_file is not None:
            from factcheck.store.paths import display
            from factcheck.store.reading import decode_utf8, read_bytes

            limit = 64 * 1024 * 1024
            if str(self.queries_file) == "-":  # a pipe: another tool's claims, one a line
                raw, where = sys.stdin.buffer.read(limit + 1), "stdin"
                if len(raw) > limit:
                    raise InputError(f"is more than the {limit:,} bytes a queries file may have", where)
            else:
                raw, where = read_bytes(self.queries_file, "queries file", limit), display(self.queries_file)
            lines = decode_utf8(raw, where, "queries file").splitlines()
            found += [(None, line.strip()) for line in lines if line.strip()]
        return found


#: The claims or texts to look up, as one ``queries: Queries``, and ``--top``.
query_options = stacked(
    bundled(
        Queries,
        "queries",
        id_options("Every claim."),
        click.option("--text", "texts", multiple=True, metavar="TEXT", help="A claim's text (repeatable)."),
        click.option(
            "--queries",
            "queries_file",
            type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
            metavar="FILE",
            help="A file of claims, one a line; - reads them from stdin.",
        ),
    ),
    click.option(
        "--top",
        type=click.IntRange(1, 100),
        default=5,
        show_default=True,
        help="How many to show at most: only those that come close (a score of 0.01 or more) are listed.",
    ),
)
