"""The command line: a thin Click layer that parses options, calls the core, and picks a renderer.

Each command lives in its own module under ``factcheck.cli.commands`` and is
imported only when it runs, so ``factcheck --help`` and ``factcheck list``
never pay for what ``verify`` needs.  Errors raised by the core
(``FactcheckError``) become one line on stderr and the exit status in one
place, ``FactcheckGroup.invoke``; ``--traceback`` shows the real thing.
"""

from __future__ import annotations

import atexit
import importlib
import os
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

import click
from click.core import ParameterSource

from factcheck import __version__
from factcheck.cli.config import default_map
from factcheck.cli.options import State
from factcheck.model import defaults
from factcheck.model.errors import ExitCode, FactcheckError, InputError, UnknownClaimError
from factcheck.store.paths import display
from factcheck.text.clean import clean

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}

#: Every command and its one-line help (the first line of its own), in the order --help lists them.
_HELP = {
    "extract": "Propose the check-worthy claims of an article, each anchored to its place in the text.",
    "list": "List the claims, one row per claim.",
    "show": "Show everything about one claim: text, status, note, sources with quotes, history.",
    "set": "Record a verdict on claims; each change is appended to the claim's history.",
    "source": "Add, edit, remove or acknowledge a claim's sources.",
    "reject": "Reject proposals: they leave the claims, and extract never proposes those sentences again.",
    "retire": "Retire claims whose sentences left the article, keeping their verdicts and history.",
    "restore": "Bring back rejected or retired claims, as they were when set aside.",
    "rejected": "List the rejected proposals and retired claims, with who set each aside, when and why.",
    "remove": "Delete a claim outright; git keeps what it was.",
    "rename": "Give a claim a new id; its history and the CI baseline follow.",
    "anchor": "Re-attach a claim to the place in the article that now says TEXT.",
    "article": "Set the article's metadata: title, author, publisher, date, URL, fact-check page.",
    "verify": "Fetch the claims' sources, find the quoted evidence, compare the key facts, record the result.",
    "export": "Export the verdicts for others to read: claimreview, schema.org ClaimReview as JSON-LD.",
    "archive": "Keep a web-archive copy of each source: find a recent snapshot, or ask Save Page Now for one.",
    "report": "Where the claims stand: counts by status, sourcing, stale and dead sources, drift, changes.",
    "annotate": "Show the article with every claim marked in its status colour, then the claims and sources.",
    "diff": "Show how the claims changed: added, removed, status changes, sources, evidence checks.",
    "history": "Show one claim's timeline: each status change, when, by whom and why.",
    "merge": "Merge a claims file two branches changed, claim by claim: git's merge driver for claims files.",
    "check": "Check the claims for CI: unsourced claims and other problems; exit 1 on findings.",
    "schema": "Print the JSON Schema of claims files, for editors and other validators.",
    "library": "Keep the desk's library: published fact-checks and documents, indexed for match and search.",
    "match": "Find the published fact-checks in the library that already cover each claim.",
    "search": "Find passages in the library's documents that may be each claim's evidence.",
}

#: The module that defines a command (as ``command``, or ``module:name``) where it is not the command's name.
_MODULES = {
    "list": "listing",
    "set": "verdict",
    "reject": "aside:reject",
    "retire": "aside:retire",
    "restore": "aside:restore",
    "rejected": "aside:rejected",
    "remove": "claim:remove",
    "rename": "claim:rename",
    "anchor": "claim:anchor",
}

#: Every command: the module that defines it and its one-line help.
COMMANDS: dict[str, tuple[str, str]] = {name: (_MODULES.get(name, name), help) for name, help in _HELP.items()}


#: Commands that are groups, and their sub-commands: the configuration reaches those too.
GROUPS: dict[str, tuple[str, ...]] = {
    "source": ("add", "edit", "remove", "ack"),
    "article": ("set",),
    "library": ("add", "list", "remove", "stats"),
}


class ReportedError(click.ClickException):
    """A FactcheckError on its way out: one line, our exit code."""

    def __init__(self, error: FactcheckError) -> None:
        message = error.message + (f"; {error.tip}" if error.tip else "")
        super().__init__(message)
        # Click declares exit_code a class variable; ours depends on the error.
        self.exit_code = int(error.exit_code)  # type: ignore[misc]

    def show(self, file: Any = None) -> None:
        _error(self.format_message())


