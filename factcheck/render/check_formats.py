"""The output formats of ``factcheck check``, each a function of the result and the failing severity."""

from __future__ import annotations

from collections.abc import Callable

from factcheck.check import Result
from factcheck.render import check_github, check_json, check_junit, check_sarif, check_text

FORMATS: dict[str, Callable[[Result, str], str]] = {
    "text": lambda result, fail_on: check_text.render(result),
    "github": lambda result, fail_on: check_github.render(result),
    "json": lambda result, fail_on: check_json.render(result),
    "sarif": lambda result, fail_on: check_sarif.render(result),
    "junit": check_junit.render,
}
