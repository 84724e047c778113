"""The options every command shares (the global ones, --format and -o/--output), and the state they set.

Options that several commands share are one decorator each (``stacked``),
and reach the command as one value where they say one thing together
(``bundled``).  Options that the configuration file can set too are in
``settings``.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import click

from factcheck.model import defaults
from factcheck.model.vocab import Status, meant
from factcheck.text.clean import clean

if TYPE_CHECKING:
    from factcheck.store.folder import Catalog, Folder

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """What the global options set: where the claims are, and how much to say."""

    def __init__(self) -> None:
        self.claims = Path(defaults.CLAIMS)
        # Whether a person named the claims path (--claims, FACTCHECK_CLAIMS, the configuration), or it is the default.
        self.claims_named = False
        self.claims_setting: Any = None  # the configuration's claims setting, when it gave the path
        self.quiet = False
        self.traceback = False
        self._noted = False

    def say(self, message: str) -> None:
        """A message for people on stderr, one clean line; none when quiet."""
        if not self.quiet:
            sys.stderr.write(clean(message, single_line=True) + "\n")
            sys.stderr.flush()

    def no_claims_yet(self, nothing_to: str = "read") -> bool:
        """Whether the claims path is the default folder and it does not exist yet; a note says so, once.

        A repository takes factcheck's CI workflows before its first claims
        file, so the default folder not there yet holds no claims, as an empty
        one would.  A path a person named (``--claims``, ``FACTCHECK_CLAIMS``,
        the configuration) is expected to hold claims: it is never "not yet",
        and reading it says it is not there.
        """
        if self.claims_named or _exists(self.claims):
            return False
        if not self._noted:
            self._noted = True
            above = _claims_above(self.claims)
            hint = f"; {above} holds one, above this folder: cd {above}" if above else ""
            self.say(
                f"factcheck: note: the claims folder {self.claims}/ does not exist yet; nothing to {nothing_to}{hint}"
            )
        return True

    def folder(self) -> Folder:
        """The claims files at the claims path: none when the default folder is not there yet."""
        from factcheck.store.folder import Folder

        if self.no_claims_yet():
            from factcheck.cli.empty import NoClaimsYet

            return NoClaimsYet(self.claims)
        return Folder(self.claims)

    def catalog(self) -> Catalog:
        """The claims, read and checked (none when the default folder is not there yet)."""
        return self.folder().load()


def _claims_above(claims: Path) -> Path | None:
    """The folder above the current one, up to the top of its git repository, that holds ``claims``: a newcomer
    runs factcheck in a sub-folder of the repository (``claims/`` itself, say)."""
    try:
        here = Path.cwd()
        for folder in here.parents if not (here / ".git").exists() else ():
            if (folder / claims).is_dir():
                return folder
            if (folder / ".git").exists():
                break
    except OSError:
        pass  # the current folder is gone: nothing to say
    return None


def _exists(path: Path) -> bool:
    """Whether there is anything at ``path``: a file, a folder, or a link (a broken one is an error to report)."""
    try:
        return path.exists() or path.is_symlink()
    except (OSError, ValueError):
        return True  # reading it says what is wrong with it


def stacked(*decorators: Callable[[F], F]) -> Callable[[F], F]:
    """One decorator that does what ``decorators`` do when written one above the other, in this order."""
    return lambda f: functools.reduce(lambda done, decorate: decorate(done), reversed(decorators), f)


def bundled(struct: Any, name: str, *decorators: Callable[[F], F], **fixed: Any) -> Callable[[F], F]:
    """Options that reach the command as one value, ``name``: a ``struct`` whose other fields are their parameters.

    ``fixed`` gives the fields that are not options (the command's name, say).
    """
    # A msgspec struct names its fields one way, a named tuple (which --help can load) another.
    named = getattr(struct, "__struct_fields__", None) or struct._fields
    fields = [field for field in named if field not in fixed]

    def bundle(f: F) -> F:
        @functools.wraps(f)
        def command(*args: Any, **kwargs: Any) -> Any:
            given = struct(*(kwargs.pop(field) for field in fields), **fixed)
            return f(*args, **{name: given}, **kwargs)

        return stacked(*decorators)(cast(F, command))

    return bundle


def _setter(attribute: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    """A callback that sets ``attribute`` of the State when the option is given after the command name."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> None:
        # Not given (None, or False for a flag): what the option before the command name set stands.
        if value is not None and value is not False:
            state = ctx.ensure_object(State)
            setattr(state, attribute, value)
            if attribute == "claims":
                state.claims_named = True

    return callback


#: ``--claims``, ``-q`` and ``--traceback``, accepted after the command name too.
global_options = stacked(
    click.option(
        "--claims",
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_setter("claims"),
        metavar="PATH",
        help="A claims file, or a folder of them (as before the command name).",
    ),
    click.option(
        "-q",
        "--quiet",
        is_flag=True,
        expose_value=False,
        callback=_setter("quiet"),
        help="Say nothing on stderr but errors.",
    ),
    click.option(
        "--traceback",
        is_flag=True,
        expose_value=False,
        callback=_setter("traceback"),
        help="Show the Python traceback of an error.",
    ),
)


def pass_state(f: Callable[..., Any]) -> Callable[..., Any]:
    """The global options, and the State they set handed to the command as its first argument."""
    return global_options(click.pass_obj(f))


def format_option(command: str, help: str = "Output format.") -> Callable[[F], F]:
    """``--format`` with the choices ``render.formats`` declares for ``command``, the first the default."""
    from factcheck.render.formats import choices

    names = choices(command)
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(names),
        default=names[0],
        show_default=True,
        help=help,
    )


