"""The formats of ``factcheck check``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.render import Output
from factcheck.render.check import CheckOutput, github, json, junit, sarif, text


class Format(StrEnum):
    TEXT = "text"
    GITHUB = "github"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"


FORMATS: dict[Format, Callable[[CheckOutput], Output]] = {
    Format.TEXT: text.render,
    Format.GITHUB: github.render,
    Format.JSON: json.render,
    Format.SARIF: sarif.render,
    Format.JUNIT: junit.render,
}
