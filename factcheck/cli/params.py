"""Command-line values with their own rules: dates, shards, HOST:PORT, finite numbers, rule lists, cited URLs."""

from __future__ import annotations

import datetime as _dt
import ipaddress
import math
import os
import re
import stat
from collections.abc import Callable
from typing import Any

import click

from factcheck.model.vocab import Severity

# ASCII digits only: str.isdigit() and re's \d also take '²', '①' or '١', which int() refuses or reads.
_WHOLE = re.compile(r"[0-9]{1,9}")
# A decimal number written with ASCII digits, with an optional exponent.
_DECIMAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,4})?")


def ascii_whole(text: str) -> int | None:
    """``text`` as a whole number when it is 1 to 9 ASCII digits (white space around allowed), else None."""
    text = text.strip()
    return int(text) if _WHOLE.fullmatch(text) else None


class FiniteFloat(click.ParamType):
    """A finite number (no nan, no inf) within bounds."""

    name = "number"

    def __init__(self, min: float | None = None, max: float | None = None) -> None:
        self.min, self.max = min, max

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> float:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = float(value)
        elif _DECIMAL.fullmatch(text := str(value).strip()):
            number = float(text)
        elif text.lower().lstrip("+-") in ("nan", "inf", "infinity"):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        else:
            # float() would also take "nan", "inf", "1_0" and digits of other scripts.
            self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        if self.min is not None and number < self.min:
            self.fail(f"{value!r} is less than {self.min:g}", param, ctx)
        if self.max is not None and number > self.max:
            self.fail(f"{value!r} is more than {self.max:g}", param, ctx)
        return number


class BoundedInt(click.ParamType):
    """A whole number within bounds: a count or a number of days, never an astronomical one."""

    name = "integer"

    def __init__(self, min: int = 0, max: int = 1_000_000) -> None:
        self.min, self.max = min, max

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        else:
            text = str(value).strip()
            if not re.fullmatch(r"[+-]?[0-9]{1,12}", text):
                self.fail(f"{value!r} is not a whole number", param, ctx)
            number = int(text)
        if not self.min <= number <= self.max:
            self.fail(f"{value!r} is not between {self.min} and {self.max}", param, ctx)
        return number


class _Dated(click.ParamType):
    """A date written in one of a few forms, and a real one: ``FORMS`` gives strptime's format by length."""

    name = "date"
    FORM: re.Pattern[str]
    FORMS: dict[int, str]
    HOW: str  # how to write one, for the message

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        if not self.FORM.fullmatch(text):  # match would take a final newline ($)
            self.fail(f"{text!r} is not a date; {self.HOW}", param, ctx)
        try:
            _dt.datetime.strptime(text, self.FORMS[len(text)])
        except ValueError:
            self.fail(f"{text!r} is not a real date", param, ctx)
        return text


class PartialDate(_Dated):
    """A real date, month or year: YYYY-MM-DD, YYYY-MM or YYYY."""

    FORM = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
    FORMS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
    HOW = "write YYYY-MM-DD, YYYY-MM or YYYY"


class Since(_Dated):
    """A day (YYYY-MM-DD) or a UTC timestamp (YYYY-MM-DDTHH:MM:SSZ)."""

    FORM = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}Z)?$")
    FORMS = {10: "%Y-%m-%d", 20: "%Y-%m-%dT%H:%M:%SZ"}
    HOW = "use YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"


class Shard(click.ParamType):
    """``I/N``: the I-th of N shares, 1 <= I <= N."""

    name = "I/N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value
        index, sep, count = str(value).partition("/")
        i, n = ascii_whole(index), ascii_whole(count)
        if not sep or i is None or n is None:
            self.fail(f"{value!r}: expected I/N, e.g. 1/4", param, ctx)
        if n > 10_000:
            self.fail(f"{value!r}: N is at most 10000", param, ctx)
        if not 1 <= i <= n:
            self.fail(
                f"{value!r}: I must be between 1 and N, e.g. 1/{max(n, 1)} to {max(n, 1)}/{max(n, 1)}", param, ctx
            )
        return i, n


