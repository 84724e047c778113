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
    claims_from_command_line: bool = True

    def config(self):  # -> factcheck.config.Config
        """The [factcheck] settings of setup.cfg; its claims path applies unless --claims was given."""
        from factcheck import config

        settings = config.load()
        if settings.claims is not None and not self.claims_from_command_line:
            self.claims_path = settings.claims
        return settings

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
    from click.core import ParameterSource

    given = ctx.get_parameter_source("claims_path") != ParameterSource.DEFAULT
    ctx.obj = State(claims_path, given)


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


@cli.command("extract")
@click.argument("article", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Claims file to write; merged with it when it exists. Without it, print the proposals.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=None,
    help="Propose sentences scoring at least this (default 0.4); 0 lists every sentence.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="How to print the proposals (without -o).",
)
@pass_state
def extract_command(state: State, article: Path, output: Path | None, min_score: float | None, fmt: str) -> None:
    """Propose the check-worthy claims of an article, each anchored to its place in the text.

    Reads a plain-text or Markdown article (site chrome such as by-lines,
    "Related posts" and comment forms is skipped), scores every sentence for
    check-worthiness and proposes those above --min-score, with their key
    facts. With -o, writes them as unverified claims; run again after the
    article changed and curated claims keep their ids, statuses, sources and
    history, and are re-anchored.

    \b
    Examples:
      factcheck extract article.txt
      factcheck extract article.txt --min-score 0 --format json
      factcheck extract claims/article.txt -o claims/article.json
    """
    from factcheck import extract
    from factcheck.worthiness import DEFAULT_MIN_SCORE

    threshold = DEFAULT_MIN_SCORE if min_score is None else min_score
    scopes = [state.claims_path]
    if output is None:
        rows = extract.preview(article, threshold, scopes)
        from factcheck.render import extraction

        if fmt == "json":
            sys.stdout.write(extraction.as_json(rows))
        else:
            extraction.print_table(rows)
        return
    outcome = extract.extract_into(article, output, threshold, scopes)
    from factcheck.paths import display

    verb = "created" if outcome.created else ("updated" if outcome.written else "unchanged")
    click.echo(f"{display(output)}: {verb}; {outcome.report.summary()}", err=True)


# --- verify (owned by the verify work) ----------------------------------------


@cli.command()
@click.argument("claim_ids", nargs=-1, metavar="[ID]...")
@click.option("--all", "all_claims", is_flag=True, help="Verify every claim.")
@click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=16,
    show_default=True,
    metavar="N",
    help="URLs fetched at the same time.",
)
@click.option(
    "--per-host",
    type=click.IntRange(1, 16),
    default=4,
    show_default=True,
    metavar="N",
    help="Connections to one host at a time.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.01),
    default=10.0,
    show_default=True,
    metavar="S",
    help="Seconds to wait to connect, and for each answer.",
)
@click.option(
    "--retries",
    type=click.IntRange(0, 10),
    default=2,
    show_default=True,
    metavar="N",
    help="Retries of a failed request.",
)
@click.option(
    "--backoff",
    type=click.FloatRange(min=0),
    default=0.5,
    show_default=True,
    metavar="S",
    help="First wait before a retry; doubled each time.",
)
@click.option(
    "--max-size",
    type=click.FloatRange(min=0.001),
    default=5.0,
    show_default=True,
    metavar="MB",
    help="Largest body read, in MB on the wire.",
)
@click.option("--offline", is_flag=True, help="Use the cached pages alone; fetch nothing.")
@click.option("--shard", metavar="I/N", help="Verify only the I-th of N stable shares of the claims (for CI).")
@click.option("--allow-private", is_flag=True, help="Allow loopback, private, link-local and reserved addresses.")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="HOST:PORT",
    help="Allow this one host and port even if its address is private (env FACTCHECK_ALLOW_HOSTS).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="DIR",
    help="Where fetched pages are cached. [default: web/ in the user cache folder]",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True, help="Output format."
)
@click.pass_context
def verify(
    ctx: click.Context,
    claim_ids: tuple[str, ...],
    all_claims: bool,
    jobs: int,
    per_host: int,
    timeout: float,
    retries: int,
    backoff: float,
    max_size: float,
    offline: bool,
    shard: str | None,
    allow_private: bool,
    allow_hosts: tuple[str, ...],
    cache_dir: Path | None,
    fmt: str,
) -> None:
    """Fetch the claims' sources, find the quoted evidence, compare the key facts, record the result.

    Each cited URL is fetched once (concurrently, a few at a time per host,
    through a cache), its text extracted, and each source's quote looked for
    exactly and then fuzzily; the claim's numbers and dates are compared with
    the passage found.  A claim becomes verified when a supporting source
    supports it, unsupported when none can; a person's verdict (mixed,
    misleading, false, opinion) is never changed.  Exit 0 when every claim
    checked ends verified or carries a person's verdict, 1 otherwise.

    \b
    Examples:
      factcheck verify cpec-invest
      factcheck verify --all --jobs 32
      factcheck verify --all --shard 2/4 --format json
      factcheck verify --all --offline
    """
    from factcheck import verify as core
    from factcheck.errors import UsageError
    from factcheck.render import verify as render

    if all_claims == bool(claim_ids):
        raise UsageError("give claim ids or --all, not both" if all_claims else "give claim ids or --all")
    chosen_shard = core.parse_shard(shard) if shard is not None else None
    hosts = list(allow_hosts) + [os.environ.get("FACTCHECK_ALLOW_HOSTS", "")]
    try:
        allowed = core.parse_allow_hosts(hosts) if any(h.strip() for h in hosts) else frozenset()
    except ValueError as exc:
        raise UsageError(f"--allow-host: {exc}") from None
    options = core.Options(
        jobs=jobs,
        per_host=per_host,
        timeout=timeout,
        retries=retries,
        backoff=backoff,
        max_bytes=int(max_size * 1024 * 1024),
        offline=offline,
        allow_private=allow_private,
        allow_hosts=allowed,
        cache_dir=cache_dir,
    )
    store = ctx.obj.store()
    chosen = core.select(store, claim_ids, all_claims, chosen_shard)
    result = core.run(store, chosen, options, render.progress())
    if fmt == "json":
        sys.stdout.write(render.as_json(result))
    else:
        render.print_table(result)
    render.print_summary(result)
    if not result.ok:
        ctx.exit(ExitCode.FINDINGS)


