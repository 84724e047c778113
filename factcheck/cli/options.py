"""The options every command shares: the global ones, --format and -o/--output.

Options that the configuration file can set too are in ``settings``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from factcheck.model import defaults

F = TypeVar("F", bound=Callable[..., Any])


class State:
    """What the global options set: where the claims are, and how much to say."""

    def __init__(self) -> None:
        self.claims = Path(defaults.CLAIMS)
        self.quiet = False
        self.traceback = False


def _state(ctx: click.Context) -> State:
    return ctx.ensure_object(State)


def _set_claims(ctx: click.Context, param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        _state(ctx).claims = value


def _set_quiet(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        _state(ctx).quiet = True


def _set_traceback(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        _state(ctx).traceback = True


def global_options(f: F) -> F:
    """``--claims``, ``-q`` and ``--traceback``, accepted after the command name too."""
    f = click.option(
        "--traceback",
        is_flag=True,
        expose_value=False,
        callback=_set_traceback,
        help="Show the Python traceback of an error.",
    )(f)
    f = click.option(
        "-q", "--quiet", is_flag=True, expose_value=False, callback=_set_quiet, help="Say nothing on stderr but errors."
    )(f)
    f = click.option(
        "--claims",
        type=click.Path(path_type=Path),
        expose_value=False,
        callback=_set_claims,
        metavar="PATH",
        help="A claims file, or a folder of them (as before the command name).",
    )(f)
    return f


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