def _error(message: str) -> None:
    """``factcheck: error: MESSAGE`` as one clean line on stderr, in the stream's own encoding.

    Not through ``click.echo``: on a stream whose encoding is ASCII, Click
    writes UTF-8 bytes to the buffer beneath it, which an ASCII terminal
    shows as mojibake; the stream itself escapes what it cannot hold (see
    ``output.tolerate_unencodable``), as it does for the output.
    """
    sys.stderr.write(f"factcheck: error: {clean(message, single_line=True)}\n")
    sys.stderr.flush()


#: Click's words for arguments a command does not take.
_EXTRA = re.compile(r"Got unexpected extra arguments? \((.*)\)")
_UNKNOWN_COMMAND = re.compile(r"No such command '(.*)'\.")


def _claims_tip(command: str, given: str) -> str | None:
    """How to name a claims file or folder, when ``given`` (where the command wants none) is one."""
    path = Path(given)
    try:
        kind = "folder" if path.is_dir() else "file" if path.suffix.lower() == ".json" and path.is_file() else None
    except (OSError, ValueError):
        return None
    if kind is None:
        return None
    return f"to read the claims in the {kind} {given}, name it before the command: factcheck --claims {given} {command}"


def _article_tip(claims: Path, error: InputError, command: str) -> str | None:
    """What to name instead, when the file ``--claims`` names is no JSON: an article text, most likely."""
    shown = display(claims)
    if error.path != shown or not error.reason.startswith("invalid JSON") or claims.suffix.lower() == ".json":
        return None
    beside = claims.with_suffix(".json")
    if beside.is_file():
        return f"{shown} is no claims file; the claims file beside it is {display(beside)}: factcheck --claims {display(beside)} {command}"
    return f"{shown} is no claims file; extract makes one from an article: factcheck extract {shown} --into FILE.json"


def _driver_tip(error: InputError) -> str | None:
    """How to set up the merge driver, when git merged a claims file as text because this clone lacks it."""
    if error.path is None or not error.reason.startswith("a git merge conflict is not resolved"):
        return None
    from factcheck.store.git import find_repo

    repo = find_repo(Path(error.path))
    try:
        if repo is None or not repo.git(
            ["check-attr", "merge", "--", repo.relative(Path(error.path))]
        ).strip().endswith(b": factcheck"):
            return None
    except (FactcheckError, ValueError):
        return None
    try:
        repo.git(["config", "--get", "merge.factcheck.driver"])
        return None
    except FactcheckError:  # git config --get fails when the key is not set
        return (
            "this clone merged it as text: .gitattributes names the merge driver factcheck, which git config does "
            'not define: git config merge.factcheck.driver "factcheck merge %O %A %B %P -L %X -L %S -L %Y '
            '--marker-size %L"'
        )


def _short(help: str, limit: int) -> str:
    """A one-line help cut to ``limit`` characters at a word, as Click's own listing does."""
    if len(help) <= limit:
        return help
    return help[: max(limit - 3, 1)].rsplit(" ", 1)[0].rstrip(",;:") + "..."


def _nearest_command(ctx: click.Context | None, message: str) -> str:
    """Click's "No such command" with the nearest command added, as Click does for an option."""
    unknown = _UNKNOWN_COMMAND.fullmatch(message)
    if ctx is None or not isinstance(ctx.command, click.Group) or not unknown:
        return message
    import difflib

    near = difflib.get_close_matches(unknown[1], ctx.command.list_commands(ctx), n=1)
    return f"{message} Did you mean {near[0]!r}?" if near else message