# --- check (owned by the check work) ------------------------------------------


def _rule_list(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> frozenset[str] | None:
    from factcheck.check import RULES

    rules = {r.strip() for v in values for r in v.split(",") if r.strip()}
    unknown = sorted(rules - set(RULES))
    if unknown:
        raise click.BadParameter(f"unknown rule {', '.join(unknown)}; rules: {', '.join(RULES)}")
    return frozenset(rules) if values else None


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json", "sarif", "junit"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["error", "warning", "never"]),
    help="Lowest severity that fails (exit 1). [default: error]",
)
@click.option("--select", multiple=True, callback=_rule_list, metavar="RULE[,RULE]", help="Only these rules.")
@click.option("--ignore", multiple=True, callback=_rule_list, metavar="RULE[,RULE]", help="Not these rules.")
@click.option("--max-age", type=click.IntRange(min=0), metavar="DAYS", help="When a claim goes stale. [default: 180]")
@click.option(
    "--baseline", type=click.Path(path_type=Path, dir_okay=False), help="Report only findings not in this baseline."
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record today's findings as the baseline and exit 0.",
)
@click.option("--changed-since", metavar="REV", help="Check only claims that differ from this git revision.")
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Processes for big folders (64 files or more). [default: one per CPU]",
)
@click.pass_context
def check(
    ctx: click.Context,
    fmt: str,
    fail_on: str | None,
    select: frozenset[str] | None,
    ignore: frozenset[str] | None,
    max_age: int | None,
    baseline: Path | None,
    write_baseline: Path | None,
    changed_since: str | None,
    jobs: int | None,
) -> None:
    """Check the claims for CI: unsourced claims and other problems; exit 1 on findings.

    Rules: unsourced, anchor-lost, invalid, duplicate-id (errors); missing-quote,
    dead-source, stale, unsupported (warnings). Settings can also live in
    setup.cfg under [factcheck]; the command line wins.

    \b
    Examples:
      factcheck check
      factcheck check --format github --baseline .factcheck-baseline.json
      factcheck check --format sarif > factcheck.sarif
      factcheck check --changed-since origin/main --fail-on warning
    """
    from factcheck import baseline as baselines
    from factcheck import check as checks
    from factcheck import store
    from factcheck.render import check_formats, check_github, check_text

    state: State = ctx.obj
    config = state.config()
    options = checks.Options(
        max_age=max_age if max_age is not None else (config.max_age if config.max_age is not None else 180),
        severities=config.severities,
        select=select,
        ignore=ignore or frozenset(),
    )
    fail_on = fail_on or config.fail_on or "error"
    if changed_since:
        options.before = checks.claims_at(state.claims_path, changed_since)
    entries = baselines.read(baseline) if baseline else []
    result = checks.run(state.claims_path, options, jobs)

    if write_baseline:
        reasons = {e.key: e.reason for e in entries}
        store.atomic_write(write_baseline, baselines.render(result.findings, reasons).encode("utf-8"))
        click.echo(f"wrote {len(result.findings)} findings to {write_baseline}", err=True)
        return
    if baseline:
        result.findings, unmatched = baselines.apply(result.findings, entries)
        result.unmatched = [e.key for e in unmatched]

    if fmt == "text" and sys.stdout.isatty():
        check_text.print_coloured(result)
    else:
        sys.stdout.write(check_formats.FORMATS[fmt](result, fail_on))
    if fmt == "github":
        check_github.append_step_summary(result)
    if result.fails(fail_on):
        ctx.exit(ExitCode.FINDINGS)


