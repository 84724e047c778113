"""Options the configuration file can set too, each defined once: name, type, default, environment variable.

A setting's key in ``[factcheck]`` (``setup.cfg``) or ``[tool.factcheck]``
(``pyproject.toml``) is the option's name without its dashes.  The command
line wins over the environment (``FACTCHECK_<KEY>``), which wins over the
file, which wins over the default.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import msgspec

from factcheck.cli.options import bundled
from factcheck.cli.params import (
    BoundedInt,
    FiniteFloat,
    HostPorts,
    HttpUrl,
    NonEmpty,
    Person,
    RuleSeverity,
    SettingPath,
    StatusValue,
    StatusWords,
    UrlPattern,
    published_statuses,
    rule_names,
)
from factcheck.model import defaults
from factcheck.model.vocab import FailOn
from factcheck.publish import defaults as publishing

F = TypeVar("F", bound=Callable[..., Any])


class Setting(msgspec.Struct, frozen=True):
    """An option that the configuration file may set too."""

    param: str  # the option's parameter name
    type: click.ParamType
    multiple: bool = False
    env: str | None = None  # the environment variable, when not FACTCHECK_<KEY>
    # Keyed settings are written KEY.NAME = VALUE in the file (severity.stale = off)
    # and --KEY NAME=VALUE on the command line; ``names`` gives the NAMEs allowed.
    names: Callable[[], tuple[str, ...]] | None = None
    name_kind: str = ""  # what a NAME is, for messages: "rule", "status"


# The checks of URL patterns load what they need (text.placeholders, string) only when a pattern is given.
def _review_url_problem(pattern: str) -> str | None:
    from factcheck.publish.review_url import check_pattern

    return check_pattern(pattern)


def _annotation_url_problem(pattern: str) -> str | None:
    from factcheck.report.pages import check_pattern

    return check_pattern(pattern)


SETTINGS: dict[str, Setting] = {
    # Path settings are SettingPath: what they name on disk is checked only where a command uses them.
    "claims": Setting("claims_path", SettingPath(path_type=Path)),
    "max-age": Setting("max_age", BoundedInt(0, 100_000)),
    "fail-on": Setting("fail_on", click.Choice([str(f) for f in FailOn])),
    "severity": Setting("severities", RuleSeverity(), multiple=True, names=rule_names, name_kind="rule"),
    "min-score": Setting("min_score", FiniteFloat(0, 1)),
    "by": Setting("by", Person()),
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
    "cache-dir": Setting("cache_dir", SettingPath(file_okay=False, path_type=Path), env="FACTCHECK_WEB_CACHE"),
    "allow-host": Setting("allow_hosts", HostPorts(), multiple=True, env="FACTCHECK_ALLOW_HOSTS"),
    # The library: where the index of fact-checks and documents is.
    "library": Setting("library_path", SettingPath(file_okay=False, path_type=Path)),
    # Publishing: ClaimReview.
    "publisher-name": Setting("publisher_name", NonEmpty()),
    "publisher-url": Setting("publisher_url", HttpUrl()),
    "review-url": Setting("review_url", UrlPattern(_review_url_problem)),
    "rating": Setting("rating_words", StatusWords(), multiple=True, names=published_statuses, name_kind="status"),
    "rating-value": Setting(
        "rating_values", StatusValue(), multiple=True, names=published_statuses, name_kind="status"
    ),
    "best-rating": Setting("best_rating", BoundedInt(-1_000_000, 1_000_000)),
    "worst-rating": Setting("worst_rating", BoundedInt(-1_000_000, 1_000_000)),
    # Pages: where the annotated articles are published, for the report to link them.
    "annotation-url": Setting("annotation_url", UrlPattern(_annotation_url_problem)),
    # Archiving: the Wayback Machine, or a newsroom's own archive.
    "archive-api": Setting("archive_api", HttpUrl()),
    "archive-save": Setting("archive_save", HttpUrl()),
    "archive-pace": Setting("archive_pace", FiniteFloat(0, 3600)),
    "archive-wait": Setting("archive_wait", FiniteFloat(0.1, 3600)),
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
    # Only the commands that record who acted ask; report and check load no getpass (nor termios).
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers)
        return "unknown"


def annotation_url_option(f: F) -> F:
    """``--annotation-url [PATTERN]``: link each claim in the report to its article's annotated page."""
    from factcheck.report.pages import SIDE_BY_SIDE

    return option(
        "annotation-url",
        None,
        "Link each claim to the article's annotated page (annotate --format html) at PATTERN, "
        "relative or http(s), with the claim id as the fragment; {file} is the claims file's name without .json. "
        f"Alone: {SIDE_BY_SIDE}, for pages published side by side.",
        "[PATTERN]",
        is_flag=False,
        flag_value=SIDE_BY_SIDE,
    )(f)


def by_option(f: F) -> F:
    """``--by NAME``: who made the change."""
    return click.option(
        "--by",
        type=Person(),
        default=_login,
        show_default="your login name",
        envvar="FACTCHECK_USER",
        show_envvar=True,
        help="Who decided (recorded in the history).",
    )(f)


def keyed_option(key: str, help: str) -> Callable[[F], F]:
    """The command-line option of a keyed setting: ``--rating STATUS=WORDS``, repeatable, no environment variable."""
    spec = SETTINGS[key]
    return click.option(f"--{key}", spec.param, type=spec.type, multiple=True, metavar=spec.type.name, help=help)