class FactcheckGroup(click.Group):
    """A group whose commands are loaded on use, and which turns our errors into one line and an exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, _, attribute = COMMANDS[name][0].partition(":")
        module = importlib.import_module(f"factcheck.cli.commands.{module_name}")
        return getattr(module, attribute or "command")  # type: ignore[no-any-return]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The one-line help comes from COMMANDS, so --help imports no command module.
        limit = formatter.width - 6 - max(len(name) for name in COMMANDS)
        rows = [(name, _short(help, limit)) for name, (_, help) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """As Click's, but every error is one line on stderr: usage errors too."""
        from factcheck.cli.output import tolerate_unencodable

        tolerate_unencodable()
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.UsageError as exc:
            where = f"; see '{exc.ctx.command_path} --help'" if exc.ctx is not None else ""
            extra = _EXTRA.fullmatch(exc.message)
            if exc.ctx is not None and exc.ctx.parent is not None and extra:
                tips = (_claims_tip(exc.ctx.command_path.partition(" ")[2], word) for word in extra[1].split())
                where = next((f"; {tip}" for tip in tips if tip), where)
            message = _nearest_command(exc.ctx, clean(exc.format_message(), single_line=True))
            _error(f"{message.rstrip('.')}{where}")
            sys.exit(ExitCode.BAD_INPUT)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            sys.stderr.write("factcheck: interrupted\n")
            sys.exit(130)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcheckError as exc:
            if ctx.ensure_object(State).traceback:
                raise
            if isinstance(exc, UnknownClaimError) and ctx.invoked_subcommand:
                exc.tip = _claims_tip(ctx.invoked_subcommand, exc.claim_id) or exc.tip
            if isinstance(exc, InputError) and ctx.invoked_subcommand:
                exc.tip = _article_tip(ctx.ensure_object(State).claims, exc, ctx.invoked_subcommand) or exc.tip
                exc.tip = _driver_tip(exc) or exc.tip
            setting = ctx.ensure_object(State).claims_setting
            if setting is not None and exc.message == f"no such file or folder: {display(Path(setting))}":
                raise ReportedError(setting.error(exc.message)) from None  # named where the path was given
            raise ReportedError(exc) from None
        except BrokenPipeError:
            # The reader went away while the output was being written (`| head`): as `main` has it, no
            # error; Click would exit 1, the status of findings.  What is still buffered goes nowhere.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(ExitCode.OK)
        except KeyboardInterrupt:
            # Writes are atomic, so an interrupted command leaves every file as it was.
            sys.stderr.write("factcheck: interrupted; no file was left half-written\n")
            ctx.exit(130)


@click.group(cls=FactcheckGroup, context_settings=CONTEXT_SETTINGS)
@click.option(
    "--claims",
    "claims_path",
    type=click.Path(path_type=Path),
    default=defaults.CLAIMS,
    show_default=True,
    envvar="FACTCHECK_CLAIMS",
    show_envvar=True,
    metavar="PATH",
    help="A claims file, or a folder of them.",
)
@click.option("-q", "--quiet", is_flag=True, help="Say nothing on stderr but errors.")
@click.option("--traceback", is_flag=True, help="Show the Python traceback of an error.")
@click.version_option(__version__, "--version", prog_name="factcheck")
@click.pass_context
def cli(ctx: click.Context, claims_path: Path, quiet: bool, traceback: bool) -> None:
    """Keep the claims of an article as data, check their sources, flag what is unsourced.

    Settings can also live in setup.cfg ([factcheck]) or pyproject.toml
    ([tool.factcheck]); the command line and the environment win.

    \b
    Exit status: 0 success, 1 findings or failed verification, 2 bad usage or input.
    """
    state = ctx.ensure_object(State)
    state.quiet, state.traceback = quiet, traceback
    settings = default_map(list(COMMANDS), GROUPS)  # a bad setting is reported as every error is, by invoke
    given = ctx.get_parameter_source("claims_path") in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)
    configured = settings.pop("claims_path", None)
    state.claims = Path(configured) if configured is not None and not given else claims_path
    state.claims_named = given or configured is not None
    state.claims_setting = None if given else configured
    ctx.default_map = settings


def main() -> NoReturn:
    """Console entry point."""
    code: int | str | None = ExitCode.OK
    try:
        cli.main(prog_name="factcheck")
    except SystemExit as done:
        code = done.code
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): not an error worth a traceback.
        code = ExitCode.OK
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: interrupted\n")
        code = 130
    _exit(code)


def _exit(code: int | str | None) -> NoReturn:
    """End the process: output flushed and exit handlers run, but the interpreter not torn down.

    Tearing down the modules a command loaded (the HTML extractor, the
    claims in memory) takes tens of milliseconds and does nothing a finished
    command needs: every file it wrote is closed by then.  While a thread of
    its own is still running, the usual exit, which waits for it, is taken.
    """
    threading = sys.modules.get("threading")
    if threading is not None and any(
        thread.is_alive() and not thread.daemon and thread is not threading.main_thread()
        for thread in threading.enumerate()
    ):
        sys.exit(code)
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
        code = 1
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass  # the reader went away, or the stream is closed
    os._exit(0 if code is None else int(code))
