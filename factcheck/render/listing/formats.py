"""The formats of ``factcheck list``."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    MD = "md"


FORMATS = Formats(
    {
        Format.TEXT: "factcheck.render.listing.text",
        Format.JSON: "factcheck.render.listing.json",
        Format.CSV: "factcheck.render.listing.csv",
        Format.MD: "factcheck.render.listing.md",
    }
)
