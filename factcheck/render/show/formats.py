"""The formats of ``factcheck show``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.render import Output
from factcheck.render.show import ClaimView, json, text


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FORMATS: dict[Format, Callable[[ClaimView], Output]] = {Format.TEXT: text.render, Format.JSON: json.render}
