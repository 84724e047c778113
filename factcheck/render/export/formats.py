"""The formats of ``factcheck export``."""

from __future__ import annotations

from enum import StrEnum

from factcheck.render.formats import Formats


class Format(StrEnum):
    CLAIMREVIEW = "claimreview"


FORMATS = Formats({Format.CLAIMREVIEW: "factcheck.render.export.claimreview"})
