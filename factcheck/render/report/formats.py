"""The formats of ``factcheck report``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.render import Output
from factcheck.render.report import html, json, md, text
from factcheck.report.summary import Report


class Format(StrEnum):
    TEXT = "text"
    MD = "md"
    HTML = "html"
    JSON = "json"


FORMATS: dict[Format, Callable[[Report], Output]] = {
    Format.TEXT: text.render,
    Format.MD: md.render,
    Format.HTML: html.render,
    Format.JSON: json.render,
}
