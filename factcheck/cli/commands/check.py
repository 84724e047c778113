"""``factcheck check``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import click
from click.core import ParameterSource

from factcheck.check import baseline, rules
from factcheck.check import run as checks
from factcheck.cli import lookup, settings
from factcheck.cli.options import Output, State, output_options, pass_state
from factcheck.cli.params import RuleList, RuleSeverity
from factcheck.model import defaults
from factcheck.model.claims import Claim
from factcheck.model.errors import ExitCode, InputError
from factcheck.model.vocab import FailOn, Severity
from factcheck.render.check import CheckOutput
from factcheck.render.formats import Format
from factcheck.store.paths import display


def _rules(values: tuple[frozenset[str], ...]) -> frozenset[str] | None:
    return frozenset().union(*values) if values else None


def _severities(given: tuple[tuple[str, Severity], ...]) -> dict[str, Severity]:
    """Each rule's severity: the configuration file's, with the command line's or environment's on top, rule by rule.

    ``--severity`` sets the rules it names and no others, so a hook or a
    workflow can change one rule and keep the project's settings for the rest.
    """
    ctx = click.get_current_context()
    severities = dict(given)
    if ctx.get_parameter_source("severities") in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT):
        configured = (ctx.default_map or {}).get("severities", ())
        severities = dict(RuleSeverity().convert(v, None, ctx) for v in configured) | severities
    return severities


def _baseline(path: Path, say: Callable[[str], None]) -> list[baseline.Entry]:
    """A baseline's entries; a baseline that does not exist yet is no baseline, said on stderr.

    So a workflow copied into a repository that has no baseline file runs as it is.  Anything
    there that is not a readable baseline (a folder, bad JSON, a dangling symlink) is an InputError.
    """
    if not os.path.lexists(path):
        say(f"factcheck: note: {path} does not exist; checking without a baseline")
        return []
    return baseline.read(path)


def _strong_matches(
    claims: Path, library_path: Path | None, before: dict[str, Claim] | None
) -> dict[str, tuple[str, float]]:
    """Each claim's best match in the library, where it is strong and not yet accepted; nothing without a library.

    With ``before`` (--changed-since) only the claims that changed are looked up.
    """
    from factcheck.library import FILE_NAME

    folder = lookup.library_folder(claims, library_path)
    if not (folder / FILE_NAME).is_file():
        return {}
    from factcheck.curate.sources import same_url
    from factcheck.library import finding
    from factcheck.library.index import Library
    from factcheck.store.folder import Folder, bulk, read

    asked: list[tuple[Claim, frozenset[str]]] = []
    with bulk():
        for path, shown in Folder(claims).shown():
            try:
                stored = read(path, shown)
            except InputError:
                continue  # the run reports it (invalid), as it reports an id used twice (duplicate-id)
            asked.extend(
                (c, lookup.urls_of(stored, c)) for c in stored.claims if before is None or before.get(c.id) != c
            )
    strong: dict[str, tuple[str, float]] = {}
    with Library(folder, create=False) as library:
        found = finding.match_many(library, [claim.text for claim, _ in asked], 1, [skip for _, skip in asked])
        for (claim, _), best in zip(asked, found, strict=True):
            if not best or best[0].score < defaults.STRONG_MATCH or not best[0].entry.url:
                continue
            url = best[0].entry.url
            if not any(same_url(m.url, url) for m in claim.accepted_matches()):
                strong[claim.id] = (url, best[0].score)
    return strong


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _write_baseline(state: State, path: Path, saved: baseline.Saved) -> None:
    """Say what a written baseline holds, what it left out, and which entries it kept without judging them."""
    message = f"wrote {_count(saved.accepted, 'finding', 'findings')} to {path}"
    if saved.left_out:
        # Only warnings can be left out: --fail-on never is refused before the run.
        warnings = _count(saved.left_out, "warning", "warnings")
        message += f"; {warnings} left out (warnings do not fail the run; --fail-on warning records them)"
    state.say(message)
    if saved.unknown:
        names = ", ".join(sorted({e.rule for e in saved.unknown}))
        state.say(
            f"factcheck: note: kept {_count(len(saved.unknown), 'baseline entry', 'baseline entries')} of a rule "
            f"check does not know ({names}); correct the rule or remove the entry by hand"
        )


@click.command("check")
@output_options("check")
@settings.option("fail-on", str(FailOn.ERROR), "Lowest severity that fails (exit 1).")
@click.option("--select", multiple=True, type=RuleList(), help="Only these rules.")
@click.option("--ignore", multiple=True, type=RuleList(), help="Not these rules.")
@settings.option("severity", (), "Set a rule's severity: error, warning or off (repeat for several).", "RULE=LEVEL")
@settings.max_age_option("A sourced claim nobody and nothing looked at for longer than this is stale.")
@click.option(
    "--baseline",
    "baseline_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Report only findings not in this baseline (one that does not exist yet is no baseline).",
)
@click.option(
    "--write-baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Record the findings that fail the run (see --fail-on) as the baseline and exit 0.",
)
@click.option(
    "--changed-since",
    metavar="REV",
    help="Check only claims changed since HEAD parted from this git revision (git diff REV...HEAD).",
)
# The setting verify reads too: one key, one environment variable, for both.
@settings.option("processes", None, "Processes for big folders (64 files or more). [default: one per CPU]", "N")
@lookup.library_option
@pass_state
def command(
    state: State,
    library_path: Path | None,
    out: Output,
    fail_on: str,
    select: tuple[frozenset[str], ...],
    ignore: tuple[frozenset[str], ...],
    severities: tuple[tuple[str, Severity], ...],
    max_age: int,
    baseline_path: Path | None,
    write_baseline: Path | None,
    changed_since: str | None,
    processes: int | None,
) -> None:
    """Check the claims for CI: unsourced claims and other problems; exit 1 on findings.

    Rules: unsourced (a verdict with no source), needs-review, anchor-lost, invalid,
    duplicate-id (errors); unsourced-unverified (an unverified claim with no source
    yet), missing-quote, dead-source, stale, unsupported, changed-source, and
    strong-match (a published fact-check in the library covers the claim; only
    where a library exists) (warnings).
    --severity unsourced-unverified=error requires every claim to be sourced.

    \b
    Examples:
      factcheck check
      factcheck check --format github --baseline .factcheck-baseline.json
      factcheck check --format sarif -o factcheck.sarif
      factcheck check --changed-since origin/main --fail-on warning
    """
    options = rules.Options(
        max_age=max_age,
        severities=_severities(severities),
        select=_rules(select),
        ignore=_rules(ignore) or frozenset(),
    )
    # A baseline of the changed claims alone would drop the entries of all the others.
    if write_baseline and changed_since:
        raise click.UsageError("--write-baseline records the findings of every claim; leave out --changed-since")
    if write_baseline and fail_on == FailOn.NEVER:
        raise click.UsageError(
            "--write-baseline records the findings that fail the run, and none does with --fail-on never: "
            "give --fail-on error or warning"
        )
    # The workflow may come before the first claims file: the default folder not there yet is nothing to
    # check (State says when, for every command).  A path someone named stays an error when it is not there.
    nothing = state.no_claims_yet("check")
    if changed_since and not nothing:
        options.before = checks.claims_at(state.claims, changed_since)
    if options.enabled("strong-match") and not nothing:
        options.strong_matches = _strong_matches(state.claims, library_path, options.before)
    # Writing a baseline anew, the old one not being there is nothing to mention.
    say = state.say if write_baseline is None else (lambda message: None)
    # Rewriting a baseline in place needs no --baseline: the file it replaces holds the reasons people wrote.
    previous = baseline_path or write_baseline
    entries = _baseline(previous, say) if previous else []
    failing = FailOn(fail_on)
    if write_baseline:
        result = checks.run(state.claims, options, processes, no_claims_yet=nothing)
        _write_baseline(state, write_baseline, baseline.save(write_baseline, result, entries, failing, options.enabled))
        return
    # The findings are rendered as the files are checked; the result is complete after.
    running = checks.Run(state.claims, options, processes, [e.key for e in entries], no_claims_yet=nothing)
    shown = display(baseline_path) if baseline_path else None
    reasons = {e.key: e.reason for e in entries if e.reason}
    out.emit(CheckOutput(running.result, failing, running.findings(), shown, reasons))
    result = running.complete()
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if out.fmt == Format.GITHUB and summary_file:
        # Only the github format writes a step summary: other formats do not load its renderer.
        from factcheck.render.check.github import step_summary

        with open(summary_file, "a", encoding="utf-8") as fh:
            fh.write(step_summary(result))
    if result.fails(failing):
        raise click.exceptions.Exit(int(ExitCode.FINDINGS))
