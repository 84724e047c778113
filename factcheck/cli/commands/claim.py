"""``factcheck remove``, ``rename`` and ``anchor``: editing the claims themselves."""

from __future__ import annotations

import os
from pathlib import Path

import click

from factcheck.cli.ids import ClaimId
from factcheck.cli.options import State, pass_state
from factcheck.cli.settings import by_option
from factcheck.curate import claims as curate
from factcheck.model.errors import UsageError
from factcheck.store.edit import edit_claim, edit_file
from factcheck.text.article import read as read_article

#: The baseline file `check` is usually given; `rename` updates it when it is there.
BASELINE = Path(".factcheck-baseline.json")


@click.command("remove")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@pass_state
def remove(state: State, claim_id: str) -> None:
    """Delete a claim outright; git keeps what it was.

    extract proposes the sentence again the next time it runs: to keep a
    proposal out for good, use `factcheck reject`.

    \b
    Example:
      factcheck remove crossroads-duplicate
    """
    catalog = state.catalog()
    stored, _ = catalog.get(claim_id)
    removed, _ = edit_file(catalog, stored, lambda claims_file: curate.remove(claims_file, claim_id))
    state.say(f"{claim_id}: removed ({removed.status}, {len(removed.sources)} sources)")


@click.command("rename")
@click.argument("old", metavar="ID", type=ClaimId())
@click.argument("new", metavar="NEW_ID")
@click.option(
    "--baseline",
    "baselines",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help=f"A baseline whose entries follow the new id (repeatable; default {BASELINE} when it exists).",
)
@by_option
@pass_state
def rename(state: State, old: str, new: str, baselines: tuple[Path, ...], by: str) -> None:
    """Give a claim a new id; its history and the CI baseline follow.

    \b
    Example:
      factcheck rename making-waves zhongmei-deal
    """
    from factcheck.check import baseline

    catalog = state.catalog()
    stored, _ = catalog.get(old)
    curate.check_id(new, catalog.taken())
    files = list(baselines) or ([BASELINE] if BASELINE.exists() else [])
    for path in files:
        # A broken baseline, or one that cannot be written, stops the rename before anything is written:
        # the claims file is written first, and must not keep a new id its baseline does not know.
        if any(entry.claim == old for entry in baseline.read(path)):
            _check_writable(path)

    edit_file(catalog, stored, lambda claims_file: curate.rename(claims_file, old, new, by))
    say = state.say
    say(f"{old}: renamed {new}")
    for path in files:
        if changed := baseline.rename_claim(path, old, new):
            say(f"{path}: {changed} {'entry' if changed == 1 else 'entries'} now name {new}")


def _check_writable(path: Path) -> None:
    """InputError naming the file when ``path`` cannot be replaced by a new version of it.

    A file marked read-only is refused even for root, who could write it
    anyway (as a read-only claims file is); the folder must take the new
    file that replaces it.
    """
    from factcheck.model.errors import InputError
    from factcheck.store.paths import display

    shown = display(path)
    if not os.stat(path).st_mode & 0o222:
        raise InputError("the baseline is read-only; make it writable to rename the claim; nothing changed", shown)
    folder = os.path.dirname(os.path.realpath(path))
    if not os.access(path, os.W_OK) or not os.access(folder, os.W_OK | os.X_OK):
        raise InputError("cannot write the baseline (permission denied); nothing changed", shown)


@click.command("anchor")
@click.argument("claim_id", metavar="ID", type=ClaimId())
@click.argument("text")
@by_option
@pass_state
def anchor(state: State, claim_id: str, text: str, by: str) -> None:
    """Re-attach a claim to the place in the article that now says TEXT.

    For a claim whose anchor is lost after the article was edited. TEXT must
    occur once in the article (white space aside); the claim's text becomes
    the article's words there. When they differ from the words a person's
    verdict was given on, the claim is flagged for review.

    \b
    Example:
      factcheck anchor freight-train "A freight train service launched in 2021 links Shandong and Almaty."
    """
    catalog = state.catalog()
    stored, _ = catalog.get(claim_id)
    article_path = stored.article_path()
    if article_path is None:
        raise UsageError(f"{stored.shown} names no article text to anchor to")
    article = read_article(article_path)[0]

    how, claim, _ = edit_claim(catalog, claim_id, lambda claim: curate.reattach(claim, article, text, by))
    say = state.say
    assert claim.anchor is not None
    where = f"characters {claim.anchor.start}–{claim.anchor.end}"
    said = {"same": "already anchored at", "moved": "anchored at", "reworded": "anchored at"}[how]
    say(f"{claim_id}: {said} {where}" + ("; its text is now the article's" if how == "reworded" else ""))
    if claim.review is not None and how == "reworded":
        say(f"{claim_id}: flagged for review: the verdict was given on other words")
    stored, _ = catalog.get(claim_id)
    for other in curate.overlapping(stored.claims_file, claim):
        # Most often extract proposed the edited sentence anew when the claim lost its place.
        say(f"{claim_id}: {other.id} covers the same text; if it is the same claim, factcheck remove {other.id}")
