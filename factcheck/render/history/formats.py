"""The formats of ``factcheck history``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.render import Output
from factcheck.render.history import Timeline, json, text


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FORMATS: dict[Format, Callable[[Timeline], Output]] = {Format.TEXT: text.render, Format.JSON: json.render}