def _is_ip(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


class HostPorts(click.ParamType):
    """``HOST:PORT`` (or ``[V6]:PORT``), several separated by commas or spaces."""

    name = "HOST:PORT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> frozenset:
        if isinstance(value, frozenset):
            return value
        found = set()
        for part in str(value).replace(",", " ").split():
            host, sep, port = part.rpartition(":")
            number = ascii_whole(port) if port == port.strip() else None
            if not sep or not host or number is None or not 0 < number < 65536:
                self.fail(f"{part!r} is not HOST:PORT", param, ctx)
            host = host.strip("[]").lower()
            if not host or (":" in host and not _is_ip(host)):
                self.fail(f"{part!r} is not HOST:PORT", param, ctx)
            found.add((host, number))
        return frozenset(found)


class RuleList(click.ParamType):
    """Rule ids, separated by commas."""

    name = "RULE[,RULE]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> frozenset[str]:
        if isinstance(value, frozenset):
            return value
        rules = {r.strip() for r in str(value).split(",") if r.strip()}
        from factcheck.check.rules import RULES  # only the commands that take rules pay for them

        unknown = sorted(rules - set(RULES))
        if unknown:
            self.fail(f"unknown rule {', '.join(unknown)}; rules: {', '.join(RULES)}", param, ctx)
        return frozenset(rules)


def rule_names() -> tuple[str, ...]:
    """The rules of ``check``, loaded only by the commands and settings that name them."""
    from factcheck.check.rules import RULES

    return tuple(RULES)


def published_statuses() -> tuple[str, ...]:
    """The statuses that ClaimReview publishes."""
    from factcheck.publish.defaults import PUBLISHED

    return PUBLISHED


class _Keyed(click.ParamType):
    """``KEY=VALUE`` with a key of ``keys()`` (a ``what``), as the tuple (key, value)."""

    # Most keyed values are a published status's; the rules' severities are the other kind.
    keys = staticmethod(published_statuses)
    what = "status"

    def value(self, given: Any, text: str, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        """The value of ``text``, what follows '=' in ``given``."""
        raise NotImplementedError

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, Any]:
        if isinstance(value, tuple):
            return value
        key, sep, text = str(value).partition("=")
        key, text = key.strip(), text.strip()
        keys = self.keys()
        if not sep or key not in keys:
            self.fail(f"{value!r}: expected {self.name} with a {self.what} of {', '.join(keys)}", param, ctx)
        return key, self.value(value, text, param, ctx)


class RuleSeverity(_Keyed):
    """``RULE=LEVEL``: a rule's severity, error, warning or off."""

    name = "RULE=LEVEL"
    keys = staticmethod(rule_names)
    what = "rule"

    def value(self, given: Any, text: str, param: click.Parameter | None, ctx: click.Context | None) -> Severity:
        if text not in tuple(Severity):
            self.fail(f"{given!r}: the level is one of {', '.join(Severity)}", param, ctx)
        return Severity(text)


class NonEmpty(click.ParamType):
    """A string with something in it besides white space."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        if not text.strip():
            self.fail("must not be empty", param, ctx)
        return text


class Person(NonEmpty):
    """Who made a change: not the name a command records, which would make a person's verdict read as automation's."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from factcheck.model.claims import TOOLS

        text = super().convert(value, param, ctx)
        if text in TOOLS:
            source = ctx.get_parameter_source(param.name) if ctx and param and param.name else None
            whose = f"your login name {text!r}" if source == click.core.ParameterSource.DEFAULT else repr(text)
            self.fail(f"{whose} is what {text} records; give a person's name", param, ctx)
        return text


class HttpUrl(click.ParamType):
    """An absolute http(s) URL with a host, e.g. an endpoint's base URL."""

    name = "URL"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        from urllib.parse import urlsplit

        text = str(value).strip()
        try:
            parts = urlsplit(text)
            parts.port  # noqa: B018 - raises ValueError on a bad port
        except ValueError:
            self.fail(f"{text!r} is not a valid URL", param, ctx)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname or any(c.isspace() for c in text):
            self.fail(f"{text!r} is not an http(s) URL", param, ctx)
        return text


def cited_url(url: str) -> str:
    """A source's URL as given, the way it is stored: checked (UsageError saying why not) and without tracking.

    ``source add``, ``source edit --url`` and ``search --add`` cite pages;
    each URL is refused, or cleaned, by the same rules.  White space around
    it (a URL pasted with its line end) is dropped; inside it, refused.
    """
    # Loaded by the commands that cite a page, not by every command that reads this module.
    from factcheck.curate.sources import check_url, without_tracking

    return without_tracking(check_url(url.strip()))


class StatusWords(_Keyed):
    """``STATUS=WORDS``: the textual rating ClaimReview gives a published status."""

    name = "STATUS=WORDS"

    def value(self, given: Any, text: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if not text:
            self.fail(f"{given!r}: the rating words must not be empty", param, ctx)
        return text


class StatusValue(_Keyed):
    """``STATUS=N``: the number ClaimReview gives a published status, or ``STATUS=none`` for no number."""

    name = "STATUS=N"

    def value(self, given: Any, text: str, param: click.Parameter | None, ctx: click.Context | None) -> int | None:
        if text.lower() == "none":
            return None
        if not re.fullmatch(r"[+-]?[0-9]{1,6}", text):
            self.fail(f"{given!r}: the rating value is a whole number, or none", param, ctx)
        return int(text)


class UrlPattern(click.ParamType):
    """A URL pattern, such as where each ClaimReview or annotated page is, checked by ``check``."""

    name = "PATTERN"

    def __init__(self, check: Callable[[str], str | None]) -> None:
        self.check = check  # what is wrong with a pattern, or None

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        problem = self.check(text)
        if problem:
            self.fail(f"{text!r}: {problem}", param, ctx)
        return text


class Configured(str):
    """A value the configuration file gives a setting, with what reports a problem at its file and line.

    Path settings are checked only when a command uses them (see ``SettingPath``):
    what a path names on disk matters to the command that reads it, not to one
    that has no such option or is given another path on its command line.
    """

    error: Callable[[str], Exception]

    def __new__(cls, value: str, error: Callable[[str], Exception]) -> Configured:
        configured = super().__new__(cls, value)
        configured.error = error
        return configured


class SettingPath(click.Path):
    """A path option the configuration file can set too: a configured path that is wrong is reported at its line.

    A folder's path must name a folder or nothing yet: not a FIFO, a device or a socket, nor a path that
    cannot be followed (a symlink loop or to nothing, a file on the way), which click lets through."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            path = super().convert(value, param, ctx)
            if not self.file_okay:
                self._folder_or_nothing(path, param, ctx)
            return path
        except click.BadParameter as exc:
            if isinstance(value, Configured):
                raise value.error(exc.message.rstrip(".")) from None
            raise

    def _folder_or_nothing(self, path: Any, param: click.Parameter | None, ctx: click.Context | None) -> None:
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            if os.path.islink(path):  # a folder made there would be made at the link's target, if anywhere
                self.fail(f"Directory {str(path)!r} is a symbolic link to nothing", param, ctx)
            return
        except OSError as exc:
            self.fail(f"Directory {str(path)!r} cannot be opened: {exc.strerror}", param, ctx)
        if stat.S_ISFIFO(mode):
            self.fail(f"Directory {str(path)!r} is a named pipe, not a folder", param, ctx)
        if not stat.S_ISDIR(mode):
            self.fail(f"Directory {str(path)!r} is not a folder", param, ctx)
