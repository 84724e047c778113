"""The formats of ``factcheck extract``'s proposals."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FORMATS = Formats(
    {
        Format.TEXT: "factcheck.render.extract.text",
        Format.JSON: "factcheck.render.extract.json",
    }
)
