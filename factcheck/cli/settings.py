"""Options the configuration file can set too, each defined once: name, type, default, environment variable.

A setting's key in ``[factcheck]`` (``setup.cfg``) or ``[tool.factcheck]``
(``pyproject.toml``) is the option's name without its dashes.  The command
line wins over the environment (``FACTCHECK_<KEY>``), which wins over the
file, which wins over the default.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import msgspec

from factcheck.cli.params import BoundedInt, FiniteFloat, HostPorts, NonEmpty, RuleSeverity
from factcheck.model import defaults
from factcheck.model.vocab import FailOn

F = TypeVar("F", bound=Callable[..., Any])


class Setting(msgspec.Struct, frozen=True):
    """An option that the configuration file may set too."""

    param: str  # the option's parameter name
    type: click.ParamType
    multiple: bool = False
    env: str | None = None  # the environment variable, when not FACTCHECK_<KEY>


SETTINGS: dict[str, Setting] = {
    "claims": Setting("claims_path", click.Path(path_type=Path)),
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
    "dead-after": Setting("dead_after", BoundedInt(1, 1000)),
    "dead-days": Setting("dead_days", FiniteFloat(0, 3650)),
    "recheck-days": Setting("recheck_days", FiniteFloat(0, 3650)),
    "fresh-minutes": Setting("fresh_minutes", FiniteFloat(0, 10**6)),
    "processes": Setting("processes", BoundedInt(1, 256)),
    "cache-dir": Setting("cache_dir", click.Path(file_okay=False, path_type=Path), env="FACTCHECK_WEB_CACHE"),
    "allow-host": Setting("allow_hosts", HostPorts(), multiple=True, env="FACTCHECK_ALLOW_HOSTS"),
}


def envvar(key: str) -> str:
    """The environment variable of a setting: ``max-age`` is ``FACTCHECK_MAX_AGE``."""
    return SETTINGS[key].env or "FACTCHECK_" + key.upper().replace("-", "_")


def option(key: str, default: object, help: str, metavar: str | None = None, **extra: Any) -> Callable[[F], F]:
    """The command-line option of a setting."""
    spec = SETTINGS[key]
    return click.option(
        f"--{key}",
        spec.param,
        type=spec.type,
        default=default,
        show_default=True,
        metavar=metavar,
        multiple=spec.multiple,
        envvar=envvar(key),
        show_envvar=True,
        help=help,
        **extra,
    )


def max_age_option(help: str) -> Callable[[F], F]:
    """``--max-age DAYS``: when something goes stale."""
    return option("max-age", defaults.MAX_AGE_DAYS, help, "DAYS")


def _login() -> str:
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
