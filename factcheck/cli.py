"""The command line: parse options, call the core, pick a renderer.

Errors raised by the core (``FactcheckError``) are turned into one line on
stderr and the exit status in one place, ``FactcheckGroup.invoke``; pass
``--traceback`` to see the real thing.
"""

from __future__ import annotations

import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import click

from factcheck import __version__
from factcheck.errors import ExitCode, FactcheckError
from factcheck.model import STANCES, STATUSES

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class ReportedError(click.ClickException):
    """A FactcheckError on its way out: one line, our exit code."""

    def __init__(self, error: FactcheckError) -> None:
        message = error.message + (f"; {error.tip}" if error.tip else "")
        super().__init__(message)
        self.exit_code = int(error.exit_code)

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"factcheck: error: {self.format_message()}", err=True)


class FactcheckGroup(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            if ctx.find_root().params.get("traceback"):
                raise
            raise ReportedError(exc) from None


@dataclass
class State:
    claims_path: Path

    def store(self):  # -> ClaimStore
        from factcheck.store import ClaimStore

        return ClaimStore.load(self.claims_path)


pass_state = click.make_pass_decorator(State)


@click.group(cls=FactcheckGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--claims",
    "claims_path",
    type=click.Path(path_type=Path),
    default="claims",
    show_default=True,
    envvar="FACTCHECK_CLAIMS",
    help="A claims file, or a folder of them (env FACTCHECK_CLAIMS).",
)
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error.")
@click.version_option(__version__, "--version", prog_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, claims_path: Path, traceback: bool) -> None:
    """Keep the claims of an article as data, check their sources, flag what is unsourced.

    \b
    Exit status: 0 success, 1 findings or failed verification, 2 bad usage or input.
    """
    ctx.obj = State(claims_path)


def _default_by() -> str:
    return os.environ.get("FACTCHECK_USER") or getpass.getuser()


# --- list ---------------------------------------------------------------------


@cli.command("list")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice(list(STATUSES)),
    help="Only claims with this status (repeat for several).",
)
@click.option("--unsourced", is_flag=True, help="Only claims without any source.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv", "md"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@pass_state
def list_command(state: State, statuses: tuple[str, ...], unsourced: bool, fmt: str) -> None:
    """List the claims, one row per claim.

    \b
    Examples:
      factcheck list
      factcheck list --status unverified --status unsupported
      factcheck list --unsourced --format json
    """
    store = state.store()
    wanted = set(statuses)
    rows = [
        (claims_file, claim)
        for claims_file in store.files
        for claim in claims_file.claims
        if (not wanted or claim.status in wanted) and (not unsourced or not claim.sources)
    ]
    from factcheck.render import listing

    if fmt == "table":
        listing.print_table(rows)
    else:
        sys.stdout.write(listing.FORMATS[fmt](rows))


# --- show ---------------------------------------------------------------------


@cli.command()
@click.argument("claim_id", metavar="ID")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_state
def show(state: State, claim_id: str, fmt: str) -> None:
    """Show everything about one claim: text, status, note, sources with quotes, history.

    \b
    Example:
      factcheck show cpec-invest
    """
    from factcheck.render import claim as render
    from factcheck.store import line_of_claim

    claims_file, claim = state.store().get(claim_id)
    line = line_of_claim(claims_file, claim_id)
    if fmt == "json":
        sys.stdout.write(render.as_json(claims_file, claim, line))
    else:
        render.print_text(claims_file, claim, line)


# --- set ----------------------------------------------------------------------


@cli.command("set")
@click.argument("claim_id", metavar="ID")
@click.option("--status", required=True, type=click.Choice(list(STATUSES)), help="The verdict.")
@click.option("--note", help="Why: replaces the claim's note and is recorded in its history.")
@click.option("--by", default=_default_by, show_default="$FACTCHECK_USER or your login", help="Who decided.")
@pass_state
def set_command(state: State, claim_id: str, status: str, note: str | None, by: str) -> None:
    """Record a verdict on a claim; the change is appended to its history.

    \b
    Example:
      factcheck set zhongmei-deal --status unsupported --note "No record of such a deal."
    """
    from factcheck import curate

    store = state.store()
    before = store.get(claim_id)[1].status
    claim, written = store.edit(claim_id, lambda c: curate.set_verdict(c, status, by, note))
    if not written:
        click.echo(f"{claim_id}: already {claim.status}; nothing changed", err=True)
    elif before != claim.status:
        click.echo(f"{claim_id}: {before} → {claim.status}", err=True)
    else:
        click.echo(f"{claim_id}: note updated (status stays {claim.status})", err=True)


# --- source -------------------------------------------------------------------


@cli.group(cls=FactcheckGroup)
def source() -> None:
    """Add or remove a claim's sources."""


@source.command("add")
@click.argument("claim_id", metavar="ID")
@click.argument("url")
@click.option("--quote", help="The evidence, exactly as it appears in the source.")
@click.option("--title", help="The source's title.")
@click.option("--publisher", help="Who published it.")
@click.option("--date", help="When it was published: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option(
    "--stance",
    type=click.Choice(list(STANCES)),
    default="supports",
    show_default=True,
    help="Whether the source supports the claim, contradicts it, or gives context.",
)
@pass_state
def source_add(
    state: State,
    claim_id: str,
    url: str,
    quote: str | None,
    title: str | None,
    publisher: str | None,
    date: str | None,
    stance: str,
) -> None:
    """Cite a source for a claim.

    \b
    Example:
      factcheck source add sco-members https://en.wikipedia.org/wiki/Shanghai_Cooperation_Organisation \\
        --quote "Pakistan joined in 2017" --title "Shanghai Cooperation Organisation"
    """
    from factcheck import curate
    from factcheck.model import Source

    curate.check_url(url)
    if date is not None:
        curate.check_date(date)
    new = Source(url, title, publisher, date, quote, stance)
    state.store().edit(claim_id, lambda c: curate.add_source(c, new))
    click.echo(f"{claim_id}: added {url}", err=True)


@source.command("remove")
@click.argument("claim_id", metavar="ID")
@click.argument("url")
@pass_state
def source_remove(state: State, claim_id: str, url: str) -> None:
    """Stop citing a source.

    \b
    Example:
      factcheck source remove sco-members https://example.org/old-page
    """
    from factcheck import curate

    state.store().edit(claim_id, lambda c: curate.remove_source(c, url))
    click.echo(f"{claim_id}: removed {url}", err=True)


# --- schema -------------------------------------------------------------------


@cli.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of claims files, for editors and other validators.

    \b
    Example:
      factcheck schema > claims.schema.json
    """
    from factcheck.schema import SCHEMA_FILE

    sys.stdout.write(SCHEMA_FILE.read_text(encoding="utf-8"))


# --- extract (owned by the extract work) --------------------------------------

# --- check (owned by the check work) ------------------------------------------

# --- report, annotate, diff, history (owned by the report work) ---------------


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="factcheck")
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        sys.stderr.close()
        sys.exit(ExitCode.OK)
