"""``factcheck remove``, ``rename`` and ``anchor``: editing the claims themselves."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from factcheck.cli.ids import ClaimId
from factcheck.cli.options import State, pass_state
from factcheck.cli.settings import by_option
from factcheck.curate import claims as curate
from factcheck.model.errors import UsageError
from factcheck.store.edit import edit_claim, edit_file
from factcheck.text.article import read as read_article

if TYPE_CHECKING:
    from factcheck.check.baseline import Rewrite

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
    # Every baseline is read, and its new text worked out, before anything is written: a broken
    # baseline, or one that cannot be written, stops the rename with nothing changed.
    plans = [plan for path in dict.fromkeys(files) if (plan := baseline.rename_plan(path, old, new))]

    # The baselines are written first, then the claims file; should the claims file not take the
    # new id (read-only, the claim changed meanwhile, a full disk), the baselines get their old
    # bytes back, so the two never disagree about the claim's id.
    written: list[baseline.Rewrite] = []
    try:
        for plan in plans:
            baseline.write(plan)
            written.append(plan)
        edit_file(catalog, stored, lambda claims_file: curate.rename(claims_file, old, new, by))
    except BaseException:
        _undo(written)
        raise
    say = state.say
    say(f"{old}: renamed {new}")
    for plan in plans:
        changed = plan.changed
        say(f"{plan.path}: {changed} {'entry now names' if changed == 1 else 'entries now name'} {new}")


def _undo(written: list[Rewrite]) -> None:
    """Put back the baselines written before the rename failed; InputError when one cannot be."""
    from factcheck.check import baseline
    from factcheck.model.errors import InputError

    for plan in reversed(written):
        try:
            baseline.undo(plan)
        except InputError as exc:
            raise InputError(
                f"the claim was not renamed, and the baseline could not be put back ({exc.reason}); "
                "it names the new id: restore it from git",
                exc.path,
            ) from None


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
    verdict was given on, the claim is flagged for review; a status verify set
    goes back to unverified.

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
    elif how == "reworded" and (last := claim.history[-1]).from_status != last.to_status:
        say(f"{claim_id}: back to unverified: verify found it {last.from_status} for other words")
    stored, _ = catalog.get(claim_id)
    for other in curate.overlapping(stored.claims_file, claim):
        # Most often extract proposed the edited sentence anew when the claim lost its place.
        say(f"{claim_id}: {other.id} covers the same text; if it is the same claim, factcheck remove {other.id}")
