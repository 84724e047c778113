"""The formats of ``factcheck check``."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    TEXT = "text"
    GITHUB = "github"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"


FORMATS = Formats(
    {
        Format.TEXT: "factcheck.render.check.text",
        Format.GITHUB: "factcheck.render.check.github",
        Format.JSON: "factcheck.render.check.json",
        Format.SARIF: "factcheck.render.check.sarif",
        Format.JUNIT: "factcheck.render.check.junit",
    }
)
