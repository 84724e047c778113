"""The formats of ``factcheck report``: name -> function(Report) -> str or rich renderable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.render.report_html import as_html
from factcheck.render.report_json import as_json
from factcheck.render.report_md import as_markdown
from factcheck.render.report_text import as_text
from factcheck.report import Report

FORMATS: dict[str, Callable[[Report], Any]] = {
    "text": as_text,
    "md": as_markdown,
    "html": as_html,
    "json": as_json,
}