# --- report, annotate, diff, history (owned by the report work) ---------------

_OUTPUT = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE (atomically, once everything succeeded) instead of stdout.",
)


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "html", "json"]),
    default="text",
    show_default=True,
    help="text for the terminal, md for a pull-request comment, html for a browser, json for programs.",
)
@_OUTPUT
@click.option(
    "--since", metavar="DATE", help="List the status changes since DATE (YYYY-MM-DD); default: the latest 10."
)
@click.option(
    "--stale-days",
    type=click.IntRange(min=0),
    default=180,
    show_default=True,
    help="A source last checked longer ago than this is stale.",
)
@pass_state
def report(state: State, fmt: str, output: Path | None, since: str | None, stale_days: int) -> None:
    """Where the claims stand: counts by status, sourcing, stale and dead sources, drift, changes.

    \b
    Examples:
      factcheck report
      factcheck report --format md --since 2026-11-01
      factcheck report --format html -o report.html
    """
    from factcheck import report as core
    from factcheck.render.output import emit
    from factcheck.render.report_formats import FORMATS

    if since is not None:
        core.check_date(since)
    built = core.build(state.store().files, stale_days=stale_days, since=since)
    emit(FORMATS[fmt](built), output)


@cli.command()
@click.argument("article", required=False, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["terminal", "md", "html"]),
    default="terminal",
    show_default=True,
    help="terminal with colours, md with footnotes, or a self-contained html page.",
)
@_OUTPUT
@pass_state
def annotate(state: State, article: Path | None, fmt: str, output: Path | None) -> None:
    """Show the article with every claim marked in its status colour, then the claims and sources.

    ARTICLE defaults to the text the claims file names.  When the text has
    changed since the claims were anchored, they are placed again; claims
    that cannot be placed are listed at the end.

    \b
    Examples:
      factcheck annotate
      factcheck annotate --format html -o annotated.html
      factcheck --claims claims/china-kazakhstan-30-years.json annotate edited.txt --format md
    """
    from factcheck import annotate as core
    from factcheck.render.annotate_formats import FORMATS
    from factcheck.render.output import emit

    claims_file, text_path = core.choose(state.store().files, article)
    emit(FORMATS[fmt](core.annotate(claims_file, text_path)), output)


@cli.command()
@click.argument("old", required=False)
@click.argument("new", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "md", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@_OUTPUT
@pass_state
def diff(state: State, old: str | None, new: str | None, fmt: str, output: Path | None) -> None:
    """Show how the claims changed: added, removed, status changes, sources, evidence checks.

    OLD and NEW are claims files or folders, or git revisions (a commit, HEAD~3,
    a branch, a tag, or REV:path), read without a checkout.  Without NEW, the
    working tree; without either, HEAD against the working tree.

    \b
    Examples:
      factcheck diff
      factcheck diff HEAD~3
      factcheck diff v1.0 main --format md
      factcheck diff old/claims.json claims/claims.json
    """
    from factcheck import diff as core
    from factcheck.render.diff import FORMATS
    from factcheck.render.output import emit

    emit(FORMATS[fmt](core.diff(old, new, state.claims_path)), output)


@cli.command()
@click.argument("claim_id", metavar="ID")
@click.option("--git", "use_git", is_flag=True, help="Also list the commits that changed the claim.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@pass_state
def history(state: State, claim_id: str, use_git: bool, fmt: str) -> None:
    """Show one claim's timeline: each status change, when, by whom and why.

    \b
    Examples:
      factcheck history zhongmei-deal
      factcheck history zhongmei-deal --git
    """
    from factcheck.render.history import FORMATS, Timeline
    from factcheck.render.output import emit

    claims_file, claim = state.store().get(claim_id)
    commits = None
    if use_git:
        from factcheck.history import git_commits

        commits = git_commits(claims_file.path, claim_id)
    emit(FORMATS[fmt](Timeline(claims_file, claim, commits)), None)


def main() -> None:
    """Console entry point."""
    try:
        cli.main(prog_name="factcheck")
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        sys.stderr.close()
        sys.exit(ExitCode.OK)
