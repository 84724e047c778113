"""The options many commands share, each defined once: its name, type, default, environment variable and help.

Options that can also be set in the configuration (``[factcheck]`` in
``setup.cfg``, ``[tool.factcheck]`` in ``pyproject.toml``) are listed in
``SETTINGS`` under the key the file uses, which is the option's name without
its dashes.  The command line wins over the environment, which wins over the
file, which wins over the default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

import click

from factcheck.cli.params import BoundedInt, FiniteFloat, HostPorts, NonEmpty, RuleSeverity
from factcheck.model import defaults
from factcheck.model.vocab import FailOn

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class State:
    """What the global options set: where the claims are, and how much to say."""

    claims: Path = Path(defaults.CLAIMS)
    quiet: bool = False
    traceback: bool = False


@dataclass(frozen=True)
class Setting:
    """An option that the configuration file may set too."""

    param: str  # the option's parameter name
    type: click.ParamType
    multiple: bool = False


SETTINGS: dict[str, Setting] = {
    "claims": Setting("claims_path", click.Path()),
    "max-age": Setting("max_age", BoundedInt(0, 100_000)),
    "fail-on": Setting("fail_on", click.Choice([str(f) for f in FailOn])),
    "severity": Setting("severities", RuleSeverity(), multiple=True),
    "min-score": Setting("min_score", click.FloatRange(0, 1)),
    "by": Setting("by", NonEmpty()),
    "jobs": Setting("jobs", BoundedInt(1, 256)),
    "per-host": Setting("per_host", BoundedInt(1, 64)),
    "timeout": Setting("timeout", FiniteFloat(0.01, 3600)),
    "retries": Setting("retries", BoundedInt(0, 10)),
    "backoff": Setting("backoff", FiniteFloat(0, 600)),
    "max-size": Setting("max_size", FiniteFloat(0.001, 1024)),
    "cache-dir": Setting("cache_dir", click.Path(file_okay=False)),
    "allow-host": Setting("allow_hosts", HostPorts(), multiple=True),
}


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


def format_option(formats: type[StrEnum], default: StrEnum, help: str = "Output format.") -> Callable[[F], F]:
    """``--format`` with the choices of a command's Format enum."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice([str(f) for f in formats]),
        default=str(default),
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


def max_age_option(help: str) -> Callable[[F], F]:
    """``--max-age DAYS``: when something goes stale."""
    return click.option(
        "--max-age",
        type=SETTINGS["max-age"].type,
        default=defaults.MAX_AGE_DAYS,
        show_default=True,
        metavar="DAYS",
        envvar="FACTCHECK_MAX_AGE",
        show_envvar=True,
        help=help,
    )


def _login() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return "unknown"


def by_option(f: F) -> F:
    """``--by NAME``: who made the change."""
    return click.option(
        "--by",
        type=NonEmpty(),
        default=_login,
        show_default="your login name",
        envvar="FACTCHECK_USER",
        show_envvar=True,
        help="Who decided (recorded in the history).",
    )(f)
