"""The formats of ``factcheck diff``."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


FORMATS = Formats(
    {
        Format.TEXT: "factcheck.render.diff.text",
        Format.MD: "factcheck.render.diff.md",
        Format.JSON: "factcheck.render.diff.json",
    }
)
