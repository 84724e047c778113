"""``factcheck report --format json``: the report as data."""

from __future__ import annotations

import json

from factcheck.report import Report, as_dict


def as_json(report: Report) -> str:
    """Every figure and every listed source, for programs."""
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
