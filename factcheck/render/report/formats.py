"""The formats of ``factcheck report``."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    TEXT = "text"
    MD = "md"
    HTML = "html"
    JSON = "json"


FORMATS = Formats(
    {
        Format.TEXT: "factcheck.render.report.text",
        Format.MD: "factcheck.render.report.md",
        Format.HTML: "factcheck.render.report.html",
        Format.JSON: "factcheck.render.report.json",
    }
)
