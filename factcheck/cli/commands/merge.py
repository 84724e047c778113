"""``factcheck merge``: git's merge driver for claims files."""

from __future__ import annotations

import re
from pathlib import Path

import click

from factcheck.cli.options import State, pass_state
from factcheck.history.merge import Conflict, Markers, merge
from factcheck.model.errors import ExitCode, InputError
from factcheck.store.atomic import write_bytes
from factcheck.store.git import merge_file, shows_ancestor
from factcheck.store.paths import display
from factcheck.store.reading import read_bytes

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("merge")
@click.argument("base", type=_FILE)
@click.argument("ours", type=_FILE)
@click.argument("theirs", type=_FILE)
@click.argument("name", required=False)
@click.option(
    "-L",
    "labels",
    multiple=True,
    metavar="LABEL",
    help="Label the conflict markers (up to three times: ours, the ancestor, theirs), as git's %X, %S and %Y.",
)
@click.option("--marker-size", type=click.IntRange(1), default=7, help="The length of the conflict markers (git's %L).")
@pass_state
def command(
    state: State, base: Path, ours: Path, theirs: Path, name: str | None, labels: tuple[str, ...], marker_size: int
) -> None:
    """Merge a claims file two branches changed, claim by claim: git's merge driver for claims files.

    BASE is the version both came from, NAME the file's path in the
    repository (for messages).  What one side changed is taken; histories are
    joined and sources merged by URL.  A claim both changed in a way that
    means choosing (two different verdicts or notes) is left whole as each
    side has it, between git's conflict markers, every other change merged,
    and the command exits 1, naming each conflict.  A conflict outside the
    claims (the article's metadata) leaves git's own text merge in OURS.

    \b
    Set up once per clone, then name the claims files in .gitattributes:
      git config merge.factcheck.driver "factcheck merge %O %A %B %P -L %X -L %S -L %Y --marker-size %L"
      echo "claims/**/*.json merge=factcheck" >> .gitattributes
    """
    if len(labels) > 3:
        raise click.BadParameter("at most three: ours, the ancestor, theirs", param_hint="-L")
    # git fills %X, %S and %Y from 2.44 on; an older git passes them as they are, and rerere passes none.
    named = [
        label if not re.fullmatch("(%[XSY])?", label) else default
        for label, default in zip([*labels, "", "", ""], Markers()[:3], strict=False)
    ]
    markers = Markers(ours=named[0], base=named[1], theirs=named[2], size=marker_size, diff3=shows_ancestor())
    shown = name or display(ours)
    old, mine, yours = (read_bytes(path, "file") for path in (base, ours, theirs))
    try:
        merged = merge(old, mine, yours, shown, markers)
    except (Conflict, InputError) as exc:
        text, conflicted = merge_file(ours, base, theirs, named, marker_size)
        write_bytes(ours, text)
        if isinstance(exc, InputError):
            state.say(f"factcheck: note: merged as text, not claim by claim: {exc}")
        else:
            for reason in exc.args:
                state.say(f"factcheck: {shown}: {reason}")
            state.say(
                f"factcheck: {shown}: merged as text, not claim by claim, as the conflict is not in the claims alone: "
                "git's text merge, with its markers, is left in the file: keep what each side should, then git add it"
            )
        if conflicted or isinstance(exc, Conflict):
            raise click.exceptions.Exit(int(ExitCode.FINDINGS)) from None
        return
    if merged.data != mine:
        write_bytes(ours, merged.data)
    if merged.conflicts:
        for reason in merged.conflicts:
            state.say(f"factcheck: {shown}: {reason}")
        state.say(
            f"factcheck: {shown}: each claim in conflict is left whole between <<<<<<< and >>>>>>>, ours above "
            "=======, theirs below, every other change merged: keep one side of each (or edit it), delete the "
            "markers, then git add the file"
        )
        raise click.exceptions.Exit(int(ExitCode.FINDINGS))
