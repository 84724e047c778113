"""The formats of ``factcheck diff``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.history.diff import Diff
from factcheck.render import Output
from factcheck.render.diff import json, md, text


class Format(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


FORMATS: dict[Format, Callable[[Diff], Output]] = {
    Format.TEXT: text.render,
    Format.MD: md.render,
    Format.JSON: json.render,
}