def output_option(f: F) -> F:
    """``-o/--output FILE``: where the output goes instead of stdout."""
    return click.option(
        "-o",
        "--output",
        "output_path",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Write the output to FILE (atomically, once everything succeeded) instead of stdout.",
    )(f)


class Output(NamedTuple):
    """Where a command's output goes, and in which of its formats."""

    fmt: str
    output_path: Path | None
    command: str

    def emit(self, data: Any) -> None:
        """``data`` rendered in the format asked for, on stdout or into the output file."""
        from factcheck.cli.output import emit
        from factcheck.render.formats import formats

        emit(formats(self.command)[self.fmt](data), self.output_path)


def output_options(command: str, help: str = "Output format.") -> Callable[[F], F]:
    """``--format`` and ``-o/--output``, handed to the command as one ``out: Output``."""
    return bundled(Output, "out", format_option(command, help), output_option, command=command)


class _SettingType(click.ParamType):
    """The type of a setting's option, loaded only when the option is given a value (command line,
    environment or configuration): ``list`` starts without the settings and their parameter types."""

    def __init__(self, key: str, name: str) -> None:
        self.key = key
        self.name = name

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from factcheck.cli.settings import SETTINGS

        return SETTINGS[self.key].type.convert(value, param, ctx)


def processes_option(help: str) -> Callable[[F], F]:
    """``--processes N``, the ``processes`` setting's option, for a command that must start light (``list``)."""
    return click.option(
        "--processes",
        "processes",
        type=_SettingType("processes", "integer"),
        default=None,
        metavar="N",
        envvar="FACTCHECK_PROCESSES",  # settings.envvar("processes"), without loading the settings
        show_envvar=True,
        help=help,
    )


def claims_path_of(ctx: click.Context) -> Path:
    """The claims path a command line names, for shell completion (which runs no command).

    The same order as when it runs: ``--claims`` after the command, before
    it, ``FACTCHECK_CLAIMS``, the configuration file, the default.
    """
    state = ctx.find_object(State)
    root = ctx.find_root()
    if state is not None and state.claims != Path(defaults.CLAIMS):
        return state.claims
    source = root.get_parameter_source("claims_path")
    given = root.params.get("claims_path")
    if given is not None and source is not None and source.name != "DEFAULT":
        return Path(given)
    from factcheck.cli.config import default_map

    configured = default_map([], {}).get("claims_path")
    return Path(configured) if configured else Path(defaults.CLAIMS)


class StatusChoice(click.Choice[str]):
    """A status, in any capitals; a word that is none says which status it may have been meant as."""

    def __init__(self) -> None:
        super().__init__([str(s) for s in Status], case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            near = meant(str(value), self.choices)
            if not near:
                raise
            self.fail(f"{exc.message.rstrip('.')}; did you mean {near}?", param, ctx)
