"""The formats of ``factcheck library list`` and ``stats``."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


LIST_FORMATS = Formats({Format.TEXT: "factcheck.render.library.text", Format.JSON: "factcheck.render.library.json"})
STATS_FORMATS = Formats(
    {Format.TEXT: "factcheck.render.library.stats_text", Format.JSON: "factcheck.render.library.stats_json"}
)
