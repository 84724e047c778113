"""The formats of ``factcheck annotate``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.render import Output
from factcheck.render.annotate import html, md, text
from factcheck.report.annotation import Annotation


class Format(StrEnum):
    TEXT = "text"
    MD = "md"
    HTML = "html"


FORMATS: dict[Format, Callable[[Annotation], Output]] = {
    Format.TEXT: text.render,
    Format.MD: md.render,
    Format.HTML: html.render,
}
