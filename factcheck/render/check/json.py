"""``check --format json``: the findings as a stable, documented JSON document."""

from __future__ import annotations

from json.encoder import encode_basestring  # type: ignore[attr-defined]

from factcheck import __version__
from factcheck.model.vocab import Severity
from factcheck.render import jsonrows
from factcheck.render.check import CheckOutput

VERSION = 1


def render(output: CheckOutput) -> str:
    """``{"version", "tool", "files", "counts", "findings", "unmatched_baseline"}``; see the README.

    Each finding is ``{"rule", "severity", "file", "line", "claim", "url", "message"}``, one per
    line, put together here: a flat row of strings and numbers needs only json's string quoting.
    """
    result = output.result
    q = encode_basestring
    findings = [
        jsonrows.Raw(
            f'{{"rule": {q(f.rule)}, "severity": {q(str(f.severity))}, "file": {q(f.path)}, '
            f'"line": {"null" if f.line is None else f.line}, "claim": {"null" if f.claim is None else q(f.claim)}, '
            f'"url": {"null" if f.url is None else q(f.url)}, "message": {q(f.message)}}}'
        )
        for f in result.findings
    ]
    document = {
        "version": VERSION,
        "tool": {"name": "factcheck", "version": __version__},
        "files": result.files,
        "counts": {"error": result.count(Severity.ERROR), "warning": result.count(Severity.WARNING)},
        "findings": None,
        "unmatched_baseline": [{"rule": r, "claim": c, "url": u or None} for r, c, u in result.unmatched],
    }
    return jsonrows.dumps(document, "findings", findings)