class Reviewing(msgspec.Struct, frozen=True):
    """What the ClaimReview options of a command say: who publishes, where each review's page is, the ratings."""

    publisher_name: str | None
    publisher_url: str | None
    review_url: str
    rating_words: tuple[tuple[str, str], ...]
    rating_values: tuple[tuple[str, int | None], ...]
    best_rating: int
    worst_rating: int

    def options(self) -> Any:
        """The ``claimreview.Options`` they ask for."""
        from factcheck.publish import claimreview, ratings

        table = ratings.Ratings.configured(
            dict(self.rating_words), dict(self.rating_values), self.best_rating, self.worst_rating
        )
        return claimreview.Options(self.publisher_name, self.publisher_url, self.review_url, table)


def claimreview_options(f: F) -> F:
    """The options of ClaimReview, handed to the command as one ``review: Reviewing``."""
    words = ", ".join(f"{s}={w}" for s, (w, _) in publishing.RATINGS.items())
    values = ", ".join(f"{s}={v if v is not None else 'none'}" for s, (_, v) in publishing.RATINGS.items())
    return bundled(
        Reviewing,
        "review",
        option("publisher-name", None, "The organisation publishing the fact-check (ClaimReview's author).", "NAME"),
        option("publisher-url", None, "Its web site.", "URL"),
        option(
            "review-url",
            publishing.DEFAULT_PATTERN,
            "Each review's url: {page} is the article's fact-check page, {id} the claim id, {file} the claims file.",
            "PATTERN",
        ),
        keyed_option("rating", f"A status's rating words (repeatable). Default: {words}."),
        keyed_option("rating-value", f"A status's rating number, or none (repeatable). Default: {values}."),
        option("best-rating", publishing.BEST, "The best rating on the scale.", "N"),
        option("worst-rating", publishing.WORST, "The worst rating on the scale.", "N"),
    )(f)


class Network(msgspec.Struct, frozen=True):
    """What the network options of a command that fetches say: timeouts, retries, size cap, allowed hosts."""

    timeout: float
    retries: int
    backoff: float
    max_size: float
    allow_private: bool
    allow_hosts: tuple[frozenset[tuple[str, int]], ...]

    def policy(self, **more: Any) -> Any:
        """The ``fetch.Policy`` they ask for (``more``: other fields of it, such as ``per_host``)."""
        from factcheck.net.policy import Policy

        return Policy(
            timeout=self.timeout,
            retries=self.retries,
            backoff=self.backoff,
            max_bytes=int(self.max_size * 1024 * 1024),
            allow_private=self.allow_private,
            allow_hosts=frozenset().union(*self.allow_hosts),
            **more,
        )


def network_options(f: F) -> F:
    """The network rules of every fetch, handed to the command as one ``network: Network``."""
    return bundled(
        Network,
        "network",
        option("timeout", defaults.TIMEOUT, "Seconds to wait to connect, and for each answer.", "S"),
        option("retries", defaults.RETRIES, "Retries of a failed request.", "N"),
        option("backoff", defaults.BACKOFF, "First wait before a retry; doubled each time.", "S"),
        option("max-size", defaults.MAX_SIZE_MB, "Largest body read, in MB on the wire.", "MB"),
        click.option(
            "--allow-private", is_flag=True, help="Allow loopback, private, link-local and reserved addresses."
        ),
        option("allow-host", (), "Allow this one host and port even if its address is private.", "HOST:PORT"),
    )(f)


class Archiving(msgspec.Struct, frozen=True):
    """What the archive options of a command say: the archive's endpoints and pace."""

    archive_api: str
    archive_save: str
    archive_pace: float
    archive_wait: float

    def config(self, network: Network, max_age: int = defaults.MAX_AGE_DAYS) -> tuple[Any, Any, Any]:
        """What they say, with the network's, as (``fetch.Policy``, ``archive.Endpoints``, ``archiving.Settings``)."""
        from factcheck.net.archive import Endpoints
        from factcheck.publish.archiving import Settings

        pace = Settings(
            pace=self.archive_pace,
            wait=self.archive_wait,
            max_age_days=max_age,
            retries=network.retries,
            backoff=max(network.backoff, 0.01),
        )
        return network.policy(), Endpoints(self.archive_api, self.archive_save), pace


def archive_options(f: F) -> F:
    """The options of archiving, handed over as ``archive_setup: Archiving``, and the network rules of every fetch."""
    from factcheck.net import archive
    from factcheck.publish import archiving

    return network_options(
        bundled(
            Archiving,
            "archive_setup",
            option("archive-api", archive.API, "The availability API's base URL ({URL}/wayback/available).", "URL"),
            option("archive-save", archive.SAVE, "Save Page Now's base URL ({URL}/save/PAGE).", "URL"),
            option("archive-pace", archiving.PACE, "Seconds between two Save Page Now requests.", "S"),
            option(
                "archive-wait", archiving.WAIT, "The longest wait for one capture; slower ones finish unwatched.", "S"
            ),
        )(f)
    )


def embedded_reviews(files: Any, review: Reviewing, say: Callable[[str], None]) -> list[dict[str, Any]]:
    """The ClaimReviews an HTML page embeds; none, and a note saying why, when the data they need is missing."""
    from factcheck.model.errors import FactcheckError
    from factcheck.publish import claimreview

    try:
        return claimreview.reviews(files, review.options()).items
    except FactcheckError as exc:
        say(f"note: no ClaimReview embedded in the page: {exc}")
        return []
