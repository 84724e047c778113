"""The formats of ``factcheck annotate``."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    TEXT = "text"
    MD = "md"
    HTML = "html"


FORMATS = Formats(
    {
        Format.TEXT: "factcheck.render.annotate.text",
        Format.MD: "factcheck.render.annotate.md",
        Format.HTML: "factcheck.render.annotate.html",
    }
)
