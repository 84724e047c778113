"""The formats of ``factcheck verify``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.render import Output
from factcheck.render.verify import json, text
from factcheck.verify.run import Run


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"


FORMATS: dict[Format, Callable[[Run], Output]] = {Format.TEXT: text.render, Format.JSON: json.render}
