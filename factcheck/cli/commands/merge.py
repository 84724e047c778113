"""``factcheck merge``: git's merge driver for claims files."""

from __future__ import annotations

from pathlib import Path

import click

from factcheck.cli.options import State, pass_state
from factcheck.history.merge import Conflict, merge
from factcheck.model.errors import ExitCode, InputError
from factcheck.store.atomic import write_bytes
from factcheck.store.git import merge_file
from factcheck.store.paths import display
from factcheck.store.reading import read_bytes

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command("merge")
@click.argument("base", type=_FILE)
@click.argument("ours", type=_FILE)
@click.argument("theirs", type=_FILE)
@click.argument("name", required=False)
@pass_state
def command(state: State, base: Path, ours: Path, theirs: Path, name: str | None) -> None:
    """Merge a claims file two branches changed, claim by claim: git's merge driver for claims files.

    BASE is the version both came from, NAME the file's path in the
    repository (for messages).  What one side changed is taken; histories are
    joined and sources merged by URL.  Two different verdicts or notes on one
    claim, or anything else that would mean choosing, leave git's own text
    merge in OURS, with its conflict markers, and exit 1.

    \b
    Set up once per clone, then name the claims files in .gitattributes:
      git config merge.factcheck.driver "factcheck merge %O %A %B %P"
      echo "claims/**/*.json merge=factcheck" >> .gitattributes
    """
    shown = name or display(ours)
    old, mine, yours = (read_bytes(path, "file") for path in (base, ours, theirs))
    try:
        merged = merge(old, mine, yours, shown)
    except (Conflict, InputError) as exc:
        text, conflicted = merge_file(ours, base, theirs)
        write_bytes(ours, text)
        if isinstance(exc, InputError):
            state.say(f"factcheck: note: merged as text, not claim by claim: {exc}")
        else:
            state.say(
                f"factcheck: {shown}: {exc}; git's text merge, with its markers, is left in the file: keep the "
                "status and note that should stand and the events of both sides, then git add it"
            )
        if conflicted or isinstance(exc, Conflict):
            raise click.exceptions.Exit(int(ExitCode.FINDINGS)) from None
        return
    if merged != mine:
        write_bytes(ours, merged)
