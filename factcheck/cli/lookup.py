"""What ``library``, ``match`` and ``search`` share: where the library is, and which claims or texts to look up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from factcheck.cli import settings
from factcheck.cli.ids import ClaimId
from factcheck.model.errors import UsageError

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
    """The library's folder: the one given, else ``.factcheck/`` beside the claims folder."""
    if given is not None:
        return given
    folder = claims if claims.suffix.lower() != ".json" else claims.parent
    return folder.resolve().parent / DEFAULT_FOLDER


def query_options(f: F) -> F:
    """The claims or texts to look up: ``[ID]...``, ``--all``, ``--text``, ``--queries``, and ``--top``."""
    for decorate in reversed(
        [
            click.argument("claim_ids", nargs=-1, metavar="[ID]...", type=ClaimId()),
            click.option("--all", "all_claims", is_flag=True, help="Every claim."),
            click.option("--text", "texts", multiple=True, metavar="TEXT", help="A claim's text (repeatable)."),
            click.option(
                "--queries",
                "queries_file",
                type=click.Path(dir_okay=False, path_type=Path),
                metavar="FILE",
                help="A file of claims, one a line.",
            ),
            click.option("--top", type=click.IntRange(1, 100), default=5, show_default=True, help="How many to show."),
        ]
    ):
        f = decorate(f)
    return f


def gather(
    claims: Path, claim_ids: tuple[str, ...], all_claims: bool, texts: tuple[str, ...], queries_file: Path | None
) -> list[tuple[str | None, str]]:
    """The queries, in the order given: (claim id or None, text)."""
    if not (claim_ids or all_claims or texts or queries_file):
        raise UsageError("say what to look up: claim ids, --all, --text TEXT or --queries FILE")
    if all_claims and claim_ids:
        raise UsageError("give claim ids or --all, not both")
    found: list[tuple[str | None, str]] = []
    if claim_ids or all_claims:
        from factcheck.store.folder import Folder

        catalog = Folder(claims).load()
        if all_claims:
            found += [(claim.id, claim.text) for _, claim in catalog.claims()]
        else:
            found += [(i, catalog.get(i)[1].text) for i in claim_ids]
    given = [t for t in texts if t.strip()]
    if texts and not given and not (claim_ids or all_claims or queries_file):
        raise UsageError("--text is empty: give the claim's words")
    found += [(None, t) for t in given]
    if queries_file is not None:
        from factcheck.store.paths import display
        from factcheck.store.reading import decode_utf8, read_bytes

        raw = read_bytes(queries_file, "queries file", 64 * 1024 * 1024)
        lines = decode_utf8(raw, display(queries_file), "queries file").splitlines()
        found += [(None, line.strip()) for line in lines if line.strip()]
    return found
