"""The formats of ``factcheck search``."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FORMATS = Formats({Format.TEXT: "factcheck.render.search.text", Format.JSON: "factcheck.render.search.json"})
