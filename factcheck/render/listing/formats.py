"""The formats of ``factcheck list``."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from factcheck.render import Output
from factcheck.render.listing import Listing, csv, json, md, text


class Format(StrEnum):
    TEXT = "text"
    JSON = "json"
    CSV = "csv"
    MD = "md"


FORMATS: dict[Format, Callable[[Listing], Output]] = {
    Format.TEXT: text.render,
    Format.JSON: json.render,
    Format.CSV: csv.render,
    Format.MD: md.render,
}
