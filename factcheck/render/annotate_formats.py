"""The formats of ``factcheck annotate``: name -> function(Annotation) -> str or rich renderable."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from factcheck.annotate import Annotation
from factcheck.render.annotate_html import as_html
from factcheck.render.annotate_md import as_markdown
from factcheck.render.annotate_terminal import as_terminal

FORMATS: dict[str, Callable[[Annotation], Any]] = {
    "terminal": as_terminal,
    "md": as_markdown,
    "html": as_html,
}
