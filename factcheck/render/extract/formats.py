"""The formats of ``factcheck extract``'s proposals."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.render import Output
from factcheck.render.extract import Proposals, json, text


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FORMATS: dict[Format, Callable[[Proposals], Output]] = {Format.TEXT: text.render, Format.JSON: json.render}
